"""graph.html in headless Chromium: offline, searchable, filterable, and inert
when the reports carry hostile text."""
from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.export.html import write_html
from graphbuild.export.styles import NODE_STYLES
from graphbuild.types import NODE_TYPES
from tests.sample_graph import prov, sample_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
INSTALL = "apt-get install chromium && pip install playwright"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(f"playwright is not installed: {INSTALL}")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is missing: {INSTALL}")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


class Visit:
    """A page opened on a written graph.html, with what it tried and what went wrong."""

    def __init__(self, browser, path: Path, *, timeout: float = 30_000):
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                   else route.abort())
        page.goto(path.as_uri())
        page.wait_for_function("() => window.graphViewer && window.graphViewer.ready", timeout=timeout, polling=100)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def network_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]

    def node_point(self, node_id: str) -> tuple[float, float]:
        return tuple(self.js("""id => {
            const d = network.canvasToDOM(network.getPosition(id));
            const r = document.getElementById('mynetwork').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }""", node_id))

    def close(self):
        self.page.close()


@pytest.fixture
def visit(browser, tmp_path):
    opened = []

    def open_graph(g, name="graph.html", **kw):
        path = write_html(g, tmp_path / name, built="2026-01-01", **kw)
        opened.append(Visit(browser, path))
        return opened[-1]

    yield open_graph
    for v in opened:
        v.close()


def test_loads_offline_with_every_node(visit):
    g = sample_graph()
    v = visit(g)
    assert v.network_requests() == []
    assert v.js("nodes.length") == g.number_of_nodes()
    assert v.js("edges.length") == g.number_of_edges()
    assert v.js("network.body.data.nodes.length") == g.number_of_nodes()
    assert v.js("document.getElementById('title').textContent") == "Knowledge graph"
    assert "data/reports" in v.js("document.getElementById('provenance-line').textContent")
    assert v.errors == []


@pytest.mark.parametrize("query, node", [
    ("hajno", "person:stefan-hajnoczi"),
    ("redhat", "org:red-hat"),                  # an alias
    ("MULTI-THREADED", "talk:towards-multi-threaded-device-emulation-in-qemu"),
])
def test_search_selects_and_focuses(visit, query, node):
    v = visit(sample_graph())
    v.page.fill("#search", query)
    v.page.press("#search", "Enter")
    assert v.js("network.getSelectedNodes()") == [node]
    assert v.js("window.graphViewer.selected") == node
    assert v.errors == []


def test_type_filter_hides_nodes(visit):
    g = sample_graph()
    people = sum(1 for _, t in g.nodes(data="type") if t == "Person")
    v = visit(g)
    before = v.js("network.body.data.nodes.length")
    v.page.uncheck(".type-filter[value=Person]")
    assert v.js("network.body.data.nodes.length") == before - people
    assert v.js("graphViewer.visibleCount()") == before - people
    v.page.check(".type-filter[value=Person]")
    assert v.js("network.body.data.nodes.length") == before
    assert v.errors == []


def test_series_and_year_filters(visit):
    g = sample_graph()
    v = visit(g)
    v.page.select_option("#series-filter", "series:kvm-forum")
    shown = set(v.js("network.body.data.nodes.getIds()"))
    assert "event:kvm-forum-2014" in shown and "person:stefan-hajnoczi" in shown
    assert "event:linuxcon-europe-2014" not in shown and "report:kvm-forum-2014" not in shown
    v.page.select_option("#series-filter", "")
    v.page.fill("#year-from", "2015")
    shown = set(v.js("network.body.data.nodes.getIds()"))
    assert "event:kvm-forum-2014" not in shown
    assert "talk:towards-multi-threaded-device-emulation-in-qemu" not in shown
    assert "person:stefan-hajnoczi" in shown
    v.page.click("#reset")
    assert v.js("network.body.data.nodes.length") == g.number_of_nodes()
    assert v.errors == []


