"""Matching keys for names and URLs.

Keys are for comparison only; labels keep the original spelling.
``norm`` folds case, accents, width and punctuation; ``compact`` also drops
spaces, so "RedHat" and "Red Hat" share a key.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml

_NON_WORD = re.compile(r"[^0-9a-z+#]+")   # "+" and "#" keep C, C++ and C# apart


@lru_cache(maxsize=None)
def variants() -> dict:
    """The data tables of ``variants.yaml``."""
    text = resources.files(__package__).joinpath("variants.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def fold(text: str) -> str:
    """NFKC, casefold, accents removed: ``"Berrangé"`` -> ``"berrange"``."""
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Folded, punctuation and whitespace collapsed: ``"Red Hat, Inc."`` -> ``"red hat inc"``."""
    text = fold(text).replace("'", "").replace("\u2019", "").replace("&", " and ")
    return _NON_WORD.sub(" ", text).strip()


def compact(text: str) -> str:
    """``norm`` without spaces: ``"Red Hat"`` and ``"RedHat"`` -> ``"redhat"``."""
    return norm(text).replace(" ", "")


def tokens(text: str) -> list[str]:
    return norm(text).split()


# ----------------------------------------------------------------- organizations


@lru_cache(maxsize=None)
def _org_suffixes() -> tuple[tuple[str, ...], ...]:
    sufs = {tuple(norm(s).split()) for s in variants()["org_suffixes"]}
    return tuple(sorted(sufs, key=len, reverse=True))


def strip_org_suffix(name: str) -> str:
    """``"Red Hat, Inc."`` -> ``"Red Hat"``; the name is returned unchanged when
    it has no legal suffix or would be left empty."""
    words = name.split()
    toks = tokens(name)
    changed = True
    while changed and len(toks) > 1:
        changed = False
        for suf in _org_suffixes():
            if len(suf) < len(toks) and tuple(toks[-len(suf):]) == suf:
                # drop as many written words as the suffix has tokens (with punctuation)
                drop, seen = 0, 0
                while seen < len(suf) and drop < len(words):
                    drop += 1
                    seen = len(tokens(" ".join(words[len(words) - drop:])))
                if seen != len(suf):
                    return name
                words = words[:len(words) - drop]
                toks = toks[:-len(suf)]
                changed = True
                break
    out = " ".join(words).rstrip(" ,.&")
    return out or name


# ------------------------------------------------------------------------ persons

_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


def strip_possessive(name: str) -> str:
    """``"Andrew's"`` -> ``"Andrew"``, ``"James'"`` -> ``"James"``."""
    return _POSSESSIVE.sub("", name.strip())


def strip_honorific(name: str) -> str:
    """``"Dr. David Alan Gilbert"`` -> ``"David Alan Gilbert"`` (never empties a name)."""
    titles = set(variants()["honorifics"])
    words = name.split()
    while len(words) > 1 and norm(words[0]) in titles:
        words = words[1:]
    return " ".join(words)


_INVERTED = re.compile(r"^\s*([^\s,]+)\s*,\s*([^\s,]+)\s*$")


def uninvert(name: str) -> str | None:
    """``"Lenz, Grimmer"`` -> ``"Lenz Grimmer"``: exactly two single tokens around
    one comma; ``None`` for any other shape."""
    m = _INVERTED.match(name)
    return f"{m.group(1)} {m.group(2)}" if m else None


# --------------------------------------------------------------------------- URLs


def norm_url(url: str) -> str:
    """Comparison key of a URL: scheme, ``www.``, fragment and trailing slash ignored;
    host folded to lower case, path and query kept as written."""
    url = url.strip()
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"
