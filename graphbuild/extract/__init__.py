"""Extract stage: Report -> Extraction (mentions and relations of one report).

spaCy supplies named entities (people, places); rules over the Markdown
structure and gazetteers (``rules.yaml``, ``graphbuild/knowledge``) supply
events, talks, speakers, resources, projects and organizations. Every mention
and relation carries Evidence with the rule that produced it and a confidence.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

from graphbuild.extract.config import load_rules
from graphbuild.extract.nlp import DEFAULT_MODEL, fingerprint as model_fingerprint, load_nlp
from graphbuild.extract.report import ReportExtractor
from graphbuild.types import Extraction, Report

__all__ = ["extract", "extract_many", "pipeline_version", "DEFAULT_MODEL"]

NER_BLOCKS = ("paragraph", "list_item", "quote", "table_row", "heading")


def pipeline_version(model: str = DEFAULT_MODEL) -> str:
    """Identifies the data extraction output depends on (rules, gazetteers, model).

    The source code is not named here: the cache keys every extraction on a
    fingerprint of the code itself (graphbuild.cache.code_fingerprint).
    """
    return f"{load_rules().fingerprint}-{model_fingerprint(model)}"


# spaCy reads at most this much of one block; longer blocks (a megabyte on
# one line) keep the rule-based extraction but get no named entities.
MAX_NER_CHARS = 100_000
_PUNCT_RUN = re.compile(r"(?:[^\w\s]|_){40,}")


def _ner_text(text: str) -> str:
    """The text spaCy sees: long runs of punctuation (slow to tokenize) blanked,
    offsets unchanged."""
    if len(text) > MAX_NER_CHARS:
        return ""
    return _PUNCT_RUN.sub(lambda m: " " * len(m.group(0)), text)


def _texts(report: Report) -> list[str]:
    return [_ner_text(b.text) if b.kind in NER_BLOCKS else "" for b in report.blocks]


def extract(report: Report, *, model: str = DEFAULT_MODEL, nlp=None) -> Extraction:
    """Extract one report.

    >>> from graphbuild.types import Report, Block
    >>> r = Report(id="report:x", path="x.md", format="markdown", title="KVM Forum 2014",
    ...            blocks=(Block("paragraph", "KVM Forum 2014 took place in Düsseldorf.", 1, 1),))
    >>> x = extract(r, model="blank")
    >>> sorted(m.name for m in x.mentions if m.type in ("Event", "Place"))
    ['Düsseldorf', 'KVM Forum 2014']
    """
    return next(extract_many([report], model=model, nlp=nlp))


def extract_many(reports: Iterable[Report], *, model: str = DEFAULT_MODEL, nlp=None,
                 batch_size: int = 64) -> Iterator[Extraction]:
    """Extract reports in order, feeding all their blocks through ``nlp.pipe`` in batches."""
    nlp = nlp or load_nlp(model)
    rules = load_rules()
    version = pipeline_version(model)
    for report in reports:
        texts = _texts(report)
        docs = list(nlp.pipe(texts, batch_size=batch_size)) if any(texts) else [None] * len(texts)
        yield ReportExtractor(report, docs, rules, version).run()
