"""Talk candidates built from the parts of a unit, whatever the layout.

Two suggesters:

* ``from_unit_parts`` reads one list item, table row, heading or line: a title
  (a link text, a marked or quoted span, or the side of a separator that is not
  names) and the people, organizations and resources around it.
* ``from_section`` reads one heading section: the heading is the title, the
  speaker is named in the prose below it, the resources are the players and
  video or slides links of the section.

A candidate is kept when the evidence is enough: a speaker, a talk resource
(slides, video, schedule entry), or a talk cue (a time slot, a kind label such
as "Keynote:", a section about talks). Its confidence and rule say which.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.extract import links as L
from graphbuild.extract.config import Rules
from graphbuild.extract.events import find_events
from graphbuild.extract.names import clean_name, looks_like_person
from graphbuild.extract.orgs import split_tail
from graphbuild.extract.parts import (Parts, agenda_item, described_title, starts_with_verb, is_title_like, never_title, people_of, read_parts,
                                      split_by, split_colon, strip_quotes)
from graphbuild.extract.talks import TalkFound, clean_title
from graphbuild.extract.units import Unit, sub_unit

TALK_RESOURCES = ("slides", "video", "schedule")


@dataclass(frozen=True)
class Context:
    """What the report around a unit says: names it already gave, and whether
    the unit stands under a section or lead-in about talks."""
    known: frozenset[str] = frozenset()
    cue: bool = False
    emphasis: tuple[str, ...] = ()
    not_people: frozenset[str] = frozenset()     # names spaCy reads as organizations or products here
    heirs: tuple[str, ...] = ()                  # speakers the enclosing section gives its talks
    listed: bool = False                         # a heading under a heading about talks ("My talks")


@dataclass
class _Found:
    title: str = ""
    title_start: int = -1
    speakers: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str]] = field(default_factory=list)
    resources: list[L.ResourceRef] = field(default_factory=list)
    marked: bool = False
    linked: bool = False
    prose: list[str] = field(default_factory=list)     # words of running text around the parts


def _add_people(found: _Found | TalkFound, names, affs) -> None:
    for n in names:
        if n not in found.speakers:
            found.speakers.append(n)
    for a in affs:
        if a not in found.affiliations:
            found.affiliations.append(a)


def _read(unit: Unit, parts: Parts, rules: Rules, ctx: Context) -> _Found:
    """Name each segment (people, title or running text) and pick the title: a
    linked or marked span before plain text, the first of each."""
    found = _Found(resources=list(parts.resources))
    for s in parts.people_links:
        _add_people(found, [clean_name(re.sub(r"\([^)]*\)", "", s.text))], [])
    titles: list[tuple[int, object, str, list, list]] = []     # (rank, segment, title, names, affs)
    rest = []
    # a segment of names anywhere backs a short title before it ("Reflections - A, Role, Org")
    named = any(not s.marked and s.link is None and s.bounded and people_of(s.text.strip(" ,;:."), rules, ctx.known,
                                                                              ctx.not_people)
                for s in parts.segments[1:4])
    for seg in parts.segments:
        text = seg.text.strip(" ,;:.")
        plain = not seg.marked and seg.link is None
        if plain and (not seg.bounded or starts_with_verb(text, rules)):
            rest.append(seg)
            continue
        if plain or not is_title_like(text, rules, strong=True) or (seg.link is None and "," in text):
            who = people_of(text, rules, ctx.known, ctx.not_people)
            if who and (plain or all(looks_like_person(n, rules) or n in ctx.known for n in who[0])):
                _add_people(found, *who)       # "*A, Org*" set in italics is people, not a title
                continue
        if plain and titles and not found.speakers and not re.search(r"[\"“”]", text):
            told = told_by(text, rules, ctx)
            if told:                 # "Title - A and B provide an introduction to ..."
                _add_people(found, *told)
                continue
        split = split_by(text, rules, ctx.known, ctx.not_people) or split_colon(text, rules, ctx.known, ctx.not_people) \
            or split_tail(text, rules, ctx.known)
        if split and is_title_like(strip_quotes(split[0]), rules, strong=True):
            titles.append((0 if not plain else 1, seg, strip_quotes(split[0]), split[1], split[2]))
            continue
        title = strip_quotes(text)
        if is_title_like(title, rules, strong=not plain or bool(found.speakers) or named, plain=plain):
            titles.append((0 if not plain else 1, seg, title, [], []))
        else:
            rest.append(seg)
    if titles:
        rank, seg, title, names, affs = min(titles, key=lambda t: t[0])
        found.title, found.title_start = title, seg.start
        found.marked, found.linked = seg.marked, seg.link is not None
        _add_people(found, names, affs)
        _link_resource(found, seg, rules)
        for other in titles:
            if other[1] is seg:
                continue
            if other[1].link is not None:
                url = L.absolute(other[1].link.link.url)
                kind = L.resource_kind(other[1].link.text, url, rules)
                if kind in TALK_RESOURCES + ("code",):
                    found.resources.append(L.ResourceRef(other[1].link.text, url, kind, other[1].link.link.line))
            elif other[0] == 1:
                rest.append(other[1])
    found.prose = [g.text for g in rest if len(g.text.split()) >= 3]
    return found


def title_cell(unit: Unit, cells: tuple[str, ...], col: int | None, found: list[TalkFound], rules: Rules,
               ctx: Context) -> list[TalkFound]:
    """A table's title cell that also names the speakers ("Keynote: Title - A & B"):
    read as a unit of its own, its title and people replace the cell's text."""
    if col is None or col >= len(cells) or not found or found[0].speakers:
        return found
    start = unit.text.find(cells[col]) if cells[col] else -1
    if start < 0:
        return found
    cell = sub_unit(unit, start, start + len(cells[col].split("\n")[0]), "list_item")
    read = from_unit_parts(cell, rules, ctx, rule="table-cell")
    if not read or not read[0].speakers:
        return found
    talk = found[0]
    talk.title, talk.speakers, talk.affiliations = read[0].title, read[0].speakers, read[0].affiliations
    talk.kind, talk.rule, talk.confidence = read[0].kind, "table-title-cell-speaker", 0.8
    talk.aliases = list(dict.fromkeys(talk.aliases + read[0].aliases))
    return [talk] + found[1:]


