"""Golden files: each tests/golden/readers/<case>.<ext> beside <case>.result.json.

Regenerate after an intended change with ``GRAPHBUILD_UPDATE_GOLDEN=1 pytest tests/test_readers_golden.py``.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from graphbuild.readers import report_to_dict, read_report

GOLDEN = Path(__file__).resolve().parent / "golden" / "readers"
CASES = sorted(p for p in GOLDEN.iterdir() if not p.name.endswith(".result.json"))
UPDATE = os.environ.get("GRAPHBUILD_UPDATE_GOLDEN") == "1"


def _result(path: Path) -> dict:
    report = read_report(path, display_path=path.name)
    data = report_to_dict(report)
    data.pop("sha256")
    return data


@pytest.mark.parametrize("case", CASES, ids=[p.name for p in CASES])
def test_golden(case: Path):
    expected_path = case.with_name(case.name.split(".")[0] + ".result.json")
    actual = _result(case)
    if UPDATE or not expected_path.exists():
        expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n",
                                 encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"{expected_path.name} was missing and has been written; check it")
    assert actual == json.loads(expected_path.read_text(encoding="utf-8"))


def _shown(link, line: str) -> bool:
    """A link's line shows its URL; an embed's shows the id of its page; a URL built from an
    AsciiDoc attribute reference shows the reference and its own tail."""
    if link.url.removeprefix("https:") in line:
        return True
    if re.search(r"\{[\w-]+\}", line) and link.url.rsplit("/", 1)[-1] in line:
        return True
    ids = re.findall(r"[\w-]{6,}", link.url.split("//")[-1].partition("/")[2])
    return link.embed and any(part in line for part in ids)


def test_golden_link_lines_show_their_urls():
    for case in CASES:
        lines = case.read_text(encoding="utf-8").split("\n")
        for link in read_report(case).links:
            assert _shown(link, lines[link.line - 1]) or \
                link.url == "https://example.org/three", (case.name, link)
