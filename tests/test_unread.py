"""``graphbuild stats --unread``: units with talk signals that gave no talk."""
from __future__ import annotations

import json

import networkx as nx
import pytest

from graphbuild.audit import find_unread, render
from graphbuild.audit.signals import Cues, load_cues, players, shipped_cues, unit_signals
from graphbuild.audit.units import units_of
from graphbuild.cli import main
from graphbuild.export.json import write_json
from graphbuild.extract.config import load_rules
from graphbuild.readers import read_report
from tests.helpers import write

REPORT = """
---
title: Widget Days 2031
---
# Widget Days 2031

- Gears all the way down - Ada Quill [slides](https://example.org/files/gears.pdf)
- Springs and you - Bo Tarrant [slides](https://example.org/files/springs.pdf)
- Share it: [tweet](https://twitter.com/intent/tweet?url=x) [Ada on Twitter](https://twitter.com/adaquill) [our channel](https://www.youtube.com/channel/UCxyz)

| Time | Talk | Speaker |
|---|---|---|
| 10:30 | Levers at scale | Cy Marlow |
| 12:00 | Lunch | |

## Closing keynote

<iframe src="https://www.youtube.com/embed/abc123"></iframe>

<iframe src="https://www.openstreetmap.org/export/embed.html"></iframe>
"""


def graph_of(path, *, talks=(), presented=(), report_id="report:widget-days"):
    """A graph with one Report node for ``path`` and Talk nodes / PRESENTED edges citing ``talks``."""
    g = nx.MultiDiGraph()
    g.add_node(report_id, type="Report", label="Widget Days", path=str(path),
               provenance=[{"report": report_id, "line": 1}])
    g.add_node("person:x", type="Person", label="X", provenance=[])
    for i, line in enumerate(talks):
        g.add_node(f"talk:{i}", type="Talk", label=f"talk {i}",
                   provenance=[{"report": report_id, "line": line, "text": "", "rule": "t", "confidence": 1.0}])
    for i, line in enumerate(presented):
        g.add_node(f"talk:p{i}", type="Talk", label=f"talk p{i}", provenance=[])
        g.add_edge("person:x", f"talk:p{i}", type="PRESENTED",
                   provenance=[{"report": report_id, "line": line, "text": "", "rule": "t", "confidence": 1.0}])
    return g


@pytest.fixture
def report(tmp_path):
    return write(tmp_path, "widget-days.md", REPORT)


def listed(listing) -> dict[int, tuple[str, ...]]:
    return {u.line: u.kinds for u in listing.units}


def test_unit_with_slides_link_and_no_talk_is_listed(report):
    units = listed(find_unread(graph_of(report)))
    assert units[6] == ("slides", "name+title")
    assert units[7] == ("slides", "name+title")


def test_unit_whose_talk_was_found_is_not_listed(report):
    listing = find_unread(graph_of(report, talks=[6], presented=[7]))
    assert 6 not in listed(listing) and 7 not in listed(listing)
    summary = listing.summary()
    assert summary["units_gave_talk"] == 2
    assert summary["unread"] == summary["units_with_signals"] - 2


def test_noise_links_are_not_signals(report):
    assert 8 not in listed(find_unread(graph_of(report)))
    rules, cues = load_rules(), load_cues()
    unit = next(u for u in units_of(read_report(report), report.read_text().split("\n")) if u.line == 8)
    assert len(unit.links) == 3
    assert unit_signals(unit, rules, cues) == ()


def test_table_row_with_time_title_and_speaker_is_listed_and_a_break_is_not(report):
    units = listed(find_unread(graph_of(report)))
    assert units[12] == ("time", "name+title")
    assert 13 not in units          # "12:00 | Lunch"
    assert 10 not in units           # the header row


def test_embedded_player_belongs_to_the_unit_it_follows(report):
    listing = find_unread(graph_of(report))
    heading = next(u for u in listing.units if u.line == 15)
    assert heading.kind == "heading" and heading.kinds == ("player",)
    assert [s.line for s in heading.signals] == [17]        # the map below is no player
    # a talk found anywhere in the heading's section counts for the heading
    assert 15 not in listed(find_unread(graph_of(report, talks=[17])))


def test_player_forms(tmp_path):
    path = write(tmp_path, "players.md", """
        # Talks

        {{< youtube dQw4w9WgXcQ >}}

        ```html
        <iframe src="https://www.youtube.com/embed/in-code"></iframe>
        ```

        <video controls src="/media/talk.webm"></video>

        video::abc123[youtube]

        <YoutubeIframe embedId='dQw4w9WgXcQ'/>
        """)
    report = read_report(path)
    found = players(report, path.read_text().split("\n"), load_rules(), load_cues())
    assert [s.line for s in found] == [3, 9, 11, 13]


def test_names_beside_titles(tmp_path):
    path = write(tmp_path, "names.md", """
        # Notes

        Levers at scale by Cy Marlow
        Ada Quill: Gears all the way down
        We met Ada Quill, who spoke about "Building tiny gears" to a full room.
        Widget Days was held in a big hall.
        Ada Quill - 10:30 [slides](/files/ada.pdf)
        """)
    report = read_report(path)
    rules, cues = load_rules(), load_cues()
    kinds = {u.line: [s.kind for s in unit_signals(u, rules, cues)]
             for u in units_of(report, path.read_text().split("\n"))}
    assert kinds == {1: [], 3: ["name+title"], 4: ["name+title"], 5: ["name+title"], 6: [],
                     7: ["slides", "time"]}


