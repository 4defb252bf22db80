"""reStructuredText -> metadata, blocks and links, with docutils' own parser.

Metadata comes from where rst blogs put it: the document title and the
bibliographic field list under it (Pelican: ``:date:``, ``:tags:``,
``:author:``), Nikola's ``.. title:`` comment lines, an ABlog ``.. post::``
directive, or YAML/TOML front matter. Directives and roles docutils does not
know (Sphinx's ``:doc:``, a blog's ``.. youtube::``) are read, never dropped:
a directive's content is read as body text, a player directive becomes an
embedded-player link, a role keeps its text. Raw HTML is read by the HTML
reader. Nothing is ever read from disk or the network (``include`` and
``raw :file:`` are off).
"""
from __future__ import annotations

import io
import re
from typing import Any

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives, roles
from docutils.parsers.rst.languages import en as _en

from graphbuild.readers import embeds, frontmatter
from graphbuild.readers import html as html_reader
from graphbuild.readers.html import absolute_url, header_like, tidy
from graphbuild.readers.report import Parsed
from graphbuild.types import Block, Link

_SETTINGS = {
    "report_level": 5, "halt_level": 5, "file_insertion_enabled": False, "raw_enabled": True,
    "input_encoding": "unicode", "syntax_highlight": "none", "smart_quotes": False,
    "doctitle_xform": True, "docinfo_xform": True, "sectsubtitle_xform": False,
    "line_length_limit": 1_000_000, "character_level_inline_markup": False,
}
_NIKOLA = re.compile(r"^\.\.\s+([a-z_]+):\s*(.*)$")
_DIRECTIVE = re.compile(r"^\s*\.\.\s+([\w][\w:+.-]*)::", re.M)
_ROLE = re.compile(r"(?<![\w`]):([\w][\w:+.-]*):`")
_TITLED = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.S)
_URL = re.compile(r"^(?:https?://|//|mailto:)", re.I)
# directives whose options are the post's metadata (ABlog)
_META_DIRECTIVES = frozenset({"post"})
_SKIP = (nodes.docinfo, nodes.comment, nodes.target, nodes.substitution_definition, nodes.system_message,
         nodes.pending, nodes.footnote, nodes.citation, nodes.decoration, nodes.meta
         if hasattr(nodes, "meta") else nodes.comment)


class _AnyOption(dict):
    """Accepts every option of a directive docutils does not know."""
    def __missing__(self, key):
        return directives.unchanged


def _any_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """An unknown role keeps its text; ``title <url>`` becomes a link."""
    m = _TITLED.match(text)
    shown, target = (m.group(1) or m.group(2), m.group(2)) if m else (text, "")
    shown = shown.lstrip("~!")
    if target and _URL.match(target):
        return [nodes.reference(rawtext, shown, refuri=target)], []
    return [nodes.Text(shown)], []


class _AnyDirective(Directive):
    """An unknown directive: a player becomes an embed link, a URL argument a link, and the
    content is read as body text; ABlog's ``post`` options are kept as metadata."""
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = _AnyOption({"class": directives.class_option})

    def run(self):
        arg = (self.arguments[0] if self.arguments else "").strip()
        out: list[nodes.Node] = []
        if self.name in _META_DIRECTIVES:
            meta = self.state.document.setdefault("graphbuild_meta", {})
            if arg:
                meta.setdefault("date", arg)
            for key, value in self.options.items():
                if key != "class" and value:
                    meta.setdefault(key, value)
        provider = embeds.provider_of(self.name)
        embed = embeds.from_id(provider, arg) if provider and arg else None
        if embed is not None:
            para = nodes.paragraph("", "")
            para += nodes.reference(embed.label, embed.label, refuri=embed.url, embed=True)
            para.line = self.lineno
            out.append(para)
        elif _URL.match(arg):
            para = nodes.paragraph("", "")
            para += nodes.reference(arg, arg, refuri=arg)
            para.line = self.lineno
            out.append(para)
        if self.content:
            box = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, box)
            out.append(box)
        return out


