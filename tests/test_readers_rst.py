"""reStructuredText reports: metadata of Pelican, Nikola and ABlog, blocks with source lines,
links, players, tables, and unknown directives and roles read rather than dropped."""
from __future__ import annotations

import json
from pathlib import Path

from graphbuild.cli import main
from graphbuild.readers import iter_inputs, read_report
from graphbuild.readers.formats import format_of

PELICAN = """\
Devroom recap 2031
##################

:date: 2031-02-11 10:20
:tags: devroom, storage
:author: Rosa Tallis

We spent the weekend in the `Storage devroom <https://example.org/2031/storage/>`_.

Talks
=====

* *Snapshots without tears* by **Elio Varga** — `slides <https://example.org/s1.pdf>`__

  * a nested remark

* `Sharding the metadata server <https://example.org/2031/talk2/>`_ by Mira Okafor

.. youtube:: AbCdEfGhIjK

+-------+---------------------+--------------+
| Time  | Title               | Speaker      |
+=======+=====================+==============+
| 10:00 | Welcome             | Rosa Tallis  |
+-------+---------------------+--------------+

Tiering
   A definition on its own line.

See :doc:`the notes <notes>` and ``code`` too.

.. raw:: html

   <iframe src="https://player.vimeo.com/video/7654321"></iframe>
"""

NIKOLA = """\
.. title: Meetup notes
.. slug: meetup-notes
.. date: 2030-05-04 18:00:00 UTC
.. tags: meetup
.. author: Jo Brandt

The meetup had two talks.
"""

ABLOG = """\
.. post:: Mar 3, 2029
   :tags: summit
   :author: Kai Lund

Summit notes
============

Notes here.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rst_files_are_reports(tmp_path):
    assert format_of("a.rst") == "rst" and format_of("b.rest") == "rst"
    _write(tmp_path, "post.rst", NIKOLA)
    files, problems = iter_inputs([tmp_path])
    assert [f.name for f in files] == ["post.rst"] and not problems


def test_pelican_metadata_and_blocks(tmp_path):
    report = read_report(_write(tmp_path, "recap.rst", PELICAN))
    assert report.format == "rst"
    assert report.title == "Devroom recap 2031"
    assert str(report.date) == "2031-02-11"
    assert report.authors == ("Rosa Tallis",)
    assert report.tags == ("devroom", "storage")
    by_text = {b.text.split("\n")[0]: b for b in report.blocks}
    # the field list is metadata, not body text
    assert not any(b.text.startswith(("devroom, storage", "2031-02-11")) for b in report.blocks)
    assert by_text["Talks"].kind == "heading" and by_text["Talks"].line == 10
    item = by_text["Snapshots without tears by Elio Varga — slides"]
    assert (item.kind, item.line, item.level) == ("list_item", 13, 1)
    assert item.emphasis == ("Snapshots without tears", "Elio Varga")
    assert [(lk.text, lk.url, lk.line) for lk in item.links] == [("slides", "https://example.org/s1.pdf", 13)]
    nested = by_text["a nested remark"]
    assert (nested.kind, nested.level, nested.line) == ("list_item", 2, 15)
    second = by_text["Sharding the metadata server by Mira Okafor"]
    assert second.links[0].url == "https://example.org/2031/talk2/" and second.line == 17


def test_players_tables_definitions_and_roles(tmp_path):
    report = read_report(_write(tmp_path, "recap.rst", PELICAN))
    embeds = [(lk.url, lk.line) for b in report.blocks for lk in b.links if lk.embed]
    assert ("https://www.youtube.com/watch?v=AbCdEfGhIjK", 19) in embeds       # unknown directive
    assert ("https://player.vimeo.com/video/7654321", 34) in embeds            # raw HTML iframe
    rows = [b for b in report.blocks if b.kind == "table_row"]
    assert [(r.cells, r.level, r.line) for r in rows] == [
        (("Time", "Title", "Speaker"), 0, 22), (("10:00", "Welcome", "Rosa Tallis"), 1, 24)]
    term = next(b for b in report.blocks if b.text.startswith("Tiering"))
    assert term.kind == "list_item" and term.text == "Tiering\nA definition on its own line."
    assert any(b.text == "See the notes and code too." for b in report.blocks)


def test_nikola_and_ablog_metadata(tmp_path):
    nikola = read_report(_write(tmp_path, "n.rst", NIKOLA))
    assert (nikola.title, str(nikola.date), nikola.authors, nikola.tags) == (
        "Meetup notes", "2030-05-04", ("Jo Brandt",), ("meetup",))
    assert nikola.blocks[0].text == "The meetup had two talks." and nikola.blocks[0].line == 7
    ablog = read_report(_write(tmp_path, "a.rst", ABLOG))
    assert (ablog.title, str(ablog.date), ablog.authors, ablog.tags) == (
        "Summit notes", "2029-03-03", ("Kai Lund",), ("summit",))


def test_front_matter_before_rst(tmp_path):
    report = read_report(_write(tmp_path, "h.rst", "---\ntitle: Hugo page\ndate: 2028-01-02\n---\n\n"
                                "Body *text* here.\n"))
    assert report.title == "Hugo page" and str(report.date) == "2028-01-02"
    assert report.blocks[0].line == 6 and report.blocks[0].emphasis == ("text",)


def test_nothing_is_read_from_disk(tmp_path):
    secret = _write(tmp_path, "secret.txt", "TOP SECRET LINE")
    text = f"Title\n=====\n\n.. include:: {secret}\n\n.. raw:: html\n   :file: {secret}\n\nAfter.\n"
    report = read_report(_write(tmp_path, "inc.rst", text))
    assert "TOP SECRET" not in report.text and "After." in report.text


def test_rst_report_builds_talks(tmp_path):
    _write(tmp_path, "recap.rst", PELICAN)
    out = tmp_path / "out"
    assert main(["build", str(tmp_path / "recap.rst"), "--out", str(out), "--quiet"]) == 0
    graph = json.loads((out / "graph.json").read_text())
    labels = {n["id"]: n["label"] for n in graph["nodes"]}
    presented = {(labels[e["source"]], labels[e["target"]]) for e in graph["edges"] if e["type"] == "PRESENTED"}
    assert ("Elio Varga", "Snapshots without tears") in presented
    assert ("Mira Okafor", "Sharding the metadata server") in presented
    report = next(n for n in graph["nodes"] if n["type"] == "Report")
    assert report["path"].endswith("recap.rst")
