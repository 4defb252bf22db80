"""Event series written short: initials, contractions and joined words.

"OSSummit", "OSS" and "Open Source Summit" are one series; so are
"CfgMgmtCamp" and "Config Management Camp", or "FOSDEM" and "Free and Open
Source Developers European Meetup". A short name stands for a full name of
the corpus or the gazetteers when its parts, in order, are

- initials of the full name's words (an upper-case run: "OS", "LPC"; words
  such as "and", "of" may be left out, ``lexicon.yaml``: ``initials_skip``);
- the words themselves, in any case or joined ("Summit", "LinuxCon");
- contractions of them: a long word's first four letters or more ("Conf"
  for "Conference", not "Con" for "Construction") or its first letter and
  consonants ("Mgmt" for "Management").

Names are indexed by their initials, so each short name is checked only
against the few full names with the same initials; a short name that fits
two full names stands for neither.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from graphbuild.knowledge.lexicon import initials_skip, name_key

_PART = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+|[^\W\d_]+")
_VOWELS = set("aeiouy")


def parts(name: str) -> list[str]:
    """Words split at case changes: "OSSummit" -> ["OS", "Summit"]."""
    return [p for w in re.split(r"[\s\-_/.]+", name) for p in _PART.findall(w)]


def _words(name: str) -> list[str]:
    return name_key(name).split()


def _is_acronym(part: str) -> bool:
    return len(part) >= 2 and part.isupper() and part.isalpha()


def _contracts(part: str, word: str) -> bool:
    """``part`` written for ``word``: the word itself, its first letters ("Conf"),
    or its first letter and some of its consonants ("Mgmt", "Cfg")."""
    if part == word:
        return True
    if len(part) < 2 or part[0] != word[0] or len(part) >= len(word):
        return False
    if word.startswith(part):
        return len(part) >= 4 and len(word) - len(part) >= 3
    if _VOWELS & set(part[1:]):
        return False
    rest = iter(word[1:])
    return all(c in rest for c in part[1:])


def _fits(short: list[str], full: list[str]) -> bool:
    """Does ``short`` (written parts) abbreviate ``full`` (folded words)?"""
    skip = initials_skip()

    def match(i: int, j: int) -> bool:
        if i == len(short):
            return all(w in skip for w in full[j:])
        if j == len(full):
            return False
        if full[j] in skip and match(i, j + 1):
            return True
        part = short[i]
        if _is_acronym(part):
            letters, k = part.lower(), j
            for letter in letters:
                while k < len(full) and full[k] in skip:
                    k += 1
                if k == len(full) or full[k][0] != letter:
                    return False
                k += 1
            return match(i + 1, k)
        return _contracts(name_key(part), full[j]) and match(i + 1, j + 1)

    return match(0, 0)


def _initials(full: list[str]) -> str:
    return "".join(w[0] for w in full if w not in initials_skip())


def _short_initials(short: list[str]) -> str:
    return "".join(p.lower() if _is_acronym(p) else name_key(p)[:1] for p in short)


class SeriesIndex:
    """Full series names by initials; ``name_of(name)`` finds the series a short name stands for.

    ``canonical`` names (of the gazetteers and the user's alias file) are never
    replaced: a full name that a canonical short name abbreviates takes the short
    one ("Free and Open Source Developers European Meetup" -> "FOSDEM").
    """

    def __init__(self, names: Iterable[str], canonical: Iterable[str] = ()):
        canonical = sorted(set(canonical))
        by_key: dict[str, str] = {}
        for name in [*canonical, *sorted(set(names))]:
            by_key.setdefault(_key(name), name)
        self._by_initials: dict[str, list[tuple[list[str], str]]] = defaultdict(list)
        for name in by_key.values():
            words = _words(name)
            if len([w for w in words if w not in initials_skip()]) >= 2:
                self._by_initials[_initials(words)].append((words, name))
        self._canonical: dict[str, str] = {}
        for c in canonical:
            full = self.full(c)
            if full is not None and _key(full) not in self._canonical and full not in canonical:
                self._canonical[_key(full)] = c
        self._canonical.update({_key(c): c for c in canonical})

    def full(self, name: str) -> str | None:
        """The one full name ``name`` abbreviates, else ``None``; of several, the
        one canonical name when there is exactly one."""
        short = parts(name)
        key = _key(name)
        if not short or not any(_is_acronym(p) or p[0].isupper() for p in short):
            return None
        found = {full for words, full in self._by_initials.get(_short_initials(short), ())
                 if len("".join(words)) > len(key) and _fits(short, words)}
        if len(found) > 1:
            found = {f for f in found if _key(f) in self._canonical}
        return found.pop() if len(found) == 1 else None

    def name_of(self, name: str) -> str:
        """The display name of the series ``name`` belongs to: a canonical name, the
        full name it abbreviates, else ``name`` itself."""
        key = _key(name)
        if key in self._canonical:
            return self._canonical[key]
        full = self.full(name)
        if full is None:
            return name
        return self._canonical.get(_key(full), full)


def _key(name: str) -> str:
    return name_key(name).replace(" ", "")
