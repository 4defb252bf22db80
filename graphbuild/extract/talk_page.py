"""A report that is one talk's own page: its front matter says so (a talk layout,
speakers, slides or a video), or its headings do ("Abstract", "Biography")."""
from __future__ import annotations

import re
from typing import Callable

from graphbuild.extract import links as L
from graphbuild.extract.config import Rules
from graphbuild.extract.names import looks_like_person
from graphbuild.extract.talks import TalkFound
from graphbuild.types import Report


def talk_page(report: Report, rules: Rules, bio_speaker: Callable[[int], str | None]) -> TalkFound | None:
    """The talk a talk page is, or None. ``bio_speaker(i)`` names the person block ``i``
    (the first block of the biography) is about."""
    words = rules["talk_page"]
    if not report.title:
        return None
    meta = {str(k).casefold(): v for k, v in report.meta.items()}
    speakers = [s for s in meta_names(meta, words["meta_speakers"]) if looks_like_person(s, rules)]
    resources = []
    for kind, keys in words["meta_resources"].items():
        for key in keys:
            for url in meta_urls(meta.get(key.casefold())):
                if kind == "video" and not L.is_web(url) and re.fullmatch(r"[\w-]{6,20}", url):
                    url = f"https://www.youtube.com/watch?v={url}"          # a bare YouTube id
                if L.is_page(url):
                    resources.append(L.ResourceRef(kind, url, kind, report.meta_line))
    kind_says = any(str(meta.get(k, "")).casefold() in words["meta_kind_values"] for k in words["meta_kind"])
    heads = {b.text.strip(" :").casefold(): i for i, b in enumerate(report.blocks) if b.kind == "heading"}
    headings_say = any(h in heads for h in words["abstract"])
    if not (kind_says or headings_say or (speakers and resources)):
        return None
    bio = next((heads[h] for h in words["biography"] if h in heads), None)
    if not speakers and bio is not None and bio + 1 < len(report.blocks):
        who = bio_speaker(bio + 1)
        speakers = [who] if who else []
    if not speakers and not (kind_says and resources):
        return None
    subtitle = report.meta.get("subtitle")
    title = f"{report.title}: {subtitle}" if isinstance(subtitle, str) and subtitle.strip() else report.title
    event = next((str(meta[k.casefold()]) for k in words["meta_event"] if isinstance(meta.get(k.casefold()), str)), "")
    talk = TalkFound(title, report.meta_line, f"title: {title}", "talk-page", 0.7, speakers, [], resources, block=0,
                     event_name=event)
    if title != report.title:
        talk.aliases.append(report.title)
    return talk


def meta_names(meta, keys) -> list[str]:
    """Names a front-matter field gives: "A and B", ["A", "B"], [{"name": "A"}]."""
    for key in keys:
        value = meta.get(key.casefold())
        if isinstance(value, str) and value.strip():
            return [v.strip() for v in re.split(r"\s*(?:,|&|\band\b)\s*", value) if v.strip()]
        if isinstance(value, list):
            out = [v if isinstance(v, str) else v.get("name") if isinstance(v, dict) else None for v in value]
            return [str(v).strip() for v in out if isinstance(v, str) and v.strip()]
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            return [value["name"].strip()]
    return []


def meta_urls(value) -> list[str]:
    """URLs a front-matter field gives: a string, a list, or a mapping of them ({link: ..., embed: ...})."""
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [u for v in value for u in meta_urls(v)]
    if isinstance(value, dict):
        for key in ("link", "url", "href", "src", "embed", "id"):
            if isinstance(value.get(key), str):
                return [value[key].strip()]
    return []
