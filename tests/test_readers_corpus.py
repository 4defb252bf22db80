"""The read stage over the shared corpus of real reports (skipped when it is absent)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from graphbuild.errors import ReadError
from graphbuild.readers import iter_inputs, read_all, read_report

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S")
pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent"),
]


def _files() -> list[Path]:
    return iter_inputs([CORPUS])[0] if CORPUS.is_dir() else []


def test_every_corpus_file_reads_with_blocks_and_lines_in_range():
    files = _files()
    assert len(files) > 300
    checked = matched = 0
    for path in files:
        try:
            report = read_report(path)
        except ReadError as exc:                      # only ReadError may escape
            pytest.fail(f"{path}: {exc}")
        assert report.blocks, f"{path}: no blocks"
        lines = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n").split("\n")
        for block in report.blocks:
            assert 1 <= block.line <= block.end_line <= len(lines), (path, block)
        for link in report.links:
            assert 1 <= link.line <= len(lines), (path, link)
            shown = [line for line in lines if link.url in line]
            # A reference-style link's URL is written on its definition line, not where used.
            if link.url and shown and not all(REFERENCE.match(line) for line in shown):
                checked += 1
                matched += link.url in lines[link.line - 1]
    assert checked > 1000
    assert matched / checked >= 0.98, f"{matched}/{checked} link lines show their URL"


def test_read_all_over_the_corpus_keeps_ids_unique():
    reports, skipped, warnings = read_all([CORPUS])
    assert not skipped
    ids = [r.id for r in reports]
    assert len(ids) == len(set(ids))
    assert all(r.id.startswith("report:") for r in reports)
    assert any(r.id.startswith("report:ceph-") for r in reports)


def test_known_corpus_metadata_survives():
    poland = read_report(CORPUS / "ceph" / "event-2019-ceph-day-poland.md")
    assert poland.meta["location"] == "Wrocław, Poland"
    ceph = [r for r in read_all([CORPUS / "ceph"])[0] if "location" in r.meta]
    assert len(ceph) >= 10 and all(isinstance(r.meta["location"], str) for r in ceph)
    kubevirt = read_report(CORPUS / "kubevirt" / "2022-06-28-KubeVirt-at-KubeCon-EU-2022.md")
    assert kubevirt.meta["pub-date"] == "June 28"
    assert kubevirt.authors == ("Andrew Burden",)
    assert "KubeCon" in kubevirt.tags
    adoc = read_report(CORPUS / "hawkular" / "2017-04-07-cloudnativecon-summary.adoc")
    assert adoc.title == "CloudNativeCon summary"
    assert "opentracing" in adoc.tags
    assert str(adoc.date) == "2017-04-07"
