"""Markdown body -> blocks and links, with source lines, via markdown-it-py."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Callable

from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin

from graphbuild.readers import embeds, frontmatter
from graphbuild.readers.mdx import strip_mdx
from graphbuild.readers.html import CELL_BREAK, absolute_url, cell_text, collect, define, tidy
from graphbuild.readers.report import Parsed
from graphbuild.types import Block, Link

MAX_NESTING = 60               # deeper documents are read as plain text
LONG_LINE = 20_000             # longer lines skip the Markdown parser
MAX_PARSED = 1_000_000         # larger bodies skip the Markdown parser
MAX_BRACKETS = 20_000          # more "[" than this skip it too (link parsing grows quadratically)

_LIQUID = re.compile(r"\{%[^%]{0,2000}?%\}|\{\{[^{}]{0,2000}?\}\}")
_LIQUID_LINK = re.compile(r"\{%-?\s*(?:link|post_url)\s+([^\s%]{1,500})\s*-?%\}")
_IAL = re.compile(r"\{:[^{}\n]{0,300}\}")
_BARE_URL = re.compile(r"(?<![\w/(\[<\"'=])(?:https?://|www\.)[^\s<>\"'\[\]()]+")
_A_OPEN = re.compile(r"""<a\b[^<>]{0,500}?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_A_CLOSE = re.compile(r"</a\s*>", re.I)
_IMG = re.compile(r"""<img\b[^<>]{0,500}?\bsrc\s*=\s*(?:"([^"]{0,2000})"|'([^']{0,2000})'|([^\s>]{1,2000}))[^<>]{0,500}>""", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_MD_LINK = re.compile(r"(!?)\[([^\[\]\n]{0,500})\]\(\s*<?([^()\s<>]{1,2000})>?(?:\s+[\"'][^\"'\n]{0,500}[\"'])?\s*\)")


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING})
    md.enable(["table", "strikethrough"])
    md.use(deflist_plugin)
    md.normalizeLink = lambda url: url          # keep URLs as written
    md.normalizeLinkText = lambda text: text
    return md


_MD = _parser()


_TAG = re.compile(r"<([A-Za-z][\w.:-]*)\b([^<>]{0,2000})>")


_MARK_TAG = re.compile(r"^<(/?)(?:i|em|b|strong)\s*>$", re.I)
EMBED_TITLE = "embedded player"          # link title that marks a shortcode's link as an embed


def markdown_link(embed: embeds.Embed) -> str:
    if not embed.embed:
        return f"[{embed.label}](<{embed.url}>)"
    return f'[{embed.label}](<{embed.url}> "{EMBED_TITLE}")'


def strip_templates(text: str, link: Callable[[embeds.Embed], str] = markdown_link) -> str:
    """Players in shortcodes become ``link(embed)``; Jekyll ``{% link path %}`` and
    ``{% post_url name %}`` the path as written; other Liquid tags and Kramdown attribute
    lists are removed, keeping line breaks."""
    keep = lambda m: "\n" * m.group().count("\n")  # noqa: E731
    text = _LIQUID_LINK.sub(r"\1", embeds.replace_shortcodes(text, link))
    return _IAL.sub("", _LIQUID.sub(keep, text))


def _first(m: re.Match) -> str:
    return next((g for g in m.groups() if g is not None), "")


def bare_urls(text: str, line: int) -> list[Link]:
    """Links for plain ``http(s)://`` URLs written in running text."""
    links = []
    for m in _BARE_URL.finditer(text):
        url = m.group().rstrip(".,;:!?*_'\"")
        if url.startswith("www."):
            continue
        links.append(Link(url, url, line + text.count("\n", 0, m.start())))
    return links


@dataclass
class _Inline:
    """Plain text and links of one inline token."""
    text: str = ""
    links: list[Link] = field(default_factory=list)
    lead: int = 0                   # empty lines dropped before the text
    emphasis: list[str] = field(default_factory=list)
    cell: str = ""                  # the text as a table cell: <br> kept as "\n"


