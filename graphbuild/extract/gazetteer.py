"""Find gazetteer entries (projects, organizations, event series, places) in text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from graphbuild import knowledge
from graphbuild.knowledge import Entry
from graphbuild.extract.config import load_rules


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    surface: str
    entry: Entry


def _pattern(forms: list[str], flags: int) -> re.Pattern | None:
    forms = sorted(set(forms), key=len, reverse=True)
    if not forms:
        return None
    body = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
    # a name may be the first part of a compound adjective: "LLVM-based tools", "Kubernetes-native"
    compound = "|".join(re.escape(w) for w in load_rules()["name_compound_suffixes"])
    return re.compile(rf"(?<![\w.-])(?:{body})(?![^\W\d]|[-_+](?!(?:{compound})\b)|\.\w)", flags)


@lru_cache(maxsize=None)
def _matchers(kinds: tuple[str, ...]):
    """(case-insensitive regex, case-sensitive regex, form -> entry) for the kinds."""
    lookup: dict[str, Entry] = {}
    ci_keys: set[str] = set()           # case-insensitive forms (casefolded)
    ci, cs = [], []
    for kind in kinds:
        for entry in knowledge.load(kind):
            for form in entry.forms:
                # short acronyms ("US", "LF") match only in capitals
                sensitive = entry.case_sensitive or (form.replace(".", "").isupper() and len(form) <= 4)
                key = form if sensitive else form.casefold()
                lookup.setdefault(key, entry)
                (cs if sensitive else ci).append(form)
                if not sensitive:
                    ci_keys.add(form.casefold())
    return _pattern(ci, re.IGNORECASE), _pattern(cs, 0), lookup, frozenset(ci_keys)


def find(text: str, kinds: tuple[str, ...]) -> list[Hit]:
    """Longest non-overlapping gazetteer hits in ``text``, in order."""
    if len(text) <= 300:           # names and titles repeat: remembered
        return list(_find_short(text, kinds))
    return list(_find_long(text[:load_rules()["limits"]["max_search_chars"]], kinds))


@lru_cache(maxsize=32768)
def _find_short(text: str, kinds: tuple[str, ...]) -> tuple[Hit, ...]:
    return tuple(_find(text, kinds))


@lru_cache(maxsize=16)
def _find_long(text: str, kinds: tuple[str, ...]) -> tuple[Hit, ...]:
    """A block's text is searched by several passes of one report: the last few are remembered."""
    return tuple(_find(text, kinds))


def _find(text: str, kinds: tuple[str, ...]) -> list[Hit]:
    rx_ci, rx_cs, lookup, ci_keys = _matchers(kinds)
    hits: list[Hit] = []
    for rx, sensitive in ((rx_ci, False), (rx_cs, True)):
        if rx is None:
            continue
        for m in rx.finditer(text):
            surface = " ".join(m.group(0).split())
            key = surface if sensitive else surface.casefold()
            entry = lookup.get(key)
            if entry is None:
                continue
            if not sensitive and key not in ci_keys:
                continue
            hits.append(Hit(m.start(), m.end(), surface, entry))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last_end = -1
    for h in hits:
        if h.start >= last_end:
            out.append(h)
            last_end = h.end
    return out


def find_exact(text: str, kinds: tuple[str, ...] = ("organizations", "projects", "events", "places")) -> Hit | None:
    """The entry ``text`` names as a whole ("Amazon", "Red Hat"), or None."""
    hits = find(text.strip(), kinds)
    return hits[0] if len(hits) == 1 and hits[0].start == 0 and hits[0].end == len(text.strip()) else None
