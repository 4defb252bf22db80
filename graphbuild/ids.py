"""Stable node ids derived from canonical names: ``person:stefan-hajnoczi``."""
from __future__ import annotations

import re
import unicodedata

_PREFIX = {
    "Report": "report", "Event": "event", "EventSeries": "series", "Talk": "talk",
    "Person": "person", "Organization": "org", "Project": "project",
    "Place": "place", "Resource": "resource",
}


def slugify(text: str, max_len: int = 80) -> str:
    """ASCII slug: ``"Düsseldorf, Germany"`` -> ``"dusseldorf-germany"``."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-zA-Z0-9]+", "-", text.lower()).strip("-")
    if len(text) > max_len:
        text = text[:max_len].rsplit("-", 1)[0] or text[:max_len]
    return text or "x"


def node_id(node_type: str, name: str) -> str:
    """``node_id("Person", "Stefan Hajnoczi") == "person:stefan-hajnoczi"``."""
    return f"{_PREFIX[node_type]}:{slugify(name)}"