def render_inline(children, line: int) -> _Inline:
    """Plain text of inline tokens (markup dropped, line breaks kept) and their links."""
    parts: list[str] = []
    links: list[Link] = []
    anchors: list[list] = []                    # [href, line, start part, image alt, embed]
    marks: list[int] = []                       # start part of each open bold/italic span
    emphasis: list[str] = []
    for tok in children or ():
        kind = tok.type
        if kind in ("strong_open", "em_open"):
            marks.append(len(parts))
        elif kind in ("strong_close", "em_close") and marks:
            marked = tidy("".join(parts[marks.pop():]), keep_lines=False)
            if marked and marked not in emphasis:
                emphasis.append(marked)
        if kind == "text":
            if not anchors:
                links.extend(bare_urls(tok.content, line))
            parts.append(tok.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
            line += 1
        elif kind == "code_inline":
            parts.append(tok.content)
        elif kind == "link_open":
            anchors.append([tok.attrs.get("href", ""), line, len(parts), "",
                            tok.attrs.get("title") == EMBED_TITLE])
        elif kind == "link_close" and anchors:
            href, start_line, start, alt, embed = anchors.pop()
            text = tidy("".join(parts[start:]), keep_lines=False) or alt
            links.append(Link(text, absolute_url(str(href)), start_line, embed=embed))
        elif kind == "image":
            alt = tidy(tok.content, keep_lines=False)
            links.append(Link(alt, absolute_url(str(tok.attrs.get("src", ""))), line, image=True))
            for anchor in anchors:
                anchor[3] = anchor[3] or alt
            line += sum(1 for c in tok.children or () if c.type in ("softbreak", "hardbreak"))
        elif kind == "html_inline":
            mark = _MARK_TAG.match(tok.content)
            if mark and not mark.group(1):              # <i>, <em>, <b>, <strong> as written in HTML
                marks.append(len(parts))
            elif mark and marks:
                marked = tidy("".join(parts[marks.pop():]), keep_lines=False)
                if marked and marked not in emphasis:
                    emphasis.append(marked)
            else:
                _html_inline(tok.content, line, parts, anchors, links)
            line += tok.content.count("\n")
    while anchors:
        href, start_line, start, alt, embed = anchors.pop()
        links.append(Link(tidy("".join(parts[start:]), keep_lines=False) or alt,
                          absolute_url(href), start_line, embed=embed))
    joined = "".join(parts)
    text = tidy(joined.replace(CELL_BREAK, " "), strip=False)
    lead = len(text) - len(text.lstrip("\n"))
    return _Inline(text.strip("\n").rstrip(), links, lead, emphasis, cell_text([joined]))


def _html_inline(raw: str, line: int, parts: list, anchors: list, links: list) -> None:
    tag = _TAG.match(raw)
    embed = embeds.from_tag(tag.group(1), embeds.parse_attrs(tag.group(2))) if tag else None
    if embed:
        parts.append(f" {embed.label} ")
        links.append(Link(embed.label, embed.url, line, embed=True))
    elif tag and tag.group(1).lower() == "br":
        parts.append(CELL_BREAK)
    elif (m := _A_OPEN.match(raw)):
        url = _first(m).strip()
        anchors.append([url, line + raw.count("\n", 0, m.start(m.lastindex)), len(parts), "", False])
    elif _A_CLOSE.match(raw) and anchors:
        href, start_line, start, alt, _ = anchors.pop()
        if href and not href.startswith("#"):
            text = tidy("".join(parts[start:]), keep_lines=False) or alt
            links.append(Link(text, absolute_url(href), start_line))
    elif (m := _IMG.match(raw)):
        alt_m = _ALT.search(raw)
        alt = tidy(_first(alt_m), keep_lines=False) if alt_m else ""
        links.append(Link(alt, absolute_url(_first(m)), line + raw.count("\n", 0, m.start(m.lastindex)),
                          image=True))
        for anchor in anchors:
            anchor[3] = anchor[3] or alt
    if "\n" in raw:
        parts.append("\n" * raw.count("\n"))


class MarkdownError(Exception):
    """The Markdown parser could not handle the text (too deep, too long)."""


def parse_blocks(body: str, first_line: int) -> list[Block]:
    """Blocks of a Markdown body whose first line is ``first_line`` of the file."""
    tokens = _MD.parse(body)
    if any(tok.level >= MAX_NESTING - 2 for tok in tokens):
        raise MarkdownError(f"nested deeper than {MAX_NESTING} levels")
    blocks: list[Block] = []
    lists = quotes = 0
    items: list[bool] = []                 # per open list item: first paragraph seen
    pending: tuple[str, int] | None = None
    row: list[str] | None = None
    row_links: list[Link] = []
    row_index = 0
    row_line = 0
    term: int | None = None               # index of a definition term awaiting its definition
    for tok in tokens:
        kind = tok.type
        start = (tok.map[0] + first_line) if tok.map else 0
        if kind in ("bullet_list_open", "ordered_list_open", "dl_open"):
            lists += 1
        elif kind in ("bullet_list_close", "ordered_list_close", "dl_close"):
            lists -= 1
        elif kind == "dt_open":
            pending = ("term", lists)
        elif kind == "dd_open":
            pending = ("definition", lists)
        elif kind == "paragraph_open" and pending and pending[0] == "definition":
            continue                       # a definition's first paragraph
        elif kind == "list_item_open":
            items.append(False)
        elif kind == "list_item_close":
            items.pop()
        elif kind == "blockquote_open":
            quotes += 1
        elif kind == "blockquote_close":
            quotes -= 1
        elif kind == "heading_open":
            pending = ("heading", int(tok.tag[1:]))
        elif kind == "paragraph_open":
            if items and not items[-1]:
                items[-1] = True
                pending = ("list_item", lists)
            else:
                pending = ("quote" if quotes else "paragraph", lists)
        elif kind == "table_open":
            row_index = 0
        elif kind == "tr_open":
            row, row_links, row_line = [], [], start
        elif kind == "tr_close" and row is not None:
            if any(row):
                text = " | ".join(c.replace("\n", ", ") for c in row)
                blocks.append(Block("table_row", text, row_line, row_line, level=row_index,
                                    cells=tuple(row), links=tuple(row_links)))
            row_index += 1
            row = None
        elif kind == "inline":
            inline = render_inline(tok.children, start)
            if row is not None:
                row.append(inline.cell)
                row_links.extend(inline.links)
            elif pending and pending[0] == "definition" and term == len(blocks) - 1:
                line = start + inline.lead
                blocks[-1] = define(blocks[-1], Block("list_item", inline.text, line,
                                                      line + inline.text.count("\n"),
                                                      links=tuple(inline.links)))
                term = None
            elif pending:
                line = start + inline.lead
                kind = "list_item" if pending[0] in ("term", "definition") else pending[0]
                blocks.append(Block(kind, inline.text, line,
                                    line + inline.text.count("\n"), level=pending[1],
                                    links=tuple(inline.links), emphasis=tuple(inline.emphasis)))
                term = len(blocks) - 1 if pending[0] == "term" else None
            pending = None
        elif kind in ("fence", "code_block"):
            text = tok.content.rstrip("\n")
            line = start + (1 if kind == "fence" else 0)
            if text.strip():
                blocks.append(Block("code", text, line, line + text.count("\n"), level=lists))
        elif kind == "html_block":
            blocks.extend(_continue_rows(blocks, tok.content,
                                         collect(tok.content, start, loose_kind="html").blocks))
    return blocks


def _continue_rows(before: list[Block], html: str, new: list[Block]) -> list[Block]:
    """Number the rows of an HTML table split by blank lines on from the rows before."""
    lowered = html.lower()
    if not (new and before and new[0].kind == "table_row" and before[-1].kind == "table_row"):
        return new
    if "<table" in lowered[: max(0, lowered.find("<tr"))]:
        return new
    index = before[-1].level + 1
    out = []
    for block in new:
        if block.kind == "table_row" and index is not None:
            block = replace(block, level=index)
            index += 1
        else:
            index = None
        out.append(block)
    return out


def plain_blocks(body: str, first_line: int) -> list[Block]:
    """Fallback: paragraphs split at blank lines; Markdown links read with a regex."""
    blocks: list[Block] = []
    lines = body.split("\n")
    chunk: list[str] = []
    links: list[Link] = []
    start = first_line
    for i, raw in enumerate(lines + [""]):
        line = first_line + i
        if not raw.strip():
            text = tidy("\n".join(chunk))
            if text:
                blocks.append(Block("paragraph", text, start, line - 1, links=tuple(links)))
            chunk, links = [], []
            continue
        if not chunk:
            start = line
        text, found = _plain_line(raw, line)
        chunk.append(text)
        links.extend(found)
    return blocks


def _plain_line(raw: str, line: int) -> tuple[str, list[Link]]:
    links = [Link(tidy(m.group(2)), absolute_url(m.group(3)), line, image=bool(m.group(1)))
             for m in _MD_LINK.finditer(raw)]
    text = _MD_LINK.sub(lambda m: "" if m.group(1) else m.group(2), raw)
    links += [Link(url, absolute_url(_first(m)), line) for m in _A_OPEN.finditer(text)
              if (url := _first(m))]
    links += bare_urls(text, line)
    text = re.sub(r"<[^<>\n]{0,500}>", "", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}\s+|[-*+>]\s+|\d+[.)]\s+)+", "", text)
    return text, links


