"""Groups of Forms with one key become Entities: label, id, attrs, merges.

Labels: a knowledge-base canonical name (user alias file, then gazetteer),
else the most frequent full form (ties: longest, then alphabetical).
"""
from __future__ import annotations

import re

import hashlib
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import PurePath
from typing import Iterable

from graphbuild.ids import node_id, slugify
from graphbuild.resolve.editions import split_year
from graphbuild.resolve.forms import Form, Key
from graphbuild.resolve.kb import KnowledgeBase
from graphbuild.knowledge.lexicon import compact_key as compact, name_key as norm
from graphbuild.resolve.normalize import variants
from graphbuild.types import Entity, Merge

_CANON_RANK = {"user-alias": 0, "gazetteer-alias": 1}
_REPORT_ATTRS = ("path", "title", "date", "authors", "tags")
_HANDLED_ATTRS = frozenset({"id", "handle", "author", "main", "series", "year", "sub_event",
                            "url", "kind", *_REPORT_ATTRS})


def choose_label(names: Iterable[tuple[str, int, str]]) -> str:
    """``(name, weight, canon)`` triples -> label: a canonical name first, else the
    name with most weight (ties: longest, then alphabetical). Deterministic."""
    names = list(names)
    canon = sorted((_CANON_RANK[c], n) for n, _, c in names if c in _CANON_RANK)
    if canon:
        return canon[0][1]
    votes: Counter = Counter()
    for name, weight, _ in names:
        votes[name] += weight
    if not any(votes.values()):          # only short forms (handles, first names): count them
        votes = Counter(name for name, _, _ in names)
    return min(votes, key=lambda n: (-votes[n], -len(n), n))


def merge_rule(form: Form, surface: str, label: str, default: str = "") -> str:
    """Why ``surface`` is a name of the entity labelled ``label``."""
    if form.rule and surface == form.surface:
        return form.rule
    if norm(surface) == norm(label):
        return "normalized-name"
    if compact(surface) == compact(label):
        return "compact-name"
    if form.type == "Person" and _first_last(surface) == _first_last(label):
        return "middle-name"
    if form.type == "Event" and not default:
        return "edition-variant"
    if form.type == "Event" and key_year(form) and split_year(surface)[1] is None:
        return "edition-without-year"
    return default or "normalized-name"


def _first_last(name: str) -> tuple[str, ...]:
    words = norm(name).split()
    return (words[0], words[-1]) if len(words) > 1 else ()


def key_year(form: Form):
    return form.key[2] if form.type == "Event" and form.key[1] != "sub" else None


def merges_of(forms: list[Form], label: str) -> tuple[Merge, ...]:
    """One Merge per (rule, merged form), naming the first report (by id) that used it."""
    found: dict[tuple[str, str], str] = {}
    for f in forms:
        pairs = [(f.surface, merge_rule(f, f.surface, label))]
        if f.name != f.surface:
            pairs.append((f.name, merge_rule(f, f.name, label)))
        pairs += [(a, merge_rule(f, a, label, "mention-alias")) for a in f.aliases]
        for surface, rule in pairs:
            if surface and surface != label:
                key = (rule, surface)
                if key not in found or f.report < found[key]:
                    found[key] = f.report
    return tuple(Merge(rule, label, merged, report) for (rule, merged), report in sorted(found.items()))


def _kind(forms: list[Form]) -> str:
    order = {k: i for i, k in enumerate(variants()["resource_kinds"])}
    kinds = Counter(str(f.attrs.get("kind")) for f in forms if f.attrs.get("kind"))
    if not kinds:
        return "other"
    return max(kinds, key=lambda k: (order.get(k, 0), kinds[k], k))


def _first(forms: list[Form]) -> Form:
    """The first form seen: smallest report id, then line."""
    return min(forms, key=lambda f: (f.report, min((e.line for e in f.evidence), default=0), f.mention))


def _extra_attrs(forms: list[Form]) -> dict:
    out: dict = {}
    for f in sorted(forms, key=lambda f: (f.report, f.mention)):
        for k, v in f.attrs.items():
            if k not in _HANDLED_ATTRS and k not in out and isinstance(v, (str, int, float, bool)):
                out[k] = v
    return out


