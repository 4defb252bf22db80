"""Conference programmes: frab XML, C3VOC JSON and iCalendar read into Reports,
recognised by content, hostile XML refused, broken programmes read as far as they go."""
from __future__ import annotations

import pytest

from graphbuild.errors import ReadError
from graphbuild.readers import read_all, read_report
from graphbuild.schedules.extraction import extract_schedule
from graphbuild.schedules.model import from_dict
from tests.helpers import ROOT, write

DATA = ROOT / "data" / "schedules"

FRAB = """\
<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference>
    <acronym>dc25</acronym>
    <title>DemoConf 2025</title>
    <start>2025-03-01</start>
    <city>Lyon</city>
  </conference>
  <day index="1" date="2025-03-01">
    <room name="K.101">
      <event guid="g-1" id="11">
        <date>2025-03-01T10:00:00+01:00</date>
        <start>10:00</start>
        <duration>00:25</duration>
        <room>K.101</room>
        <title>Tracing the Kernel</title>
        <subtitle>With eBPF</subtitle>
        <track>Kernel DevRoom</track>
        <type>lecture</type>
        <abstract>Probes
and maps.</abstract>
        <persons><person id="7">Ada Quill</person></persons>
        <links><link href="https://v.example.com/11.webm">Recording</link></links>
        <attachments><attachment href="https://f.example.com/11.pdf">Deck</attachment></attachments>
      </event>
    </room>
  </day>
  <day index="2" date="2025-03-02">
    <room name="K.102">
      <event id="12">
        <start>09:30</start>
        <duration>0:05</duration>
        <title>Lightning round</title>
        <type>lightning_talk</type>
        <persons><person id="7">A. Quill</person></persons>
      </event>
    </room>
  </day>
</schedule>
"""


def test_frab_sessions_lines_speakers_and_links(tmp_path):
    report = read_report(write(tmp_path, "demo.xml", FRAB))
    assert report.format == "schedule-frab" and report.title == "DemoConf 2025"
    assert report.id == "report:demo" and str(report.date) == "2025-03-01" and not report.warnings
    schedule = from_dict(report.meta["schedule"])
    first, second = schedule.sessions
    assert (first.line, first.title, first.subtitle, first.room, first.duration) == \
        (11, "Tracing the Kernel", "With eBPF", "K.101", 25)
    assert first.start == "2025-03-01T10:00:00+01:00" and first.abstract == "Probes\nand maps."
    assert [(s.name, s.id, s.line) for s in first.speakers] == [("Ada Quill", "7", 22)]
    assert [(k.kind, k.line) for k in first.links] == [("video", 23), ("slides", 24)]
    assert second.start == "2025-03-02T09:30:00" and second.id == "12" and second.duration == 5
    assert [(t.name, t.devroom) for t in schedule.tracks] == [("Kernel DevRoom", True)]


def test_frab_extraction_edition_talks_devroom_and_speaker_ids(tmp_path):
    x = extract_schedule(read_report(write(tmp_path, "demo.xml", FRAB)))
    by_key = {m.key: m for m in x.mentions}
    event = by_key["event"]
    assert event.name == "DemoConf 2025" and dict(event.attrs) == {"series": "DemoConf", "year": 2025,
                                                                     "sub_event": False}
    assert "dc25" in event.aliases
    talk = by_key["talk:g-1"]
    assert talk.attrs["room"] == "K.101" and talk.attrs["duration"] == 25 and talk.attrs["kind"] == "talk"
    assert "With eBPF" in talk.aliases and talk.evidence[0].line == 11
    assert talk.evidence[0].rule == "schedule-frab"
    assert by_key["talk:12"].attrs["kind"] == "lightning"
    person = by_key["person:7"]                  # one person across days, by schedule id
    assert person.name == "Ada Quill" and person.aliases == ("A. Quill",)
    rels = {(r.type, r.source, r.target) for r in x.relations}
    assert ("PART_OF", "track:Kernel DevRoom", "event") in rels
    assert ("PRESENTED_AT", "talk:g-1", "track:Kernel DevRoom") in rels
    assert ("PRESENTED_AT", "talk:g-1", "event") in rels
    assert ("HELD_IN", "event", "place:Lyon") in rels
    assert ("HAS_RESOURCE", "talk:g-1", "resource:https://f.example.com/11.pdf") in rels


