"""Talks of reports joined to the same talks in conference programmes.

A talk a report names and a session of a programme of the same edition
become one entity: titles are compared with subtitles, a leading "Keynote:"
and punctuation aside (``title_keys``); a title that is only close (a
similarity of at least ``FUZZY``) needs a shared speaker to confirm it. The
programme's spelling is the label (the report's wording stays an alias) and
its speakers' spelling is the label of their Person entities. When any
programme is loaded, every talk gets ``confirmed``: true when a programme
lists it, false for a report talk that none does.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from difflib import SequenceMatcher

from graphbuild.resolve.forms import Form, Key
from graphbuild.knowledge.lexicon import name_key as norm
from graphbuild.schedules import FORMATS
from graphbuild.schedules.vocab import is_kind_word
from graphbuild.types import Extraction

FUZZY = 0.85
RULE = "schedule-title"
_SUBTITLE = re.compile(r"\s*(?::|\s[-–—]\s|\?\s)\s*")


def title_keys(title: str) -> set[str]:
    """Normalized forms of a title: whole, without its subtitle, without a leading session type."""
    keys = {norm(title)}
    parts = _SUBTITLE.split(title.strip(), maxsplit=1)
    if len(parts) == 2 and all(p.strip() for p in parts):
        head, tail = parts
        keys.add(norm(tail) if is_kind_word(head) else norm(head))
    return {k for k in keys if k}


def _speakers(forms: list[Form], index: list[tuple[Extraction, dict[str, int]]]) -> dict[int, set[Key]]:
    """Talk form index -> Person keys of its speakers."""
    out: dict[int, set[Key]] = defaultdict(set)
    for ex, where in index:
        for rel in ex.relations:
            if rel.type == "PRESENTED" and rel.source in where and rel.target in where:
                out[where[rel.target]].add(forms[where[rel.source]].key)
    return out


def _edition(event: Key) -> Key:
    """The edition of a talk's event: a devroom's parent edition, else the event itself."""
    if len(event) == 4 and event[1] == "sub" and isinstance(event[3], tuple) and event[3]:
        return event[3]
    return event


def _surnames(keys: set[Key]) -> set[str]:
    return {str(k[1]).split()[-1] for k in keys if len(k) >= 2 and str(k[1]).split()}


class _Programmes:
    """The sessions of all programmes, indexed by edition and title key."""

    def __init__(self, forms: list[Form], sessions: list[int], speakers: dict[int, set[Key]]) -> None:
        self.forms, self.speakers = forms, speakers
        self.exact: dict[tuple[Key, str], set[Key]] = defaultdict(set)
        self.anywhere: dict[str, set[Key]] = defaultdict(set)
        self.by_speaker: dict[tuple[Key, str], list[int]] = defaultdict(list)
        self.first: dict[Key, int] = {}
        for i in sessions:
            f = forms[i]
            self.first.setdefault(f.key, i)
            for t in title_keys(f.name) | {k for a in f.aliases for k in title_keys(a)}:
                self.exact[(f.event, t)].add(f.key)
                self.anywhere[t].add(f.key)
            for name in _surnames(speakers.get(i, set())):
                self.by_speaker[(f.event, name)].append(i)

    def match(self, i: int) -> Key | None:
        f = self.forms[i]
        keys = title_keys(f.name)
        event = _edition(f.event)
        found = {k for t in keys for k in (self.exact.get((event, t), ()) if event else self.anywhere.get(t, ()))}
        if len(found) > 1:       # several sessions of that title: the one a speaker confirms
            names = _surnames(self.speakers.get(i, set()))
            found = {k for k in found if names & _surnames(self.speakers.get(self.first[k], set()))}
            return next(iter(found)) if len(found) == 1 else None
        if found:
            return next(iter(found))
        if not event:
            return None
        best, score = None, FUZZY
        for name in _surnames(self.speakers.get(i, set())):
            for j in self.by_speaker.get((event, name), ()):
                other = self.forms[j]
                ratio = max(SequenceMatcher(None, a, b).ratio() for a in keys for b in title_keys(other.name))
                if ratio >= score and (best is None or ratio > score or repr(other.key) < repr(best)):
                    best, score = other.key, ratio
        return best


def _split_repeated_titles(forms: list[Form], sessions: list[int]) -> None:
    """Sessions of one title and edition with different session ids ("Welcome" in
    every devroom) stay apart: their keys get the track, else the session id."""
    groups: dict[Key, list[int]] = defaultdict(list)
    for i in sessions:
        groups[forms[i].key].append(i)
    for key, members in groups.items():
        ids = {str(forms[i].attrs.get("session_id")) for i in members}
        if len(ids) < 2 or len(key) != 3:
            continue
        tracks = {str(forms[i].attrs.get("session_id")): str(forms[i].attrs.get("track") or "") for i in members}
        by_track = all(tracks.values()) and len(set(tracks.values())) == len(ids)
        for i in members:
            sid = str(forms[i].attrs.get("session_id"))
            forms[i] = replace(forms[i], key=(*key, "@", norm(tracks[sid]) if by_track else sid))


def merge_programmes(forms: list[Form], index: list[tuple[Extraction, dict[str, int]]]) -> None:
    """Rewrite ``forms`` in place: report talks take the key and name of the session
    they are; talks are marked ``confirmed``; programme spellings of names win."""
    programmes = {f.report for f in forms if f.type == "Report" and f.attrs.get("format") in FORMATS}
    if not programmes:
        return
    sessions = [i for i, f in enumerate(forms) if f.type == "Talk" and f.report in programmes]
    _split_repeated_titles(forms, sessions)
    speakers = _speakers(forms, index)
    found = _Programmes(forms, sessions, speakers)
    for i in sessions:
        forms[i] = replace(forms[i], attrs={**forms[i].attrs, "confirmed": True})
    for i, f in enumerate(forms):
        if f.type != "Talk" or f.report in programmes:
            continue
        key = found.match(i)
        if key is None:
            forms[i] = replace(f, attrs={**f.attrs, "confirmed": False})
            continue
        session = forms[found.first[key]]
        attrs = {k: v for k, v in f.attrs.items() if k != "kind"}
        forms[i] = replace(f, key=key, name=session.name, event=session.event, weight=0,
                           rule=RULE if norm(f.name) != norm(session.name) else f.rule,
                           attrs={**attrs, "confirmed": True})
    scheduled_people = {f.key for f in forms if f.type == "Person" and f.report in programmes}
    for i, f in enumerate(forms):
        if f.type == "Person" and f.key in scheduled_people and f.report not in programmes and not f.canon:
            forms[i] = replace(f, weight=0)
