"""People's names: does a string look like one, and lists of speakers."""
from __future__ import annotations

import re
from functools import lru_cache

from graphbuild import knowledge
from graphbuild.extract.config import Rules
from graphbuild.knowledge import lexicon

_SPLIT = re.compile(r"\s*(?:,\s*(?:and|&)\s+|\s+and\s+|\s*&\s*|\s*,\s*|\s*/\s*|\s*;\s*)\s*")


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    """Single words that name a known project, organization or event ("KubeVirt", "Ceph")."""
    return frozenset(f.casefold() for e in knowledge.all_entries() if not e.case_sensitive and e.type != "Place"
                     for f in e.forms if " " not in f and len(f) > 2)


@lru_cache(maxsize=1)
def _known_non_people() -> frozenset[str]:
    words = set()
    for e in knowledge.all_entries():
        for f in e.forms:
            words.add(f.casefold())
    return frozenset(words)


def _is_name_word(w: str) -> bool:
    if len(w) == 2 and w[0].isupper() and w[1] == ".":
        return True
    core = w.replace("'", "").replace("’", "").replace("-", "")
    return bool(core) and w[0].isupper() and core.isalpha() and not (len(core) >= 2 and core.isupper())


# Endings of common nouns that no given name or surname has.
_NOUN_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ism", "ogy", "ical", "ware", "ship", "ics")


def strip_honorific(name: str, rules: Rules) -> tuple[str, str]:
    """("Dr. David Alan Gilbert") -> ("David Alan Gilbert", "Dr.")."""
    return lexicon.strip_honorific(name)


def clean_name(text: str) -> str:
    text = " ".join(text.replace("\u00a0", " ").split()).strip(" ,;:-–—()[]*_\"“”")
    text = lexicon.strip_possessive(text)
    return text.strip()


def looks_like_person(text: str, rules: Rules, *, allow_single: bool = False) -> bool:
    """Two or three capitalised words (particles and initials allowed), none of them a known non-name."""
    return _looks_like_person(text, rules, allow_single)


@lru_cache(maxsize=65536)
def _looks_like_person(text: str, rules: Rules, allow_single: bool) -> bool:
    text, _ = strip_honorific(clean_name(text), rules)
    if not text or len(text) > 50 or any(ch.isdigit() for ch in text):
        return False
    if text.casefold() in _known_non_people():
        return False
    words = text.split()
    if not (2 <= len(words) <= 5 or (allow_single and len(words) == 1)):
        return False
    if len(words[0]) >= 7 and words[0].endswith("ing"):
        return False          # "Delivering High-Performance", "Building Clouds"
    if any(len(w) >= 6 and w.casefold().endswith(_NOUN_ENDINGS) for w in words):
        return False          # "Remote Execution", "Cloud Storage Management": nouns, not names
    if any(w.endswith(("'s", "’s")) for w in words):
        return False          # "Ceph’s Prometheus"
    known = _known_words()
    if any(w.casefold() in known for w in words):
        return False          # "KubeVirt Performance Visualization"
    particles = lexicon.name_particles()
    not_names = set(rules["not_names"]) | rules.compiled("role_set")
    capital = 0
    for i, w in enumerate(words):
        if w.lower() in particles and 0 < i < len(words) - 1:
            continue
        if i == 0 and len(words) in (2, 3) and re.fullmatch(r"[A-Z]{2}", w) and w not in rules["not_initials"] \
                and re.fullmatch(r"[A-Z][a-z'’-]+", words[1]):
            capital += 1       # a given name written as its initials: "JD Calder"
            continue
        if w in not_names or w.rstrip(".") in not_names:
            return False
        if not _is_name_word(w):
            return False
        if w.isupper() and len(w) > 2:
            return False
        capital += 1
    if capital > 3 and sum(1 for w in words if len(w.rstrip(".")) > 1) > 3:
        return False          # "Erasure Coding Without Tears": names have at most three full words
    return capital >= (1 if allow_single else 2)


def split_people(text: str) -> list[str]:
    """"A, B and C" / "A & B" / "A and B" -> ["A", "B", "C"]."""
    text = re.sub(r"^\s*(?:(?:by|with|from|and|speakers?:|presenters?:)\s+|[,&]\s*)", "", text.strip(), flags=re.I)
    return [p for p in (clean_name(x) for x in _SPLIT.split(text)) if p]


_GROUPS = re.compile(r"\(([^()]*)\)|([^()]+)")


def parse_people(text: str, rules: Rules) -> tuple[list[str], list[tuple[str, str]]]:
    """Speakers in "A, B", "A (Org)", "A, Org", "A and B (Org)" forms.

    Returns (names, [(name, organization)]); an organization after one or more
    names applies to all names since the previous organization.
    """
    text = lexicon.join_legal_suffix(text)
    names: list[str] = []
    affiliations: list[tuple[str, str]] = []
    pending: list[str] = []

    def add_org(org: str):
        org = org.strip(" ,;-")
        if pending and looks_like_org(org, rules, after_name=True):
            affiliations.extend((p, org) for p in pending)
            pending.clear()

    for m in _GROUPS.finditer(text):
        inside, outside = m.group(1), m.group(2)
        if inside is not None:
            parts = [p for p in split_people(inside) if not p.startswith("@")]      # "(@handle, Org)"
            inside = ", ".join(parts)
            if pending and len(parts) == 1:
                add_org(inside)          # "Name (Org)": brackets after a name hold its affiliation
            elif parts and all(looks_like_person(p, rules) for p in parts):
                for p in parts:
                    if p not in names:
                        names.append(p)
                    pending.append(p)
            elif parts:
                add_org(inside if len(parts) > 2 else parts[0])
            continue
        for part in split_people(outside):
            if looks_like_person(part, rules):
                if part not in names:
                    names.append(part)
                pending.append(part)
            else:
                add_org(part)
    return names, affiliations


_ORG_CONNECTORS = {"of", "and", "for", "de", "du", "der", "la", "&", "the", "y", "e", "und", "at", "in"}


def _looks_like_org(text: str, rules: Rules) -> bool:
    t = text.strip()
    if not t or len(t) >= 60 or not (t[0].isupper() or t[0].islower() and t[1:2].isupper()) or t.endswith(":") or any(c in t for c in "|[]{}<>=\"“”"):
        return False
    words = t.split()
    if len(words) > 5 and (len(words) > 8 or sum(w.casefold() not in _ORG_CONNECTORS for w in words) > 5):
        return False          # "Academy of Information and Communications Technology" is one name
    roles = {r.casefold() for r in rules["role_words"]}
    if any(w.casefold().strip(".,") in roles for w in words):
        return False          # "Software Architect", "Maintainer"
    # every word a name-like word or a connector: no sentences ("X will talk about Y")
    return all(w[0].isupper() or w[0].isdigit() or w[1:2].isupper() or w.casefold() in _ORG_CONNECTORS for w in words)


def looks_like_org(text: str, rules: Rules, *, after_name: bool = False) -> bool:
    return _looks_like_org(text, rules) and (after_name or not looks_like_person(text, rules))
