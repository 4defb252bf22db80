"""MDX (Docusaurus, Next.js) written in Markdown files, made readable as Markdown with HTML.

Outside fenced code: ``import``/``export`` lines are blanked, ``{/* */}``
comments dropped, and JSX expression attributes removed from tags
(``<Gallery images={[...]} />`` -> ``<Gallery />``; ``id={"x"}`` ->
``id="x"``), so the Markdown parser sees plain HTML tags whose string
attributes (a player's ``id`` or ``src``) the HTML reader can use. Line
breaks are kept, so source lines stay true.
"""
from __future__ import annotations

import re

_MODULE = re.compile(
    r"^(?:import\s+(?:[\w*{}\s,]+\s+from\s+)?[\"'][^\"'\n]+[\"'];?"
    r"|export\s+(?:default\s+|const\s+|let\s+|var\s+|function\s+|async\s+function\s+|\{)[^\n]*)\s*$")
_COMMENT = re.compile(r"\{/\*.{0,2000}?\*/\}")
_TAG_OPEN = re.compile(r"<[A-Za-z][\w.:-]*(?=[\s/>])")
_STRING = re.compile(r"""\s*(["'`])([^"'`{}\n]{0,2000})\1\s*""")
_NAME_EQ = re.compile(r"\s[\w:.-]+\s*=\s*$")
MAX_TAG = 20_000                 # longest tag read
MAX_SCAN = 2_000_000             # characters scanned for tag ends in one document


def _group_end(text: str, start: int, close: str, stop: str = "") -> int | None:
    """Index after the ``close`` that ends the group opened before ``start``; quotes and
    nested braces skipped; None when ``stop`` comes first at depth 0 or nothing closes."""
    depth, quote = 0, ""
    for j in range(start, min(len(text), start + MAX_TAG)):
        c = text[j]
        if quote:
            quote = "" if c == quote else quote
        elif c in "\"'`":
            quote = c
        elif c == "{":
            depth += 1
        elif c == "}" and depth:
            depth -= 1
        elif depth == 0 and c == close:
            return j + 1
        elif depth == 0 and c in stop:
            return None
    return None


def _clean_tag(tag: str) -> str:
    """A tag with its ``{...}`` expressions dropped (string literals kept as attributes)."""
    out: list[str] = []
    i = 0
    while i < len(tag):
        c = tag[i]
        if c in "\"'":
            end = tag.find(c, i + 1)
            end = len(tag) if end < 0 else end + 1
            out.append(tag[i:end])
            i = end
            continue
        if c != "{":
            out.append(c)
            i += 1
            continue
        end = _group_end(tag, i + 1, "}") or len(tag)
        inner = tag[i + 1:end - 1]
        before = "".join(out)
        name = _NAME_EQ.search(before)
        literal = _STRING.fullmatch(inner)
        if name and literal:
            out.append(f'"{literal.group(2)}"')
        else:
            if name:
                out = [before[:name.start()] + " "]
            out.append("\n" * inner.count("\n"))
        i = end
    return "".join(out)


def _tags(text: str) -> str:
    if "{" not in text:
        return text
    out, pos, budget = [], 0, MAX_SCAN
    for m in _TAG_OPEN.finditer(text):
        if m.start() < pos:
            continue
        if budget <= 0:                  # pathological input: leave the rest as written
            break
        end = _group_end(text, m.end(), ">", "<")
        budget -= (end or m.end() + MAX_TAG) - m.end()
        if end is None or "{" not in text[m.end():end]:
            continue
        tag = _clean_tag(text[m.start():end])
        # one line, so the Markdown parser takes it for a tag; its line breaks follow it
        out += [text[pos:m.start()], " ".join(tag.split()), "\n" * tag.count("\n")]
        pos = end
    return "".join(out) + text[pos:] if out else text


def strip_mdx(text: str) -> str:
    """The text with MDX module lines, comments and tag expressions removed outside code."""
    if not any(word in text for word in ("import", "export", "{")):
        return text
    out: list[str] = []
    prose: list[str] = []                # lines since the last code fence
    fence = ""

    def flush_prose() -> None:
        if prose:
            out.append(_tags("\n".join(prose)))
            prose.clear()

    for line in text.split("\n"):
        stripped = line.lstrip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
            out.append(line)
        elif stripped.startswith(("```", "~~~")):
            flush_prose()
            fence = stripped[:3]
            out.append(line)
        elif line[:1] in "ie" and _MODULE.match(line):
            prose.append("")
        else:
            prose.append(_COMMENT.sub("", line))
    flush_prose()
    return "\n".join(out)
