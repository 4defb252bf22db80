"""The unit of resolution: one mention, cleaned and given a matching key.

Mentions whose forms get the same ``key`` become one entity; every rule of
resolution is a way of choosing that key (see docs/resolution.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from graphbuild.types import Evidence

Key = tuple  # ("Person", "stefan hajnoczi"), ("Event", "kvmforum", 2014), ...


@dataclass(frozen=True)
class Form:
    report: str                  # report id
    mention: str                 # Mention.key within that report's Extraction
    type: str
    surface: str                 # as written
    name: str                    # cleaned name; a label candidate
    key: Key
    rule: str = ""               # why ``surface`` became ``name``/``key`` ("" = plain normalization)
    weight: int = 1              # votes for ``name`` as label (0: a short form, never preferred)
    evidence: tuple[Evidence, ...] = ()
    attrs: Mapping[str, Any] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    series: str = ""             # Event: series display name; Talk: ""
    series_key: Key = ()         # Event: key of its EventSeries
    event: Key = ()              # Talk: key of the event it was presented at; sub-event: parent
    alt: str = ""                # Person "A, B": the swapped reading "B A"
    canon: str = ""              # "user-alias"/"gazetteer-alias": ``name`` (Event: ``series``)
                                 # is a canonical name of the knowledge base
