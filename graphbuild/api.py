"""The Python API: query a knowledge graph of conference reports.

    import graphbuild
    kg = graphbuild.build(["data/reports"])     # or graphbuild.load("out/graph.json")
    kg.talks(speaker="Stefan Hajnoczi", project="QEMU")

Names are matched the way resolution matches them (label or alias,
case-insensitive, accents folded, punctuation collapsed, honorifics dropped);
node ids work too. Queries return a :class:`~graphbuild.api_records.ResultList`
of frozen records; an unknown name gives an empty list, except for
``explain``, ``timeline`` and ``subgraph``, which raise a GraphbuildError that
suggests close names.

>>> kg = example()
>>> kg.talks(speaker="stefan hajnoczi").columns
['id', 'title', 'speakers', 'event', 'year', 'resources', 'projects', 'room', 'start', 'confirmed']
"""
from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable

import networkx as nx

from graphbuild.api_match import NameIndex, normalize
from graphbuild.api_records import (
    CountRecord, EventRecord, Explanation, MergeRecord, NodeRecord, PersonRecord,
    ProjectRecord, ProvenanceLine, ResultList, TalkRecord, TimelineRecord,
)
from graphbuild.errors import GraphbuildError, UsageError

__all__ = ["KnowledgeGraph", "load", "build", "example"]

_LAST = 10**6  # sorts unknown years after known ones


def _year(value) -> int | None:
    text = str(value or "").strip()
    return int(text[:4]) if len(text) >= 4 and text[:4].isdigit() else None


def _ordered(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values), key=lambda v: (normalize(v), v)))


