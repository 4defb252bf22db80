"""A title, a dash, then a clause whose subject is the speakers ("Title - A and B
provide an introduction to ..."), and given names written as initials ("JD Calder")."""
from __future__ import annotations

from graphbuild.extract.config import load_rules
from graphbuild.extract.names import looks_like_person
from tests.test_extract import FRONT, run


def test_title_then_a_clause_led_by_the_speakers(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Here is what you missed at Virt Summit 2014:

* Intro and Vision - Hana Novak and Bruno Costa provide an introduction to what the team hopes to ship:

<iframe src="https://www.youtube.com/embed/intro01"></iframe>

* Policy engines in practice - Tomas Berg talks about how to use rules for cloud automation:

<iframe src="https://www.youtube.com/embed/policy01"></iframe>

* Kubernetes news - Docker and Podman are both popular tools these days
""")
    assert ("PRESENTED", "Hana Novak", "Intro and Vision") in rels
    assert ("PRESENTED", "Bruno Costa", "Intro and Vision") in rels
    assert ("PRESENTED", "Tomas Berg", "Policy engines in practice") in rels
    assert ("HAS_RESOURCE", "Policy engines in practice", "video") in rels
    assert "Kubernetes news" not in types["Talk"]


def test_a_role_after_a_name_is_no_clause(tmp_path):
    _, _, rels = run(tmp_path, FRONT + """
## Talks at Virt Summit 2014

* *Fuzzing the Block Layer* — Ines Varga, Harbor Cloud committer.
""")
    assert ("PRESENTED", "Ines Varga", "Fuzzing the Block Layer") in rels


def test_given_names_written_as_initials():
    rules = load_rules()
    assert looks_like_person("JD Calder", rules) and looks_like_person("KP Singh", rules)
    assert not looks_like_person("AI Summit", rules) and not looks_like_person("UI Design", rules)
    assert not looks_like_person("VM Fleecing", rules)


def test_title_colon_clause_and_names_in_brackets(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Essential talks at Virt Summit 2014:

* Divide and Conquer - Segregation in the Cloud: Hana Novak discusses options for segregating resources.
* Widget Hacks (Bruno Costa and Ines Varga): The authors of the widget book will show how it works.
* Wednesday, November 12 BoF: Containerized Widgets BoF led by Tomas Berg
* Storage news: Ceph and Gluster are both popular choices these days.
""")
    assert ("PRESENTED", "Hana Novak", "Divide and Conquer - Segregation in the Cloud") in rels
    assert ("PRESENTED", "Bruno Costa", "Widget Hacks") in rels
    assert ("PRESENTED", "Ines Varga", "Widget Hacks") in rels
    assert ("PRESENTED", "Tomas Berg", "Containerized Widgets BoF") in rels
    assert "Storage news" not in types["Talk"]


def test_a_title_with_its_speakers_in_brackets_is_no_name_and_organization(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Talks at Virt Summit 2014:

* Widget Pi Hacks (Bruno Costa and Ines Varga): The authors of the widget book (Acme Press, 2013) will show you how.
""")
    assert ("PRESENTED", "Bruno Costa", "Widget Pi Hacks") in rels
    assert "Widget Pi Hacks" not in types.get("Person", set())
    assert not any(r[0] == "AFFILIATED_WITH" for r in rels)
