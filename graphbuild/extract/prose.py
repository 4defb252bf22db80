"""Talks in narrative prose: "X's talk, [Title]", "I gave my talk, [Title]",
"Andrew Honig's [Title] talk", "[Title] by X", "X's KVM Keynote"."""
from __future__ import annotations

import re

from graphbuild.extract import links as L
from graphbuild.extract.config import Rules
from graphbuild.extract.events import find_events
from graphbuild.extract.names import clean_name, looks_like_person
from graphbuild.extract.talks import TalkFound, _around, _title_link, clean_title, split_title_speakers
from graphbuild.extract.units import Span, Unit
from graphbuild.types import Link

NAME = r"(?P<who>(?:Dr\.?[ \t]+)?(?:[A-Z][\w'’.-]*[ \t]+(?:(?:van|von|der|de|da|di|le|la)[ \t]+)?){0,3}[A-Z][\w'’-]+)"
AT_EVENT = re.compile(r"^[^.;:!?]{0,40}?\bat\s+(?:the\s+)?(?P<ev>[A-Z][\w.+-]*(?:[ \t]+(?:[A-Z0-9][\w.+-]*|of|and|&)){0,4})")
KIND = r"(?P<kind>lightning talk|keynote|talk|presentation|session|workshop|tutorial|panel|demo)"
KIND2 = KIND.replace("?P<kind>", "?P<kind2>")
MY = re.compile(rf"\b(?:(?:I|we)\s+(?:gave|presented|delivered|did|had|held|ran)\s+(?:my|our|a|an)\s+(?:\w+\s+)?{KIND}|\bmy\s+(?:[\w.+-]+\s+){{0,3}}{KIND2})s?\W*(?:on|about|titled|called|entitled)?\W*$", re.I)
POSS_BEFORE = re.compile(rf"{NAME}['’]s?\s+(?:[\w-]+\s+){{0,2}}{KIND}s?\W*(?:on|about|titled|called|entitled)?\W*$")
POSS_ADJ = re.compile(rf"{NAME}['’]s\s*$")
KIND_AFTER = re.compile(rf"^\W*{KIND}\b", re.I)
BY_AFTER = re.compile(rf"^\s*(?:\([^)]*\)\s*)?[,-]?\s*(?:(?:a|the)\s+)?(?:{KIND}\s+)?(?:presented\s+|given\s+)?by\s+{NAME}")
GAVE = re.compile(rf"{NAME}\s+(?:gave|presented|delivered|will\s+(?:be\s+)?(?:give|giving|present|presenting|deliver|delivering)|is\s+(?:giving|presenting))\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+)?(?:{KIND}\s*)?(?:on|about|titled|called|entitled|,|:)?\s*$")
KEYNOTE_POSS = re.compile(rf"{NAME}['’]s\s+(?P<title>(?:[A-Z][\w.+-]*\s+){{1,3}})(?P<kind>[Kk]eynote)\b")
KEYNOTE_BY = re.compile(rf"\bthe\s+(?P<title>(?:[A-Z][\w.+-]*\s+){{1,3}})(?P<kind>keynote)\s+by\s+{NAME}")


def _person(name: str, rules: Rules, known_first: set[str]) -> str | None:
    name = clean_name(name)
    words = name.split()
    while words and words[0] in ("The", "A", "An", "Then", "After", "Later", "Thursday", "Wednesday", "Tuesday",
                                 "Monday", "Friday", "Also", "And", "Next", "Finally", "Attended", "Saw"):
        words = words[1:]
    name = " ".join(words)
    if looks_like_person(name, rules):
        return name
    if len(words) == 1 and words[0] in known_first:
        return name
    return None


_QUOTED = re.compile(r"[\"“]([A-Z0-9][^\"“”\n]{8,150}?)[\"”]")


def quoted_titles(sent: Unit) -> list[Span]:
    """Quoted titles outside links: John presented "Managing Systems with Foreman"."""
    out = []
    for m in _QUOTED.finditer(sent.text):
        if len(m.group(1).split()) < 2 or any(s.start <= m.start() < s.end for s in sent.links):
            continue
        out.append(Span(m.start(), m.end(), Link(m.group(1), "", sent.line_at(m.start()), sent.block)))
    return out


def marked_titles(sent: Unit) -> list[Span]:
    """Titles set in italics or bold outside links: "my talk (*Scaling Widgets*)"."""
    out = []
    for e in (sent.base.emphasis if sent.base is not None else ()):
        pos = sent.text.find(e)
        if pos < 0 or len(e.split()) < 2 or any(s.start <= pos < s.end for s in sent.links):
            continue
        out.append(Span(pos, pos + len(e), Link(e, "", sent.line_at(pos), sent.block)))
    return out