def follow_line(talk: TalkFound, line: Unit, rules: Rules, ctx: Context) -> None:
    """A line under a talk's line that gives no talk of its own: only links (a bare
    recording URL, "[Slides](...)") are the talk's resources; only names ("A, Org") its
    speakers, when it had none."""
    rest = line.text
    for s in reversed(line.links):
        rest = rest[:s.start] + rest[s.end:]
    if line.links and not re.search(r"\w", rules.compiled("resource_word_any").sub("", rest)):
        for s in line.links:
            url = L.absolute(s.link.url)
            if not L.is_noise(s.text, url, line.section, rules) and L.is_page(url):
                talk.resources.append(L.ResourceRef(s.text, url, L.resource_kind(s.text, url, rules), s.link.line))
        return
    if not talk.speakers and not line.links and len(line.text) <= 120:
        who = people_of(line.text, rules, ctx.known, ctx.not_people)
        if who and who[0] and all(looks_like_person(n, rules) or n in ctx.known for n in who[0]):
            _add_people(talk, *who)


def told_by(text: str, rules: Rules, ctx: Context) -> tuple[list[str], list[tuple[str, str]]] | None:
    """The people who open a clause as its subject: "A and B provide an introduction to ...",
    "A talks about ..."; None when the clause does not start with names."""
    joiners = {w.casefold() for w in rules["subject_joiners"]}
    words = list(re.finditer(r"\S+", text))
    for k, word in enumerate(words):
        token = word.group().strip(",;:()\"'")
        if token[:1].islower() and token.casefold() not in joiners:
            if k < 2 or len(words) - k < 3 or token.casefold() in rules["not_after_subject"]:
                return None                        # names, then a clause of a few words
            who = people_of(text[:word.start()].strip(" ,;:"), rules, ctx.known, ctx.not_people)
            return who if who and who[0] else None
    return None


