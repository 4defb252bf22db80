"""Matching key of a URL (name keys live in ``graphbuild.knowledge.lexicon``)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit

import yaml


@lru_cache(maxsize=None)
def variants() -> dict:
    """The data tables of ``variants.yaml``."""
    text = resources.files(__package__).joinpath("variants.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def norm_url(url: str) -> str:
    """Comparison key of a URL: scheme, ``www.``, fragment and trailing slash ignored;
    host folded to lower case, path and query kept as written."""
    url = url.strip()
    parts = urlsplit(url if "//" in url else "//" + url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{port}{path}{query}"
