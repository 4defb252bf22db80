"""User alias files: merge and split rules, loading, errors, discovery."""
from __future__ import annotations

import pytest

from graphbuild.errors import GraphbuildError
from graphbuild.resolve import find_alias_file, load_alias_file, resolve
from tests.test_resolve import Ex, ids, one, rules_of

ALIASES = """
merge:
  Person:
    "Kashyap Chamarthy": ["kchamarthy", "Kashyap C."]
  Organization:
    "Red Hat": ["RH"]
split:
  Person: ["Daniel"]       # never merge these bare forms
"""


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "graphbuild-aliases.yaml"
    path.write_text(ALIASES, encoding="utf-8")
    return load_alias_file(path)


def test_load(rules):
    assert rules.merge == (("Person", "Kashyap Chamarthy", ("kchamarthy", "Kashyap C.")),
                           ("Organization", "Red Hat", ("RH",)))
    assert rules.split == (("Person", "Daniel"),)


def test_user_merge(rules):
    r = resolve([Ex("a").person("p", "Kashyap C.").add("o", "Organization", "RH").done(),
                 Ex("b").person("p", "kchamarthy").done()], aliases=rules)
    p = one(r, "Person")
    assert (p.id, p.label) == ("person:kashyap-chamarthy", "Kashyap Chamarthy")
    assert rules_of(p) == {"Kashyap C.": "user-alias", "kchamarthy": "user-alias"}
    assert one(r, "Organization").id == "org:red-hat"


def test_user_split_keeps_bare_form_apart_in_each_report(rules):
    r = resolve([Ex("a").person("p1", "Daniel Berrange").person("p2", "Daniel").done(),
                 Ex("b").person("p2", "Daniel").done()], aliases=rules)
    assert ids(r, "Person") == {"person:daniel-berrange", "person:daniel--a", "person:daniel--b"}
    without = resolve([Ex("a").person("p1", "Daniel Berrange").person("p2", "Daniel").done()])
    assert ids(without, "Person") == {"person:daniel-berrange"}


def test_find_alias_file(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "with").mkdir()
    (tmp_path / "with" / "graphbuild-aliases.yaml").write_text("merge: {}\n")
    assert find_alias_file([tmp_path / "empty", tmp_path / "with"]) == tmp_path / "with" / "graphbuild-aliases.yaml"
    assert find_alias_file([tmp_path / "empty"]) is None
    assert find_alias_file([tmp_path / "with" / "graphbuild-aliases.yaml"]) is None


def test_empty_file_is_no_rules(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("# nothing yet\n")
    rules = load_alias_file(path)
    assert (rules.merge, rules.split) == ((), ())


@pytest.mark.parametrize("text, problem", [
    ("merge: [1, 2", "not valid YAML at line"),
    ("- a\n- b\n", "top level must be a mapping"),
    ("merged: {}\n", "unknown section"),
    ("merge:\n  Persons: {A: [b]}\n", "unknown type 'Persons'"),
    ("merge:\n  Person: [a, b]\n", "must map a canonical name"),
    ("merge:\n  Person: {A: {x: 1}}\n", "must be a list of names"),
    ("merge:\n  Person: {A: [b], B: [b]}\n", "listed under both"),
    ("merge:\n  Person: {A: [b]}\nsplit:\n  Person: [b]\n", "both in 'merge' and in 'split'"),
    ("split: [Daniel]\n", "'split' must be a mapping"),
])
def test_invalid_files_name_the_file_and_problem(tmp_path, text, problem):
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GraphbuildError) as info:
        load_alias_file(path)
    assert str(path) in str(info.value) and problem in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(GraphbuildError, match="cannot read alias file"):
        load_alias_file(tmp_path / "nope.yaml")


def test_user_alias_for_series(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text('merge:\n  EventSeries:\n    "Open Source Summit Europe": ["OSSEU", "OSS EU"]\n')
    r = resolve([Ex("a").event("e", "OSSEU 2023").done(),
                 Ex("b").event("e", "Open Source Summit Europe 2023").done()],
                aliases=load_alias_file(path))
    assert ids(r, "Event") == {"event:open-source-summit-europe-2023"}
    assert ids(r, "EventSeries") == {"series:open-source-summit-europe"}
