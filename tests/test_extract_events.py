"""Event names in shapes nobody listed, read from text written for the test."""
from __future__ import annotations

from graphbuild.extract.config import load_rules
from graphbuild.extract.events import find_events
from tests.test_extract import run


def names(text: str) -> list[str]:
    return [s.name for s in find_events(text, load_rules())]


def test_two_editions_joined_by_and_stay_two():
    assert names("Widget Summit 2031 and Gizmo Fest 2031 were co-located") == ["Widget Summit 2031", "Gizmo Fest 2031"]


def test_an_event_named_after_an_edition_and_its_year_gives_both():
    assert names("Notes from the PyCon 2031 Sprocket Summit") == ["PyCon 2031 Sprocket Summit", "PyCon 2031"]
    assert names("the PyCon 2031 DevSummit was short") == ["PyCon 2031 DevSummit", "PyCon 2031"]


def test_a_series_of_days_takes_the_place_after_it():
    assert names("Kubernetes Community Days Lyonnais is next") == ["Kubernetes Community Days Lyonnais"]
    assert names("Kubernetes Community Days Tomorrow we") == ["Kubernetes Community Days"]


def test_capitals_before_a_con_suffix():
    assert names("after WDGTCon 2031 in Madrid") == ["WDGTCon 2031"]


def test_the_short_name_later_joins_the_edition_that_holds_it(tmp_path):
    _, types, rels = run(tmp_path, """---
title: PyCon 2031 Sprocket Summit notes
date: 2031-05-02
---

The Sprocket Summit was held the day before the conference.

* [Faster Gears](https://example.org/gears.pdf) by Hana Novak
""")
    assert {"PyCon 2031 Sprocket Summit", "PyCon 2031"} <= types["Event"]
    assert not any(n.startswith("Sprocket Summit") for n in types["Event"])
    assert ("PRESENTED_AT", "Faster Gears", "PyCon 2031 Sprocket Summit") in rels


def test_past_talks_listed_with_their_year_go_to_that_years_edition(tmp_path):
    _, _, rels = run(tmp_path, """---
title: Gear devroom at PyCon 2031 - call for talks
date: 2030-12-02
---

Inspiration can be found in this list of previous PyCon talks:

- [(2030) Gears on everything, from clocks to bicycles](https://example.org/2030/gears/)
- [(2029) Metaprogramming with gears](https://example.org/2029/meta/)
""")
    at = {(talk.split(") ")[-1], event) for kind, talk, event in rels if kind == "PRESENTED_AT"}
    assert ("Gears on everything, from clocks to bicycles", "PyCon 2030") in at
    assert ("Metaprogramming with gears", "PyCon 2029") in at
    assert not any(event == "PyCon 2031" for _, event in at)


def test_a_hashtag_and_a_session_given_by_people_are_no_events(tmp_path):
    _, types, _ = run(tmp_path, """---
title: Widget Summit 2031 recap
date: 2031-05-02
---

Great first day at the #GizmoSummit with the whole team.

[The Sprocket Hands-on Contribution Workshop](https://example.org/w) by Hana Novak and Tomas Berg was full.
""")
    assert types["Event"] == {"Widget Summit 2031"}


def test_the_main_event_of_a_tie_is_the_one_the_title_speaks_of(tmp_path):
    _, _, rels = run(tmp_path, """---
title: The first local gear meetup is here!
date: 2031-05-02
---

Since the first GearCon held in February 2031, people asked for more. We will host the first Gear Meetup Lisbon.

**Venue:** Orchid Exhibition Hall, Harbor Building, Lisbon
""")
    assert ("HELD_IN", "Gear Meetup Lisbon 2031", "Orchid Exhibition Hall") in rels


def test_a_season_after_the_name_belongs_to_the_edition():
    assert names("we'll be covering Gizmo Summit Fall 2031!") == ["Gizmo Summit Fall 2031"]


def test_a_devroom_is_part_of_the_edition_named_with_it(tmp_path):
    _, _, rels = run(tmp_path, """---
title: The 2031 gear event lineup
date: 2031-12-20
---

### March 3-4: GizmoCon 2031

GizmoCon 2031 was great. GizmoCon 2031 had many talks.

### February 3-4: FOSDEM - Gear Dev Room

This year FOSDEM had the first edition of the Gear Dev Room.
""")
    part_of = {(a, b) for kind, a, b in rels if kind == "PART_OF"}
    assert any(b == "FOSDEM 2031" for _, b in part_of)
    assert not any(b == "GizmoCon 2031" for _, b in part_of)


def test_mini_summits_and_miniconfs():
    spans = find_events("Like GizmoCon, the Tracing Mini-Summit is held on the day before; the Kernel Miniconf too.",
                        load_rules())
    by_name = {s.name: s for s in spans}
    assert "Tracing Mini-Summit" in by_name and not by_name["Tracing Mini-Summit"].sub_event
    assert by_name["Kernel Miniconf"].sub_event


def test_a_conference_named_after_the_edition_names_it_again():
    assert names("Notes: PyCon 2031 Gear Conference: streams") == ["PyCon 2031"]
    assert names("Notes: Sprocket Summit 2031 Gear Conference: streams") == ["Sprocket Summit 2031"]
