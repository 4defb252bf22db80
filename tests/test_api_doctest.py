"""The docstring examples of the Python API run and pass."""
from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["graphbuild.api", "graphbuild.api_match", "graphbuild.api_records"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no docstring examples"
    assert result.failed == 0, f"{result.failed} docstring examples of {name} failed (run python -m doctest -v)"


def test_every_public_method_has_an_example():
    from graphbuild.api import KnowledgeGraph

    missing = [name for name in dir(KnowledgeGraph)
               if not name.startswith("_") and callable(getattr(KnowledgeGraph, name))
               and ">>>" not in (getattr(KnowledgeGraph, name).__doc__ or "")]
    assert missing == []