def test_dialogue_turns_are_not_names_beside_titles(tmp_path):
    turns = "\n".join(f"Ada Quill: Question number {i} about gears?\nBo Tarrant: Answer number {i} about springs."
                      for i in range(3))
    path = write(tmp_path, "interview.md", "# An interview\n\n" + turns + "\n")
    assert find_unread(graph_of(path)).units == []


def test_missing_report_file_is_said(tmp_path):
    listing = find_unread(graph_of(tmp_path / "gone.md"))
    assert [(r.status, r.message) for r in listing.reports] == [("missing", "file not found")]
    assert listing.summary()["reports_missing"] == 1
    assert f"{tmp_path / 'gone.md'}: file not found" in render(listing)


def test_cues_from_a_dict(report):
    raw = shipped_cues()
    raw["link_kinds"] = ["video"]
    cues = Cues.from_dict(raw)
    units = listed(find_unread(graph_of(report), cues=cues))
    assert units[6] == ("name+title",)          # slides links are no longer signals


def test_render_groups_by_report_and_limits(report):
    listing = find_unread(graph_of(report))
    total = len(listing.units)
    text = render(listing, limit=2)
    lines = text.splitlines()
    assert lines[0].startswith(f"{report}: {total} unread of {total} units with talk signals")
    assert lines[1].strip().startswith(f"{report}:6  [slides, name+title]  Gears all the way down")
    assert sum(1 for ln in lines if ln.startswith("  ")) == 2
    assert f"... {total - 2} more units not listed (--limit 2)" in text
    assert lines[-2].startswith(f"unread: {total} units in 1 reports")


def test_cli_stats_unread_json(report, tmp_path, capsys):
    graph = write_json(graph_of(report, talks=[6]), tmp_path / "out" / "graph.json")
    assert main(["stats", "--unread", str(graph), "--json", "--limit", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["listed"] == 1 and data["units"][0]["line"] == 7
    assert data["units"][0]["signals"][0] == {"kind": "slides", "line": 7,
                                              "detail": "https://example.org/files/springs.pdf"}
    assert data["summary"]["units_gave_talk"] == 1 and data["summary"]["unread"] > 1
    assert main(["stats", "--unread", str(graph)]) == 0
    assert capsys.readouterr().out.splitlines()[-2].startswith("unread: ")


def test_time_slots(tmp_path):
    path = write(tmp_path, "slots.md", """
        # Programme

        - 10h30-11h00 Break
        - 12:00 - 13:00 Lunch and networking
        - 3:40 PM TBA
        - 9:00-9:50 Tracing the widget kernel
        - Monday, October 20, 10:00
        - Widget Week: Utrecht, the Netherlands

        We open the doors at 9:00 and keep the hall open for the whole weekend, so come by.
        """)
    report = read_report(path)
    rules, cues = load_rules(), load_cues()
    kinds = {u.line: [s.kind for s in unit_signals(u, rules, cues)]
             for u in units_of(report, path.read_text().split("\n"))}
    assert kinds == {1: [], 3: [], 4: [], 5: [], 6: ["time"], 7: [], 8: [], 10: []}


def test_schedule_links_to_one_talk_are_signals_and_to_a_whole_programme_are_not(tmp_path):
    path = write(tmp_path, "links.md", """
        # Links

        The [full schedule](https://widgetdays.example/2031/schedule/) looks great.
        See the [track](https://widgetdays.example/2031/schedule/track/gears/) too.
        Ada's [talk page](https://widgetdays.example/2031/schedule/event/gears/) is up.
        Our [sched](https://widgetdays2031.sched.com/) and a [session](https://widgetdays2031.sched.com/event/1x2y).
        """)
    report = read_report(path)
    rules, cues = load_rules(), load_cues()
    kinds = {u.line: [s.detail for s in unit_signals(u, rules, cues)]
             for u in units_of(report, path.read_text().split("\n"))}
    assert kinds == {1: [], 3: [], 4: [], 5: ["https://widgetdays.example/2031/schedule/event/gears/"],
                     6: ["https://widgetdays2031.sched.com/event/1x2y"]}


def test_heading_per_talk_and_names_set_apart(tmp_path):
    path = write(tmp_path, "headings.md", """
        # Widget Days recap

        ## Gears all the way down

        Ada Quill walked us through the gear train of the widget.

        ## Evening plans

        Bo Tarrant booked a table for everyone.

        ## Also read

        Cy Marlow presented the widget roadmap last year.

        **Cy Marlow** Levers at scale and how to keep them
        """)
    listing = find_unread(graph_of(path))
    assert [(u.line, u.kinds) for u in listing.units] == [(3, ("name+title",)), (15, ("name+title",))]
    assert [s.detail for u in listing.units for s in u.signals] == [
        "Ada Quill / Gears all the way down", "Cy Marlow / Levers at scale and how to keep them"]
    assert find_unread(graph_of(path, talks=[5, 15])).units == []
