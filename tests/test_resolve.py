"""Resolve stage: one test per rule of docs/resolution.md."""
from __future__ import annotations

import datetime as dt
import itertools

from graphbuild.knowledge import Entry
from graphbuild.resolve import KnowledgeBase, resolve
from graphbuild.types import Evidence, Extraction, Mention, Relation, Report

# ------------------------------------------------------------ hand-made extractions

NO_GAZETTEER = KnowledgeBase(())   # rules alone, whatever the shipped gazetteers hold

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
    b = Ex("b").person("p", "stefan\n hajnoczi").done()
    (p,) = by_type(resolve([a, b]), "Person").values()
    assert {e.report for e in p.provenance} == {"report:a", "report:b"}
    assert "stefan hajnoczi" in p.aliases      # whitespace collapsed for display


def test_editions_and_series():
    a = Ex("a").event("e", "KVM Forum 2014", series="KVM Forum", year=2014, main=True).done()
    b = Ex("b").event("e", "KVM Forum 2015", series="KVM Forum", year=2015).done()
    r = resolve([a, b])
    assert set(by_type(r, "Event")) == {"event:kvm-forum-2014", "event:kvm-forum-2015"}
    assert set(by_type(r, "EventSeries")) == {"series:kvm-forum"}
    editions = {(e.source, e.target) for e in r.edges if e.type == "EDITION_OF"}
    assert editions == {("event:kvm-forum-2014", "series:kvm-forum"),
                        ("event:kvm-forum-2015", "series:kvm-forum")}


def ids(resolved, typ):
    return set(by_type(resolved, typ))


def one(resolved, typ):
    (entity,) = by_type(resolved, typ).values()
    return entity


def rules_of(entity):
    return {m.merged: m.rule for m in entity.merges}


# ------------------------------------------------------------------ within a report


def test_honorific_dropped_and_kept_as_alias():
    r = resolve([Ex("a").person("p", "Dr. David Alan Gilbert").done(),
                 Ex("b").person("p", "David Alan Gilbert").done()])
    p = one(r, "Person")
    assert (p.id, p.label) == ("person:david-alan-gilbert", "David Alan Gilbert")
    assert "Dr. David Alan Gilbert" in p.aliases
    assert rules_of(p)["Dr. David Alan Gilbert"] == "honorific"


def test_inverted_name():
    p = one(resolve([Ex("a").person("p", "Lenz, Grimmer").done()]), "Person")
    assert (p.id, p.label) == ("person:lenz-grimmer", "Lenz Grimmer")
    assert rules_of(p) == {"Lenz, Grimmer": "inverted-name"}


def test_inverted_name_swapped_when_that_person_is_known():
    r = resolve([Ex("a").person("p", "Grimmer, Lenz").done(), Ex("b").person("p", "Lenz Grimmer").done()])
    assert ids(r, "Person") == {"person:lenz-grimmer"}


def test_comma_list_of_longer_names_is_not_inverted():
    r = resolve([Ex("a").person("p", "Lenz Grimmer, Kashyap Chamarthy").done()])
    assert one(r, "Person").label == "Lenz Grimmer, Kashyap Chamarthy"


def test_possessive_and_first_name():
    x = Ex("a").person("p1", "Andrew Jones").person("p2", "Andrew's")
    p = one(resolve([x.done()]), "Person")
    assert p.label == "Andrew Jones"
    assert rules_of(p) == {"Andrew's": "first-name"}


def test_initial_within_report():
    x = Ex("a").person("p1", "Kashyap Chamarthy").person("p2", "K. Chamarthy").person("p3", "Kashyap C.")
    p = one(resolve([x.done()]), "Person")
    assert rules_of(p) == {"K. Chamarthy": "initial", "Kashyap C.": "initial"}


def test_first_name_ambiguous_in_report_stays_apart():
    x = (Ex("a").person("p1", "Daniel Berrange").person("p2", "Daniel Lobato")
         .person("p3", "Daniel"))
    r = resolve([x.done(), Ex("b").person("p", "Daniel").done()])
    # the bare name stays a node of its own, one per report: never guessed across reports
    assert ids(r, "Person") == {"person:daniel-berrange", "person:daniel-lobato",
                                "person:daniel--a", "person:daniel--b"}


def test_first_name_only_within_its_report():
    a = Ex("a").person("p1", "Daniel Berrange").person("p2", "Daniel").done()
    b = Ex("b").person("p1", "Daniel Lobato").person("p2", "Daniel").done()
    r = resolve([a, b])
    assert ids(r, "Person") == {"person:daniel-berrange", "person:daniel-lobato"}
    berrange = by_type(r, "Person")["person:daniel-berrange"]
    assert {e.report for e in berrange.provenance} == {"report:a"}


