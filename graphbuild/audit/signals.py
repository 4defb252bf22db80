"""Talk signals in a unit: resource links, embedded players, time slots, a name beside a title."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping

import yaml

from graphbuild.audit.units import Unit
from graphbuild.extract.config import Rules
from graphbuild.extract.links import is_noise, resource_kind, text_kind, url_kind
from graphbuild.extract.names import looks_like_person, split_people
from graphbuild.types import Report

SIGNAL_KINDS = ("slides", "video", "schedule", "player", "time", "name+title")
_CI = re.IGNORECASE
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_URLISH = re.compile(r"^(?:\w+://|www\.|@\w)|^\S+\.\w{2,4}/\S*$")


@dataclass(frozen=True)
class Cues:
    """The cues of ``cues.yaml``, compiled; ``Cues.from_dict`` builds one for a test."""
    link_kinds: frozenset[str]
    programme_pages: re.Pattern
    players: tuple[re.Pattern, ...]
    player_macros: re.Pattern
    player_urls: re.Pattern
    time_slot: re.Pattern
    calendar: re.Pattern
    slot_fillers: frozenset[str]
    prose_time_words: int
    turn: re.Pattern
    turns: int
    separators: re.Pattern
    quoted: re.Pattern
    emphasis: re.Pattern
    name_run: re.Pattern
    heading_name_words: int
    talk_verbs: re.Pattern
    lead_title_words: int
    title_words: tuple[int, int]
    shown_chars: int

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "Cues":
        def any_of(patterns, flags=_CI):
            return re.compile("|".join(f"(?:{p})" for p in patterns), flags)
        low, high = raw["title_words"]
        return cls(
            link_kinds=frozenset(raw["link_kinds"]),
            programme_pages=any_of(raw["programme_pages"]),
            players=tuple(re.compile(p, _CI) for p in raw["players"]),
            player_macros=any_of(raw["player_macros"], _CI | re.MULTILINE),
            player_urls=any_of(raw["player_urls"]),
            time_slot=re.compile(raw["time_slot"], _CI),
            calendar=re.compile(raw["calendar"], _CI),
            slot_fillers=frozenset(w.casefold() for w in raw["slot_fillers"]),
            prose_time_words=int(raw["prose_time_words"]),
            turn=re.compile(raw["turn"], re.MULTILINE),
            turns=int(raw["turns"]),
            separators=re.compile(raw["separators"], _CI),
            quoted=re.compile(raw["quoted"]),
            emphasis=re.compile(raw["emphasis"]),
            name_run=re.compile(raw["name_run"]),
            heading_name_words=int(raw["heading_name_words"]),
            talk_verbs=re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, raw["talk_verbs"])), _CI),
            lead_title_words=int(raw["lead_title_words"]),
            title_words=(int(low), int(high)),
            shown_chars=int(raw["shown_chars"]),
        )


def shipped_cues() -> dict[str, Any]:
    """The cues of the shipped ``cues.yaml`` as a plain dict."""
    return yaml.safe_load(resources.files(__package__).joinpath("cues.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    return Cues.from_dict(shipped_cues())


@dataclass(frozen=True)
class Signal:
    """Why a unit looks like a talk: kind (one of SIGNAL_KINDS), source line, what was seen."""
    kind: str
    line: int
    detail: str


# ------------------------------------------------------------------ links and players


def _words_left(text: str, cues: Cues) -> list[str]:
    """Words of ``text`` that are not times, dates or numbers."""
    return re.findall(r"[^\W\d_][\w'’&-]*", cues.calendar.sub(" ", cues.time_slot.sub(" ", text)))


def link_signals(unit: Unit, rules: Rules, cues: Cues) -> list[Signal]:
    """Links to slides, videos, schedules or players, unless the unit is only a date."""
    if not _words_left(unit.text, cues):
        return []
    out = []
    for link in unit.links:
        if link.image or is_noise(link.text, link.url, unit.section, rules):
            continue
        kind = resource_kind(link.text, link.url, rules)
        if link.embed or cues.player_urls.search(link.url):
            kind = "player"
        elif kind == "schedule" and cues.programme_pages.search(link.url):
            continue
        if kind in cues.link_kinds or kind == "player":
            out.append(Signal(kind, link.line, link.url))
    return out


def players(report: Report, source_lines: list[str], rules: Rules, cues: Cues) -> list[Signal]:
    """Embedded players written in the report's body (outside code blocks)."""
    code = [(b.line, b.end_line) for b in report.blocks if b.kind == "code"]
    found = []
    for number in range(max(1, report.body_line), len(source_lines) + 1):
        text = source_lines[number - 1]
        if any(lo <= number <= hi for lo, hi in code):
            continue
        if (m := cues.player_macros.search(text)):
            found.append(Signal("player", number, text.strip()[:120]))
            continue
        for rx in cues.players:
            m = rx.search(text)
            if not m:
                continue
            url = m.group(1)
            if not url or cues.player_urls.search(url) or url_kind(url, rules) in ("video", "slides"):
                found.append(Signal("player", number, url or m.group().strip()))
                break
    return found


