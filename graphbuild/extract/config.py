"""Rules of the extract stage, loaded once from rules.yaml and compiled."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from graphbuild import knowledge


def _alternation(words, *, boundary=True) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    return rf"(?<![\w-])(?:{body})(?![\w-])" if boundary else f"(?:{body})"


@dataclass(frozen=True)
class Rules:
    raw: dict[str, Any]
    fingerprint: str

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    # compiled pieces, built lazily and cached per instance
    @property
    def resource_urls(self) -> list[tuple[re.Pattern, str]]:
        return _compiled(self.fingerprint)["resource_urls"]

    def compiled(self, name: str):
        return _compiled(self.fingerprint)[name]


_RULES_BY_FP: dict[str, Rules] = {}


def _rules_text() -> str:
    return resources.files(__package__).joinpath("rules.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    text = _rules_text()
    fp = hashlib.sha256((text + knowledge.fingerprint()).encode("utf-8")).hexdigest()[:16]
    rules = Rules(yaml.safe_load(text), fp)
    _RULES_BY_FP[fp] = rules
    return rules


@lru_cache(maxsize=4)
def _compiled(fp: str) -> dict[str, Any]:
    r = _RULES_BY_FP[fp].raw
    ci = re.IGNORECASE
    out: dict[str, Any] = {
        "resource_urls": [(re.compile(p, ci), kind) for p, kind in r["resource_urls"]],
        "noise_urls": re.compile("|".join(f"(?:{p})" for p in r["noise_urls"]), ci),
        "noise_texts": re.compile("|".join(f"(?:{p})" for p in r["noise_texts"]), ci),
        "noise_sections": re.compile("|".join(f"(?:{p})" for p in r["noise_sections"]), ci),
        "co_location": re.compile("|".join(f"(?:{p})" for p in r["co_location"]), ci),
        "resource_words": {
            kind: re.compile(rf"^\W*(?:{_alternation(words, boundary=False)})(?:\s*\d+)?\W*$|"
                             rf"^\W*(?:{_alternation(words, boundary=False)})\s*\((?:pdf|odp|mp4|webm|video|slides)\)\W*$", ci)
            for kind, words in r["resource_words"].items()
        },
        "resource_word_any": re.compile(
            _alternation([w for ws in r["resource_words"].values() for w in ws if len(w) > 3]), ci),
        "talk_kinds": [(kind, re.compile(_alternation(words), ci)) for kind, words in r["talk_kinds"].items()],
        "talk_kind_any": re.compile(_alternation([w for ws in r["talk_kinds"].values() for w in ws]), ci),
    }
    return out
