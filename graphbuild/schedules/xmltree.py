"""A small XML tree with the source line of every element, parsed by defusedxml.

defusedxml refuses entity declarations and external references, so nothing
is expanded and no file or URL is ever opened. A document that breaks off
(truncated, not well-formed) keeps the elements read before the error.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError


class HostileXML(Exception):
    """The document declares entities or refers to external ones."""


@dataclass
class Node:
    tag: str                      # local name, namespace dropped
    attrib: dict[str, str]
    line: int
    children: list["Node"] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

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
    """TreeBuilder target: Nodes with the parser's current line."""

    def __init__(self) -> None:
        self.parser = None
        self.root: Node | None = None
        self.stack: list[Node] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        node = Node(tag.rsplit("}", 1)[-1], dict(attrib), self.parser.parser.CurrentLineNumber)
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

    def close(self) -> Node | None:
        return self.root


def parse(text: str) -> tuple[Node | None, str]:
    """(root, problem): the tree read, and "" or what stopped the parser.

    HostileXML when the document declares or references entities.
    """
    builder = _Builder()
    parser = DefusedXMLParser(target=builder, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    builder.parser = parser
    try:
        parser.feed(text)
        parser.close()
    except DefusedXmlException as exc:
        raise HostileXML(f"{type(exc).__name__}: entity declarations and external references "
                         "are refused, nothing was expanded") from None
    except ParseError as exc:
        return builder.root, f"XML not well-formed: {exc}"
    return builder.root, ""
