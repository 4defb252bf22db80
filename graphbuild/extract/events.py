"""Event names in text: "KVM Forum 2014", "FOSDEM '16", "Ceph Day Poland", "LinuxCon"."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from graphbuild.extract import gazetteer
from graphbuild.extract.config import Rules
from graphbuild.extract.names import looks_like_person

if TYPE_CHECKING:
    from graphbuild.extract.report import ReportExtractor


@dataclass(frozen=True)
class EventSpan:
    start: int
    end: int
    surface: str
    series: str          # the name without its year
    year: int | None
    sub_event: bool
    known: bool          # from the gazetteer
    label: str = ""      # the name as written when the year stands inside it ("BSDCan 2013 DevSummit")

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        return f"{self.series} {self.year}" if self.year else self.series


_YEAR_AFTER = re.compile(r"^(?:\s*['’](\d{2})|\s+(20\d{2}|19\d{2})|(\d{2})|\s+(\d{2})(?=\W|$)(?<!\d{3}))(?![\d:])")
_YEAR_BEFORE = re.compile(r"(?:^|\s)((?:19|20)\d{2}):?\s+$")
_WORD = r"(?:[A-Z][\w'’+-]*(?:\.[\w'’+-]+)*|[a-z]+[A-Z][\w+-]*(?:\.[\w+-]+)*|\d+(?:\.\d+)?)"
_AT_NAME_YEAR = re.compile(r"(?<![\w.-])(?:at|@|to|from|attending)\s+(?P<name>[A-Za-z][\w+-]*[A-Za-z!+])\s?(?P<year>(?:19|20)\d{2})(?![\d:/.-])")


@lru_cache(maxsize=4)
def _generic(fp: str, heads: tuple[str, ...], suffixes: tuple[str, ...], regions: tuple[str, ...]):
    head = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    region = "|".join(re.escape(r) for r in sorted(regions, key=len, reverse=True))
    sep = r"(?:[ \t]+|(?<!\d)[ \t]*\n[ \t]*)"       # a wrapped line, but not after a date
    words = rf"(?:{_WORD}{sep}(?:(?:of|and|&|the|for|on|de|\+){sep})?){{1,5}}"
    named = rf"(?<![\w.-]){words}(?:{head})(?:\s+(?:{region}))?(?![\w-])"
    camel = (rf"(?<![\w.-])(?:[A-Z][a-z]+[A-Z]?[a-z]*|[A-Z]{{2,6}}|[A-Z][a-z]+[A-Z]{{2,5}})"
             rf"(?:{'|'.join(map(re.escape, suffixes))})(?:\s+(?:{region}))?(?![\w-])")
    return re.compile(named), re.compile(camel)


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Place names that may follow an event's name: "RustFest Barcelona", "Ceph Day Berlin"."""
    from graphbuild import knowledge
    return frozenset(f for e in knowledge.load("places") for f in e.forms if f[:1].isupper() and len(f) > 3)


@lru_cache(maxsize=1)
def _sorted_cities() -> tuple[str, ...]:
    return tuple(sorted(_cities()))


def _year(text: str, end: int) -> tuple[int | None, int]:
    m = _YEAR_AFTER.match(text[end:end + 8])
    if not m:
        return None, end
    digits = next(g for g in m.groups() if g)
    year = int(digits) + (2000 if len(digits) == 2 else 0)
    if len(digits) == 2 and year > 2040:
        return None, end
    return year, end + m.end()


_FIXED: dict[str, tuple] = {}


def _fixed(fp: str, rules: Rules):
    """Stop words, venue words and the region pattern, compiled once per rule set."""
    if fp in _FIXED:
        return _FIXED[fp]
    stop = frozenset(w.casefold() for w in rules["event_stopwords"])
    venue = re.compile(r"^\s+(?:%s)\b" % "|".join(map(re.escape, rules["venue_words"])))
    region_rx = re.compile(r"^\s+(?:%s)(?![\w-])" % "|".join(
        re.escape(r) for r in sorted(set(rules["event_regions"]) | _cities(), key=len, reverse=True)))
    _FIXED[fp] = (stop, venue, region_rx)
    return _FIXED[fp]


