"""Count resolution defects in a built graph.json:

- pairs of nodes of one type that share a normalized name or alias;
- first-name-only Person nodes whose report also names a person in full
  with that first name;
- Person nodes that share their first and last name ("Paul E. McKenney" and
  "Paul McKenney"): one person written with and without a middle name.

    python benchmarks/duplicates_check.py out/graph.json [--list]
    python benchmarks/duplicates_check.py --naive ../shared/corpus   # the same counts without resolution

Talks and sub-events legitimately share names (one talk given at two
events; a "Virtualization devroom" each year), so they are counted apart.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict

from graphbuild.knowledge.lexicon import name_key as _norm


def norm(text: str) -> str:
    return _norm(text)


def check(data: dict) -> tuple[list, list, set]:
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in data["nodes"]:
        if n["type"] in ("Report", "Resource"):
            continue
        for name in [n["label"], *n.get("aliases", [])]:
            key = norm(name)
            if key:
                by_key[(n["type"], key)].add(n["id"])
    shared = sorted((k, sorted(ids)) for k, ids in by_key.items() if len(ids) > 1)
    sub_events = {n["id"] for n in data["nodes"] if n.get("sub_event") or n["id"].endswith("devroom")}
    full_by_report: dict[str, set[str]] = defaultdict(set)
    people = [n for n in data["nodes"] if n["type"] == "Person"]
    for n in people:
        if " " in n["label"]:
            for p in n["provenance"]:
                full_by_report[p["report"]].add(norm(n["label"].split()[0]))
    first_only = []
    for n in people:
        if " " not in n["label"] and not n["label"].islower():
            reports = {p["report"] for p in n["provenance"]}
            if any(norm(n["label"]) in full_by_report[r] for r in reports):
                first_only.append(n["id"])
    return shared, first_only, sub_events


def first_last_pairs(data: dict) -> list[list[str]]:
    """Labels of Person nodes that share first and last name, one list per name."""
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for n in data["nodes"]:
        words = norm(n["label"]).split() if n["type"] == "Person" else []
        if len(words) >= 2:
            by_name[(words[0], words[-1])].append(n["label"])
    return sorted(sorted(labels) for labels in by_name.values() if len(labels) > 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--naive", action="store_true",
                    help="GRAPH is a folder of reports: count for nodes made without resolution")
    args = ap.parse_args()
    data = naive([args.graph]) if args.naive else json.load(open(args.graph, encoding="utf-8"))
    shared, first_only, sub_events = check(data)
    pairs = first_last_pairs(data)
    talks = [s for s in shared if s[0][0] == "Talk"]
    subs = [s for s in shared if s[0][0] == "Event" and all(i in sub_events or "devroom" in i or "track" in i
                                                              for i in s[1])]
    print(f"nodes {len(data['nodes'])}; names shared by two or more nodes of one type: {len(shared)} "
          f"(talks {len(talks)}, sub-events {len(subs)}, other {len(shared) - len(talks) - len(subs)}); "
          f"first-name-only people named in full in the same report: {len(first_only)}; "
          f"people sharing first and last name: {len(pairs)}")
    if args.list:
        for (t, k), ids in shared:
            print(f"  shared {t} {k!r}: {ids}")
        for i in first_only:
            print(f"  first-name-only {i}")
        for labels in pairs:
            print(f"  first and last name shared: {labels}")



def naive(paths) -> dict:
    """The graph nodes without resolution: one node per (type, name as written) —
    what a builder that only links mentions by exact text would produce."""
    from graphbuild.extract import extract_many
    from graphbuild.readers import read_all
    reports, _, _ = read_all(paths)
    nodes: dict[tuple[str, str], dict] = {}
    for x in extract_many(reports):
        for m in x.mentions:
            if m.type in ("Report", "Resource"):
                continue
            for form in {m.name, *m.aliases}:
                node = nodes.setdefault((m.type, form), {"id": f"{m.type}:{form}", "type": m.type, "label": form,
                                                        "aliases": [], "provenance": []})
                node["provenance"] += [{"report": e.report} for e in m.evidence]
    return {"nodes": list(nodes.values())}


if __name__ == "__main__":
    main()