def from_sentence(sent: Unit, rules: Rules, *, author: str | None, known_first: set[str]) -> list[TalkFound]:
    text = sent.text
    found: list[TalkFound] = []
    for span in [*sent.links, *quoted_titles(sent), *marked_titles(sent)]:
        quoted = not span.link.url
        if not quoted and not _title_link(span, rules, sent.section):
            continue
        left, right = text[max(0, span.start - 120):span.start], text[span.end:span.end + 120]
        speakers, rule, kind = [], "", "talk"
        m = MY.search(left)
        mine = bool(m)                     # the writer's own talk, even when the report names no author
        if m:
            speakers, rule = ([author] if author else []), "prose-my-talk"
            kind = (m.group("kind") or m.group("kind2") or "talk").lower()
        if not speakers:
            m = POSS_BEFORE.search(left)
            if m:
                who = _person(m.group("who"), rules, known_first)
                if who:
                    speakers, rule, kind = [who], "prose-possessive-talk", m.group("kind").lower()
        if not speakers:
            m, k = POSS_ADJ.search(left), KIND_AFTER.match(right)
            if m and k:
                who = _person(m.group("who"), rules, known_first)
                if who:
                    speakers, rule, kind = [who], "prose-possessive-title-talk", k.group("kind").lower()
        if not speakers:
            m = BY_AFTER.match(right)
            if m:
                who = _person(m.group("who"), rules, known_first)
                if who:
                    speakers, rule = [who], "prose-title-by"
                    pos = m.end()
                    while (more := _AND_NAME.match(right, pos)) and looks_like_person(more.group("name"), rules):
                        speakers.append(more.group("name"))        # "by A and B"
                        pos = more.end()
        if not speakers:
            m = GAVE.search(left)
            if m:
                who = _person(m.group("who"), rules, known_first)
                if who:
                    speakers, rule = [who], "prose-gave-talk"
        title = clean_title(span.text)
        if not speakers and not mine:
            title, speakers, _ = split_title_speakers(title, rules)
            rule = "prose-title-dash-speaker"
            if not speakers:
                continue
        url = L.absolute(span.link.url)
        resources = [L.ResourceRef(span.text, url, L.resource_kind(span.text, url, rules), span.link.line)] if url else []
        talk = TalkFound(title, span.link.line, _around(sent.flat(), span.start), rule + ("-quoted" if quoted else ""),
                         0.7 if quoted else 0.8, speakers, [], resources, kind=kind, block=sent.block)
        talk.event_hint = _around(text, span.start, 300)
        m = AT_EVENT.match(text[span.end:span.end + 200])
        if m:
            talk.event_name = m.group("ev").rstrip(" .,")
        found.append(talk)
    for rx in (KEYNOTE_POSS, KEYNOTE_BY):
        for m in rx.finditer(text):
            if any(s.start <= m.start("title") < s.end for s in sent.links):
                continue
            who = _person(m.group("who"), rules, known_first)
            if not who:
                continue
            title = f"{m.group('title').strip()} {m.group('kind')}"
            resources = []
            for span in sent.links:
                url = L.absolute(span.link.url)
                if span.start >= m.end() and L.text_kind(span.text, rules) and \
                        not L.is_noise(span.text, url, sent.section, rules):
                    resources.append(L.ResourceRef(span.text, url, L.resource_kind(span.text, url, rules), span.link.line))
            found.append(TalkFound(title, sent.line_at(m.start()), sent.flat(), "prose-keynote", 0.7, [who], [],
                                   resources, kind="keynote", block=sent.block,
                                   event_hint=_around(text, m.start(), 300)))
    return found


def trailing_resources(sent: Unit, rules: Rules, used: set[int]) -> list[L.ResourceRef]:
    """Slides, videos and code linked in a sentence that names no talk of its own."""
    out = []
    for span in sent.links:
        if id(span.link) in used:
            continue
        url = L.absolute(span.link.url)
        if L.is_noise(span.text, url, sent.section, rules):
            continue
        by_text = L.text_kind(span.text, rules)
        by_url = L.url_kind(url, rules)
        label = L.text_kind(sent.text[:span.start].strip(" \t*_-:|"), rules) if span.start <= 40 else None
        if label in ("slides", "video", "code") and L.is_page(url):      # "Slides: https://..."
            out.append(L.ResourceRef(span.text, url, label, span.link.line))
            continue
        words = rules.compiled("resource_word_any").search(span.text)
        if by_text in ("slides", "video", "code") or (by_url in ("slides", "video") and (words or by_text)) \
                or (by_url in ("slides", "video") and re.search(r"\b(slides?|video|recording|pdf)\b", sent.text, re.I)):
            out.append(L.ResourceRef(span.text, url, by_text if by_text in ("slides", "video", "code") else (by_url or "other"),
                        span.link.line))
    return out


