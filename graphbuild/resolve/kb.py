"""Knowledge base and candidate generation (kept apart from resolution).

The knowledge base holds canonical names from three sources, most trusted
first: the user alias file, the shipped gazetteers (``graphbuild.knowledge``)
and the Wikidata table (``graphbuild/knowledge/wikidata.yaml``).
``candidates(type, form)`` lists every canonical name a form may stand for;
``link`` returns one only when the choice is unique.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

import yaml

from graphbuild import knowledge
from graphbuild.resolve.aliases import AliasRules
from graphbuild.knowledge.lexicon import compact_key as compact, name_key as norm

# types matched also on their space-free form ("RedHat" = "Red Hat")
COMPACT_TYPES = frozenset({"Organization", "Project", "EventSeries", "Event"})


@dataclass(frozen=True)
class Candidate:
    name: str          # canonical name
    rule: str          # "user-alias" or "gazetteer-alias"
    wikidata: str = ""


@lru_cache(maxsize=None)
def load_wikidata() -> dict[tuple[str, str], str]:
    """(type, normalized canonical name) -> Q-id, from ``knowledge/wikidata.yaml``."""
    try:
        text = resources.files(knowledge.__name__).joinpath("wikidata.yaml").read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    out = {}
    for key, qid in (yaml.safe_load(text) or {}).items():
        typ, _, name = str(key).partition(":")
        out[(typ, norm(name))] = str(qid)
    return out


def _keys(typ: str, form: str) -> list[tuple[str, str]]:
    keys = [(typ, norm(form))]
    if typ in COMPACT_TYPES:
        keys.append((typ, "~" + compact(form)))
    return keys


class KnowledgeBase:
    """Canonical names by (type, normalized form); see module doc."""

    def __init__(self, entries: Iterable[knowledge.Entry] = (), rules: AliasRules | None = None,
                 wikidata: Mapping[tuple[str, str], str] | None = None):
        self.rules = rules or AliasRules()
        self.wikidata_table = dict(load_wikidata() if wikidata is None else wikidata)
        self._user: dict[tuple[str, str], set[str]] = {}
        self._gaz: dict[tuple[str, str], set[str]] = {}
        self._exact: dict[tuple[str, str], set[str]] = {}   # case-sensitive gazetteer forms
        self._entry_qid: dict[tuple[str, str], str] = {}
        self._names: dict[str, set[str]] = {}
        for typ, name, forms in self.rules.merge:
            self._names.setdefault(typ, set()).add(name)
            for form in (name, *forms):
                for key in _keys(typ, form):
                    self._user.setdefault(key, set()).add(name)
        for entry in entries:
            self._names.setdefault(entry.type, set()).add(entry.name)
            if entry.wikidata:
                self._entry_qid[(entry.type, norm(entry.name))] = entry.wikidata
            for form in entry.forms:
                if entry.case_sensitive:
                    self._exact.setdefault((entry.type, form), set()).add(entry.name)
                    continue
                for key in _keys(entry.type, form):
                    self._gaz.setdefault(key, set()).add(entry.name)
        self._split = self.rules.split_keys()

    @classmethod
    def default(cls, rules: AliasRules | None = None) -> "KnowledgeBase":
        return cls(knowledge.all_entries(), rules)

    def candidates(self, typ: str, form: str) -> list[Candidate]:
        """Every canonical name ``form`` may stand for, from the most trusted source
        that knows it (user rules shadow gazetteers)."""
        for table, rule in ((self._user, "user-alias"), (self._gaz, "gazetteer-alias")):
            names: set[str] = set()
            for key in _keys(typ, form):
                names |= table.get(key, set())
            if rule == "gazetteer-alias":
                names |= self._exact.get((typ, form), set())
            if names:
                return [Candidate(n, rule, self.wikidata(typ, n)) for n in sorted(names)]
        return []

    def names(self, typ: str) -> frozenset[str]:
        """Every canonical name of one type."""
        return frozenset(self._names.get(typ, ()))

    def link(self, typ: str, form: str) -> Candidate | None:
        """The canonical name of ``form`` when exactly one is known, else ``None``."""
        found = self.candidates(typ, form)
        return found[0] if len(found) == 1 else None

    def wikidata(self, typ: str, name: str) -> str:
        key = (typ, norm(name))
        return self._entry_qid.get(key) or self.wikidata_table.get(key, "")

    def is_split(self, typ: str, form: str) -> bool:
        """True for a bare form the user asked never to merge."""
        return (typ, norm(form)) in self._split
