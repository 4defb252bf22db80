"""Records of a conference programme, whatever format it was read from.

A reader (``frab``, ``c3voc``, ``ical``) turns a file into a ``Schedule``;
``graphbuild.schedules.report`` keeps it in ``Report.meta["schedule"]`` as a
plain dict (``to_dict``) so reports stay JSON-safe and cacheable, and
``from_dict`` gives the records back to build the Extraction.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SessionLink:
    """A link of a session: slides, video, an attachment or the session's own page."""
    url: str
    title: str
    kind: str            # a graphbuild resource kind (types.RESOURCE_KINDS)
    line: int


@dataclass(frozen=True)
class Speaker:
    name: str
    id: str              # the schedule's person id ("" when the schedule gives none)
    line: int


@dataclass(frozen=True)
class Session:
    """One scheduled item: a talk, keynote, workshop, lightning talk ..."""
    id: str              # the schedule's id or guid; the line number when it has none
    title: str
    line: int            # of the element (XML), object (JSON) or BEGIN:VEVENT (iCal)
    subtitle: str = ""
    speakers: tuple[Speaker, ...] = ()
    track: str = ""
    room: str = ""
    start: str = ""      # ISO 8601 date and time, with offset when the schedule gives one
    duration: int | None = None   # minutes
    type: str = ""       # as the schedule writes it ("lecture", "lightning_talk", ...)
    abstract: str = ""
    url: str = ""        # the session's own page
    links: tuple[SessionLink, ...] = ()


@dataclass(frozen=True)
class Track:
    name: str
    line: int
    devroom: bool = False


@dataclass(frozen=True)
class Conference:
    title: str
    line: int
    acronym: str = ""
    start: str = ""      # ISO date
    end: str = ""
    city: str = ""
    venue: str = ""
    url: str = ""


@dataclass(frozen=True)
class Schedule:
    format: str          # "schedule-frab", "schedule-json", "ical"
    conference: Conference
    sessions: tuple[Session, ...] = ()
    tracks: tuple[Track, ...] = ()
    problems: tuple[str, ...] = ()   # what did not validate; the rest was read


def to_dict(schedule: Schedule) -> dict[str, Any]:
    """``dataclasses.asdict`` of a Schedule, written out (asdict is slow on 10,000 sessions)."""
    return {"format": schedule.format, "conference": vars(schedule.conference).copy(),
            "sessions": [{**vars(s), "speakers": [vars(p).copy() for p in s.speakers],
                          "links": [vars(k).copy() for k in s.links]} for s in schedule.sessions],
            "tracks": [vars(t).copy() for t in schedule.tracks], "problems": list(schedule.problems)}


def from_dict(data: dict[str, Any]) -> Schedule:
    def session(d: dict) -> Session:
        return Session(**{**d, "speakers": tuple(Speaker(**s) for s in d.get("speakers", ())),
                          "links": tuple(SessionLink(**k) for k in d.get("links", ()))})

    return Schedule(format=data["format"], conference=Conference(**data["conference"]),
                    sessions=tuple(session(s) for s in data.get("sessions", ())),
                    tracks=tuple(Track(**t) for t in data.get("tracks", ())),
                    problems=tuple(data.get("problems", ())))
