"""neo4j/: CSV files for ``neo4j-admin database import`` and an ``import.cypher``
script that loads the same files with ``LOAD CSV``.

Files (names sorted, rows sorted, columns sorted after the id columns):

    nodes_<Type>.csv          id:ID, :LABEL ("Entity;<Type>"), property columns
    relationships_<TYPE>.csv  :START_ID, :END_ID, :TYPE, property columns
    import.cypher             constraint on (:Entity {id}), LOAD CSV ... MERGE for each file
    metadata.json             array delimiter, JSON-encoded columns, graph attributes
    README.txt                the two ways to load the files

Property columns carry a neo4j-admin type: ``year:long``, ``first_line:int``,
``aliases:string[]`` (elements joined with ``;``, neo4j-admin's default
``--array-delimiter``); plain strings need none. A list whose elements would be
split wrongly (an element containing ``;`` or empty) and every list of
non-strings, dict or value of mixed types (``provenance``, ``merges``) is
written as JSON text; metadata.json names those columns. ``None`` is left
empty. ``provenance_count``, ``first_report`` and ``first_line`` are added
for queries.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx

from graphbuild.export.atomic import remove, write_text
from graphbuild.export.flatten import DERIVED_ATTRIBUTES, derived_attributes, dump_value, sorted_edges, sorted_nodes

__all__ = ["ARRAY_DELIMITER", "COMMON_LABEL", "neo4j_data", "write_neo4j", "neo4j_graph", "read_neo4j"]

ARRAY_DELIMITER = ";"
COMMON_LABEL = "Entity"  # every node has it; the id constraint and edge lookups use it
_TYPES = {str: "", bool: "boolean", int: "long", float: "double"}
_DERIVED_TYPES = {"provenance_count": "int", "first_line": "int", "first_report": ""}
_RESERVED = {"id"}  # the id:ID column is stored as the property ``id``


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]+", "_", str(name)) or "_"


def _kind(value: Any):
    for t in (bool, int, float, str):
        if isinstance(value, t):
            return t
    if isinstance(value, list) and all(isinstance(x, str) and x and ARRAY_DELIMITER not in x for x in value):
        return list
    return None


def _columns(rows: list[dict]) -> dict[str, str]:
    """property name -> neo4j type ("" string, "long", "string[]", ..., "json")."""
    kinds: dict[str, set] = {}
    for attrs in rows:
        for name, value in attrs.items():
            if value is not None and name not in _RESERVED and name not in DERIVED_ATTRIBUTES:
                kinds.setdefault(name, set()).add(_kind(value))
    columns = {}
    for name, ks in kinds.items():
        k = next(iter(ks)) if len(ks) == 1 else None
        columns[name] = "string[]" if k is list else _TYPES.get(k, "json")
    for attrs in rows:
        for name in derived_attributes(attrs):
            columns[name] = _DERIVED_TYPES[name]
    return {name: columns[name] for name in sorted(columns)}


def _header(name: str, ntype: str) -> str:
    return f"{name}:{ntype}" if ntype and ntype != "json" else name


def _cell(value: Any, ntype: str) -> str:
    if value is None:
        return ""
    if ntype == "json":
        return dump_value(value)
    if ntype == "string[]":
        return ARRAY_DELIMITER.join(value)
    if ntype == "boolean":
        return "true" if value else "false"
    return str(value) if not isinstance(value, float) else repr(value)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _props(attrs: dict, columns: dict[str, str]) -> list[str]:
    values = {**attrs, **derived_attributes(attrs)}
    return [_cell(values.get(name), ntype) for name, ntype in columns.items()]


def _tick(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _cypher_value(header: str, ntype: str) -> str:
    cell = f"row.{_tick(header)}"
    if ntype in ("long", "int"):
        return f"toInteger({cell})"
    if ntype == "double":
        return f"toFloat({cell})"
    if ntype == "boolean":
        return f"toBoolean({cell})"
    if ntype == "string[]":
        return f"CASE WHEN coalesce({cell}, '') = '' THEN [] ELSE split({cell}, '{ARRAY_DELIMITER}') END"
    return f"CASE {cell} WHEN '' THEN null ELSE {cell} END"


def _cypher_set(var: str, columns: dict[str, str]) -> list[str]:
    return [f"{var}.{_tick(name)} = {_cypher_value(_header(name, t), t)}" for name, t in columns.items()]


def neo4j_data(g: nx.MultiDiGraph) -> dict[str, str]:
    """File name -> file text for the neo4j/ folder (no I/O)."""
    files: dict[str, str] = {}
    cypher = [
        "// Load the graphbuild CSV files of this folder into Neo4j.",
        "// Copy the .csv files into the database's import directory first (see README.txt).",
        f"CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:{COMMON_LABEL}) REQUIRE n.id IS UNIQUE;",
        "",
    ]
    by_type: dict[str, list] = {}
    for n, d in sorted_nodes(g):
        by_type.setdefault(str(d.get("type", "Node")), []).append((n, d))
    json_columns: dict[str, list[str]] = {}
    node_files, rel_files = [], []
    for ntype in sorted(by_type):
        nodes = by_type[ntype]
        label = _safe(ntype)
        name = f"nodes_{label}.csv"
        columns = _columns([d for _, d in nodes])
        header = ["id:ID", ":LABEL"] + [_header(c, t) for c, t in columns.items()]
        rows = [[str(n), f"{COMMON_LABEL}{ARRAY_DELIMITER}{label}"] + _props(d, columns) for n, d in nodes]
        files[name] = _csv(header, rows)
        node_files.append(name)
        json_columns[name] = [c for c, t in columns.items() if t == "json"]
        sets = [f"n:{_tick(label)}"] + _cypher_set("n", columns)
        cypher += [
            f"CREATE INDEX {_safe(label.lower())}_label IF NOT EXISTS FOR (n:{_tick(label)}) ON (n.label);",
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"MERGE (n:{COMMON_LABEL} {{id: row.`id:ID`}})",
            "SET " + ",\n    ".join(sets) + ";",
            "",
        ]
    by_rel: dict[str, list] = {}
    for u, v, k, d in sorted_edges(g):
        by_rel.setdefault(_safe(d.get("type", k)), []).append((u, v, k, d))
    for rtype in sorted(by_rel):
        edges = by_rel[rtype]
        name = f"relationships_{rtype}.csv"
        attrs = [dict(d, key=None if str(k) == str(d.get("type", k)) else str(k)) for _, _, k, d in edges]
        attrs = [{a: b for a, b in d.items() if a != "type"} for d in attrs]
        columns = _columns(attrs)
        header = [":START_ID", ":END_ID", ":TYPE"] + [_header(c, t) for c, t in columns.items()]
        rows = [[str(u), str(v), rtype] + _props(d, columns) for (u, v, _, _), d in zip(edges, attrs)]
        files[name] = _csv(header, rows)
        rel_files.append(name)
        json_columns[name] = [c for c, t in columns.items() if t == "json"]
        merge = f"MERGE (a)-[r:{_tick(rtype)}]->(b)"
        sets = _cypher_set("r", columns)
        cypher += [
            f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS row",
            f"MATCH (a:{COMMON_LABEL} {{id: row.`:START_ID`}})",
            f"MATCH (b:{COMMON_LABEL} {{id: row.`:END_ID`}})",
            merge + (";" if not sets else "\nSET " + ",\n    ".join(sets) + ";"),
            "",
        ]
    files["import.cypher"] = "\n".join(cypher).rstrip("\n") + "\n"
    meta = {
        "array_delimiter": ARRAY_DELIMITER,
        "common_label": COMMON_LABEL,
        "graph": {k: v for k, v in g.graph.items() if v is not None},
        "json_columns": {f: c for f, c in json_columns.items() if c},
        "nodes": node_files,
        "relationships": rel_files,
    }
    files["metadata.json"] = json.dumps(meta, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"
    files["README.txt"] = _readme(node_files, rel_files)
    return {name: files[name] for name in sorted(files)}


def _readme(node_files: list[str], rel_files: list[str]) -> str:
    args = [f"  --nodes={f} \\" for f in node_files] + [f"  --relationships={f} \\" for f in rel_files]
    return "\n".join([
        "graphbuild graph as CSV for Neo4j",
        "=================================",
        "",
        "nodes_<Type>.csv hold the nodes of one type (labels Entity and <Type>,",
        "property id = the graphbuild node id); relationships_<TYPE>.csv hold the",
        "edges of one type. List properties (aliases, tags, authors) are arrays",
        f"whose elements are joined with '{ARRAY_DELIMITER}'; provenance and merges are JSON",
        "text. metadata.json lists every JSON column and the graph attributes.",
        "",
        "1. neo4j-admin (empty database, fastest). Stop the database, then run from",
        "   this folder (Neo4j 5; for Neo4j 4.4 use `neo4j-admin import --database=neo4j`):",
        "",
        "neo4j-admin database import full neo4j \\",
        *args,
        f"  --array-delimiter='{ARRAY_DELIMITER}' --multiline-fields=true --overwrite-destination",
        "",
        "   Start the database; in Neo4j 5 Enterprise also run `CREATE DATABASE neo4j IF NOT EXISTS`.",
        "   The id constraint of import.cypher can then be created by hand:",
        "   CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
        "",
        "2. cypher-shell (a running database, merges into what is there). Copy the",
        "   .csv files into the database's import directory (<NEO4J_HOME>/import,",
        "   /var/lib/neo4j/import for the packages, /import in Docker), then:",
        "",
        "cypher-shell -u neo4j -p PASSWORD -f import.cypher",
        "",
        "   Running it again updates the same nodes and relationships (MERGE on id).",
        "",
    ])


def write_neo4j(g: nx.MultiDiGraph, folder) -> list[Path]:
    """Write the neo4j/ folder (each file atomically); returns the paths written.

    CSV files of an earlier export whose type is gone are removed, so the
    folder always matches README.txt and import.cypher."""
    folder = Path(folder)
    files = neo4j_data(g)
    written = [write_text(folder / name, text) for name, text in files.items()]
    for stale in sorted(folder.glob("*.csv")):  # node or edge types gone since the last export
        if stale.name.startswith(("nodes_", "relationships_")) and stale.name not in files:
            remove(stale)
    return written


def _split_header(header: str) -> tuple[str, str]:
    if header.startswith(":") or ":" not in header:
        return header, ""
    name, _, ntype = header.rpartition(":")
    return name, ntype


def _parse(value: str, ntype: str, is_json: bool, delimiter: str) -> Any:
    if ntype.endswith("[]"):
        items = value.split(delimiter) if value else []
        return [_parse(x, ntype[:-2], False, delimiter) for x in items]
    if value == "":
        return None
    if is_json:
        try:
            return json.loads(value)
        except ValueError:
            return value
    if ntype in ("long", "int", "short", "byte"):
        return int(value)
    if ntype in ("double", "float"):
        return float(value)
    if ntype == "boolean":
        return value.lower() == "true"
    return value


def neo4j_graph(files: dict[str, str]) -> nx.MultiDiGraph:
    """Inverse of neo4j_data: rebuild the MultiDiGraph from the file texts."""
    meta = json.loads(files.get("metadata.json", "{}"))
    delimiter = meta.get("array_delimiter", ARRAY_DELIMITER)
    json_columns = meta.get("json_columns", {})
    g = nx.MultiDiGraph()
    g.graph.update(meta.get("graph", {}))
    listed = meta.get("nodes", []) + meta.get("relationships", [])
    names = sorted(listed or files)
    for kind in ("nodes_", "relationships_"):
        for name in (n for n in names if n.startswith(kind) and n.endswith(".csv")):
            reader = csv.reader(io.StringIO(files[name]))
            header = next(reader, [])
            for row in reader:
                attrs, ids = {}, {}
                for column, value in zip(header, row):
                    prop, ntype = _split_header(column)
                    if column in ("id:ID", ":START_ID", ":END_ID", ":TYPE", ":LABEL"):
                        ids[column] = value
                        continue
                    if prop in DERIVED_ATTRIBUTES:
                        continue
                    parsed = _parse(value, ntype, prop in json_columns.get(name, ()), delimiter)
                    if parsed is not None:
                        attrs[prop] = parsed
                if kind == "nodes_":
                    g.add_node(ids["id:ID"], **attrs)
                else:
                    key = attrs.pop("key", ids[":TYPE"])
                    attrs["type"] = ids[":TYPE"]
                    g.add_edges_from([(ids[":START_ID"], ids[":END_ID"], key, attrs)])
    return g


def read_neo4j(folder) -> nx.MultiDiGraph:
    folder = Path(folder)
    files = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())
             if p.suffix in (".csv", ".json")}
    return neo4j_graph(files)
