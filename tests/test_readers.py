"""Read stage: front matter cleaning, input walking, robustness against bad files."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from graphbuild.errors import ReadError, UsageError
from graphbuild.readers import iter_inputs, read_all, read_report, report_to_dict
from graphbuild.readers.frontmatter import parse_date, split, split_names, split_terms
from graphbuild.readers.text import decode


def _write(tmp_path: Path, name: str, data) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


# ------------------------------------------------------------------ front matter

@pytest.mark.parametrize("text, expected", [
    ("2014-10-30 14:28:08 UTC", dt.date(2014, 10, 30)),
    ("2014-10-30", dt.date(2014, 10, 30)),
    ("2013-11-25T11:09:00.000+02:00", dt.date(2013, 11, 25)),
    ("Oct 2014", dt.date(2014, 10, 1)),
    ("October 30, 2014", dt.date(2014, 10, 30)),
    ("30 Oct 2014", dt.date(2014, 10, 30)),
    (dt.datetime(2020, 1, 2, 3, 4), dt.date(2020, 1, 2)),
    ("not a date", None),
    ("2014-13-45", None),
])
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_names_and_terms():
    assert split_names("A One, B Two and C Three") == ("A One", "B Two", "C Three")
    assert split_names([{"name": "D Four"}, "E Five"]) == ("D Four", "E Five")
    assert split_terms("kvm, qemu ,kvm") == ("kvm", "qemu")
    assert split_terms(["x", "y"]) == ("x", "y")


def test_unclosed_front_matter_is_body_with_warning():
    fm = split("---\ntitle: x\n\nbody text\n")
    assert fm.data == {} and "never closed" in fm.warnings[0]
    assert fm.body.startswith("---")


def test_yaml_list_front_matter_is_ignored(tmp_path):
    report = read_report(_write(tmp_path, "a.md", "---\n- a\n- b\n---\nBody text.\n"))
    assert report.meta == {} and any("not a mapping" in w for w in report.warnings)
    assert report.blocks[0].text == "Body text." and report.blocks[0].line == 5


def test_unsafe_yaml_never_runs(tmp_path):
    marker = tmp_path / "ran"
    text = f"---\nx: !!python/object/apply:os.system ['touch {marker}']\n---\nBody.\n"
    report = read_report(_write(tmp_path, "a.md", text))
    assert not marker.exists()
    assert report.blocks and report.warnings


def test_date_from_file_name_and_bad_date_warning(tmp_path):
    report = read_report(_write(tmp_path, "2019-04-05-meetup.md", "---\ndate: someday\n---\nHi.\n"))
    assert report.date == dt.date(2019, 4, 5)
    assert any("cannot read date" in w for w in report.warnings)


def test_ceph_style_event_metadata_survives(tmp_path):
    text = ("---\ntitle: Ceph Day\ndate: 2030-06-01\nend: 2030-06-02\nlocation: Berlin\n"
            "venue: Hall 1\nsponsors:\n  - name: Acme\n    url: https://acme.example\n---\nBody.\n")
    report = read_report(_write(tmp_path, "e.md", text))
    assert report.meta["end"] == "2030-06-02"
    assert report.meta["location"] == "Berlin" and report.meta["venue"] == "Hall 1"
    assert report.meta["sponsors"][0]["name"] == "Acme"
    assert report.date == dt.date(2030, 6, 1)


# -------------------------------------------------------------------- markdown

def test_link_lines_inside_list_items_and_quotes(tmp_path):
    text = "- item\n  with [a](https://a.example)\n\n> quote\n> and [b](https://b.example)\n"
    report = read_report(_write(tmp_path, "l.md", text))
    assert [(lk.url, lk.line) for lk in report.links] == [
        ("https://a.example", 2), ("https://b.example", 5)]
    assert [b.kind for b in report.blocks] == ["list_item", "quote"]


def test_raw_html_links_and_images(tmp_path):
    text = 'See <a href="https://x.example/p">the page</a> <img src="//img.example/i.png" alt="pic">.\n'
    report = read_report(_write(tmp_path, "h.md", text))
    assert [(lk.text, lk.url, lk.image) for lk in report.links] == [
        ("the page", "https://x.example/p", False), ("pic", "https://img.example/i.png", True)]
    assert report.blocks[0].text == "See the page ."


# ------------------------------------------------------------------- robustness

def test_binary_file_is_refused(tmp_path):
    with pytest.raises(ReadError, match="binary"):
        read_report(_write(tmp_path, "b.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256))))


def test_control_characters_are_binary(tmp_path):
    with pytest.raises(ReadError, match="binary"):
        read_report(_write(tmp_path, "c.md", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 200))


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_empty_file_is_refused(tmp_path, data):
    with pytest.raises(ReadError, match="empty"):
        read_report(_write(tmp_path, "e.md", data))


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_refused(tmp_path):
    path = _write(tmp_path, "u.md", "text\n")
    path.chmod(0)
    try:
        with pytest.raises(ReadError, match="permission"):
            read_report(path)
    finally:
        path.chmod(0o644)


def test_permission_error_becomes_read_error(tmp_path, monkeypatch):
    from graphbuild.readers import text

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(text, "open", refuse, raising=False)
    with pytest.raises(ReadError, match="permission denied"):
        read_report(_write(tmp_path, "u.md", "text\n"))


def test_utf16_without_bom(tmp_path):
    report = read_report(_write(tmp_path, "x.md", "# Hello\n\nWorld.\n".encode("utf-16-le")))
    assert report.title == "Hello" and report.warnings


@pytest.mark.parametrize("data, encoding", [
    ("# Titel\n\nGrüße aus Düsseldorf.\n".encode("utf-16"), "utf-16"),
    ("\ufeff# Titel\n\nGrüße aus Düsseldorf.\n".encode("utf-8"), "utf-8-sig"),
    ("# Titel\n\nGrüße aus Düsseldorf – 2014.\n".encode("cp1252"), "cp1252"),
])
def test_encodings(tmp_path, data, encoding):
    report = read_report(_write(tmp_path, "x.md", data))
    assert report.title == "Titel"
    assert "Grüße aus Düsseldorf" in report.blocks[1].text
    assert report.blocks[1].line == 3
    if encoding == "cp1252":
        assert any("decoded as cp1252" in w for w in report.warnings)


def test_crlf_line_numbers(tmp_path):
    report = read_report(_write(tmp_path, "w.md", b"# A\r\n\r\nSee [x](https://x.example).\r\n"))
    assert report.links[0].line == 3


def test_too_large_file_is_refused(tmp_path, monkeypatch):
    from graphbuild.readers import text
    monkeypatch.setattr(text, "MAX_BYTES", 1000)
    with pytest.raises(ReadError, match="too large"):
        read_report(_write(tmp_path, "big.md", "word " * 1000))


def test_five_megabyte_single_line_is_fast(tmp_path):
    line = "word [a link](https://example.org/x) *em* " * 120_000
    path = _write(tmp_path, "long.md", "# Long\n\n" + line + "\n")
    start = time.monotonic()
    report = read_report(path)
    assert time.monotonic() - start < 20
    assert any("plain text" in w for w in report.warnings)
    assert report.links and report.links[0].line == 3


@pytest.mark.parametrize("marker", ["- ", "> ", "* "])
def test_deep_nesting_falls_back_to_plain_text(tmp_path, marker):
    path = _write(tmp_path, "deep.md", marker * 5000 + "deep text\n\nafter\n")
    report = read_report(path)
    assert "deep text" in report.text and "after" in report.text
    assert any("too deep" in w for w in report.warnings)


def test_deep_html_nesting(tmp_path):
    report = read_report(_write(tmp_path, "deep.html", "<div>" * 5000 + "inner text" + "</div>" * 5000))
    assert report.blocks[0].text == "inner text"


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000))
def test_random_bytes_raise_only_read_error(tmp_path, data):
    path = tmp_path / "r.md"
    path.write_bytes(data)
    try:
        report = read_report(path)
    except ReadError as exc:
        assert exc.path == str(path)
        assert exc.message.startswith(("binary file", "empty file")), exc.message
        if exc.message.startswith("binary file"):
            assert any(b < 32 and b not in b"\t\n\f\r\x1b" for b in data)
        return
    assert report.sha256 == hashlib.sha256(data).hexdigest()
    assert report.format == "markdown" and report.path == str(path) and report.id == "report:r"
    lines = decode(data).text.count("\n") + 1
    assert all(1 <= b.line <= b.end_line <= lines for b in report.blocks)
    assert bool(report.blocks) or "no body text found" in report.warnings
    json.dumps(report_to_dict(report), allow_nan=False)


_MD_ALPHABET = st.sampled_from(list("ab [](){}<>*_`#>-+|!:\"'\n\t\\=~%.1/") + ["http://x.y", "<a href=x>",
                                                                            "---\n", "+++\n", "|---|", "<table>", "<td>"])


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(parts=st.lists(_MD_ALPHABET, max_size=300), ext=st.sampled_from(["md", "html", "adoc"]))
def test_random_markup_raises_only_read_error(tmp_path, parts, ext):
    path = tmp_path / f"r.{ext}"
    path.write_text("".join(parts), encoding="utf-8")
    try:
        report = read_report(path)
    except ReadError:
        return
    lines = path.read_text(encoding="utf-8").count("\n") + 1
    assert all(1 <= b.line <= b.end_line <= lines for b in report.blocks)
    assert all(1 <= lk.line <= lines for lk in report.links)


# ------------------------------------------------------------------ inputs

def test_iter_inputs_walks_sorted_and_skips(tmp_path):
    _write(tmp_path, "r/b.md", "b")
    _write(tmp_path, "r/a/z.adoc", "z")
    _write(tmp_path, "r/.hidden/x.md", "x")
    _write(tmp_path, "r/.h.md", "x")
    _write(tmp_path, "r/notes.pdf", "x")
    explicit = _write(tmp_path, "odd.report", "explicit")
    (tmp_path / "r" / "a" / "loop").symlink_to(tmp_path / "r")
    files, problems = iter_inputs([tmp_path / "r", explicit])
    names = [p.relative_to(tmp_path).as_posix() for p in files]
    assert names == ["r/a/z.adoc", "r/b.md", "odd.report"]
    assert any("symlink loop" in p.message for p in problems)


def test_missing_input_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="nope"):
        iter_inputs([tmp_path / "nope"])


def test_read_all_ids_duplicates_and_skips(tmp_path):
    root = tmp_path / "reports"
    _write(root, "2014/kvm.md", "# KVM\n\nText.\n")
    _write(root, "2014/zcopy.md", "# KVM\n\nText.\n")
    _write(root, "2015/other.html.md", "# Other\n\nMore.\n")
    _write(root, "bad.md", b"\0\0\0binary")
    reports, skipped, warnings = read_all([root])
    assert [r.id for r in reports] == ["report:2014-kvm", "report:2015-other"]
    assert reports[0].path == str(root / "2014" / "kvm.md")
    assert [p.path for p in skipped] == [str(root / "bad.md")]
    dup = [w for w in warnings if "duplicate" in w.message]
    assert len(dup) == 1
    assert dup[0].path.endswith("zcopy.md") and "kvm.md" in dup[0].message


def test_read_all_makes_colliding_ids_unique(tmp_path):
    _write(tmp_path, "a-b.md", "one\n")
    _write(tmp_path, "a_b.md", "two\n")
    reports, _, _ = read_all([tmp_path])
    assert sorted(r.id for r in reports) == ["report:a-b", "report:a-b-2"]


def test_html_table_split_by_blank_lines_keeps_row_numbers(tmp_path):
    text = ("<table>\n<tr><th>Time</th><th>Talk</th></tr>\n\n"
            "<tr><td>9:00</td><td>Opening</td></tr>\n\n<tr><td>10:00</td><td>Close</td></tr>\n</table>\n")
    report = read_report(_write(tmp_path, "t.md", text))
    rows = [(b.line, b.level, b.cells) for b in report.blocks if b.kind == "table_row"]
    assert rows == [(2, 0, ("Time", "Talk")), (4, 1, ("9:00", "Opening")), (6, 2, ("10:00", "Close"))]


@pytest.mark.parametrize("text", [
    ("[" * 1000 + "\n") * 900,
    "{% " * 200_000,
    "<a " * 300_000,
    ("[a](" * 3000 + "\n") * 50,
])
def test_pathological_markup_finishes_quickly(tmp_path, text):
    start = time.monotonic()
    report = read_report(_write(tmp_path, "p.md", text))
    assert time.monotonic() - start < 20
    assert report.blocks


def test_markdown_under_every_name_is_found_and_read_as_markdown(tmp_path):
    for name in ("a.mdx", "b.html.md", "c.markdown", "d.md.erb", "e.Rmd", "f.html.erb"):
        _write(tmp_path, f"r/{name}", f"# Title of {name}\n\nSome *text*.\n")
    for name in ("logo.png", "config.yaml", "data.json", "feed.xml"):
        _write(tmp_path, f"r/{name}", "<?xml version='1.0'?><rss><channel/></rss>")
    found, _ = iter_inputs([tmp_path / "r"])
    assert sorted(p.name for p in found if p.suffix in (".json", ".xml")) == ["data.json", "feed.xml"]
    files = [p for p in found if p.suffix not in (".json", ".xml")]
    names = [p.name for p in files]
    assert names == ["a.mdx", "b.html.md", "c.markdown", "d.md.erb", "e.Rmd", "f.html.erb"]
    assert "logo.png" not in names and "config.yaml" not in names
    assert {read_report(p).format for p in files[:5]} == {"markdown"}
    assert read_report(files[5]).format == "html"
    reports, skipped, _ = read_all([tmp_path / "r"])
    assert [r.id for r in reports] == ["report:a", "report:b", "report:c", "report:d", "report:e",
                                       "report:f"]
    # JSON and XML may be programmes: looked at, then skipped with a reason when they are not
    assert sorted(p.path.rsplit("/", 1)[-1] for p in skipped) == ["data.json", "feed.xml"]
    assert all("skipped" in p.message for p in skipped)


def test_xhtml_page_saved_as_xml_is_read_as_html(tmp_path):
    page = _write(tmp_path, "r/summit.xml", (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd" [\n'
        '<!ENTITY title "Developer Summit 2003">\n'
        ']>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml">\n'
        '<head><title>&title;</title></head>\n'
        '<body><h2>Agenda</h2>\n'
        '<p>Opening by Ann Example.</p></body></html>\n'))
    files, _ = iter_inputs([tmp_path / "r"])
    assert files == [page]
    report = read_report(page)
    assert report.format == "html" and report.title == "Developer Summit 2003"
    assert [(b.kind, b.line, b.text) for b in report.blocks] == [
        ("heading", 7, "Agenda"), ("paragraph", 8, "Opening by Ann Example.")]


def test_indented_key_value_header_after_a_blank_line(tmp_path):
    report = read_report(_write(tmp_path, "post.md", (
        "\n    Title:Summit Recap\n    Date:2011-07-29T02:36:00.002-04:00\n    Tags:\n\n"
        "*posted by Jo Writer*\n")))
    assert report.title == "Summit Recap" and report.date == dt.date(2011, 7, 29)
    assert [(b.kind, b.line, b.text) for b in report.blocks] == [
        ("paragraph", 6, "posted by Jo Writer")]


def test_indented_code_at_the_top_is_no_header(tmp_path):
    report = read_report(_write(tmp_path, "post.md", "    x = 1\n    Title: no\n\nText.\n"))
    assert report.title == "" and report.blocks[0].kind == "code"


@pytest.mark.parametrize("ext", ["md", "html"])
def test_an_unknown_marked_section_is_read_as_a_bogus_comment(tmp_path, ext):
    report = read_report(_write(tmp_path, f"r.{ext}", "<table><![b <a href=x>>:..)\n\n<p>After it.</p>\n"))
    assert "After it." in report.text
