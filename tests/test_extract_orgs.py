"""Organizations and who works where, on small reports written for the test and read
without a model: roles at an organization, teams, organizations written before a
name, lists of sponsors and partners, front matter, and agenda cells that run a
title into a speaker and an organization."""
from __future__ import annotations

from graphbuild.extract import orgs
from graphbuild.extract.config import load_rules
from graphbuild.extract.parts import people_of
from tests.test_extract import FRONT, run


# ---------------------------------------------------------------- roles
def test_role_at_an_organization_after_a_name(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Lena Kovacs, a Senior Engineer at Brightwave and maintainer of Gearbox, opened the day.

Marta Ruiz is co-founder and technical lead of Quillstack.

Then came Tomas Berg, Chair of the CNCF Technical Advisory Board and Head of Infrastructure at CERN, with a long talk.

We also met Ines Varga, a PhD student at the University of Eastmoor, where she studies schedulers.
""")
    assert ("AFFILIATED_WITH", "Lena Kovacs", "Brightwave") in rels
    assert ("AFFILIATED_WITH", "Marta Ruiz", "Quillstack") in rels
    assert ("AFFILIATED_WITH", "Tomas Berg", "Cloud Native Computing Foundation") in rels
    assert ("AFFILIATED_WITH", "Tomas Berg", "CERN") in rels
    assert ("AFFILIATED_WITH", "Ines Varga", "University of Eastmoor") in rels
    assert "Gearbox" not in types.get("Organization", set())        # a maintainer's project, not an employer
    assert "CNCF Technical Advisory Board" not in types["Organization"]


def test_organization_and_role_before_a_name(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
The talks of the first day:

* *Gears in Depth* — Ada Quill

To open the second day, Google CTO Ada Quill shared a welcome message.
""")
    assert ("AFFILIATED_WITH", "Ada Quill", "Google") in rels


def test_roles_of_a_clause():
    rules = load_rules()
    assert orgs.orgs_of_roles("co-founder and CTO at Shipwell, who spoke", rules) == [(22, "Shipwell")]
    assert [o for _, o in orgs.orgs_of_roles("CTO CNCF, at the keynote", rules)] == ["Cloud Native Computing Foundation"]
    assert orgs.orgs_of_roles("will give a talk at Brightwave", rules) == []       # no role, no affiliation


# ---------------------------------------------------------------- teams
def test_people_named_with_their_team(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
Thanks to Ana Lima, Ben Okafor and others on the Nimbus Video team for recording the talks,
and to Carla Diaz and everyone from Zero Gravity for organizing.

Three members of the Orbital team - Dana White, Eli Stone, and Finn Marsh - will give talks.
""")
    for who, org in (("Ana Lima", "Nimbus Video"), ("Ben Okafor", "Nimbus Video"), ("Carla Diaz", "Zero Gravity"),
                     ("Dana White", "Orbital"), ("Eli Stone", "Orbital"), ("Finn Marsh", "Orbital")):
        assert ("AFFILIATED_WITH", who, org) in rels


# ---------------------------------------------------------------- lists of organizations
def test_sponsors_partners_and_hosts(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Thank you to all the sponsors who made the event possible: Brightwave, Quillstack, Harbor Cloud and Vente Rapide.

Watch parties were hosted by [Lime Depot](https://careers.limedepot.com/tech/) in Atlanta.

We offered 17 sessions from a great line-up of companies:

Orbitly, Nimbus Data, Keyspace, Plantara and more!
""")
    for org in ("Brightwave", "Quillstack", "Harbor Cloud", "Vente Rapide", "Lime Depot", "Orbitly", "Nimbus Data",
                "Keyspace", "Plantara"):
        assert org in types["Organization"], org
    assert not {"Vente Rapide", "Lime Depot"} & types.get("Person", set())


def test_a_host_named_like_a_person_stays_a_person(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
The evening meetup was hosted by Jane Porter.
""")
    assert "Jane Porter" not in types.get("Organization", set())


# ---------------------------------------------------------------- front matter
def test_attribution_in_front_matter(tmp_path):
    _, _, rels = run(tmp_path, """---
title: The first local meetup is here
attribution: "Ada Quill (Brightwave), Ben Okafor (Quillstack)"
date: 2031-07-06
---
Join us for talks about meshes.
""")
    assert ("AFFILIATED_WITH", "Ada Quill", "Brightwave") in rels
    assert ("AFFILIATED_WITH", "Ben Okafor", "Quillstack") in rels


# ---------------------------------------------------------------- agenda cells
def test_agenda_cells_that_run_title_speaker_and_organization_together(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
| Time | Session |
| --- | --- |
| 14:00 - 14:30 | Hot Upgrades for the Data Plane Shi Wen Tetrate |
| 14:30 - 15:00 | Mesh Security in Depth Lina Park, Engineer, Cloud Department, Harbor Institute of Science and Technology |
| 15:00 - 15:30 | Faster Proxies with eBPF - Zhong Yao Intel |
""")
    assert ("PRESENTED", "Shi Wen", "Hot Upgrades for the Data Plane") in rels
    assert ("AFFILIATED_WITH", "Shi Wen", "Tetrate") in rels
    assert ("PRESENTED", "Lina Park", "Mesh Security in Depth") in rels
    assert ("AFFILIATED_WITH", "Lina Park", "Harbor Institute of Science and Technology") in rels
    assert ("AFFILIATED_WITH", "Lina Park", "Cloud Department") not in rels
    assert ("AFFILIATED_WITH", "Zhong Yao", "Intel") in rels
    assert "Zhong Yao Intel" not in types["Person"]


