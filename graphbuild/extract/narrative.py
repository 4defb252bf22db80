"""Talks told in running prose, clause by clause, with a person as the subject:
"Robby Findler demoed DrRacket with online syntax checking; Ryan Culpepper taught us
how to make Rackety libraries", "In the day 1 keynote, Joe Savona shared ...", "Danny
Yoo blogged about his talk about Whalesong", "Matthew Flatt consulted his magic 8-ball
about the future of Racket". The title of a talk named by its subject is the subject
phrase as a reader writes it ("future of Racket"); a talk named by its kind ("the day 1
keynote") is that name, and a later "the keynote" in the same section is the same talk."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.extract import links as L
from graphbuild.extract.config import Rules
from graphbuild.extract.events import find_events
from graphbuild.extract.names import looks_like_person
from graphbuild.extract.parts import described_title, is_profile
from graphbuild.extract.prose import quoted_titles
from graphbuild.extract.talks import TalkFound, _around, clean_title
from graphbuild.extract.units import Unit

_KINDS = r"lightning talk|keynote|talk|session|presentation|workshop|panel|tutorial"
# "the day 1 keynote", "the opening keynote", "the keynote": a talk named by its kind
KIND_PHRASE = re.compile(rf"\b(?:the|his|her|their|this)\s+(?P<qual>(?:[\w-]+\s+){{0,3}}?)(?P<kind>{_KINDS})\b(?!-)", re.I)
# a qualifier that names a slot of the program, not an opinion of the talk
_SLOT = re.compile(r"^(?:(?:day|track|room|part)\s+\w+|\d+\w*|opening|closing|morning|afternoon|evening|"
                   r"main|plenary|welcome|[A-Z][\w.+-]*)$")
# "his talk about X", "Jane's keynote on X": the talk's subject follows
POSS_KIND = re.compile(rf"(?:['’]s|\b(?:his|her|their))\s+(?:[\w-]+\s+){{0,2}}?(?:{_KINDS})\s+"
                       rf"(?:about|on|titled|called|entitled)\s+", re.I)
# "his magic 8-ball about the future of Racket": the subject after "about"
_POSS_ABOUT = re.compile(r"^(?:his|her|their|its|our|my)\s+(?:[\w-]+\s+){0,3}?(?:about|on)\s+(?P<rest>\S.*)$", re.I)
_DET = re.compile(r"^(?:the|a|an|his|her|their|its|our|my)\s+", re.I)
_AND_NAME = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")
_APPOSITION = re.compile(r"[*_\s]*(?:\([^()]{1,60}\)|,[^,;]{1,70},)")
_LEAD_IN = re.compile(r"^[\W_]{0,12}(?:[^,;]{1,60},\s*){0,2}[\W_]{0,12}$")
# "taught us how to ...": the audience before the subject
_AUDIENCE = re.compile(r"^(?:us|you|the audience|attendees|everyone|everybody)\s+(?=(?:how|why|what)\b)", re.I)
# "slides on X", "a talk titled X": the talk's subject after the talk named
_TALK_OF = re.compile(rf"^(?:(?:his|her|their|the|a|an)\s+)?(?:[\w-]+\s+){{0,3}}?(?:slides|{_KINDS}|overview|demo)\s+"
                      r"(?:on|about|of|titled|called|entitled)\s+", re.I)
_AT = re.compile(r"\s+(?:at|during)\s+(?:the\s+)?(?=[A-Z])")
_TALK_PAGES = ("video", "slides", "schedule")
_ABOUT = re.compile(r"^(?:about|of|on|regarding)\s+", re.I)
_WH = re.compile(r"^(?:how|why|what|when|which)\b", re.I)
_AUX = re.compile(r"\s+(?:is|are|was|were|will|would|can|could|should|has|have|had)\s+.*$", re.I)
_WHOLE = re.compile(r"^(?:full|whole|entire|complete)\s+", re.I)
_WATCH = re.compile(r"\b(?:watch|see|view|here|recording|video|slides)\b", re.I)
_BY_BEFORE = re.compile(rf"\b(?:(?:{_KINDS})s?|one|another)\b[^.;:]{{0,40}}?\bby\s+[*_]*$", re.I)
_ON_AFTER = re.compile(r"[*_]{0,3}\s{0,3}(?:\([^()]{1,60}\)\s{0,3})?,?\s{0,3}(?:on|about)\s{1,3}")
_HANDLE = re.compile(r"@[\w.-]{2,30}")


@dataclass
class Narrative:
    """What a report's narrative has named so far: the talk last named by its kind,
    per section ("the day 1 keynote" ... "next in the keynote")."""
    named: dict[tuple[str, str], str] = field(default_factory=dict)


def told_before(c, blocks, i: int, speakers: list[str]) -> bool:
    """A speaker who already has a talk in block ``i``'s section (its heading's talk, a
    talk named by title): "Liz then demonstrated how to ..." tells more of that talk."""
    first = next((j for j in range(i, -1, -1) if blocks[j].kind == "heading"), None)
    last = next((j for j in range(i + 1, len(blocks)) if blocks[j].kind == "heading"), None)
    lo = blocks[first].line if first is not None else 0
    hi = blocks[last].line if last is not None else 1 << 30
    wanted = {s.casefold() for s in speakers}
    for key in c.keys("Person"):
        if c.get(key).name.casefold() not in wanted:
            continue
        for rel in c.relations_of(key):
            if rel[0] == "PRESENTED" and c.has(rel[2]) and any(lo <= e.line < hi for e in c.get(rel[2]).evidence):
                return True
    return False


def first_names(known: frozenset[str]) -> dict[str, str]:
    """First names that stand for one person the report named in full ("" where two share one)."""
    by_first: dict[str, set[str]] = {}
    for name in known:
        words = name.split()
        if len(words) >= 2:
            by_first.setdefault(words[0], set()).add(name)
    return {first: next(iter(full)) if len(full) == 1 else "" for first, full in by_first.items()}


def clause_talks(sent: Unit, rules: Rules, persons: list[tuple[int, int, str]], state: Narrative, *,
                 talky: bool, short_names: dict[str, str]) -> list[TalkFound]:
    """Talks of one sentence, one per clause whose subject is a person and whose verb
    says the person gave a talk. ``persons`` are (start, end, name) in the sentence's
    offsets; ``talky`` says the block is about talks (a weak verb such as "explained"
    then tells a talk too)."""
    text = sent.text
    named = {p[0] for p in persons}
    persons = sorted(persons + [(s.start, s.end, " ".join(s.text.split())) for s in sent.links     # [Name](profile)
                                if s.start not in named and is_profile(s.link.url, rules)
                                and looks_like_person(" ".join(s.text.split()), rules)])
    persons = [(a, b - 2, n[:-2]) if n.endswith(("'s", "’s")) else (a, b, n)      # "Hana Novak's talk"
               for a, b, n in persons if _a_name(n, rules)]
    for _, _, name in persons:          # "Nicola" after "Nicola Corti": the same person
        words = name.split()
        if len(words) >= 2 and short_names.setdefault(words[0], name) != name:
            short_names[words[0]] = ""      # two people of that first name: neither
    found: list[tuple[TalkFound, bool]] = []
    start = 0
    for piece in re.split(r"(;)", text):
        if piece != ";":
            t = _clause(sent, rules, start, start + len(piece), persons, state, short_names)
            found += [t] if t else _by_on(sent, rules, start, start + len(piece), persons)
        start += len(piece)
    has_media = any(L.url_kind(L.absolute(s.link.url), rules) in ("video", "slides") for s in sent.links)
    # a weak verb tells a talk in a talk context, or where the sentence tells several
    return [t for t, strong in found if strong or talky or has_media or len(found) >= 2]


def _a_name(name: str, rules: Rules) -> bool:
    """"After Ohad", "Some Foreman-related": a sentence's first words, not a name."""
    first = name.split()[0].casefold() if name.split() else ""
    return bool(first) and first[0].isalnum() and first not in rules.compiled("narrative_not_openers") \
        and not rules.compiled("narrative_quantifier").match(first + " ")


