"""Find graph nodes by name, the way resolution compares names.

A name matches a node when its key equals the key of the node's label or of
any alias: case-insensitive, accents folded, punctuation collapsed, a leading
honorific dropped (``graphbuild.knowledge.lexicon``). When nothing matches
that way, names are compared without spaces and legal suffixes ("RedHat",
"Red Hat, Inc."). A node id (``person:stefan-hajnoczi``) matches its node.

>>> normalize("Dr. Tomás  Okafor")
'tomas okafor'
"""
from __future__ import annotations

import difflib
from typing import Iterable

import networkx as nx

from graphbuild.errors import GraphbuildError
from graphbuild.knowledge.lexicon import compact_key as compact, name_key as norm, strip_honorific, strip_org_suffix

__all__ = ["normalize", "loose", "NameIndex"]


def normalize(name: str) -> str:
    """Comparison key of a name (as resolution compares names).

    >>> normalize("Düsseldorf") == normalize("DUSSELDORF")
    True
    >>> normalize("Prof. Ada Lovelace")
    'ada lovelace'
    >>> normalize("virtio-fs")
    'virtio fs'
    """
    return norm(strip_honorific(str(name).strip())[0])


def loose(name: str) -> str:
    """Looser key: no spaces, no legal suffix.

    >>> loose("Red Hat, Inc.") == loose("RedHat")
    True
    """
    return compact(strip_org_suffix(strip_honorific(str(name).strip())[0]))


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
        self._loose: dict[str, set[str]] = {}    # loose key of label or alias -> ids
        for node, attrs in graph.nodes(data=True):
            label = attrs.get("label") or str(node)
            self._labels.setdefault(normalize(label), set()).add(node)
            self._loose.setdefault(loose(label), set()).add(node)
            for alias in attrs.get("aliases") or ():
                self._aliases.setdefault(normalize(alias), set()).add(node)
                self._loose.setdefault(loose(alias), set()).add(node)

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
        if by_label or by_alias or not loose(name):
            return by_label + by_alias
        return self._typed(self._loose.get(loose(name), ()), types)

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