def find_events(text: str, rules: Rules) -> list[EventSpan]:
    """Event mentions in ``text`` (gazetteer series first, then the generic pattern)."""
    if len(text) <= 300:            # titles and names repeat: remembered
        return list(_find_short(text, rules))
    return _find_events(text[:rules["limits"]["max_search_chars"]], rules)


@lru_cache(maxsize=32768)
def _find_short(text: str, rules: Rules) -> tuple[EventSpan, ...]:
    return tuple(_find_events(text, rules))


def _find_events(text: str, rules: Rules) -> list[EventSpan]:
    stop, venue, region_rx = _fixed(rules.fingerprint, rules)
    sub_heads = tuple(rules["sub_event_heads"])
    heads = frozenset(rules["event_heads"]) - {"Day", "Days"}
    spans: list[EventSpan] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(start: int, end: int, series: str, known: bool, year: int | None = None):
        if year is not None:
            stop_at = end + len(text[end:end + 6]) - len(text[end:end + 6].lstrip()) + 4
        else:
            year, stop_at = _year(text, end)
        before = _YEAR_BEFORE.search(text[max(0, start - 6):start])
        if year is None and before:
            year = int(before.group(1))
        series = " ".join(series.split()).strip(" -/")
        cut = re.search(r"^.*\s(?:for|at|to)\s+(?=[A-Z])", series) if not known else None
        if cut and len(series[cut.end():].split()) >= 2:       # "Talks Announced for Cassandra World Party"
            start += cut.end()
            series = series[cut.end():]
        inner = re.search(r"\s((?:19|20)\d{2})(?=\s)", series)
        if inner and _edition_inside(text, start, series, inner, known, rules):
            return
        if inner:                       # "oVirt 2014 Workshop"
            year = year or int(inner.group(1))
            series = (series[:inner.start()] + series[inner.end():]).strip()
        last = series.split()
        if len(last) > 2 and last[-1] in ("Day", "Days") and last[-2] in heads:
            series = " ".join(last[:-1])     # "eBPF Summit Day One": a day of the summit
        sub = series.endswith(sub_heads) or any(h.lower() in series.lower().split()[-2:] for h in ("devroom",))
        spans.append(EventSpan(start, stop_at, text[start:stop_at], series, year, sub, known))
        taken.append((start, stop_at))

    def _edition_inside(text, start, series, inner, known, rules) -> bool:
        """"Widget Summit 2031 and Gizmo Fest": two editions; "BSDCon 2003 FreeBSD Developer
        Summit": the edition and the event held inside it, named with it."""
        prefix, rest = series[:inner.start()].strip(), series[inner.end():].strip()
        whole = find_events(prefix, rules)
        if not rest or not whole or whole[0].start > 0 or whole[0].end < len(prefix) or whole[0].year \
                or region_rx.match(" " + rest + " "):
            return False
        year = int(inner.group(1))
        year_end = text.index(inner.group(1), start) + 4
        prefix_end = year_end - 4 - len(text[:year_end - 4]) + len(text[:year_end - 4].rstrip())
        joined = re.match(r"^(?:and|&|\+|/|,)\s+", rest)
        if joined:
            rest_start = text.index(rest[joined.end():].split()[0], year_end)
            add(start, prefix_end, prefix, known, year)
            end = rest_start + len(rest[joined.end():])
            m = re.compile(r"\s+".join(map(re.escape, rest[joined.end():].split()))).match(text, rest_start)
            add(rest_start, m.end() if m else end, rest[joined.end():], False)
            return True
        if rest.split()[-1] in rules["apposition_heads"]:      # "Widget 2031 Gear Conference": the edition again
            add(start, prefix_end, prefix, known, year)
            return True
        stop_at = text.index(rest.split()[-1], year_end) + len(rest.split()[-1])
        spans.append(EventSpan(start, stop_at, text[start:stop_at], f"{prefix} {rest}", year,
                               False, known, f"{prefix} {year} {rest}"))
        taken.append((start, stop_at))
        add(start, prefix_end, prefix, known, year)
        return True

    for hit in gazetteer.find(text, ("events",)):
        if free(hit.start, hit.end):
            end, series = hit.end, hit.entry.name
            m = region_rx.match(text[end:])
            if not m and series.split()[-1] in ("Day", "Days"):     # "Kubernetes Community Days Provence"
                m = _QUALIFIER.match(text[end:])
                m = m if m and m.group(1).casefold() not in stop else None
            if m:
                end += m.end()
                series = f"{series} {m.group(0).strip()}"
            add(hit.start, end, series, True)
    named, camel = _generic(rules.fingerprint, tuple(rules["event_heads"]) + tuple(h for h in sub_heads if " " in h),
                            tuple(rules["event_suffixes"]), tuple(rules["event_regions"]) + _sorted_cities())
    for rx in (named, camel):
        for m in rx.finditer(text):
            start, end = m.start(), m.end()
            words = m.group(0).split()
            if venue.match(text[end:]):
                continue
            inside = [e for s, e in taken if s <= start < e and re.search(r"\d$", text[s:e])]
            if inside and rx is named:     # "BSDCon 2003 FreeBSD Developer Summit": the words after a known edition
                start = max(inside)
                start += len(text[start:end]) - len(text[start:end].lstrip())
                words = text[start:end].split()
            while words and (words[0].casefold() in stop or words[0].isdigit()):
                start = text.index(words[0], start) + len(words[0])
                start += len(text[start:]) - len(text[start:].lstrip())
                words = words[1:]
            if rx is named and len(words) < 2:
                continue
            if rx is camel and not (re.search(r"[a-z][A-Z]", words[0]) or _year(text, end)[0]):
                continue
            if rx is camel:       # "Foreman TechDay": capitalised words before a one-word event
                before = re.search(r"((?:[A-Z][\w.+-]*[ \t]+){1,3})$", text[max(0, start - 60):start])
                if before:
                    lead = before.group(1).split()
                    while lead and lead[0].casefold() in stop:
                        lead = lead[1:]
                    if lead:
                        start = start - len(before.group(1)) + before.group(1).index(lead[0])
            if free(start, end):
                add(start, end, text[start:end], False)
    for m in rules.compiled("event_noun").finditer(text):
        # "the RivieraDEV conference": a one-word name with capitals inside, before an event noun
        if free(m.start(), m.end("name")) and m.group("name").casefold() not in stop:
            add(m.start(), m.end("name"), m.group("name"), False)
    for m in _AT_NAME_YEAR.finditer(text):
        # "at useR!2019", "to RustLatam 2019": a name written with its year, where an event goes
        name = m.group("name")
        if name.casefold() not in stop and any(c.isupper() for c in name) and free(m.start("name"), m.end()):
            add(m.start("name"), m.end("name"), name, False, int(m.group("year")))
    spans.sort(key=lambda s: s.start)
    return _distribute_regions(text, _held_inside(text, spans, rules), rules)


