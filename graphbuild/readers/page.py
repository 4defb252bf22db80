"""The content of a raw HTML page: its main element, without the site's chrome.

``content_only(html)`` blanks (keeping line breaks, so source lines stay
true) everything of the page body outside its main content — ``<main>``,
``role=main``, the page's ``<article>``, or the container that holds most of
the text while its siblings are mostly links — and the navigation, menus,
banners, sidebars and cookie notices inside it. The ``<head>`` is kept.
What counts as chrome is data (``page.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import yaml

RULES = Path(__file__).with_name("page.yaml")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "source", "track", "wbr", "param"})
_NAMES = re.compile(r"[\s]+")
MAX_ELEMENTS = 200_000
MAX_DEPTH = 256                 # deeper elements count as part of their ancestor


@dataclass
class _Element:
    tag: str
    attrs: dict
    start: int
    end: int = -1
    text: int = 0              # characters of text
    link_text: int = 0         # characters of text inside links
    children: list["_Element"] = field(default_factory=list)
    parent: "_Element | None" = None
    has_h1: bool = False
    has_nav: bool = False


@dataclass(frozen=True)
class _Kind:
    tags: frozenset[str]
    roles: frozenset[str]
    words: frozenset[str]
    prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _rules() -> dict:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))

    def kind(d: dict) -> _Kind:
        return _Kind(frozenset(d.get("tags", ())), frozenset(d.get("roles", ())),
                     frozenset(d.get("words", ())), tuple(d.get("prefixes", ())))
    return {"main": kind(data["main"]), "chrome": kind(data["chrome"]),
            "inside": kind(data["inside"]), "largest_share": float(data["largest_share"]),
            "menu_link_share": float(data["menu_link_share"])}


def _matches(el: _Element, kind: _Kind) -> bool:
    if el.tag in kind.tags or el.attrs.get("role", "").lower() in kind.roles:
        return True
    names = f"{el.attrs.get('class', '')} {el.attrs.get('id', '')}".lower()
    for name in _NAMES.split(names.strip()):
        if not name:
            continue
        if any(part in kind.words for part in re.split(r"[-_]", name)) or name in kind.words:
            return True
        if name.startswith(kind.prefixes):
            return True
    return False


class LenientParser(HTMLParser):
    """``html.parser`` that reads a marked section it does not know (``<![b ...``) as a
    bogus comment, as browsers do, instead of failing an assertion."""

    def parse_marked_section(self, i, report=1):
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i + 3)
            return -1 if j < 0 else j + 1


class _Outline(LenientParser):
    """Elements of a page with their character spans and how much text they hold."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {}, 0, len(text))
        self._stack = [self.root]
        self._starts = [0]
        for line in text.split("\n"):
            self._starts.append(self._starts[-1] + len(line) + 1)
        self._links = 0
        self.count = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._starts[line - 1] + col

    def handle_starttag(self, tag, attrs):
        if self.count >= MAX_ELEMENTS or len(self._stack) > MAX_DEPTH:
            return
        self.count += 1
        el = _Element(tag, {k: (v or "") for k, v in attrs}, self._offset(), parent=self._stack[-1])
        self._stack[-1].children.append(el)
        for open_el in self._stack:
            open_el.has_h1 |= tag == "h1"
            open_el.has_nav |= tag == "nav"
        if tag in _VOID:
            el.end = el.start + len(self.get_starttag_text() or "")
            return
        if tag == "a":
            self._links += 1
        self._stack.append(el)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self._stack[-1].tag == tag:
            self._close(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        if not any(el.tag == tag for el in self._stack[1:]):
            return
        pos = self._offset()
        end = self.rawdata.find(">", pos)
        end = end + 1 if end >= 0 else pos
        while len(self._stack) > 1:
            if self._close(end if self._stack[-1].tag == tag else pos) == tag:
                break

    def _close(self, end: int) -> str:
        el = self._stack.pop()
        el.end = end
        if el.tag == "a":
            self._links = max(0, self._links - 1)
        return el.tag

    def handle_data(self, data):
        n = len(data.strip())
        if not n:
            return
        for el in self._stack:
            el.text += n
            if self._links:
                el.link_text += n

    def close(self):
        super().close()
        end = len(self.rawdata) if self.rawdata else self.root.end
        while len(self._stack) > 1:
            self._close(end)


def _walk(el: _Element):
    """Elements under ``el`` (itself first) in document order."""
    todo = [el]
    while todo:
        node = todo.pop()
        yield node
        todo.extend(reversed(node.children))


def _find_main(body: _Element) -> _Element | None:
    rules = _rules()
    for el in _walk(body):
        if el is not body and _matches(el, rules["main"]) and el.text:
            return el
    articles = [el for el in _walk(body) if el.tag == "article" and el.text]
    if articles:
        top = max(articles, key=lambda el: el.text)
        if len(articles) == 1 or top.text >= 0.6 * sum(a.text for a in articles):
            return top
    return None


def _own(el: _Element, chrome: _Kind) -> tuple[int, int]:
    """Text and link text of an element without its chrome children."""
    if not el.children:
        return el.text, el.link_text
    text, links = el.text, el.link_text
    for child in el.children:
        if _is_chrome(child, chrome):
            text -= child.text
            links -= child.link_text
    return text, links


def _is_chrome(el: _Element, kind: _Kind) -> bool:
    return _matches(el, kind) and not (el.has_h1 and not el.has_nav and el.tag not in ("nav", "aside"))


def _largest(body: _Element) -> _Element:
    """Descend to the child holding most of the text while its siblings are mostly links."""
    rules = _rules()
    chrome = rules["chrome"]
    node = body
    while True:
        total, _ = _own(node, chrome)
        kids = [(child, *_own(child, chrome)) for child in node.children
                if not _is_chrome(child, chrome)]
        if not kids or total <= 0:
            return node
        best, text, links = max(kids, key=lambda k: k[1] - k[2])
        rest_text = sum(k[1] for k in kids if k[0] is not best)
        rest_links = sum(k[2] for k in kids if k[0] is not best)
        if text - links < rules["largest_share"] * max(1, total - sum(k[2] for k in kids)):
            return node
        if rest_text and rest_links < rules["menu_link_share"] * rest_text:
            return node
        node = best


def _drop(el: _Element, kind: _Kind, spans: list[tuple[int, int]]) -> None:
    """Spans of the chrome under ``el`` (the outermost chrome element of each branch)."""
    todo = list(el.children)
    while todo:
        node = todo.pop()
        if _is_chrome(node, kind):
            spans.append((node.start, node.end))
        else:
            todo.extend(node.children)


def content_spans(html: str) -> list[tuple[int, int]]:
    """Character spans of the page to leave out: the body outside its content, and chrome."""
    outline = _Outline(html)
    outline.feed(html)
    outline.close()
    body = next((el for el in _walk(outline.root) if el.tag == "body"), outline.root)
    rules = _rules()
    main = _find_main(body)
    if main is None:
        main = _largest(body)
    spans: list[tuple[int, int]] = []
    if main is not body:
        node = main
        while node is not body and node.parent is not None:
            for sibling in node.parent.children:
                if sibling is not node and sibling.tag not in ("head", "title", "meta", "link"):
                    spans.append((sibling.start, sibling.end))
            node = node.parent
    _drop(main, rules["inside"] if main is not body else rules["chrome"], spans)
    return spans


def blank(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the spans replaced by their line breaks."""
    if not spans:
        return text
    out, pos = [], 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        out.append(text[pos:start])
        out.append("\n" * text.count("\n", start, end))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def content_only(html: str) -> str:
    """The page with everything but its main content blanked (line breaks kept)."""
    return blank(html, content_spans(html))
