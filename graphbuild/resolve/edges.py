"""Relations mapped onto entity ids; EDITION_OF edges from each event's series."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from graphbuild.resolve.forms import Form, Key
from graphbuild.types import Edge, Evidence, Extraction


def series_forms(forms: Iterable[Form]) -> list[Form]:
    """An EventSeries form for each (non-sub) event, with the event's evidence."""
    out = []
    for f in forms:
        if f.type == "Event" and f.series_key:
            surface = str(f.attrs.get("series") or f.series)
            out.append(replace(f, type="EventSeries", surface=surface, name=f.series, key=f.series_key,
                               rule="", weight=1, aliases=(), event=f.key, mention=""))
    return out


def build_edges(forms: list[Form], index: list[tuple[Extraction, dict[str, int]]],
                ids: dict[Key, str]) -> tuple[Edge, ...]:
    """One edge per (source, target, type), evidence merged; self-loops dropped."""
    merged: dict[tuple[str, str, str], list[Evidence]] = {}

    def add(source: str, target: str, typ: str, evidence) -> None:
        if source != target:
            merged.setdefault((source, target, typ), []).extend(evidence)

    for ex, where in index:
        for rel in ex.relations:
            if rel.source in where and rel.target in where:
                add(ids[forms[where[rel.source]].key], ids[forms[where[rel.target]].key],
                    rel.type, rel.evidence)
    for f in forms:
        if f.type == "Event" and f.series_key and f.series_key in ids:
            add(ids[f.key], ids[f.series_key], "EDITION_OF", f.evidence)
    return tuple(Edge(s, t, typ, provenance=_dedupe(ev))
                 for (s, t, typ), ev in sorted(merged.items()))


def _dedupe(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    return tuple(sorted(set(evidence), key=lambda e: (e.report, e.line, e.rule, e.text)))
