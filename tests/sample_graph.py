"""A small hand-made graph that follows the graph.json contract, for exporter
and viewer tests that should not depend on extraction."""
from __future__ import annotations

import networkx as nx


def prov(line: int, text: str = "", report: str = "report:kvm-forum-2014") -> list[dict]:
    return [{"report": report, "line": line, "text": text, "rule": "test", "confidence": 1.0}]


def sample_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.graph.update({"schema_version": "1.0", "generator": "graphbuild test",
                    "inputs": ["data/reports"], "skipped": [], "warnings": []})
    n = g.add_node
    n("report:kvm-forum-2014", type="Report", label="KVM Forum 2014 report",
      path="data/reports/kvm-forum-2014.md", title="KVM Forum 2014 report",
      date="2014-10-30", authors=["Ada Lovelace"], tags=["KVM", "QEMU"], aliases=[], provenance=prov(1))
    n("series:kvm-forum", type="EventSeries", label="KVM Forum", aliases=[], provenance=prov(3),
      wikidata="Q0000001")
    n("event:kvm-forum-2014", type="Event", label="KVM Forum 2014", aliases=["KVM Forum"],
      year=2014, series="KVM Forum", provenance=prov(3, "KVM Forum 2014 took place in Düsseldorf."))
    n("event:linuxcon-europe-2014", type="Event", label="LinuxCon Europe 2014", aliases=[],
      year=2014, series="LinuxCon Europe", provenance=prov(3))
    n("place:dusseldorf", type="Place", label="Düsseldorf", aliases=["Dusseldorf"], provenance=prov(3))
    n("talk:towards-multi-threaded-device-emulation-in-qemu", type="Talk",
      label="Towards Multi-Threaded Device Emulation in QEMU", aliases=[], provenance=prov(7))
    n("person:stefan-hajnoczi", type="Person", label="Stefan Hajnoczi", aliases=["Stefan"], provenance=prov(7))
    n("person:ada-lovelace", type="Person", label="Ada Lovelace", aliases=[], provenance=prov(2))
    n("org:red-hat", type="Organization", label="Red Hat", aliases=["RedHat"], provenance=prov(7),
      wikidata="Q485593")
    n("project:qemu", type="Project", label="QEMU", aliases=[], provenance=prov(7), wikidata="Q624699")
    n("resource:youtu-be-kvd9fvlbqmy", type="Resource", label="video", url="http://youtu.be/KVD9FVlbqmY",
      kind="video", aliases=[], provenance=prov(7))
    n("resource:example-org-slides-pdf", type="Resource", label="slides",
      url="https://example.org/slides.pdf", kind="slides", aliases=[], provenance=prov(8))
    e = lambda s, t, typ, line=7: g.add_edge(s, t, key=typ, type=typ, provenance=prov(line))  # noqa: E731
    e("person:stefan-hajnoczi", "talk:towards-multi-threaded-device-emulation-in-qemu", "PRESENTED")
    e("talk:towards-multi-threaded-device-emulation-in-qemu", "event:kvm-forum-2014", "PRESENTED_AT")
    e("talk:towards-multi-threaded-device-emulation-in-qemu", "resource:youtu-be-kvd9fvlbqmy", "HAS_RESOURCE")
    e("talk:towards-multi-threaded-device-emulation-in-qemu", "resource:example-org-slides-pdf", "HAS_RESOURCE", 8)
    e("talk:towards-multi-threaded-device-emulation-in-qemu", "project:qemu", "ABOUT")
    e("person:stefan-hajnoczi", "org:red-hat", "AFFILIATED_WITH")
    e("event:kvm-forum-2014", "event:linuxcon-europe-2014", "CO_LOCATED_WITH", 3)
    e("event:kvm-forum-2014", "place:dusseldorf", "HELD_IN", 3)
    e("event:linuxcon-europe-2014", "place:dusseldorf", "HELD_IN", 3)
    e("event:kvm-forum-2014", "series:kvm-forum", "EDITION_OF", 3)
    e("person:ada-lovelace", "report:kvm-forum-2014", "AUTHORED", 2)
    return g
