"""Programmes go through the pipeline like reports: cached, beside the worker pool, fast."""
from __future__ import annotations

import time

import pytest

from graphbuild.parallel import extract_reports
from graphbuild.pipeline import RunInfo, run
from graphbuild.readers import read_all
from graphbuild.resolve import resolve
from graphbuild.schedules.extraction import extract_schedule
from tests.helpers import ROOT

DATA = ROOT / "data"


def test_programmes_are_extracted_in_order_beside_the_worker_pool():
    reports, _, _ = read_all([str(DATA / "schedules"), str(DATA / "reports")])
    seen = []
    two = extract_reports(reports, model="blank", workers=2, done=seen.append)
    assert [x.report.id for x in two] == [r.id for r in reports] and sum(seen) == len(reports)
    assert [x.report.format for x in two[:3]] == ["schedule-frab", "ical", "schedule-json"]
    assert two[:3] == [extract_schedule(r) for r in reports[:3]]
    assert two == extract_reports(reports, model="blank", workers=1)


def test_programmes_are_cached_like_reports(tmp_path):
    infos = []
    for _ in range(2):
        info = RunInfo()
        graph = run([str(DATA / "schedules")], info=info, model="blank", workers=1, cache=tmp_path / "cache",
                    log=lambda m: None)
        infos.append(info)
        assert sum(1 for _, d in graph.nodes(data=True) if d["type"] == "Talk") == 8 + 7 + 9
    assert infos[0].extracted == 3 and infos[1].graph_cached and infos[1].cached == 3


def _big_frab(n: int) -> str:
    out = ['<?xml version="1.0"?>', "<schedule><conference><title>BigConf 2025</title></conference>",
           '<day date="2025-01-01">']
    for k in range(n):
        out.append(f'<room name="R{k % 20}"><event id="{k}"><start>{9 + k % 9:02d}:00</start>'
                   f"<duration>00:30</duration><title>Session {k} on topic {k % 997}</title>"
                   f"<track>Track {k % 20} devroom</track><type>lecture</type><abstract>About {k}.</abstract>"
                   f'<persons><person id="p{k % 3000}">Speaker Person{k % 3000}</person></persons>'
                   f'<links><link href="https://v.example.com/{k}.webm">Video</link></links></event></room>')
    out.append("</day></schedule>")
    return "\n".join(out)


@pytest.mark.slow
def test_ten_thousand_sessions_build_in_seconds(tmp_path):
    path = tmp_path / "big.xml"
    path.write_text(_big_frab(10_000), encoding="utf-8")
    start = time.process_time()
    (report,), skipped, _ = read_all([str(path)])
    resolved = resolve([extract_schedule(report)])
    seconds = time.process_time() - start
    talks = [e for e in resolved.entities if e.type == "Talk"]
    assert not skipped and len(talks) == 10_000
    assert len([e for e in resolved.entities if e.type == "Person"]) == 3000
    assert seconds < 30, f"read, extract and resolve took {seconds:.1f} s of CPU"
