"""Name knowledge shared by extraction and resolution.

One place for what both stages must agree on, with its word lists in
``lexicon.yaml``:

- matching keys: ``fold`` (case, width, accents), ``name_key`` (also
  punctuation), ``compact_key`` (also spaces), ``spelling_key`` (also British
  and American spellings);
- people: ``strip_honorific``, ``strip_possessive``, ``uninvert``,
  ``name_particles``;
- organizations: ``strip_org_suffix``, ``join_legal_suffix``;
- events: ``regions``, ``expand_year``, ``initials_skip``;
- sentences: ``abbreviations`` (where a full stop ends no sentence).

Keys are for comparison only; labels keep the original spelling.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml

# every run of anything but letters, digits, "+" and "#" (C, C++ and C# differ)
_NON_WORD = re.compile(r"(?:[^\w+#]|_)+")
_APOSTROPHES = ("'", "\u2019")


@lru_cache(maxsize=None)
def data() -> dict:
    """The tables of ``lexicon.yaml``."""
    text = resources.files(__package__).joinpath("lexicon.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


# ------------------------------------------------------------------------- keys


def fold(text: str) -> str:
    """NFKC, casefold, accents removed: ``"Berrangé"`` -> ``"berrange"``."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Folded; apostrophes dropped, ``&`` read as ``and``, every other run of
    punctuation and whitespace one space: ``"Red Hat, Inc."`` -> ``"red hat inc"``."""
    text = fold(text)
    for a in _APOSTROPHES:
        text = text.replace(a, "")
    return _NON_WORD.sub(" ", text.replace("&", " and ")).strip()


def compact_key(text: str) -> str:
    """``name_key`` without spaces: ``"Red Hat"`` and ``"RedHat"`` -> ``"redhat"``."""
    return name_key(text).replace(" ", "")


@lru_cache(maxsize=None)
def _spellings() -> tuple[tuple[str, str, int], ...]:
    rows = [(str(a), str(b), int(n)) for a, b, n in data()["spellings"]]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=65536)
def _spell_word(word: str) -> str:
    for british, american, stem in _spellings():
        if word.endswith(british) and len(word) - len(british) >= stem:
            return word[:-len(british)] + american
    return word


def spelling_key(text: str) -> str:
    """``name_key`` with British spellings keyed as American ones:
    ``"Virtualisation Centre"`` -> ``"virtualization center"``."""
    return " ".join(_spell_word(w) for w in name_key(text).split())


# ----------------------------------------------------------------------- people


@lru_cache(maxsize=None)
def honorifics() -> frozenset[str]:
    return frozenset(name_key(h) for h in data()["honorifics"])


@lru_cache(maxsize=None)
def name_particles() -> frozenset[str]:
    """Lower-case words inside a person's name: ``van``, ``de``, ..."""
    return frozenset(data()["name_particles"])


def strip_honorific(name: str) -> tuple[str, str]:
    """``"Dr. David Alan Gilbert"`` -> ``("David Alan Gilbert", "Dr.")``; never empties a name."""
    words = name.split()
    dropped = 0
    while len(words) - dropped > 1 and name_key(words[dropped]) in honorifics():
        dropped += 1
    return " ".join(words[dropped:]), " ".join(words[:dropped])


_POSSESSIVE = re.compile(r"(?:['\u2019]s|(?<=s)['\u2019])$")


def strip_possessive(name: str) -> str:
    """``"Andrew's"`` -> ``"Andrew"``, ``"James'"`` -> ``"James"``."""
    return _POSSESSIVE.sub("", name.strip())


_INVERTED = re.compile(r"^\s*([^\s,]+)\s*,\s*([^\s,]+)\s*$")


def uninvert(name: str) -> str | None:
    """``"Lenz, Grimmer"`` -> ``"Lenz Grimmer"``: exactly two single words around
    one comma; ``None`` for any other shape."""
    m = _INVERTED.match(name)
    return f"{m.group(1)} {m.group(2)}" if m else None


# ---------------------------------------------------------------- organizations


@lru_cache(maxsize=None)
def _org_suffixes() -> tuple[tuple[str, ...], ...]:
    sufs = {tuple(name_key(s).split()) for s in data()["org_suffixes"]}
    return tuple(sorted(sufs, key=len, reverse=True))


def _tokens(text: str) -> list[str]:
    return name_key(text).split()


def strip_org_suffix(name: str) -> str:
    """``"Red Hat, Inc."`` -> ``"Red Hat"``; the name is returned unchanged when
    it has no legal suffix or would be left empty."""
    words = name.split()
    toks = _tokens(name)
    changed = True
    while changed and len(toks) > 1:
        changed = False
        for suf in _org_suffixes():
            if len(suf) < len(toks) and tuple(toks[-len(suf):]) == suf:
                # drop as many written words as the suffix has tokens (with punctuation)
                drop, seen = 0, 0
                while seen < len(suf) and drop < len(words):
                    drop += 1
                    seen = len(_tokens(" ".join(words[len(words) - drop:])))
                if seen != len(suf):
                    return name
                words = words[:len(words) - drop]
                toks = toks[:-len(suf)]
                changed = True
                break
    out = " ".join(words).rstrip(" ,.&")
    return out or name


@lru_cache(maxsize=None)
def _legal_after_comma() -> re.Pattern:
    """``", Inc."``, ``", S.A."``, ``", GmbH & Co. KG"`` before a comma, bracket or the end."""
    def written(suffix: tuple[str, ...]) -> str:
        return r"[.\s]*".join(r"\.?".join(map(re.escape, tok)) for tok in suffix) + r"\.?"
    body = "|".join(written(s) for s in _org_suffixes())
    return re.compile(rf",\s*((?:{body}))(?=\s*(?:[,)]|$))", re.IGNORECASE)


def join_legal_suffix(text: str) -> str:
    """``"Jane Doe, Red Hat, Inc."`` -> ``"Jane Doe, Red Hat Inc."``: the comma
    before a legal suffix does not separate two names."""
    return _legal_after_comma().sub(r" \1", text)


# ----------------------------------------------------------------------- events


@lru_cache(maxsize=None)
def regions() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(key tokens, display form), longest first: ``(("eu",), "Europe")``."""
    table = {tuple(name_key(k).split()): str(v) for k, v in data()["regions"].items()}
    return tuple(sorted(table.items(), key=lambda kv: -len(kv[0])))


@lru_cache(maxsize=None)
def initials_skip() -> frozenset[str]:
    """Words a name written as initials leaves out (``and``, ``of``, ...)."""
    return frozenset(str(w) for w in data()["initials_skip"])


def expand_year(digits: str) -> int | None:
    """``"2016"`` -> 2016, ``"16"`` -> 2016; ``None`` outside the years of ``lexicon.yaml``."""
    y = data()["years"]
    if not digits.isdigit():
        return None
    if len(digits) == 4:
        year = int(digits)
        return year if y["first"] <= year <= y["last"] else None
    if len(digits) == 2 and int(digits) <= y["two_digit_until"]:
        return 2000 + int(digits)
    return None


# -------------------------------------------------------------------- sentences


@lru_cache(maxsize=None)
def abbreviations() -> frozenset[str]:
    """Lower-case words after which a full stop ends no sentence ("dr", "etc")."""
    return frozenset(map(str, data()["abbreviations"]))