_TALK_CUE = re.compile(r"\b(?:talks?|sessions?|keynotes?|presentations?|demos?|workshops?|panels?|tutorials?|"
                       r"lightning|presented|presents|spoke|speaks|showcas\w+|demonstrat\w+)\b", re.I)
_TALK_PHRASE = re.compile(rf"^(?:(?:(?:his|her|their|our|my|the|this|that|these|those|all|some|many|every|several|a|an)\b.{{0,40}}\b"
                          rf"(?:{KIND}|schedule|agenda|program|programme|slides|videos?|recordings?)s?\W*$)|\w+ly\b|(?:his|her|their|our|my|all)\s)",
                          re.I)
_AND_NAME = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?P<name>[A-Z][^\W\d_'’-]+(?:[ \t]+[A-Z][^\W\d_'’-]+){1,2})")
_VERB = re.compile(r"^[\s*_]*(?:(?:also|then|later|first|will|would|is|was|has)\s+)*(?:be\s+)?"
                   r"(?:give|giving|gave|present|presenting|presented|talk|talking|talked|speak|speaking|spoke|"
                   r"deliver|delivering|delivered|lead|leading|led|run|running|ran|host|hosting|hosted|teach|teaching|"
                   r"taught|demo|demoing|demoed|share|sharing|shared)\b", re.I)
_AFTER_WHO = re.compile(r"^\W{0,3}(?:(?:presented|given|led|hosted|delivered)\s+)?(?:by|from|with)\s+$", re.I)


def linked_talks(sent: Unit, rules: Rules, persons: list[tuple[int, int, str]], *, talky: bool = False) -> list[TalkFound]:
    """A recording, slides or schedule link in a sentence about a talk: "a session on
    [architecting ambient for scale](video) from John Howard", "Mitch Connors did
    [a live demo of X](video)". Speakers are the names nearest the link in its clause;
    ``persons`` are (start, end, name) in the sentence's own offsets; under a heading or
    lead-in about talks (``talky``) the sentence needs no word of its own about a talk."""
    text = sent.text
    if not (talky or _TALK_CUE.search(text)):
        return []
    found: list[TalkFound] = []
    spans = sorted(sent.links, key=lambda s: s.start)
    for n, span in enumerate(spans):
        url = L.absolute(span.link.url)
        if L.is_noise(span.text, url, sent.section, rules) or L.url_kind(url, rules) not in ("video", "slides", "schedule"):
            continue
        title = clean_title(span.text)
        if _TALK_PHRASE.match(title) or (title[:1].islower() and len(title.split()) < 3):
            continue           # "his FOSDEM talk", "all the talks": a talk named, not its title
        if L.text_kind(title, rules) or len(title.split()) < 2 or looks_like_person(title, rules) \
                or re.match(r"^(?:here|this|that|it|the (?:video|recording|slides|talk|session))\b", title, re.I):
            continue
        lo = spans[n - 1].end if n else 0
        hi = spans[n + 1].start if n + 1 < len(spans) else len(text)
        inside = [p for p in persons if span.start <= p[0] and p[1] <= span.end
                  and re.search(r"\b(?:by|from|with|and)\s+$|,\s*$", text[span.start:p[0]])]
        after = [p for p in persons if span.end <= p[0] < min(hi, span.end + 80)
                 and re.match(r"^[\s,]*(?:(?:presented|given|led|hosted)\s+)?(?:by|from|with)?[\s,]*(?:the\s+[\w\s]{0,30}?)?$",
                              text[span.end:p[0]], re.I)]
        before = [p for p in persons if max(lo, span.start - 120) <= p[0] and p[1] <= span.start
                  and not re.search(r"[.;]", text[p[1]:span.start])]
        who = inside or after or before
        cue = _TALK_CUE.search(text[max(lo, span.start - 80):min(hi, span.end + 40)])
        named_inside = any(span.start <= p[0] < span.end for p in persons)
        if title[:1].islower() and any(0 <= span.start - p[1] <= 1 for p in persons):
            continue           # "Carrie Anne [painted an interesting picture](video)": the link is the verb's
        if any(p[0] == span.start for p in persons) and re.search(r"\b(?:about|on)\b", title) and \
                not re.search(r"[:|–—]|\s-\s", title):
            continue           # "[Patrick talked about CephFS](video)": a sentence in the link, not a title
        if not (who or cue or (talky and not named_inside and _phrase_named(title, rules))):
            continue           # under a talks heading, a linked phrase is a talk; "the full list of events" is not
        names = list(dict.fromkeys(p[2] for p in who))
        if who:          # "A and B", "A, B and C": the names joined to the last one found
            pos = who[-1][1]
            while (m := _AND_NAME.match(text, pos)) and looks_like_person(m.group("name"), rules):
                names.append(m.group("name"))
                pos = m.end()
        talk = TalkFound(title, span.link.line, _around(sent.flat(), span.start), "prose-linked-talk",
                         0.65 if names else 0.5, names, [], [(span.text, url, L.resource_kind(span.text, url, rules),
                                                             span.link.line)], block=sent.block)
        talk.event_hint = _around(text, span.start, 300)
        found.append(talk)
    return found


