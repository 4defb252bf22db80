"""Links: noise or not, resource kind from the URL and the link text."""
from __future__ import annotations

import re

from graphbuild.extract.config import Rules

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def absolute(url: str, base: str = "") -> str:
    """Protocol-relative URLs become https; others are kept as written."""
    url = url.strip()
    if url.startswith("//"):
        return "https:" + url
    return url


def is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "//"))


def is_page(url: str) -> bool:
    """A web URL, or one relative to the report's site ("files/slides.pdf", "/blog/x")."""
    url = url.strip()
    return is_web(url) or (bool(url) and not url.startswith("#") and not _SCHEME.match(url))


def is_noise(text: str, url: str, section: str, rules: Rules) -> bool:
    """Share buttons, social profiles, feeds, licence links, 'Also read' footers."""
    if not url or not is_web(url) and not url.startswith(("/", ".")) and _SCHEME.match(url):
        return True
    if rules.compiled("noise_urls").search(url):
        return True
    if text and rules.compiled("noise_texts").search(text.strip()):
        return True
    if section and rules.compiled("noise_sections").search(section.strip()):
        return True
    return False


def text_kind(text: str, rules: Rules) -> str | None:
    """Kind named by a link text that is only a resource word: "Slides", "MP4", "[video]"."""
    t = " ".join(text.split()).strip(" []")
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1]
    if not t or len(t) > 40:
        return None
    for kind, rx in rules.compiled("resource_words").items():
        if rx.match(t):
            return kind
    return None


def url_kind(url: str, rules: Rules) -> str | None:
    for rx, kind in rules.resource_urls:
        if rx.search(url):
            return kind
    return None


def resource_kind(text: str, url: str, rules: Rules) -> str:
    """slides, video, schedule, code, article, photos, website or other."""
    by_text = text_kind(text, rules)
    by_url = url_kind(url, rules)
    if by_text in ("slides", "video", "code", "photos") and by_text:
        return by_text
    if by_url:
        return by_url
    if by_text:
        return by_text
    return "website" if is_web(url) else "other"
