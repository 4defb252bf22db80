"""Talks in structured text: link lists, schedules and tables.

    * [Title](url) by A & B                       "by" lists
    A: [Title](url) ([MP4](url), [WEBM](url))     speaker first
    [Title](url) (A, B)                           speakers in brackets
    **9:05** [Title](url) (slides), Name (Org)    timed schedules
    13:45 - Title (Name, Org) - [Slides](url)     unlinked titles
    | Time | Talk | Speaker |                     tables
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from graphbuild.extract import links as L
from graphbuild.extract.config import Rules
from graphbuild.extract.events import find_events
from graphbuild.extract.names import looks_like_person, parse_people, split_people
from graphbuild.extract.parts import TIME, agenda_item, leading
from graphbuild.extract.units import Span, Unit

_TIME_CELL = re.compile(rf"^\s*{TIME}(?:\s*(?:[-–—]|to)\s*{TIME})?\s*(?:\(?[A-Z]{{2,4}}\)?)?\s*$", re.I)
_TIME_PREFIX = re.compile(
    rf"^\s*(?:[-*•]\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?{TIME}(?:\s*[-–—]\s*{TIME})?\s*(?:[-–—:,|]\s*)?")
_UNLINKED = re.compile(r"^(?P<title>[^()]{6,200}?)\s*[-–—]?\s*\((?P<people>[^()]{3,150})\)")
_BY = re.compile(r"^[\s,;:–—-]*(?:\((?:[^()]*)\)\s*)*(?:presented\s+)?by\s+(?P<who>.+)$", re.I)
_DASH = re.compile(r"^\s*[-–—,:]\s*(?P<who>[^\[\]]+)$")
TITLE_COLUMNS = re.compile(r"^(talk|title|session|topic|presentation|subject|what|abstract|description|details)s?\b", re.I)
SPEAKER_COLUMNS = re.compile(r"^(speakers?|presenters?|who|by|name|author|presented by|speaker\(s\))\b", re.I)
_URLISH = re.compile(r"^(?:https?://|www\.)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")
TALKY = re.compile(r"\b(talks?|presentations?|sessions?|schedule|agenda|program(me)?|keynotes?|slides|videos?|recordings?|lineup|speakers?)\b", re.I)


@dataclass
class TalkFound:
    title: str
    line: int
    text: str
    rule: str
    confidence: float
    speakers: list[str] = field(default_factory=list)
    affiliations: list[tuple[str, str]] = field(default_factory=list)
    resources: list[L.ResourceRef] = field(default_factory=list)
    kind: str = "talk"
    block: int = -1
    event_hint: str = ""   # text that may name the talk's event
    event_name: str = ""   # an event named only in the talk's sentence ("at Norwalk IO")
    aliases: list[str] = field(default_factory=list)   # the title as also written ("Keynote: X")


def _around(text: str, pos: int, width: int = 150) -> str:
    """The evidence text of a talk: its unit, or the part around it in a very long one."""
    return text if len(text) <= 2 * width else text[max(0, pos - width):pos + width]


def clean_title(title: str) -> str:
    title = " ".join(title.replace("\n", " ").split())
    title = re.sub(r"\.(?:odp|pdf|pptx?|key|mp4|webm)$", "", title, flags=re.I)
    title = _TIME_PREFIX.sub("", title, count=1) if _TIME_PREFIX.match(title) else title
    title = title.strip(" -–—:,;|*_\"“”")
    if title.endswith(".") and not title.endswith("..") and not re.search(r"\b[A-Z]\.$|\b(?:Inc|Ltd|etc|vs)\.$", title):
        title = title[:-1]
    title = re.sub(r"\s*\((?:slides|video|pdf|recording)[^)]*\)$", "", title, flags=re.I)
    return title


_TITLE_DASH_NAMES = re.compile(r"^(?P<title>.{6,}?)(?:\s+[-–—]\s+|\s*--\s*)(?P<who>[^-–—]+)$")


def split_title_speakers(title: str, rules: Rules) -> tuple[str, list[str], list[tuple[str, str]]]:
    """"Smart VM Scheduling - Martin Sivák" -> ("Smart VM Scheduling", ["Martin Sivák"], [])."""
    m = _TITLE_DASH_NAMES.match(title)
    if m:
        names, affs = parse_people(m.group("who"), rules)
        rest = re.sub(r"\([^()]*\)", " ", m.group("who"))
        parts = split_people(rest)
        if names and all(p in names or any(p == o for _, o in affs) for p in parts):
            return m.group("title").strip(), names, affs
    return title, [], []


def _title_link(span: Span, rules: Rules, section: str, after: str = "") -> bool:
    t = " ".join(span.text.split())
    if L.is_noise(t, span.link.url, section, rules) or L.text_kind(t, rules):
        return False
    if len(t) < 4 or _URLISH.match(t):
        return False
    if looks_like_person(t, rules) and not (_BY.match(after) or re.match(r"^\s*\([^()]*[A-Z]", after)):
        return False
    if len(re.findall(r"[^\W\d_]{3,}", t)) < 1 or re.fullmatch(r"[\d\s/:.-]+", t):
        return False              # dates and numbers
    events = find_events(t, rules)
    if events and events[0].start == 0 and events[0].end >= len(t) - 1:
        return False
    return True


def _resources(unit: Unit, spans: list[Span], rules: Rules) -> list[L.ResourceRef]:
    out = []
    for s in spans:
        url = L.absolute(s.link.url)
        if L.is_noise(s.text, url, unit.section, rules):
            continue
        out.append(L.ResourceRef(s.text, url, L.resource_kind(s.text, url, rules), s.link.line))
    return out


def _speakers_from(text: str, rules: Rules) -> tuple[list[str], list[tuple[str, str]]]:
    text = re.sub(r"\s+", " ", text).strip()
    for rx in (_BY, _DASH):
        m = rx.match(text)
        if m:
            names, affs = parse_people(m.group("who"), rules)
            if names:
                return names, affs
    m = re.match(r"^\W*\(([^()]+)\)", text)
    if m:
        names, affs = parse_people(m.group(1), rules)
        if names and all(looks_like_person(n, rules) for n in names):
            return names, affs
    return [], []


def _strip_resource_text(text: str, spans: list[Span], offset: int) -> str:
    """Blank out resource links and their brackets: "(slides) (video), Name" -> ", Name"."""
    chars = list(text)
    for s in spans:
        for i in range(max(0, s.start - offset), min(len(chars), s.end - offset)):
            chars[i] = " "
    out = "".join(chars)
    out = re.sub(r"\(\s*[,+/\s]*\)", " ", out)
    out = re.sub(r"\[\s*\]", " ", out)
    out = re.sub(r"^\s*[+/]\s*", " ", out)
    return out


def from_unit(unit: Unit, rules: Rules, *, talky_context: bool) -> list[TalkFound]:
    """Talks named by one list item, table row or line."""
    text = unit.text
    prefix = _TIME_PREFIX.match(text)
    start = prefix.end() if prefix else 0
    spans = [s for s in unit.links if s.end > start]
    title_spans = [s for s in spans if _title_link(s, rules, unit.section, text[s.end:s.end + 60])]
    starts = [s.start for s in spans]
    found: list[TalkFound] = []
    if title_spans:
        for i, ts in enumerate(title_spans):
            seg_end = title_spans[i + 1].start if i + 1 < len(title_spans) else len(text)
            first = bisect.bisect_left(starts, ts.end)
            seg_spans = []
            for s in spans[first:]:
                if s.start >= seg_end:
                    break
                if s.end <= seg_end and not looks_like_person(s.text, rules):   # "by [Name](profile)" stays a name
                    seg_spans.append(s)
            after = _strip_resource_text(text[ts.end:seg_end], seg_spans, ts.end)
            speakers, affs = _speakers_from(after, rules)
            rule = "list-title-by"
            if not speakers and i == 0:
                before = text[start:ts.start]
                if before.strip().endswith((":", "-", "–", "—")):
                    speakers, affs = parse_people(before.strip().rstrip(":-–— "), rules)
                    rule = "list-speaker-first"
            if not speakers:
                rule = "list-title"
            resources = _resources(unit, [ts] + seg_spans, rules)
            strong = any(k in ("slides", "video") for _, _, k, _ in resources[1:]) or \
                L.url_kind(ts.link.url, rules) in ("slides", "video", "schedule")
            title = clean_title(ts.text)
            title = title[leading(title, rules)[0]:]
            if not speakers:
                title, speakers, affs = split_title_speakers(title, rules)
                rule = "list-title-dash-speaker" if speakers else rule
            if not (speakers or strong) or len(title) < 4:
                continue
            if not speakers and title.split()[0].islower():
                continue          # "[the schedule](...)", "[published](...)": words of a sentence
            conf = 0.9 if speakers else (0.7 if strong else 0.55)
            found.append(TalkFound(title, ts.link.line, _around(unit.flat(), ts.start), rule, conf, speakers, affs, resources,
                                   block=unit.block, event_hint=text[max(start, ts.start - 200):ts.start]))
        return found
    # an unlinked title followed by "(Name, Org)"
    body = text[start:]
    m = _UNLINKED.match(body)
    if m:
        names, affs = parse_people(m.group("people"), rules)
        resources = _resources(unit, spans, rules)
        title = clean_title(m.group("title"))
        if names and (resources or talky_context):
            found.append(TalkFound(title, unit.line_at(start), unit.flat(), "list-unlinked-title", 0.75,
                                   names, affs, resources, block=unit.block))
    return found


def table_columns(header: tuple[str, ...]) -> tuple[int | None, int | None]:
    title_col = next((i for i, c in enumerate(header) if TITLE_COLUMNS.match(c.strip())), None)
    speaker_col = next((i for i, c in enumerate(header) if SPEAKER_COLUMNS.match(c.strip())), None)
    return title_col, speaker_col


def from_table_row(unit: Unit, cells: tuple[str, ...], cols: tuple[int | None, int | None],
                   rules: Rules) -> list[TalkFound]:
    title_col, speaker_col = cols
    if title_col is None or title_col >= len(cells):
        return []
    raw_title = cells[title_col].strip().split("\n")[0]     # a title above its abstract
    title = clean_title(raw_title)
    if len(title) < 4 or L.text_kind(title, rules):
        return []
    speakers, affs = [], []
    if speaker_col is not None and speaker_col < len(cells):
        who, *orgs = [x for x in cells[speaker_col].split("\n") if x.strip()]  if cells[speaker_col].strip() else ("",)
        speakers, affs = parse_people(who, rules)
        if speakers and orgs and not affs:
            org = orgs[0].split(" / ")[0].strip()
            affs = [(name, org) for name in speakers] if len(org) < 60 else []
    # the title link is the link whose text is (part of) the title cell
    spans = [s for s in unit.links if not L.is_noise(s.text, s.link.url, unit.section, rules)]
    resources = _resources(unit, spans, rules)
    kind = "talk"
    m = re.match(r"^(keynote|panel|workshop|lightning talks?|bof)\s*:\s*(.+)$", title, re.I)
    if m:
        kind, title = m.group(1).lower().split()[0], m.group(2)
    slot = any(_TIME_CELL.match(c) for i, c in enumerate(cells) if i != title_col)
    if not speakers and not resources and not (slot and not agenda_item(title, rules)):
        return []           # a title column at a time slot is a session of the programme
    return [TalkFound(title, unit.line, unit.flat(), "table-row", 0.85 if speakers else 0.6,
                      speakers, affs, resources, kind=kind, block=unit.block)]


def is_talky(text: str) -> bool:
    return bool(TALKY.search(text or ""))
