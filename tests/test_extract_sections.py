"""Heading sections: talks under a heading about talks take the speakers its lead-in
names (and the author who writes "I gave"), a lone programme link is a talk's page,
and a session named only by its kind ("Opening keynote - Name") is a talk."""
from __future__ import annotations

from tests.test_extract import FRONT, run


def test_headings_under_my_talks_take_the_lead_in_speakers(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
# My talks

I gave two talks with Bruno Costa at Virt Summit 2014, both well attended.

## Snapshots for everyone

A talk about the state of snapshots this year. The slides are [here](https://example.org/snap.pdf).

## Tiered storage made simple

We showed the tiering daemon. The recording will be [here](https://summit.example.org/2014/schedule/event/tiering/).

# Thanks

Thanks to the organizers.
""")
    for title in ("Snapshots for everyone", "Tiered storage made simple"):
        assert ("PRESENTED", "Ada Lovelace", title) in rels
        assert ("PRESENTED", "Bruno Costa", title) in rels
        assert ("PRESENTED_AT", title, "Virt Summit 2014") in rels
    assert ("HAS_RESOURCE", "Tiered storage made simple", "here") in rels
    assert "Thanks" not in types["Talk"] and "My talks" not in types["Talk"]


def test_a_section_linking_several_talk_pages_is_no_talk(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
## Talks I liked

## Storage in practice

The [first talk](https://summit.example.org/2014/schedule/event/one/) and the
[second one](https://summit.example.org/2014/schedule/event/two/) were both about disks.
""")
    assert "Storage in practice" not in types.get("Talk", set())


def test_a_session_named_by_its_kind(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Keynotes

1. **Opening keynote** — Hana Novak (Northwind Labs): [video](https://www.youtube.com/watch?v=k1)
2. **Closing keynote** — Tomas Berg
""")
    assert ("PRESENTED", "Hana Novak", "Opening keynote") in rels
    assert ("HAS_RESOURCE", "Opening keynote", "video") in rels
    assert ("PRESENTED", "Tomas Berg", "Closing keynote") in rels


def test_a_scheduled_session_named_by_its_kind_and_a_group_of_speakers(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
| Time | Session | Speaker |
|---|---|---|
| 4:00 PM | **Snapshots at Scale** | **Hana Novak (Northwind Labs)** |
| 4:30 PM | **Panel Discussion** | **All Speakers** |
""")
    assert ("PRESENTED", "Hana Novak", "Snapshots at Scale") in rels
    assert "Panel Discussion" in types["Talk"]
    assert "All Speakers" not in types.get("Person", set()) | types["Talk"]


def test_a_heading_then_a_line_of_its_speakers(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Talks at Virt Summit 2014

### Scaling teams without chaos
*Olga Brandt, Northwind Labs*

Olga spoke about growing from 5 to 50 engineers.

### Attending:

Hana Novak, Bruno Costa
""")
    assert ("PRESENTED", "Olga Brandt", "Scaling teams without chaos") in rels
    assert "Attending" not in types["Talk"] and "Attending:" not in types["Talk"]
