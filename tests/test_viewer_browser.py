"""graph.html in headless Chromium: offline, searchable, filterable, and inert
when the reports carry hostile text."""
from __future__ import annotations

import base64
import importlib.util
import os
import random
import struct
import time
from pathlib import Path

import networkx as nx
import pytest

from graphbuild.export.html import write_html
from graphbuild.export.styles import NODE_STYLES
from graphbuild.pipeline import run
from graphbuild.types import NODE_TYPES
from tests.sample_graph import prov, sample_graph

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
INSTALL = "apt-get install chromium && pip install playwright"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
REPO = Path(__file__).resolve().parent.parent
NETWORK_BACKGROUND = "#fbfcfd"          # #mynetwork in viewer.css


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
    v.page.wait_for_function("() => { const t = document.querySelector('div.vis-tooltip');"
                             " return t && t.innerText.includes('Evil'); }", timeout=10_000, polling=50)
    tooltip = v.js("(() => { const t = document.querySelector('div.vis-tooltip');"
                   " return [t.innerText, [...t.querySelectorAll('*')].map(e => e.tagName)]; })()")
    # plain text; innerText turns newlines into <br>
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


def _screenshot_tool():
    spec = importlib.util.spec_from_file_location("screenshot", REPO / "tools" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _graph_colours(browser, png: bytes) -> dict[str, int]:
    """Pixel count of each colour inside the graph area of a viewer PNG (the box
    around the pixels of the #mynetwork background), decoded by the browser."""
    page = browser.new_page()
    try:
        return page.evaluate("""async ([src, background]) => {
            const img = new Image();
            img.src = src;
            await img.decode();
            const canvas = document.createElement('canvas');
            canvas.width = img.width; canvas.height = img.height;
            const ctx = canvas.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const data = ctx.getImageData(0, 0, img.width, img.height).data;
            const colour = i => '#' + [data[i], data[i + 1], data[i + 2]]
                .map(v => v.toString(16).padStart(2, '0')).join('');
            let x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
            for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) {
                if (colour(4 * (y * img.width + x)) === background) {
                    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
                }
            }
            const counts = {};
            for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
                const key = colour(4 * (y * img.width + x));
                counts[key] = (counts[key] || 0) + 1;
            }
            return counts;
        }""", ["data:image/png;base64," + base64.b64encode(png).decode(), NETWORK_BACKGROUND])
    finally:
        page.close()


def test_screenshot_tool_draws_the_sample_graph(browser, tmp_path, monkeypatch):
    tool = _screenshot_tool()
    monkeypatch.chdir(REPO)
    g = run([os.path.join("data", "reports")], log=lambda message: None)
    busiest = tool.busiest_person(g)
    assert g.nodes[busiest]["type"] == "Person"
    shot = tool.write_screenshot(browser, g, tmp_path / "shot.png", select=busiest)
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (tool.VIEWPORT["width"], tool.VIEWPORT["height"])
    colours = _graph_colours(browser, png)
    area = sum(colours.values())
    assert area > 400 * 400, "no graph area in the picture"
    assert area - colours[NETWORK_BACKGROUND] > area // 50, "the graph area is (nearly) blank"
    # The selected person and its talks keep their colours; the rest is dimmed.
    drawn = {t for t, style in NODE_STYLES.items() if colours.get(style.color, 0) >= 20}
    assert {"Person", "Talk"} <= drawn and "Event" not in drawn, drawn
    assert not list(tmp_path.glob("*.html"))
