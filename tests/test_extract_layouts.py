"""Talks in layouts the extraction was not written for one by one: each family of
the general reading (separators, containers, resources, loose names, affiliations,
whole blogs), on small reports written for the test and read without a model."""
from __future__ import annotations

from graphbuild.extract.candidates import Context, from_unit_parts
from graphbuild.extract.config import Rules, load_rules
from graphbuild.extract.parts import is_title_like, leading, people_of
from graphbuild.extract.units import Unit
from tests.test_extract import FRONT, run


# ---------------------------------------------------------------- separators
def test_title_then_names_after_any_dash(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
The talks of Virt Summit 2014:

* *Scaling Block Jobs* — Hana Novak, Bruno Costa, Harbor Cloud
* **Live Patching Without Fear** – Ines Varga (Northwind Labs)
* Persistent Memory for Guests -- Tomas Berg
""")
    assert ("PRESENTED", "Hana Novak", "Scaling Block Jobs") in rels
    assert ("PRESENTED", "Bruno Costa", "Scaling Block Jobs") in rels
    assert ("AFFILIATED_WITH", "Bruno Costa", "Harbor Cloud") in rels
    assert ("PRESENTED", "Ines Varga", "Live Patching Without Fear") in rels
    assert ("AFFILIATED_WITH", "Ines Varga", "Northwind Labs") in rels
    assert ("PRESENTED", "Tomas Berg", "Persistent Memory for Guests") in rels
    assert "Harbor Cloud" not in types["Person"]


def test_name_first_then_title(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Talks

**Hana Novak** Erasure coding for small clusters

Ines Varga: Observability of Guest Agents
""")
    assert ("PRESENTED", "Hana Novak", "Erasure coding for small clusters") in rels
    assert ("PRESENTED", "Ines Varga", "Observability of Guest Agents") in rels


