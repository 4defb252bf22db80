"""The export formats by name: what each writes into an output folder.

    FORMATS["gexf"].write(G, out_dir) -> [out_dir / "graph.gexf"]
    write_formats(G, out_dir, parse_formats("graphml,gexf"))

Every writer takes the graph and the output folder and returns the paths it
wrote; the same graph gives byte-identical files. ``write_formats`` writes
all the formats as one batch: if any writer fails or the build is
interrupted, no file of the output folder is replaced.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from graphbuild.errors import GraphbuildError, UsageError
from graphbuild.export.atomic import atomic_batch

__all__ = ["Format", "FORMATS", "DEFAULT_FORMATS", "parse_formats", "write_formats"]


@dataclass(frozen=True)
class Format:
    name: str
    files: tuple[str, ...]      # written into the output folder (a folder ends with "/")
    description: str
    write: Callable[[nx.MultiDiGraph, Path], list[Path]]

    def __call__(self, g: nx.MultiDiGraph, out_dir) -> list[Path]:
        return self.write(g, Path(out_dir))


def _json(g, out_dir: Path) -> list[Path]:
    from graphbuild.export.json import write_json
    return [write_json(g, out_dir / "graph.json")]


def _html(g, out_dir: Path) -> list[Path]:
    try:
        from graphbuild.export.html import write_html
    except ImportError as exc:
        raise GraphbuildError(f"the html export is not available ({exc}); "
                              "check that graphbuild is fully installed (pip install -e .)") from exc
    return [Path(write_html(g, out_dir / "graph.html"))]


def _graphml(g, out_dir: Path) -> list[Path]:
    from graphbuild.export.graphml import write_graphml
    return [write_graphml(g, out_dir / "graph.graphml")]


def _gexf(g, out_dir: Path) -> list[Path]:
    from graphbuild.export.gexf import write_gexf
    return [write_gexf(g, out_dir / "graph.gexf")]


def _jsonld(g, out_dir: Path) -> list[Path]:
    from graphbuild.export.jsonld import write_jsonld
    return [write_jsonld(g, out_dir / "graph.jsonld")]


def _neo4j(g, out_dir: Path) -> list[Path]:
    from graphbuild.export.neo4j import write_neo4j
    return write_neo4j(g, out_dir / "neo4j")


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", ("graph.json",), "node-link JSON, the graph itself (read back by every command)", _json),
    Format("html", ("graph.html",), "interactive viewer, one self-contained page", _html),
    Format("graphml", ("graph.graphml",), "GraphML for Gephi, yEd, Cytoscape, networkx", _graphml),
    Format("gexf", ("graph.gexf",), "GEXF 1.2 for Gephi, with node colours by type", _gexf),
    Format("jsonld", ("graph.jsonld",), "schema.org JSON-LD (RDF), context inline", _jsonld),
    Format("neo4j", ("neo4j/",), "CSV files for neo4j-admin import, plus import.cypher", _neo4j),
)}
DEFAULT_FORMATS = ("graphml", "gexf", "jsonld", "neo4j")


def parse_formats(text: str | Iterable[str]) -> list[str]:
    """``"graphml, gexf"`` -> ``["graphml", "gexf"]`` (known names, no repeats, "all" = every format).

    Raises UsageError naming the unknown format and listing the known ones.
    """
    parts = text.split(",") if isinstance(text, str) else list(text)
    names: list[str] = []
    for part in (p.strip().lower() for p in parts):
        if not part:
            continue
        expanded = list(FORMATS) if part == "all" else [part]
        for name in expanded:
            if name not in FORMATS:
                raise UsageError(f"unknown export format {part!r}; known formats: "
                                 f"{', '.join(FORMATS)} (or all), comma-separated")
            if name not in names:
                names.append(name)
    if not names:
        raise UsageError(f"no export format given; known formats: {', '.join(FORMATS)} (or all)")
    return names


def write_formats(g: nx.MultiDiGraph, out_dir, names: Iterable[str]) -> list[Path]:
    """Write each named format into ``out_dir``; returns every path written.

    The files replace the previous ones only once every format is written.
    """
    out_dir = Path(out_dir)
    paths: list[Path] = []
    with atomic_batch():
        for name in names:
            paths.extend(FORMATS[name](g, out_dir))
    return paths
