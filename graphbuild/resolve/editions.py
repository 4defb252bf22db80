"""Event names split into series and year: ``"FOSDEM '16"`` -> ``("FOSDEM", 2016)``.

Variants of one edition share a key: 2-digit years become 20xx, region
abbreviations are expanded (``knowledge/lexicon.yaml``: "LinuxCon EU" ->
"LinuxCon Europe") and ordinals ("10th") are dropped from the series.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.knowledge.lexicon import expand_year, name_key as norm, regions

# a trailing year: "KVM Forum 2014", "FOSDEM '16", "FOSDEM'16", "FOSDEM16", "PyCon-2016"
_YEAR4_END = re.compile(r"^(?P<series>.*?)[\s\-_/,']*(?P<year>(?:19|20)\d\d)$")
_YEAR2_QUOTE = re.compile(r"^(?P<series>.*?)\s*['\u2019](?P<year>\d\d)$")
_YEAR2_GLUED = re.compile(r"^(?P<series>.*?[A-Za-z])(?P<year>\d\d)$")
_YEAR4_START = re.compile(r"^(?P<year>(?:19|20)\d\d)[\s\-_:]+(?P<series>.+)$")
_ARTICLE = re.compile(r"^the\s+", re.I)
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b\s*|\b(?:first|second|third)\b\s*", re.I)


@dataclass(frozen=True)
class Edition:
    series: str          # display form, regions expanded: "LinuxCon Europe"
    year: int | None     # year written in the name, if any


def split_year(name: str) -> tuple[str, int | None]:
    """``"FOSDEM16"`` -> ``("FOSDEM", 2016)``; ``("KVM Forum", None)`` when no year is written."""
    text = name.strip()
    for pattern in (_YEAR4_END, _YEAR2_QUOTE, _YEAR2_GLUED):
        m = pattern.match(text)
        year = expand_year(m.group("year")) if m else None
        if year is not None and m.group("series").strip(" -_/,'"):
            return m.group("series").strip(" -_/,'"), year
    m = _YEAR4_START.match(text)
    if m:
        return m.group("series").strip(), int(m.group("year"))
    return text, None


def expand_regions(series: str) -> str:
    """``"LinuxCon EU"`` -> ``"LinuxCon Europe"``; other words are kept as written."""
    words = series.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        for key, value in regions():
            span = words[i:i + len(key)]
            if len(span) == len(key) and tuple(norm(w) for w in span) == key:
                out.append(value)
                i += len(key)
                break
        else:
            out.append(words[i])
            i += 1
    return " ".join(out)


def clean_series(series: str) -> str:
    """Series display form: ordinals and any year dropped, regions expanded."""
    base, _ = split_year(series)
    base = _ORDINAL.sub("", base).strip(" -_/,") or base
    base = _ARTICLE.sub("", base) or base
    return expand_regions(base)


def parse(name: str, series_attr: str | None = None) -> Edition:
    """Series and written year of an event name; ``series_attr`` (from extraction)
    is preferred for the series when given."""
    base, year = split_year(name)
    series = clean_series(series_attr or base)
    return Edition(series=series, year=year)
