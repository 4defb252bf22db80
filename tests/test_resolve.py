"""Resolve stage: one test per rule of docs/resolution.md."""
from __future__ import annotations

import datetime as dt
import itertools

from graphbuild.resolve import resolve
from graphbuild.types import Evidence, Extraction, Mention, Relation, Report

# ------------------------------------------------------------ hand-made extractions

_line = itertools.count(1)


def ev(report: str, text: str = "") -> tuple[Evidence, ...]:
    return (Evidence(report=report, line=next(_line), text=text, rule="test"),)


class Ex:
    """Builder: ``Ex("2014-kvm").person("p1", "Stefan Hajnoczi").done()``."""

    def __init__(self, slug: str, date: dt.date | None = None, title: str = ""):
        self.id = f"report:{slug}"
        self.report = Report(id=self.id, path=f"reports/{slug}.md", format="markdown",
                             title=title or slug, date=date)
        self.mentions: list[Mention] = [Mention(
            key="report", type="Report", name=self.report.title, evidence=ev(self.id),
            attrs={"id": self.id, "path": self.report.path, "title": self.report.title,
                   "date": date.isoformat() if date else None, "authors": [], "tags": []})]
        self.relations: list[Relation] = []

    def add(self, key: str, typ: str, name: str, aliases=(), **attrs) -> "Ex":
        self.mentions.append(Mention(key=key, type=typ, name=name, evidence=ev(self.id, name),
                                     attrs=attrs, aliases=tuple(aliases)))
        return self

    def person(self, key, name, **attrs):
        return self.add(key, "Person", name, **attrs)

    def event(self, key, name, series=None, year=None, **attrs):
        return self.add(key, "Event", name, series=series, year=year, **attrs)

    def rel(self, typ: str, source: str, target: str) -> "Ex":
        self.relations.append(Relation(type=typ, source=source, target=target, evidence=ev(self.id)))
        return self

    def done(self) -> Extraction:
        return Extraction(report=self.report, mentions=tuple(self.mentions),
                          relations=tuple(self.relations))


def by_type(resolved, typ):
    return {e.id: e for e in resolved.entities if e.type == typ}


def test_report_entity_uses_report_id():
    r = resolve([Ex("2014-kvm-md", dt.date(2014, 10, 30), "KVM Forum 2014 notes").done()])
    (rep,) = r.entities
    assert rep.id == "report:2014-kvm-md"
    assert rep.label == "KVM Forum 2014 notes"
    assert rep.attrs["date"] == "2014-10-30"


def test_first_name_within_report():
    x = Ex("a").person("p1", "Stefan Hajnoczi").person("p2", "Stefan").person("p3", "Hajnoczi")
    persons = by_type(resolve([x.done()]), "Person")
    assert list(persons) == ["person:stefan-hajnoczi"]
    rules = {m.merged: m.rule for m in persons["person:stefan-hajnoczi"].merges}
    assert rules == {"Stefan": "first-name", "Hajnoczi": "surname"}


def test_exact_names_merge_across_reports():
    a = Ex("a").person("p", "Stefan Hajnoczi").done()
    b = Ex("b").person("p", "stefan  hajnoczi").done()
    (p,) = by_type(resolve([a, b]), "Person").values()
    assert {e.report for e in p.provenance} == {"report:a", "report:b"}
    assert "stefan  hajnoczi" in p.aliases


def test_editions_and_series():
    a = Ex("a").event("e", "KVM Forum 2014", series="KVM Forum", year=2014, main=True).done()
    b = Ex("b").event("e", "KVM Forum 2015", series="KVM Forum", year=2015).done()
    r = resolve([a, b])
    assert set(by_type(r, "Event")) == {"event:kvm-forum-2014", "event:kvm-forum-2015"}
    assert set(by_type(r, "EventSeries")) == {"series:kvm-forum"}
    editions = {(e.source, e.target) for e in r.edges if e.type == "EDITION_OF"}
    assert editions == {("event:kvm-forum-2014", "series:kvm-forum"),
                        ("event:kvm-forum-2015", "series:kvm-forum")}