def test_a_title_ending_in_a_known_organization_is_not_cut():
    rules = load_rules()
    assert orgs.split_tail("Running Kubernetes at Google", rules) is None
    assert orgs.split_tail("Lessons from Running Red Hat", rules) is None


# ---------------------------------------------------------------- names of organizations
def test_organizations_after_names_stay_whole_and_belong_to_all_names():
    rules = load_rules()
    assert people_of("Jane Doe, Nova Data & AI", rules) == (["Jane Doe"], [("Jane Doe", "Nova Data & AI")])
    names, affs = people_of("Ari Tan, Bo Lin, Keyspace Labs, Brightwave", rules)
    assert names == ["Ari Tan", "Bo Lin"]
    assert {("Ari Tan", "Brightwave"), ("Bo Lin", "Brightwave"), ("Bo Lin", "Keyspace Labs")} <= set(affs)
    assert people_of("Mick Fane, The Quiet Pickle & DataStax", rules)[1] == [("Mick Fane", "The Quiet Pickle"),
                                                                             ("Mick Fane", "DataStax")]
    assert people_of("Ville Aho, Knative TL, Google", rules) == (["Ville Aho"], [("Ville Aho", "Google")])


def test_names_before_from_and_an_organization():
    rules = load_rules()
    found = orgs.from_org("Lukonde Mwale and Ovid from Skyward nailed it.", None, rules,
                          frozenset({"Lukonde Mwale", "Ovid"}))
    assert found == [orgs.Affiliation(("Lukonde Mwale", "Ovid"), "Skyward", 0, "prose-from-org")]
    assert orgs.from_org("Lessons Learned from Migrating", None, rules) == []


def test_an_acronym_in_brackets_abbreviates_the_words_before_it():
    assert orgs.abbreviates("DSR", "Direct Server Return")
    assert not orgs.abbreviates("IBM", "Jane Doe")
    assert orgs.whole_org("Facebook Video Productions team", load_rules()) == "Facebook"
    assert orgs.whole_org("Microsoft Azure Data & AI", load_rules()) == "Microsoft Azure Data & AI"


# ---------------------------------------------------------------- one organization, named once as such
def test_an_acronym_and_a_cut_name_fold_into_the_whole_name(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
The summit was sponsored by the Northern Research Projects Agency (NRPA), Brightwave and Quillstack.

Talks came from partners such as Eastland Academy of Arts and Sciences, Orbitly and Nimbus Data.
Lina Park, Engineer at Academy of Arts and Sciences, opened the day.
""")
    assert "Northern Research Projects Agency" in types["Organization"]
    assert "NRPA" not in types["Organization"]
    assert "Eastland Academy of Arts and Sciences" in types["Organization"]
    assert "Academy of Arts and Sciences" not in types["Organization"]


def test_a_company_named_with_and_without_its_suffix_is_one():
    rules = load_rules()
    assert orgs.same_orgs(["Adobe", "Adobe Systems", "Google", "Google Cloud"], [], rules) == [("Adobe", "Adobe Systems")]


def test_a_service_the_report_uses_is_no_organization(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
The videos are on YouTube, and the code runs on GitHub runners.

YouTube link: [Scaling Gears](https://www.youtube.com/watch?v=abc)

Engineers from Google and Red Hat gave most talks.
""")
    assert not {"YouTube", "GitHub"} & types.get("Organization", set())
    assert {"Google", "Red Hat"} <= types["Organization"]


def test_a_paragraph_after_a_cue_is_read_as_a_list_only_when_it_is_one(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
The day was possible thanks to our sponsors:

We want as many people as possible to attend in their time zone.
""")
    assert "We" not in types.get("Organization", set())


def test_handles_and_bracketed_organizations_after_each_name():
    rules = load_rules()
    assert people_of("Jane Doe (@jdoe, Acme Corp)", rules) == (["Jane Doe"], [("Jane Doe", "Acme Corp")])
    assert people_of("Jane Doe (Acme Corp) and John Smith (Brightwave)", rules) == (
        ["Jane Doe", "John Smith"], [("Jane Doe", "Acme Corp"), ("John Smith", "Brightwave")])


def test_names_of_an_organization_written_as_one():
    rules = load_rules()
    known = frozenset({"Mila Novak", "Hugo Brandt", "Jane Doe"})
    found = orgs.from_org("the sponsors, Mila Novak of Satyr Consulting and Hugo Brandt of Vantage Software, spoke. "
                          "Jane Doe of Berlin came too.", None, rules, known)
    assert [(a.names, a.org) for a in found] == [(("Mila Novak",), "Satyr Consulting"),
                                                 (("Hugo Brandt",), "Vantage Software")]
