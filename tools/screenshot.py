"""Write docs/screenshot.png: the viewer on the graph of data/reports, the
busiest speaker selected.

    python tools/screenshot.py [--out docs/screenshot.png] [--chromium /usr/bin/chromium]

Needs Playwright and a Chromium binary (``apt-get install chromium && pip
install playwright``; no download: the installed Chromium is used). The page
is opened offline: every request other than file: and data: is refused.
Run it from the repository root after a change that alters the picture, and
commit the new file.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graphbuild.export.html import write_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 860}
TITLE = "Sample reports — knowledge graph"


def busiest_person(g) -> str:
    """The Person node with the most outgoing edges (ties: the smallest id)."""
    return max((n for n, d in g.nodes(data=True) if d["type"] == "Person"),
               key=lambda n: (g.out_degree(n), n))


def write_screenshot(browser, g, path: Path, *, select: str | None = None) -> Path:
    """A PNG of the viewer on ``g`` at ``path``, with node ``select`` clicked."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="graphbuild-screenshot-") as folder:
        page_path = write_html(g, Path(folder) / "graph.html", title=TITLE, built="2026-01-01")
        page = browser.new_page(viewport=VIEWPORT)
        try:
            page.route("**/*", lambda route: route.continue_()
                       if route.request.url.startswith(("file:", "data:")) else route.abort())
            page.goto(page_path.as_uri())
            page.wait_for_function("() => window.graphViewer && window.graphViewer.ready",
                                   timeout=30_000, polling=100)
            box = page.locator("#mynetwork").bounding_box()
            if select:
                x, y = page.evaluate("""id => {
                    const d = network.canvasToDOM(network.getPosition(id));
                    const r = document.getElementById('mynetwork').getBoundingClientRect();
                    return [r.left + d.x, r.top + d.y];
                }""", select)
                page.mouse.click(x, y)
            page.mouse.move(box["x"] + 5, box["y"] + 5)          # away from the nodes: no tooltip
            page.wait_for_timeout(300)
            path.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(path))
        finally:
            page.close()
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--chromium", default=CHROMIUM)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from graphbuild.pipeline import run

    os.chdir(ROOT)          # the page names its inputs as given: data/reports
    g = run([os.path.join("data", "reports")], log=lambda message: None)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=ARGS)
        try:
            write_screenshot(browser, g, args.out, select=busiest_person(g))
        finally:
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
