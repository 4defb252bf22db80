"""Embedded players as links: iframes, video tags, components and shortcodes.

``embed_link(url)`` maps an embed URL to the page people open and a link text
("video", "slides"); ``from_tag(tag, attrs)`` reads an HTML or JSX element;
``replace_shortcodes(text, link)`` turns Hugo shortcodes and Jekyll/Liquid
tags and includes into link markup of the reader's format. The providers
and names are data (``embeds.yaml``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import parse_qs, urlencode, urlsplit

import yaml

RULES = Path(__file__).with_name("embeds.yaml")
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["']([^"'{}]*)["']\s*\}|([^\s"'>/]+))""")
_SHORTCODE = re.compile(
    r"\{\{[<%]\s*(?P<hugo>[\w.-]+)(?P<hargs>[^{}]{0,1000}?)\s*/?[>%]\}\}"
    r"|\{%-?\s*(?:include\s+(?P<inc>[\w./-]+)|(?P<tag>[\w-]+))(?P<largs>[^%]{0,1000}?)-?%\}")
_POSITIONAL = re.compile(r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=]+))(?=\s|$)""")


@dataclass(frozen=True)
class Embed:
    """An embedded thing read as a link: its text ("video", "slides") and page URL.
    ``embed`` is False for a shortcode that only links somewhere (a card, a button)."""
    label: str
    url: str
    embed: bool = True


@dataclass(frozen=True)
class _Provider:
    name: str
    label: str
    match: re.Pattern
    page: str
    ids: str
    keep: Mapping[str, str]


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[_Provider, ...], Mapping[str, str], tuple[str, ...], frozenset[str],
                      tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    data = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    providers = tuple(
        _Provider(name, p["label"], re.compile(p["match"], re.I), p["page"], p.get("ids", p["page"]),
                  p.get("keep", {}))
        for name, p in data["providers"].items())
    return (providers, dict(data["shortcodes"]), tuple(data["id_attributes"]),
            frozenset(data["embed_tags"]), tuple(data["generic_shortcodes"]), tuple(data["link_attributes"]),
            tuple(data["text_attributes"]), tuple(data["picture_shortcodes"]))


def _absolute(url: str) -> str:
    url = url.strip()
    return "https:" + url if url.startswith("//") else url


def embed_link(url: str) -> Embed | None:
    """The page and link text of an embed URL of a known provider; None for other URLs."""
    url = url.strip()
    providers = _rules()[0]
    for p in providers:
        m = p.match.search(url)
        if m:
            values = {k: v for k, v in m.groupdict().items() if v}
            page = p.page.format(url=url, **values)
            query = parse_qs(urlsplit(url).query)
            kept = [(p.keep[k], query[k][0]) for k in p.keep if query.get(k)]
            if kept and "{url}" not in p.page:
                page += ("&" if "?" in page else "?") + urlencode(kept[:1])
            return Embed(p.label, _absolute(page))
    return None


_WATCH = re.compile(r"^(?:https?:)?//(?:www\.|m\.)?(?:youtube\.com/watch\?(?:[^#]*&)?v=|youtu\.be/)([\w-]{6,})",
                    re.I)


def page_key(url: str) -> str:
    """A key shared by the URLs of one page: a YouTube video with one start time, in any form."""
    if (m := _WATCH.search(url.strip())):
        query = parse_qs(urlsplit(url.strip()).query)
        start = (query.get("t") or query.get("start") or [""])[0]
        return f"youtube:{m.group(1)}:{start.rstrip('s')}"
    return url.strip()


def from_id(provider: str, value: str) -> Embed | None:
    """An embed from a shortcode's (or directive's) provider and its id (or URL)."""
    value = value.strip()
    if not value:
        return None
    if "/" in value or "." in value:
        if re.match(r"^[\w-]+(\.[\w-]+)+/", value):          # host/path written without a scheme
            value = "https://" + value
        found = embed_link(value)
        return Embed(found.label, _absolute(value)) if found else None      # a written URL stays as written
    p = next((p for p in _rules()[0] if p.name == provider), None)
    if p is None or not re.fullmatch(r"[\w-]{2,200}", value) or re.search(r"\{(host|url)\}", p.ids):
        return None
    return Embed(p.label, p.ids.format(id=value))


def provider_of(name: str) -> str | None:
    """The provider a shortcode, include or component name refers to."""
    key = name.lower().rsplit("/", 1)[-1].split(".", 1)[0]
    words = _rules()[1]
    return next((provider for word, provider in words.items() if word in key), None)


def from_tag(tag: str, attrs: Mapping[str, str]) -> Embed | None:
    """An ``<iframe src>``, ``<video src>``, ``<source src>`` or a player component as a link."""
    tag = tag.lower()
    id_attrs, embed_tags = _rules()[2], _rules()[3]
    lowered = {k.lower(): (v or "").strip() for k, v in attrs.items()}
    if tag in embed_tags:
        src = next((lowered[k] for k in ("src", "data-src", "data", "url") if lowered.get(k)), "")
        if not src or src.startswith(("about:", "javascript:", "data:")):
            return None
        found = embed_link(src)
        if found:          # the URL the report wrote is the resource; the provider names its kind
            return Embed(found.label, _absolute(src))
        return Embed("video", _absolute(src)) if tag in ("video", "source") else None
    provider = provider_of(tag) or (provider_of(lowered.get("provider", "")) if "video" in tag else None)
    if provider is None:
        return None
    # the usual attributes first, then any ``...id`` one (``youTubeId``, ``vimeoId``)
    names = [*id_attrs, *(k for k in lowered if k.endswith("id") and k not in id_attrs)]
    for name in names:
        if lowered.get(name) and (found := from_id(provider, lowered[name])):
            return found
    return None


def written_attributes() -> tuple[str, ...]:
    """Attributes that may carry an embed's URL or id, most usual first."""
    return ("src", "data-src") + _rules()[2]


