"""Pieces of a report that extraction reads: units (list items, table rows,
lines of a paragraph) and sentences, each with its links located in its text."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from graphbuild.extract.links import absolute
from graphbuild.knowledge import lexicon

from graphbuild.types import Block, Link, Report


@dataclass
class Span:
    start: int
    end: int
    link: Link

    @property
    def text(self) -> str:
        return self.link.text


@dataclass
class Unit:
    """A stretch of one block's text with the links inside it."""
    block: int
    kind: str
    text: str
    line: int                      # source line of text[0]
    section: str
    links: list[Span] = field(default_factory=list)
    base: Block | None = None
    offset: int = 0                # offset of text[0] in the block's text

    def line_at(self, pos: int) -> int:
        if self.base is None:
            return self.line
        return self.base.line_of(self.offset + pos)

    def flat(self) -> str:
        """The text on one line (computed once: units can be megabytes long)."""
        cached = self.__dict__.get("_flat")
        if cached is None:
            cached = self.__dict__["_flat"] = self.text.replace("\n", " ")
        return cached


def locate_links(block: Block) -> list[Span]:
    """Find each link's text in the block's text, in order."""
    spans, cursor = [], 0
    text = block.text
    for link in block.links:
        if link.image or not link.text.strip():
            continue
        t = " ".join(link.text.split())
        i = text.find(link.text, cursor)
        if i < 0:
            flat = re.escape(t).replace(r"\ ", r"\s+")
            m = re.compile(flat).search(text, cursor)
            if not m:
                m = re.compile(flat).search(text)
            if not m:
                continue
            i, j = m.start(), m.end()
        else:
            j = i + len(link.text)
        spans.append(Span(i, j, link))
        cursor = j
    return spans


def block_unit(index: int, block: Block, base: str = "") -> Unit:
    """A block as a unit; with ``base`` (the report's own URL) its relative links are resolved."""
    spans = locate_links(block)
    if base:
        spans = [Span(s.start, s.end, dataclasses.replace(s.link, url=absolute(s.link.url, base))) for s in spans]
    return Unit(index, block.kind, block.text, block.line, block.section, spans, block, 0)


def sub_unit(unit: Unit, start: int, end: int, kind: str | None = None) -> Unit:
    links = [Span(s.start - start, s.end - start, s.link) for s in unit.links if s.start >= start and s.end <= end]
    return Unit(unit.block, kind or unit.kind, unit.text[start:end], unit.line_at(start), unit.section,
                links, unit.base, unit.offset + start)


def lines(unit: Unit) -> list[Unit]:
    out, pos = [], 0
    for part in unit.text.split("\n"):
        out.append(sub_unit(unit, pos, pos + len(part), "line"))
        pos += len(part) + 1
    return out


_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*\n")


def sentences(unit: Unit) -> list[Unit]:
    """Split a unit into sentences (never inside a link)."""
    text = unit.text
    cuts = [0]
    for m in _BOUNDARY.finditer(text):
        pos = m.start()
        word = re.search(r"(\S+)$", text[:pos])
        w = word.group(1).rstrip(".!?").lower() if word else ""
        if w in lexicon.abbreviations() or (len(w) == 1 and w.isalpha()):
            continue
        if any(s.start < pos < s.end for s in unit.links):
            continue
        cuts.append(m.end())
    cuts.append(len(text))
    return [sub_unit(unit, a, b, "sentence") for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]


def report_units(report: Report) -> list[Unit]:
    return [block_unit(i, b) for i, b in enumerate(report.blocks)]
