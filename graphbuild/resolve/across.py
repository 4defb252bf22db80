"""Rules that look across all reports, run after the per-report forms are made.

Each works on dicts keyed by normalized names (no pairwise comparison):
"A, B" read as "B A" when only that person is known; a name without its
middle name joined to the one fuller form of it; author handles joined
to the one full name they abbreviate; a talk without event joined to the one
event-bound talk of the same title.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from graphbuild.resolve.forms import Form, Key
from graphbuild.knowledge.lexicon import fold, name_key as norm


def inverted_names(forms: list[Form]) -> None:
    """``"Grimmer, Lenz"`` becomes ``"Lenz Grimmer"`` when that person is known
    and ``"Grimmer Lenz"`` is not; otherwise the written order is kept."""
    persons = {f.key for f in forms if f.type == "Person" and f.rule != "inverted-name"}
    for i, f in enumerate(forms):
        if f.type == "Person" and f.rule == "inverted-name" and f.alt:
            alt_key = ("Person", norm(f.alt))
            if alt_key in persons and f.key not in persons:
                forms[i] = replace(f, name=f.alt, key=alt_key)


def _fits(short: list[str], full: list[str]) -> bool:
    """The middle words of ``short`` are, in order, words or initials of the middle
    words of ``full``: ``[]`` and ``["e"]`` fit ``["edward"]``; ``["j"]`` fits ``["juan"]``."""
    i = 0
    for word in short:
        while i < len(full) and not (full[i] == word or (len(word) == 1 and full[i].startswith(word))):
            i += 1
        if i == len(full):
            return False
        i += 1
    return True


def middle_names(forms: list[Form]) -> None:
    """One person written with and without a middle name, an initial or a name
    particle ("Paul E. McKenney" / "Paul McKenney", "Hans de Goede" / "Hans
    Goede") is one person when the shorter forms fit exactly one fullest form
    of that first name and surname; two fuller forms that do not fit each other
    ("Karen M. Sandler", "Karen T. Sandler") leave the shorter one alone."""
    groups: dict[tuple[str, str], set[Key]] = defaultdict(set)
    for f in forms:
        toks = f.key[1].split() if f.type == "Person" and len(f.key) == 2 else []
        if (len(toks) >= 2 and len(toks[0]) > 1 and len(toks[-1]) > 1 and not f.attrs.get("handle")
                and len(set(toks)) == len(toks)):
            groups[(toks[0], toks[-1])].add(f.key)
    target: dict[Key, Key] = {}
    for keys in groups.values():
        if len(keys) < 2:
            continue
        middle = {k: k[1].split()[1:-1] for k in keys}
        fullest = [k for k in keys if not any(o != k and _fits(middle[k], middle[o]) for o in keys)]
        for k in keys:
            fits = [o for o in fullest if o != k and _fits(middle[k], middle[o])]
            if len(fits) == 1:
                target[k] = fits[0]
    for i, f in enumerate(forms):
        if f.key in target and f.canon != "user-alias":
            forms[i] = replace(f, key=target[f.key], rule=f.rule or "middle-name")


def handle_forms(first: str, middle: list[str], last: str) -> set[str]:
    """Logins a person named ``first ... last`` is likely to use."""
    return {first[0] + last, first + last[0], first + last, last + first[0], first[0] + "".join(m[0] for m in middle) + last}


@lru_cache(maxsize=65536)
def _login(text: str) -> str:
    return "".join(c for c in fold(text) if c.isalnum())


def author_handles(forms: list[Form]) -> None:
    """A Person marked ``handle`` ("kchamarthy") joins the one full-name person,
    across all reports, whose name it abbreviates (initial+surname,
    first name+initial, first.last, firstlast); else it stays as written."""
    index: dict[str, set[Key]] = defaultdict(set)
    names: dict[Key, str] = {}
    for f in forms:
        if f.type != "Person" or f.attrs.get("handle") or len(f.key) != 2:
            continue
        toks = [_login(t) for t in f.name.split()]
        toks = [t for t in toks if t]
        if len(toks) < 2:
            continue
        names.setdefault(f.key, f.name)
        for login in handle_forms(toks[0], toks[1:-1], toks[-1]):
            index[login].add(f.key)
    for i, f in enumerate(forms):
        if f.type == "Person" and f.attrs.get("handle") and f.rule != "user-alias" and len(f.key) == 2:
            found = index.get(_login(f.surface), set())
            if len(found) == 1:
                key = next(iter(found))
                forms[i] = replace(f, name=names[key], key=key, rule="author-handle", weight=0)


def talks_without_event(forms: list[Form]) -> None:
    """A talk whose report names no event joins the talk of the same title when
    only one event has such a talk."""
    by_title: dict[str, set[Key]] = defaultdict(set)
    for f in forms:
        if f.type == "Talk" and f.event and len(f.key) == 3:
            by_title[f.key[1]].add(f.key)
    for i, f in enumerate(forms):
        if f.type == "Talk" and not f.event and len(f.key) == 3:
            found = by_title.get(f.key[1], set())
            if len(found) == 1:
                key = next(iter(found))
                forms[i] = replace(f, key=key, event=key[2])


def apply_all(forms: list[Form]) -> None:
    inverted_names(forms)
    middle_names(forms)
    author_handles(forms)
    talks_without_event(forms)