class EntityBuilder:
    """Builds entities group by group; series first, since event labels use them."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.labels: dict[Key, str] = {}

    def label(self, key: Key, forms: list[Form]) -> str:
        typ = key[0]
        if typ == "Report":
            f = _first(forms)
            title = str(f.attrs.get("title") or f.name or "").strip()
            label = title or PurePath(str(f.attrs.get("path") or key[1])).name
        elif typ == "Event" and key[1] != "sub":
            series = self.labels.get(forms[0].series_key) or forms[0].series
            label = f"{series} {key[2]}" if key[2] is not None else series
        elif typ == "Event":
            label = self.sub_event_label(key, choose_label((f.name, f.weight, f.canon) for f in forms))
        elif typ == "EventSeries":
            label = choose_label((f.series or f.name, f.weight, f.canon) for f in forms)
        else:
            label = choose_label((f.name, f.weight, f.canon) for f in forms)
        self.labels[key] = label
        return label

    def sub_event_label(self, key: Key, name: str) -> str:
        """A devroom or track is named with its edition: "FOSDEM 2014 IaaS devroom"
        (from "IaaS devroom", "FOSDEM IaaS devroom" or "IaaS devroom at FOSDEM
        2014"); without a known parent, with its year: "IaaS devroom 2014"."""
        base, year = split_year(name)
        parent = key[3] if len(key) > 3 else ()
        if isinstance(parent, tuple) and parent in self.labels:
            edition = self.labels[parent]
            return f"{edition} {_without(base, split_year(edition)[0])}"
        if isinstance(parent, int) or year is not None:
            return f"{base} {parent if isinstance(parent, int) else year}"
        return name

    def attrs(self, key: Key, forms: list[Form], label: str) -> dict:
        typ = key[0]
        attrs = _extra_attrs(forms)
        if typ == "Report":
            f = _first(forms)
            attrs.update({k: f.attrs.get(k) for k in _REPORT_ATTRS})
            attrs["title"] = attrs.get("title") or label
            attrs["authors"] = list(attrs.get("authors") or [])
            attrs["tags"] = list(attrs.get("tags") or [])
        elif typ == "Event":
            if key[1] == "sub":
                attrs["sub_event"] = True
                years = {f.attrs.get("year") for f in forms if isinstance(f.attrs.get("year"), int)}
                parent = key[3] if len(key) > 3 else ()
                if isinstance(parent, int) or (isinstance(parent, tuple) and len(parent) > 2
                                               and isinstance(parent[2], int)):
                    years = {parent if isinstance(parent, int) else parent[2]}
                if len(years) == 1:
                    attrs["year"] = years.pop()
            else:
                attrs["year"] = key[2]
                attrs["series"] = self.labels.get(forms[0].series_key) or forms[0].series
        elif typ == "Resource":
            attrs["url"] = str(_first([f for f in forms if f.attrs.get("url")] or forms).attrs.get("url") or "")
            attrs["kind"] = _kind(forms)
        elif typ == "Talk":
            kinds = Counter(str(f.attrs["kind"]) for f in forms if f.attrs.get("kind"))
            if kinds:
                attrs["kind"] = min(kinds, key=lambda k: (-kinds[k], k))
        elif typ == "Person":
            handles = sorted({f.surface for f in forms if f.attrs.get("handle")})
            if handles:
                attrs["handles"] = handles
        qid = self.kb.wikidata(typ, label) if typ not in ("Event", "Talk", "Resource", "Report", "Person") else ""
        if qid:
            attrs["wikidata"] = qid
        return attrs

    def entity(self, key: Key, forms: list[Form]) -> Entity:
        label = self.label(key, forms)
        aliases = set()
        for f in forms:
            aliases.update((f.surface, f.name, *f.aliases))
        if key[0] == "EventSeries":
            aliases.update(f.series for f in forms if f.series)
        if key[0] == "Event" and key[1] != "sub" and re.search(r"\d{2}", label):
            # an edition keeps only forms that name its year; the bare series
            # name ("KVM Forum") belongs to the EventSeries node
            aliases = {a for a in aliases if re.search(r"\d{2}|['’]\d", a)}
        aliases.discard(label)
        aliases.discard("")
        evidence = tuple(sorted({e for f in forms for e in f.evidence},
                                key=lambda e: (e.report, e.line, e.rule, e.text, e.confidence)))
        return Entity(id="", type=key[0], label=label, aliases=tuple(sorted(aliases)),
                      attrs=self.attrs(key, forms, label), provenance=evidence,
                      merges=merges_of(forms, label))


_CONNECTOR = re.compile(r"^(?:at|@|of|in|for|during|-|–|—|,|:)$", re.I)


def _without(name: str, series: str) -> str:
    """``name`` without the series it belongs to, at its start or after a
    connector at its end: ("FOSDEM IaaS devroom", "FOSDEM") -> "IaaS devroom",
    ("Nim devroom at FOSDEM", "FOSDEM") -> "Nim devroom"."""
    words, size = name.split(), len(norm(series).split())
    if not size:
        return name
    for cut in range(1, len(words)):
        if norm(" ".join(words[:cut])) == norm(series):
            return " ".join(words[cut:]).lstrip(" -–—:,")
    for cut in range(len(words) - 1, 0, -1):
        if norm(" ".join(words[cut:])) == norm(series):
            rest = words[:cut]
            while len(rest) > 1 and _CONNECTOR.match(rest[-1]):
                rest = rest[:-1]
            return " ".join(rest)
    return name


def drop_shared_aliases(entities: dict[Key, Entity]) -> dict[Key, Entity]:
    """An event alias that names a year and is also the label or an alias of
    another event ("OpenStack Summit 2014" of the Atlanta and the Vancouver
    editions) says nothing about which one it is: it is dropped."""
    owners: dict[str, set[Key]] = defaultdict(set)
    for key, ent in entities.items():
        if ent.type == "Event":
            for name in (ent.label, *ent.aliases):
                owners[norm(name)].add(key)
    out = dict(entities)
    for key, ent in entities.items():
        if ent.type != "Event":
            continue
        kept = tuple(a for a in ent.aliases if not (len(owners[norm(a)]) > 1 and re.search(r"\d", a)))
        if kept != ent.aliases:
            out[key] = replace(ent, aliases=kept)
    return out


# ---------------------------------------------------------------------------- ids


def resource_id(url_key: str, max_len: int = 60) -> str:
    slug = slugify(url_key, max_len=1000)
    if len(slug) <= max_len:
        return f"resource:{slug}"
    digest = hashlib.sha1(url_key.encode("utf-8")).hexdigest()[:8]
    return f"resource:{slugify(url_key, max_len=max_len)}-{digest}"


def _digest(key: Key) -> str:
    return hashlib.sha1(repr(key).encode("utf-8")).hexdigest()[:6]


def assign_ids(entities: dict[Key, Entity]) -> dict[Key, str]:
    """Key -> node id. Talks sharing a title across events get the event's slug;
    any other clash (e.g. "C" and "C++" both slug to "c") gets a short hash of the
    key on all but the first key in sorted order."""
    ids: dict[Key, str] = {}
    for key, ent in entities.items():
        typ = key[0]
        if typ == "Report":
            ids[key] = key[1]
        elif typ == "Resource":
            ids[key] = resource_id(key[1] if len(key) == 2 else "-".join(map(str, key[1:])))
        else:
            ids[key] = node_id(typ, ent.label)
        if len(key) > 3 and key[-2] == "@":      # a split form: one node per report
            ids[key] += "--" + slugify(str(key[-1]).split(":", 1)[-1])
    talks: dict[str, list[Key]] = defaultdict(list)
    for key, nid in ids.items():
        if key[0] == "Talk":
            talks[nid].append(key)
    for nid, keys in talks.items():
        if len(keys) > 1:
            for key in keys:
                event = key[2] if len(key) > 2 else ()
                if event and event in ids:
                    ids[key] = f"{nid}-{ids[event].split(':', 1)[1]}"
    by_id: dict[str, list[Key]] = defaultdict(list)
    for key, nid in ids.items():
        by_id[nid].append(key)
    for nid, keys in by_id.items():
        if len(keys) > 1:
            for key in sorted(keys, key=repr)[1:]:
                ids[key] = f"{nid}-{_digest(key)}"
    return ids