def _phrase_named(title: str, rules: Rules) -> bool:
    """A linked phrase that can name a talk on its own: not "the full list of events", "in his
    podcast", nor a sentence ("full schedule is on sched.org"), nor an event's name."""
    if re.match(r"(?:the|a|an|our|this|these|all|full|in|on|at|his|her|their|my|your)\s", title, re.I) or \
            re.match(r"[a-z]\w*ed\s", title):      # "painted an interesting picture": a verb's phrase
        return False
    return not re.search(r"\b(?:is|are|was|were|will)\b", title) and not find_events(title, rules)


_KIND_ONLY = re.compile(rf"^\W*(?:(?:a|an|the|his|her|their|our|my)\s+)?(?:\w+\s+)?{KIND}s?\W*$", re.I)


def subject_talks(sent: Unit, rules: Rules, persons: list[tuple[int, int, str]],
                  marked: tuple[str, ...] = ()) -> list[TalkFound]:
    """"**Jane Doe**, Engineer, will talk about [**Title**](schedule) on Monday": the
    sentence's subject is the speaker, a verb of speaking follows, and the title is the
    linked, bold or quoted span after it."""
    text = sent.text
    lead = len(text) - len(text.lstrip(" *_\"“"))
    subject = [p for p in persons if p[0] <= lead + 1]
    if not subject:
        return []
    names = [subject[0][2]]
    pos = subject[0][1]
    while (m := _AND_NAME.match(text, pos)) and looks_like_person(m.group("name"), rules):
        names.append(m.group("name"))
        pos = m.end()
    rest = text[pos:pos + 160]
    appos = re.match(r"^[*_\s]*,[^,]{1,70},", rest)
    offset = pos + (appos.end() if appos else 0)
    verb = _VERB.match(text[offset:offset + 60])
    if not verb:
        return []
    after = offset + verb.end()
    spans: list[tuple[int, int, str, str, int]] = []      # (rank, start, text, url, line)
    for s in sent.links:
        if s.start < after:
            continue
        url = L.absolute(s.link.url)
        if L.is_noise(s.text, url, sent.section, rules):
            continue
        is_marked = any(s.text.strip(" *_") == e.strip() for e in marked)
        kind = L.url_kind(url, rules)
        spans.append((3 if is_marked else (2 if kind in ("schedule", "video", "slides") else 0), s.start, s.text, url, s.link.line))
    for e in marked:
        i = text.find(e, after)
        if i >= 0 and not any(sp[1] <= i < sp[1] + len(sp[2]) for sp in spans):
            spans.append((1, i, e, "", sent.line_at(i)))
    for m in _QUOTED.finditer(text, after):
        spans.append((1, m.start(1), m.group(1), "", sent.line_at(m.start())))
    good = [sp for sp in spans if not _KIND_ONLY.match(sp[2]) and len(sp[2].split()) >= 1
            and not looks_like_person(sp[2], rules) and not L.text_kind(sp[2], rules)
            and (sp[0] >= 1 or len(sp[2].split()) >= 3)]
    if not good:
        return []
    rank, start, title, url, line = max(good, key=lambda sp: (sp[0], -sp[1]))
    resources = [L.ResourceRef(title, url, L.resource_kind(title, url, rules), line)] if url and L.is_page(url) else []
    for s in sent.links:
        u = L.absolute(s.link.url)
        if u != url and L.url_kind(u, rules) in ("schedule", "video", "slides") and _KIND_ONLY.match(s.text) \
                and not L.is_noise(s.text, u, sent.section, rules):
            resources.append(L.ResourceRef(s.text, u, L.url_kind(u, rules), s.link.line))
    talk = TalkFound(clean_title(title), line, _around(sent.flat(), start), "prose-subject-talk", 0.7, names, [],
                     resources, block=sent.block)
    talk.event_hint = _around(text, start, 300)
    return [talk]
