"""Property tests: random and adversarial Markdown, HTML, AsciiDoc, YAML and TOML.

Whatever the input, a reader returns a Report or raises ReadError (no other
exception escapes), every file of a folder is either read or skipped with a
reason, and each input is read within a time bound.
"""
from __future__ import annotations

import tempfile
import time
import tomllib
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.errors import ReadError
from graphbuild.readers import frontmatter, read_all, read_report
from graphbuild.types import Report

SECONDS = 10            # per input; ordinary inputs take milliseconds
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_WORDS = st.sampled_from(["KVM Forum 2014", "Düsseldorf", "by Jane Doe", "talk", "(slides)", "—", "",
                          "https://example.org/x", "*", "_", "`", "|", "\\", "&amp;", "\u200b", "\t"])
_TEXT = st.one_of(_WORDS, st.text(max_size=40))


def _repeat(pieces, max_times: int = 3000):
    """A piece repeated up to ``max_times`` times: deep nesting and long runs."""
    return st.builds(lambda p, n: p * n, pieces, st.integers(0, max_times))


def _document(pieces) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(pieces, _repeat(pieces), _TEXT), max_size=30).map("".join)


MARKDOWN = _document(st.sampled_from([
    "# ", "## ", "\n", "\n\n", "> ", "- ", "* ", "1. ", "  ", "    ", "```\n", "~~~", "---\n", "+++\n",
    "[", "]", "(", ")", "[talk](https://example.org/t)", "![img](x.png)", "<https://example.org>",
    "| a | b |\n|---|---|\n", "*em*", "**strong**", "_", "<div>", "</div>", "<!--", "-->", "{% raw %}",
    "{: .class}", "[^1]", "[ref]: https://example.org\n", "\\", "&#x0;", "\r\n", "\t",
]))

HTML = _document(st.sampled_from([
    "<div>", "</div>", "<ul>", "<li>", "</li>", "</ul>", "<table>", "<tr>", "<td>", "</td>", "<p>",
    "<h1>", "</h1>", "<a href='https://example.org/t'>", "</a>", "<a href=\"", "<script>", "</script>",
    "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<br>", "<img src=x alt='a'>", "<", ">", "&", "&#",
    "<!DOCTYPE html>", "<meta name=date content=2014-10-30>", "<title>", "</title>", "<pre>", "\n",
]))

ASCIIDOC = _document(st.sampled_from([
    "= Title\n", "== Section\n", ":author: Jane Doe\n", ":revdate: 2014-10-30\n", "* ", "** ", ". ",
    "----\n", "====\n", "....\n", "|===\n", "| cell ", "link:https://example.org/t[talk]", "<<ref>>",
    "include::other.adoc[]\n", "ifdef::x[]\n", "endif::[]\n", "[source,python]\n", "NOTE: ", "+\n",
    "https://example.org[site]", "image::x.png[]\n", "//", "////\n", "\n", "\n\n", "{attr}", "pass:[",
]))

YAML_PIECES = st.sampled_from([
    "a: 1\n", "- x\n", "&a ", "*a", "&b [", "]", "{", "}", ", ", ": ", "? ", "<<: *a\n", "!!python/object:os.system ",
    "!!binary ", "|\n  ", ">\n  ", "'", "\"", "#", "---\n", "...\n", "  ", "\t", "%YAML 1.1\n", "!tag ", "null",
    "2014-10-30", "title: ", "tags: [", "date: ",
])
TOML_PIECES = st.sampled_from([
    "a = 1\n", "[t]\n", "[[arr]]\n", "[a.b.c]\n", "x = [", "]", "{", "}", "k = {a = 1}\n", "'", "\"", '"""',
    "title = \"KVM Forum\"\n", "date = 2014-10-30\n", "= ", ", ", "#", "\n", "+++\n", "inf", "nan",
])


