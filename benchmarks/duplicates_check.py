"""Count resolution defects in a built graph.json:

- pairs of nodes of one type that share a normalized name or alias;
- first-name-only Person nodes whose report also names a person in full
  with that first name.

    python benchmarks/duplicates_check.py out/graph.json [--list]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict

from graphbuild.resolve.normalize import norm as _norm


def norm(text: str) -> str:
    return _norm(text)


def check(data: dict) -> tuple[list, list]:
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for n in data["nodes"]:
        if n["type"] in ("Report", "Resource"):
            continue
        for name in [n["label"], *n.get("aliases", [])]:
            key = norm(name)
            if key:
                by_key[(n["type"], key)].add(n["id"])
    shared = sorted((k, sorted(ids)) for k, ids in by_key.items() if len(ids) > 1)
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
    return shared, first_only


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("graph")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    data = json.load(open(args.graph, encoding="utf-8"))
    shared, first_only = check(data)
    print(f"nodes {len(data['nodes'])}; same-type nodes sharing a normalized name or alias: {len(shared)}; "
          f"first-name-only people named in full in the same report: {len(first_only)}")
    if args.list:
        for (t, k), ids in shared:
            print(f"  shared {t} {k!r}: {ids}")
        for i in first_only:
            print(f"  first-name-only {i}")


if __name__ == "__main__":
    main()
