"""The JSON Schema of graph.json, shipped inside the package."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from graphbuild.errors import GraphbuildError


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8"))


def validate(data: dict[str, Any]) -> None:
    """Raise GraphbuildError naming the first place where ``data`` breaks the schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema())
    error = next(iter(sorted(validator.iter_errors(data), key=lambda e: list(e.path))), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        raise GraphbuildError(f"graph.json does not match its schema at {where}: {error.message}")
