"""The word lists of ``vocab.yaml``: session types, devroom cues, link kinds."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml


@lru_cache(maxsize=None)
def _vocab() -> dict:
    return yaml.safe_load(resources.files(__package__).joinpath("vocab.yaml").read_text(encoding="utf-8"))


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[-_\s]+", " ", text.casefold()).split())


@lru_cache(maxsize=None)
def _kinds() -> dict[str, str]:
    return {_fold(word): kind for kind, words in _vocab()["talk_kinds"].items() for word in words}


@lru_cache(maxsize=4096)
def talk_kind(session_type: str) -> str:
    """``"lightning_talk"`` -> ``"lightning"``; anything unknown -> ``"talk"``."""
    return _kinds().get(_fold(session_type), "talk")


def is_kind_word(text: str) -> bool:
    """Whether ``text`` is only a session type ("Keynote", "Lightning talk")."""
    return _fold(text) in _kinds()


@lru_cache(maxsize=4096)
def is_devroom(*names: str) -> bool:
    """Whether a track (or a session type) names a devroom."""
    words = [_fold(w) for w in _vocab()["devroom_words"]]
    return any(w in _fold(name) for name in names if name for w in words)


@lru_cache(maxsize=None)
def _link_rules() -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((kind, re.compile(rx, re.I)) for kind, rx in _vocab()["link_kinds"])


def link_kind(title: str, url: str) -> str:
    """Resource kind of a session link from its title, else its URL; "website" when neither tells."""
    for text in (title, url):
        for kind, rx in _link_rules():
            if text and rx.search(text):
                return kind
    return "website"