_CLAUSE_AFTER = re.compile(r"\s+[-–—]\s+|\s*—\s*|:\s+")
_NAMES_AFTER = re.compile(r"^(?P<title>.+?)\s*\((?P<who>[^()]{3,120})\)$")


def _title_then_clause(unit: Unit, parts: Parts, rules: Rules, ctx: Context):
    """A title, then a separator and a sentence about the talk that names its speakers:
    "Title: A discusses options for ...", "Title (A and B): The authors of ... will show".
    (title, start, names, affiliations) or None."""
    text = unit.text[parts.start:]
    for m in _CLAUSE_AFTER.finditer(text):
        head, tail = text[:m.start()].strip(), text[m.end():].strip()
        if len(head.split()) > 16 or len(tail.split()) < 3:
            break
        title, who = head, None
        inside = _NAMES_AFTER.match(head)
        if inside:
            named = people_of(inside.group("who"), rules, ctx.known, ctx.not_people)
            if named and named[0] and all(looks_like_person(n, rules) for n in named[0]):
                title, who = inside.group("title"), named
        if who is None:
            who = told_by(tail, rules, ctx)
        title = strip_quotes(title)
        if who and is_title_like(title, rules, strong=True) and not told_by(title, rules, ctx) \
                and (inside or not people_of(title, rules, ctx.known, ctx.not_people)):
            return title, parts.start, who[0], who[1]
    return None


_EDGE = re.compile(r"\s+[-–—]\s+|\s*—\s*")
_PLACE_TAIL = re.compile(r"^[\s,]*(?:(?:[A-Z][\w.'’-]*|and|of|de)[\s,]*){0,5}(?:(?:19|20)\d{2})?\W*$")


def without_event(title: str, rules: Rules) -> tuple[str, str]:
    """A title written with the event it was given at, before or after a dash
    ("Title — KubeCon + CloudNativeCon, North America 2023", "DevConf - Title"):
    (the title alone, the event part or "")."""
    for last in reversed(list(_EDGE.finditer(title)) + list(re.finditer(r",\s+", title))[:1]):
        tail = title[last.end():]
        events = find_events(tail, rules)
        if events and events[0].start == 0 and _PLACE_TAIL.match(tail[events[0].end:]) and last.start() > 3:
            return title[:last.start()].strip(), tail
    seps = list(_EDGE.finditer(title))
    if not seps:
        return title, ""
    first = seps[0]
    head = title[:first.start()]
    events = find_events(head, rules)
    if events and events[0].start <= 4 and _PLACE_TAIL.match(head[events[0].end:]) and len(title) - first.end() > 3:
        return title[first.end():].strip(), head
    return title, ""


def _described(unit: Unit, parts: Parts, found: _Found, rules: Rules) -> None:
    """"[Name](profile) discussed creating libraries with SvelteKit, ... ([4:32](video))":
    the speaker comes first and a verb of speaking introduces what the talk was about."""
    if not any(k in ("video", "slides") for k in (r.kind for r in found.resources)):
        return
    last = max(s.end for s in parts.people_links)
    if parts.people_links[0].start > parts.start + 3:
        return
    after = unit.text[last:]
    names = re.match(r"^(?:\s*(?:,|and|&)\s*\S+(?:\s+\S+)?)*", after)
    title = described_title(after, rules) or (described_title(after[names.end():], rules) if names else "")
    if title:
        found.title, found.title_start = title, last
        found.prose = []


def _link_resource(found: _Found, seg, rules: Rules) -> None:
    if seg.link is None:
        return
    url = L.absolute(seg.link.link.url)
    if L.is_page(url):
        found.resources.insert(0, L.ResourceRef(seg.link.text, url, L.resource_kind(seg.link.text, url, rules), seg.link.link.line))