def test_json_objects_keep_their_lines():
    report = read_report(DATA / "virt-summit-2022.json")
    assert report.format == "schedule-json" and report.title == "Virt Summit 2022"
    lines = (DATA / "virt-summit-2022.json").read_text(encoding="utf-8").split("\n")
    schedule = from_dict(report.meta["schedule"])
    for session in schedule.sessions:
        # the object's "{" is on its line, and its guid a line or two below
        assert lines[session.line - 1].strip() == "{"
        assert '"guid"' in lines[session.line]
        for speaker in session.speakers:
            assert speaker.name in lines[speaker.line - 1]
    assert schedule.conference.city == "Düsseldorf"


def test_ical_events_lines_speakers_and_types():
    path = DATA / "openinfra-camp-2024.ics"
    report = read_report(path)
    assert report.format == "ical" and report.title == "OpenInfra Camp 2024"
    lines = path.read_text(encoding="utf-8").splitlines()
    schedule = from_dict(report.meta["schedule"])
    assert len(schedule.sessions) == 9
    for session in schedule.sessions:
        assert lines[session.line - 1] == "BEGIN:VEVENT"
    glue = schedule.sessions[0]
    assert glue.title == "Glue, not silos: living with three control planes"
    assert glue.type == "Keynote" and glue.duration == 45 and glue.start == "2024-06-10T09:15:00-03:00"
    assert [s.name for s in glue.speakers] == ["Mira Kovalenko"] and glue.speakers[0].id == ""
    assert "kovalenko@example.org" not in repr(report.meta)     # speakers' e-mail addresses are not kept
    assert schedule.sessions[2].track == "Compute and virtualization"


def test_pretalx_ical_summary_names_the_speakers(tmp_path):
    path = write(tmp_path, "talks.ics", """\
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//pretalx//demo//
        X-WR-CALNAME:DemoConf 2025
        BEGIN:VEVENT
        UID:a@demo
        DTSTART:20250301T100000Z
        DURATION:PT30M
        SUMMARY:Packaging Rust - Ada Quill\\, Ben Ortiz
        LOCATION:Hall A
        END:VEVENT
        END:VCALENDAR
        """)
    (session,) = from_dict(read_report(path).meta["schedule"]).sessions
    assert session.title == "Packaging Rust" and [s.name for s in session.speakers] == ["Ada Quill", "Ben Ortiz"]
    assert session.duration == 30 and session.room == "Hall A"


def test_recognised_by_content_not_only_by_name(tmp_path):
    (tmp_path / "in").mkdir()
    write(tmp_path, "in/programme.txt", (DATA / "openinfra-camp-2024.ics").read_text(encoding="utf-8"))
    write(tmp_path, "in/page.xml", """\
        <?xml version="1.0"?>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>Notes</title></head>
        <body><h1>Notes</h1><p>DemoConf 2025 took place in Lyon.</p></body></html>
        """)
    write(tmp_path, "in/feed.xml", "<?xml version='1.0'?><rss><channel/></rss>\n")
    write(tmp_path, "in/package.json", '{"name": "demo", "version": "1.0.0"}\n')
    write(tmp_path, "in/broken.ics", "not a calendar\n")
    reports, skipped, _ = read_all([tmp_path / "in"])
    formats = {r.path.rsplit("/", 1)[-1]: r.format for r in reports}
    assert formats == {"programme.txt": "ical", "page.xml": "html"}
    messages = {p.path.rsplit("/", 1)[-1]: p.message for p in skipped}
    assert "not a frab/Pentabarf schedule" in messages["feed.xml"]
    assert "JSON that is not a schedule" in messages["package.json"]
    assert "not an iCalendar file" in messages["broken.ics"]


BILLION_LAUGHS = """\
<?xml version="1.0"?>
<!DOCTYPE schedule [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<schedule><conference><title>&lol3;</title></conference></schedule>
"""


def test_entity_expansion_is_refused(tmp_path):
    with pytest.raises(ReadError, match="refused") as err:
        read_report(write(tmp_path, "bomb.xml", BILLION_LAUGHS))
    assert "lollol" not in str(err.value)


