"""Resolve stage: ``[Extraction] -> Resolved``.

Mentions of all reports become entities, relations become edges.

Pipeline (each step a small module, inspectable alone):

1. ``kb``       knowledge base: user alias file, gazetteers, Wikidata ids;
                candidates for a (type, form).
2. ``local``    per report: each Mention -> ``Form`` with a matching key
                (honorifics, first names, editions without year, talk events).
3. ``across``   across reports: "A, B" names, middle names, author handles, talks without event.
4. ``entities`` forms grouped by key -> ``Entity`` (label, id, attrs, merges).
5. ``edges``    relations mapped onto entity ids, EDITION_OF added.

Between 3 and 4, ``schedules`` joins report talks to the sessions of loaded
conference programmes.

Forms meet only through dicts keyed by normalized names, so the cost grows
linearly with the number of mentions. See docs/resolution.md.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from graphbuild.resolve.across import apply_all
from graphbuild.resolve.aliases import AliasRules, find_alias_file, load_alias_file
from graphbuild.resolve.edges import build_edges, series_forms
from graphbuild.resolve.entities import EntityBuilder, assign_ids, drop_shared_aliases
from graphbuild.resolve.forms import Form, Key
from graphbuild.resolve.kb import KnowledgeBase
from graphbuild.resolve.local import local_forms, series_index
from graphbuild.resolve.schedules import merge_programmes
from graphbuild.types import Entity, Extraction, Resolved

__all__ = ["resolve", "resolve_forms", "load_alias_file", "find_alias_file", "AliasRules",
           "KnowledgeBase"]

# series before events (event labels use series labels), events before sub-events and talks
_ORDER = {"EventSeries": 0, "Event": 1, "Talk": 2}


def resolve_forms(extractions: Iterable[Extraction], kb: KnowledgeBase
                  ) -> tuple[list[Form], list[tuple[Extraction, dict[str, int]]]]:
    """All Forms, and for each Extraction its mention key -> form index."""
    extractions = list(extractions)
    series = series_index(extractions, kb)
    forms: list[Form] = []
    index: list[tuple[Extraction, dict[str, int]]] = []
    for ex in extractions:
        local = local_forms(ex, kb, series)
        where = {}
        for mkey, form in local.items():
            where[mkey] = len(forms)
            forms.append(form)
        index.append((ex, where))
    apply_all(forms)
    return forms, index


def resolve(extractions: Iterable[Extraction], *, aliases: AliasRules | None = None,
            kb: KnowledgeBase | None = None) -> Resolved:
    """Entities and edges of all extractions; deterministic for any input order."""
    kb = kb or KnowledgeBase.default(aliases)
    forms, index = resolve_forms(extractions, kb)
    merge_programmes(forms, index)
    groups: dict[Key, list[Form]] = defaultdict(list)
    for f in forms + series_forms(forms):
        groups[f.key].append(f)
    builder = EntityBuilder(kb)
    entities: dict[Key, Entity] = {}
    order = sorted(groups, key=lambda k: (_ORDER.get(k[0], 0), k[0] == "Event" and k[1] == "sub", repr(k)))
    for key in order:
        entities[key] = builder.entity(key, groups[key])
    entities = drop_shared_aliases(entities)
    ids = assign_ids(entities)
    final = tuple(sorted((replace(e, id=ids[k]) for k, e in entities.items()), key=lambda e: e.id))
    return Resolved(entities=final, edges=build_edges(forms, index, ids))