def _known_directive(name: str) -> bool:
    return name in _en.directives or name in directives._directives \
        or name in directives._directive_registry


def _known_role(name: str) -> bool:
    return name in _en.roles or name in roles._roles or name in roles._role_registry


def _register_unknown(text: str) -> None:
    for name in set(_DIRECTIVE.findall(text)):
        if not _known_directive(name):
            directives.register_directive(name, _AnyDirective)
    for name in set(_ROLE.findall(text)):
        if not _known_role(name):
            roles.register_local_role(name, _any_role)


def _nikola(lines: list[str]) -> tuple[dict[str, str], int]:
    """``.. key: value`` comment lines opening the file (Nikola); (data, lines used)."""
    data: dict[str, str] = {}
    n = 0
    for n, line in enumerate(lines):
        m = _NIKOLA.match(line)
        if not m:
            break
        data[m.group(1)] = m.group(2).strip()
    else:
        n = len(lines)
    return (data, n) if data else ({}, 0)


# ------------------------------------------------------------------ inline text

class _Inline:
    """Plain text of an inline run with its links (lines counted from ``line``)."""

    def __init__(self, line: int):
        self.line = line
        self.parts: list[str] = []
        self.links: list[Link] = []
        self.marked: list[str] = []

    def at(self) -> int:
        return self.line + "".join(self.parts).count("\n")

    def add(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            self.parts.append(str(node))
        elif isinstance(node, (nodes.footnote_reference, nodes.citation_reference, nodes.image,
                               nodes.system_message, nodes.substitution_reference)):
            return
        elif isinstance(node, nodes.reference):
            text = node.astext()
            url = node.get("refuri", "")
            if url:
                self.links.append(Link(" ".join(text.split()), absolute_url(url), self.at(),
                                       embed=bool(node.get("embed"))))
            self.parts.append(text)
        elif isinstance(node, (nodes.emphasis, nodes.strong)):
            self.marked.append(" ".join(node.astext().split()))
            for child in node.children:
                self.add(child)
        elif isinstance(node, nodes.raw):
            if "html" in node.get("format", ""):
                self.parts.append(re.sub(r"<[^>]*>", "", node.astext()))
        else:
            for child in node.children:
                self.add(child)

    def text(self) -> str:
        return "".join(self.parts)


# ------------------------------------------------------------------ blocks

class _Walker:
    def __init__(self, lines: list[str]):
        self.lines = lines
        self.blocks: list[Block] = []

    def line_of(self, node: nodes.Node, fallback: int) -> int:
        line = getattr(node, "line", None)
        if line:
            return line
        for child in node.findall(include_self=False):
            if getattr(child, "line", None):
                return child.line
        return fallback

    def title_line(self, node: nodes.Node, fallback: int) -> int:
        """Docutils gives a section title the line of its underline, and a title promoted to
        subtitle none: find the line that shows the text."""
        head = " ".join(node.astext().split())[:15]
        own = getattr(node, "line", None)
        order = (own - 1, own, own - 2) if own else range(fallback, len(self.lines) + 1)
        for n in order:
            if 1 <= n <= len(self.lines) and head and self.lines[n - 1].strip().startswith(head):
                return n
        return max(1, own - 1) if own else fallback

    def emit(self, kind: str, node: nodes.Node, line: int, level: int = 0, prefix: str = "",
             cells: tuple[str, ...] = ()) -> None:
        inline = _Inline(line)
        if prefix:
            inline.parts.append(prefix)
        inline.add(node)
        body = tidy(inline.text())
        if body:
            end = line + body.count("\n")
            self.blocks.append(Block(kind, body, line, end, level=level, cells=cells,
                                     links=tuple(inline.links),
                                     emphasis=tuple(dict.fromkeys(m for m in inline.marked if m))))

    def walk(self, node: nodes.Node, depth: int, lists: int, line: int, quote: bool = False) -> None:
        for child in node.children:
            line = self.line_of(child, line)
            self.visit(child, depth, lists, line, quote)

    def visit(self, node: nodes.Node, depth: int, lists: int, line: int, quote: bool) -> None:
        if isinstance(node, _SKIP):
            return
        if isinstance(node, nodes.section):
            self.walk(node, depth + 1, lists, line, quote)
        elif isinstance(node, (nodes.title, nodes.subtitle, nodes.rubric)):
            level = max(1, depth) if isinstance(node, nodes.title) else max(2, depth + 1)
            line = self.title_line(node, line)
            self.emit("heading", node, line, level=min(level, 6))
        elif isinstance(node, nodes.paragraph):
            self.emit("quote" if quote else "paragraph", node, line)
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            for item in node.children:
                self.list_item(item, depth, lists + 1, self.line_of(item, line), quote)
        elif isinstance(node, nodes.definition_list):
            for item in node.children:
                self.definition(item, depth, lists + 1, self.line_of(item, line))
        elif isinstance(node, nodes.field_list):
            for item in node.children:
                self.field(item, lists + 1, self.line_of(item, line))
        elif isinstance(node, nodes.table):
            self.table(node, line)
        elif isinstance(node, nodes.block_quote):
            self.walk(node, depth, lists, line, quote=True)
        elif isinstance(node, (nodes.literal_block, nodes.doctest_block)):
            self.blocks.append(Block("code", node.astext(), line, line + node.astext().count("\n")))
        elif isinstance(node, nodes.line_block):
            self.emit("quote" if quote else "paragraph", node, line)
        elif isinstance(node, nodes.raw):
            if "html" in node.get("format", ""):
                self.raw_html(node.astext(), line)
        elif isinstance(node, nodes.line):
            self.emit("paragraph", node, line)
        elif isinstance(node, nodes.Element):
            # containers, admonitions, topics, sidebars, figures, compound paragraphs
            self.walk(node, depth, lists, line, quote)

    def list_item(self, item: nodes.Node, depth: int, level: int, line: int, quote: bool) -> None:
        """The item's own paragraphs make one list item; nested lists follow, one level down."""
        own = [c for c in item.children if isinstance(c, (nodes.paragraph, nodes.line_block))]
        if own:
            first = self.line_of(own[0], line)
            holder = nodes.paragraph()
            for i, para in enumerate(own):
                if i:
                    gap = max(1, self.line_of(para, first) - self.line_of(own[i - 1], first)
                              - own[i - 1].astext().count("\n"))
                    holder += nodes.Text("\n" * gap)
                holder += para.deepcopy().children
            self.emit("list_item", holder, first, level=level)
        for child in item.children:
            if not isinstance(child, (nodes.paragraph, nodes.line_block)):
                self.visit(child, depth, level, self.line_of(child, line), quote)

    def definition(self, item: nodes.Node, depth: int, level: int, line: int) -> None:
        term = next((c for c in item.children if isinstance(c, nodes.term)), None)
        body = next((c for c in item.children if isinstance(c, nodes.definition)), None)
        holder = nodes.paragraph()
        if term is not None:
            holder += term.deepcopy().children
        if body is not None:
            paras = [c for c in body.children if isinstance(c, nodes.paragraph)]
            start = self.line_of(paras[0], line) if paras else line
            holder += nodes.Text("\n" * max(1, start - line))
            for para in paras:
                holder += para.deepcopy().children
            for child in body.children:
                if not isinstance(child, nodes.paragraph):
                    self.visit(child, depth, level + 1, self.line_of(child, line), False)
        self.emit("list_item", holder, line, level=level)

    def field(self, item: nodes.Node, level: int, line: int) -> None:
        name = next((c for c in item.children if isinstance(c, nodes.field_name)), None)
        body = next((c for c in item.children if isinstance(c, nodes.field_body)), None)
        holder = nodes.paragraph()
        if name is not None:
            holder += name.deepcopy().children
            holder += nodes.Text(": ")
        if body is not None:
            for para in body.children:
                holder += para.deepcopy().children
        self.emit("list_item", holder, line, level=level)

    def table(self, table: nodes.Node, line: int) -> None:
        rows = list(table.findall(nodes.row))
        heads = {id(row) for head in table.findall(nodes.thead) for row in head.findall(nodes.row)}
        for index, row in enumerate(rows):
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            row_line = min((self.line_of(e, line) for e in entries), default=line)
            cells, links, marked = [], [], []
            for entry in entries:
                inline = _Inline(row_line)
                inline.add(entry)
                cells.append(tidy(inline.text(), keep_lines=False))
                links += [Link(lk.text, lk.url, row_line, embed=lk.embed) for lk in inline.links]
                marked += inline.marked
            header = id(row) in heads or (index == 0 and not heads and header_like(tuple(cells), len(links)))
            body = " | ".join(cells)
            if body.strip(" |"):
                self.blocks.append(Block("table_row", body, row_line, row_line,
                                         level=0 if header else index + (0 if heads or header else 1),
                                         cells=tuple(cells), links=tuple(links),
                                         emphasis=tuple(dict.fromkeys(m for m in marked if m))))

    def raw_html(self, raw: str, line: int) -> None:
        """Raw HTML read by the HTML reader, its lines placed under the directive."""
        offset = line  # the directive line; its content starts a blank line below at the earliest
        for block in html_reader.read(raw).blocks:
            shift = offset + 1
            self.blocks.append(Block(block.kind, block.text, block.line + shift, block.end_line + shift,
                                     level=block.level, cells=block.cells,
                                     links=tuple(Link(lk.text, lk.url, lk.line + shift, image=lk.image,
                                                      embed=lk.embed) for lk in block.links),
                                     emphasis=block.emphasis))


def _docinfo(doc: nodes.document) -> tuple[dict[str, Any], int]:
    """Title and bibliographic fields; (data, line of the first field)."""
    data: dict[str, Any] = {}
    first = 0
    for info in doc.findall(nodes.docinfo):
        for item in info.children:
            line = getattr(item, "line", None) or next(
                (c.line for c in item.findall() if getattr(c, "line", None)), 0)
            first = min(first, line) if first and line else (first or line)
            if isinstance(item, nodes.field):
                name = item.children[0].astext().strip().lower()
                data[name] = item.children[1].astext().strip()
            elif isinstance(item, nodes.authors):
                data["authors"] = [a.astext().strip() for a in item.children]
            else:
                data[item.tagname] = item.astext().strip()
    return data, first


def read(text: str) -> Parsed:
    """Read a reStructuredText report."""
    fm = frontmatter.split(text) if text.startswith(("---", "+++")) else None
    data: dict[str, Any] = dict(fm.data) if fm else {}
    body = fm.body if fm else text
    first_line = fm.body_line if fm else 1
    meta_line = fm.meta_line if fm else 1
    lines = body.split("\n")
    nikola, used = _nikola(lines)
    for key, value in nikola.items():
        data.setdefault(key, value)
    _register_unknown(body)
    doc = publish_doctree(body, settings_overrides=dict(_SETTINGS, warning_stream=io.StringIO()))
    info, info_line = _docinfo(doc)
    for key, value in info.items():
        data.setdefault(key, value)
    for key, value in doc.get("graphbuild_meta", {}).items():
        data.setdefault(key, value)
    title = doc.get("title") if doc.children and isinstance(doc.children[0], nodes.title) else None
    if title:
        data.setdefault("title", " ".join(str(title).split()))
    walker = _Walker(lines)
    walker.walk(doc, 0, 0, 1)
    shift = first_line - 1
    blocks = [b if not shift else Block(b.kind, b.text, b.line + shift, b.end_line + shift, level=b.level,
                                        cells=b.cells, emphasis=b.emphasis,
                                        links=tuple(Link(lk.text, lk.url, lk.line + shift, image=lk.image,
                                                         embed=lk.embed) for lk in b.links))
              for b in walker.blocks]
    if not fm and (nikola or info):
        meta_line = 1 if nikola else info_line or 1
    body_line = first_line + used
    return Parsed("rst", data, blocks, meta_line, body_line, fm.warnings if fm else ())
