"""Resolve stage: people written with and without middle names, initials and particles."""
from __future__ import annotations

from graphbuild.resolve import resolve
from tests.test_resolve import NO_GAZETTEER, Ex, by_type


def people(*names_per_report: tuple[str, ...]):
    exs = []
    for i, names in enumerate(names_per_report):
        ex = Ex(f"r{i}")
        for j, name in enumerate(names):
            ex.person(f"p{j}", name)
        exs.append(ex.done())
    return by_type(resolve(exs, kb=NO_GAZETTEER), "Person")


def labels(persons) -> list[str]:
    return sorted(p.label for p in persons.values())


def test_middle_initial_across_reports_is_one_person():
    persons = people(("Paula E. Kenney",), ("Paula Kenney",), ("Paula Kenney",))
    assert len(persons) == 1
    (p,) = persons.values()
    assert p.label == "Paula Kenney" and "Paula E. Kenney" in p.aliases
    assert any(m.rule == "middle-name" and m.merged == "Paula E. Kenney" for m in p.merges)


def test_middle_name_and_particle():
    assert len(people(("Rahim Xavier Singh",), ("Rahim Singh",))) == 1
    assert len(people(("Ludovic van Beethoven",), ("Ludovic Beethoven",))) == 1


def test_initial_fits_the_name_it_abbreviates():
    persons = people(("Josefa J Palacios-Prado",), ("Josefa Juana Palacios Prado",), ("Josefa Prado",))
    assert len(persons) == 1


def test_two_distinct_fuller_forms_keep_the_short_one_apart():
    persons = people(("Karin M. Sandor",), ("Karin T. Sandor",), ("Karin Sandor",))
    assert labels(persons) == ["Karin M. Sandor", "Karin Sandor", "Karin T. Sandor"]


def test_other_middle_names_are_other_people():
    assert len(people(("Anna Maria Berg",), ("Anna Lena Berg",))) == 2


def test_handle_still_joins_the_merged_person():
    ex = Ex("r9").person("h", "pkenney", handle=True).done()
    persons = by_type(resolve([ex, Ex("r1").person("p", "Paula E. Kenney").done(),
                               Ex("r2").person("p", "Paula Kenney").done()], kb=NO_GAZETTEER), "Person")
    assert len(persons) == 1
