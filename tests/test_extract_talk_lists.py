"""Lists and tables of talks as speakers and conferences write them: a title cell that also
names the speakers, a title written with its event, and a page of its author's own talks."""
from __future__ import annotations

from tests.test_extract import run

TALKS_PAGE = """---
title: Speaking
author: Rosa Tallis
date: 2024-01-10
---

Talks I have given, with slides and recordings.

* [Virt Summit 2014 - Scaling Widget Queues](https://www.youtube.com/watch?v=w1), October 2014
* _**Journey Through Time: Snapshot Trees in Practice — Virt Summit, Europe 2014**_ ([slides](https://example.org/trees.pdf))
"""


def test_a_page_of_the_authors_own_talks(tmp_path):
    _, types, rels = run(tmp_path, TALKS_PAGE)
    assert ("PRESENTED", "Rosa Tallis", "Scaling Widget Queues") in rels
    assert ("PRESENTED", "Rosa Tallis", "Journey Through Time: Snapshot Trees in Practice") in rels
    assert "Journey Through Time" not in types.get("Person", set())


def test_the_same_list_in_a_report_is_no_page_of_own_talks(tmp_path):
    _, _, rels = run(tmp_path, TALKS_PAGE.replace("title: Speaking", "title: Notes from the summit")
                     .replace("Talks I have given, with", "Talks we liked, with"))
    assert not any(r[0] == "PRESENTED" and r[1] == "Rosa Tallis" for r in rels)


def test_a_title_cell_that_names_the_speakers(tmp_path):
    _, types, rels = run(tmp_path, """---
title: Virt Summit 2014 recordings
date: 2014-11-01
---

| Topic | Video | Presentation |
|---|---|---|
| Keynote: Finding Joy in Snapshots - Hana Novak & Bruno Costa | [Watch](https://www.youtube.com/watch?v=k1) | [Slides](https://example.org/k1.pdf) |
| Deep Dive: Widgets - Tomas Berg | [Watch](https://www.youtube.com/watch?v=k2) | - |
""")
    assert ("PRESENTED", "Hana Novak", "Finding Joy in Snapshots") in rels
    assert ("PRESENTED", "Bruno Costa", "Finding Joy in Snapshots") in rels
    assert ("HAS_RESOURCE", "Finding Joy in Snapshots", "Slides") in rels
    assert ("PRESENTED", "Tomas Berg", "Widgets") in rels
    assert "Deep Dive" not in types["Person"]


def test_year_labels_icon_links_and_an_event_after_a_comma(tmp_path):
    _, _, rels = run(tmp_path, """---
title: Talks
author: Rosa Tallis
---

<b>2014:</b> Life of a widget, Virt Summit, Europe [📝](https://speakerdeck.com/rosa/life-of-a-widget "Slides") [📽️](https://youtu.be/abcdefgh "Video")
""")
    assert ("PRESENTED", "Rosa Tallis", "Life of a widget") in rels
    assert ("HAS_RESOURCE", "Life of a widget", "📝") in rels
    assert any(r[0] == "PRESENTED_AT" and r[1] == "Life of a widget" for r in rels)


def test_programme_rows_with_dates_empty_cells_and_anchor_links(tmp_path):
    _, types, _ = run(tmp_path, """---
title: Virt Summit 2021
date: 2021-02-20
---

## Program

| Date   | Time  | Session Title |
| ------ | ----- | ------------- |
| 9/Feb  | 14:30 | [Automated migration of guests](#automated-migration) |
|        | 15:00 | [Zero Downtime Updates](#upgrades) |
""")
    assert {"Automated migration of guests", "Zero Downtime Updates"} <= types["Talk"]


def test_lines_under_a_talk_line_and_players_after_an_entry_without_talk(tmp_path):
    _, _, rels = run(tmp_path, """---
title: Virt Summit 2014 videos
date: 2014-11-01
---

Scaling Widget Queues for Everyone by Hana Novak, Northwind Labs
https://www.youtube.com/watch?v=aaaaaaa1

**13:30-13:55 _Hotplug for vertical scaling_** <br>
Igor Brandt, Harbor Cloud <br>

* Tiering in practice - Bruno Costa talks about tiering storage for guests:

<iframe src="https://www.youtube.com/embed/bbbbbbb2"></iframe>

* An unnamed entry with no talk in it, just some remarks about the day.

<iframe src="https://www.youtube.com/embed/ccccccc3"></iframe>
""")
    assert any(r[0] == "HAS_RESOURCE" and r[1] == "Scaling Widget Queues for Everyone" for r in rels)
    assert ("PRESENTED", "Igor Brandt", "Hotplug for vertical scaling") in rels
    assert any(r[0] == "HAS_RESOURCE" and r[1] == "Tiering in practice" for r in rels)
    assert len([r for r in rels if r[0] == "HAS_RESOURCE" and r[1] == "Tiering in practice"]) == 1


def test_the_writers_own_talk_named_in_italics_and_its_links_below(tmp_path):
    _, types, rels = run(tmp_path, """---
title: 'Video and slides for my Virt Summit 2014 talk'
date: 2014-11-02
---
The slides and videos for my Virt Summit 2014 talk (<i>Widgets: internal APIs and world views</i>)
are available online.

* Slides: [https://example.org/talks/widgets/](https://example.org/talks/widgets/)
* Video: [https://summit.example.org/2014/schedule/event/widgets/](https://summit.example.org/2014/schedule/event/widgets/)
""")
    title = "Widgets: internal APIs and world views"
    assert title in types["Talk"]
    assert ("HAS_RESOURCE", title, "https://example.org/talks/widgets/") in rels
    assert any(r[0] == "PRESENTED_AT" and r[1] == title for r in rels)