def read_markdown(body: str, first_line: int) -> tuple[list[Block], list[str]]:
    """Blocks of a Markdown body; parser limits become warnings and a plain-text reading."""
    body = strip_templates(strip_mdx(body))
    warnings: list[str] = []
    if len(body) > MAX_PARSED:
        warnings.append(f"body longer than {MAX_PARSED} characters; read as plain text")
        return plain_blocks(body, first_line), warnings
    if body.count("[") > MAX_BRACKETS:
        warnings.append(f"more than {MAX_BRACKETS} '[' characters; read as plain text")
        return plain_blocks(body, first_line), warnings
    lines = body.split("\n")
    long = [i for i, line in enumerate(lines) if len(line) > LONG_LINE]
    extra: list[Block] = []
    if long:
        for i in long:
            extra.extend(plain_blocks(lines[i], first_line + i))
            lines[i] = ""
        warnings.append(f"{len(long)} line(s) longer than {LONG_LINE} characters read as "
                        f"plain text (first: line {first_line + long[0]})")
        body = "\n".join(lines)
    try:
        blocks = parse_blocks(body, first_line)
    except (MarkdownError, RecursionError) as exc:
        warnings.append(f"Markdown structure too deep ({exc}); read as plain text")
        return sorted(plain_blocks(body, first_line) + extra, key=lambda b: b.line), warnings
    if extra:
        blocks = sorted(blocks + extra, key=lambda b: b.line)
    return blocks, warnings


def read(text: str) -> Parsed:
    """Read a Markdown report: front matter, then the body."""
    fm = frontmatter.split(text)
    blocks, warnings = read_markdown(fm.body, fm.body_line)
    return Parsed("markdown", fm.data, blocks, fm.meta_line, fm.body_line,
                  fm.warnings + tuple(warnings))
