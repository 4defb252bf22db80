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
    x, types, rels = run(tmp_path, """---
title: PyCon 2031 Sprocket Summit notes
date: 2031-05-02
---

The Sprocket Summit was held the day before the conference.

* [Faster Gears](https://example.org/gears.pdf) by Hana Novak
""")
    assert {"PyCon 2031 Sprocket Summit", "PyCon 2031"} <= types["Event"]
    assert not any(n.startswith("Sprocket Summit") for n in types["Event"])
    assert ("PRESENTED_AT", "Faster Gears", "PyCon 2031 Sprocket Summit") in rels
