"""A build survives damaged, odd and hostile reports.

Each bad input is handled without a crash or a hang: one message on stderr
names the file and the problem, and graph.json lists it under
``graph.skipped`` (file left out) or ``graph.warnings`` (file used, with a
problem). ``--strict`` turns any of them into exit status 1. Output files are
replaced only when every format was written.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphbuild.cli import main
from graphbuild.errors import GraphbuildError
from graphbuild.export.json import json_data
from graphbuild.graph.schema import validate
from graphbuild.pipeline import run
from graphbuild.readers import read_all, read_report

BODY = "# KVM Forum 2014\n\n* [Scaling QEMU Block Layers](https://youtu.be/abc) by Stefan Hajnoczi\n"
TALK = "Scaling QEMU Block Layers"
GOOD = "# Storage Days 2015\n\n* [Ceph At Scale](https://youtu.be/ceph) by Mira Kovalenko\n"


def build(tmp_path: Path, *extra: str, inputs: list[Path] | None = None, out: Path | None = None):
    """Run ``graphbuild build`` with the blank model; (status, graph.json data or None)."""
    out = out or tmp_path / "out"
    args = ["build", *[str(p) for p in (inputs or [tmp_path / "in"])], "--out", str(out),
            "--model", "blank", "--quiet", *extra]
    status = main(args)
    path = out / "graph.json"
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    if data is not None:
        validate(data)
    return status, data


def put(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def labels(data, kind: str) -> set[str]:
    return {n["label"] for n in data["nodes"] if n["type"] == kind}


def problems(data, key: str, path: Path) -> list[str]:
    return [p["message"] for p in data["graph"][key] if p["path"] == str(path)]


def messages_naming(err: str, path: Path) -> list[str]:
    return [line for line in err.splitlines() if str(path) in line]


def assert_reported(data, err: str, path: Path, key: str, *words: str) -> str:
    """``path`` has exactly one entry under graph.<key> and one stderr line; returns the message."""
    found = problems(data, key, path)
    assert len(found) == 1, (key, data["graph"])
    other = "warnings" if key == "skipped" else "skipped"
    assert not problems(data, other, path), data["graph"]
    message = found[0]
    for word in words:
        assert word.lower() in message.lower(), message
    lines = messages_naming(err, path)
    assert len(lines) == 1, err
    assert message in lines[0] and ("skipped" in lines[0] if key == "skipped" else "warning" in lines[0])
    return message


# --------------------------------------------------------------- front matter

BAD_FRONT_MATTER = {
    "invalid-yaml": ("---\ntitle: [unclosed\ndate: 2014-10-30\n---\n", ("invalid yaml",)),
    "never-closed": ("---\ntitle: Never closed\nauthor: Someone\n\n", ("never closed",)),
    "a-list": ("---\n- one\n- two\n---\n", ("list", "not a mapping")),
    "a-scalar": ("---\njust a sentence\n---\n", ("str", "not a mapping")),
    "bad-toml": ('+++\ntitle = "x\n+++\n', ("invalid toml",)),
    "bad-date": ("---\ntitle: KVM Forum\ndate: sometime in autumn\n---\n", ("date", "sometime in autumn")),
}


@pytest.mark.parametrize("name", list(BAD_FRONT_MATTER))
def test_bad_front_matter_warns_and_body_is_used(tmp_path, capsys, name):
    head, words = BAD_FRONT_MATTER[name]
    path = put(tmp_path, f"{name}.md", head + BODY)
    status, data = build(tmp_path)
    assert status == 0
    assert_reported(data, capsys.readouterr().err, path, "warnings", *words)
    assert TALK in labels(data, "Talk")
    assert len(labels(data, "Report")) == 1


@pytest.mark.parametrize("date, expected", [
    ("Oct 2014", "2014-10-01"),
    ("2014-10-30 14:28:08 UTC", "2014-10-30"),
    ("'2014-10-30 14:28:08 +0100'", "2014-10-30"),
    ("October 30th, 2014", "2014-10-30"),
    ("2014-10-30T14:28:08Z", "2014-10-30"),
])
def test_odd_dates_are_read(tmp_path, capsys, date, expected):
    put(tmp_path, "r.md", f"---\ntitle: KVM Forum\ndate: {date}\n---\n" + BODY)
    status, data = build(tmp_path)
    assert status == 0
    report = next(n for n in data["nodes"] if n["type"] == "Report")
    assert report["date"] == expected
    assert data["graph"]["warnings"] == [] and data["graph"]["skipped"] == []
    assert capsys.readouterr().err == ""
    assert TALK in labels(data, "Talk")


@pytest.mark.parametrize("tags", ["tags: qemu, kvm", "tags: [qemu, kvm]", "tags:\n  - qemu\n  - kvm",
                                  "tags: qemu", "tags:\n  - [qemu, kvm]", "tags: {a: qemu}", "tags: 2014"])
def test_tags_in_any_shape(tmp_path, capsys, tags):
    put(tmp_path, "r.md", f"---\ntitle: KVM Forum\n{tags}\n---\n" + BODY)
    status, data = build(tmp_path)
    assert status == 0 and data["graph"]["skipped"] == []
    assert TALK in labels(data, "Talk")
    report = next(n for n in data["nodes"] if n["type"] == "Report")
    assert all(isinstance(t, str) and t for t in report.get("tags", []))


def test_yaml_tags_never_construct_objects(tmp_path, capsys):
    marker = tmp_path / "marker"
    hostile = [
        f'---\ntitle: x\nrun: !!python/object/apply:os.system ["touch {marker}"]\n---\n',
        f'---\n!!python/object/apply:os.system ["touch {marker}"]\n---\n',
        f'---\ntitle: !!python/object/new:subprocess.check_call [["touch", "{marker}"]]\n---\n',
        f'---\nx: !!python/name:os.system\n---\n',
    ]
    paths = [put(tmp_path, f"hostile{i}.md", text + BODY) for i, text in enumerate(hostile)]
    status, data = build(tmp_path)
    assert status == 0
    assert not marker.exists()
    err = capsys.readouterr().err
    for path in paths:
        assert_reported(data, err, path, "warnings", "front matter")
    assert TALK in labels(data, "Talk")


# ------------------------------------------------------------------ encodings

@pytest.mark.parametrize("encoding", [
    "utf-16",
    "utf-16-le", "latin-1", "cp1252"])
def test_text_not_in_utf8_is_decoded_with_a_warning(tmp_path, capsys, encoding):
    text = ("# KVM Forum 2014 in Düsseldorf\n\n"
            "* [Scaling QEMU Block Layers](https://youtu.be/abc) by Stefan Hajnoczi – Grüße\n")
    if encoding == "latin-1":
        text = text.replace("–", "-")
    path = put(tmp_path, "r.md", text.encode(encoding))
    status, data = build(tmp_path)
    assert status == 0
    assert_reported(data, capsys.readouterr().err, path, "warnings", "decoded as")
    assert TALK in labels(data, "Talk")
    report = next(n for n in data["nodes"] if n["type"] == "Report")
    assert "Düsseldorf" in report["title"]


# ------------------------------------------------------------ unusable files

SKIPPED = {
    "binary.md": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "controls.md": (bytes(range(1, 9)) * 200, "binary"),
    "empty.md": (b"", "empty"),
    "blank.md": (b" \n\n\t\r\n", "empty"),
    "bom-only.md": (b"\xef\xbb\xbf", "empty"),
}


@pytest.mark.parametrize("name", list(SKIPPED))
def test_unusable_file_is_skipped(tmp_path, capsys, name):
    content, word = SKIPPED[name]
    put(tmp_path, "good.md", BODY)
    path = put(tmp_path, name, content)
    status, data = build(tmp_path)
    assert status == 0
    assert_reported(data, capsys.readouterr().err, path, "skipped", word)
    assert TALK in labels(data, "Talk")
    assert len(labels(data, "Report")) == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="permission bits do not stop reads by root")
def test_unreadable_file_is_skipped(tmp_path, capsys):
    put(tmp_path, "good.md", BODY)
    path = put(tmp_path, "locked.md", GOOD)
    path.chmod(0)
    try:
        status, data = build(tmp_path)
    finally:
        path.chmod(0o644)
    assert status == 0
    assert_reported(data, capsys.readouterr().err, path, "skipped", "permission")


def test_unreadable_file_via_permission_error(tmp_path, capsys, monkeypatch):
    """The same path as chmod 000 for a user, also when tests run as root."""
    import builtins
    put(tmp_path, "good.md", BODY)
    path = put(tmp_path, "locked.md", GOOD)
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    status, data = build(tmp_path)
    monkeypatch.undo()
    assert status == 0
    assert_reported(data, capsys.readouterr().err, path, "skipped", "permission")
    assert labels(data, "Talk") == {TALK}


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_symlink_loop_finishes(tmp_path, capsys):
    put(tmp_path, "sub/good.md", BODY)
    loop = tmp_path / "in" / "sub" / "again"
    loop.symlink_to(tmp_path / "in", target_is_directory=True)
    status, data = build(tmp_path)
    assert status == 0
    err = capsys.readouterr().err
    assert any("symlink loop" in p["message"] and p["path"] == str(loop) for p in data["graph"]["warnings"])
    assert len(messages_naming(err, loop)) == 1
    assert len(labels(data, "Report")) == 1 and TALK in labels(data, "Talk")


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_broken_symlink_is_named(tmp_path, capsys):
    put(tmp_path, "good.md", BODY)
    dangling = tmp_path / "in" / "gone.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    status, data = build(tmp_path)
    assert status == 0
    assert any(p["path"] == str(dangling) for p in data["graph"]["warnings"] + data["graph"]["skipped"])
    assert len(messages_naming(capsys.readouterr().err, dangling)) == 1


def test_multi_megabyte_single_line_finishes(tmp_path, capsys):
    line = "word [a link](https://example.org/x) by Some Body, *em* `code` " * 80_000
    path = put(tmp_path, "long.md", BODY + "\n" + line)
    assert path.stat().st_size > 4_000_000
    start = time.monotonic()
    status, data = build(tmp_path)
    print(f"build of a {path.stat().st_size / 1e6:.1f} MB one-line report: {time.monotonic() - start:.1f} s")
    assert status == 0           # read and extracted within the default per-report budget
    assert TALK in labels(data, "Talk")
    assert not problems(data, "skipped", path)


DEEP = [
    ("lists.md", "- " * 5000 + "deep item\n\n" + BODY),
    ("quotes.md", "> " * 5000 + "deep quote\n\n" + BODY),
    ("indented.md", "".join("  " * i + "- level\n" for i in range(1500)) + "\n" + BODY),
    ("emphasis.md", BODY + "\n" + "*_" * 1500 + "x" + "_*" * 1500 + "\n"),
    ("brackets.md", BODY + "\n" + "[" * 1000 + "x" + "](y)" * 1000 + "\n"),
    ("yaml.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n" + BODY),
    ("deep.html", "<div>" * 5000 + "<h1>KVM Forum 2014</h1><ul><li><a href='https://youtu.be/abc'>"
                  "Scaling QEMU Block Layers</a> by Stefan Hajnoczi</li></ul>" + "</div>" * 5000),
]


@pytest.mark.parametrize("name, text", DEEP, ids=[name for name, _ in DEEP])
def test_deep_nesting_finishes(tmp_path, capsys, name, text):
    path = put(tmp_path, name, text)
    start = time.monotonic()
    status, data = build(tmp_path)
    assert status == 0 and time.monotonic() - start < 60
    assert not problems(data, "skipped", path), data["graph"]["skipped"]
    assert TALK in labels(data, "Talk")
    assert len(messages_naming(capsys.readouterr().err, path)) <= 1


@pytest.mark.slow
def test_long_run_of_punctuation_finishes(tmp_path):
    put(tmp_path, "run.md", BODY + "\n" + "*_" * 5000 + "x" + "_*" * 5000 + "\n")
    start = time.monotonic()
    status, data = build(tmp_path)
    assert status == 0 and TALK in labels(data, "Talk")
    assert time.monotonic() - start < 20


def test_raw_html_in_markdown(tmp_path, capsys):
    hostile = ('<div class="x"><script>alert("pwned")</script>\n<style>body{display:none}</style>\n'
               '<iframe src="javascript:alert(1)"></iframe><img src=x onerror="alert(2)">\n</div>\n\n'
               '<!-- a comment [Hidden](https://hidden.example) -->\n<table><tr><td>'
               '<a href="https://youtu.be/ceph">Ceph At Scale</a></td><td>Mira Kovalenko</td></tr>\n\n')
    put(tmp_path, "html.md", BODY + "\n" + hostile + "</b></i></div></table>\n")
    status, data = build(tmp_path)
    assert status == 0 and data["graph"]["skipped"] == []
    assert TALK in labels(data, "Talk")
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert '<script>alert("pwned")' not in page and "onerror=\"alert" not in page


# ------------------------------------------------------------------ duplicates

def test_same_report_at_two_paths_is_built_once(tmp_path, capsys):
    first = put(tmp_path, "2014/kvm-forum.md", "---\ntitle: KVM Forum 2014\n---\n" + BODY)
    second = put(tmp_path, "mirror/kvm-forum-copy.md", first.read_text(encoding="utf-8"))
    status, data = build(tmp_path)
    assert status == 0
    message = assert_reported(data, capsys.readouterr().err, second, "warnings", "duplicate")
    assert str(first) in message
    reports = [n for n in data["nodes"] if n["type"] == "Report"]
    assert len(reports) == 1 and reports[0]["path"] == str(first)
    assert [n["label"] for n in data["nodes"] if n["type"] == "Talk"] == [TALK]


def test_same_file_given_twice_is_built_once(tmp_path, capsys):
    path = put(tmp_path, "r.md", BODY)
    status, data = build(tmp_path, inputs=[tmp_path / "in", path])
    assert status == 0
    assert len([n for n in data["nodes"] if n["type"] == "Report"]) == 1
    assert any("duplicate" in p["message"] for p in data["graph"]["warnings"])


# --------------------------------------------------------------------- strict

STRICT_CASES = {
    "invalid front matter": ("a.md", "---\ntitle: [x\n---\n" + BODY),
    "binary": ("a.md", b"\x00\x01\x02binary"),
    "empty": ("a.md", b""),
    "cp1252": ("a.md", "# Caf\xe9 talks\n\n".encode("cp1252")),
    "duplicate": ("copy.md", BODY),
}


@pytest.mark.parametrize("case", list(STRICT_CASES))
def test_strict_fails_on_any_problem(tmp_path, capsys, case):
    put(tmp_path, "good.md", BODY)
    name, content = STRICT_CASES[case]
    put(tmp_path, name, content)
    status, data = build(tmp_path)
    assert status == 0
    status, data = build(tmp_path, "--strict", out=tmp_path / "strict")
    assert status == 1
    assert data is not None and TALK in labels(data, "Talk")      # the graph is still written
    assert "--strict" in capsys.readouterr().err


def test_strict_passes_on_clean_input(tmp_path):
    put(tmp_path, "good.md", BODY)
    assert build(tmp_path, "--strict")[0] == 0


def test_missing_input_path_is_exit_2_naming_it(tmp_path, capsys):
    put(tmp_path, "good.md", BODY)
    missing = tmp_path / "no-such-folder"
    status, data = build(tmp_path, inputs=[tmp_path / "in", missing])
    assert status == 2 and data is None
    err = capsys.readouterr().err
    assert str(missing) in err and err.count("\n") == 1


# ------------------------------------------------------------------- atomicity

def snapshot(folder: Path) -> dict[str, bytes]:
    """The output files (the build cache in .cache/ left out)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != ".cache"}


