"""Time the resolve stage on synthetic extractions (default: about 50,000 mentions).

    python benchmarks/resolve_scale.py [MENTIONS]

Resolution groups mentions by normalized keys, so time should grow about
linearly with the number of mentions; run with 10000 and 50000 to compare.
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import time

from graphbuild.resolve import resolve
from graphbuild.types import Evidence, Extraction, Mention, Relation, Report

FIRST = ["Stefan", "Daniel", "Kashyap", "Paolo", "Kevin", "Anna", "Maria", "Jan", "Eric", "Laura",
         "Peter", "Sara", "Marc", "Julia", "Ahmed", "Wei", "Yuki", "Olga", "Pedro", "Nina"]
LAST = [f"Surname{i}" for i in range(400)]
PROJECTS = [f"Project{i}" for i in range(2000)] + ["QEMU", "libvirt", "KVM", "KubeVirt", "Nova"]
ORGS = ["Red Hat", "RedHat", "Red Hat, Inc.", "IBM", "SUSE", "Intel"] + [f"Org{i} GmbH" for i in range(300)]
SERIES = ["KVM Forum", "FOSDEM", "LinuxCon EU", "LinuxCon North America", "DevConf"] + \
    [f"Conf{i}" for i in range(200)]


def extraction(i: int, rng: random.Random, per_report: int) -> Extraction:
    rid = f"report:r{i}"
    year = 2010 + i % 14
    n = [0]

    def m(typ, name, **attrs):
        n[0] += 1
        return Mention(key=f"m{n[0]}", type=typ, name=name, attrs=attrs,
                       evidence=(Evidence(rid, n[0], name, "bench"),))

    mentions = [Mention("report", "Report", f"Report {i}", (Evidence(rid, 1),),
                        {"id": rid, "path": f"r{i}.md", "title": f"Report {i}",
                         "date": f"{year}-05-01", "authors": [], "tags": []})]
    series = rng.choice(SERIES)
    event = m("Event", f"{series} {year}", series=series, year=year, main=True)
    mentions.append(event)
    relations = []
    while len(mentions) < per_report:
        full = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        person = m("Person", full)
        talk = m("Talk", f"Talk about {rng.choice(PROJECTS)} number {rng.randrange(3000)}")
        res = m("Resource", "slides", url=f"https://example.org/{rng.randrange(20000)}/", kind="slides")
        mentions += [person, talk, res, m("Person", full.split()[0]),
                     m("Project", rng.choice(PROJECTS)), m("Organization", rng.choice(ORGS))]
        relations += [Relation("PRESENTED", person.key, talk.key, person.evidence),
                      Relation("PRESENTED_AT", talk.key, event.key, talk.evidence),
                      Relation("HAS_RESOURCE", talk.key, res.key, res.evidence)]
    report = Report(id=rid, path=f"r{i}.md", format="markdown", title=f"Report {i}",
                    date=dt.date(year, 5, 1))
    return Extraction(report, tuple(mentions), tuple(relations))


def main(total: int = 50_000, per_report: int = 25) -> None:
    rng = random.Random(7)
    extractions = [extraction(i, rng, per_report) for i in range(total // per_report)]
    mentions = sum(len(e.mentions) for e in extractions)
    start = time.perf_counter()
    resolved = resolve(extractions)
    took = time.perf_counter() - start
    print(f"{mentions} mentions in {len(extractions)} reports -> {len(resolved.entities)} entities, "
          f"{len(resolved.edges)} edges in {took:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
