"""notebooks/explore.ipynb is stored clean and runs top to bottom on a fresh kernel."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
REPORTS = ROOT / "data" / "reports"


def test_notebook_is_stored_without_outputs():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "the notebook has no code cells"
    assert all(c["outputs"] == [] and c["execution_count"] is None for c in code)


def _execute(nb, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError naming the failing cell
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert errors == []
    nbformat.validate(nb)
    return nb


def _read():
    nbformat = pytest.importorskip("nbformat")
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.mark.slow
def test_notebook_runs_on_the_example_graph(monkeypatch):
    """The notebook's code works, whatever the state of the pipeline: build() is
    replaced by the small example graph of graphbuild.api."""
    nbformat = pytest.importorskip("nbformat")
    nb = _read()
    nb.cells.insert(0, nbformat.v4.new_code_cell(
        "import graphbuild, graphbuild.api\n"
        "graphbuild.build = lambda paths, **options: graphbuild.api.example()"))
    nb = _execute(nb, monkeypatch)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "Stefan Hajnoczi: 2 talks" in text
    shown = [o for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any("<iframe srcdoc=" in o["data"]["text/html"] for o in shown)


@pytest.mark.slow
def test_notebook_runs_on_the_sample_reports(monkeypatch):
    nb = _execute(_read(), monkeypatch)
    shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    plain = [o["data"]["text/plain"] for o in shown if "text/plain" in o.get("data", {})]
    assert re.match(r"KnowledgeGraph: [1-9]\d* nodes", plain[0]), plain[:1]
    printed = "".join(o.get("text", "") for o in shown)
    assert re.search(r"^\S.*: [1-9]\d* talks$", printed, re.M), printed
    assert any("<iframe srcdoc=" in o["data"].get("text/html", "") for o in shown if "data" in o)