def _by_on(sent: Unit, rules: Rules, a: int, b: int, persons) -> list[tuple[TalkFound, bool]]:
    """"a round of lightning talks, one by Jane Doe on caching widgets": a talk named by its
    kind, its speaker after "by" and its subject after "on" or "about"."""
    text = sent.text
    out = []
    for n, (p0, p1, name) in enumerate(persons):
        if not (a <= p0 < b) or not _BY_BEFORE.search(text[max(a, p0 - 60):p0]):
            continue
        names, pos = [name], p1
        for q0, q1, other in persons[n + 1:]:
            if not _AND_NAME.fullmatch(text[pos:q0]):
                break
            names.append(other)
            pos = q1
        m = _ON_AFTER.match(text, pos, b)
        title = _object(described_title("talked about " + text[m.end():b], rules), rules) if m else ""
        if title:
            out.append((TalkFound(title, sent.line_at(p0), _around(sent.flat(), p0), "prose-narrative", 0.65, names, [],
                                  [], block=sent.block, event_hint=_around(text, p0, 300)), True))
    return out


def _subject(text: str, a: int, b: int, persons, short_names: dict[str, str]) -> tuple[list[str], int, str] | None:
    """The clause's subject: names at its start, after at most a lead-in phrase and a comma."""
    inside = [p for p in persons if a <= p[0] < b]
    if inside and _LEAD_IN.match(text[a:inside[0][0]]):
        names, pos = [inside[0][2]], inside[0][1]
        for p in inside[1:]:
            if _AND_NAME.fullmatch(text[pos:p[0]]):
                names.append(p[2])
                pos = p[1]
            else:
                break
        return names, pos, text[a:inside[0][0]]
    m = re.match(r"^([\W_]{0,12}(?:[^,;]{1,60},\s*)?[\W_]{0,12})(@[\w.-]{2,30}|[A-Z][\w'’-]+)(?![\w'’-])", text[a:min(b, a + 200)])
    if m and not (inside and inside[0][0] < a + m.end()):
        word = m.group(2)
        if short_names.get(word):
            return [short_names[word]], a + m.end(), m.group(1)
        if _HANDLE.fullmatch(word) and not re.match(r"\s*\(", text[a + m.end():]):
            return [word], a + m.end(), m.group(1)
    return None


