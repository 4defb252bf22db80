"""Units of the reports behind a graph that carry talk signals but gave no talk.

``find_unread(graph)`` re-reads each Report node's ``path``, splits it into
units (``graphbuild.audit.units``), finds talk signals in each
(``graphbuild.audit.signals``) and keeps the units where no Talk node and no
PRESENTED or HAS_RESOURCE edge cites the report at a line of the unit.
"""
from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.audit.signals import (SIGNAL_KINDS, Cues, Signal, dialogue_turns, heading_signals, load_cues,
                                      players, unit_signals)
from graphbuild.audit.units import Unit, unit_at, units_of
from graphbuild.errors import ReadError
from graphbuild.extract.config import Rules, load_rules
from graphbuild.readers import read_report
from graphbuild.readers.text import read_source

CITING_EDGES = frozenset({"PRESENTED", "HAS_RESOURCE"})


@dataclass(frozen=True)
class UnreadUnit:
    """A unit with talk signals and no talk: where, which signals, its text."""
    path: str
    line: int
    end_line: int
    kind: str
    signals: tuple[Signal, ...]
    text: str

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(k for k in SIGNAL_KINDS if any(s.kind == k for s in self.signals))

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "end_line": self.end_line, "kind": self.kind,
                "signals": [{"kind": s.kind, "line": s.line, "detail": s.detail} for s in self.signals],
                "text": self.text}


@dataclass(frozen=True)
class ReportCheck:
    """One report: ``status`` "checked", "missing" (the path is gone) or "unreadable"."""
    report: str
    path: str
    status: str
    message: str = ""
    with_signals: int = 0
    gave_talk: int = 0
    unread: tuple[UnreadUnit, ...] = ()


@dataclass(frozen=True)
class UnreadListing:
    reports: tuple[ReportCheck, ...]

    @property
    def units(self) -> list[UnreadUnit]:
        return [u for r in self.reports for u in r.unread]

    def summary(self) -> dict[str, Any]:
        checked = [r for r in self.reports if r.status == "checked"]
        by_signal = Counter(k for u in self.units for k in u.kinds)
        return {
            "unread": len(self.units),
            "reports_with_unread": sum(1 for r in checked if r.unread),
            "units_with_signals": sum(r.with_signals for r in checked),
            "units_gave_talk": sum(r.gave_talk for r in checked),
            "reports_checked": len(checked),
            "reports_missing": sum(1 for r in self.reports if r.status == "missing"),
            "reports_unreadable": sum(1 for r in self.reports if r.status == "unreadable"),
            "by_signal": {k: by_signal[k] for k in SIGNAL_KINDS if by_signal[k]},
        }

    def to_dict(self, limit: int | None = None) -> dict[str, Any]:
        units = self.units
        return {
            "summary": self.summary(),
            "not_checked": [{"report": r.report, "path": r.path, "status": r.status, "message": r.message}
                            for r in self.reports if r.status != "checked"],
            "units": [u.to_dict() for u in units[:limit]],
            "listed": len(units[:limit]),
        }


def cited_lines(graph: nx.MultiDiGraph) -> dict[str, list[int]]:
    """Report id -> sorted lines cited by Talk nodes and PRESENTED / HAS_RESOURCE edges."""
    cited: dict[str, set[int]] = {}

    def add(provenance):
        for p in provenance or ():
            if isinstance(p, dict) and isinstance(p.get("line"), int):
                cited.setdefault(p.get("report", ""), set()).add(p["line"])

    for _, data in graph.nodes(data=True):
        if data.get("type") == "Talk":
            add(data.get("provenance"))
    for _, _, data in graph.edges(data=True):
        if data.get("type") in CITING_EDGES:
            add(data.get("provenance"))
    return {report: sorted(lines) for report, lines in cited.items()}


def _cites(lines: list[int], unit: Unit, signals: list[Signal]) -> bool:
    """A cited line within the unit, its reach, or up to a player or link that follows it."""
    at = bisect.bisect_left(lines, unit.line)
    return at < len(lines) and lines[at] <= max([unit.end_line, unit.reach] + [s.line for s in signals])