def test_click_shows_panel_and_dims_others(visit):
    talk = "talk:towards-multi-threaded-device-emulation-in-qemu"
    v = visit(sample_graph())
    v.page.mouse.click(*v.node_point(talk))
    assert v.js("network.getSelectedNodes()") == [talk]
    panel = v.page.locator("#panel")
    assert panel.locator("h2").inner_text() == "Towards Multi-Threaded Device Emulation in QEMU"
    links = panel.locator("a")
    assert links.count() == 2
    for i in range(links.count()):
        assert links.nth(i).get_attribute("rel") == "noopener noreferrer"
        assert links.nth(i).get_attribute("target") == "_blank"
        assert links.nth(i).get_attribute("href").startswith(("http://", "https://"))
    assert "line 7" in panel.inner_text()
    # neighbours stand out, the rest is dimmed
    fill = "id => network.body.nodes[id].options.color.background"
    assert v.js(fill, "person:stefan-hajnoczi") == NODE_STYLES["Person"].color
    assert v.js(fill, "place:dusseldorf") == "#e4e7ec"
    v.page.keyboard.press("Escape")
    assert v.js(fill, "place:dusseldorf") == NODE_STYLES["Place"].color
    v.page.mouse.click(*v.node_point(talk))
    panel.get_by_role("button", name="Stefan Hajnoczi (Person)").click()
    assert panel.locator("h2").inner_text() == "Stefan Hajnoczi"
    assert v.js("network.getSelectedNodes()") == ["person:stefan-hajnoczi"]
    assert v.errors == []


PAYLOADS = [
    "</script><script>window.__pwned=1</script>",
    "<!--<script>window.__pwned=1</script>",
    "<img src=x onerror=window.__pwned=1>",
    "<svg onload=alert(1)>",
    "\u2028\u2029{{ DATA }}",
]


def hostile_graph() -> nx.MultiDiGraph:
    g = sample_graph()
    g.graph["inputs"] = ["<img src=x onerror=window.__pwned=1>"]
    g.graph["generator"] = "</script><script>alert(1)</script>"
    bad = "javascript:window.__pwned=1"
    for i, text in enumerate(PAYLOADS):
        g.add_node(f"person:evil-{i}", type="Person", label=f"Evil {text}", aliases=[text],
                   provenance=prov(9, text, report="report:kvm-forum-2014"), url=bad)
        g.add_node(f"resource:evil-{i}", type="Resource", label=text, url=bad if i % 2 else f"{bad}//<x>",
                   kind="other", aliases=[], provenance=prov(9, text))
        g.add_edge(f"person:evil-{i}", "talk:towards-multi-threaded-device-emulation-in-qemu",
                   key="PRESENTED", type="PRESENTED", provenance=prov(9, text))
        g.add_edge("talk:towards-multi-threaded-device-emulation-in-qemu", f"resource:evil-{i}",
                   key="HAS_RESOURCE", type="HAS_RESOURCE", provenance=prov(9, text))
    g.nodes["report:kvm-forum-2014"]["title"] = PAYLOADS[0]
    return g


def test_panel_shows_time_room_and_programme_of_a_scheduled_talk(visit):
    g = sample_graph()
    talk = "talk:towards-multi-threaded-device-emulation-in-qemu"
    g.nodes[talk].update(start="2014-10-14T10:30:00+02:00", duration=30, room="Salon 1",
                         track="Virtualization", confirmed=True)
    g.nodes["person:stefan-hajnoczi"]["confirmed"] = False      # only talks show a programme line
    v = visit(g)
    v.js("id => graphViewer.selectNode(id, false)", talk)
    panel = v.page.locator("#panel")
    assert panel.locator("p.session").inner_text() == "2014-10-14 10:30\u201311:00 \u00b7 Salon 1 \u00b7 Virtualization"
    assert panel.locator("p.confirmed").inner_text() == "Listed in a conference programme."
    assert "Salon 1" in v.js("id => nodes.get(id).title", talk)
    v.js("id => graphViewer.selectNode(id, false)", "person:stefan-hajnoczi")
    assert panel.locator("p.session").count() == 0 and panel.locator("p.confirmed").count() == 0
    assert v.errors == []


