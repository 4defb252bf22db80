"""Dates, times and durations as programmes write them."""
from __future__ import annotations

import datetime as dt
import re

_DURATION = re.compile(r"^\s*(?:(?P<d>\d+):)?(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*$")
_ISO_DURATION = re.compile(r"^P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>\d+)S)?)?$")


def minutes(text: str) -> int | None:
    """``"00:40"`` / ``"1:00:00"`` (hours:minutes[:seconds]) / ``"PT40M"`` / ``"40"`` -> minutes."""
    text = str(text or "").strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    m = _DURATION.match(text)
    if m and m.group("s") is not None and m.group("d") is None:
        # "01:00:00": hours, minutes, seconds
        return int(m.group("h")) * 60 + int(m.group("m"))
    if m:
        return int(m.group("d") or 0) * 1440 + int(m.group("h")) * 60 + int(m.group("m"))
    m = _ISO_DURATION.match(text.upper())
    if m and any(m.groupdict().values()):
        return int(m.group("d") or 0) * 1440 + int(m.group("h") or 0) * 60 + int(m.group("m") or 0)
    raise ValueError(f"duration {text!r} is not hours:minutes")


def iso_start(date_time: str, day: str = "", clock: str = "") -> str:
    """An ISO start: the full date-time when given, else the day's date and the clock time."""
    text = str(date_time or "").strip()
    if text:
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            pass
    day, clock = str(day or "").strip()[:10], str(clock or "").strip()
    if day and re.fullmatch(r"\d{1,2}:\d{2}", clock):
        try:
            return dt.datetime.fromisoformat(f"{day}T{clock.zfill(5)}").isoformat()
        except ValueError:
            return ""
    return ""


def iso_date(text: str) -> str:
    """``"2024-02-03"`` (or the date part of a date-time); "" when it is not a date."""
    text = str(text or "").strip()[:10]
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        return ""