@pytest.fixture()
def previous_build(tmp_path):
    """An out/ folder from an earlier build, and inputs that now give another graph."""
    put(tmp_path, "a.md", BODY)
    assert build(tmp_path, "--format", "all")[0] == 0
    before = snapshot(tmp_path / "out")
    assert {"graph.json", "graph.html", "graph.graphml", "graph.gexf"} <= set(before)
    put(tmp_path, "b.md", GOOD)
    return tmp_path, before


def interrupt_after_graph_json_temp(monkeypatch, exc):
    """Raise ``exc`` once graph.json's temporary file is written, before it replaces graph.json."""
    real_fsync = os.fsync
    seen = []

    def fsync(fd):
        real_fsync(fd)
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ""
        seen.append(name)
        if ".graph.json." in os.path.basename(name):
            raise exc
    monkeypatch.setattr(os, "fsync", fsync)
    return seen


def assert_unchanged(tmp_path: Path, before: dict[str, bytes]):
    after = snapshot(tmp_path / "out")
    assert [n for n in after if n.endswith(".tmp") or "/." in "/" + n] == []
    assert after == before


@pytest.mark.skipif(not os.path.exists("/proc/self/fd"), reason="needs /proc to name open files")
def test_interrupt_while_writing_graph_json(previous_build, monkeypatch, capsys):
    tmp_path, before = previous_build
    seen = interrupt_after_graph_json_temp(monkeypatch, KeyboardInterrupt())
    assert build(tmp_path, "--format", "all")[0] == 130
    assert any(".graph.json." in s for s in seen)
    assert_unchanged(tmp_path, before)
    assert "interrupted" in capsys.readouterr().err
    monkeypatch.undo()
    assert build(tmp_path, "--format", "all")[0] == 0     # the next build writes the new graph
    after = snapshot(tmp_path / "out")
    assert after["graph.json"] != before["graph.json"] and GOOD.split("\n")[0][2:] in after["graph.json"].decode()


