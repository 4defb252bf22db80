"""A parsed programme as a Report: one block per session, the programme in ``meta``."""
from __future__ import annotations

import datetime as dt
from typing import Any

from graphbuild.readers.text import Source
from graphbuild.schedules.model import Schedule, Session
from graphbuild.types import Block, Link, Report


def session_text(s: Session) -> str:
    """One line that says what the programme says of a session (provenance text)."""
    who = ", ".join(sp.name for sp in s.speakers)
    when = " ".join(part for part in (s.start.replace("T", " ")[:16], s.room) if part)
    return " — ".join(part for part in (s.title, who, when) if part)


def _date(schedule: Schedule) -> dt.date | None:
    for text in (schedule.conference.start, *(s.start[:10] for s in schedule.sessions)):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            continue
    return None


def warning(schedule: Schedule) -> str:
    problems = schedule.problems
    more = f"; {len(problems) - 1} more problem(s)" if len(problems) > 1 else ""
    return f"schedule does not validate: {problems[0]}{more}; read as far as possible"


def schedule_report(schedule: Schedule, data: dict[str, Any], *, source: Source, path: str,
                    report_id: str) -> Report:
    blocks: list[Block] = []
    links: list[Link] = []
    for i, s in enumerate(schedule.sessions):
        own = [Link(s.title, s.url, s.line, i)] if s.url else []
        own += [Link(k.title or k.kind, k.url, k.line, i) for k in s.links]
        blocks.append(Block("session", session_text(s), s.line, s.line, section=s.track, links=tuple(own)))
        links.extend(own)
    conf = schedule.conference
    return Report(
        id=report_id, path=path, format=schedule.format, title=conf.title or conf.acronym,
        date=_date(schedule), meta={"schedule": data}, meta_line=conf.line,
        body_line=min((s.line for s in schedule.sessions), default=conf.line),
        blocks=tuple(blocks), links=tuple(sorted(links, key=lambda k: k.line)), sha256=source.sha256,
        warnings=tuple(source.warnings) + ((warning(schedule),) if schedule.problems else ()))
