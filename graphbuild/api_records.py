"""Result records of the Python API and the tables that show them.

Every query of :class:`graphbuild.api.KnowledgeGraph` returns a
:class:`ResultList`: a plain list of frozen dataclass records that prints as
an aligned text table, shows as an HTML table in notebooks and turns into a
pandas DataFrame with ``to_frame()``.

>>> rows = ResultList([CountRecord("node", "Person", 2), CountRecord("node", "Talk", 10)], CountRecord)
>>> rows
kind  type    count
----  ------  -----
node  Person      2
node  Talk       10
>>> rows[1].count
10
>>> rows.to_records()[0]
{'kind': 'node', 'type': 'Person', 'count': 2}
"""
from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass
from typing import Any, Iterable

from graphbuild.errors import GraphbuildError

__all__ = [
    "ResultList", "CountRecord", "NodeRecord", "TalkRecord", "PersonRecord", "ProjectRecord",
    "EventRecord", "TimelineRecord", "ProvenanceLine", "MergeRecord", "Explanation",
]

MAX_ROWS = 40     # rows shown by repr and HTML; to_frame() and iteration give all
MAX_WIDTH = 60    # characters per cell in the text table


@dataclass(frozen=True)
class CountRecord:
    """How many nodes (kind "node") or edges (kind "edge") have a type."""
    kind: str
    type: str
    count: int


@dataclass(frozen=True)
class NodeRecord:
    """A node found by name."""
    id: str
    type: str
    label: str


@dataclass(frozen=True)
class TalkRecord:
    """A talk: title, speakers, event (label), year, resource URLs, project labels;
    from a conference programme: room, start (ISO date and time) and ``confirmed``
    (True: a loaded programme lists the talk; False: none does; None: no programme loaded)."""
    id: str
    title: str
    speakers: tuple[str, ...]
    event: str | None
    year: int | None
    resources: tuple[str, ...]
    projects: tuple[str, ...]
    room: str | None = None
    start: str | None = None
    confirmed: bool | None = None


@dataclass(frozen=True)
class PersonRecord:
    """A person, the number of (matching) talks they gave, their organizations."""
    id: str
    name: str
    talks: int
    affiliations: tuple[str, ...]


@dataclass(frozen=True)
class ProjectRecord:
    """A project, the number of talks about it and their speakers."""
    id: str
    name: str
    talks: int
    speakers: tuple[str, ...]


@dataclass(frozen=True)
class EventRecord:
    """An event edition: year, places, series, co-located events, number of talks."""
    id: str
    name: str
    year: int | None
    series: str | None
    places: tuple[str, ...]
    co_located: tuple[str, ...]
    talks: int


@dataclass(frozen=True)
class TimelineRecord:
    """One year of a person's talks: how many, their titles and events."""
    year: int | None
    talks: int
    titles: tuple[str, ...]
    events: tuple[str, ...]


@dataclass(frozen=True)
class ProvenanceLine:
    """A report line behind a node or an edge."""
    report: str
    title: str
    path: str
    line: int
    text: str
    rule: str
    confidence: float


@dataclass(frozen=True)
class MergeRecord:
    """Two names that resolution made one node, and the rule that did it."""
    rule: str
    kept: str
    merged: str
    report: str


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).split())