@pytest.mark.parametrize("failing, exc", [
    ("graphbuild.export.html.write_html", KeyboardInterrupt()),
    ("graphbuild.export.html.write_html", RuntimeError("disk on fire")),
    ("graphbuild.export.gexf.write_gexf", KeyboardInterrupt()),
    ("graphbuild.export.neo4j.write_neo4j", RuntimeError("disk on fire")),
])
def test_a_later_format_failing_leaves_every_previous_file(previous_build, monkeypatch, failing, exc):
    """graph.json is written before the failing format; it must not replace the old one."""
    tmp_path, before = previous_build
    module, _, name = failing.rpartition(".")
    real = getattr(__import__(module, fromlist=[name]), name)
    calls = []

    def broken(g, path, *args, **kwargs):
        real(g, path, *args, **kwargs)          # its own files are written, then it fails
        calls.append(path)
        raise exc
    monkeypatch.setattr(f"{module}.{name}", broken)
    if isinstance(exc, KeyboardInterrupt):
        assert build(tmp_path, "--format", "all")[0] == 130
    else:
        with pytest.raises(type(exc)):
            build(tmp_path, "--format", "all")
    assert calls
    assert_unchanged(tmp_path, before)


def test_successful_build_replaces_every_file(previous_build):
    tmp_path, before = previous_build
    assert build(tmp_path, "--format", "all")[0] == 0
    after = snapshot(tmp_path / "out")
    assert set(after) == set(before)
    assert after["graph.json"] != before["graph.json"] and after["graph.html"] != before["graph.html"]
    assert not [n for n in after if n.endswith(".tmp")]