class KnowledgeGraph:
    """A graph of reports, events, talks, people and projects, with queries.

    ``kg.graph`` is the networkx MultiDiGraph (graph.json contract). The name
    index is rebuilt when the number of nodes or edges changes.

    >>> kg = example()
    >>> kg
    KnowledgeGraph: 18 nodes, 20 edges
    <BLANKLINE>
    kind  type             count
    ----  ---------------  -----
    node  Event                3
    node  Person               3
    node  Talk                 3
    node  Place                2
    node  Project              2
    node  Report               2
    node  EventSeries          1
    node  Organization         1
    node  Resource             1
    edge  ABOUT                4
    edge  HELD_IN              3
    edge  PRESENTED            3
    edge  PRESENTED_AT         3
    edge  AUTHORED             2
    edge  EDITION_OF           2
    edge  AFFILIATED_WITH      1
    edge  CO_LOCATED_WITH      1
    edge  HAS_RESOURCE         1
    """

    def __init__(self, graph: nx.MultiDiGraph):
        if not isinstance(graph, nx.MultiDiGraph):
            raise GraphbuildError(f"KnowledgeGraph needs a networkx.MultiDiGraph, not {type(graph).__name__}")
        self.graph = graph
        self._index: NameIndex | None = None
        self._index_size = (-1, -1)

    # ------------------------------------------------------------------ helpers

    @property
    def names(self) -> NameIndex:
        """The name index (label and aliases of every node)."""
        size = (self.graph.number_of_nodes(), self.graph.number_of_edges())
        if self._index is None or size != self._index_size:
            self._index, self._index_size = NameIndex(self.graph), size
        return self._index

    def _label(self, node: str) -> str:
        return str(self.graph.nodes[node].get("label") or node)

    def _type(self, node: str) -> str:
        return self.graph.nodes[node].get("type", "")

    def _out(self, node: str, etype: str) -> list[str]:
        return sorted({t for _, t, k in self.graph.out_edges(node, keys=True) if k == etype})

    def _in(self, node: str, etype: str) -> list[str]:
        return sorted({s for s, _, k in self.graph.in_edges(node, keys=True) if k == etype})

    def _nodes(self, node_type: str) -> list[str]:
        return sorted(n for n, t in self.graph.nodes(data="type") if t == node_type)

    def _series_events(self, name: str) -> set[str]:
        """Editions of the series called ``name`` (EDITION_OF or the ``series`` attribute)."""
        series = set(self.names.lookup(name, ["EventSeries"]))
        keys = {normalize(name)}
        for node in series:
            keys.add(normalize(self._label(node)))
            keys.update(normalize(a) for a in self.graph.nodes[node].get("aliases") or ())
        return {e for e in self._nodes("Event")
                if series.intersection(self._out(e, "EDITION_OF"))
                or normalize(self.graph.nodes[e].get("series") or "") in keys}

    def _events_named(self, name: str) -> set[str]:
        """Events called ``name``, editions of a series called ``name``, and their parts."""
        found = set(self.names.lookup(name, ["Event"])) | self._series_events(name)
        todo = list(found)
        while todo:  # events that are PART_OF a found event count as that event
            for part in self._in(todo.pop(), "PART_OF"):
                if part not in found and self._type(part) == "Event":
                    found.add(part)
                    todo.append(part)
        return found

    def _talk_year(self, talk: str) -> int | None:
        for event in self._out(talk, "PRESENTED_AT"):
            year = _year(self.graph.nodes[event].get("year"))
            if year is not None:
                return year
        for ev in self.graph.nodes[talk].get("provenance") or ():
            report = ev.get("report")
            if report in self.graph:
                year = _year(self.graph.nodes[report].get("date"))
                if year is not None:
                    return year
        return None

    def _talk_ids(self, speaker=None, event=None, project=None, series=None, year=None) -> list[str]:
        talks = set(self._nodes("Talk"))
        if speaker is not None:
            talks &= {t for p in self.names.lookup(speaker, ["Person"]) for t in self._out(p, "PRESENTED")}
        if event is not None:
            events = self._events_named(event)
            talks = {t for t in talks if events.intersection(self._out(t, "PRESENTED_AT"))}
        if series is not None:
            events = self._series_events(series)
            talks = {t for t in talks if events.intersection(self._out(t, "PRESENTED_AT"))}
        if project is not None:
            projects = set(self.names.lookup(project, ["Project"]))
            talks = {t for t in talks if projects.intersection(self._out(t, "ABOUT"))}
        if year is not None:
            talks = {t for t in talks if self._talk_year(t) == _year(year)}
        return sorted(talks)

    def _talk_record(self, talk: str) -> TalkRecord:
        events = sorted(self._out(talk, "PRESENTED_AT"),      # an edition before its devroom
                        key=lambda e: bool(self.graph.nodes[e].get("sub_event")))
        year = self._talk_year(talk)
        data = self.graph.nodes[talk]
        return TalkRecord(
            id=talk,
            title=self._label(talk),
            speakers=_ordered(self._label(p) for p in self._in(talk, "PRESENTED")),
            event=self._label(events[0]) if events else None,
            year=year,
            resources=tuple(sorted(str(self.graph.nodes[r].get("url") or self._label(r))
                                   for r in self._out(talk, "HAS_RESOURCE"))),
            projects=_ordered(self._label(p) for p in self._out(talk, "ABOUT")),
            room=data.get("room"), start=data.get("start"), confirmed=data.get("confirmed"),
        )

    # ------------------------------------------------------------------ queries

    def summary(self) -> ResultList:
        """Counts of nodes and of edges by type, largest first.

        >>> example().summary()[:2]
        kind  type    count
        ----  ------  -----
        node  Event       3
        node  Person      3
        >>> example().summary()[0]
        CountRecord(kind='node', type='Event', count=3)
        """
        nodes = Counter(t or "?" for _, t in self.graph.nodes(data="type"))
        edges = Counter(str(k) for _, _, k in self.graph.edges(keys=True))
        rows = [CountRecord("node", t, c) for t, c in sorted(nodes.items(), key=lambda i: (-i[1], i[0]))]
        rows += [CountRecord("edge", t, c) for t, c in sorted(edges.items(), key=lambda i: (-i[1], i[0]))]
        return ResultList(rows, CountRecord)

    def find(self, name: str, type: str | None = None) -> ResultList:
        """Nodes named ``name`` (label or alias), then nodes whose label contains it.

        >>> example().find("dusseldorf")
        id                type   label
        ----------------  -----  ----------
        place:dusseldorf  Place  Düsseldorf
        >>> [r.id for r in example().find("qemu", type="Talk")]
        ['talk:kvm-and-qemu-in-2015', 'talk:qemu-block-layer-status', 'talk:towards-multi-threaded-device-emulation-in-qemu']
        """
        types = [type] if type else None
        exact = self.names.lookup(name, types)
        key = normalize(name)
        partial = sorted(
            (n for n, attrs in self.graph.nodes(data=True)
             if n not in exact and key and (types is None or attrs.get("type") in types)
             and f" {key} " in f" {normalize(attrs.get('label') or n)} "),
            key=lambda n: (self._type(n), normalize(self._label(n)), n))
        return ResultList([NodeRecord(n, self._type(n), self._label(n)) for n in exact + partial], NodeRecord)

    def talks(self, speaker: str | None = None, event: str | None = None, project: str | None = None,
              series: str | None = None, year: int | None = None) -> ResultList:
        """Talks, filtered by speaker, event, project, series and year (all must hold).

        ``event`` names an edition ("KVM Forum 2014") or a series ("KVM Forum":
        all its editions). Sorted by year, event, title.

        >>> kg = example()
        >>> kg.talks(speaker="Stefan Hajnoczi", project="qemu")
        id                                                    title                                            speakers         event           year  resources                            projects  room  start  confirmed
        ----------------------------------------------------  -----------------------------------------------  ---------------  --------------  ----  -----------------------------------  --------  ----  -----  ---------
        talk:towards-multi-threaded-device-emulation-in-qemu  Towards Multi-Threaded Device Emulation in QEMU  Stefan Hajnoczi  KVM Forum 2014  2014  https://videos.example.com/kvm14/mt  QEMU
        talk:qemu-block-layer-status                          QEMU Block Layer Status                          Stefan Hajnoczi  KVM Forum 2015  2015                                       QEMU
        >>> [t.title for t in kg.talks(event="KVM Forum", year=2015)]
        ['KVM and QEMU in 2015', 'QEMU Block Layer Status']
        >>> kg.talks(speaker="Nobody")
        id  title  speakers  event  year  resources  projects  room  start  confirmed
        --  -----  --------  -----  ----  ---------  --------  ----  -----  ---------
        (no results)
        """
        records = [self._talk_record(t) for t in self._talk_ids(speaker, event, project, series, year)]
        records.sort(key=lambda r: (r.year if r.year is not None else _LAST,
                                    normalize(r.event or ""), normalize(r.title), r.id))
        return ResultList(records, TalkRecord)

    def people(self, project: str | None = None, event: str | None = None,
               organization: str | None = None) -> ResultList:
        """People and how many talks they gave, most talks first, then by name.

        With ``project`` or ``event``, only people who presented talks about
        that project or at that event, counting those talks; ``organization``
        keeps the people affiliated with it.

        >>> example().people(project="QEMU")
        id                      name             talks  affiliations
        ----------------------  ---------------  -----  ------------
        person:stefan-hajnoczi  Stefan Hajnoczi      2  Red Hat
        person:paolo-bonzini    Paolo Bonzini        1
        >>> [p.name for p in example().people(organization="redhat")]
        ['Stefan Hajnoczi']
        """
        talks = set(self._talk_ids(event=event, project=project))
        people = self._nodes("Person")
        if organization is not None:
            orgs = set(self.names.lookup(organization, ["Organization"]))
            people = [p for p in people if orgs.intersection(self._out(p, "AFFILIATED_WITH"))]
        records = []
        for person in people:
            count = len(talks.intersection(self._out(person, "PRESENTED")))
            if count or (project is None and event is None):
                orgs = _ordered(self._label(o) for o in self._out(person, "AFFILIATED_WITH"))
                records.append(PersonRecord(person, self._label(person), count, orgs))
        records.sort(key=lambda r: (-r.talks, normalize(r.name), r.id))
        return ResultList(records, PersonRecord)

    def projects(self, speaker: str | None = None, event: str | None = None) -> ResultList:
        """Projects and how many talks were about them, most talks first.

        >>> example().projects()
        id            name  talks  speakers
        ------------  ----  -----  ------------------------------
        project:qemu  QEMU      3  Paolo Bonzini, Stefan Hajnoczi
        project:kvm   KVM       1  Paolo Bonzini
        """
        talks = set(self._talk_ids(speaker=speaker, event=event))
        records = []
        for project in self._nodes("Project"):
            about = talks.intersection(self._in(project, "ABOUT"))
            if about or (speaker is None and event is None):
                speakers = _ordered(self._label(p) for t in about for p in self._in(t, "PRESENTED"))
                records.append(ProjectRecord(project, self._label(project), len(about), speakers))
        records.sort(key=lambda r: (-r.talks, normalize(r.name), r.id))
        return ResultList(records, ProjectRecord)

    def events(self, series: str | None = None, year: int | None = None,
               place: str | None = None) -> ResultList:
        """Event editions with year, places, series, co-located events and talk count.

        >>> example().events(series="KVM Forum")
        id                    name            year  series     places      co_located            talks
        --------------------  --------------  ----  ---------  ----------  --------------------  -----
        event:kvm-forum-2014  KVM Forum 2014  2014  KVM Forum  Düsseldorf  LinuxCon Europe 2014      1
        event:kvm-forum-2015  KVM Forum 2015  2015  KVM Forum  Seattle                               2
        >>> [e.name for e in example().events(place="Dusseldorf")]
        ['KVM Forum 2014', 'LinuxCon Europe 2014']
        """
        events = set(self._nodes("Event"))
        if series is not None:
            events &= self._series_events(series)
        if year is not None:
            events = {e for e in events if _year(self.graph.nodes[e].get("year")) == _year(year)}
        if place is not None:
            places = set(self.names.lookup(place, ["Place"]))
            events = {e for e in events if places.intersection(self._out(e, "HELD_IN"))}
        records = []
        for event in events:
            attrs = self.graph.nodes[event]
            series_nodes = self._out(event, "EDITION_OF")
            records.append(EventRecord(
                id=event,
                name=self._label(event),
                year=_year(attrs.get("year")),
                series=self._label(series_nodes[0]) if series_nodes else (attrs.get("series") or None),
                places=_ordered(self._label(p) for p in self._out(event, "HELD_IN")),
                co_located=_ordered(self._label(e) for e in
                                    self._out(event, "CO_LOCATED_WITH") + self._in(event, "CO_LOCATED_WITH")),
                talks=len(self._in(event, "PRESENTED_AT")),
            ))
        records.sort(key=lambda r: (r.year if r.year is not None else _LAST, normalize(r.name), r.id))
        return ResultList(records, EventRecord)

    def timeline(self, person: str) -> ResultList:
        """A person's talks grouped by year (the event's year, else the report's date).

        >>> example().timeline("Dr. Stefan Hajnoczi")
        year  talks  titles                                           events
        ----  -----  -----------------------------------------------  --------------
        2014      1  Towards Multi-Threaded Device Emulation in QEMU  KVM Forum 2014
        2015      1  QEMU Block Layer Status                          KVM Forum 2015
        >>> example().timeline("Stefan Hajnozci")
        Traceback (most recent call last):
        ...
        graphbuild.errors.GraphbuildError: no person named 'Stefan Hajnozci' in the graph; did you mean 'Stefan Hajnoczi'?
        """
        node = self.names.one(person, ["Person"], "person")
        by_year: dict[int | None, list[str]] = defaultdict(list)
        for talk in self._out(node, "PRESENTED"):
            by_year[self._talk_year(talk)].append(talk)
        records = []
        for year in sorted(by_year, key=lambda y: y if y is not None else _LAST):
            talks = by_year[year]
            records.append(TimelineRecord(
                year=year,
                talks=len(talks),
                titles=_ordered(self._label(t) for t in talks),
                events=_ordered(self._label(e) for t in talks for e in self._out(t, "PRESENTED_AT")),
            ))
        return ResultList(records, TimelineRecord)

    def explain(self, item) -> Explanation:
        """The report lines behind a node or an edge, and the merges of a node.

        ``item`` is a node id or name, or an edge ``(source, target, type)``
        (``type`` may be left out: all edges between the two).

        >>> why = example().explain("Stefan Hajnoczi")
        >>> [(line.path, line.line) for line in why.lines]
        [('reports/kvm-forum-2014.md', 7), ('reports/kvm-forum-2015.md', 9)]
        >>> why.merges[0].merged
        'Dr. Stefan Hajnoczi'
        >>> example().explain(("Stefan Hajnoczi", "Red Hat", "AFFILIATED_WITH")).lines
        report                 title                  path                       line  text                                                         rule     confidence
        ---------------------  ---------------------  -------------------------  ----  -----------------------------------------------------------  -------  ----------
        report:kvm-forum-2014  KVM Forum 2014 report  reports/kvm-forum-2014.md     7  Stefan Hajnoczi (Red Hat) presented Towards Multi-Threaded…  example           1
        """
        if isinstance(item, (tuple, list)):
            if len(item) not in (2, 3):
                raise GraphbuildError(f"an edge is (source, target) or (source, target, type), not {item!r}")
            return self._explain_edge(*item)
        node = self.names.one(item, None, "node")
        attrs = self.graph.nodes[node]
        merges = [MergeRecord(m.get("rule", ""), m.get("kept", ""), m.get("merged", ""), m.get("report", ""))
                  for m in attrs.get("merges") or ()]
        return Explanation(node, self._type(node), self._label(node),
                           self._lines(attrs.get("provenance")), ResultList(merges, MergeRecord))

    def _lines(self, provenance) -> ResultList:
        lines = []
        for ev in provenance or ():
            report = ev.get("report", "")
            rattrs = self.graph.nodes[report] if report in self.graph else {}
            lines.append(ProvenanceLine(
                report=report, title=str(rattrs.get("title") or rattrs.get("label") or ""),
                path=str(rattrs.get("path") or ""), line=int(ev.get("line") or 0),
                text=ev.get("text", ""), rule=ev.get("rule", ""),
                confidence=float(ev.get("confidence", 1.0))))
        return ResultList(lines, ProvenanceLine)

    def _explain_edge(self, source: str, target: str, etype: str | None = None) -> Explanation:
        s = self.names.one(source, None, "node")
        t = self.names.one(target, None, "node")
        wanted = etype.upper() if etype else None

        def between(a, b):
            data = self.graph.get_edge_data(a, b) or {}
            return a, b, {k: v for k, v in data.items() if wanted is None or str(k).upper() == wanted}

        a, b, edges = between(s, t)
        if not edges:  # an edge stored the other way round (CO_LOCATED_WITH and the like)
            a, b, edges = between(t, s)
        if not edges:
            what = f"{wanted} edge" if wanted else "edge"
            raise GraphbuildError(f"no {what} between {s} and {t} in the graph; "
                                  f"see their edges with KnowledgeGraph.subgraph(around={s!r}, depth=1)")
        provenance = [ev for key in sorted(edges) for ev in edges[key].get("provenance") or ()]
        types = ", ".join(sorted(str(k) for k in edges))
        return Explanation(f"{a} -{types}-> {b}", types, f"{self._label(a)} -> {self._label(b)}",
                           self._lines(provenance), ResultList([], MergeRecord))

    def subgraph(self, around: str, depth: int = 2) -> "KnowledgeGraph":
        """The nodes within ``depth`` steps of ``around`` (edges in any direction).

        >>> small = example().subgraph(around="Paolo Bonzini", depth=1)
        >>> sorted(small.graph.nodes)
        ['person:paolo-bonzini', 'talk:kvm-and-qemu-in-2015']
        >>> example().subgraph(around="QEMU", depth=1).summary()[0]
        CountRecord(kind='node', type='Talk', count=3)
        """
        node = self.names.one(around, None, "node")
        sub = nx.ego_graph(self.graph, node, radius=depth, undirected=True)
        graph = nx.MultiDiGraph(sub)
        graph.graph.update(self.graph.graph)
        return KnowledgeGraph(graph)

    # ------------------------------------------------------------------ output

    def show(self, height: str | int = "600px", title: str | None = None):
        """The interactive graph, inline in a notebook (JupyterLab, Notebook, VS Code).

        Returns an ``IPython.display.HTML`` holding an ``<iframe srcdoc>`` with
        the self-contained viewer page (scripts allowed, nothing else).

        >>> shown = example().show(height=400)
        >>> shown.data.startswith('<div class="graphbuild-graph"><iframe srcdoc="')
        True
        >>> 'sandbox="allow-scripts"' in shown.data and "height:400px" in shown.data
        True
        """
        from graphbuild.export.html import html_data  # the viewer; imported only when used

        page = html_data(self.graph, title=title)
        if isinstance(height, (int, float)):
            height = f"{int(height)}px"
        markup = (f'<div class="graphbuild-graph"><iframe srcdoc="{html.escape(page, quote=True)}" '
                  f'sandbox="allow-scripts" '
                  f'style="width:100%;height:{html.escape(str(height), quote=True)};border:0"></iframe></div>')
        try:
            from IPython.display import HTML
        except ImportError:
            return InlineHTML(markup)
        return HTML(markup)

    def to_json(self, path) -> Path:
        """Write graph.json; ``load`` reads it back.

        >>> import tempfile, pathlib
        >>> kg = example()
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     again = load(kg.to_json(pathlib.Path(tmp) / "graph.json"))
        >>> sorted(again.graph.edges(keys=True)) == sorted(kg.graph.edges(keys=True))
        True
        """
        from graphbuild.export.json import write_json

        return write_json(self.graph, path)

    def to_html(self, path) -> Path:
        """Write the self-contained interactive page (graph.html).

        >>> import tempfile, pathlib
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     page = example().to_html(pathlib.Path(tmp) / "graph.html").read_text(encoding="utf-8")
        >>> "KVM Forum 2014" in page
        True
        """
        from graphbuild.export.html import write_html

        return write_html(self.graph, path)

    def __repr__(self) -> str:
        return (f"KnowledgeGraph: {self.graph.number_of_nodes()} nodes, "
                f"{self.graph.number_of_edges()} edges\n\n{self.summary()!r}")

    def _repr_html_(self) -> str:
        return (f"<p>KnowledgeGraph: {self.graph.number_of_nodes()} nodes, "
                f"{self.graph.number_of_edges()} edges</p>{self.summary()._repr_html_()}")


