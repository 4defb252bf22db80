"""People named in a block, and names that are an interview's turns: pure functions
of a block's text, its spaCy doc and the names the report already gave."""
from __future__ import annotations

import re

from graphbuild.extract import gazetteer
from graphbuild.extract.config import Rules
from graphbuild.extract.names import looks_like_person
from graphbuild.types import Block

NAME_SHAPE = re.compile(r"(?<![\w.’'-])[A-Z][^\W\d_]+(?:[’'-][A-Z]?[^\W\d_]+)?"
                        r"(?:[ \t]+(?:(?:van|von|de|der|den|da|di|du|le|la)[ \t]+)?[A-Z][^\W\d_]+(?:[’'-][A-Z]?[^\W\d_]+)?){1,2}")
_CAPITAL_WORD = re.compile(r"(?<![\w'’-])[A-Z][^\s,;:()\[\]]*")
_TURN = re.compile(r"^\W{0,3}([A-Z][^\s:]*(?:[ \t]+[A-Z][^\s:]*){1,2})\W{0,3}:\s")
NOT_PEOPLE_LABELS = ("ORG", "PRODUCT", "GPE", "FAC", "NORP", "WORK_OF_ART", "EVENT")


def persons_in(block: Block, doc, rules: Rules, known: frozenset[str],
               not_people: frozenset[str]) -> list[tuple[int, int, str]]:
    """People named in a block as (start, end, name), sorted: spaCy's, names set in bold,
    name-shaped words, and the report's known names; earlier sources win overlaps."""
    text = block.text
    found: list[tuple[int, int, int, str]] = []        # (source rank, start, end, name)
    for e in getattr(doc, "ents", ()):
        if e.label_ == "PERSON":
            name = re.sub(r"['’]s$", "", " ".join(e.text.split()))
            if looks_like_person(name, rules):
                found.append((0, e.start_char, e.start_char + len(name), name))
    for e in dict.fromkeys(block.emphasis):          # names the report set in bold
        name = " ".join(e.split()).strip(" ,.:")
        if looks_like_person(name, rules):
            found += [(1, m.start(), m.end(), name) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    for m in NAME_SHAPE.finditer(text):
        name = m.group(0)
        if looks_like_person(name, rules) and name not in not_people and not gazetteer.find_exact(name):
            found.append((2, m.start(), m.end(), name))
    by_first: dict[str, list[str]] = {}
    for name in known:
        if " " in name:
            by_first.setdefault(name.split(" ", 1)[0], []).append(name)
    for m in _CAPITAL_WORD.finditer(text):       # one pass, whatever the number of names
        for name in by_first.get(m.group(0), ()):
            end = m.start() + len(name)
            if text.startswith(name, m.start()) and not text[end:end + 1].isalnum():
                found.append((3, m.start(), end, name))
    return without_overlaps(found)


def without_overlaps(found: list[tuple[int, int, int, str]]) -> list[tuple[int, int, str]]:
    """(start, end, name) spans in order; of overlapping spans, the best-ranked one (then the earliest)."""
    if not found:
        return []
    covered = bytearray(max(b for _, _, b, _ in found) + 1)
    taken = []
    for _, a, b, name in sorted(found):
        if covered.find(1, a, b) >= 0:
            continue
        covered[a:b] = b"\x01" * (b - a)
        taken.append((a, b, name))
    return sorted(taken)


def not_people_in(doc, topic: frozenset[str]) -> frozenset[str]:
    """Names spaCy reads as organizations, products or places, and the report's topic words."""
    return frozenset(" ".join(e.text.split()) for e in getattr(doc, "ents", ())
                     if e.label_ in NOT_PEOPLE_LABELS) | topic


def dialogue(blocks, rules: Rules) -> frozenset[str]:
    """Names that open three or more lines with a colon: an interview's turns, not talks."""
    turns: dict[str, int] = {}
    for block in blocks:
        for line in block.text.split("\n"):
            m = _TURN.match(line)
            if m and looks_like_person(m.group(1), rules):
                turns[m.group(1)] = turns.get(m.group(1), 0) + 1
    return frozenset(name for name, n in turns.items() if n >= 3)
