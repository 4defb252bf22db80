"""frab / Pentabarf ``schedule.xml`` (FOSDEM, CCC, pretalx exports).

    <schedule><conference>…</conference><tracks>…</tracks>
      <day date=…><room name=…><event id=… guid=…>
        <date/><start/><duration/><room/><title/><subtitle/><track/><type/>
        <abstract/><description/><url/><persons><person id=…/></persons>
        <links><link href=…/></links><attachments><attachment href=…/></attachments>

``<conference>`` may also carry ``<city>``, ``<venue>`` (or ``<location>``).
"""
from __future__ import annotations

from graphbuild.schedules import vocab
from graphbuild.schedules.model import Conference, Schedule, Session, SessionLink, Speaker, Track
from graphbuild.schedules.times import iso_date, iso_start, minutes
from graphbuild.schedules.xmltree import Node, parse

FORMAT = "schedule-frab"


def read(text: str) -> Schedule:
    """The schedule in ``text``; problems (first one first) in ``Schedule.problems``.

    Raises HostileXML for entity declarations, ValueError when the root is not <schedule>.
    """
    root, problem = parse(text)
    problems: list[str] = []
    if root is None or root.tag != "schedule":
        raise ValueError("not a frab/Pentabarf schedule (no <schedule> root element)")
    conf = _conference(root, problems)
    listed = root.find("tracks")
    tracks = {t.text: Track(t.text, t.line, vocab.is_devroom(t.text, t.attrib.get("type", "")))
              for t in (listed.findall("track") if listed is not None else []) if t.text}
    sessions: list[Session] = []
    for day in root.findall("day"):
        for room in day.findall("room"):
            for event in room.findall("event"):
                session = _session(event, day, room, problems)
                if session is not None:
                    sessions.append(session)
                    if session.track and session.track not in tracks:
                        tracks[session.track] = Track(session.track, session.line,
                                                      vocab.is_devroom(session.track, session.type))
                    elif session.track and vocab.is_devroom(session.type) and not tracks[session.track].devroom:
                        t = tracks[session.track]
                        tracks[session.track] = Track(t.name, t.line, True)
    if problem:             # where reading stopped: after every element read
        problems.append(problem)
    if not sessions and not problems:
        problems.append("no <day>/<room>/<event> sessions found")
    return Schedule(FORMAT, conf, tuple(sessions), tuple(tracks.values()), tuple(problems))


def _conference(root: Node, problems: list[str]) -> Conference:
    node = root.find("conference")
    if node is None:
        problems.append("no <conference> element")
        return Conference(title="", line=root.line)
    title = node.child_text("title")
    if not title:
        problems.append(f"line {node.line}: <conference> has no <title>")
    return Conference(title=title, line=node.line, acronym=node.child_text("acronym"),
                      start=iso_date(node.child_text("start")), end=iso_date(node.child_text("end")),
                      city=node.child_text("city"),
                      venue=node.child_text("venue") or node.child_text("location"),
                      url=node.child_text("base_url") or node.child_text("url"))


def _session(event: Node, day: Node, room: Node, problems: list[str]) -> Session | None:
    title = event.child_text("title")
    if not title:
        problems.append(f"line {event.line}: <event> has no <title>; left out")
        return None
    try:
        duration = minutes(event.child_text("duration"))
    except ValueError as exc:
        problems.append(f"line {event.line}: {exc}")
        duration = None
    speakers = []
    persons = event.find("persons")
    for p in persons.findall("person") if persons is not None else []:
        if p.text:
            speakers.append(Speaker(p.text, p.attrib.get("id") or p.attrib.get("guid", ""), p.line))
    links = []
    for group, tag in (("links", "link"), ("attachments", "attachment")):
        holder = event.find(group)
        for link in holder.findall(tag) if holder is not None else []:
            href = link.attrib.get("href", "").strip()
            if href:
                links.append(SessionLink(href, link.text, vocab.link_kind(link.text, href), link.line))
    video = event.find("video_download_url")
    if video is not None and video.text:
        links.append(SessionLink(video.text, "video", "video", video.line))
    start = iso_start(event.child_text("date"), day.attrib.get("date", ""), event.child_text("start"))
    if not start:
        problems.append(f"line {event.line}: <event> {title!r} has no usable <date> or <start>")
    return Session(
        id=event.attrib.get("guid") or event.attrib.get("id") or str(event.line), title=title,
        line=event.line, subtitle=event.child_text("subtitle"), speakers=tuple(speakers),
        track=event.child_text("track"), room=event.child_text("room") or room.attrib.get("name", ""),
        start=start, duration=duration, type=event.child_text("type"),
        abstract=_abstract(event), url=event.child_text("url"), links=tuple(links))


def _abstract(event: Node) -> str:
    for tag in ("abstract", "description"):
        node = event.find(tag)
        if node is not None and node.raw_text:
            return node.raw_text
    return ""
