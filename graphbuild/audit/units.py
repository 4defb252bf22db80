"""The units of a report that may each name a talk: headings, list items, table rows, lines of prose."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from graphbuild.types import Link, Report

# Block kinds read line by line; code is never a unit.
PROSE = frozenset({"paragraph", "quote", "html"})
WHOLE = frozenset({"heading", "list_item", "table_row"})


@dataclass(frozen=True)
class Unit:
    """One unit: its kind ("heading", "list_item", "table_row" or "line", a line of prose),
    its source lines (inclusive), plain text, table cells and links, and the raw source lines.

    ``reach`` is the last line where a talk counts as given by the unit: ``end_line``, except
    for a heading, whose talk may be found anywhere before the next heading.
    """
    kind: str
    line: int
    end_line: int
    text: str
    section: str = ""
    cells: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    source: tuple[str, ...] = ()
    reach: int = 0


def _source(lines: list[str], first: int, last: int) -> tuple[str, ...]:
    return tuple(lines[max(0, first - 1):max(0, min(len(lines), last))])


def _prose_units(block, links: tuple[Link, ...], lines: list[str]) -> list[Unit]:
    texts = block.text.split("\n")
    numbers = [min(block.line + i, max(block.line, block.end_line)) for i in range(len(texts))]
    owned: dict[int, list[Link]] = {}
    for link in links:   # a link belongs to the last line of the block at or before its own
        at = max(0, bisect.bisect_right(numbers, link.line) - 1)
        owned.setdefault(at, []).append(link)
    return [Unit("line", n, n, text, block.section, (), tuple(owned.get(i, ())), _source(lines, n, n))
            for i, (n, text) in enumerate(zip(numbers, texts)) if text.strip()]


def units_of(report: Report, source_lines: list[str]) -> tuple[Unit, ...]:
    """Units in source order; links outside any block join the unit they follow."""
    by_block: dict[int, list[Link]] = {}
    for link in report.links:
        by_block.setdefault(link.block, []).append(link)
    units: list[Unit] = []
    for index, block in enumerate(report.blocks):
        links = tuple(by_block.get(index, ()))
        if links and all(link.embed for link in links) and units and \
                block.text.strip() == " ".join(link.text for link in links).strip():
            # a player standing alone belongs to the unit it follows
            units[-1] = replace(units[-1], links=units[-1].links + links)
            continue
        if block.kind in WHOLE:
            units.append(Unit(block.kind, block.line, max(block.line, block.end_line), block.text,
                              block.section, block.cells, links,
                              _source(source_lines, block.line, block.end_line)))
        elif block.kind in PROSE:
            units.extend(_prose_units(block, links, source_lines))
    units.sort(key=lambda u: (u.line, u.end_line))
    headings = [b.line for b in report.blocks if b.kind == "heading"]
    last = len(source_lines)
    for i, unit in enumerate(units):
        reach = unit.end_line
        if unit.kind == "heading":
            after = bisect.bisect_right(headings, unit.line)
            reach = max(reach, headings[after] - 1 if after < len(headings) else last)
        units[i] = replace(unit, reach=reach)
    loose = by_block.get(-1, ())
    for link in loose:
        at = unit_at(units, link.line)
        if at is not None:
            units[at] = replace(units[at], links=units[at].links + (link,))
    return tuple(units)


def unit_at(units, line: int) -> int | None:
    """Index of the unit whose lines hold ``line``, else of the last unit before it."""
    starts = [u.line for u in units]
    at = bisect.bisect_right(starts, line) - 1
    return at if at >= 0 else None
