"""Gazetteers shipped as data: known projects, organizations, event series and
places, each with canonical name, aliases and an optional Wikidata id.

Files: ``graphbuild/knowledge/<kind>.yaml``, a list of entries::

    - name: QEMU
      aliases: [Qemu]
      wikidata: Q624699
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

KINDS = {  # file stem -> node type
    "projects": "Project",
    "organizations": "Organization",
    "events": "EventSeries",
    "places": "Place",
}


@dataclass(frozen=True)
class Entry:
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    wikidata: str = ""
    case_sensitive: bool = False   # match only as written (e.g. "top", "perf" are ambiguous)
    match_name: bool = True        # False: the name alone is too common a word ("Go"); only aliases match

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases) if self.match_name else self.aliases


def _text(kind: str) -> str:
    return resources.files(__package__).joinpath(f"{kind}.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load(kind: str) -> tuple[Entry, ...]:
    """Entries of one gazetteer, e.g. ``load("projects")``."""
    raw = yaml.safe_load(_text(kind)) or []
    out = []
    for item in raw:
        if isinstance(item, str):
            item = {"name": item}
        out.append(Entry(
            type=KINDS[kind], name=str(item["name"]),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            wikidata=str(item.get("wikidata") or ""),
            case_sensitive=bool(item.get("case_sensitive", False)),
            match_name=bool(item.get("match_name", True)),
        ))
    return tuple(out)


def all_entries() -> tuple[Entry, ...]:
    return tuple(e for kind in KINDS for e in load(kind))


def fingerprint() -> str:
    """Hash of every gazetteer file; part of the pipeline version used by caches."""
    h = hashlib.sha256()
    for kind in sorted(KINDS):
        h.update(_text(kind).encode("utf-8"))
    return h.hexdigest()[:16]