def _held_inside(text: str, spans: list[EventSpan], rules: Rules) -> list[EventSpan]:
    """"BSDCan 2013 DevSummit": an event named after an edition and its year is held
    inside that edition; both are kept, the longer name first. "Flock 2014 Fedora
    Conference" names the edition again (``apposition_heads``): the edition alone is kept."""
    out: list[EventSpan] = []
    for sp in spans:
        prev = out[-1] if out else None
        if prev and prev.year and prev.year == sp.year and not sp.sub_event and not prev.label \
                and text[prev.end:sp.start].strip() == "" and prev.end < sp.start \
                and re.search(r"\d{2}$", prev.surface) and not re.search(r"\d", sp.surface):
            if sp.series.split()[-1] in rules["apposition_heads"]:
                continue
            whole = EventSpan(prev.start, sp.end, text[prev.start:sp.end], f"{prev.series} {sp.series}", sp.year,
                              False, prev.known, f"{prev.series} {sp.year} {sp.series}")
            out[-1:] = [whole, prev]
            continue
        out.append(sp)
    return out


_QUALIFIER = re.compile(r"^[ \t]+([A-Z][a-zà-ÿ]{3,})(?![\w-]|[ \t]+[A-Z])")
_JOINER = re.compile(r"^\s*(?:and|&|\+|/|,)\s*$")