def _clause(sent: Unit, rules: Rules, a: int, b: int, persons, state: Narrative,
            short_names: dict[str, str]) -> tuple[TalkFound, bool] | None:
    text = sent.text
    subject = _subject(text, a, b, persons, short_names)
    if not subject:
        return _seen(sent, rules, a, b, state)
    names, pos, lead = subject
    app = _APPOSITION.match(text, pos, b)
    if app:
        pos = app.end()
    rest = text[pos:b]
    page = None
    named = _kind_named(lead, state, sent.section)
    strong = True
    if not named:
        m = rules.compiled("narrative_kind_verb").match(rest)
        k = KIND_PHRASE.match(rest, m.end()) if m else None
        named = _kind_named(k.group(0), state, sent.section) if k else ""
    if named:
        if not rules.compiled("talk_verb").match(rest) and not rules.compiled("narrative_kind_verb").match(rest):
            return None
        title, kind = named
    else:
        m = POSS_KIND.search(rest[:80])
        if m and not re.search(r"[.;:!?]", rest[:m.start()]):
            title = _object(described_title("talked about " + rest[m.end():], rules), rules)
            if not title and re.match(r"\S+", rest[m.end():]):      # "his talk about [Whalesong](url)"
                title = clean_title(re.split(r"[,.;:()]", rest[m.end():])[0])
        else:
            said = described_title(rest, rules)
            said, page = _from_link(said, sent, pos, b, rules) if _object(said, rules) else ("", None)
            title = _object(said, rules)
            strong = bool(rules.compiled("narrative_strong").match(rest))
        if not title:
            return None
        kind = "talk"
    resources = []
    for s in sent.links:
        url = L.absolute(s.link.url)
        if a <= s.start < b and L.url_kind(url, rules) in _TALK_PAGES and L.is_page(url) \
                and not L.is_noise(s.text, url, sent.section, rules):
            resources.append(L.ResourceRef(s.text, url, L.url_kind(url, rules), s.link.line))
    event_name = ""
    at = _AT.search(title)
    if at and not named:          # "... build server at Virt Summit 2014": the talk's event, not its title
        title, event_name = title[:at.start()], title[at.end():]
        event_name = event_name if find_events(event_name, rules) else ""
    if page and L.is_page(page.url) and page.url not in {r.url for r in resources}:
        resources.append(page)
    rule = "prose-narrative-kind" if named else "prose-narrative"
    talk = TalkFound(title, sent.line_at(pos), _around(sent.flat(), pos), rule, 0.65 if strong else 0.6,
                     list(dict.fromkeys(names)), [], resources, kind=kind, block=sent.block,
                     event_hint=_around(text, pos, 300), event_name=event_name)
    return talk, strong


def _from_link(said: str, sent: Unit, a: int, b: int, rules: Rules) -> tuple[str, L.ResourceRef | None]:
    """"presented how in the future we could introduce [operating contexts](talk page) in
    Airflow": the talk is named from its linked words on."""
    for s in sent.links:
        k = said.find(s.text)
        url = L.absolute(s.link.url)
        if a <= s.start < b and k > 0 and not is_profile(url, rules) and \
                (L.url_kind(url, rules) in _TALK_PAGES or len(s.text.split()) >= 2):
            return said[k:], L.ResourceRef(s.text, url, L.resource_kind(s.text, url, rules), s.link.line)
    return said, None


