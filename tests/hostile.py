"""Hostile reports, built in code: an alias bomb, a one-line report of many talks, deep nesting."""
from __future__ import annotations

from pathlib import Path

NORMAL = """---
title: KVM Forum 2014 recap
date: 2014-10-30
---

KVM Forum 2014 took place in Düsseldorf.

- [Scaling QEMU Block Layers](https://example.org/block.pdf) by Stefan Hajnoczi
- [Virtio 1.0 status](https://example.org/virtio.pdf) by Rusty Russell
"""
NORMAL_TALK = "Scaling QEMU Block Layers"


def alias_bomb(levels: int = 10, width: int = 9) -> str:
    """YAML front matter whose aliases expand to ``width ** levels`` values (the "billion laughs")."""
    lines = ["---", "title: Laughs", "a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]" for i in range(1, levels)]
    return "\n".join(lines + ["---", "", "# Laughs", "", "A body after the bomb.", ""])


def one_line_of_talks(talks: int) -> str:
    """One line of ``talks`` "[Talk](url) by Name" items."""
    items = " ".join(f"[Talk number {i}](https://example.org/t/{i}) by Name{i} Person,"
                     for i in range(talks))
    return "# Conference\n\n" + items + "\n"


def deep_html(levels: int) -> str:
    return ("<html><body>" + "<div>" * levels + "<h1>Deep</h1><p>deep text</p>"
            + "</div>" * levels + "</body></html>")


def deep_quotes(levels: int) -> str:
    return "# Deep\n\n" + ">" * levels + " deep quote\n"


def hostile_folder(folder: Path, talks: int = 20_000) -> dict[str, Path]:
    """A folder of each hostile file beside a normal report; name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "bomb": ("bomb.md", alias_bomb()),
        "oneline": ("oneline.md", one_line_of_talks(talks)),
        "divs": ("divs.html", deep_html(200_000)),
        "quotes": ("quotes.md", deep_quotes(50_000)),
        "normal": ("normal.md", NORMAL),
    }
    paths = {}
    for key, (name, text) in files.items():
        paths[key] = folder / name
        paths[key].write_text(text, encoding="utf-8")
    return paths