def test_external_entities_are_never_read(tmp_path):
    secret = write(tmp_path, "secret.txt", "TOP-SECRET-VALUE\n")
    hostile = write(tmp_path, "in/xxe.xml", f"""\
        <?xml version="1.0"?>
        <!DOCTYPE schedule [ <!ENTITY x SYSTEM "{secret.as_uri()}"> ]>
        <schedule><conference><title>DemoConf 2025 &x;</title></conference>
        <day date="2025-03-01"><room name="A"><event id="1"><title>&x;</title></event></room></day></schedule>
        """)
    reports, skipped, _ = read_all([hostile.parent])
    assert reports == [] and len(skipped) == 1 and "refused" in skipped[0].message
    assert "TOP-SECRET" not in skipped[0].message


def test_missing_fields_are_read_as_far_as_possible(tmp_path):
    path = write(tmp_path, "partial.xml", """\
        <schedule>
          <conference><title>DemoConf 2025</title></conference>
          <day date="2025-03-01"><room name="A">
            <event id="1"><persons><person>Ada Quill</person></persons></event>
            <event id="2"><title>Kept Talk</title><duration>soon</duration></event>
            <event id="3"><title>Another Kept Talk</title><start>11:00</start>
          </room></day>
        """)
    report = read_report(path)
    titles = [s.title for s in from_dict(report.meta["schedule"]).sessions]
    assert titles == ["Kept Talk", "Another Kept Talk"]          # the unclosed last one too
    (warning,) = report.warnings
    assert warning.startswith("schedule does not validate: line 4: <event> has no <title>")
    assert "3 more problem" in warning       # the duration, the start of "Kept Talk", the end of the file
    x = extract_schedule(report)
    assert "Kept Talk" in [m.name for m in x.mentions if m.type == "Talk"]


def test_json_with_missing_parts(tmp_path):
    path = write(tmp_path, "s.json", """\
        {"schedule": {"conference": {"title": "DemoConf 2025", "days": [
          {"date": "2025-03-01", "rooms": {"A": [
            {"id": 1, "title": "", "persons": []},
            {"id": 2, "title": "Kept", "duration": "00:30", "persons": ["Ada Quill"]}]}},
          {"date": "2025-03-02"}]}}}
        """)
    report = read_report(path)
    (session,) = from_dict(report.meta["schedule"]).sessions
    assert session.title == "Kept" and session.line == 4 and session.speakers[0].name == "Ada Quill"
    assert "line 3: event has no title" in report.warnings[0]


def test_a_programme_with_nothing_usable_is_skipped(tmp_path):
    with pytest.raises(ReadError, match="no conference and no sessions"):
        read_report(write(tmp_path, "empty.json", '{"schedule": {"conference": {}}}\n'))


def test_xhtml_page_with_entity_declarations_is_a_page_with_one_bounded_pass(tmp_path):
    path = write(tmp_path, "summit.xml", """\
        <?xml version="1.0" encoding="iso-8859-1"?>
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://example.org/xhtml1.dtd" [
        <!ENTITY title "DemoConf Summit">
        <!ENTITY lol "&title;&title;&title;">
        ]>
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>&title;</title></head>
        <body>
        <p>The summit was held in Lyon. &lol;</p>
        </body></html>
        """)
    report = read_report(path)
    assert report.format == "html" and report.title == "DemoConf Summit"
    # declared values are put in once and never expanded again (no entity bombs)
    assert [(b.line, b.text) for b in report.blocks] == [(8, "The summit was held in Lyon. &title;&title;&title;")]


def test_entity_references_past_the_bound_are_left_as_written(tmp_path):
    big = "x" * 1000
    path = write(tmp_path, "bomb.xml", """\
        <?xml version="1.0"?>
        <!DOCTYPE html [
        <!ENTITY big "%s">
        ]>
        <html><head><title>Bomb</title></head><body><p>%s</p></body></html>
        """ % (big, "&big;" * 2000))
    report = read_report(path)
    assert report.blocks[0].text.startswith("&big;&big;")
    assert len(report.blocks[0].text) < 20_000


def test_ical_end_before_start_is_a_problem_not_a_negative_duration(tmp_path):
    path = write(tmp_path, "odd.ics", """\
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//demo//
        X-WR-CALNAME:DemoConf 2025
        BEGIN:VEVENT
        UID:a@demo
        DTSTART:20250301T100000Z
        DTEND:20250301T090000Z
        SUMMARY:Backwards
        END:VEVENT
        END:VCALENDAR
        """)
    report = read_report(path)
    (session,) = from_dict(report.meta["schedule"]).sessions
    assert session.duration is None and "line 5: DTEND before DTSTART" in report.warnings[0]
