"""Places and venues of events, read from reports written for the test: venues
named by a label, a verb or a venue word, and place words that name no place."""
from __future__ import annotations

from tests.test_extract import run

FRONT = """---
title: Widget Summit 2031 recap
date: 2031-05-02
---
"""


def test_venue_label_line_goes_to_the_reports_event(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
We held the first Widget Summit last week, and a few people came from the Gizmo Fest 2031 crowd.

**Venue:** Orchid Exhibition Hall, 3rd Floor, Harbor Building, Lisbon
""")
    assert "Orchid Exhibition Hall" in types["Place"]
    assert ("HELD_IN", "Orchid Exhibition Hall", "Widget Summit 2031") not in rels
    assert ("HELD_IN", "Widget Summit 2031", "Orchid Exhibition Hall") in rels


def test_venue_held_at_and_at_the_venue_in_a_city(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Widget Summit 2031 gathered 400 people at the Marlow Pavilion in Lisbon for two days.

Thanks to the Grand Tamsin Hotel for hosting the speakers.
""")
    assert {"Marlow Pavilion", "Lisbon", "Grand Tamsin Hotel"} <= types["Place"]
    assert ("HELD_IN", "Widget Summit 2031", "Marlow Pavilion") in rels
    assert ("HELD_IN", "Widget Summit 2031", "Lisbon") in rels


def test_venue_named_after_the_word_venue(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Widget Summit 2031 was held at an excellent venue, Riverside Congress Centre Lisbon, by the river.
""")
    assert "Riverside Congress Centre Lisbon" in types["Place"]
    assert ("HELD_IN", "Widget Summit 2031", "Riverside Congress Centre Lisbon") in rels


def test_a_time_or_a_lower_case_phrase_is_no_venue(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Widget Summit 2031 will be held at Noon on Monday.

Venue: still to be confirmed.

Where: we'll be holding it in Lisbon again.
""")
    assert types.get("Place", set()) <= {"Lisbon"}


def test_place_words_inside_names_and_said_of_people_are_no_places(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
At Widget Summit 2031 in Lisbon, thanks to Widget China and Widget India for the streams, to the developers
in Japan who translated the slides, to the Free University of Madrid for the rooms, and to
[Tomas Berlin](https://example.org/tb) for the keynote.

- [A Hundred Days of Rain in Portugal](https://example.org/rain) is a visualization of the weather.
""")
    places = types.get("Place", set())
    assert "Lisbon" in places
    assert not places & {"China", "India", "Japan", "Berlin", "Portugal", "Madrid"}


def test_place_after_a_co_location_cue_goes_to_every_event_before_it(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
Widget Summit 2031 and Gizmo Fest 2031 were co-located in May in Lisbon.

Sprocket Day 2031 was held in April, and alongside our Online Gizmo Fest 2031, Cog Summit 2031 was held
in Madrid.
""")
    assert ("HELD_IN", "Widget Summit 2031", "Lisbon") in rels
    assert ("HELD_IN", "Gizmo Fest 2031", "Lisbon") in rels
    assert ("HELD_IN", "Cog Summit 2031", "Madrid") in rels
    assert ("HELD_IN", "Sprocket Day 2031", "Madrid") not in rels


def test_co_location_stays_in_the_clause_that_says_so(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
Sprocket Day 2031 was held in April, and alongside our Online Gizmo Fest 2031, Cog Summit 2031 was held in Madrid.

The Gear Hackathon 2031 takes place the day before Widget Summit 2031.
""")
    co = {tuple(sorted(r[1:])) for r in rels if r[0] == "CO_LOCATED_WITH"}
    assert ("Cog Summit 2031", "Gizmo Fest 2031") in co
    assert not any("Sprocket Day 2031" in pair for pair in co)
    assert ("Gear Hackathon 2031", "Widget Summit 2031") in co


def test_the_reports_description_names_the_venue(tmp_path):
    _, _, rels = run(tmp_path, """---
title: Widget Summit 2031 recap
description: A quick recap of the summit, at the Marlow Pavilion in Madrid.
date: 2031-05-02
---

Thanks to everyone who came.
""")
    assert ("HELD_IN", "Widget Summit 2031", "Marlow Pavilion") in rels
    assert ("HELD_IN", "Widget Summit 2031", "Madrid") in rels


def test_no_venue_from_a_bare_room_word_a_placeholder_an_event_or_the_events_own_name(tmp_path):
    _, types, _ = run(tmp_path, """---
title: Gizmocon 2031 next week in Madrid
date: 2031-05-02
---

Gizmocon 2031 takes place next week; we will be at Gizmocon in Madrid.

- Where: Room, B207, Harbor Congress Center, Madrid
- Location: TBA

We hosted a small meetup at USENIX's GEAR conference in Madrid.
""")
    places = types.get("Place", set())
    assert not places & {"Room", "TBA", "Gizmocon", "USENIX's GEAR"}


def test_a_section_about_one_event_says_where_it_was(tmp_path):
    _, _, rels = run(tmp_path, """---
title: The 2031 gear event lineup
date: 2031-12-20
---

### March 3-4, 2031: GizmoCon

The first edition happened in Madrid, and the videos are online.

### May 5, 2031: Sprocket Summit

Developers in Japan watched the stream.
""")
    assert ("HELD_IN", "GizmoCon 2031", "Madrid") in rels
    assert not any(r[0] == "HELD_IN" and r[2] == "Japan" for r in rels)


def test_front_matter_venue_and_a_place_after_the_event_in_the_title(tmp_path):
    _, types, rels = run(tmp_path, """---
title: Widget Summit 2031 Madrid
date: 2031-05-02
venue: Harbor Congress Hall, Calle Mayor 1, Madrid
---

Thanks to everyone who came.
""")
    assert ("HELD_IN", "Widget Summit 2031", "Harbor Congress Hall") in rels
    assert ("HELD_IN", "Widget Summit 2031", "Madrid") in rels
    assert "Calle Mayor 1" not in types["Place"]


def test_a_place_in_a_title_far_from_the_event_is_not_its_place(tmp_path):
    _, _, rels = run(tmp_path, """---
title: Widget Summit 2031 recap from our Madrid office
date: 2031-05-02
---

Thanks to everyone who came.
""")
    assert not any(r[0] == "HELD_IN" for r in rels)


def test_a_place_of_work_or_study_is_no_venue(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
At Widget Summit 2031 a student at Harbor Valley High School in Madrid told how slow processes were
holding back innovation at the ACME Lab.
""")
    assert not types.get("Place", set()) & {"Harbor Valley High School", "ACME Lab"}


def test_a_venue_word_after_an_adjective(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
I just came back from Widget Summit 2031 last week, at the beautiful Calder Pavilion.
""")
    assert ("HELD_IN", "Widget Summit 2031", "Calder Pavilion") in rels