def test_title_by_names_with_organization(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
## Tracing the Scheduler by Ines Varga and Tomas Berg (Northwind Labs)

[See the recording](https://www.youtube.com/watch?v=t1)

They showed how the scheduler makes its choices.
""")
    assert ("PRESENTED", "Ines Varga", "Tracing the Scheduler") in rels
    assert ("PRESENTED", "Tomas Berg", "Tracing the Scheduler") in rels
    assert ("AFFILIATED_WITH", "Tomas Berg", "Northwind Labs") in rels
    assert ("HAS_RESOURCE", "Tracing the Scheduler", "See the recording") in rels


# ---------------------------------------------------------------- containers
def test_day_headings_hold_talks_but_are_not_talks(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
# Schedule

## Day 1

* 10:00 - 10:30 Keynote: The Next Ten Years of Virtualization
* 10:30 - 11:00 Coffee break

## Monday, Nov 13

* 1:00 PM - Guest Memory Ballooning Revisited - Tomas Berg
""")
    talks = types["Talk"]
    assert "The Next Ten Years of Virtualization" in talks or "Keynote: The Next Ten Years of Virtualization" in talks
    assert ("PRESENTED", "Tomas Berg", "Guest Memory Ballooning Revisited") in rels
    for never in ("Day 1", "Monday, Nov 13", "Coffee break", "Schedule"):
        assert never not in talks


def test_table_with_one_cell_for_title_and_speaker(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
| Time | Session |
|------|---------|
| 09:30 | Image Streaming at Scale - Hana Novak (Harbor Cloud) |
| 10:15 | Lunch |
""")
    assert ("PRESENTED", "Hana Novak", "Image Streaming at Scale") in rels
    assert ("AFFILIATED_WITH", "Hana Novak", "Harbor Cloud") in rels


def test_heading_per_talk_with_speaker_in_the_prose_below(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
## Storage Tiering in Practice

Long-time contributor *Ines Varga* will speak on how tiering moves cold data.

## Faster Guest Boot

[Bruno Costa](https://twitter.com/brunocosta) showed the boot path, step by step:

[Watch it](https://www.youtube.com/watch?v=b00t)
""", name="2014-10-30-heads.md")
    assert ("PRESENTED", "Ines Varga", "Storage Tiering in Practice") in rels
    assert ("PRESENTED", "Bruno Costa", "Faster Guest Boot") in rels
    assert ("HAS_RESOURCE", "Faster Guest Boot", "Watch it") in rels


def test_asciidoc_list_with_emphasised_titles(tmp_path):
    _, _, rels = run(tmp_path, """= Talks at Virt Summit 2014
:page-post-date: October 30, 2014

The talks:

* *Erasure Coding Without Tears* — Hana Novak, Harbor Cloud
* *Guest Agents Everywhere* — Tomas Berg
""", name="talks.adoc")
    assert ("PRESENTED", "Hana Novak", "Erasure Coding Without Tears") in rels
    assert ("PRESENTED", "Tomas Berg", "Guest Agents Everywhere") in rels


# ----------------------------------------------------------------- resources
def test_profile_link_on_a_name_is_a_person_not_a_resource(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Talks

* [Hana Novak](https://twitter.com/hananovak): [Snapshots All the Way Down](https://youtu.be/snap)
""")
    assert ("PRESENTED", "Hana Novak", "Snapshots All the Way Down") in rels
    resources = {r for r in rels if r[0] == "HAS_RESOURCE"}
    assert all("twitter.com" not in r[2] for r in resources)
    assert "Hana Novak" in types["Person"]


def test_relative_links_resolved_against_the_reports_url(tmp_path):
    x, _, _ = run(tmp_path, """---
title: Talks at Virt Summit 2014
date: 2014-10-30
url: https://blog.example.org/2014/virt-summit/
---
* [Guest Agents Everywhere](slides/agents.pdf) by Tomas Berg
""")
    urls = {m.attrs.get("url") for m in x.mentions if m.type == "Resource"}
    assert "https://blog.example.org/2014/virt-summit/slides/agents.pdf" in urls


def test_recording_linked_in_a_sentence_about_a_talk(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
We had a much-awaited session on [architecting storage for scale](https://www.youtube.com/watch?v=arch)
from Ines Varga, which started a long discussion.
""")
    assert ("PRESENTED", "Ines Varga", "architecting storage for scale") in rels


# ------------------------------------------------------------- loose names
def test_speaker_first_with_a_verb_and_a_recording(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
Highlights of the day:

- [Bruno Costa](https://twitter.com/bc) discussed tiered storage for guests, and what comes next ([12:30](https://www.youtube.com/watch?v=x&t=750s))
""")
    assert ("PRESENTED", "Bruno Costa", "tiered storage for guests") in rels


def test_people_of_reads_names_roles_and_organizations():
    rules = load_rules()
    assert people_of("Arturo Vance, Derek Chen-Becker, Harbor Cloud", rules) == (
        ["Arturo Vance", "Derek Chen-Becker"], [("Arturo Vance", "Harbor Cloud"), ("Derek Chen-Becker", "Harbor Cloud")])
    assert people_of("by Lin Sun and Faseela Karim", rules)[0] == ["Lin Sun", "Faseela Karim"]
    assert people_of("Jane Doe, Software Engineer at Acme Systems", rules)[1] == [("Jane Doe", "Acme Systems")]
    assert people_of("the future of storage", rules) is None


# ------------------------------------------------------------- affiliations
def test_affiliation_from_org_after_names_in_prose(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
* [Scaling Guests](https://youtu.be/s) by Ines Varga and Tomas Berg

Ines Varga and Tomas Berg from Northwind Labs then answered questions.
""")
    assert ("AFFILIATED_WITH", "Ines Varga", "Northwind Labs") in rels
    assert ("AFFILIATED_WITH", "Tomas Berg", "Northwind Labs") in rels


# -------------------------------------------------------------- whole blogs
def test_a_post_about_a_release_names_no_talks(tmp_path):
    _, types, _ = run(tmp_path, """---
title: Release 2.3 is out
date: 2021-03-01
---
We are happy to announce release 2.3. Read the [release notes](https://example.org/notes)
and [download it here](https://example.org/download).

* Faster snapshots
* [Documentation](https://example.org/docs) updates
""")
    assert "Talk" not in types


def test_times_dates_and_link_phrases_are_never_titles():
    rules = load_rules()
    for text in ("Day 1", "Nov 13 1:00 PM", "the video is available here", "Watch the full day 1 stream here",
                 "Monday, Dec 10", "10:30 - 11:00", "Geoff's site", "Recordings"):
        assert not is_title_like(text, rules, strong=True), text
    assert is_title_like("Erasure Coding Without Tears", rules)


def test_leading_slot_and_labels_come_off():
    rules = load_rules()
    text = "Day 2 - Beginner - Session 3 - Python Pipelines on Flink"
    assert text[leading(text, rules)[0]:] == "Python Pipelines on Flink"
    pos, slot, kind, _ = leading("10:45-11:30 Keynote: Open Clouds", rules)
    assert slot and kind == "keynote"


def test_rules_from_a_dict_change_what_is_read():
    raw = dict(load_rules().raw)
    raw["never_titles"] = list(raw["never_titles"]) + ["^erasure"]
    custom = Rules.from_dict(raw)
    assert is_title_like("Erasure Coding Without Tears", load_rules())
    assert not is_title_like("Erasure Coding Without Tears", custom)
    unit = Unit(0, "list_item", "Erasure Coding Without Tears - Hana Novak", 1, "")
    assert from_unit_parts(unit, load_rules(), Context())
    assert not from_unit_parts(unit, custom, Context())


def test_every_rule_in_the_rules_file_is_read():
    """No dead entries: each top-level key of rules.yaml is looked up by the code that reads reports."""
    from pathlib import Path
    import graphbuild
    root = Path(graphbuild.__file__).parent
    code = "".join(p.read_text(encoding="utf-8") for folder in ("extract", "audit") for p in (root / folder).glob("*.py"))
    unread = [key for key in load_rules().raw if f'"{key}"' not in code and f"'{key}'" not in code]
    assert not unread, unread


# ---------------------------------------------------------------- talk pages
def test_a_talk_page_by_its_front_matter(tmp_path):
    _, _, rels = run(tmp_path, """---
layout: talk
title: "Scaling Widgets with Gears"
speaker: Ada Quill
event: Widget Days 2031
slides: https://example.org/gears.pdf
youtube: dQw4w9WgXcQ
---
Full talk description goes here.
""", name="gears.md")
    assert ("PRESENTED", "Ada Quill", "Scaling Widgets with Gears") in rels
    assert ("PRESENTED_AT", "Scaling Widgets with Gears", "Widget Days 2031") in rels
    assert ("HAS_RESOURCE", "Scaling Widgets with Gears", "video") in rels


def test_a_talk_page_by_its_abstract_and_biography(tmp_path):
    _, _, rels = run(tmp_path, """---
title: User case study
subtitle: Tracing in the widget emulator
---
## Abstract
This talk covers how tracing is used in the widget emulator.

## Biography
Ada Quill has contributed to the emulator since 2010.
""", name="tracing.md")
    assert ("PRESENTED", "Ada Quill", "User case study: Tracing in the widget emulator") in rels


def test_a_post_with_an_author_is_no_talk_page(tmp_path):
    _, types, _ = run(tmp_path, """---
title: Widget 2.0 released
author: Ada Quill
tags: [release]
---
## Description
Widget 2.0 brings faster gears.
""", name="release.md")
    assert "Talk" not in types


def test_interview_turns_are_not_talks(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Ada Lovelace: What brought you to the summit?

Tomas Berg: The talks on storage. Everything else came later.

Ada Lovelace: And what did you take home?

Tomas Berg: Mostly that caching is hard.

Ada Lovelace: Thanks for your time.

Tomas Berg: Any time.
""")
    assert "Talk" not in types


def test_noun_phrases_are_not_names():
    rules = load_rules()
    from graphbuild.extract.names import looks_like_person
    assert not looks_like_person("Remote Execution", rules)
    assert not looks_like_person("Storage Management", rules)
    assert looks_like_person("Ada Lovelace", rules)


def test_a_title_announced_by_the_paragraph_before(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
Then came **Ines Varga**, Head of Storage at Northwind Labs, with a mind-blowing talk:

**Ten petabytes a second without breaking the budget.**

With the next upgrade of the detector, the data will grow tenfold.
""")
    assert ("PRESENTED", "Ines Varga", "Ten petabytes a second without breaking the budget") in rels


def test_one_talk_named_twice_in_a_section_is_one_talk(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
### Networking across clusters

The talk _"Clusters Without Borders"_ by **Ines Varga** and **Tomas Berg** was the best of the day.

YouTube link: [Storage Days - Clusters Without Borders: a practical guide](https://www.youtube.com/watch?v=cwb)
""", name="2014-10-30-twice.md")
    assert ("PRESENTED", "Tomas Berg", "Clusters Without Borders") in rels
    assert ("HAS_RESOURCE", "Clusters Without Borders", "Storage Days - Clusters Without Borders: a practical guide") in rels
    assert not any("practical guide" in t for t in types["Talk"])


def test_affiliation_after_a_list_of_names(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
Thanks to Oriana Velasquez, Pieter Janssens, and Ruth Adeyemi from Widget Guild for the replay event.
""")
    for name in ("Oriana Velasquez", "Pieter Janssens", "Ruth Adeyemi"):
        assert ("AFFILIATED_WITH", name, "Widget Guild") in rels


def test_software_named_by_the_noun_after_it(tmp_path):
    x, types, _ = run(tmp_path, FRONT + """
- [Gearbox](https://example.org/gearbox) is a validation library for widget forms
- widget-fsm, a tiny state machine library, came up in two talks
- Moving forward, the project plans a new release.
""")
    assert {"Gearbox", "widget-fsm"} <= types["Project"]
    assert "forward" not in {p.casefold() for p in types["Project"]}
