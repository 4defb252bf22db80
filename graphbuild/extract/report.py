"""Extract one report: a pure function of (Report, spaCy docs, rules)."""
from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher

from graphbuild.extract import gazetteer, orgs, projects
from graphbuild.knowledge import lexicon
from graphbuild.extract import links as L
from graphbuild.extract.candidates import (Context, from_section, from_unit_parts, section_people, section_resources,
                                          follow_line, title_cell, without_event)
from graphbuild.extract.collect import Collector, norm_key
from graphbuild.extract.config import Rules
from graphbuild.extract.events import EventSpan, colocated_pairs, edition_of_year, find_events, not_an_event, parent_event
from graphbuild.extract.names import looks_like_org, looks_like_person, strip_honorific
from graphbuild.extract.narrative import (Narrative, clause_talks, first_names, recording_of, speaker_next, titled_by,
                                          told_before)
from graphbuild.extract.places import front_matter_places, not_event_place, places_in
from graphbuild.extract.parts import about_talks, is_title_like, never_title, people_of
from graphbuild.extract.people import dialogue as talk_dialogue, not_people_in, persons_in
from graphbuild.extract.prose import from_sentence, linked_talks, subject_talks, trailing_resources
from graphbuild.extract.talks import TalkFound, clean_title, from_table_row, from_unit, is_talky, table_columns
from graphbuild.extract.talk_page import talk_page
from graphbuild.extract.units import Unit, block_unit, lines, sentences
from graphbuild.types import Extraction, Report

_TIME_START = re.compile(r"^\W*\d{1,2}[:.h]\d{2}")
_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)")
_AFTER_NAME_ORG = re.compile(r"\s*(?:\((?P<org>[^()\n]{2,50})\)|,?\s+(?:from|of|at|@)\s+(?P<org2>(?:the\s+)?[A-Z][\w.&'’-]*"
                             r"(?:[ \t]+(?:[A-Z0-9][\w.&'’-]*|of|and|&|for|de)){0,4}))")
_HANDLE = re.compile(r"^[a-z][a-z0-9._-]{2,30}$")
_ROLE = re.compile(r"(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}),\s+(?:the\s+)?(?:co-?)?(?:founder|ceo|cto|maintainer|lead|director|engineer|developer|manager|president|chair)\s+(?:of|at)\s+(?P<org>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,4})")
_FROM_ORG = re.compile(r"(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})\s+(?:from|of|at)\s+(?P<org>[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})")
_ORG_POSS = re.compile(r"(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})['’]s\s+(?P<who>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})")


