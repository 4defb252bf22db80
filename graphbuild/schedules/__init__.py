"""Conference programmes as inputs: frab/Pentabarf ``schedule.xml``, C3VOC
schedule JSON and iCalendar ``.ics``.

``kind_of(text, suffix)`` recognises a programme by its content (and says
what an ``.xml``/``.json``/``.ics`` file that is not one should be read as);
``read_report`` makes it a ``Report`` whose ``meta["schedule"]`` holds the
parsed programme; ``graphbuild.schedules.extraction.extract_schedule`` turns
that Report into an Extraction directly, without language processing.
"""
from __future__ import annotations

import re

from graphbuild.errors import ReadError
from graphbuild.readers.text import Source
from graphbuild.schedules import c3voc, frab, ical
from graphbuild.schedules.model import to_dict
from graphbuild.schedules.report import schedule_report
from graphbuild.schedules.xmltree import HostileXML
from graphbuild.types import Report

__all__ = ["FORMATS", "SUFFIXES", "kind_of", "is_schedule", "read_report"]

FORMATS = {frab.FORMAT: frab.read, c3voc.FORMAT: c3voc.read, ical.FORMAT: ical.read}
SUFFIXES = (".xml", ".json", ".ics", ".ical")
_FIRST_ELEMENT = re.compile(r"<(?![?!])([\w.:-]+)")
_HEAD = 8192


def is_schedule(report: Report) -> bool:
    return report.format in FORMATS


def _root_element(head: str) -> str:
    text = re.sub(r"<!--.*?-->", "", head, flags=re.S)
    m = _FIRST_ELEMENT.search(text)
    return m.group(1).rsplit(":", 1)[-1].casefold() if m else ""


def kind_of(text: str, suffix: str) -> str | None:
    """A schedule format of FORMATS, "html" for an XHTML page, or None (not a
    programme: read by extension). ReadError for an ``.xml``/``.json``/``.ics``
    file that is neither a programme nor a page."""
    head = text[:_HEAD].lstrip()
    if head[:15].upper() == "BEGIN:VCALENDAR":
        return ical.FORMAT
    if suffix == ".xml" or head.startswith("<?xml"):
        root = _root_element(head)
        if root == "schedule":
            return frab.FORMAT
        if root == "html":
            return "html"
        if suffix == ".xml":
            raise ReadError(f"XML with root <{root or '?'}> is not a frab/Pentabarf schedule "
                            "(<schedule>) nor an XHTML page; skipped")
    if suffix == ".json" or (not suffix and head.startswith("{")):
        if head.startswith("{") and '"schedule"' in text and '"conference"' in text:
            return c3voc.FORMAT
        raise ReadError("JSON that is not a schedule (expected {\"schedule\": {\"conference\": ...}}, "
                        "the C3VOC schema of frab and pretalx); skipped")
    if suffix in (".ics", ".ical"):
        raise ReadError("no BEGIN:VCALENDAR at the start: not an iCalendar file; skipped")
    return None


def read_report(source: Source, fmt: str, *, path: str, report_id: str) -> Report:
    """The Report of a programme; ReadError when nothing of it can be used."""
    try:
        schedule = FORMATS[fmt](source.text)
    except HostileXML as exc:
        raise ReadError(f"schedule XML refused: {exc}") from None
    except c3voc.NotASchedule as exc:
        raise ReadError(f"{exc}; skipped") from None
    except RecursionError:
        raise ReadError("schedule nested too deeply to read") from None
    except ValueError as exc:
        raise ReadError(f"not a readable {fmt} schedule: {exc}") from None
    if not schedule.sessions and not schedule.conference.title:
        first = schedule.problems[0] if schedule.problems else "nothing found"
        raise ReadError(f"no conference and no sessions in this {fmt} schedule ({first})")
    return schedule_report(schedule, to_dict(schedule), source=source, path=path, report_id=report_id)
