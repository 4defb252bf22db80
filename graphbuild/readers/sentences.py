"""A small rule-based sentence splitter that keeps character offsets."""
from __future__ import annotations

import re

from graphbuild.knowledge.lexicon import abbreviations

# End punctuation (plus closing quotes/brackets), whitespace, then a likely sentence start.
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9\[“"'])""")


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(start offset, sentence) pairs of ``text``; whitespace inside a sentence collapsed."""
    result: list[tuple[int, str]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        window = text[max(start, m.start() - 12):m.start()]
        token = window.split()[-1].lower().lstrip("(\"'“[") if window.strip() else ""
        if m.group().startswith(".") and (token in abbreviations() or len(token) == 1 and token.isalpha()):
            continue
        _add(result, text, start, end)
        start = end
    _add(result, text, start, len(text))
    return result


def _add(result: list[tuple[int, str]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.lstrip()
    if stripped.strip():
        result.append((start + len(chunk) - len(stripped), " ".join(stripped.split())))
