"""Places and venues of events: "in Lyon, France", "at Level39 in London",
"Venue: Main Hall, Research Building, Beijing", and which edition a place is
the place of (the one the sentence is about)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graphbuild.extract import gazetteer
from graphbuild.extract.config import Rules
from graphbuild.extract.events import clauses, find_events
from graphbuild.extract.units import Unit

if TYPE_CHECKING:
    from graphbuild.extract.report import ReportExtractor

# a name written with capitals: "McCormick Place", "Level39", "CENTQUATRE-PARIS", "Congress Center Düsseldorf"
_NAME = r"[A-Z][\w'’&.-]*[\w]|[A-Z]"
_VENUE_NAME = rf"(?:{_NAME})(?:[ \t]+(?:(?:of|de|du|the|and|&)(?=[ \t])|{_NAME})){{0,5}}"
_TRAILING = ("of", "de", "du", "the", "and", "&")


@dataclass(frozen=True)
class Venue:
    start: int
    end: int
    name: str
    rule: str


_COMPILED: dict = {}


def _patterns(rules: Rules):
    if rules.fingerprint in _COMPILED:
        return _COMPILED[rules.fingerprint]
    alt = lambda words: "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    nouns = alt(rules["venue_nouns"])
    name = rf"(?P<venue>{_VENUE_NAME}(?:[ \t]+(?:{nouns})\b)?)"
    label = re.compile(rf"^[\W_]*(?:{alt(rules['venue_labels'])})[\W_]*?\s*[:：]\s*[*_]*\s*(?P<rest>[^\n]+)", re.I | re.M)
    verb_at = re.compile(rf"\b(?:{alt(rules['venue_verbs'])})\b[^.;!?\n]{{0,60}}?\bat\s+(?:the\s+)?{name}")
    at_in = re.compile(rf"\bat\s+the\s+{name}[ \t]*(?:,[ \t]*|[ \t]+in[ \t]+)(?P<city>[A-Z][\w'’-]+)")
    venue_noun = re.compile(rf"\b(?i:venue)\b,?[ \t]*(?:(?:is|was)[ \t]+)?(?:the[ \t]+)?{name}")
    worded = re.compile(rf"\b(?:at|to|in)\s+the\s+(?:[a-z]+\s+)?(?P<venue>{_VENUE_NAME}[ \t]+(?:{alt(rules['venue_words'])}))(?![\w-])")
    not_after = re.compile(rf"\b(?:{alt(rules['place_not_after'])})\s+(?:in|from)\s+(?:the\s+)?$", re.I)
    _COMPILED[rules.fingerprint] = (label, verb_at, at_in, venue_noun, worded, not_after)
    return _COMPILED[rules.fingerprint]


def _clean(name: str) -> str:
    words = name.strip(" ,.;:*_").split()
    while words and words[-1] in _TRAILING:
        words.pop()
    return " ".join(words)


def _known_other(name: str, rules: Rules) -> bool:
    """A name that is an event, an organization or a project, or a month or weekday, is not a venue."""
    if find_events(name, rules) or gazetteer.find(name, ("organizations", "projects", "events")):
        return True
    first = name.split()[0].casefold()
    return first in {w.casefold() for w in rules["not_venues"]}


def venues(text: str, rules: Rules, is_place) -> list[Venue]:
    """Venues named in ``text``; ``is_place(name)`` says whether a name is a known city or country."""
    label, verb_at, at_in, venue_noun, worded, _ = _patterns(rules)
    after_noun = rules.compiled("event_noun_after")
    found: list[Venue] = []

    def add(start: int, raw: str, rule: str):
        name = _clean(raw)
        if len(name) < 3 or is_place(name) or _known_other(name, rules) or name in rules["venue_words"]:
            return
        if after_noun.match(text[start + len(name):]):     # "at USENIX's FAST conference": an event, not a venue
            return
        if any(v.start <= start < v.end for v in found):
            return
        found.append(Venue(start, start + len(name), name, rule))

    for m in label.finditer(text):
        first = m.group("rest").split(",")[0]
        if re.match(rf"^\s*{_VENUE_NAME}\s*$", first):
            add(m.start("rest") + len(m.group("rest")) - len(m.group("rest").lstrip()), first, "venue-label")
    for rx, rule in ((venue_noun, "venue-noun"), (verb_at, "venue-held-at"), (worded, "venue-word")):
        for m in rx.finditer(text):
            add(m.start("venue"), m.group("venue"), rule)
    for m in at_in.finditer(text):
        if is_place(m.group("city")):
            add(m.start("venue"), m.group("venue"), "venue-at-in")
    return sorted(found, key=lambda v: v.start)


def in_longer_name(text: str, start: int, end: int, rules: Rules) -> bool:
    """"React China", "Ryan Florence", "Munich ChronoType", "University of Brussels": a place
    word that is one word of a longer capitalised name (an organization, a person, a title)."""
    stop = {w.casefold() for w in rules["event_stopwords"]}
    before = re.search(r"(?:^|[^\w.,;:!?])([A-Z][\w'’-]*)[ \t]+$", text[max(0, start - 40):start])
    if before and before.group(1).casefold() not in stop and not _any_place(before.group(1)):
        return True
    of = re.search(r"(?:^|[^\w.,;:!?])([A-Z][\w'’-]*)[ \t]+(?:of|de|du|der|di)[ \t]+(?:the[ \t]+)?$", text[max(0, start - 40):start])
    if of and of.group(1).casefold() not in stop and of.group(1) not in rules["place_name_heads"]:
        return True                 # "University of Brussels", "Bank of Lisbon", but "City of London"
    after = re.match(r"[ \t]+([A-Z][\w'’-]*)", text[end:end + 40])
    return bool(after and after.group(1).casefold() not in stop and not _any_place(after.group(1)))


def _any_place(word: str) -> bool:
    return bool(gazetteer.find(word, ("places",)))


def not_where(text: str, start: int, rules: Rules) -> bool:
    """"developers in China", "engineers from Berlin": a place said of people, not of an event."""
    return bool(_patterns(rules)[5].search(text[max(0, start - 40):start]))


def not_event_place(block, start: int, end: int, rules: Rules) -> bool:
    """A place word that does not name a place here: one word of a longer name, a place
    said of people, or a word of a linked title ("[100 Days in Germany](...)")."""
    text = block.text
    if in_longer_name(text, start, end, rules) or not_where(text, start, rules):
        return True
    for link in block.links:
        i = text.find(link.text)
        if 0 <= i <= start < i + len(link.text) and len(link.text.split()) >= 4:
            return True
    return False


@dataclass(frozen=True)
class _Here:
    start: int
    end: int


def _section_event(x: "ReportExtractor", sent: Unit) -> str | None:
    """The one event its section's heading names, when the sentence says where an event was."""
    if sent.block < 0 or not rules_held(x.rules).search(sent.text):
        return None
    heading = x._heading_of(sent.block)
    events = [k for k in x.events_of_block(heading)] if heading is not None else []
    return events[0] if len(set(events)) == 1 else None