def test_hostile_text_runs_nothing(visit):
    g = hostile_graph()
    v = visit(g, title=PAYLOADS[0])
    assert v.js("document.title") == PAYLOADS[0]
    for node in sorted(g.nodes):
        x, y = v.node_point(node)
        v.page.mouse.move(x, y)
        v.page.wait_for_timeout(30)
        v.page.mouse.click(x, y)
        v.js("id => graphViewer.selectNode(id, false)", node)
        hrefs = v.js("[...document.querySelectorAll('#panel a')].map(a => a.getAttribute('href'))")
        assert all(h.startswith(("http://", "https://")) for h in hrefs), hrefs
    v.page.mouse.move(*v.node_point("person:evil-2"))
    v.page.wait_for_timeout(400)
    tooltip = v.js("(() => { const t = document.querySelector('div.vis-tooltip');"
                   " return t ? [t.innerText, [...t.querySelectorAll('*')].map(e => e.tagName)] : null; })()")
    if tooltip is not None and "Evil" in tooltip[0]:      # plain text; innerText turns newlines into <br>
        assert tooltip[0] == f"Evil {PAYLOADS[2]}\nPerson\nalso: {PAYLOADS[2]}"
        assert set(tooltip[1]) <= {"BR"}
    v.page.fill("#search", "evil")
    v.page.press("#search", "Enter")
    assert v.js("typeof window.__pwned") == "undefined"
    assert v.dialogs == []
    assert v.js("document.querySelectorAll('img, svg, iframe').length") == 0
    assert v.js("document.scripts.length") == 3
    assert v.js("nodes.length") == g.number_of_nodes()
    assert v.network_requests() == []
    assert v.errors == []


def random_graph(n: int = 5000, m: int = 10000, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.graph.update({"schema_version": "1.0", "generator": "graphbuild test", "inputs": ["random"],
                    "skipped": [], "warnings": []})
    for i in range(n):
        t = rng.choice(NODE_TYPES)
        extra = {"year": 2000 + rng.randrange(20)} if t == "Event" else {}
        g.add_node(f"n{i}", type=t, label=f"{t} {i}", aliases=[], provenance=prov(i + 1), **extra)
    while g.number_of_edges() < m:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b:
            g.add_edge(f"n{a}", f"n{b}", key="MENTIONS", type="MENTIONS", provenance=[])
    return g


@pytest.mark.slow
def test_large_graph_is_interactive(browser, tmp_path):
    g = random_graph()
    start = time.perf_counter()
    path = write_html(g, tmp_path / "big.html")
    written = time.perf_counter() - start
    start = time.perf_counter()
    v = Visit(browser, path, timeout=60_000)
    v.page.fill("#search", "Person")
    v.page.press("#search", "Enter")
    selected = v.js("network.getSelectedNodes()")
    ready = time.perf_counter() - start
    print(f"\nwrite_html 5,000 nodes / 10,000 edges: {written:.2f} s; page ready and searched: {ready:.2f} s")
    assert len(selected) == 1 and g.nodes[selected[0]]["type"] == "Person"
    assert v.js("nodes.length") == g.number_of_nodes()
    assert v.js("network.physics.options.enabled") is False
    assert v.network_requests() == [] and v.errors == []
    assert ready < 60
    v.close()


def write_screenshot(browser, g: nx.MultiDiGraph, path: Path, *, select: str | None = None) -> Path:
    """A picture of the viewer on ``g``, with ``select`` clicked, for the docs."""
    page_path = path.with_suffix(".html")
    write_html(g, page_path, title="Sample reports — knowledge graph", built="2026-01-01")
    try:
        v = Visit(browser, page_path)
        if select:
            v.page.mouse.click(*v.node_point(select))
        box = v.page.locator("#mynetwork").bounding_box()
        v.page.mouse.move(box["x"] + 5, box["y"] + 5)          # away from the nodes: no tooltip
        v.page.wait_for_timeout(300)
        v.page.screenshot(path=str(path))
        v.close()
    finally:
        page_path.unlink()
    return path


def in_git_checkout() -> bool:
    try:
        out = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=REPO,
                             capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and Path(out.stdout.strip()).resolve() == REPO


def test_screenshot_for_docs(browser, tmp_path):
    if not in_git_checkout():
        pytest.skip("docs/screenshot.png is written only in a git checkout")
    from graphbuild.pipeline import run
    g = run([os.path.relpath(REPO / "data" / "reports")], log=lambda message: None)
    busiest = max((n for n, d in g.nodes(data=True) if d["type"] == "Person"),
                  key=lambda n: (g.out_degree(n), n))
    shot = write_screenshot(browser, g, tmp_path / "screenshot.png", select=busiest)
    target = REPO / "docs" / "screenshot.png"
    target.parent.mkdir(exist_ok=True)
    os.replace(shot, target) if shot.stat().st_dev == target.parent.stat().st_dev else \
        target.write_bytes(shot.read_bytes())
    assert target.stat().st_size > 10_000