# ------------------------------------------------------------ property tests

_PIECES = st.sampled_from([
    "# ", "## ", "### ", "\n", "\n\n", "- ", "* ", "1. ", "  ", "    ", "> ", "```\n", "~~~",
    "[", "]", "(", ")", "[KVM Forum 2014](https://www.linux-kvm.org/page/KVM_Forum_2014)",
    "[slides](https://example.org/s.pdf)", "[video](https://youtu.be/abc)", "![img](x.png)",
    "<https://example.org>", " by ", " and ", ", ", "Stefan Hajnoczi", "Mira Kovalenko", "Red Hat",
    "QEMU", "Ceph", "Berlin", "2014", "Oct 2014", "keynote", ":", " - ", "|", "| a | b |\n", "|---|---|\n",
    "---\n", "...\n", "+++\n", "title: x\n", "date: 2014-10-30\n", "tags: [a, b]\n", "- x\n",
    "!!python/object/apply:os.system [\"true\"]", "&a *a ", "{", "}",
    "<div>", "</div>", "<a href=\"https://youtu.be/x\">", "</a>", "<script>", "</script>",
    "<table>", "<tr>", "<td>", "</td>", "<!--", "-->", "<br>", "&amp;", "&#0;", "\t", "\r\n", "\\",
    "*", "_", "`", "\u00e9", "\u200b", "\ufeff", "\U0001f600", "\ud7ff",
])
markdown_text = st.one_of(
    st.lists(_PIECES, max_size=120).map("".join),
    st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=60).map("".join),
)
_SCRATCH = Path(tempfile.mkdtemp(prefix="graphbuild-robustness-"))