def _clip(text: str, width: int = MAX_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _numeric(rows: list, name: str) -> bool:
    values = [getattr(r, name) for r in rows if getattr(r, name) is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def text_table(columns: list[str], rows: list[list[str]], right: Iterable[str] = ()) -> str:
    """Aligned text table with a header and a rule; columns in ``right`` align right.

    >>> print(text_table(["name", "talks"], [["Ada", "3"], ["Grace Hopper", "12"]], right=["talks"]))
    name          talks
    ------------  -----
    Ada               3
    Grace Hopper     12
    """
    right = set(right)
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(columns)]

    def line(cells):
        out = [c.rjust(w) if name in right else c.ljust(w) for c, w, name in zip(cells, widths, columns)]
        return "  ".join(out).rstrip()

    return "\n".join([line(columns), line(["-" * w for w in widths])] + [line(r) for r in rows])


class ResultList(list):
    """A list of records of one dataclass type, shown as a table.

    ``record_type`` names the columns even when the list is empty.

    >>> ResultList([], NodeRecord)
    id  type  label
    --  ----  -----
    (no results)
    """

    def __init__(self, records: Iterable = (), record_type: type | None = None):
        super().__init__(records)
        if record_type is None and self:
            record_type = type(self[0])
        self.record_type = record_type

    def __getitem__(self, item):
        """A slice is a ResultList too: ``kg.people()[:10]`` still shows as a table.

        >>> ResultList([CountRecord("node", "Talk", 3), CountRecord("node", "Person", 2)])[1:]
        kind  type    count
        ----  ------  -----
        node  Person      2
        """
        if isinstance(item, slice):
            return ResultList(list.__getitem__(self, item), self.record_type)
        return list.__getitem__(self, item)

    @property
    def columns(self) -> list[str]:
        """Field names of the records, in order."""
        if self.record_type is None or not dataclasses.is_dataclass(self.record_type):
            return []
        return [f.name for f in dataclasses.fields(self.record_type)]

    def to_records(self) -> list[dict[str, Any]]:
        """The records as JSON-ready dicts (tuples become lists)."""
        return [{c: _plain(getattr(r, c)) for c in self.columns} for r in self]

    def to_frame(self):
        """A pandas DataFrame with one row per record and one column per field.

        pandas is an optional dependency (``pip install graphbuild[frame]``).
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise GraphbuildError(
                "to_frame() needs pandas; install it with `pip install pandas` "
                "(or `pip install graphbuild[frame]`)") from exc
        return pd.DataFrame([{c: getattr(r, c) for c in self.columns} for r in self],
                            columns=self.columns)

    def _shown(self) -> tuple[list, int]:
        rows = list(self)
        return rows[:MAX_ROWS], max(0, len(rows) - MAX_ROWS)

    def to_text(self, max_rows: int | None = None, width: int = MAX_WIDTH) -> str:
        """Aligned text table of the first ``max_rows`` records (all when None).

        >>> print(ResultList([CountRecord("edge", "ABOUT", 7)]).to_text())
        kind  type   count
        ----  -----  -----
        edge  ABOUT      7
        """
        columns = self.columns
        rows = list(self) if max_rows is None else list(self)[:max_rows]
        body = [[_clip(_cell(getattr(r, c)), width) for c in columns] for r in rows]
        text = text_table(columns, body, right=[c for c in columns if _numeric(rows, c)])
        if not self:
            text += "\n(no results)"
        elif len(rows) < len(self):
            text += f"\n... {len(self) - len(rows)} more rows ({len(self)} in all)"
        return text

    def __repr__(self) -> str:
        if not self.columns:
            return list.__repr__(self)
        return self.to_text(MAX_ROWS)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        columns = self.columns
        rows, hidden = self._shown()
        numeric = {c for c in columns if _numeric(rows, c)}
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = []
        for r in rows:
            cells = []
            for c in columns:
                align = ' style="text-align:right"' if c in numeric else ""
                cells.append(f"<td{align}>{html.escape(_cell(getattr(r, c)))}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        note = ""
        if not self:
            note = "<p>(no results)</p>"
        elif hidden:
            note = f"<p>... {hidden} more rows ({len(self)} in all); use .to_frame() to see them</p>"
        return (f'<table class="graphbuild-results"><thead><tr>{head}</tr></thead>'
                f"<tbody>{''.join(body)}</tbody></table>{note}")


@dataclass(frozen=True)
class Explanation:
    """Why a node or an edge is in the graph: report lines and merges.

    ``subject`` is the node id, or ``"source -TYPE-> target"`` for an edge.
    """
    subject: str
    type: str
    label: str
    lines: ResultList
    merges: ResultList

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: subject, type, label, lines, merges."""
        return {"subject": self.subject, "type": self.type, "label": self.label,
                "lines": self.lines.to_records(), "merges": self.merges.to_records()}

    def __repr__(self) -> str:
        parts = [f"{self.label} ({self.type}, {self.subject})", "", "report lines:", repr(self.lines)]
        if self.merges:
            parts += ["", "merges:", repr(self.merges)]
        return "\n".join(parts)

    __str__ = __repr__

    def _repr_html_(self) -> str:
        out = [f"<p><b>{html.escape(self.label)}</b> ({html.escape(self.type)}, "
               f"<code>{html.escape(self.subject)}</code>)</p>",
               "<p>report lines:</p>", self.lines._repr_html_()]
        if self.merges:
            out += ["<p>merges:</p>", self.merges._repr_html_()]
        return "".join(out)