class ReportExtractor:
    """Reads one report's blocks in order and fills a Collector."""

    def __init__(self, report: Report, docs: list, rules: Rules, pipeline: str = ""):
        self.report = report
        self.docs = docs                  # one spaCy Doc (or None) per block
        self.rules = rules
        self.c = Collector(report, pipeline)
        self.block_events: dict[int, list[str]] = {}
        self.section_events: dict[str, list[str]] = {}
        self.main_event: str | None = None
        self.author_key: str | None = None
        self.known_first: set[str] = set()
        base = L.page_url(report.meta)
        self.units = [block_unit(i, b, base) for i, b in enumerate(report.blocks)]   # read by every pass
        self._hint_events: dict[str, list[EventSpan]] = {}

    # ------------------------------------------------------------------ helpers
    def ev(self, line, text, rule, conf=1.0):
        return self.c.evidence(line, text, rule, conf)

    def person(self, name: str, line: int, text: str, rule: str, conf: float, **attrs) -> str:
        clean, hon = strip_honorific(name, self.rules)
        key = self.c.mention("Person", clean, self.ev(line, text, rule, conf), attrs=attrs or None,
                             alias=name if hon else None)
        if " " in clean:
            self.known_first.add(clean.split()[0])
        return key

    def org(self, name: str, line: int, text: str, rule: str, conf: float, *, after_name: bool = False) -> str | None:
        name = name.strip(" ,.;:()")
        if not name or len(name) > 60:
            return None
        hits = gazetteer.find(name, ("organizations",))
        if hits and hits[0].start == 0 and hits[0].end == len(name):
            return self.c.mention("Organization", hits[0].entry.name, self.ev(line, text, rule, conf), alias=name)
        if not looks_like_org(name, self.rules, after_name=after_name):
            return None
        return self.c.mention("Organization", name, self.ev(line, text, rule, conf))

    # ------------------------------------------------------------------- stages
    def run(self) -> Extraction:
        r = self.report
        self.c.mention("Report", r.title or r.path, self.ev(r.meta_line, r.title, "report"), key="report", attrs={
            "id": r.id, "path": r.path, "title": r.title or "",
            "date": r.date.isoformat() if r.date else None,
            "authors": list(r.authors), "tags": list(r.tags)})
        self.authors()
        self.events_pass()
        self.entities_pass()
        self.talks_pass()
        self.own_talks()
        self.affiliations_pass()
        self.relations_pass()
        self.tags()
        self.linked_projects()
        self.described_projects()
        self.prune()
        return self.c.result()

    def prune(self):
        """Places that spaCy found but the report names as people are people."""
        titles = [norm_key(self.c.get(k).name) for k in self.c.keys("Talk")]
        for k in self.c.keys("Person"):
            m = self.c.get(k)
            if all(e.rule == "ner-person" for e in m.evidence) and \
                    any(norm_key(m.name) in t for t in titles) and not self.c.relations_of(k):
                self.c.drop(k)       # a name inside a talk title, not a person
        names = [self.c.get(k).name for k in self.c.keys("Person")]
        for k in self.c.keys("Person"):
            m = self.c.get(k)
            if all(e.rule == "ner-person" for e in m.evidence) and not self.c.relations_of(k) and \
                    any(m.name.startswith(n + " ") for n in names):
                self.c.drop(k)       # "Kelly O'Briant Art": a name run into the title after it
        for k in self.c.keys("Person"):
            m = self.c.get(k)
            label = m.name + ": "
            if all(e.rule == "ner-person" for e in m.evidence) and not self.c.relations_of(k) and \
                    any((x := rx.match(label)) and x.end() == len(label) for _, rx in self.rules.compiled("kind_labels")):
                self.c.drop(k)       # "Deep Dive: ...": a session's kind, not a person
        people = {norm_key(self.c.get(k).name) for k in self.c.keys("Person")}
        people |= {w for p in list(people) for w in p.split() if len(w) > 2}
        for k in self.c.keys("Place"):
            m = self.c.get(k)
            if norm_key(m.name) in people and all(e.rule == "ner-place" for e in m.evidence):
                self.c.drop(k)

    def authors(self):
        r = self.report
        for name in r.authors:
            name = name.strip()
            if not name or not re.search(r"[A-Za-z]", name):
                continue
            attrs = {"author": True}
            if _HANDLE.match(name):
                attrs["handle"] = True
            elif not looks_like_person(name, self.rules, allow_single=True):
                continue
            key = self.person(name, r.meta_line, f"author: {name}", "front-matter-author", 1.0, **attrs)
            self.c.relate("AUTHORED", key, "report", self.ev(r.meta_line, f"author: {name}", "front-matter-author"))
            self.author_key = self.author_key or key

    # events -------------------------------------------------------------------
    def event_key(self, span: EventSpan, line: int, text: str) -> str:
        attrs = {"series": span.series, "year": span.year, "sub_event": span.sub_event, "held_inside": bool(span.label)}
        return self.c.mention("Event", span.name, self.ev(line, text, "event-gazetteer" if span.known else "event-pattern",
                                                          0.9 if span.known else 0.7),
                              key=event_key_of(span.series, span.year), attrs=attrs, alias=span.surface)

    def events_pass(self):
        r = self.report
        title_events = find_events(r.title, self.rules) if r.title else []
        for span in title_events:
            self.event_key(span, r.meta_line, r.title)
        counts: dict[str, int] = {}
        noise_section = self.rules.compiled("noise_sections")
        for i, block in enumerate(r.blocks):
            unit = self.units[i]
            keys = []
            if block.section and noise_section.search(block.section.strip()):
                self.block_events[i] = keys
                continue
            for span in find_events(block.text, self.rules):
                if any(s.start <= span.start and span.end <= s.end and not _event_link(s.text, span)
                       for s in unit.links if _looks_like_talk_title(s.text)
                       and not L.is_noise(s.text, s.link.url, block.section, self.rules)):
                    continue  # "KVM Forum" inside a talk title is not a mention of the event
                if not_an_event(block.text, span, self.rules):
                    continue
                key = self.event_key(span, block.line_of(span.start), block.text[:300])
                keys.append(key)
                counts[key] = counts.get(key, 0) + 1
            self.block_events[i] = keys
            if block.kind == "heading":
                self.section_events[block.text] = keys
        self.merge_events()
        title_keys = [self._current(k) for k in self._title_event_keys(title_events)]
        if title_keys:
            self.main_event = title_keys[0]
        elif counts:
            best = max(counts.values())
            title = set(norm_key(r.title or "").split())      # a tie goes to the one the title speaks of
            tied = sorted((k for k in counts if counts[k] == best),
                          key=lambda k: -len(title & set(norm_key(self.c.get(self._current(k)).name).split())))
            self.main_event = self._current(tied[0])
        self.main_event = self.main_event if self.main_event and self.c.has(self.main_event) else None

    def _title_event_keys(self, spans):
        return [event_key_of(s.series, s.year) for s in spans if not s.sub_event]

    def merge_events(self):
        """Editions without a year join the one edition of their series in this
        report; "LinuxCon" joins "LinuxCon Europe" when that is the only longer name."""
        self.renamed: dict[str, str] = {}
        keys = self.c.keys("Event")
        by_series: dict[str, list[str]] = {}
        for k in keys:
            by_series.setdefault(_series_key(self.c.get(k).attrs["series"]), []).append(k)
        for series, ks in by_series.items():      # "Istio Day NA 2023" and "Istio Day North America 2023"
            by_year: dict = {}
            for k in ks:
                by_year.setdefault(self.c.get(k).attrs.get("year"), []).append(k)
            for same in by_year.values():
                keep = max(same, key=lambda k: len(self.c.get(k).name))
                for k in same:
                    self._rename(k, keep)
            by_series[series] = [k for k in ks if self.c.has(k)]
        for series in sorted(by_series, key=len):
            longer = [s for s in by_series if s != series and s.startswith(series + " ")]
            if len(longer) > 1:      # "Istio Day": of its Europe and North America editions, the one the title names
                title = " " + _series_key(self.report.title or "") + " "
                longer = [s for s in longer if f" {s[len(series) + 1:]} " in title] or longer
            if len(longer) == 1 and not any(self.c.get(k).attrs.get("sub_event") or self.c.get(k).attrs.get("held_inside")
                                            for k in by_series[longer[0]]):
                target_series = longer[0]
                for k in by_series[series]:
                    year = self.c.get(k).attrs.get("year")
                    match = [t for t in by_series[target_series] if self.c.get(t).attrs.get("year") in (year, None)
                             or year is None]
                    if len(match) >= 1:
                        self._rename(k, match[0])
                by_series[target_series] = [t for t in by_series[target_series] if self.c.has(t)]
                by_series[series] = []
        for series in sorted(by_series, key=len):     # "the DevSummit" of "BSDCan 2013 DevSummit"
            holders = [s for s in by_series if s != series and s.endswith(" " + series) and by_series[s]]
            if len(holders) == 1 and by_series[series]:
                for k in by_series[series]:
                    year = self.c.get(k).attrs.get("year")
                    match = [t for t in by_series[holders[0]] if self.c.get(t).attrs.get("year") == year or year is None]
                    if match:
                        self._rename(k, match[0])
                by_series[series] = [k for k in by_series[series] if self.c.has(k)]
        year_of_report = self.report.date.year if self.report.date else None
        if year_of_report is None:
            # an undated report about one year's events ("KVM Forum 2013" page)
            years = {self.c.get(k).attrs.get("year") for k in self.c.keys("Event")} - {None}
            year_of_report = years.pop() if len(years) == 1 else (None if years else _text_year(self.report))
        for series, ks in by_series.items():
            ks = [k for k in ks if self.c.has(k) and not self.c.get(k).attrs.get("sub_event")]
            dated = [k for k in ks if self.c.get(k).attrs.get("year")]
            undated = [k for k in ks if not self.c.get(k).attrs.get("year")]
            if not undated:
                continue
            if len(dated) == 1:
                target = dated[0]
            elif year_of_report and not dated:
                m = self.c.get(undated[0])
                attrs = m.attrs
                name = f"{attrs['series']} {year_of_report}"
                m.attrs["year"] = year_of_report
                target = self.c.mention("Event", name, m.evidence[0],
                                        key=event_key_of(attrs["series"], year_of_report),
                                        attrs=dict(attrs, year=year_of_report), alias=m.name)
                self.c.get(target).name = name
            elif year_of_report and year_of_report in [self.c.get(k).attrs.get("year") for k in dated]:
                target = next(k for k in dated if self.c.get(k).attrs.get("year") == year_of_report)
            else:
                continue
            for k in undated:
                self._rename(k, target)

    def _rename(self, old, new):
        if old == new:
            return
        self.c.rename(old, new)
        self.renamed[old] = new
        for k, v in list(self.renamed.items()):
            if v == old:
                self.renamed[k] = new

    def _current(self, key):
        while key in getattr(self, "renamed", {}):
            key = self.renamed[key]
        return key

    def events_of_block(self, i: int) -> list[str]:
        return [k for k in (self._current(k) for k in self.block_events.get(i, [])) if self.c.has(k)]

    # people, organizations, projects, places ---------------------------------------
    def entities_pass(self):
        r = self.report
        for i, block in enumerate(r.blocks):
            text = block.text
            event_spans = [(e.start, e.end) for e in find_events(text, self.rules)]

            def in_event(a: int, b: int) -> bool:
                return any(s <= a and b <= e for s, e in event_spans)

            for hit in gazetteer.find(text, ("projects", "organizations", "places")):
                type_ = hit.entry.type
                if type_ == "Place" and (in_event(hit.start, hit.end) or not_event_place(block, hit.start, hit.end,
                                                                                         self.rules)) or \
                        type_ == "Project" and not projects.plain_hit(text, hit, self.rules):
                    continue
                line = block.line_of(hit.start)
                self.c.mention(type_, hit.entry.name, self.ev(line, _context(text, hit.start), "gazetteer", 0.9),
                               alias=hit.surface)
            doc = self.docs[i] if i < len(self.docs) else None
            if doc is None:
                continue
            for ent in doc.ents:
                label, name = ent.label_, " ".join(ent.text.split()).strip(" .,;:'’\"")
                line = block.line_of(ent.start_char)
                if label == "PERSON":
                    name = re.sub(r"['’]s$", "", name)
                    if looks_like_person(name, self.rules) and not _in_link_title(block, ent.start_char):
                        self.person(name, line, _context(text, ent.start_char), "ner-person", 0.6)
                elif label in ("GPE", "LOC") and _good_place(name) and _place_cue(text, ent.start_char, ent.end_char) \
                        and not in_event(ent.start_char, ent.end_char) and (event_spans or block.kind == "heading") \
                        and not not_event_place(block, ent.start_char, ent.end_char, self.rules):
                    if not gazetteer.find(name, ("projects", "organizations", "events")):
                        self.c.mention("Place", name, self.ev(line, _context(text, ent.start_char), "ner-place", 0.6))
            self.affiliation_patterns(block)

    def affiliation_patterns(self, block):
        text = block.text.replace("\n", " ")
        for rx, rule in ((_ROLE, "prose-role-of"), (_ORG_POSS, "prose-org-possessive"), (_FROM_ORG, "prose-from-org")):
            for m in rx.finditer(text):
                who, org = m.group("who"), re.split(r"\.\s", m.group("org"))[0]
                if not looks_like_person(who, self.rules):
                    continue
                if rx is not _ROLE and not gazetteer.find(org, ("organizations",)):
                    continue
                line = block.line_of(m.start())
                pk = self.person(who, line, _context(text, m.start()), rule, 0.7)
                ok = self.org(org, line, _context(text, m.start()), rule, 0.7)
                if ok:
                    self.c.relate("AFFILIATED_WITH", pk, ok, self.ev(line, _context(text, m.start()), rule, 0.7))

    def affiliations_pass(self):
        """"A and B from Org", "A (Org)", "A of Org", "A, Role at Org" after the names the report gave."""
        known = self.known_names()
        for i, block in enumerate(self.report.blocks):
            if block.kind not in ("paragraph", "list_item", "quote", "table_row"):
                continue
            text = block.text
            persons = self.persons_in(i, known)
            group: list[tuple[int, int, str]] = []
            for n, (a, b, name) in enumerate(persons):
                if group and not _JOIN.fullmatch(text[group[-1][1]:a]):
                    group = []
                group.append((a, b, name))
                m = _AFTER_NAME_ORG.match(text, b)
                if not m:
                    continue
                org = _trim_org(re.split(r"\.\s", m.group("org") or m.group("org2"))[0])
                # names the report gave, a list of two or more names ("A, B and C from Org"),
                # or any name before an organization known as one ("Jane Doe from Acme")
                if not all(who in known for _, _, who in group) and (len(group) < 2 or m.group("org")) \
                        and not orgs.known_org(org, None, self.c) or orgs.abbreviates(org, group[-1][2]):
                    group = []
                    continue
                if not org or not self.org_like(org, i):
                    continue
                line = block.line_of(a)
                ev_text = _context(text, a)
                ok = self.org(org, line, ev_text, "prose-name-org", 0.6, after_name=True)
                for _, _, who in group:
                    pk = self.person(who, line, ev_text, "prose-name-org", 0.6)
                    if ok:
                        self.c.relate("AFFILIATED_WITH", pk, ok, self.ev(line, ev_text, "prose-name-org", 0.6))
                group = []
            for aff in orgs.affiliations(text, persons, self.rules) + orgs.from_org(text, self.doc(i), self.rules, known):
                if self.org_like(aff.org, i):
                    self.affiliate(aff.names, aff.org, block.line_of(aff.start), _context(text, aff.start), aff.rule)
            previous = self.report.blocks[i - 1].text if i else ""
            whole = block.kind in ("paragraph", "list_item") and orgs.ends_with_cue(previous, self.rules)
            for pos, org in orgs.listed_orgs(text, self.rules, whole=whole):
                if self.org_like(org, i, listed=True) and orgs.listed_org_ok(org, text, block.links, self.rules):
                    self.org(org, block.line_of(pos), _context(text, pos), "org-list", 0.6, after_name=True)
                    orgs.drop_person_named(self.c, org)
        texts = [b.text for b in self.report.blocks]
        for k in self.c.keys("Organization"):
            m = self.c.get(k)
            if all(e.rule == "gazetteer" for e in m.evidence) and not self.c.relations_of(k) \
                    and orgs.service_only(m.aliases | {m.name}, texts, self.rules):
                self.c.drop(k)       # "on YouTube", "GitHub runners": a service, not an organization of the report
        names = {self.c.get(k).name: k for k in self.c.keys("Organization")}
        for short, long in orgs.same_orgs(list(names), texts, self.rules):
            self.c.rename(names[short], names[long])
        meta = self.report.meta
        for key in self.rules["attribution_keys"]:
            value = meta.get(key)
            if isinstance(value, str) and (found := people_of(value, self.rules)):
                for who, org in found[1]:
                    self.affiliate((who,), org, self.report.meta_line, f"{key}: {value}", "front-matter-attribution")

    def affiliate(self, names: tuple[str, ...], org: str, line: int, text: str, rule: str) -> None:
        ok = self.org(org, line, text, rule, 0.7, after_name=True)
        if ok:
            for who in names:
                pk = self.person(who, line, text, rule, 0.7)
                self.c.relate("AFFILIATED_WITH", pk, ok, self.ev(line, text, rule, 0.7))

    def org_like(self, org: str, i: int, *, listed: bool = False) -> bool:
        """An organization's name, not a place, event, person or project the report names; in a list
        of sponsors or hosts (``listed``) spaCy's reading of a name as a person's does not count."""
        if gazetteer.find_exact(org, ("places", "events", "projects")) or find_events(org, self.rules) \
                or L.text_kind(org, self.rules) or never_title(org, self.rules):
            return False
        doc = self.docs[i] if i < len(self.docs) else None
        labels = ("GPE", "LOC", "DATE") if listed else ("GPE", "LOC", "PERSON", "DATE")
        if any(e.text == org and e.label_ in labels for e in getattr(doc, "ents", ())):
            return False
        return looks_like_org(org, self.rules, after_name=True) and (listed or org not in self.known_names())

    # talks ------------------------------------------------------------------
    def persons_in(self, i: int, known: frozenset[str]) -> list[tuple[int, int, str]]:
        """People named in block ``i`` (see ``people.persons_in``)."""
        return persons_in(self.report.blocks[i], self.doc(i), self.rules, known, self.not_people(i))

    def not_people(self, i: int) -> frozenset[str]:
        """Names that are no person in block ``i``: spaCy's organizations, products and places,
        and the report's one-word tags in lower case ("cilium")."""
        return not_people_in(self.doc(i), self.topic)

    def doc(self, i: int):
        return self.docs[i] if i < len(self.docs) else None

    @property
    def topic(self) -> frozenset[str]:
        cached = self.__dict__.get("_topic")
        if cached is None:
            generic = {t.casefold() for t in self.rules["generic_tags"]}
            cached = self.__dict__["_topic"] = frozenset(
                t.casefold() for t in self.report.tags if " " not in t.strip() and t.casefold() not in generic)
        return cached

    def known_names(self) -> frozenset[str]:
        """People the report has named so far (authors, names spaCy found)."""
        return frozenset(self.c.get(k).name for k in self.c.keys("Person"))

    def talks_pass(self):
        """Talks unit by unit: the layout rules of ``talks`` and ``prose`` first,
        then the general reading of ``candidates``; heading sections last."""
        r = self.report
        header_cols: dict[str, tuple] = {}
        lead_talky = False
        author = None
        if self.author_key:
            author = self.c.get(self.author_key).name
        known = self.known_names()
        last_talk: str | None = None
        last_block = -1                          # the block that gave ``last_talk``
        last_section = None
        self.talk_blocks: dict[int, list[str]] = {}     # block -> talk keys found in it
        path: list[tuple[int, bool]] = []        # headings above the block: (level, about talks)
        dialogue = talk_dialogue(self.report.blocks, self.rules)
        story, short = Narrative(), first_names(known)      # what the narrative named so far
        told: list[tuple[TalkFound, int]] = []
        for i, block in enumerate(r.blocks):
            if block.section != last_section:
                last_talk, last_section = None, block.section
            unit = self.units[i]
            found: list[TalkFound] = []
            if block.kind == "heading":
                path = [p for p in path if p[0] < block.level] + [(block.level, about_talks(block.text, self.rules))]
            if block.kind in ("paragraph", "heading", "quote") and block.kind != "list_item":
                lead_talky = about_talks(block.text, self.rules) or any(t for _, t in path)
            ctx = Context(known, lead_talky or any(t for _, t in path), block.emphasis, self.not_people(i))
            if block.kind == "table_row":
                if block.level == 0:
                    header_cols[block.section] = table_columns(block.cells)
                    continue
                cols = header_cols.get(block.section, (None, None))
                found = from_table_row(unit, block.cells, cols, self.rules) if cols[0] is not None else \
                    from_unit(unit, self.rules, talky_context=lead_talky)
                found = title_cell(unit, block.cells, cols[0], found, self.rules, ctx)
                if not found:
                    found = from_unit_parts(unit, self.rules, ctx, rule="table-row")
            elif block.kind == "list_item":
                found = from_unit(unit, self.rules, talky_context=lead_talky or is_talky(block.section))
                if not found:
                    found = from_unit_parts(unit, self.rules, ctx, rule="list-item")
                if block.emphasis:      # "**Title**, by **Name (Org)**, presented ..."
                    found = titled_by(unit, found, block.emphasis, self.rules, self.persons_in(i, known))
            elif block.kind == "paragraph":
                if "\n" in block.text or (unit.links and unit.links[0].start <= 2) or _TIME_START.match(block.text):
                    for ln in lines(unit):
                        if ln.links and (ln.links[0].start <= 2 or _TIME_START.match(ln.text)):
                            found += from_unit(ln, self.rules, talky_context=False)
                if not found and len(block.text) <= 300:
                    for ln in lines(unit):
                        here = from_unit_parts(ln, self.rules, ctx, rule="line")
                        if not here and found:
                            follow_line(found[-1], ln, self.rules, ctx)   # its link or speakers, a line below
                        found += here
            found = [t for t in found if not never_title(t.title, self.rules)
                     and not (t.speakers and set(t.speakers) <= dialogue)]
            if found:
                self.talk_blocks.setdefault(i, [])
            if not found and block.kind == "paragraph" and i > 0:
                found = self.announced_title(i, known)
            if block.kind in ("paragraph", "list_item", "quote") and not found:
                used: set[int] = set()
                persons = self.persons_in(i, known)
                starts = [p[0] for p in persons]
                before = None          # the sentence before, when it named no talk
                attached = False       # a resource of this block went to the last talk
                for sent in sentences(unit):
                    lo = bisect.bisect_left(starts, sent.offset)
                    hi = bisect.bisect_left(starts, sent.offset + len(sent.text))
                    here_persons = [(a - sent.offset, b - sent.offset, n) for a, b, n in persons[lo:hi]]
                    here = from_sentence(sent, self.rules, author=author, known_first=self.known_first)
                    if not here:
                        here = subject_talks(sent, self.rules, here_persons, block.emphasis)
                    if not here:
                        here = linked_talks(sent, self.rules, here_persons, talky=ctx.cue)
                    if not here and before is not None:     # "The next talk was [Title]. Its speaker, A, ..."
                        here = speaker_next(before, sent, self.rules, here_persons)
                    if not here:       # read last: a narrative may tell more of a talk named otherwise
                        more = clause_talks(sent, self.rules, here_persons, story, talky=ctx.cue, short_names=short)
                        here = [t for t in more if t.rule == "prose-narrative-kind"]     # "the day 1 keynote"
                        told += [(t, i) for t in more if t.rule != "prose-narrative-kind"]
                    here = [t for t in here if not never_title(t.title, self.rules)]
                    before = None if any(t.speakers for t in here) else sent
                    for t in here:
                        key = self.add_talk(t, i)
                        if key:
                            self.talk_blocks.setdefault(i, []).append(key)
                            last_block = i
                        last_talk = key or last_talk
                    if here:
                        used |= {id(s.link) for s in sent.links}
                        self.talk_blocks.setdefault(i, [])
                    if not here and last_talk and last_block >= 0 and not self._other_people(last_talk, here_persons):
                        for res in trailing_resources(sent, self.rules, used):
                            attached = True
                            self.add_resource(last_talk, res, sent.flat(), "prose-following-resource", 0.6)
                if block.kind == "list_item" and i not in self.talk_blocks and not attached:
                    last_block = -1      # an entry of a list that gave no talk: what follows is not the last talk's
                continue
            prev = [k for k in self.talk_blocks.get(i - 1, ()) if self.c.has(k) and
                    any(r[0] == "PRESENTED" for r in self.c.relations_of(k))] if block.kind == "paragraph" else []
            for t in found:
                if len(prev) == 1 and recording_of(self.c.get(prev[0]).name, t):   # "YouTube Link: [Title, in full](video)"
                    self.c.mention("Talk", self.c.get(prev[0]).name, self.ev(t.line, t.text, t.rule, t.confidence),
                                   key=prev[0], alias=t.title)
                    for res in t.resources:
                        self.add_resource(prev[0], res, t.text, t.rule, t.confidence)
                    continue
                key = self.add_talk(t, i)
                if key:
                    self.talk_blocks.setdefault(i, []).append(key)
                    last_block = i
                last_talk = key or last_talk
        self.section_talks(known)
        for t, i in told:
            if not never_title(t.title, self.rules) and not told_before(self.c, r.blocks, i, t.speakers):
                key = self.add_talk(t, i)
                if key:
                    self.talk_blocks.setdefault(i, []).append(key)
        if not self.c.keys("Talk"):
            self.talk_page(known)
        self.merge_section_talks()

    def _other_people(self, talk: str, persons: list[tuple[int, int, str]]) -> bool:
        """A sentence naming people none of whom presents ``talk`` is about another talk."""
        if not persons:
            return False
        speakers = {norm_key(self.c.get(s).name) for t, s, d in self.c.relations_of(talk) if t == "PRESENTED" and d == talk}
        return not any(norm_key(n) in speakers for _, _, n in persons)

    def own_talks(self) -> None:
        """A page of its author's own talks ("Talks", "Speaking", "talks I have given"):
        the talks it lists without a speaker are the author's."""
        if not self.author_key:
            return
        r = self.report
        lead = " ".join(b.text for b in r.blocks[:3] if b.kind != "heading")
        if not (self.rules.compiled("own_talks_title").match(r.title or "")
                or self.rules.compiled("own_talks_lead").search(lead)):
            return
        for k in self.c.keys("Talk"):
            if any(t == "PRESENTED" for t, _, _ in self.c.relations_of(k)):
                continue
            first = self.c.get(k).evidence[0]
            self.c.relate("PRESENTED", self.author_key, k,
                          self.ev(first.line, first.text, "own-talks-page", 0.6))

    def merge_section_talks(self) -> None:
        """One talk named twice in a section: "the talk "X" by A" and a recording link
        "[Series - X: subtitle](video)" below it. A talk without speakers whose title holds,
        or is held by, the title of a talk with speakers in the same section joins it."""
        by_section: dict[str, list[str]] = {}
        for i, keys in self.talk_blocks.items():
            for k in keys:
                if self.c.has(k):
                    by_section.setdefault(self.report.blocks[i].section, []).append(k)
        for keys in by_section.values():
            keys = list(dict.fromkeys(keys))
            spoken = [k for k in keys if any(r[0] == "PRESENTED" for r in self.c.relations_of(k))]
            for k in keys:
                if k in spoken or not self.c.has(k):
                    continue
                mine = norm_key(self.c.get(k).name)
                for other in spoken:
                    theirs = norm_key(self.c.get(other).name)
                    if min(len(mine), len(theirs)) >= 12 and (theirs in mine or mine in theirs):
                        name = self.c.get(other).name
                        self.c.rename(k, other)
                        self.c.get(other).name = name
                        break

    def talk_page(self, known: frozenset[str]) -> None:
        """A report that is one talk's page (see ``talk_page``)."""
        def bio_speaker(i: int) -> str | None:
            persons = self.persons_in(i, known)
            return persons[0][2] if persons and persons[0][0] < 5 else None
        talk = talk_page(self.report, self.rules, bio_speaker)
        if talk:
            self.add_talk(talk, 0)

    def announced_title(self, i: int, known: frozenset[str]) -> list[TalkFound]:
        """"Then came **Jane Doe**, Role at Org, with a talk:" and, on its own below, the title
        in bold, italics or quotes."""
        block, before = self.report.blocks[i], self.report.blocks[i - 1]
        title = block.text.strip().strip("\"“”")
        if not (block.emphasis and block.emphasis[0].strip(" .") == title.strip(" .")) and \
                not (block.text.strip()[:1] in "\"“" and block.text.strip()[-1:] in "\"”"):
            return []
        if before.kind != "paragraph" or not before.text.rstrip().endswith(":") or not is_talky(before.text):
            return []
        persons = self.persons_in(i - 1, known)
        if not persons or not is_title_like(title, self.rules, strong=True):
            return []
        speakers = list(dict.fromkeys(p[2] for p in persons))
        return [TalkFound(clean_title(title), block.line, f"{before.text[-200:]} {title}", "announced-title", 0.7,
                          speakers, [], [], block=i)]

    def section_talks(self, known: frozenset[str]) -> None:
        """One heading per talk: the speaker in the prose below, players in the section."""
        blocks = self.report.blocks
        talky = False
        parents: list[int] = []          # open headings, outermost first
        for i, block in enumerate(blocks):
            if block.kind != "heading":
                continue
            while parents and blocks[parents[-1]].level >= block.level:
                parents.pop()
            parent = parents[-1] if parents else None
            parents.append(i)
            body = self._section_body(i)
            listed = parent is not None and is_talky(blocks[parent].text)
            heirs = self.section_heirs(parent, known) if listed else []
            if not heirs and self._first_person(body):
                heirs = self._author_names()
            ctx = Context(known, talky or listed or is_talky(block.section) or is_talky(self.report.title),
                          block.emphasis, self.not_people(i), tuple(heirs), listed)
            in_body = [k for j in body for k in self.talk_blocks.get(j, ()) if self.c.has(k)]
            own = from_unit_parts(self.units[i], self.rules, ctx, rule="heading")
            if own and own[0].speakers:
                found = own          # "Title by Name": a talk, whatever the prose below says of it
                found[0].resources = found[0].resources + section_resources([self.units[j] for j in body], self.rules)
            elif body and any(j in self.talk_blocks for j in body):
                talky = True
                continue
            else:
                docs = [self.docs[j] if j < len(self.docs) else None for j in body]
                found = from_section(self.units[i], [self.units[j] for j in body], docs, self.rules, ctx,
                                     [blocks[j].emphasis for j in body])
            for t in found:
                key = self.add_talk(t, i)
                talky = True
                if key and len(in_body) == 1 and in_body[0] != key and \
                        SequenceMatcher(None, norm_key(self.c.get(in_body[0]).name), norm_key(t.title)).ratio() >= 0.8:
                    name = self.c.get(key).name
                    self.c.rename(in_body[0], key)
                    self.c.get(key).name = name

    def _section_body(self, i: int) -> list[int]:
        """Blocks under heading ``i`` up to the next heading."""
        blocks = self.report.blocks
        body = []
        for j in range(i + 1, len(blocks)):
            if blocks[j].kind == "heading":
                break
            body.append(j)
        return body

    def _first_person(self, body: list[int]) -> bool:
        rx = self.rules.compiled("first_person_talk")
        return any(rx.search(self.report.blocks[j].text) for j in body[:3])

    def _author_names(self) -> list[str]:
        return [self.c.get(self.author_key).name] if self.author_key and self.c.has(self.author_key) else []

    def section_heirs(self, parent: int, known: frozenset[str]) -> list[str]:
        """Speakers a section about talks gives the talks under it: the people its lead-in
        names ("I gave 2 talks with A"), and the author when it speaks in the first person."""
        body = self._section_body(parent)
        units = [self.units[j] for j in body]
        docs = [self.docs[j] if j < len(self.docs) else None for j in body]
        ctx = Context(known, True, (), self.not_people(parent))
        names, _, _ = section_people(units, docs, self.rules, ctx, [self.report.blocks[j].emphasis for j in body])
        if not self._first_person(body):
            return names
        rx = self.rules.compiled("first_person_talk")
        if not names:          # "I gave two talks with A": the names beside the first person
            names = [n for j in body[:3] if rx.search(self.report.blocks[j].text) for _, _, n in self.persons_in(j, known)]
        return list(dict.fromkeys(self._author_names() + names))

    def talk_event(self, t: TalkFound, block_index: int) -> str | None:
        key = self._talk_event(t, block_index)
        return edition_of_year(self, key, t.text, t.line) if key else key

    def _talk_event(self, t: TalkFound, block_index: int) -> str | None:
        if t.event_name:
            key = self._event_named(t)
            if key:
                return key
        hint = t.event_hint or ""
        spans = self._hint_events.get(hint)
        if spans is None:
            spans = self._hint_events[hint] = find_events(hint, self.rules) if hint.strip() else []
        pos = hint.find(t.title[:20]) if t.title else -1
        if pos >= 0:
            spans = [s for s in spans if s.start > pos] + [s for s in reversed(spans) if s.start <= pos]
        for span in spans:
            key = self._current(event_key_of(span.series, span.year))
            if self.c.has(key) and not self.c.get(key).attrs.get("sub_event"):
                return key
            for k in self.c.keys("Event"):
                if norm_key(self.c.get(k).attrs["series"]) == norm_key(span.series) and \
                        not self.c.get(k).attrs.get("sub_event"):
                    return k
        block = self.report.blocks[block_index]
        if t.rule.startswith("prose"):
            heading = self._heading_of(block_index)
            # the talk's own paragraph, its heading, then the paragraphs before it in its
            # section (the event a narrative is about carries on until another is named)
            for j in [block_index, heading, *range(block_index - 1, heading if heading is not None else -1, -1)]:
                evs = [k for k in self.events_of_block(j) if not self.c.get(k).attrs.get("sub_event")] \
                    if j is not None else []
                if evs:
                    return evs[0] if j in (block_index, heading) else evs[-1]   # the last one named before
            return self.main_event
        # the lead-in paragraph of the list, then the headings above it (nearest first)
        lead: list[str] = []
        level = 99
        for j in range(block_index - 1, -1, -1):
            b = self.report.blocks[j]
            evs = [k for k in self.events_of_block(j) if not self.c.get(k).attrs.get("sub_event")]
            if b.kind == "paragraph" and b.section == block.section and not lead and level == 99:
                lead = evs or lead
                if len(lead) == 1:
                    return lead[0]
            if b.kind == "heading" and b.level < level:
                level = b.level
                if evs:
                    return evs[0]
                if lead:
                    return lead[0]
        if lead:
            return lead[0]
        return self.main_event

    def _event_named(self, t: TalkFound) -> str | None:
        """The event of "X presented [Title] at Norwalk IO": a known one, or a new one."""
        name = t.event_name
        spans = find_events(name, self.rules)
        if spans:
            s = spans[0]
            key = self._current(event_key_of(s.series, s.year))
            if self.c.has(key) or t.rule != "talk-page":
                return key if self.c.has(key) else None
            return self.event_key(s, t.line, t.text)       # the event a talk page's front matter names
        if gazetteer.find(name, ("organizations", "places", "projects")) or looks_like_person(name, self.rules):
            return None
        year = self.report.date.year if self.report.date else None
        series = re.sub(r"\s+(?:19|20)\d{2}$", "", name)
        m = re.search(r"((?:19|20)\d{2})$", name)
        year = int(m.group(1)) if m else year
        return self.c.mention("Event", f"{series} {year}" if year else series,
                              self.ev(t.line, t.text, "prose-talk-at-event", 0.5),
                              key=event_key_of(series, year),
                              attrs={"series": series, "year": year, "sub_event": False}, alias=name)

    def _heading_of(self, block_index: int) -> int | None:
        for j in range(block_index - 1, -1, -1):
            if self.report.blocks[j].kind == "heading":
                return j
        return None

    def add_talk(self, t: TalkFound, block_index: int) -> str | None:
        if never_title(t.title, self.rules):
            return None
        title, event_part = without_event(t.title, self.rules)
        if event_part:
            t.title, t.event_hint = title, t.event_hint or event_part
        ev = self.ev(t.line, t.text, t.rule, t.confidence)
        event = self.talk_event(t, block_index)
        key = self.c.mention("Talk", t.title, ev, attrs={"kind": t.kind})
        for alias in t.aliases:
            self.c.mention("Talk", t.title, ev, key=key, alias=alias)
        if event:
            self.c.relate("PRESENTED_AT", key, event, ev)
        for name in t.speakers:
            if name == (self.c.get(self.author_key).name if self.author_key else None):
                pk = self.author_key
                self.c.get(pk).evidence.append(ev)
            else:
                pk = self.person(name, t.line, t.text, t.rule, t.confidence)
            self.c.relate("PRESENTED", pk, key, ev)
            for who, org in t.affiliations:
                if who == name:
                    ok = self.org(org, t.line, t.text, t.rule, t.confidence, after_name=True)
                    if ok:
                        self.c.relate("AFFILIATED_WITH", pk, ok, ev)
        for res in t.resources:
            self.add_resource(key, res, t.text, t.rule, t.confidence)
        for hit in gazetteer.find(t.title, ("projects",)):
            if not projects.plain_hit(t.title, hit, self.rules):
                continue
            pk = self.c.mention("Project", hit.entry.name, ev, alias=hit.surface)
            self.c.relate("ABOUT", key, pk, ev)
        return key

    def add_resource(self, talk_key: str, res: L.ResourceRef, text: str, rule: str, conf: float):
        label, url, kind, line = res
        if not L.is_page(url):
            return
        ev = self.ev(line, text, rule, conf)
        rk = self.c.mention("Resource", label or url, ev, key=f"Resource:{url}", attrs={"url": url, "kind": kind})
        self.c.relate("HAS_RESOURCE", talk_key, rk, ev)

    # event relations ---------------------------------------------------------
    def relations_pass(self):
        r = self.report
        co = self.rules.compiled("co_location")
        units = list(self.units)
        if r.title:
            units.insert(0, Unit(-1, "title", r.title, r.meta_line, "", []))
        summary = r.meta.get("description") or r.meta.get("summary")
        if isinstance(summary, str):        # "A recap of X, at the McCormick Place in Chicago."
            units.insert(1 if r.title else 0, Unit(-1, "paragraph", summary, r.meta_line, "", []))
        for unit in units:
            pieces = [unit] if unit.kind in ("heading", "title") else sentences(unit)
            for sent in pieces:
                spans = [s for s in find_events(sent.text, self.rules)]
                keys = []
                for s in spans:
                    k = self._current(event_key_of(s.series, s.year))
                    if not self.c.has(k):
                        k = next((x for x in self.c.keys("Event")
                                  if norm_key(self.c.get(x).attrs["series"]) == norm_key(s.series)), None)
                    keys.append((s, k))
                keys = [(s, k) for s, k in keys if k]
                line = sent.line
                if len({k for _, k in keys}) >= 2 and co.search(sent.text):
                    for a, b in colocated_pairs(sent.text, keys, co):
                        self.c.relate("CO_LOCATED_WITH", *sorted((a, b)), self.ev(line, sent.flat(), "co-location", 0.8))
                elif len(keys) == 1 and co.search(sent.text) and self.main_event and keys[0][1] != self.main_event:
                    self.c.relate("CO_LOCATED_WITH", *sorted((keys[0][1], self.main_event)),
                                  self.ev(line, sent.flat(), "co-location-main", 0.6))
                places_in(self, sent, keys, co.search(sent.text) is not None)
        for k in self.c.keys("Event"):
            parent = parent_event(self, k) if self.c.get(k).attrs.get("sub_event") else None
            if parent and parent != k:
                self.c.relate("PART_OF", k, parent, self.c.get(k).evidence[0])
        front_matter_places(self)

    def linked_projects(self):
        """Links to a project's repository or package page, and versions and components of known projects."""
        for found in projects.linked(self.report, self.rules) + projects.extended(self.report, self.rules):
            self._project(found)

    def described_projects(self):
        """Names a noun of software describes or follows, manual-page names, names with a software suffix;
        then the talks whose title or own text names a project are ABOUT it, and a name the report gives
        an organization is not also a product."""
        for found in projects.described(self.report, self.rules) + projects.cued(self.report, self.rules):
            self._project(found)
        for key in projects.organizations_named(self.c, projects.employers(self.report, self.rules)):
            self.c.drop(key)
        for talk, project, ev in projects.talk_subjects(self.c):
            self.c.relate("ABOUT", talk, project, ev)

    def _project(self, found: projects.ProjectFound) -> None:
        found = projects.canonical(found)
        self.c.mention("Project", found.name, self.ev(found.line, found.text, found.rule, found.confidence),
                       alias=found.alias)

    def tags(self):
        r = self.report
        generic = {t.casefold() for t in self.rules["generic_tags"]}
        for tag in r.tags:
            hits = [h for h in gazetteer.find(tag, ("projects",)) if h.start == 0 and h.end == len(tag)]
            for hit in hits:
                self.c.mention("Project", hit.entry.name, self.ev(r.meta_line, f"tags: {tag}", "front-matter-tag", 0.8),
                               alias=hit.surface)
            if hits or tag.casefold() in generic or " " in tag.strip() or not tag.isalpha() or len(tag) < 4:
                continue
            if gazetteer.find(tag, ("organizations", "events", "places")) or find_events(tag, self.rules):
                continue
            # a tag the text writes as a name, twice or more, mid-sentence ("hawkular" -> "Hawkular")
            seen = []
            for block in r.blocks:
                if block.kind == "heading":
                    continue
                for m in re.finditer(rf"(?<![\w-]){re.escape(tag)}(?![\w-])", block.text, re.IGNORECASE):
                    before = block.text[max(0, m.start() - 2):m.start()].strip()
                    if m.group(0) != m.group(0).lower() and m.start() > 0 and before not in (".", "!", "?", "#", ""):
                        seen.append((block, m))
            if len(seen) >= 2 and not find_events(seen[0][1].group(0), self.rules):
                block, m = seen[0]
                self.c.mention("Project", m.group(0), self.ev(block.line_of(m.start()), _context(block.text, m.start()),
                                                              "front-matter-tag-in-text", 0.5), alias=tag)