def parse_attrs(text: str) -> dict[str, str]:
    """``key="value"`` pairs of a tag or shortcode (JSX ``key={"value"}`` too)."""
    return {m.group(1).lower(): next(g for g in m.groups()[1:] if g is not None)
            for m in _ATTR.finditer(text)}


def _shortcode(m: re.Match) -> Embed | None:
    name = m.group("hugo") or m.group("inc") or m.group("tag") or ""
    args = m.group("hargs") if m.group("hugo") else m.group("largs")
    args = args or ""
    named = parse_attrs(args)
    provider = provider_of(name)
    if provider is None and any(word in name.lower() for word in _rules()[4]):
        provider = provider_of(named.get("provider", "")) if named.get("provider") else "video-file"
    if provider is None:
        return None if any(word in name.lower() for word in _rules()[7]) else _linking(named)
    for key in _rules()[2]:
        if named.get(key) and (found := from_id(provider, named[key])):
            return found
    rest = _ATTR.sub("", args)
    for p in _POSITIONAL.finditer(rest.strip()):
        value = next(g for g in p.groups() if g is not None)
        if (found := from_id(provider, value)):
            return found
    return None


def _linking(named: Mapping[str, str]) -> Embed | None:
    """A shortcode that links somewhere: ``{{< card name="..." href="https://..." >}}``."""
    url = next((named[k].strip() for k in _rules()[5] if named.get(k, "").strip()), "")
    text = next((named[k].strip() for k in _rules()[6] if named.get(k, "").strip()), "")
    if not text or not re.match(r"^(?:https?:)?//|^/\w", url) or \
            re.search(r"\.(?:png|jpe?g|gif|svg|webp|avif)(?:[?#]|$)", url, re.I):
        return None
    text = " ".join(re.sub(r"[\[\]<>]", " ", text).split())      # one line of plain text, as link text
    return Embed(text, _absolute(url), embed=False) if text and not re.search(r"\s", url) else None


def replace_shortcodes(text: str, link: Callable[[Embed], str]) -> str:
    """Shortcodes and Liquid tags of players replaced by ``link(embed)``; others left as written."""
    def sub(m: re.Match) -> str:
        found = _shortcode(m)
        return m.group() if found is None else link(found) + "\n" * m.group().count("\n")
    if "{{" not in text and "{%" not in text:
        return text
    return _SHORTCODE.sub(sub, text)