def rules_held(rules: Rules) -> re.Pattern:
    key = ("held", rules.fingerprint)
    if key not in _COMPILED:
        words = sorted(rules["held_words"], key=len, reverse=True)
        _COMPILED[key] = re.compile(r"\b(?:%s)\b" % "|".join(re.escape(w) for w in words), re.I)
    return _COMPILED[key]


def places_in(x: "ReportExtractor", sent: Unit, keys, colocated: bool) -> None:
    """HELD_IN for the places and venues of one sentence: a place goes to the edition
    named nearest before it (or after it); in a sentence that co-locates editions
    ("X and Y were co-located in Lyon") it goes to all of them."""
    text = sent.text
    rules = x.rules
    doc_places = {x.c.get(k).name for k in x.c.keys("Place")}
    known = {n.casefold() for n in doc_places}
    is_place = lambda n: n.casefold() in known or bool(gazetteer.find_exact(n, ("places",)))
    series = " | ".join(x.c.get(k).attrs.get("series", "").casefold() for k in x.c.keys("Event"))
    found = [v for v in venues(text, rules, is_place) if v.name.casefold() not in series]   # "at Educause in Orlando"
    section = _section_event(x, sent) if not keys and not found else None
    if not keys and not found and not section:
        return
    places = [(h.start, h.entry.name, h.surface) for h in gazetteer.find(text, ("places",))
              if not in_longer_name(text, h.start, h.end, rules) and not not_where(text, h.start, rules)]
    for name in doc_places:
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if not any(p[0] == m.start() for p in places) and not in_longer_name(text, m.start(), m.end(), rules):
                places.append((m.start(), name, name))
    cue_before = rules.compiled("place_before")
    co = rules.compiled("co_location")
    cues = [m.end() for m in co.finditer(text)] if colocated else []
    ends = [s.end for s, _ in keys if sent.kind == "title"]
    held = [(start, name, surface) for start, name, surface in places
            if cue_before.search(text[max(0, start - 12):start])
            or any(re.fullmatch(r"[\s,:–—-]*", text[e:start]) for e in ends if e <= start)]   # "FOSDEM 2019 Brussels"
    for v in found:
        held.append((v.start, v.name, v.name))
    if section:
        keys = [(_Here(0, 0), section)]      # "This was the first Rust event in Russia."
    for start, name, surface in sorted(held):
        if keys:
            before = [k for s, k in keys if s.end <= start]
            after = [k for s, k in keys if s.start >= start]
            last_end = max((s.end for s, _ in keys if s.end <= start), default=-1)
            cue = next((c for c in cues if last_end <= c <= start), None)
            if cue is not None:                       # "X and Y were co-located in October in Lyon"
                starts = clauses(text)
                clause = max(s for s in starts if s <= cue)
                targets = [k for s, k in keys if clause <= s.start and all(not clause < b <= s.start for b in starts)]
            else:
                targets = [before[-1]] if before else ([after[0]] if after else [])
        elif any(v.start == start and v.rule == "venue-label" for v in found) and x.main_event:
            targets = [x.main_event]                  # "Venue: ..." under the report's own event
        else:
            targets = x.events_of_block(sent.block)[:1] or ([x.main_event] if x.main_event else [])
        ev = x.ev(sent.line_at(start), sent.flat(), "venue" if any(v.start == start for v in found) else "held-in", 0.7)
        pk = x.c.mention("Place", name, ev, alias=surface)
        for k in dict.fromkeys(targets):
            x.c.relate("HELD_IN", k, pk, ev)


def front_matter_places(x: "ReportExtractor") -> None:
    """`venue: Harbor Hall`, `location: Harbor Hall, Lisbon`, `city: Lisbon`: the places of the
    report's main event, the first piece of a venue or location being the venue when it is no
    known place."""
    r = x.report
    if not x.main_event:
        return
    for field in rules_fields(x.rules):
        value = r.meta.get(field)
        if not isinstance(value, str) or not value.strip():
            continue
        text = f"{field}: {value}"
        ev = x.ev(r.meta_line, text, "front-matter-location")
        names = [(h.entry.name, h.surface) for h in gazetteer.find(value, ("places",))]
        first = _clean(value.split(",")[0])
        if field != "city" and first and not gazetteer.find_exact(first, ("places",)) \
                and re.fullmatch(_VENUE_NAME, first) and not _known_other(first, x.rules):
            names.insert(0, (first, first))
        for name, surface in names:
            pk = x.c.mention("Place", name, ev, alias=surface)
            x.c.relate("HELD_IN", x.main_event, pk, ev)


def rules_fields(rules: Rules) -> list[str]:
    return list(dict.fromkeys([f.casefold() for f in rules["venue_labels"]] + ["venue", "city"]))