# ------------------------------------------------------------------ times


def time_signals(unit: Unit, cues: Cues) -> list[Signal]:
    """A time slot with something beside it that is not a break, a meal or a date."""
    times = list(cues.time_slot.finditer(unit.text))
    if not times:
        return []
    if unit.kind == "line" and len(unit.text[:times[0].start()].split()) > 3 \
            and len(unit.text.split()) > cues.prose_time_words:
        return []             # a time in running text: "join us at 8:00 p.m."
    if all(w.casefold() in cues.slot_fillers for w in _words_left(unit.text, cues)):
        return []
    return [Signal("time", unit.line + unit.text.count("\n", 0, times[0].start()), times[0].group())]


# ------------------------------------------------------------------ names beside titles


def is_person(text: str, rules: Rules) -> bool:
    """``looks_like_person``, and not ending with an event head ("Rust Week", "All Hands")."""
    words = text.split()
    return looks_like_person(text, rules) and words[-1] not in _event_heads(rules)


@lru_cache(maxsize=4)
def _casefolded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


@lru_cache(maxsize=4)
def _last_words(heads: tuple[str, ...]) -> frozenset[str]:
    return frozenset(h.split()[-1] for h in heads if h.split())


def _event_heads(rules: Rules) -> frozenset[str]:
    return _last_words(tuple(rules["event_heads"]) + tuple(rules["sub_event_heads"]))


def is_people(text: str, rules: Rules) -> bool:
    """"Jane Doe", "Jane Doe (Acme)", "Jane Doe and John Roe, Acme": names first, then affiliations."""
    text = _BRACKETS.sub(" ", text).strip(" ,;*_")
    parts = split_people(text)
    if not parts or len(text) > 120 or not is_person(parts[0], rules):
        return False
    return all(is_person(p, rules) or (p[:1].isupper() and len(p.split()) <= 6) for p in parts)


def is_title(text: str, rules: Rules, cues: Cues) -> bool:
    """A span that may be a talk's title: a few words, not only a time, a date, a resource word or a role."""
    text = text.strip(" -–—:|,;*_\"“”«»")
    if not text or text_kind(text, rules) or _URLISH.match(text):
        return False
    words = _words_left(text, cues)
    low, high = cues.title_words
    if not low <= len(words) <= high:
        return False
    roles = _casefolded(tuple(rules["role_words"]))
    return not any(w.casefold().strip(".,") in roles for w in words)


def _without_resource_words(text: str, unit: Unit, rules: Rules) -> str:
    """The line without the texts of its resource links ("Title - Name [slides]")."""
    for link in unit.links:
        if link.text and text_kind(link.text, rules) and (at := text.rfind(link.text)) >= 0:
            text = text[:at] + " " + text[at + len(link.text):]
    return text


def _spans(unit: Unit, line_text: str, source: str, cues: Cues, rules: Rules) -> list[str]:
    """Title-like spans set apart by markup: link texts, quotes, emphasis."""
    spans = [lk.text for lk in unit.links
             if lk.text and not lk.image and not is_noise(lk.text, lk.url, unit.section, rules)
             and lk.text in line_text]
    spans += [next(g for g in m.groups() if g) for m in cues.quoted.finditer(line_text)]
    spans += [next(g for g in m.groups() if g) for m in cues.emphasis.finditer(source)]
    return [s.strip() for s in spans if s and s.strip() and s.strip() in line_text]