def test_edition_without_year_is_the_reports_edition():
    x = (Ex("a", dt.date(2015, 1, 5)).event("e1", "KVM Forum 2014", series="KVM Forum", year=2014)
         .event("e2", "KVM Forum", series="KVM Forum", year=2015))  # year filled from the date
    r = resolve([x.done()])
    assert ids(r, "Event") == {"event:kvm-forum-2014"}
    assert rules_of(one(r, "Event"))["KVM Forum"] == "edition-without-year"


def test_edition_without_year_takes_report_year():
    x = Ex("a", dt.date(2016, 2, 1)).event("e", "FOSDEM", series="FOSDEM")
    ev_ = one(resolve([x.done()]), "Event")
    assert (ev_.id, ev_.attrs["year"], ev_.attrs["series"]) == ("event:fosdem-2016", 2016, "FOSDEM")


def test_edition_without_year_ambiguous_uses_report_year():
    x = (Ex("a", dt.date(2016, 2, 1)).event("e1", "FOSDEM 2015").event("e2", "FOSDEM 2017")
         .event("e3", "FOSDEM"))
    assert ids(resolve([x.done()]), "Event") == {
        "event:fosdem-2015", "event:fosdem-2016", "event:fosdem-2017"}


# ------------------------------------------------------------------ across reports


def test_person_across_reports_has_both_reports_and_forms():
    a = Ex("a").person("p1", "Stefan Hajnoczi").person("p2", "Stefan").done()
    b = Ex("b").person("p1", "Stefan Hajnoczi", aliases=["S. Hajnoczi"]).done()
    p = one(resolve([a, b]), "Person")
    assert {e.report for e in p.provenance} == {"report:a", "report:b"}
    assert {"Stefan", "S. Hajnoczi"} <= set(p.aliases)


def test_fosdem_edition_variants_are_one():
    forms = ["FOSDEM16", "FOSDEM 2016", "FOSDEM '16", "FOSDEM'16", "fosdem 2016"]
    r = resolve([Ex(f"r{i}").event("e", f).done() for i, f in enumerate(forms)], kb=NO_GAZETTEER)
    e = one(r, "Event")
    assert (e.id, e.label) == ("event:fosdem-2016", "FOSDEM 2016")
    assert set(forms) - {"FOSDEM 2016"} <= set(e.aliases)
    assert rules_of(e)["FOSDEM16"] == "edition-variant"
    assert ids(r, "EventSeries") == {"series:fosdem"}


def test_fosdem_editions_stay_apart():
    r = resolve([Ex("a").event("e", "FOSDEM 2016").done(), Ex("b").event("e", "FOSDEM 2017").done()])
    assert ids(r, "Event") == {"event:fosdem-2016", "event:fosdem-2017"}
    assert ids(r, "EventSeries") == {"series:fosdem"}


def test_linuxcon_regions():
    r = resolve([Ex("a").event("e", "LinuxCon EU 2014", series="LinuxCon EU").done(),
                 Ex("b").event("e", "LinuxCon Europe 2014").done(),
                 Ex("c").event("e", "LinuxCon North America 2014").done(),
                 Ex("d").event("e", "LinuxCon NA 2014").done()], kb=NO_GAZETTEER)
    assert ids(r, "Event") == {"event:linuxcon-europe-2014", "event:linuxcon-north-america-2014"}
    assert ids(r, "EventSeries") == {"series:linuxcon-europe", "series:linuxcon-north-america"}


def test_project_case_variants():
    r = resolve([Ex("a").add("x", "Project", "libvirt").done(),
                 Ex("b").add("x", "Project", "libvirt").done(),
                 Ex("c").add("x", "Project", "Libvirt").done()], kb=NO_GAZETTEER)
    p = one(r, "Project")
    assert (p.id, p.label, p.aliases) == ("project:libvirt", "libvirt", ("Libvirt",))
    assert rules_of(p) == {"Libvirt": "normalized-name"}


def test_organization_forms():
    r = resolve([Ex("a").add("o", "Organization", "Red Hat").done(),
                 Ex("b").add("o", "Organization", "RedHat").done(),
                 Ex("c").add("o", "Organization", "Red Hat, Inc.").done(),
                 Ex("d").add("o", "Organization", "Red Hat").done()], kb=NO_GAZETTEER)
    o = one(r, "Organization")
    assert (o.id, o.label) == ("org:red-hat", "Red Hat")
    assert rules_of(o) == {"RedHat": "compact-name", "Red Hat, Inc.": "org-suffix"}
    assert o.attrs["wikidata"] == "Q485593"


