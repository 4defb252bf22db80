"""How many report talks the loaded conference programmes confirm (``graphbuild stats``)."""
from __future__ import annotations

import networkx as nx

from graphbuild.schedules import FORMATS


def programme_counts(graph: nx.MultiDiGraph) -> dict[str, int] | None:
    """Counts of talks by where they come from; None when no programme was loaded.

    ``confirmed``: talks named in a report and listed in a programme;
    ``unconfirmed``: talks named in reports that no programme lists, of which
    ``unconfirmed_at_scheduled_editions`` were at an edition that has a programme;
    ``programme_only``: sessions no report talks about.
    """
    nodes = graph.nodes
    programmes = {n for n, d in nodes(data=True) if d.get("type") == "Report" and d.get("format") in FORMATS}
    if not programmes:
        return None
    scheduled_editions = set()
    talks = []
    for n, d in nodes(data=True):
        if d.get("type") != "Talk":
            continue
        sources = {p.get("report") for p in d.get("provenance") or ()}
        editions = {t for _, t, typ in graph.out_edges(n, data="type") if typ == "PRESENTED_AT"}
        talks.append((bool(sources & programmes), bool(sources - programmes), editions))
        if sources & programmes:
            scheduled_editions |= editions
    return {
        "programmes": len(programmes),
        "confirmed": sum(1 for s, r, _ in talks if s and r),
        "unconfirmed": sum(1 for s, r, _ in talks if r and not s),
        "unconfirmed_at_scheduled_editions": sum(1 for s, r, e in talks if r and not s and e & scheduled_editions),
        "programme_only": sum(1 for s, r, _ in talks if s and not r),
    }
