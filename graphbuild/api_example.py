"""A small knowledge graph built in code, for examples and doctests.

Two KVM Forum editions (2014 in Düsseldorf, co-located with LinuxCon Europe
2014; 2015 in Seattle), three talks by two speakers, about QEMU and KVM, as
written up in two reports.
"""
from __future__ import annotations

import networkx as nx

from graphbuild.graph import build_graph
from graphbuild.types import Edge, Entity, Evidence, Merge, Resolved

__all__ = ["example_graph"]

R14, R15 = "report:kvm-forum-2014", "report:kvm-forum-2015"
T1 = "talk:towards-multi-threaded-device-emulation-in-qemu"
T2 = "talk:qemu-block-layer-status"
T3 = "talk:kvm-and-qemu-in-2015"


def _ev(report: str, line: int, text: str = "", rule: str = "example") -> tuple[Evidence, ...]:
    return (Evidence(report, line, text, rule, 1.0),)


def example_graph() -> nx.MultiDiGraph:
    """The example graph as a networkx MultiDiGraph (graph.json contract)."""
    s14 = "KVM Forum 2014 took place in Düsseldorf, together with LinuxCon Europe."
    s15 = "KVM Forum 2015 was held in Seattle."
    t1 = "Stefan Hajnoczi (Red Hat) presented Towards Multi-Threaded Device Emulation in QEMU."
    t2 = "Dr. Stefan Hajnoczi gave the QEMU Block Layer Status talk."
    t3 = "Paolo Bonzini spoke about KVM and QEMU in 2015."
    entities = [
        Entity(R14, "Report", "KVM Forum 2014 report", provenance=_ev(R14, 1),
               attrs={"path": "reports/kvm-forum-2014.md", "title": "KVM Forum 2014 report",
                      "date": "2014-10-30", "authors": ["Ada Lovelace"]}),
        Entity(R15, "Report", "KVM Forum 2015 report", provenance=_ev(R15, 1),
               attrs={"path": "reports/kvm-forum-2015.md", "title": "KVM Forum 2015 report",
                      "date": "2015-08-25", "authors": ["Ada Lovelace"]}),
        Entity("series:kvm-forum", "EventSeries", "KVM Forum", provenance=_ev(R14, 3, s14)),
        Entity("event:kvm-forum-2014", "Event", "KVM Forum 2014", provenance=_ev(R14, 3, s14),
               attrs={"year": 2014, "series": "KVM Forum"}),
        Entity("event:linuxcon-europe-2014", "Event", "LinuxCon Europe 2014", provenance=_ev(R14, 3, s14),
               attrs={"year": 2014, "series": "LinuxCon Europe"}),
        Entity("event:kvm-forum-2015", "Event", "KVM Forum 2015", provenance=_ev(R15, 3, s15),
               attrs={"year": 2015, "series": "KVM Forum"}),
        Entity("place:dusseldorf", "Place", "Düsseldorf", ("Dusseldorf",), provenance=_ev(R14, 3, s14)),
        Entity("place:seattle", "Place", "Seattle", provenance=_ev(R15, 3, s15)),
        Entity(T1, "Talk", "Towards Multi-Threaded Device Emulation in QEMU", provenance=_ev(R14, 7, t1)),
        Entity(T2, "Talk", "QEMU Block Layer Status", provenance=_ev(R15, 9, t2)),
        Entity(T3, "Talk", "KVM and QEMU in 2015", provenance=_ev(R15, 11, t3)),
        Entity("person:stefan-hajnoczi", "Person", "Stefan Hajnoczi", ("Dr. Stefan Hajnoczi",),
               provenance=_ev(R14, 7, t1) + _ev(R15, 9, t2),
               merges=(Merge("honorific", "Stefan Hajnoczi", "Dr. Stefan Hajnoczi", R15),)),
        Entity("person:paolo-bonzini", "Person", "Paolo Bonzini", provenance=_ev(R15, 11, t3)),
        Entity("person:ada-lovelace", "Person", "Ada Lovelace", provenance=_ev(R14, 2)),
        Entity("org:red-hat", "Organization", "Red Hat", ("RedHat",), provenance=_ev(R14, 7, t1)),
        Entity("project:qemu", "Project", "QEMU", provenance=_ev(R14, 7, t1)),
        Entity("project:kvm", "Project", "KVM", provenance=_ev(R15, 11, t3)),
        Entity("resource:videos-example-com-kvm14-mt", "Resource", "video", provenance=_ev(R14, 8),
               attrs={"url": "https://videos.example.com/kvm14/mt", "kind": "video"}),
    ]
    edges = [
        Edge("person:stefan-hajnoczi", T1, "PRESENTED", _ev(R14, 7, t1)),
        Edge("person:stefan-hajnoczi", T2, "PRESENTED", _ev(R15, 9, t2)),
        Edge("person:paolo-bonzini", T3, "PRESENTED", _ev(R15, 11, t3)),
        Edge(T1, "event:kvm-forum-2014", "PRESENTED_AT", _ev(R14, 7, t1)),
        Edge(T2, "event:kvm-forum-2015", "PRESENTED_AT", _ev(R15, 9, t2)),
        Edge(T3, "event:kvm-forum-2015", "PRESENTED_AT", _ev(R15, 11, t3)),
        Edge(T1, "project:qemu", "ABOUT", _ev(R14, 7, t1)),
        Edge(T2, "project:qemu", "ABOUT", _ev(R15, 9, t2)),
        Edge(T3, "project:qemu", "ABOUT", _ev(R15, 11, t3)),
        Edge(T3, "project:kvm", "ABOUT", _ev(R15, 11, t3)),
        Edge(T1, "resource:videos-example-com-kvm14-mt", "HAS_RESOURCE", _ev(R14, 8)),
        Edge("person:stefan-hajnoczi", "org:red-hat", "AFFILIATED_WITH", _ev(R14, 7, t1)),
        Edge("event:kvm-forum-2014", "event:linuxcon-europe-2014", "CO_LOCATED_WITH", _ev(R14, 3, s14)),
        Edge("event:kvm-forum-2014", "place:dusseldorf", "HELD_IN", _ev(R14, 3, s14)),
        Edge("event:linuxcon-europe-2014", "place:dusseldorf", "HELD_IN", _ev(R14, 3, s14)),
        Edge("event:kvm-forum-2015", "place:seattle", "HELD_IN", _ev(R15, 3, s15)),
        Edge("event:kvm-forum-2014", "series:kvm-forum", "EDITION_OF", _ev(R14, 3, s14)),
        Edge("event:kvm-forum-2015", "series:kvm-forum", "EDITION_OF", _ev(R15, 3, s15)),
        Edge("person:ada-lovelace", R14, "AUTHORED", _ev(R14, 2)),
        Edge("person:ada-lovelace", R15, "AUTHORED", _ev(R15, 2)),
    ]
    graph = build_graph(Resolved(tuple(entities), tuple(edges)), inputs=["reports"])
    graph.graph["generator"] = "graphbuild example"
    return graph
