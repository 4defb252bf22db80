"""Schedule JSON in the C3VOC schema (frab and pretalx ``schedule.json``).

    {"schedule": {"conference": {"title", "acronym", "start", "end", "tracks": [...],
      "days": [{"date", "rooms": {"Room": [{"guid", "id", "title", "subtitle", "date",
      "start", "duration", "room", "track", "type", "abstract", "url",
      "persons": [{"id"|"guid", "name"|"public_name"}], "links": [{"url", "title"}],
      "attachments": [...]}]}}]}}}

``conference`` may also carry ``city`` and ``venue`` (or ``location``).
"""
from __future__ import annotations

from typing import Any

from graphbuild.schedules import vocab
from graphbuild.schedules.jsonlines import loads
from graphbuild.schedules.model import Conference, Schedule, Session, SessionLink, Speaker, Track
from graphbuild.schedules.times import iso_date, iso_start, minutes

FORMAT = "schedule-json"


class NotASchedule(ValueError):
    """JSON, but not a schedule."""


def looks_like(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("schedule"), dict) \
        and isinstance(value["schedule"].get("conference"), dict)


def read(text: str) -> Schedule:
    """The schedule in ``text``. ValueError when it is not JSON, NotASchedule when
    it is JSON of another kind."""
    value, lines = loads(text)
    if not looks_like(value):
        raise NotASchedule("JSON without schedule.conference: not a C3VOC/frab/pretalx schedule")
    reader = _Reader(lines)
    return reader.schedule(value["schedule"]["conference"])


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, (str, int, float)) else ""


class _Reader:
    def __init__(self, lines: dict[int, int]) -> None:
        self.lines = lines
        self.problems: list[str] = []

    def line(self, obj: Any, default: int = 1) -> int:
        return self.lines.get(id(obj), default)

    def schedule(self, conf: dict) -> Schedule:
        line = self.line(conf)
        title = _text(conf.get("title"))
        if not title:
            self.problems.append(f"line {line}: conference has no title")
        conference = Conference(
            title=title, line=line, acronym=_text(conf.get("acronym")), start=iso_date(_text(conf.get("start"))),
            end=iso_date(_text(conf.get("end"))), city=_text(conf.get("city")),
            venue=_text(conf.get("venue") or conf.get("location")),
            url=_text(conf.get("url") or conf.get("base_url")))
        tracks: dict[str, Track] = {}
        for t in conf.get("tracks") or []:
            name = _text(t.get("name")) if isinstance(t, dict) else _text(t)
            if name:
                tracks[name] = Track(name, self.line(t, line), vocab.is_devroom(name))
        sessions = []
        days = conf.get("days")
        if not isinstance(days, list):
            self.problems.append(f"line {line}: conference has no list of days")
            days = []
        for day in days:
            rooms = day.get("rooms") if isinstance(day, dict) else None
            if not isinstance(rooms, dict):
                self.problems.append(f"line {self.line(day, line)}: day has no rooms object")
                continue
            for room, events in rooms.items():
                for event in events if isinstance(events, list) else []:
                    session = self.session(event, day, room) if isinstance(event, dict) else None
                    if session is None:
                        continue
                    sessions.append(session)
                    devroom = vocab.is_devroom(session.track, session.type)
                    if session.track and (session.track not in tracks or devroom and not tracks[session.track].devroom):
                        known = tracks.get(session.track)
                        tracks[session.track] = Track(session.track, known.line if known else session.line,
                                                      devroom or bool(known and known.devroom))
        if not sessions and not self.problems:
            self.problems.append("no sessions found under conference.days[].rooms")
        return Schedule(FORMAT, conference, tuple(sessions), tuple(tracks.values()), tuple(self.problems))

    def session(self, event: dict, day: dict, room: str) -> Session | None:
        line = self.line(event)
        title = _text(event.get("title"))
        if not title:
            self.problems.append(f"line {line}: event has no title; left out")
            return None
        try:
            duration = minutes(_text(event.get("duration")))
        except ValueError as exc:
            self.problems.append(f"line {line}: {exc}")
            duration = None
        start = iso_start(_text(event.get("date")), _text(day.get("date")), _text(event.get("start")))
        if not start:
            self.problems.append(f"line {line}: event {title!r} has no usable date or start")
        speakers = []
        for p in event.get("persons") or []:
            if isinstance(p, dict):
                name = _text(p.get("public_name") or p.get("name") or p.get("full_public_name"))
                if name:
                    pid = _text(p.get("id") or p.get("guid") or p.get("code"))
                    speakers.append(Speaker(name, pid, self.line(p, line)))
            elif _text(p):
                speakers.append(Speaker(_text(p), "", line))
        links = []
        for group in ("links", "attachments"):
            for link in event.get(group) or []:
                if isinstance(link, dict) and _text(link.get("url") or link.get("href")):
                    url = _text(link.get("url") or link.get("href"))
                    name = _text(link.get("title"))
                    links.append(SessionLink(url, name, vocab.link_kind(name, url), self.line(link, line)))
        abstract = event.get("abstract") or event.get("description") or ""
        return Session(
            id=_text(event.get("guid") or event.get("id") or event.get("code")) or str(line), title=title,
            line=line, subtitle=_text(event.get("subtitle")), speakers=tuple(speakers),
            track=_text(event.get("track")), room=_text(event.get("room")) or _text(room), start=start,
            duration=duration, type=_text(event.get("type")),
            abstract=abstract.strip() if isinstance(abstract, str) else "", url=_text(event.get("url")),
            links=tuple(links))