def test_organization_forms_with_shipped_gazetteer():
    r = resolve([Ex("a").add("o", "Organization", "RedHat").done(),
                 Ex("b").add("o", "Organization", "Red Hat, Inc.").done(),
                 Ex("c").add("o", "Organization", "Red Hat Inc").done()])
    o = one(r, "Organization")
    assert (o.id, o.label, o.attrs["wikidata"]) == ("org:red-hat", "Red Hat", "Q485593")


def test_gazetteer_alias_gives_label():
    kb = KnowledgeBase([Entry("EventSeries", "Config Management Camp", ("CfgMgmtCamp",))])
    r = resolve([Ex("a").event("e", "CfgMgmtCamp 2016").done(),
                 Ex("b").event("e", "Config Management Camp 2016").done(),
                 Ex("c").add("s", "EventSeries", "cfgmgmtcamp").done()], kb=kb)
    assert ids(r, "Event") == {"event:config-management-camp-2016"}
    s = one(r, "EventSeries")
    assert (s.id, s.label) == ("series:config-management-camp", "Config Management Camp")
    assert rules_of(s)["cfgmgmtcamp"] == "gazetteer-alias"


def test_similar_names_of_different_things_stay_apart():
    r = resolve([Ex("a").add("k", "Project", "KVM").add("v", "Project", "KubeVirt")
                 .add("n", "Project", "Nova").add("s", "Place", "Nova Scotia").done()])
    assert ids(r, "Project") == {"project:kvm", "project:kubevirt", "project:nova"}
    assert ids(r, "Place") == {"place:nova-scotia"}


def test_wikidata_attr():
    r = resolve([Ex("a").add("q", "Project", "QEMU").add("k", "Project", "KubeVirt").done()])
    p = by_type(r, "Project")
    assert p["project:qemu"].attrs["wikidata"] == "Q624699"
    assert "wikidata" not in p["project:kubevirt"].attrs


# ------------------------------------------------------------------- author handles


def test_handle_joins_unique_full_name():
    a = Ex("a").person("p", "Kashyap Chamarthy").done()
    b = Ex("b").person("p", "kchamarthy", handle=True, author=True).done()
    p = one(resolve([a, b]), "Person")
    assert p.id == "person:kashyap-chamarthy"
    assert rules_of(p) == {"kchamarthy": "author-handle"}
    assert p.attrs["handles"] == ["kchamarthy"]


def test_handle_first_name_and_initial():
    r = resolve([Ex("a").person("p", "Stefan Hajnoczi").done(),
                 Ex("b").person("p", "stefanh", handle=True).done(),
                 Ex("c").person("p", "stefan.hajnoczi", handle=True).done()])
    assert ids(r, "Person") == {"person:stefan-hajnoczi"}


def test_handle_with_two_candidates_stays():
    r = resolve([Ex("a").person("p", "Kashyap Chamarthy").done(),
                 Ex("b").person("p", "Kiran Chamarthy").done(),
                 Ex("c").person("p", "kchamarthy", handle=True).done()])
    assert ids(r, "Person") == {"person:kashyap-chamarthy", "person:kiran-chamarthy", "person:kchamarthy"}
    assert by_type(r, "Person")["person:kchamarthy"].label == "kchamarthy"


# ---------------------------------------------------------------- talks, resources


def _talk_report(slug, event, title="Towards Multi-Threaded Device Emulation in QEMU"):
    return (Ex(slug).event("e", event).add("t", "Talk", title).person("p", "Stefan Hajnoczi")
            .rel("PRESENTED", "p", "t").rel("PRESENTED_AT", "t", "e").done())


def test_talk_in_two_reports_of_one_event_is_one():
    r = resolve([_talk_report("a", "KVM Forum 2014"), _talk_report("b", "KVM Forum 2014")])
    t = one(r, "Talk")
    assert t.id == "talk:towards-multi-threaded-device-emulation-in-qemu"
    assert {e.report for e in t.provenance} == {"report:a", "report:b"}


def test_same_title_at_two_events_gets_event_suffix():
    r = resolve([_talk_report("a", "KVM Forum 2014"), _talk_report("b", "KVM Forum 2015")])
    assert ids(r, "Talk") == {
        "talk:towards-multi-threaded-device-emulation-in-qemu-kvm-forum-2014",
        "talk:towards-multi-threaded-device-emulation-in-qemu-kvm-forum-2015"}


def test_resources_by_normalized_url():
    r = resolve([Ex("a").add("r", "Resource", "slides", url="https://www.example.org/talk/#p2",
                             kind="other").done(),
                 Ex("b").add("r", "Resource", "Slides (PDF)", url="http://example.org/talk",
                             kind="slides").done(),
                 Ex("c").add("r", "Resource", "video", url="https://example.org/other").done()])
    res = by_type(r, "Resource")
    assert set(res) == {"resource:example-org-talk", "resource:example-org-other"}
    assert res["resource:example-org-talk"].attrs == {"url": "https://www.example.org/talk/#p2",
                                                      "kind": "slides"}