def from_unit_parts(unit: Unit, rules: Rules, ctx: Context, *, rule: str = "unit") -> list[TalkFound]:
    """A talk from one list item, table row, heading or line, or nothing."""
    if len(unit.text) > rules["limits"]["max_unit_chars"]:
        return []
    parts = read_parts(unit, rules, ctx.emphasis)
    found = _read(unit, parts, rules, ctx)
    if found.speakers and parts.people_links and found.prose:
        _described(unit, parts, found, rules)
    if not found.title and parts.kind and (found.speakers or parts.slot) and not found.prose:
        # "Opening keynote - Name", "4:30 PM | Panel Discussion": the session is named by its kind alone
        found.title, found.title_start = parts.label.strip(" \t:!|-–—*_"), 0
    running = not found.title or sum(len(p.split()) for p in found.prose) >= 3
    clause = None
    if running or not found.speakers:
        clause = _title_then_clause(unit, parts, rules, ctx) if unit.kind == "list_item" else None
        if clause is None and running:
            return []            # running text: the prose rules read it
    if clause is not None:
        found.title, found.title_start, names, affs = clause
        found.speakers, found.affiliations, found.prose = [], [], []
        _add_people(found, names, affs)
    title, event_part = without_event(clean_title(found.title), rules)
    if not is_title_like(title, rules, strong=bool(found.speakers) or found.marked or found.linked):
        return []
    kinds = {k for k in (r.kind for r in found.resources)}
    if found.speakers:
        why, conf = "speaker", 0.85
    elif kinds & set(TALK_RESOURCES):
        why, conf = "resource", 0.7
    elif (parts.slot or parts.kind) and not agenda_item(title, rules):
        why, conf = "slot" if parts.slot else "kind-label", 0.6
    elif ctx.cue and (found.marked or found.linked):
        why, conf = "talk-section", 0.55
    else:
        return []
    if found.speakers and any(title == s or title in s for s in found.speakers):
        return []
    label = parts.label.strip()
    talk = TalkFound(title, unit.line_at(max(found.title_start, 0)), unit.flat()[:600], f"{rule}-{why}", conf,
                     found.speakers, found.affiliations, _dedup(found.resources), kind=parts.kind or "talk",
                     block=unit.block, event_hint=event_part or (unit.text[:found.title_start] if found.title_start > 0 else ""))
    if label:
        talk.aliases.append(f"{label.rstrip(' !')} {title}" if label.rstrip().endswith(("!",)) else label + title)
    return [talk]


def _dedup(resources: list[L.ResourceRef]) -> list[L.ResourceRef]:
    seen, out = set(), []
    for r in resources:
        if r.url not in seen:
            seen.add(r.url)
            out.append(r)
    return out


# ------------------------------------------------------------------- sections
_TALK_WORDS = re.compile(r"\b(?:talk|keynote|session|presentation|workshop|panel|tutorial|lightning|speak\w*|"
                         r"present\w*|gave|giv\w+|explain\w*|demo\w*|shar\w+|discuss\w*|walk\w*|kick\w* off|"
                         r"committer|maintainer|contributor|evangelist|will)\b", re.I)


_LABELLED = re.compile(r"(?:^|\b)(?:contacts?|speakers?|presenters?|presented by|led by|moderators?|moderated by|hosts?|"
                       r"hosted by|panelists?|instructors?|authors?)\s*:\s*(?P<who>[^\n:<]{3,120}?)\s*(?=<|\(|$|\n|\b(?:contact|speaker)s?\s*:)",
                       re.I | re.M)


def _labelled(text: str, rules: Rules, ctx: Context) -> list[str]:
    """"Speaker: Jane Doe", "Contact: Dru Lavigne <dru@example.org>" (names may wrap)."""
    flat = re.sub(r"\s+", " ", text)
    out = []
    for m in _LABELLED.finditer(flat):
        who = people_of(m.group("who"), rules, ctx.known)
        if who:
            out += who[0]
    return out