def _fresh_folder() -> Path:
    folder = Path(tempfile.mkdtemp(dir=_SCRATCH))
    return folder


def _build_graph(folder: Path):
    try:
        g = run([str(folder)], model="blank", log=lambda message: None)
    except GraphbuildError:
        return None
    validate(json_data(g))
    json.dumps(json_data(g), ensure_ascii=False, allow_nan=False)
    return g


def _assert_problems(g, skipped, warnings) -> None:
    """The graph lists exactly the files the read stage left out or warned about."""
    assert g is not None, "the build failed"
    for key, problems in (("skipped", skipped), ("warnings", warnings)):
        listed = {(p["path"], p["message"]) for p in g.graph[key]}
        assert listed == {(p.path, p.message) for p in problems}, (key, g.graph[key])


def _report_nodes(g) -> int:
    return sum(1 for _, d in g.nodes(data=True) if d.get("type") == "Report")


_PROPS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPS
@given(data=st.binary(max_size=3000), ext=st.sampled_from([".md", ".html", ".adoc", ".txt"]))
def test_random_bytes_read_and_build(data, ext):
    folder = _fresh_folder()
    try:
        path = folder / f"r{ext}"
        path.write_bytes(data)
        try:
            read_report(path)
        except GraphbuildError:
            pass
        reports, skipped, warnings = read_all([str(folder)])
        assert len(reports) + len(skipped) == 1
        g = _build_graph(folder)
        _assert_problems(g, skipped, warnings)
        assert _report_nodes(g) == len(reports)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@_PROPS