def dialogue_turns(text: str, rules: Rules, cues: Cues) -> frozenset[str]:
    """Names that open at least ``cues.turns`` lines as "Name: ...": the speakers of a dialogue."""
    seen: dict[str, int] = {}
    for m in cues.turn.finditer(text):
        name = m.group(1).strip()
        seen[name] = seen.get(name, 0) + 1
    return frozenset(n for n, count in seen.items() if count >= cues.turns and is_person(n, rules))


def _pair(parts: list[str], rules: Rules, cues: Cues, turns: frozenset[str] = frozenset()) -> str | None:
    people = [p for p in parts if p.strip() not in turns and is_people(p, rules)]
    for person in people:
        for other in parts:
            if other is not person and is_title(other, rules, cues):
                return f"{_BRACKETS.sub('', person).strip()} / {other.strip()}"
    return None


def _lead_name(span: str, line_text: str, rules: Rules, cues: Cues, turns: frozenset[str]) -> str | None:
    """"**Jane Doe** Gears all the way down": a name set apart at the start, a title after it."""
    head, _, rest = line_text.partition(span)
    if span in turns or head.strip(" -*•·>[(\"“") or len(rest.split()) > cues.lead_title_words:
        return None
    return f"{span} / {rest.strip(' -–—:|,;')}" if is_title(rest, rules, cues) else None


def heading_signals(units: tuple[Unit, ...], rules: Rules, cues: Cues,
                    turns: frozenset[str] = frozenset()) -> dict[int, Signal]:
    """Headings that read as a title, with a person-like name near the start of the unit right
    below them and a word of talking there ("presented", "talk", "keynote")."""
    out = {}
    for i, (unit, below) in enumerate(zip(units, units[1:])):
        if unit.kind != "heading" or below.kind == "heading" or is_people(unit.text, rules) \
                or not is_title(unit.text, rules, cues) or rules.compiled("noise_sections").search(unit.text):
            continue
        if not (cues.talk_verbs.search(below.text) or rules.compiled("talk_kind_any").search(below.text)):
            continue
        first = " ".join(below.text.split()[:cues.heading_name_words])
        person = next((m.group() for m in cues.name_run.finditer(first)
                       if m.group() not in turns and is_person(m.group(), rules)), None)
        if person:
            out[i] = Signal("name+title", unit.line, f"{person} / {' '.join(unit.text.split())}")
    return out


def name_signals(unit: Unit, rules: Rules, cues: Cues, turns: frozenset[str] = frozenset()) -> list[Signal]:
    """A person-like name beside a title-like span, on one line (or across a table row's cells);
    the speakers of a dialogue (``turns``) opening a line are not names beside titles."""
    if unit.kind == "table_row" and len(unit.cells) > 1:
        cells = [c for cell in unit.cells for c in [cell, *cues.separators.split(cell)] if c.strip()]
        found = _pair(cells, rules, cues)
        return [Signal("name+title", unit.line, found)] if found else []
    lines = unit.text.split("\n")
    for i, line_text in enumerate(lines):
        line_text = _without_resource_words(line_text, unit, rules)
        number = min(unit.line + i, unit.end_line)
        source = unit.source[i] if i < len(unit.source) else line_text
        parts = [p for p in cues.separators.split(line_text) if p.strip()]
        found = _pair(parts, rules, cues, turns) if len(parts) > 1 else None
        for span in ([] if found else _spans(unit, line_text, source, cues, rules)):
            if is_people(span, rules):
                found = _lead_name(span, line_text, rules, cues, turns)
                if found:
                    break
                continue
            if not is_title(span, rules, cues):
                continue
            rest = line_text.replace(span, " | ")
            names = [m.group() for m in cues.name_run.finditer(rest)]
            person = next((n for n in names if n not in turns and is_person(n, rules)), None)
            if person:
                found = f"{person} / {span}"
                break
        if found:
            return [Signal("name+title", number, found)]
    return []


def unit_signals(unit: Unit, rules: Rules, cues: Cues, turns: frozenset[str] = frozenset()) -> tuple[Signal, ...]:
    """Every talk signal of one unit, players excepted (they come from the source, see ``players``)."""
    return tuple(link_signals(unit, rules, cues) + time_signals(unit, cues)
                 + name_signals(unit, rules, cues, turns))