def check_report(report_id: str, path: str, lines: list[int], rules: Rules, cues: Cues) -> ReportCheck:
    """The units of the report file at ``path`` with talk signals that no cited line falls in."""
    if not Path(path).is_file():
        return ReportCheck(report_id, path, "missing", "file not found")
    try:
        report = read_report(path, report_id=report_id)
        source = read_source(path).text.split("\n")
    except ReadError as exc:
        return ReportCheck(report_id, path, "unreadable", exc.message)
    units = units_of(report, source)
    turns = dialogue_turns("\n".join(u.text for u in units), rules, cues)
    found: list[list[Signal]] = [list(unit_signals(u, rules, cues, turns)) for u in units]
    for at, signal in heading_signals(units, rules, cues, turns).items():
        if not any(s.kind == signal.kind for s in found[at]):
            found[at].append(signal)
    for signal in players(report, source, rules, cues):
        at = unit_at(units, signal.line)
        if at is not None and not any(s.kind == "player" and s.line == signal.line for s in found[at]):
            found[at].append(signal)
    with_signals = gave = 0
    unread = []
    for unit, signals in zip(units, found):
        if not signals:
            continue
        with_signals += 1
        if _cites(lines, unit, signals):
            gave += 1
            continue
        text = " | ".join(unit.cells) if unit.cells else " ".join(unit.text.split())
        unread.append(UnreadUnit(path, unit.line, unit.end_line, unit.kind,
                                 tuple(sorted(signals, key=lambda s: s.line)), text))
    return ReportCheck(report_id, path, "checked", "", with_signals, gave, tuple(unread))


def find_unread(graph: nx.MultiDiGraph, *, rules: Rules | None = None,
                cues: Cues | None = None) -> UnreadListing:
    """Check every Report node of ``graph`` (in path order)."""
    rules = rules or load_rules()
    cues = cues or load_cues()
    cited = cited_lines(graph)
    reports = sorted(((data.get("path") or "", node) for node, data in graph.nodes(data=True)
                      if data.get("type") == "Report"))
    return UnreadListing(tuple(check_report(node, path, cited.get(node, []), rules, cues)
                               for path, node in reports))


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


def render(listing: UnreadListing, limit: int | None = None, cues: Cues | None = None) -> str:
    """The readable listing: unread units grouped by report, reports not checked, the totals."""
    width = (cues or load_cues()).shown_chars
    out: list[str] = []
    left = len(listing.units) if limit is None else max(0, limit)
    for report in listing.reports:
        if not report.unread or left <= 0:
            continue
        out.append(f"{report.path}: {len(report.unread)} unread of {report.with_signals} units with talk signals")
        for unit in report.unread[:left]:
            out.append(f"  {unit.path}:{unit.line}  [{', '.join(unit.kinds)}]  {_shorten(unit.text, width)}")
        left -= min(left, len(report.unread))
        out.append("")
    hidden = len(listing.units) - (len(listing.units) if limit is None else min(limit, len(listing.units)))
    if hidden > 0:
        out += [f"... {hidden} more units not listed (--limit {limit})", ""]
    gone = [r for r in listing.reports if r.status != "checked"]
    if gone:
        out.append(f"reports not checked: {len(gone)}")
        out += [f"  {r.path or r.report}: {r.message}" for r in gone]
        out.append("")
    s = listing.summary()
    out.append(f"unread: {s['unread']} units in {s['reports_with_unread']} reports "
               f"(units with talk signals: {s['units_with_signals']}, gave a talk: {s['units_gave_talk']}; "
               f"reports checked: {s['reports_checked']}, missing: {s['reports_missing']}, "
               f"unreadable: {s['reports_unreadable']})")
    out.append("by signal: " + (", ".join(f"{k} {n}" for k, n in s["by_signal"].items()) or "none"))
    return "\n".join(out)
