"""iCalendar (``.ics``) programmes, as pretalx, sched and calendar tools export them.

Parsed with ``icalendar``. Per VEVENT: SUMMARY (title), DTSTART, DTEND or
DURATION, LOCATION (room), CATEGORIES (track, or a session type such as
"Keynote"), DESCRIPTION (abstract), URL (the session page), ATTACH (links),
ATTENDEE/ORGANIZER CN (speakers, without their addresses; pretalx writes "Title - Speaker, Speaker" in
SUMMARY instead). The calendar's X-WR-CALNAME (or NAME) names the conference.
"""
from __future__ import annotations

import datetime as dt
import re

from icalendar import Calendar

from graphbuild.schedules import vocab
from graphbuild.schedules.model import Conference, Schedule, Session, SessionLink, Speaker, Track

FORMAT = "ical"
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.M | re.I)


def read(text: str) -> Schedule:
    """The schedule in ``text``. ValueError when it is not iCalendar at all."""
    calendars = Calendar.from_ical(text, multiple=True)
    if not calendars:
        raise ValueError("no VCALENDAR found")
    event_lines = [text.count("\n", 0, m.start()) + 1 for m in _BEGIN_EVENT.finditer(text)]
    problems: list[str] = []
    cal = calendars[0]
    title = _str(cal.get("X-WR-CALNAME") or cal.get("NAME"))
    if not title:
        problems.append("line 1: calendar has no X-WR-CALNAME or NAME")
    pretalx = "pretalx" in _str(cal.get("PRODID")).casefold()
    sessions: list[Session] = []
    tracks: dict[str, Track] = {}
    events = [e for c in calendars for e in c.walk("VEVENT")]
    for n, event in enumerate(events):
        line = event_lines[n] if n < len(event_lines) else 1
        session = _session(event, line, pretalx, problems)
        if session is None:
            continue
        sessions.append(session)
        if session.track and session.track not in tracks:
            tracks[session.track] = Track(session.track, line, vocab.is_devroom(session.track, session.type))
    for comp in calendars:
        for sub in comp.walk():
            for prop, err in getattr(sub, "errors", ()):
                problems.append(f"{sub.name} {prop}: {err}")
    if not sessions and not problems:
        problems.append("no VEVENT sessions found")
    starts = sorted(s.start[:10] for s in sessions if s.start)
    conference = Conference(title=title, line=1, start=starts[0] if starts else "",
                            end=starts[-1] if starts else "", url=_str(cal.get("URL")))
    return Schedule(FORMAT, conference, tuple(sessions), tuple(tracks.values()), tuple(problems))


def _str(value) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _when(value) -> dt.date | dt.datetime | None:
    return getattr(value, "dt", None)


def _categories(event) -> list[str]:
    raw = event.get("CATEGORIES")
    items = raw if isinstance(raw, list) else [raw] if raw is not None else []
    return [_str(c) for item in items for c in getattr(item, "cats", [item]) if _str(c)]


def _speakers(event, line: int) -> list[Speaker]:
    found = []
    for prop in ("ORGANIZER", "ATTENDEE"):
        raw = event.get(prop)
        for addr in raw if isinstance(raw, list) else [raw] if raw is not None else []:
            name = _str(getattr(addr, "params", {}).get("CN", ""))
            if name and name not in [s.name for s in found]:
                found.append(Speaker(name, "", line))     # e-mail addresses stay out of the graph
    return found


def _session(event, line: int, pretalx: bool, problems: list[str]) -> Session | None:
    title = _str(event.get("SUMMARY"))
    if not title:
        problems.append(f"line {line}: VEVENT has no SUMMARY; left out")
        return None
    speakers = _speakers(event, line)
    if not speakers and pretalx and " - " in title:
        title, names = title.rsplit(" - ", 1)
        speakers = [Speaker(n.strip(), "", line) for n in re.split(r",\s*|\s+and\s+|\s*&\s*", names) if n.strip()]
    start, end = _when(event.get("DTSTART")), _when(event.get("DTEND"))
    duration = None
    if start is not None and end is not None:
        try:
            duration = int((end - start).total_seconds() // 60)
        except TypeError:
            problems.append(f"line {line}: DTSTART and DTEND of different kinds")
        if duration is not None and duration < 0:
            problems.append(f"line {line}: DTEND before DTSTART")
            duration = None
    elif event.get("DURATION") is not None:
        duration = int(event.get("DURATION").dt.total_seconds() // 60)
    if start is None:
        problems.append(f"line {line}: VEVENT {title!r} has no DTSTART")
    kinds = [c for c in _categories(event) if vocab.talk_kind(c) != "talk" or vocab.is_devroom(c)]
    others = [c for c in _categories(event) if c not in kinds]
    session_type = next((c for c in kinds if not vocab.is_devroom(c)), "")
    track = next((c for c in kinds if vocab.is_devroom(c)), "") or (others[0] if others else "")
    links = []
    raw = event.get("ATTACH")
    for item in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        url = _str(item)
        if url.startswith(("http://", "https://")):
            label = _str(getattr(item, "params", {}).get("FILENAME", ""))
            links.append(SessionLink(url, label, vocab.link_kind(label, url), line))
    return Session(
        id=_str(event.get("UID")) or str(line), title=title, line=line, speakers=tuple(speakers),
        track=track, room=_str(event.get("LOCATION")), start=start.isoformat() if start is not None else "",
        duration=duration, type=session_type, abstract=str(event.get("DESCRIPTION") or "").strip(),
        url=_str(event.get("URL")), links=tuple(links))
