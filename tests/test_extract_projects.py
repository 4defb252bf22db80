"""Software projects a report names beyond the gazetteer, on small reports written
for the test: linked packages, names a noun of software follows or describes,
manual-page names, software suffixes, versions and components of known projects,
and the talks about them."""
from __future__ import annotations

from graphbuild.extract import gazetteer
from graphbuild.extract.config import load_rules
from graphbuild.extract.projects import component, plain_hit, rare, shaped, version
from tests.test_extract import FRONT, run


def test_linked_package_pages_are_projects(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Maintainers of [quarkle](https://docs.example-stats.org/quarkle/) and
[Zintar](https://github.com/someone/zintar) were there; so was the new maintainer of
[frobnicatr](https://docs.example-stats.org/frobnicator/).
Read the [schedule](https://example.org/schedule/) and [Jane Roe](https://github.com/jane-roe/janeroe).
""")
    assert {"quarkle", "Zintar", "frobnicatr"} <= types["Project"]
    assert "schedule" not in types["Project"] and "Jane Roe" not in types["Project"]


def test_names_a_noun_of_software_follows(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Mira reviewed the quarkleR package and contributed to the zintar library.
We plan to decouple package releases from the base system, and an i18n library is welcome.
The open-source tool and the project's peer-reviewed packages were shown too.
""")
    assert {"quarkleR", "zintar"} <= types["Project"]
    for word in ("decouple", "i18n", "open-source", "peer-reviewed"):
        assert word not in types.get("Project", set())


def test_title_naming_a_package_makes_a_talk_about_it(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Talks

**Mira Holt** frobnix: a package for tidy sensor data

**Tomas Berg** zintarlint - A Tool for Good Package Development
""")
    assert {"frobnix", "zintarlint"} <= types["Project"]
    assert ("ABOUT", "frobnix: a package for tidy sensor data", "frobnix") in rels


def test_manual_pages_and_software_suffixes(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
The new pkg(8) tools can install packages onto a jail. Quarry.io, an API layer for your
database, was shown on the KubeVirt.io stand; the CNCF.io pages list it.
""")
    assert {"pkg(8)", "Quarry.io"} <= types["Project"]
    assert not {"KubeVirt.io", "CNCF.io"} & types["Project"]


def test_versions_and_components_of_known_projects(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
We announced React 19 and an experimental React Compiler; the React Router v7 release
follows. Cassandra 4.0 is out. A demo of Cilium ClusterMesh closed the day.
OpenStack 5 years on, Kubernetes 101 and Kubernetes 2019 were all at React Conf.
The FreeBSD VirtualBox port works.
""")
    assert {"React 19", "React Compiler", "React Router", "Cassandra 4.0", "Cilium ClusterMesh"} <= types["Project"]
    for name in ("OpenStack 5", "Kubernetes 101", "Kubernetes 2019", "React Conf", "FreeBSD VirtualBox"):
        assert name not in types["Project"]


def test_version_and_component_limits():
    rules = load_rules()
    assert version(" 4.0 is out", rules) == "4.0"
    assert version(" v7 release", rules) == "v7"
    assert version(" 2019 was", rules) is None
    assert version(" 11/07", rules) is None
    assert version(" 5 years", rules) is None
    assert component(" DevTools team", rules) == "DevTools"
    assert component(" Server Components", rules) is None       # the name goes on
    assert component(" Summit", rules) is None
    assert component(" TL;DR", rules) is None


def test_common_word_names_in_title_case_runs():
    rules = load_rules()
    title = "Landuse Classification of Satellite Imagery"
    hit = next(h for h in gazetteer.find(title, ("projects",)) if h.surface == "Satellite")
    assert not plain_hit(title, hit, rules)
    prose = "We upgraded Satellite last week and it went well."
    hit = next(h for h in gazetteer.find(prose, ("projects",)) if h.surface == "Satellite")
    assert plain_hit(prose, hit, rules)


def test_word_shapes():
    rules = load_rules()
    assert shaped("svelte-fsm") and shaped("ggplot2") and shaped("SvelteKit")
    assert not shaped("open-source") and not shaped("rOpenSci-reviewed") and not shaped("plain")
    assert rare("usethis", rules) and not rare("schedule", rules)


def test_talk_is_about_the_projects_its_entry_names(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
## Talks

* [Fast guests on bhyve](https://youtu.be/b1) by Hana Novak
* [Tracing the scheduler](https://youtu.be/b2) by Tomas Berg
""")
    assert ("ABOUT", "Fast guests on bhyve", "bhyve") in rels
    assert not any(r[0] == "ABOUT" and r[1] == "Tracing the scheduler" for r in rels)


def test_names_joined_to_known_projects_and_roles(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Big data with Scala and Zorbix, pipelines with Apache Beam & qf.Transform, and games using Tulo and Nim.
Mira Holt is the new maintainer of quarkTools.
Keys for NoSQL stores — Hana Kolarova, AWS; the Azure + demo1 videos; library maintainers were there.
""")
    assert {"Zorbix", "qf.Transform", "Tulo", "quarkTools"} <= types["Project"]
    for name in ("Kolarova", "demo1", "maintainers"):
        assert name not in types["Project"]


def test_no_names_joined_inside_addresses(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
The Ceph patch is at https://github.com/ceph/ceph/pull/1 and Container+RBD came up, as did RHEV/oVirt.
""")
    assert "github.com" not in types["Project"] and "Container+RBD" not in types["Project"]
    assert "RHEV" in types["Project"]


def test_a_product_written_as_an_employer_is_no_product_there(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Hana Novak and Ovidiu from AWS talked about trust; Tomas Berg (Gitlab) showed pipelines.
Streaming lets you generate HTML from React components; thanks to the people from Kubernetes Korea.
""")
    assert not {"Amazon Web Services", "GitLab"} & types["Project"]
    assert {"React", "Kubernetes"} <= types["Project"]


def test_roles_written_after_the_software(tmp_path):
    _, types, _ = run(tmp_path, FRONT + """
Zorbprint maintainer Gina Holt spoke after Tom Callaway of AWS; Stefan is the tracing sybsystem maintainer.
Taking Advantage of TCG's Total System Emulation was a long-time favourite.
""")
    assert "Zorbprint" in types["Project"] and "TCG" in types["Project"]
    assert not {"sybsystem", "Amazon Web Services", "long-time", "Long-time"} & types["Project"]


def test_a_project_name_beginning_a_company_name_is_the_company():
    rules = load_rules()
    text = "Thanks to Envoy Advanced Technologies for the space; Envoy proxies the traffic."
    hits = [h for h in gazetteer.find(text, ("projects",)) if h.entry.name == "Envoy"]
    assert [plain_hit(text, h, rules) for h in hits] == [False, True]