def _names_in(unit: Unit, doc, rules: Rules, ctx: Context, emphasis: tuple[str, ...]) -> list[str]:
    """Names a unit gives as names: after a label, on links, marked, or found by spaCy beside talk words."""
    names: list[str] = _labelled(unit.text, rules, ctx)
    for s in unit.links:
        name = clean_name(re.sub(r"\([^)]*\)", "", s.text))
        if looks_like_person(name, rules) and name not in ctx.not_people:
            names.append(name)
    for e in emphasis:
        e = clean_name(e)
        if (looks_like_person(e, rules) and e not in ctx.not_people) or e in ctx.known:
            names.append(e)
        elif (who := people_of(e, rules, ctx.known, ctx.not_people)) and who[0]:
            names += who[0]                # "*Olga Brandt, Northwind*"
    if not names and len(unit.text) <= 120 and (who := people_of(unit.text, rules, ctx.known, ctx.not_people)):
        names += who[0]                    # a line that is only the speakers: "Olga Brandt (Northwind)"
    if not names and _TALK_WORDS.search(unit.text[:600]):
        for ent in getattr(doc, "ents", ()):
            if ent.label_ == "PERSON" and ent.start_char < 600:
                name = clean_name(re.sub(r"['’]s$", "", ent.text))
                if looks_like_person(name, rules):
                    names.append(name)
    return list(dict.fromkeys(names))


def section_people(units: list[Unit], docs: list, rules: Rules, ctx: Context,
                   emphasis: list[tuple[str, ...]]) -> tuple[list[str], list[tuple[str, str]], int]:
    """The speakers a heading's section names: in the prose just before its first
    player or recording, else in its first paragraph, else beside talk words."""
    order: list[int] = []
    for k, unit in enumerate(units):
        if any(L.url_kind(L.absolute(s.link.url), rules) == "video" for s in unit.links) and k > 0:
            order.append(k - 1)
            break
    order += [k for k in range(min(2, len(units)))]
    order += [k for k, u in enumerate(units) if _TALK_WORDS.search(u.text[:600])]
    for k in dict.fromkeys(order):
        unit = units[k]
        if unit.kind not in ("paragraph", "list_item", "quote"):
            continue
        names = _names_in(unit, docs[k] if k < len(docs) else None, rules, ctx, emphasis[k])
        if names:
            found = people_of(", ".join(names), rules, ctx.known, ctx.not_people)
            return names, (found[1] if found else []), unit.line
    return [], [], 0


def section_resources(units: list[Unit], rules: Rules) -> list[L.ResourceRef]:
    out = []
    for unit in units:
        for s in unit.links:
            url = L.absolute(s.link.url)
            if L.is_noise(s.text, url, unit.section, rules):
                continue
            kind = L.resource_kind(s.text, url, rules)
            if looks_like_person(s.text, rules):
                continue
            if kind in ("slides", "video", "schedule") or (kind == "code" and rules.compiled("code_word").search(unit.text)):
                out.append(L.ResourceRef(s.text, url, kind, s.link.line))
    out = _dedup(out)
    if len([r for r in out if r.kind == "schedule"]) > 1:      # a section linking several talks' pages
        out = [r for r in out if r.kind != "schedule"]
    return out


def from_section(heading: Unit, body: list[Unit], docs: list, rules: Rules, ctx: Context,
                 emphasis: list[tuple[str, ...]]) -> list[TalkFound]:
    """A heading that names one talk, with its speaker in the prose below and its
    players and recordings in the section."""
    own = from_unit_parts(heading, rules, Context(ctx.known, False, ctx.emphasis, ctx.not_people), rule="heading")
    resources = section_resources(body, rules)
    if own and own[0].speakers:
        talk = own[0]
        talk.resources = _dedup(talk.resources + resources)
        return [talk]
    if heading.text.rstrip().endswith(":"):
        return []                          # "Attending:": a label over a list, not a talk
    title = clean_title(re.sub(r"\s*\{[^{}]*\}\s*$", "", heading.text))
    if never_title(title, rules) or not is_title_like(title, rules, strong=True, name_shaped=True) \
            or len(title.split()) > 16 or title in ctx.known:
        return []
    names, affs, line = section_people(body, docs, rules, ctx, emphasis)
    if not names and ctx.heirs:
        names = list(ctx.heirs)
    if title in names or (not names and not is_title_like(title, rules, strong=True)):
        return []
    if not names and not ctx.listed and not any(r.kind != "schedule" for r in resources):
        return []
    if not names and not ctx.cue:
        return []
    conf = 0.75 if names else 0.55
    why = "speaker" if names else "resource"
    return [TalkFound(title, heading.line, heading.flat(), f"heading-section-{why}", conf, names, affs, resources,
                      block=heading.block)]