class InlineHTML:
    """HTML for notebooks when IPython is not installed (``_repr_html_`` only)."""

    def __init__(self, data: str):
        self.data = data

    def _repr_html_(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return f"<InlineHTML, {len(self.data)} characters>"


def load(path) -> KnowledgeGraph:
    """Read a graph.json (or the graph.json in a folder) into a KnowledgeGraph.

    >>> load("no/such/graph.json")
    Traceback (most recent call last):
    ...
    graphbuild.errors.UsageError: no/such/graph.json: no such file; build one with `graphbuild build REPORTS --out out`
    """
    from graphbuild.export.json import json_graph

    path = Path(path)
    if path.is_dir():
        path = path / "graph.json"
    if not path.is_file():
        raise UsageError("no such file; build one with `graphbuild build REPORTS --out out`", path=str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        graph = json_graph(data)
    except (ValueError, KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphbuildError(f"not a graph.json file ({exc}); rebuild it with `graphbuild build`",
                              path=str(path)) from exc
    return KnowledgeGraph(graph)


def build(paths, **options) -> KnowledgeGraph:
    """Run the pipeline on report files or folders and wrap the graph.

    ``paths`` is one path or a list of paths; ``options`` go to
    ``graphbuild.pipeline.run``.
    """
    from graphbuild.pipeline import run

    if isinstance(paths, (str, Path)):
        paths = [paths]
    return KnowledgeGraph(run([str(p) for p in paths], **options))


def example() -> KnowledgeGraph:
    """A small KnowledgeGraph built in code (two KVM Forums, three talks), for examples.

    >>> example().graph.number_of_nodes()
    18
    """
    from graphbuild.api_example import example_graph

    return KnowledgeGraph(example_graph())
