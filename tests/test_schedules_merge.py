"""Report talks and programme sessions of one edition become one node with both provenances."""
from __future__ import annotations

import json

import pytest

from graphbuild.cli import main
from graphbuild.pipeline import run
from graphbuild.resolve.schedules import title_keys
from tests.helpers import ROOT, write

REPORT = """\
    ---
    title: "DemoConf 2025 recap"
    author: Ben Ortiz
    date: 2025-03-05
    ---

    DemoConf 2025 took place in Lyon. These were my favourite talks:

    * [Tracing the Kernel: With eBPF](https://v.example.com/11) by Ada Quill
    * [Live Patching at Scale with kpatch](https://v.example.com/12) by Cleo Brandt
    * [Fuzzing Filesystems Without Tears](https://v.example.com/13) by Dev Arora
    * [A Talk Nobody Scheduled](https://v.example.com/14) by Eli Moreau
"""

PROGRAMME = """\
    <schedule>
      <conference><title>DemoConf 2025</title><start>2025-03-01</start></conference>
      <day date="2025-03-01"><room name="K.101">
        <event id="11"><start>10:00</start><duration>00:25</duration><room>K.101</room>
          <title>Tracing the kernel</title><subtitle>with eBPF</subtitle><type>keynote</type>
          <persons><person id="7">Ada Quill</person></persons></event>
        <event id="12"><start>11:00</start><duration>00:25</duration><room>K.101</room>
          <title>Live patching at scale using kpatch</title>
          <persons><person id="8">Cleo Brandt</person></persons></event>
        <event id="13"><start>12:00</start><duration>00:25</duration><room>K.101</room>
          <title>Fuzzing filesystems without fear</title>
          <persons><person id="9">Fay Lindgren</person></persons></event>
      </room></day>
    </schedule>
"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("in")
    write(folder, "2025-03-05-democonf.md", REPORT)
    write(folder, "democonf-2025.xml", PROGRAMME)
    return run([str(folder)], model="blank", workers=1, log=lambda m: None)


def talks(graph):
    return {d["label"]: (n, d) for n, d in graph.nodes(data=True) if d["type"] == "Talk"}


def test_title_keys_set_subtitles_and_session_types_aside():
    assert title_keys("Tracing the Kernel: With eBPF") == {"tracing the kernel with ebpf", "tracing the kernel"}
    assert "ten years of ceph" in title_keys("Keynote: Ten Years of Ceph")
    assert title_keys("virtio-fs in Production") == {"virtio fs in production"}


def test_same_talk_is_one_node_with_both_provenances(graph):
    by_label = talks(graph)
    node, data = by_label["Tracing the kernel"]          # the programme's spelling is the label
    assert "Tracing the Kernel: With eBPF" in data["aliases"]
    reports = {p["report"] for p in data["provenance"]}
    assert reports == {"report:2025-03-05-democonf", "report:democonf-2025"}
    assert data["confirmed"] is True and data["room"] == "K.101" and data["kind"] == "keynote"
    assert data["start"] == "2025-03-01T10:00:00" and data["duration"] == 25
    assert {p["rule"] for p in data["provenance"] if p["report"] == "report:democonf-2025"} == {"schedule-frab"}
    assert any(m["rule"] == "schedule-title" for m in data["merges"])
    assert "Tracing the Kernel: With eBPF" not in by_label


def test_close_title_with_a_shared_speaker_is_merged(graph):
    by_label = talks(graph)
    _, data = by_label["Live patching at scale using kpatch"]
    assert "Live Patching at Scale with kpatch" in data["aliases"] and data["confirmed"] is True
    assert "Live Patching at Scale with kpatch" not in by_label


def test_close_title_without_a_shared_speaker_stays_apart(graph):
    by_label = talks(graph)
    assert by_label["Fuzzing Filesystems Without Tears"][1]["confirmed"] is False
    assert by_label["Fuzzing filesystems without fear"][1]["confirmed"] is True


def test_unscheduled_report_talk_stays_marked(graph):
    node, data = talks(graph)["A Talk Nobody Scheduled"]
    assert data["confirmed"] is False and "room" not in data
    (event,) = [t for _, t, k in graph.out_edges(node, data="type") if k == "PRESENTED_AT"]
    assert event == "event:democonf-2025"


def test_one_person_node_per_speaker(graph):
    people = [d for _, d in graph.nodes(data=True) if d["type"] == "Person" and d["label"] == "Ada Quill"]
    assert len(people) == 1 and people[0]["schedule_id"] == "7"


def test_without_programmes_talks_carry_no_confirmed_mark(tmp_path):
    write(tmp_path, "in/2025-03-05-democonf.md", REPORT)
    g = run([str(tmp_path / "in")], model="blank", workers=1, log=lambda m: None)
    assert not any("confirmed" in d for _, d in g.nodes(data=True))


def test_stats_and_api_on_the_sample_data(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(ROOT / "data" / "reports"), str(ROOT / "data" / "schedules"), "--out", str(out),
                 "--model", "blank", "--quiet", "--no-cache"]) == 0
    capsys.readouterr()
    from graphbuild.graph.schema import validate
    validate(json.loads((out / "graph.json").read_text(encoding="utf-8")))
    assert main(["stats", str(out / "graph.json"), "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)["programmes"]
    assert counts["programmes"] == 3 and counts["confirmed"] >= 15 and counts["programme_only"] >= 4
    assert main(["stats", str(out / "graph.json")]) == 0
    assert f"report talks confirmed by 3 conference programme(s): {counts['confirmed']}" in capsys.readouterr().out
    from graphbuild.api import load
    kg = load(out / "graph.json")
    (talk,) = kg.talks(speaker="Mira Kovalenko", event="FreeDevCon 2024")
    assert (talk.title, talk.room, talk.start, talk.confirmed) == \
        ("libvirt in 2024", "B.214", "2024-02-03T09:05:00+01:00", True)
    assert talk.event == "FreeDevCon 2024"
    unconfirmed = [t for t in kg.talks(event="Storage Days Lisbon 2023")] + [t for t in kg.talks(year=2023)]
    assert unconfirmed and all(t.confirmed is False for t in unconfirmed)


def test_sessions_sharing_a_title_stay_apart_and_speakers_pick_one(tmp_path):
    write(tmp_path, "in/2025-03-05-democonf.md", """\
        ---
        title: "DemoConf 2025 recap"
        date: 2025-03-05
        ---

        DemoConf 2025 took place in Lyon. Talks I saw:

        * [Welcome](https://v.example.com/w) by Gus Hale
        """)
    write(tmp_path, "in/democonf-2025.xml", """\
        <schedule><conference><title>DemoConf 2025</title></conference>
          <day date="2025-03-01"><room name="A">
            <event id="1"><start>09:00</start><title>Welcome</title><track>Kernel DevRoom</track>
              <persons><person id="1">Gus Hale</person></persons></event>
            <event id="2"><start>09:00</start><title>Welcome</title><track>Storage DevRoom</track>
              <persons><person id="2">Ivy Nakamura</person></persons></event>
          </room></day></schedule>
        """)
    g = run([str(tmp_path / "in")], model="blank", workers=1, log=lambda m: None)
    welcome = {n: d for n, d in g.nodes(data=True) if d["type"] == "Talk"}
    assert sorted(welcome) == ["talk:welcome--kernel-devroom", "talk:welcome--storage-devroom"]
    kernel = {p["report"] for p in welcome["talk:welcome--kernel-devroom"]["provenance"]}
    assert kernel == {"report:2025-03-05-democonf", "report:democonf-2025"}
    assert welcome["talk:welcome--storage-devroom"]["track"] == "Storage DevRoom"


def test_jsonld_gives_scheduled_talks_start_duration_and_room(graph):
    from graphbuild.export.jsonld import jsonld_data

    data = jsonld_data(graph)
    items = data.get("@graph", data)
    node, _ = talks(graph)["Tracing the kernel"]
    (talk,) = [x for x in items if x.get("gb:id") == node]
    assert talk["startDate"] == "2025-03-01T10:00:00" and talk["duration"] == "PT25M"
    assert talk["location"] == {"@type": "Place", "name": "K.101"}
