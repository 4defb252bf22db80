"""Collects the mentions and relations of one report, merging repeats by key."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphbuild.knowledge.lexicon import name_key as norm_key
from graphbuild.types import Evidence, Extraction, Mention, Relation, Report


@dataclass
class Draft:
    """A mention while its report is being read: evidence, attributes and aliases still grow."""
    type: str
    name: str
    evidence: list[Evidence] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    aliases: set[str] = field(default_factory=set)


class Collector:
    """Mutable accumulator used while extracting one report; ``result()`` freezes it."""

    def __init__(self, report: Report, pipeline: str = ""):
        self.report = report
        self.pipeline = pipeline
        self._m: dict[str, Draft] = {}
        self._r: dict[tuple[str, str, str], list[Evidence]] = {}

    def evidence(self, line: int, text: str, rule: str, confidence: float) -> Evidence:
        text = " ".join(text[:600].split())
        if len(text) > 300:
            text = text[:297] + "..."
        return Evidence(self.report.id, int(line), text, rule, confidence)

    def mention(self, type_: str, name: str, ev: Evidence, *, key: str | None = None,
                attrs: dict[str, Any] | None = None, alias: str | None = None) -> str:
        key = key or f"{type_}:{norm_key(name)}"
        m = self._m.get(key)
        if m is None:
            m = self._m[key] = Draft(type_, name)
        m.evidence.append(ev)
        for k, v in (attrs or {}).items():
            if v is not None and k not in m.attrs:
                m.attrs[k] = v
        for form in (alias, name):
            if form and form != m.name:
                m.aliases.add(form)
        return key

    def has(self, key: str) -> bool:
        return key in self._m

    def get(self, key: str) -> Draft:
        return self._m[key]

    def keys(self, type_: str) -> list[str]:
        return [k for k, m in self._m.items() if m.type == type_]

    def rename(self, old: str, new: str) -> None:
        """Fold mention ``old`` into ``new`` (both keys), relations follow."""
        if old == new or old not in self._m or new not in self._m:
            return
        a, b = self._m.pop(old), self._m[new]
        b.evidence.extend(a.evidence)
        b.aliases |= a.aliases | ({a.name} - {b.name})
        for k, v in a.attrs.items():
            b.attrs.setdefault(k, v)
        for (t, s, d), evs in list(self._r.items()):
            if old in (s, d):
                del self._r[(t, s, d)]
                s2, d2 = (new if s == old else s), (new if d == old else d)
                if s2 != d2:
                    self._r.setdefault((t, s2, d2), []).extend(evs)

    def relations_of(self, key: str) -> list[tuple[str, str, str]]:
        return [r for r in self._r if key in (r[1], r[2])]

    def drop(self, key: str) -> None:
        """Forget a mention and its relations."""
        self._m.pop(key, None)
        for rel in [r for r in self._r if key in (r[1], r[2])]:
            del self._r[rel]

    def relate(self, type_: str, source: str, target: str, ev: Evidence) -> None:
        if source == target or source not in self._m or target not in self._m:
            return
        self._r.setdefault((type_, source, target), []).append(ev)

    def result(self) -> Extraction:
        mentions = tuple(
            Mention(key=k, type=m.type, name=m.name, evidence=tuple(m.evidence),
                    attrs=dict(m.attrs), aliases=tuple(sorted(m.aliases)))
            for k, m in sorted(self._m.items())
        )
        relations = tuple(
            Relation(type=t, source=s, target=d, evidence=tuple(evs))
            for (t, s, d), evs in sorted(self._r.items())
        )
        return Extraction(report=self.report, mentions=mentions, relations=relations, pipeline=self.pipeline)
