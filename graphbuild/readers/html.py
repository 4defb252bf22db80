"""HTML -> blocks and links with html.parser; used for .html files and raw HTML in Markdown."""
from __future__ import annotations

import re
from dataclasses import replace

from graphbuild.readers import embeds, frontmatter, page
from graphbuild.readers.page import LenientParser
from graphbuild.readers.report import Parsed
from graphbuild.types import Block, Link

SKIP = frozenset({"script", "style", "nav", "footer", "noscript", "template",
                  "head", "svg", "iframe", "select", "button"})
INLINE_SKIP = frozenset({"iframe", "svg", "select", "button", "noscript"})  # skipped, text flows on
BLOCK = frozenset({
    "p", "div", "section", "article", "main", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody",
    "tfoot", "tr", "td", "th", "hr", "figure", "figcaption", "form", "details", "summary",
    "address", "center", "body", "html", "caption",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                  "meta", "source", "track", "wbr", "param"})
# Tags closed implicitly when the same tag (or a sibling) opens again.
_SIBLINGS = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
             "tr": {"tr", "td", "th"}, "td": {"td", "th"}, "th": {"td", "th"}}
MAX_DEPTH = 256                        # deeper elements are read as inline content
# a line break inside a table cell (<br>, <p>, <div>): cells keep it as "\n"
CELL_BREAK = "\x1f"
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")


def absolute_url(url: str) -> str:
    """``//host/x`` -> ``https://host/x``; every other URL is kept as written."""
    url = url.strip()
    return "https:" + url if url.startswith("//") else url


def tidy(text: str, keep_lines: bool = True, strip: bool = True) -> str:
    """Collapse spaces; keep (or drop) line breaks; strip empty lines at the ends."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if not keep_lines:
        return " ".join(line for line in lines if line)
    joined = "\n".join(lines)
    return joined.strip("\n") if strip else joined


# a cell that holds data, not a column label: a time, a date
_DATA_CELL = re.compile(r"\d{1,2}\s*[:.h]\s*\d{2}|\d{4}-\d{2}-\d{2}|\b\d{1,2}\s*(?:am|pm)\b", re.I)
MAX_LABEL_WORDS = 6


def header_like(cells: tuple[str, ...], links: int) -> bool:
    """A first row not marked as a header reads as one when its cells look like column
    labels: no links, no times or dates, no line breaks, a few words each."""
    return not links and all(len(c.split()) <= MAX_LABEL_WORDS and "\n" not in c
                             and not _DATA_CELL.search(c) for c in cells)


def cell_text(parts: list[str]) -> str:
    """A cell's text: spaces collapsed, its own line breaks (<br>, <p>) kept as "\n"."""
    pieces = (tidy(p, keep_lines=False) for p in "".join(parts).split(CELL_BREAK))
    return "\n".join(p for p in pieces if p)