def _distribute_regions(text: str, spans: list[EventSpan], rules: Rules) -> list[EventSpan]:
    """"LinuxCon and CloudOpen Europe", "LinuxCon/CloudOpen (Europe)": the region
    named after the last of coordinated events applies to each of them."""
    regions, trailing = rules.compiled("region_list"), rules.compiled("region_trailing")
    out = list(spans)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and _JOINER.match(text[out[j].end:out[j + 1].start]) and not out[j].year:
            j += 1
        if j > i or trailing.match(text[out[j].end:]):
            last = out[j]
            m = trailing.match(text[last.end:])
            region = m.group(1) if m else next((r for r in regions if last.series.endswith(" " + r)), None)
            if region and m:         # the "(Europe)" belongs to the last event's span
                out[j] = EventSpan(last.start, last.end + m.end(), text[last.start:last.end + m.end()], last.series,
                                   last.year, last.sub_event, last.known)
            if region:
                for k in range(i, j + 1):
                    sp = out[k]
                    if not any(sp.series.endswith(" " + r) for r in regions) and not sp.sub_event:
                        out[k] = EventSpan(sp.start, sp.end, sp.surface, f"{sp.series} {region}",
                                           sp.year or last.year, sp.sub_event, sp.known)
        i = j + 1
    return out


_ITEM_YEAR = re.compile(r"^\W{0,3}\(((?:19|20)\d{2})\)|^\W{0,3}((?:19|20)\d{2})\s*[:–—-]\s")


def edition_of_year(x: "ReportExtractor", key: str, item: str, line: int) -> str:
    """"- (2020) Title": a list of past talks marks each with its year; the talk belongs to
    that year's edition of the series the list is about."""
    m = _ITEM_YEAR.match(item)
    if not m:
        return key
    year = int(m.group(1) or m.group(2))
    event = x.c.get(key)
    attrs = event.attrs
    if attrs.get("year") in (None, year) or attrs.get("sub_event") or attrs.get("held_inside"):
        return key
    span = EventSpan(0, 0, f"{attrs['series']} {year}", attrs["series"], year, False, False)
    return x.event_key(span, line, item[:300])


_BY_PEOPLE = re.compile(r"^\W{0,3}\s*(?:by|with)\s+(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})")


def not_an_event(text: str, span: EventSpan, rules: Rules) -> bool:
    """"#BeamSummit": a hashtag; "[The Gear Workshop](...) by Hana Novak": a session given
    by people, not an event."""
    if text[max(0, span.start - 1):span.start] == "#":
        return True
    if span.known:
        return False
    m = _BY_PEOPLE.match(text[span.end:span.end + 80])
    return bool(m and looks_like_person(m.group("who"), rules))


_CLAUSE_END = re.compile(r";\s|,\s+(?:and|but|while|whereas)\s+")
_FINITE = re.compile(r"\b(?:is|are|was|were|will|has|have|had)\b")


def clauses(text: str) -> list[int]:
    """Where the clauses of a sentence start: at "; " or ", and" after a clause with its own verb
    ("X was held in April, and alongside Y, Z was held in Shanghai"), not inside a list of names."""
    starts = [0]
    for m in _CLAUSE_END.finditer(text):
        if _FINITE.search(text[starts[-1]:m.start()]):
            starts.append(m.end())
    return starts


def colocated_pairs(text: str, keys: list[tuple[EventSpan, str]], co: re.Pattern) -> list[tuple[str, str]]:
    """Editions a sentence puts side by side: those of the clause that says so."""
    starts = clauses(text)
    clause = lambda pos: max(i for i, s in enumerate(starts) if s <= pos)
    pairs: list[tuple[str, str]] = []
    for cue in co.finditer(text):
        here = list(dict.fromkeys(k for sp, k in keys if clause(sp.start) == clause(cue.start())))
        pairs += [(a, b) for i, a in enumerate(here) for b in here[i + 1:] if a != b]
    return list(dict.fromkeys(pairs))


def parent_event(x: "ReportExtractor", key: str) -> str | None:
    """The edition a devroom or track is part of: the one named with it where it is first
    named (its block, then its section's heading), else the report's main event."""
    for i in sorted(x.block_events):
        if key in x.events_of_block(i):
            heading = x._heading_of(i)
            for j in (i, heading):
                found = [k for k in x.events_of_block(j) if not x.c.get(k).attrs.get("sub_event")] \
                    if j is not None else []
                if found:
                    return found[0]
            break
    return x.main_event