@st.composite
def alias_graphs(draw) -> str:
    """YAML with random anchors and aliases: chains, fans, self references."""
    levels = draw(st.integers(1, 40))
    lines = ["a0: &a0 " + draw(st.sampled_from(["x", "[x, y]", "{k: v}"]))]
    for i in range(1, levels):
        refs = draw(st.lists(st.integers(0, i), min_size=1, max_size=12))
        items = ", ".join(f"*a{j}" if j < i else "x" for j in refs)
        kind = draw(st.sampled_from(["[{}]", "{{k{}: [{}]}}"]))
        body = kind.format(items) if kind == "[{}]" else "{" + ", ".join(
            f"k{n}: {item}" for n, item in enumerate(items.split(", "))) + "}"
        lines.append(f"a{i}: &a{i} {body}")
    if draw(st.booleans()):
        lines.append("loop: &loop [*a0, *loop]")
    return "\n".join(lines) + "\n"


def _read(name: str, text: str) -> Report | None:
    """read_report of ``text`` saved as ``name``: the Report, or None for a ReadError; timed."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        start = time.monotonic()
        try:
            report = read_report(path)
        except ReadError as exc:
            assert exc.message
            report = None
        assert time.monotonic() - start < SECONDS
    return report


@SETTINGS
@given(MARKDOWN)
def test_any_markdown_is_read_or_refused_in_time(text):
    _read("report.md", text)


@SETTINGS
@given(HTML)
def test_any_html_is_read_or_refused_in_time(text):
    _read("report.html", text)


@SETTINGS
@given(ASCIIDOC)
def test_any_asciidoc_is_read_or_refused_in_time(text):
    _read("report.adoc", text)


def _front_matter(fence: str, raw: str) -> None:
    text = f"{fence}\n{raw}\n{fence}\n# Body\n\nKVM Forum 2014.\n"
    start = time.monotonic()
    fm = frontmatter.split(text)
    assert time.monotonic() - start < SECONDS
    assert isinstance(fm.data, dict)
    if not fm.data and not fm.warnings:             # read, and truly empty
        used = "\n".join(text.split("\n")[1:fm.body_line - 2])
        assert (tomllib.loads(used) if fm.kind == "toml" else yaml.safe_load(used)) in (None, {})
    fields, meta, _ = frontmatter.clean(fm.data)          # cleaning is bounded too
    assert isinstance(fields, dict) and isinstance(meta, dict)
    assert time.monotonic() - start < SECONDS


@SETTINGS
@given(_document(YAML_PIECES))
def test_any_yaml_front_matter_is_read_or_ignored_with_a_reason(raw):
    _front_matter("---", raw)


@SETTINGS
@given(alias_graphs())
def test_any_alias_graph_is_read_or_refused_before_expansion(raw):
    start = time.monotonic()
    fm = frontmatter.split(f"---\n{raw}---\nbody\n")
    assert fm.data or any("refused" in w for w in fm.warnings)
    if "loop:" in raw:
        assert fm.data == {} and "contains it" in fm.warnings[0]
    frontmatter.clean(fm.data)
    assert time.monotonic() - start < SECONDS


@SETTINGS
@given(_document(TOML_PIECES))
def test_any_toml_front_matter_is_read_or_ignored_with_a_reason(raw):
    _front_matter("+++", raw)


FILES = st.lists(st.tuples(st.sampled_from([".md", ".html", ".adoc", ".txt"]),
                           st.one_of(MARKDOWN, HTML, ASCIIDOC, st.binary(max_size=200))),
                 min_size=1, max_size=6)


@settings(max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(FILES)
def test_every_file_of_a_folder_is_read_or_skipped_with_a_reason(files):
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for i, (suffix, content) in enumerate(files):
            path = Path(folder) / f"r{i}{suffix}"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
            paths.append(str(path))
        start = time.monotonic()
        reports, skipped, warnings = read_all([folder])
        assert time.monotonic() - start < SECONDS * len(files)
        read = {r.path for r in reports}
        left_out = {p.path for p in skipped if p.message}
        duplicates = {p.path for p in warnings if p.message.startswith("duplicate of ")}
        assert read | left_out | duplicates == set(paths)
        assert not read & left_out