class HtmlCollector(LenientParser):
    """Collects Block records (links attached, block index unset) from HTML.

    ``first_line`` is the source line of the first line fed; ``loose_kind`` is
    the kind given to text outside any block element.
    """

    def __init__(self, first_line: int = 1, loose_kind: str = "paragraph"):
        super().__init__(convert_charrefs=True)
        self._base = first_line - 1
        self.loose_kind = loose_kind
        self.blocks: list[Block] = []
        self.title = ""
        self.meta: dict[str, str] = {}
        self._stack: list[str] = []
        self._skip = 0
        self._title: list[str] | None = None
        self._buf: list[str] = []
        self._first: int | None = None
        self._last = 0
        self._links: list[Link] = []
        self._anchors: list[list] = []        # [href, line, buffer index, image alt]
        self._row: list[str] | None = None
        self._row_line = 0
        self._cell: list[str] | None = None
        self._rows: list[int] = [0]           # row counter per open table
        self._row_td = False                  # the open row has a <td> (not only <th>)
        self._thead = 0                       # open <thead> elements
        self._guessed = False                 # the open table's header row is a guess
        self._eof = False                     # closing what the input left open
        self._term: int | None = None         # index of a <dt> block awaiting its <dd>
        self._video: bool | None = None       # inside <video>: whether it gave a link yet

    # -- positions
    def _line(self) -> int:
        return self.getpos()[0] + self._base

    def _target(self) -> list[str]:
        return self._cell if self._cell is not None else self._buf

    # -- parser callbacks
    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "title" and self._title is None and not self.title:
            self._title = []
            return
        if tag == "meta":
            key = (attrs.get("name") or attrs.get("property") or "").lower()
            if key and attrs.get("content"):
                self.meta.setdefault(key, attrs["content"].strip())
            return
        if tag == "link" and "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            self.meta.setdefault("canonical", attrs["href"].strip())
            return
        if self._skip:
            if tag in SKIP and len(self._stack) < MAX_DEPTH:
                self._stack.append(tag)
                self._skip += 1
            return
        if (embed := embeds.from_tag(tag, attrs)) and not (tag == "source" and self._video):
            self._embed(embed, attrs)
        if tag == "video" or tag == "source" and self._video is not None:
            self._video = bool(self._video) or embed is not None
        if tag in SKIP and len(self._stack) < MAX_DEPTH:
            if tag not in INLINE_SKIP:
                self._flush()
            self._stack.append(tag)
            self._skip += 1
            return
        breaks = (self.get_starttag_text() or "").count("\n")
        if breaks and self._first is not None:
            self._target().append("\n" * breaks)     # keep text lines aligned with source lines
        if tag in ("img", "image"):
            self._image(attrs)
        elif tag == "a":
            self._open_anchor(attrs)
        elif tag == "br":
            self._target().append(CELL_BREAK if self._cell is not None else " ")
        elif tag in BLOCK:
            if self._cell is not None and tag not in ("td", "th", "tr", "table"):
                self._cell.append(CELL_BREAK)
            self._open_block(tag)
        if tag not in VOID and tag not in BLOCK and tag != "a":
            self._target().append("")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and tag not in ("meta", "title"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title" and self._title is not None:
            self.title = tidy("".join(self._title), keep_lines=False)
            self._title = None
            return
        if tag == "a" and not self._skip:
            self._close_anchor()
            return
        if tag == "video":
            self._video = None
        if tag not in self._stack:
            return
        while self._stack:
            if self._pop() == tag:
                break

    def handle_data(self, data):
        if self._title is not None:
            self._title.append(data)
            return
        if self._skip or not data:
            return
        line = self._line()
        stripped = data.strip()
        if stripped:
            first = line + data[: len(data) - len(data.lstrip())].count("\n")
            if self._first is None:
                self._first = first
            self._last = line + data.rstrip().count("\n")
        self._target().append(data)

    def close(self):
        super().close()
        self._eof = True
        while self._stack:
            self._pop()
        self._close_anchor_all()
        self._flush()

    # -- elements
    def _open_block(self, tag: str) -> None:
        if len(self._stack) >= MAX_DEPTH:
            return
        siblings = _SIBLINGS.get(tag)
        if siblings:
            scope = {"ul", "ol", "dl", "table", "blockquote", "div"} | ({"td", "th"} if tag == "p" else set())
            for i in range(len(self._stack) - 1, -1, -1):
                if self._stack[i] in scope:
                    break
                if self._stack[i] in siblings:
                    while len(self._stack) > i:
                        self._pop()
                    break
        if tag in ("td", "th"):
            if self._row is None:
                self._start_row()
            self._cell = []
            self._row_td |= tag == "td"
        elif tag == "tr":
            self._flush()
            self._start_row()
        elif self._cell is None:
            self._flush()
        if tag == "table":
            self._rows.append(0)
        self._thead += tag == "thead"
        self._stack.append(tag)

    def _pop(self) -> str:
        tag = self._stack[-1]
        self._closed(tag)
        self._stack.pop()
        return tag

    def _closed(self, tag: str) -> None:
        if tag in SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in ("td", "th"):
            if self._cell is not None and self._row is not None:
                self._row.append(cell_text(self._cell))
            self._cell = None
        elif tag == "tr":
            self._end_row()
        elif tag == "table":
            self._end_row()
            if self._guessed and self._rows[-1] == 1 and not self._eof:
                # a lone row of <td> cells in a closed table is data, not a header
                self.blocks[-1] = replace(self.blocks[-1], level=1)
            self._guessed = False
            if len(self._rows) > 1:
                self._rows.pop()
        elif tag == "thead":
            self._end_row()
            self._thead = max(0, self._thead - 1)
        elif tag in BLOCK and self._cell is None:
            self._flush()
        elif tag in BLOCK and self._cell is not None:
            self._cell.append(CELL_BREAK)

    def _start_row(self) -> None:
        self._end_row()
        self._row = []
        self._row_td = False
        self._row_line = self._line()
        self._first = None

    def _end_row(self) -> None:
        if self._row is None:
            return
        if self._cell is not None:
            self._row.append(cell_text(self._cell))
            self._cell = None
        cells, self._row = tuple(self._row), None
        self._buf = []
        if any(cells):
            end = max(self._last, self._row_line)
            # level 0 is the header row (<th> cells, <thead>, or cells that read as labels);
            # the rows of a table without one start at 1
            level = self._rows[-1] or int(self._row_td and not self._thead
                                          and not header_like(cells, len(self._links)))
            self._guessed = self._rows[-1] == 0 and level == 0 and self._row_td and not self._thead
            self.blocks.append(Block("table_row", " | ".join(c.replace("\n", ", ") for c in cells),
                                     self._row_line, end, level=level, cells=cells,
                                     links=tuple(self._links)))
            self._rows[-1] = level + 1
            self._links = []
        self._first = None

    def _image(self, attrs: dict) -> None:
        src = attrs.get("src", "").strip()
        alt = tidy(attrs.get("alt", "") or attrs.get("title", ""), keep_lines=False)
        if src:
            self._links.append(Link(alt, absolute_url(src), self._attr_line("src", src), image=True))
        for anchor in self._anchors:
            anchor[3] = anchor[3] or alt

    def _embed(self, embed: embeds.Embed, attrs: dict) -> None:
        """An embedded player: a link in the block it sits in, or a block of its own."""
        written = next((attrs[k] for k in embeds.written_attributes() if attrs.get(k)), "")
        line = self._attr_line("src", written) if written else self._line()
        link = Link(embed.label, embed.url, line, embed=True)
        loose = self._cell is None and self._kind()[0] == self.loose_kind
        if loose and not "".join(self._buf).strip():
            self._flush()
            self.blocks.append(Block("paragraph", embed.label, line, line, links=(link,)))
            return
        self._target().append(f" {embed.label} ")
        if self._first is None:
            self._first = line
        self._last = max(self._last, line)
        self._links.append(link)

    def _attr_line(self, name: str, value: str) -> int:
        raw = self.get_starttag_text() or ""
        pos = raw.find(value)
        return self._line() + (raw[:pos].count("\n") if pos > 0 else 0)

    def _open_anchor(self, attrs: dict) -> None:
        href = attrs.get("href", "").strip()
        line = self._attr_line("href", href) if href else self._line()
        target = self._target()
        self._anchors.append([href, line, len(target), "", target])

    def _close_anchor(self) -> None:
        if not self._anchors:
            return
        href, line, start, alt, target = self._anchors.pop()
        if not href or href.startswith("#") or href.lower().startswith("javascript:"):
            return
        text = tidy("".join(target[start:]), keep_lines=False) or alt
        self._links.append(Link(text, absolute_url(href), line))

    def _close_anchor_all(self) -> None:
        while self._anchors:
            self._close_anchor()

    def _kind(self) -> tuple[str, int]:
        lists = sum(1 for t in self._stack if t in ("ul", "ol", "dl"))
        for tag in reversed(self._stack):
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                return "heading", int(tag[1])
            if tag == "pre":
                return "code", 0
            if tag in ("li", "dt", "dd"):
                return "list_item", max(1, lists)
            if tag == "blockquote":
                return "quote", 0
            if tag == "p":
                return ("quote" if "blockquote" in self._stack else "paragraph"), 0
        return self.loose_kind, 0

    def _flush(self) -> None:
        if self._row is not None:
            return
        self._close_anchor_all_in_buffer()
        raw = "".join(self._buf)
        kind, level = self._kind()
        text = raw.strip("\n").rstrip() if kind == "code" else tidy(raw)
        if text and self._first is not None:
            end = max(self._first, self._last)
            item = next((t for t in reversed(self._stack) if t in ("li", "dt", "dd")), "")
            block = Block(kind, text, self._first, end, level=level, links=tuple(self._links))
            if item == "dd" and kind == "list_item" and self._term == len(self.blocks) - 1:
                block = define(self.blocks.pop(), block)
            self.blocks.append(block)
            self._term = len(self.blocks) - 1 if item == "dt" and kind == "list_item" else None
            self._links = []
        self._buf = []
        self._first = None

    def _close_anchor_all_in_buffer(self) -> None:
        # An anchor left open across a block boundary ends with its block.
        while self._anchors and self._anchors[-1][4] is self._buf:
            self._close_anchor()


def define(term: Block, definition: Block) -> Block:
    """A definition term and its definition as one list item: "Term\\ndefinition" when the
    definition starts on a later line, "Term: definition" on the same line."""
    gap = "\n" * (definition.line - term.end_line) if definition.line > term.end_line else ": "
    return Block("list_item", term.text + gap + definition.text, term.line,
                 max(term.end_line, definition.end_line), level=term.level,
                 links=term.links + definition.links)


def collect(html: str, first_line: int = 1, loose_kind: str = "paragraph") -> HtmlCollector:
    """Parse ``html``; the collector holds blocks, title and meta afterwards."""
    parser = HtmlCollector(first_line, loose_kind)
    parser.feed(html)
    parser.close()
    return parser


_META_FIELDS = (
    ("url", ("og:url", "canonical")),
    ("author", ("author", "article:author", "dc.creator", "twitter:creator")),
    ("date", ("article:published_time", "date", "dc.date", "pubdate", "publish_date")),
    ("keywords", ("keywords", "article:tag")),
    ("description", ("description", "og:description")),
)


_ENTITY_DECL = re.compile(r"""<!ENTITY\s+([A-Za-z_][\w.-]{0,100})\s+(?:"([^"]{0,2000})"|'([^']{0,2000})')\s*>""")


MAX_ENTITY_TEXT = 1_000_000      # characters that entity references may add to one page
_DOCTYPE_SUBSET = re.compile(r"<!DOCTYPE[^\[>]{0,2000}\[.{0,20000}?\]\s*>", re.S | re.I)


def expand_entities(text: str) -> str:
    """Replace the internal DTD entities an XHTML page declares (``<!ENTITY title "...">``).

    The DOCTYPE with its internal subset is blanked (line breaks kept), since
    ``html.parser`` would read its end as text.
    """
    doctype = _DOCTYPE_SUBSET.search(text[:40_000])
    if not doctype:
        return text
    found = {m.group(1): " ".join((m.group(2) or m.group(3) or "").split())
             for m in _ENTITY_DECL.finditer(doctype.group())}
    text = text[:doctype.start()] + "\n" * doctype.group().count("\n") + text[doctype.end():]
    if not found:
        return text
    names = "|".join(re.escape(name) for name in found)
    refs = re.compile(rf"&({names});")
    grows = sum(len(found[m.group(1)]) for m in refs.finditer(text))
    if grows > MAX_ENTITY_TEXT:
        return text          # a page cannot grow by entities past this: left as written
    return refs.sub(lambda m: found[m.group(1)], text)   # one pass: values are not expanded again


def _title(parser: HtmlCollector) -> str:
    """The content's one ``<h1>`` (a ``<title>`` often adds the site's name or is the site's
    own), else the ``<title>``."""
    h1 = [b.text for b in parser.blocks if b.kind == "heading" and b.level == 1]
    return " ".join(h1[0].split()) if len(h1) == 1 else parser.title


def read(text: str) -> Parsed:
    """Read an HTML report (front matter allowed, as in Jekyll pages)."""
    fm = frontmatter.split(text)
    parser = collect(page.content_only(expand_entities(fm.body)), fm.body_line)
    data = dict(fm.data)
    if (title := _title(parser)):
        data.setdefault("title", title)
    for field, names in _META_FIELDS:
        value = next((parser.meta[n] for n in names if parser.meta.get(n)), None)
        if value and field not in data:
            data[field] = value
    return Parsed("html", data, parser.blocks, fm.meta_line, fm.body_line, fm.warnings)