@given(texts=st.lists(markdown_text, min_size=1, max_size=3),
       ext=st.sampled_from([".md", ".html", ".adoc"]))
def test_random_markdown_read_and_build(texts, ext):
    folder = _fresh_folder()
    try:
        for i, text in enumerate(texts):
            (folder / f"r{i}{ext}").write_text(text, encoding="utf-8", errors="surrogatepass")
        for i in range(len(texts)):
            try:
                read_report(folder / f"r{i}{ext}")
            except GraphbuildError:
                pass
        reports, skipped, warnings = read_all([str(folder)])
        duplicates = [w for w in warnings if "duplicate" in w.message]
        assert len(reports) + len(skipped) + len(duplicates) == len(texts)
        g = _build_graph(folder)
        _assert_problems(g, skipped, warnings)
        assert _report_nodes(g) == len(reports)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@_PROPS
@given(text=markdown_text)
def test_random_front_matter_keeps_the_body(text):
    folder = _fresh_folder()
    try:
        (folder / "r.md").write_text("---\n" + text + "\n---\n" + BODY, encoding="utf-8",
                                     errors="surrogatepass")
        g = _build_graph(folder)
        reports, problems, warnings = read_all([str(folder)])
        _assert_problems(g, problems, warnings)
        skipped = g.graph["skipped"]
        if skipped:                                     # only NUL or control bytes make a text file unusable
            assert len(skipped) == 1 and "binary" in skipped[0]["message"], skipped
            return
        talks = {d["label"] for _, d in g.nodes(data=True) if d.get("type") == "Talk"}
        if "---" not in text and "..." not in text:    # the front matter ends where it should
            assert TALK in talks
    finally:
        shutil.rmtree(folder, ignore_errors=True)
