"""graphbuild: conference and event reports -> a knowledge graph."""
from __future__ import annotations

__version__ = "0.1.0"

from graphbuild.api import KnowledgeGraph, build, load  # noqa: E402

__all__ = ["KnowledgeGraph", "build", "load", "__version__"]
