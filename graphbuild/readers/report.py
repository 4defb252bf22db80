"""Assemble a Report from cleaned front matter and body blocks: sections and links."""
from __future__ import annotations

import dataclasses
from typing import Any, Iterable

from graphbuild.readers.embeds import page_key
from graphbuild.types import Block, Link, Report


LONG_LINE = 20_000     # characters; such a line is taken to show every URL of its links


def _shows(lines: list[str], n: int, url: str) -> bool:
    line = lines[n - 1]
    return len(line) > LONG_LINE or url in line


def _fix_line(link: Link, lines: list[str], lo: int, hi: int) -> Link:
    """Move a link to the nearest line in [lo, hi] that shows its URL, when its own does not.

    Lines are tried outwards from the link's own line, so the cost is the distance
    to the line found, and a megabyte line is never searched once per link.
    """
    if not link.url or not lines or not (1 <= link.line <= len(lines)):
        return link
    if _shows(lines, link.line, link.url):
        return link
    lo, hi = max(1, lo), min(len(lines), hi)
    for distance in range(1, max(link.line - lo, hi - link.line) + 1):
        for n in (link.line - distance, link.line + distance):
            if lo <= n <= hi and len(lines[n - 1]) <= LONG_LINE and link.url in lines[n - 1]:
                return dataclasses.replace(link, line=n)
    return link


def _in_block(link: Link, index: int) -> Link:
    """``link`` with its block index (``dataclasses.replace`` is ten times slower)."""
    return link if link.block == index else Link(link.text, link.url, link.line, index, link.image, link.embed)


def _as_written(blocks: list[Block]) -> list[Block]:
    """Embeds of a page the report also links to take the URL the report writes for it."""
    written: dict[str, str] = {}
    for block in blocks:
        for link in block.links:
            if not link.embed and not link.image:
                written.setdefault(page_key(link.url), link.url)
    if not written:
        return blocks
    out = []
    for block in blocks:
        if any(link.embed and page_key(link.url) in written for link in block.links):
            block = dataclasses.replace(block, links=tuple(
                dataclasses.replace(link, url=written.get(page_key(link.url), link.url))
                if link.embed else link for link in block.links))
        out.append(block)
    return out


def build_report(*, report_id: str, path: str, fmt: str, fields: dict[str, Any],
                 meta: dict[str, Any], blocks: Iterable[Block], source_lines: list[str],
                 sha256: str, meta_line: int = 1, body_line: int = 1,
                 warnings: Iterable[str] = ()) -> Report:
    """A Report with block sections and link block indexes filled in."""
    final: list[Block] = []
    links: list[Link] = []
    loose: list[Link] = []
    section = ""
    for block in _as_written(list(blocks)):
        block_links = tuple(_fix_line(link, source_lines, block.line, block.end_line + 1)
                            for link in block.links)
        if not block.text.strip():
            loose.extend(_in_block(link, -1) for link in block_links)
            continue
        index = len(final)
        if block.kind == "heading":
            section = " ".join(block.text.split())
        block_links = tuple(_in_block(link, index) for link in block_links)
        final.append(dataclasses.replace(block, section=section, links=block_links))
        links.extend(block_links)
    links = sorted(links + loose, key=lambda link: link.line)
    title = fields.get("title") or next(
        (b.section for b in final if b.kind == "heading" and b.level == 1), "")
    warns = list(warnings)
    if not final:
        warns.append("no body text found")
    return Report(
        id=report_id, path=path, format=fmt, title=title, date=fields.get("date"),
        authors=tuple(fields.get("authors", ())), tags=tuple(fields.get("tags", ())),
        meta=meta, meta_line=meta_line, body_line=body_line, blocks=tuple(final),
        links=tuple(links), sha256=sha256, warnings=tuple(dict.fromkeys(warns)),
    )


@dataclasses.dataclass(frozen=True)
class Parsed:
    """What a format reader returns: raw metadata and body blocks with source lines."""
    format: str
    data: dict
    blocks: list[Block]
    meta_line: int = 1
    body_line: int = 1
    warnings: tuple[str, ...] = ()