def _seen(sent: Unit, rules: Rules, a: int, b: int, state: Narrative) -> tuple[TalkFound, bool] | None:
    """"Watch the full day 1 keynote here:": a talk named before, pointed at again with
    its recording in the clause or just below; a talk without new speakers."""
    text = sent.text[a:b]
    m = KIND_PHRASE.search(text)
    if not (m and _WATCH.search(text) and m.group("qual").strip()):
        return None
    named = _kind_named(m.group(0), state, sent.section, new=False)
    if not named:
        return None
    resources = [L.ResourceRef(s.text, L.absolute(s.link.url), L.url_kind(L.absolute(s.link.url), rules) or "other",
                               s.link.line) for s in sent.links
                 if a <= s.start < b and L.url_kind(L.absolute(s.link.url), rules) in ("video", "slides")]
    return TalkFound(named[0], sent.line_at(a), sent.flat(), "prose-narrative-kind", 0.6, [], [], resources,
                     kind=named[1], block=sent.block, event_hint=_around(sent.text, a, 300)), True


def _kind_named(phrase: str, state: Narrative, section: str, *, new: bool = True) -> tuple[str, str] | None:
    """"the day 1 keynote" -> ("Day 1 keynote", "keynote"); "the keynote" -> the one named before."""
    m = KIND_PHRASE.search(phrase or "")
    if not m:
        return None
    kind = m.group("kind").lower()
    qual = _WHOLE.sub("", m.group("qual").strip())
    if qual and _SLOT.match(qual):
        title = f"{qual[:1].upper()}{qual[1:]} {kind}"
        if not new:
            return (title, kind) if state.named.get((section, kind)) == title else None
        state.named[(section, kind)] = title
        return title, kind
    if not qual and (section, kind) in state.named:
        return state.named[(section, kind)], kind
    return None


def _object(title: str, rules: Rules) -> str:
    """A talk's subject from a verb's object: no quantifier or article before it, a noun
    phrase (not "that ...", "he ..."), and no aside ("a welcome message")."""
    title = clean_title(title)
    if not title:
        return ""
    title = _TALK_OF.sub("", _AUDIENCE.sub("", title))
    m = _POSS_ABOUT.match(title)
    if m:
        title = m.group("rest")
    for _ in range(2):
        title = rules.compiled("narrative_quantifier").sub("", title)
        title = _DET.sub("", _ABOUT.sub("", title))
    if not _WH.match(title):        # "Bluestore fragmentation is critical for ...": the noun phrase before the verb
        title = _AUX.split(title)[0]
    title = re.sub(r"\s+(?:that|which|who|where)$", "", title.strip(" .,:;\"“”'`"), flags=re.I)
    words = title.split()
    if len(words) < 2 or len(words) > 16 or words[0].casefold().strip("\"“'") in rules.compiled("narrative_not_openers"):
        return ""
    if rules.compiled("narrative_non_title").match(title) or looks_like_person(title, rules):
        return ""
    if re.search(r"\b(?:and|or|of|the|a|an|to|with|for|in|on)$", title, re.I):
        return ""
    return title


_BY = re.compile(r"[*_\"”’'\s]{0,6},?\s{0,3}(?:by|from)\s{1,3}[*_]{0,3}")
_ORG_AFTER = re.compile(r"[*_\s]*\((?P<org>[^()\n]{2,50})\)")


