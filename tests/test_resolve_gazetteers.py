"""The shipped gazetteers: well-known entities, each form naming one of them."""
from __future__ import annotations

from collections import defaultdict

from graphbuild import knowledge
from graphbuild.knowledge.lexicon import name_key
from graphbuild.resolve import resolve
from tests.test_resolve import Ex, by_type


def test_a_misspelt_name_is_an_alias_of_the_real_entity():
    ex = Ex("a").add("o", "Organization", "Container-native Computing Foundation").done()
    (org,) = by_type(resolve([ex]), "Organization").values()
    assert org.label == "Cloud Native Computing Foundation"


def test_no_form_names_two_entries_of_one_type():
    owners = defaultdict(set)
    for e in knowledge.all_entries():
        for form in e.forms:
            owners[(e.type, form if e.case_sensitive else name_key(form))].add(e.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_no_entry_is_a_team_or_community_of_one_project():
    words = {"community", "team", "teams"}
    assert [e.name for e in knowledge.all_entries() if name_key(e.name).split()[-1] in words] == []

