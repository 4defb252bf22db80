"""Resolve stage: series written short, sub-event labels, spelling variants, edition aliases."""
from __future__ import annotations

from graphbuild.knowledge import Entry
from graphbuild.resolve import KnowledgeBase, resolve
from graphbuild.resolve.series import SeriesIndex, parts
from tests.test_resolve import NO_GAZETTEER, Ex, by_type


def events(*names: str, kb=NO_GAZETTEER):
    r = resolve([Ex(f"r{i}").event("e", n).done() for i, n in enumerate(names)], kb=kb)
    return r, by_type(r, "Event"), by_type(r, "EventSeries")


# ------------------------------------------------------------- short series names


def test_parts_split_joined_words():
    assert parts("OSSummit") == ["OS", "Summit"]
    assert parts("CfgMgmtCamp") == ["Cfg", "Mgmt", "Camp"]


def test_initials_and_joined_words_name_one_series():
    _, evs, series = events("Open Source Summit 2017", "OSSummit 2017", "OSS 2018")
    assert set(series) == {"series:open-source-summit"}
    assert set(evs) == {"event:open-source-summit-2017", "event:open-source-summit-2018"}
    merges = {m.merged: m.rule for e in evs.values() for m in e.merges}
    assert merges["OSSummit 2017"] == "series-abbreviation"


def test_contractions_and_skipped_small_words():
    index = SeriesIndex(["Config Management Camp", "Linux Plumbers Conference",
                         "Free and Open Source Developers European Meetup"])
    assert index.name_of("CfgMgmtCamp") == "Config Management Camp"
    assert index.name_of("Linux Plumbers Conf") == "Linux Plumbers Conference"
    assert index.name_of("LPC") == "Linux Plumbers Conference"
    assert index.name_of("FOSDEM") == "Free and Open Source Developers European Meetup"


def test_region_after_initials():
    index = SeriesIndex(["Open Source Summit Europe", "Open Source Summit"])
    assert index.name_of("OSS Europe") == "Open Source Summit Europe"
    assert index.name_of("OSS") == "Open Source Summit"


def test_ambiguous_initials_link_nothing_unless_one_is_well_known():
    names = ["Open Source Summit", "Operating System Summit"]
    assert SeriesIndex(names).name_of("OSS") == "OSS"
    assert SeriesIndex(names, canonical=["Open Source Summit"]).name_of("OSS") == "Open Source Summit"


def test_other_words_are_not_contractions():
    index = SeriesIndex(["Rusty Days", "Operating System Summit", "Foreman Construction Day"])
    assert index.name_of("Rust Day") == "Rust Day"          # a plural or one more letter is another word
    assert index.name_of("ForemanCon Day") == "ForemanCon Day"   # "Con" is too short to stand for a word
    assert index.name_of("Open Source Summit") == "Open Source Summit"


def test_canonical_short_name_is_kept_and_takes_the_full_one():
    kb = KnowledgeBase([Entry("EventSeries", "FOSDEM")])
    _, evs, series = events("FOSDEM 2022", "Free and Open Source Developers European Meetup 2022", kb=kb)
    assert set(evs) == {"event:fosdem-2022"} and set(series) == {"series:fosdem"}


def test_spaces_and_case_in_joined_names():
    _, evs, series = events("LinuxCon 2014", "Linux Con 2014", "LinuxCon 2014")
    assert set(evs) == {"event:linuxcon-2014"} and set(series) == {"series:linuxcon"}


# ---------------------------------------------------------------------- sub-events


def _devroom(slug: str, name: str, parent: str, year: int = 2014):
    return (Ex(slug).event("e", parent, main=True).event("d", name, sub_event=True, year=year)
            .rel("PART_OF", "d", "e").done())


def test_sub_event_label_names_its_edition():
    r = resolve([_devroom("a", "IaaS devroom", "FOSDEM 2014"), _devroom("b", "IaaS devroom", "FOSDEM 2016", 2016),
                 _devroom("c", "Nim devroom at FOSDEM", "FOSDEM 2014")], kb=NO_GAZETTEER)
    subs = {e.id: e for e in r.entities if e.attrs.get("sub_event")}
    assert {e.label for e in subs.values()} == {"FOSDEM 2014 IaaS devroom", "FOSDEM 2016 IaaS devroom",
                                                "FOSDEM 2014 Nim devroom"}
    assert subs["event:fosdem-2014-nim-devroom"].attrs["year"] == 2014
    assert "Nim devroom at FOSDEM" in subs["event:fosdem-2014-nim-devroom"].aliases


def test_sub_event_without_parent_is_labelled_with_its_year():
    ex = Ex("a").event("d", "Rust project track", sub_event=True, year=2025).done()
    (sub,) = [e for e in resolve([ex], kb=NO_GAZETTEER).entities if e.type == "Event"]
    assert sub.label == "Rust project track 2025"


def test_british_and_american_spellings_are_one_sub_event():
    r = resolve([_devroom("a", "Virtualisation and IaaS devroom", "FOSDEM 2017"),
                 _devroom("b", "Virtualization & IaaS devroom", "FOSDEM 2017")], kb=NO_GAZETTEER)
    subs = [e for e in r.entities if e.attrs.get("sub_event")]
    assert len(subs) == 1 and subs[0].label.startswith("FOSDEM 2017 Virtuali")


def test_spelling_variants_of_a_talk_title_are_one_talk():
    def talk(slug, title):
        return (Ex(slug).event("e", "KVM Forum 2014").add("t", "Talk", title)
                .rel("PRESENTED_AT", "t", "e").done())
    r = resolve([talk("a", "Optimising the Virtualisation Centre"),
                 talk("b", "Optimizing the virtualization center")], kb=NO_GAZETTEER)
    assert len(by_type(r, "Talk")) == 1


# ---------------------------------------------------------------- edition aliases


def test_edition_alias_claimed_by_two_editions_is_dropped():
    def summit(slug, city):
        return Ex(slug).add("e", "Event", f"OpenStack Summit {city} 2014", aliases=["OpenStack Summit 2014"],
                            series=f"OpenStack Summit {city}", year=2014).done()
    r = resolve([summit("a", "Atlanta"), summit("b", "Paris")], kb=NO_GAZETTEER)
    evs = by_type(r, "Event")
    assert set(evs) == {"event:openstack-summit-atlanta-2014", "event:openstack-summit-paris-2014"}
    assert all("OpenStack Summit 2014" not in e.aliases for e in evs.values())


def test_edition_alias_that_is_another_editions_label_is_dropped():
    r = resolve([Ex("a").add("e", "Event", "Dev Workshop Asia 2015", aliases=["Dev Workshop 2015"],
                             series="Dev Workshop Asia", year=2015).done(),
                 Ex("b").event("e", "Dev Workshop 2015").done()], kb=NO_GAZETTEER)
    asia = by_type(r, "Event")["event:dev-workshop-asia-2015"]
    assert "Dev Workshop 2015" not in asia.aliases


def test_unshared_edition_alias_is_kept():
    r = resolve([Ex("a").add("e", "Event", "OpenStack Summit Atlanta 2014", aliases=["OpenStack Summit 2014"],
                             series="OpenStack Summit Atlanta", year=2014).done()], kb=NO_GAZETTEER)
    assert "OpenStack Summit 2014" in by_type(r, "Event")["event:openstack-summit-atlanta-2014"].aliases