def test_long_url_id_is_truncated_with_hash():
    url = "https://example.org/" + "/".join(f"segment{i}" for i in range(30))
    (res,) = by_type(resolve([Ex("a").add("r", "Resource", "x", url=url).done()]), "Resource")
    assert len(res) < 80 and res.startswith("resource:example-org-segment0")


# ---------------------------------------------------------------------------- edges


def test_edges_mapped_merged_and_self_loops_dropped():
    a = (Ex("a").person("p1", "Stefan Hajnoczi").person("p2", "Stefan").add("o", "Organization", "Red Hat")
         .rel("AFFILIATED_WITH", "p1", "o").rel("AFFILIATED_WITH", "p2", "o")
         .rel("CO_LOCATED_WITH", "p1", "p2").done())
    r = resolve([a])
    (edge,) = r.edges
    assert (edge.source, edge.target, edge.type) == ("person:stefan-hajnoczi", "org:red-hat", "AFFILIATED_WITH")
    assert len(edge.provenance) == 2


def test_input_order_does_not_matter():
    exs = [_talk_report("a", "KVM Forum 2014"), _talk_report("b", "KVM Forum 2015"),
           Ex("c").person("p", "kchamarthy", handle=True).person("q", "Kashyap Chamarthy").done()]
    assert resolve(exs) == resolve(list(reversed(exs)))


def test_series_article_dropped():
    r = resolve([Ex("a").event("e", "the OpenInfra Camp 2024").done(),
                 Ex("b").event("e", "OpenInfra Camp 2024").done()], kb=NO_GAZETTEER)
    assert ids(r, "Event") == {"event:openinfra-camp-2024"}
    assert ids(r, "EventSeries") == {"series:openinfra-camp"}


def test_sub_event_keyed_by_parent_and_without_series():
    def devroom(slug, name, parent):
        return (Ex(slug).event("e", parent, main=True).event("d", name, sub_event=True, year=2024)
                .rel("PART_OF", "d", "e").done())
    r = resolve([devroom("a", "Virtualization DevRoom 2024", "FreeDevCon 2024"),
                 devroom("b", "Virtualization devroom", "FreeDevCon 2024"),
                 devroom("c", "Virtualization devroom", "OtherCon 2024")], kb=NO_GAZETTEER)
    assert ids(r, "Event") == {"event:freedevcon-2024", "event:othercon-2024",
                               "event:freedevcon-2024-virtualization-devroom",
                               "event:othercon-2024-virtualization-devroom"}
    assert ids(r, "EventSeries") == {"series:freedevcon", "series:othercon"}
    part_of = {(e.source, e.target) for e in r.edges if e.type == "PART_OF"}
    assert ("event:freedevcon-2024-virtualization-devroom", "event:freedevcon-2024") in part_of


def test_talk_without_event_joins_the_only_event_bound_talk():
    a = _talk_report("a", "KVM Forum 2014")
    b = Ex("b").add("t", "Talk", "Towards multi-threaded device emulation in QEMU").done()
    t = one(resolve([a, b]), "Talk")
    assert {e.report for e in t.provenance} == {"report:a", "report:b"}


def test_mention_alias_rules():
    x = Ex("a").add("p", "Project", "Ceph", aliases=["ceph", "Ceph storage"])
    p = one(resolve([x.done()], kb=NO_GAZETTEER), "Project")
    assert rules_of(p) == {"ceph": "normalized-name", "Ceph storage": "mention-alias"}


def test_report_entity_made_when_extraction_has_no_report_mention():
    x = Ex("a", dt.date(2020, 1, 2), "Notes").person("p", "Ada Lovelace").rel("AUTHORED", "p", "report")
    ex = x.done()
    ex = Extraction(report=ex.report, mentions=ex.mentions[1:], relations=ex.relations)
    r = resolve([ex])
    assert by_type(r, "Report")["report:a"].attrs["date"] == "2020-01-02"
    assert [(e.source, e.target) for e in r.edges] == [("person:ada-lovelace", "report:a")]


def test_odd_inputs_do_not_break_resolution():
    x = (Ex("a", dt.date(2020, 1, 2)).person("p1", "").person("p2", ",").event("e1", "", series="")
         .event("e2", "2019", year="2019").add("r", "Resource", "", url="").add("t", "Talk", "")
         .add("o", "Organization", "Inc.").add("s", "EventSeries", "'16")
         .rel("PRESENTED", "p1", "missing"))
    r = resolve([x.done()])
    assert len({e.id for e in r.entities}) == len(r.entities)
