"""Typed records passed between the stages of graphbuild.

    read    (graphbuild.readers)  path            -> Report
    extract (graphbuild.extract)  Report          -> Extraction (mentions, relations)
    resolve (graphbuild.resolve)  [Extraction]    -> Resolved (entities, edges)
    build   (graphbuild.graph)    Resolved        -> networkx.MultiDiGraph
    export  (graphbuild.export)   MultiDiGraph    -> files

Every record is a frozen dataclass of plain values (str, int, float, tuples,
dicts of JSON-safe values), so results can be cached, pickled and sent to
worker processes.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Mapping

# Node types of the graph.json contract.
NODE_TYPES = (
    "Report", "Event", "EventSeries", "Talk", "Person",
    "Organization", "Project", "Place", "Resource",
)
# Edge types of the graph.json contract: type -> (source type, target type).
EDGE_TYPES = {
    "PRESENTED": ("Person", "Talk"),
    "PRESENTED_AT": ("Talk", "Event"),
    "HAS_RESOURCE": ("Talk", "Resource"),
    "AFFILIATED_WITH": ("Person", "Organization"),
    "CO_LOCATED_WITH": ("Event", "Event"),
    "HELD_IN": ("Event", "Place"),
    "EDITION_OF": ("Event", "EventSeries"),
    "AUTHORED": ("Person", "Report"),
    "ABOUT": ("Talk", "Project"),
    "MENTIONS": ("Report", None),
    "PART_OF": ("Event", "Event"),
    "EVENT_RESOURCE": ("Event", "Resource"),
}
RESOURCE_KINDS = ("slides", "video", "schedule", "code", "article", "photos", "website", "other")


# --------------------------------------------------------------------------- read


@dataclass(frozen=True)
class Link:
    """A hyperlink in a report: anchor text, absolute-or-as-written URL, 1-based line."""
    text: str
    url: str
    line: int
    block: int = -1          # index into Report.blocks, -1 when outside any block
    image: bool = False      # an image (``![alt](src)``), not a clickable link
    embed: bool = False      # an embedded player or viewer (iframe, video, shortcode)


@dataclass(frozen=True)
class Block:
    """One structural block of a report's body.

    kind: "heading", "paragraph", "list_item", "table_row", "quote", "code", "html".
    text: plain text with markup removed; lines of the block kept with "\\n".
    line / end_line: 1-based source lines (inclusive) in the original file.
    level: heading level (1-6), list nesting depth (1..), table row index (0 = header).
    section: text of the nearest heading above the block ("" before any heading).
    cells: plain text of each cell, for table rows.
    emphasis: texts the report set in bold or italics, in order (titles and
    names are often marked so).
    """
    kind: str
    text: str
    line: int
    end_line: int
    level: int = 0
    section: str = ""
    cells: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    emphasis: tuple[str, ...] = ()

    def line_of(self, offset: int) -> int:
        """Source line of a character offset into ``text``."""
        return self.line + self.text.count("\n", 0, max(0, offset))


@dataclass(frozen=True)
class Report:
    """A parsed report. ``meta`` is the cleaned front matter (JSON-safe values)."""
    id: str                          # "report:<slug>", stable, derived from the path
    path: str                        # as given on the command line (or found in a folder)
    format: str                      # "markdown", "html", "asciidoc", "rst"
    title: str = ""
    date: _dt.date | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    meta_line: int = 1               # line of the front matter (for provenance)
    body_line: int = 1               # first line of the body
    blocks: tuple[Block, ...] = ()
    links: tuple[Link, ...] = ()
    sha256: str = ""                 # of the raw bytes
    warnings: tuple[str, ...] = ()   # problems met while reading; the report is still used

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    @property
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)


# ------------------------------------------------------------------------ extract


@dataclass(frozen=True)
class Evidence:
    """Where and why: report id, 1-based line, the sentence or line, rule, confidence."""
    report: str
    line: int
    text: str = ""
    rule: str = ""
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"report": self.report, "line": self.line, "text": self.text,
                "rule": self.rule, "confidence": round(self.confidence, 3)}


@dataclass(frozen=True)
class Mention:
    """An entity named in one report.

    key: unique within the report's Extraction (relations refer to it).
    type: a node type of NODE_TYPES.
    name: the surface form as written (cleaned).
    attrs: extra attributes (Resource: url, kind; Event: year, series; ...).
    """
    key: str
    type: str
    name: str
    evidence: tuple[Evidence, ...]
    attrs: Mapping[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A typed relation between two mentions of one Extraction."""
    type: str
    source: str                      # Mention.key
    target: str                      # Mention.key
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Extraction:
    """What one report says: the report itself (as a Report mention) and the rest."""
    report: Report
    mentions: tuple[Mention, ...]
    relations: tuple[Relation, ...]
    pipeline: str = ""               # pipeline fingerprint that produced it


# ------------------------------------------------------------------------ resolve


@dataclass(frozen=True)
class Merge:
    """Why two names became one entity: the rule and the two forms."""
    rule: str
    kept: str
    merged: str
    report: str = ""


@dataclass(frozen=True)
class Entity:
    """One node of the graph: one real thing across all reports."""
    id: str
    type: str
    label: str
    aliases: tuple[str, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)
    provenance: tuple[Evidence, ...] = ()
    merges: tuple[Merge, ...] = ()


@dataclass(frozen=True)
class Edge:
    """One edge of the graph between two entity ids."""
    source: str
    target: str
    type: str
    provenance: tuple[Evidence, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """A file left out (``skipped``) or used with a problem (``warnings``)."""
    path: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "message": self.message}


@dataclass(frozen=True)
class Resolved:
    entities: tuple[Entity, ...]
    edges: tuple[Edge, ...]
