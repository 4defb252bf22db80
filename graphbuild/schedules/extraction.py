"""A programme's Report -> Extraction, built from the parsed programme (no NLP).

The conference is an Event edition (series and year, HELD_IN its city and
venue, its page an EVENT_RESOURCE); each session a Talk with its speakers,
resources and attributes (``session_id``, ``room``, ``start``, ``duration``,
``track``, ``abstract``, ``kind``); a devroom track a sub-event PART_OF the
edition. Every mention cites the line of its element in the programme file.
"""
from __future__ import annotations

import re
from typing import Any

from graphbuild.extract import gazetteer
from graphbuild.ids import slugify
from graphbuild.schedules import vocab
from graphbuild.schedules.model import Schedule, Session, from_dict
from graphbuild.schedules.report import session_text
from graphbuild.types import Evidence, Extraction, Mention, Relation, Report

VERSION = "schedule-1"
_YEAR_END = re.compile(r"^(?P<series>.*?)[\s'’-]*(?P<year>(?:19|20)\d\d)$")
ABSTRACT_CHARS = 2000      # longer abstracts are cut (the programme keeps the full text)


class _Builder:
    def __init__(self, report: Report, rule: str) -> None:
        self.report, self.rule = report, rule
        self.mentions: dict[str, dict[str, Any]] = {}
        self.relations: dict[tuple[str, str, str], list[Evidence]] = {}

    def ev(self, line: int, text: str) -> Evidence:
        text = " ".join(text.split())
        return Evidence(self.report.id, max(1, int(line)), text[:297] + "..." if len(text) > 300 else text,
                        self.rule, 1.0)

    def mention(self, key: str, type_: str, name: str, ev: Evidence, attrs: dict | None = None,
                aliases: tuple[str, ...] = ()) -> str:
        m = self.mentions.setdefault(key, {"type": type_, "name": name, "evidence": [], "attrs": {},
                                           "aliases": set()})
        m["evidence"].append(ev)
        for k, v in (attrs or {}).items():
            if v not in (None, "") and k not in m["attrs"]:
                m["attrs"][k] = v
        m["aliases"].update(a for a in (*aliases, name) if a and a != m["name"])
        return key

    def relate(self, type_: str, source: str, target: str, ev: Evidence) -> None:
        if source != target:
            self.relations.setdefault((type_, source, target), []).append(ev)

    def result(self) -> Extraction:
        mentions = tuple(Mention(k, m["type"], m["name"], tuple(m["evidence"]), dict(m["attrs"]),
                                 tuple(sorted(m["aliases"])))
                         for k, m in sorted(self.mentions.items()))
        relations = tuple(Relation(t, s, d, tuple(evs)) for (t, s, d), evs in sorted(self.relations.items()))
        return Extraction(report=self.report, mentions=mentions, relations=relations, pipeline=VERSION)


def extract_schedule(report: Report) -> Extraction:
    """The Extraction of a Report made by ``graphbuild.schedules.read_report``."""
    schedule = from_dict(report.meta["schedule"])
    b = _Builder(report, schedule.format)
    conf = schedule.conference
    conf_ev = b.ev(conf.line, " ".join(p for p in (conf.title, conf.acronym, conf.start) if p))
    b.mention("report", "Report", report.title or report.path, b.ev(report.meta_line, report.title), {
        "id": report.id, "path": report.path, "title": report.title,
        "date": report.date.isoformat() if report.date else None, "authors": [], "tags": [],
        "format": report.format})
    event = _edition(b, schedule, report, conf_ev)
    devrooms = {}
    for track in schedule.tracks:
        if track.devroom and event:
            ev = b.ev(track.line, f"track: {track.name}")
            devrooms[track.name] = b.mention(f"track:{track.name}", "Event", track.name, ev,
                                             {"series": track.name, "year": _year(report), "sub_event": True})
            b.relate("PART_OF", devrooms[track.name], event, ev)
    for session in schedule.sessions:
        _talk(b, session, event, devrooms.get(session.track))
    return b.result()


def _year(report: Report) -> int | None:
    return report.date.year if report.date else None


def _edition(b: _Builder, schedule: Schedule, report: Report, ev: Evidence) -> str | None:
    conf = schedule.conference
    name = conf.title or conf.acronym or report.path.rsplit("/", 1)[-1].split(".")[0]
    m = _YEAR_END.match(name.strip())
    series, year = (m.group("series").strip(), int(m.group("year"))) if m and m.group("series").strip() \
        else (name.strip(), _year(report))
    if not series:
        return None
    label = f"{series} {year}" if year else series
    event = b.mention("event", "Event", label, ev, {"series": series, "year": year, "sub_event": False},
                      aliases=tuple(a for a in (conf.title, conf.acronym) if a and a != label))
    for place in (conf.city, conf.venue):
        if place:
            pk = b.mention(f"place:{place}", "Place", place, ev)
            b.relate("HELD_IN", event, pk, ev)
    if conf.url:
        rk = b.mention(f"resource:{conf.url}", "Resource", conf.title or conf.url, ev,
                       {"url": conf.url, "kind": "schedule"})
        b.relate("EVENT_RESOURCE", event, rk, ev)
    return event


def _talk(b: _Builder, s: Session, event: str | None, devroom: str | None) -> None:
    ev = b.ev(s.line, session_text(s))
    aliases = (s.subtitle, f"{s.title}: {s.subtitle}") if s.subtitle else ()
    abstract = s.abstract if len(s.abstract) <= ABSTRACT_CHARS else s.abstract[:ABSTRACT_CHARS - 1] + "…"
    talk = b.mention(f"talk:{s.id}", "Talk", s.title, ev, {
        "kind": vocab.talk_kind(s.type), "session_id": s.id, "room": s.room, "start": s.start,
        "duration": s.duration, "track": s.track, "abstract": abstract}, aliases=aliases)
    for target in (event, devroom):
        if target:
            b.relate("PRESENTED_AT", talk, target, ev)
    for sp in s.speakers:
        key = f"person:{sp.id}" if sp.id else f"person:{slugify(sp.name)}"
        person = b.mention(key, "Person", sp.name, b.ev(sp.line, f"{sp.name} — {s.title}"),
                           {"schedule_id": sp.id})
        b.relate("PRESENTED", person, talk, ev)
    links = [(s.url, s.title, "schedule", s.line)] if s.url else []
    links += [(k.url, k.title or k.kind, k.kind, k.line) for k in s.links]
    for url, title, kind, line in links:
        link_ev = b.ev(line, f"{title}: {url}")
        rk = b.mention(f"resource:{url}", "Resource", title or url, link_ev, {"url": url, "kind": kind})
        b.relate("HAS_RESOURCE", talk, rk, link_ev)
    for hit in gazetteer.find(s.title, ("projects",)):
        pk = b.mention(f"project:{hit.entry.name}", "Project", hit.entry.name, ev, aliases=(hit.surface,))
        b.relate("ABOUT", talk, pk, ev)
