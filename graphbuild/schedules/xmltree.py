"""A small XML tree with the source line of every element, parsed by defusedxml.

defusedxml refuses entity declarations and external references, so nothing
is expanded and no file or URL is ever opened. A document that breaks off
(truncated, not well-formed) keeps the elements read before the error.
"""
from __future__ import annotations


from xml.parsers.expat import ExpatError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError


class HostileXML(Exception):
    """The document declares entities or refers to external ones."""


class Node:
    """An element: local name (namespace dropped), attributes, line, children, text parts."""
    __slots__ = ("tag", "attrib", "line", "children", "parts")

    def __init__(self, tag: str, attrib: dict[str, str], line: int) -> None:
        self.tag, self.attrib, self.line = tag, attrib, line
        self.children: list[Node] = []
        self.parts: list[str] = []

    @property
    def text(self) -> str:
        """Text directly inside the element, whitespace collapsed."""
        return " ".join("".join(self.parts).split())

    @property
    def raw_text(self) -> str:
        """Text directly inside the element, line breaks kept."""
        return "".join(self.parts).strip()

    def find(self, tag: str) -> "Node | None":
        return next((c for c in self.children if c.tag == tag), None)

    def findall(self, tag: str) -> list["Node"]:
        return [c for c in self.children if c.tag == tag]

    def child_text(self, tag: str) -> str:
        node = self.find(tag)
        return node.text if node is not None else ""

    def iter(self, tag: str):
        stack = [self]
        while stack:
            node = stack.pop()
            if node.tag == tag:
                yield node
            stack.extend(reversed(node.children))


class _Builder:
    """Expat handlers that build Nodes with the parser's current line."""

    def __init__(self, expat) -> None:
        self.expat = expat
        self.root: Node | None = None
        self.stack: list[Node] = []
        expat.StartElementHandler, expat.EndElementHandler = self.start, self.end
        expat.CharacterDataHandler = self.data

    def start(self, tag: str, attrs: list[str]) -> None:
        # ordered_attributes: [name, value, name, value, ...]
        attrib = {attrs[i].rsplit("}", 1)[-1]: attrs[i + 1] for i in range(0, len(attrs), 2)} if attrs else {}
        node = Node(tag.rsplit("}", 1)[-1] if "}" in tag else tag, attrib, self.expat.CurrentLineNumber)
        if self.stack:
            self.stack[-1].children.append(node)
        elif self.root is None:
            self.root = node
        self.stack.append(node)

    def end(self, tag: str) -> None:
        if self.stack:
            self.stack.pop()

    def data(self, text: str) -> None:
        if self.stack:
            self.stack[-1].parts.append(text)


def parse(text: str) -> tuple[Node | None, str]:
    """(root, problem): the tree read, and "" or what stopped the parser.

    HostileXML when the document declares or references entities.
    """
    parser = DefusedXMLParser(forbid_dtd=False, forbid_entities=True, forbid_external=True)
    # defusedxml's entity handlers stay on its expat parser; the tree is built by
    # handlers set on that parser directly, which is much faster than ElementTree's
    builder = _Builder(parser.parser)
    try:
        parser.parser.Parse(text, True)
    except DefusedXmlException as exc:
        raise HostileXML(f"{type(exc).__name__}: entity declarations and external references "
                         "are refused, nothing was expanded") from None
    except (ExpatError, ParseError) as exc:
        return builder.root, f"XML not well-formed: {exc}"
    return builder.root, ""