def event_key_of(series: str, year: int | None) -> str:
    """The one key of an edition within a report's extraction: series and year."""
    return f"Event:{norm_key(series)}|{year or ''}"


def _series_key(series: str) -> str:
    """A series' key with its region written one way ("NA" and "North America" alike)."""
    words = norm_key(series).split()
    for tokens, display in lexicon.regions():
        n = len(tokens)
        if n < len(words) and tuple(words[-n:]) == tokens:
            return " ".join(words[:-n] + norm_key(display).split())
    return " ".join(words)


def _trim_org(org: str | None) -> str:
    org = (org or "").strip(" ,.;:")
    words = org.split()
    while words and words[-1] in ("of", "and", "&", "for", "de", "the"):
        words.pop()
    return " ".join(words)


def _text_year(report: Report) -> int | None:
    """The year an undated report names most often ("Dates: February 16 and 17, 2022")."""
    counts: dict[int, int] = {}
    for block in report.blocks:
        for m in re.finditer(r"(?<![\d/.-])((?:19|20)\d{2})(?![\d/-])", block.text):
            counts[int(m.group(1))] = counts.get(int(m.group(1)), 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    winners = [y for y, n in counts.items() if n == best]
    return winners[0] if len(winners) == 1 else None


def _context(text: str, pos: int, width: int = 200) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)][:width * 2]


_PLACE_BEFORE = re.compile(r"\b(?:in|at|from|to|near|around)\s+(?:the\s+)?$")
_PLACE_AFTER = re.compile(r"^,\s*(?:[A-Z]{2}\b|(?P<next>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?))")


def _place_cue(text: str, start: int, end: int) -> bool:
    """"in Lyon", "to Brussels", "Lyon, France", "Portland, OR": a place named as a place."""
    if _PLACE_BEFORE.search(text[max(0, start - 12):start]):
        return True
    m = _PLACE_AFTER.match(text[end:end + 40])
    return bool(m and (not m.group("next") or gazetteer.find(m.group("next"), ("places",))))


def _good_place(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 4 and name[:1].isupper() and not any(ch.isdigit() for ch in name) \
        and not name.isupper() and len(name) > 2


def _looks_like_talk_title(text: str) -> bool:
    return len(text.split()) >= 4


def _event_link(link_text: str, span: EventSpan) -> bool:
    return span.end - span.start >= len(link_text.strip()) - 6


def _in_link_title(block, pos: int) -> bool:
    for link in block.links:
        i = block.text.find(link.text)
        if 0 <= i <= pos < i + len(link.text) and len(link.text.split()) >= 4:
            return True
    return False
