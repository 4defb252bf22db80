"""User alias rules: a YAML file that forces merges and forbids others.

::

    merge:
      Person:
        "Kashyap Chamarthy": ["kchamarthy", "Kashyap C."]
      Organization:
        "Red Hat": ["RH"]
    split:
      Person: ["Daniel"]       # never merge these bare forms

Given with ``--aliases FILE`` or found as ``graphbuild-aliases.yaml`` in an
input folder (``find_alias_file``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import yaml

from graphbuild.errors import GraphbuildError
from graphbuild.knowledge.lexicon import name_key as norm
from graphbuild.types import NODE_TYPES

ALIAS_FILE_NAMES = ("graphbuild-aliases.yaml", "graphbuild-aliases.yml")


@dataclass(frozen=True)
class AliasRules:
    """merge: (type, canonical name, aliases); split: (type, form)."""
    merge: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    split: tuple[tuple[str, str], ...] = ()
    source: str = ""

    def canonical(self) -> dict[tuple[str, str], str]:
        """(type, normalized form) -> canonical name, canonical names included."""
        out: dict[tuple[str, str], str] = {}
        for typ, name, forms in self.merge:
            for form in (name, *forms):
                out[(typ, norm(form))] = name
        return out

    def split_keys(self) -> frozenset[tuple[str, str]]:
        """(type, normalized form) pairs that must never be merged."""
        return frozenset((typ, norm(form)) for typ, form in self.split)


def _fail(path: Path, problem: str) -> GraphbuildError:
    return GraphbuildError(
        f"invalid alias file: {problem} (expected 'merge: {{Type: {{name: [alias, ...]}}}}' "
        f"and 'split: {{Type: [form, ...]}}', Type one of {', '.join(NODE_TYPES)})",
        str(path))


def _strings(value, path: Path, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise _fail(path, f"{where} must be a list of names")
    out = tuple(str(v).strip() for v in value)
    if any(not v for v in out):
        raise _fail(path, f"{where} contains an empty name")
    return out


def _type(typ, path: Path, section: str) -> str:
    if typ not in NODE_TYPES:
        raise _fail(path, f"unknown type {typ!r} under '{section}'")
    return typ


def parse_alias_rules(data, path: Path) -> AliasRules:
    """Check and convert the parsed YAML of an alias file."""
    if data is None:
        return AliasRules(source=str(path))
    if not isinstance(data, dict):
        raise _fail(path, "the top level must be a mapping")
    unknown = set(data) - {"merge", "split"}
    if unknown:
        raise _fail(path, f"unknown section(s) {', '.join(sorted(map(str, unknown)))}")
    merge, split = [], []
    seen: dict[tuple[str, str], str] = {}
    merge_data = data.get("merge") or {}
    if not isinstance(merge_data, dict):
        raise _fail(path, "'merge' must be a mapping of node types")
    for typ, names in merge_data.items():
        typ = _type(typ, path, "merge")
        if not isinstance(names, dict):
            raise _fail(path, f"merge.{typ} must map a canonical name to its aliases")
        for name, forms in names.items():
            name = str(name).strip()
            if not name:
                raise _fail(path, f"merge.{typ} has an empty canonical name")
            forms = _strings(forms or [], path, f"merge.{typ}.{name!r}")
            for form in (name, *forms):
                other = seen.setdefault((typ, norm(form)), name)
                if other != name:
                    raise _fail(path, f"{typ} {form!r} is listed under both {other!r} and {name!r}")
            merge.append((typ, name, forms))
    split_data = data.get("split") or {}
    if not isinstance(split_data, dict):
        raise _fail(path, "'split' must be a mapping of node types")
    for typ, forms in split_data.items():
        typ = _type(typ, path, "split")
        for form in _strings(forms, path, f"split.{typ}"):
            if (typ, norm(form)) in seen:
                raise _fail(path, f"{typ} {form!r} is both in 'merge' and in 'split'")
            split.append((typ, form))
    return AliasRules(merge=tuple(merge), split=tuple(split), source=str(path))


def load_alias_file(path) -> AliasRules:
    """Read and check a user alias file; ``GraphbuildError`` names the file and the problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GraphbuildError(f"cannot read alias file: {exc.strerror or exc}", str(path)) from exc
    except UnicodeDecodeError as exc:
        raise GraphbuildError("alias file is not UTF-8 text", str(path)) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise GraphbuildError(f"alias file is not valid YAML{where}: {getattr(exc, 'problem', exc)}",
                              str(path)) from exc
    return parse_alias_rules(data, path)


def find_alias_file(input_paths: Iterable) -> Path | None:
    """The first ``graphbuild-aliases.yaml`` found directly in an input folder, in
    the order the inputs are given; ``None`` when there is none."""
    for p in input_paths:
        p = Path(p)
        if p.is_dir():
            for name in ALIAS_FILE_NAMES:
                if (p / name).is_file():
                    return p / name
    return None