def titled_by(unit: Unit, found: list[TalkFound], emphasis: tuple[str, ...], rules: Rules,
              persons: list[tuple[int, int, str]]) -> list[TalkFound]:
    """"**La famille k0s — simplifier le multi-cluster**, by **Luc Juggery (Exoscale)**,
    presented ...": a list item that opens with its title set in bold or italics and names
    its speakers after "by". It is the item's talk; a talk read from the item's recording
    line without speakers is the same one (its title kept as an alias)."""
    if any(t.speakers for t in found) or len(found) > 1:
        return found
    text = unit.text
    lead = len(text) - len(text.lstrip(" *_\"“‘'"))
    title = next((e.strip() for e in emphasis if e.strip() and text.startswith(e.strip(), lead)), "")
    if not title or looks_like_person(title, rules):
        return found
    m = _BY.match(text, lead + len(title))
    after = [p for p in persons if m and p[0] >= m.end()]
    if not (m and after and after[0][0] <= m.end() + 2):
        return found
    speakers, affiliations, pos = [], [], m.end()
    for a, b, name in after:
        gap = text[pos:a]
        if (speakers and not re.fullmatch(r"[*_\s]*(?:,\s*(?:and\s+)?|and|&)[*_\s]*", gap)) or \
                (not speakers and gap.strip("*_ ")):
            break
        speakers.append(name)
        pos = b
        org = _ORG_AFTER.match(text, pos)
        if org:
            affiliations.append((name, org.group("org").strip()))
            pos = org.end()
    title = clean_title(title)
    old = found[0] if found else None
    talk = TalkFound(title, unit.line_at(lead), unit.flat()[:600], "list-item-title-by", 0.8, speakers, affiliations,
                     list(old.resources) if old else [], kind=old.kind if old else "talk", block=unit.block,
                     event_hint=old.event_hint if old else "", aliases=[old.title] if old and old.title != title else [])
    return [talk]


def recording_of(title: str, t: TalkFound) -> bool:
    """A line with only a recording or slides of a talk right after the talk's item, its
    title written out in full ("La famille k0s : une boîte à outils ..." after
    "La famille k0s — simplifier ..."): the same talk, when the titles open alike."""
    if t.speakers or not t.resources or not all(r.kind in ("video", "slides") for r in t.resources):
        return False
    mine, theirs = _words(title), _words(t.title)
    n = min(len(mine), len(theirs), 3)
    return n >= 2 and mine[:n] == theirs[:n]


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", text.casefold()).split()


# "The next talk was [Title]", "a session titled "Title"": a talk named, its speaker not yet
_NAMED_BEFORE = re.compile(rf"\b(?:{_KINDS})s?\b[^.;:!?]{{0,30}}?(?:\b(?:was|is|titled|called|entitled|on)\b|[:,])?\s*[\"“*_]*$",
                           re.I)
# "Its speaker, Jane Doe, ...", "Presented by Jane Doe": the next sentence names the speaker
_SPEAKER_LEAD = re.compile(r"[\W_]{0,12}(?:(?:its|the|our|their)\s+(?:speakers?|presenters?|hosts?)\s*,?\s*(?:(?:was|were|is|are)\s+)?"
                           r"|(?:presented|given|delivered|led|hosted)\s+by\s+|by\s+)[*_]*", re.I)


def speaker_next(prev: Unit, sent: Unit, rules: Rules, persons: list[tuple[int, int, str]]) -> list[TalkFound]:
    """"The next talk was [Title](url). Its speaker, Jane Doe, ...": a title named as a talk
    in one sentence, and the speaker at the start of the next one (after "Its speaker",
    "Presented by", or as the subject of a verb of speaking)."""
    spans = [s for s in [*prev.links, *quoted_titles(prev)] if _NAMED_BEFORE.search(prev.text[max(0, s.start - 60):s.start])
             and len(s.text.split()) >= 2 and not looks_like_person(s.text, rules)
             and not (s.link.url and L.is_noise(s.text, L.absolute(s.link.url), prev.section, rules))
             and not L.text_kind(s.text, rules)]
    if len(spans) != 1 or not persons:
        return []
    text = sent.text
    lead = _SPEAKER_LEAD.match(text)
    first = persons[0]
    if not (lead and first[0] <= lead.end() + 1):
        app = _APPOSITION.match(text, first[1])
        after = text[app.end() if app else first[1]:]
        if not (_LEAD_IN.match(text[:first[0]]) and rules.compiled("talk_verb").match(after)):
            return []
    if any(s.start >= first[1] and not is_profile(s.link.url, rules) for s in sent.links):
        return []             # "Marco talked about [Plasma 2](url)": a talk of its own
    names, pos = [first[2]], first[1]
    for a, b, name in persons[1:]:
        if not _AND_NAME.fullmatch(text[pos:a]):
            break
        names.append(name)
        pos = b
    span = spans[0]
    url = L.absolute(span.link.url) if span.link.url else ""
    resources = [L.ResourceRef(span.text, url, L.resource_kind(span.text, url, rules), span.link.line)] \
        if url and L.is_page(url) else []
    return [TalkFound(clean_title(span.text), span.link.line, f"{prev.flat()} {sent.flat()}"[:600], "prose-next-sentence",
                      0.65, names, [], resources, block=sent.block, event_hint=_around(prev.text, span.start, 300))]
