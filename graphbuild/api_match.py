"""Find graph nodes by name, the way resolution compares names.

A name matches a node when its normalized form equals the normalized label or
any alias of that node: case-insensitive, accents folded, punctuation
collapsed, honorifics dropped. A node id (``person:stefan-hajnoczi``) matches
its node.

>>> normalize("Dr. Tomás  O'Kafor")
'tomas o kafor'
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

import networkx as nx

from graphbuild.errors import GraphbuildError

__all__ = ["normalize", "NameIndex"]

HONORIFICS = frozenset({
    "dr", "prof", "professor", "mr", "mrs", "ms", "miss", "mx", "sir", "dame",
    "herr", "frau", "mme", "mlle", "m", "phd", "jr", "sr",
})


def normalize(name: str) -> str:
    """Comparison key of a name.

    >>> normalize("Düsseldorf") == normalize("DUSSELDORF")
    True
    >>> normalize("Prof. Ada Lovelace, PhD")
    'ada lovelace'
    >>> normalize("virtio-fs")
    'virtio fs'
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = re.sub(r"[\W_]+", " ", text).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    while len(words) > 1 and words[-1] in HONORIFICS:
        words.pop()
    return " ".join(words)


class NameIndex:
    """Normalized names -> node ids, for one graph.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("person:ada", type="Person", label="Ada Lovelace", aliases=["Ada"])
    >>> index = NameIndex(g)
    >>> index.lookup("ADA", types=["Person"])
    ['person:ada']
    >>> index.lookup("person:ada")
    ['person:ada']
    >>> index.lookup("Grace")
    []
    """

    def __init__(self, graph: nx.MultiDiGraph):
        self.graph = graph
        self._labels: dict[str, set[str]] = {}   # key -> ids whose label has that key
        self._aliases: dict[str, set[str]] = {}  # key -> ids with an alias of that key
        for node, attrs in graph.nodes(data=True):
            label = attrs.get("label") or str(node)
            self._labels.setdefault(normalize(label), set()).add(node)
            for alias in attrs.get("aliases") or ():
                self._aliases.setdefault(normalize(alias), set()).add(node)

    def _typed(self, ids: Iterable[str], types: Iterable[str] | None) -> list[str]:
        wanted = set(types) if types else None
        return sorted(n for n in ids if wanted is None or self.graph.nodes[n].get("type") in wanted)

    def lookup(self, name: str, types: Iterable[str] | None = None) -> list[str]:
        """Ids of the nodes named ``name`` (of the given types), label matches first."""
        types = list(types) if types else None
        if name in self.graph and self._typed([name], types):
            return [name]
        key = normalize(name)
        by_label = self._typed(self._labels.get(key, ()), types)
        by_alias = self._typed(self._aliases.get(key, set()) - set(by_label), types)
        return by_label + by_alias

    def one(self, name: str, types: Iterable[str] | None = None, what: str = "node") -> str:
        """The single node named ``name``; a GraphbuildError says why there is none.

        A name given as a node's label wins over the same name given as an alias.

        >>> g = nx.MultiDiGraph()
        >>> g.add_node("person:ada", type="Person", label="Ada Lovelace", aliases=[])
        >>> NameIndex(g).one("Ada Lovelase", ["Person"], "person")
        Traceback (most recent call last):
        ...
        graphbuild.errors.GraphbuildError: no person named 'Ada Lovelase' in the graph; did you mean 'Ada Lovelace'?
        """
        types = list(types) if types else None
        if name in self.graph and self._typed([name], types):
            return name
        key = normalize(name)
        by_label = self._typed(self._labels.get(key, ()), types)
        found = by_label or self.lookup(name, types)
        if len(found) == 1:
            return found[0]
        if found:
            raise GraphbuildError(
                f"{what} name {name!r} is ambiguous; it names {', '.join(found)}; pass one of these node ids")
        raise GraphbuildError(f"no {what} named {name!r} in the graph; {self.hint(name, types)}")

    def suggestions(self, name: str, types: Iterable[str] | None = None, n: int = 3) -> list[str]:
        """Labels of nodes whose names are close to ``name`` (difflib)."""
        keys: dict[str, str] = {}
        for index in (self._labels, self._aliases):
            for key, ids in index.items():
                for node in self._typed(ids, types):
                    keys.setdefault(key, self.graph.nodes[node].get("label") or node)
        close = difflib.get_close_matches(normalize(name), list(keys), n=n * 2, cutoff=0.6)
        labels: list[str] = []
        for key in close:
            if keys[key] not in labels:
                labels.append(keys[key])
        return labels[:n]

    def hint(self, name: str, types: Iterable[str] | None = None) -> str:
        close = self.suggestions(name, types)
        if close:
            return "did you mean " + " or ".join(repr(c) for c in close) + "?"
        return "list the names with KnowledgeGraph.find() or `graphbuild stats`"
