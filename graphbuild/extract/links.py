"""Links: absolute URLs, the report's own URL, noise or not, resource kind from
the URL and the link text."""
from __future__ import annotations

import re
from typing import Any, Mapping, NamedTuple
from urllib.parse import urljoin

from graphbuild.extract.config import Rules



class ResourceRef(NamedTuple):
    """A link given for a talk: its text, absolute URL, kind (slides, video, ...) and source line."""
    text: str
    url: str
    kind: str
    line: int


_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")

# Front-matter keys naming the report's own URL, most explicit first, and keys
# naming the site it is published on (a root for root-relative page paths).
PAGE_URL_KEYS = ("canonical_url", "canonical", "url", "permalink", "link")
SITE_URL_KEYS = ("site_url", "siteurl", "base_url", "baseurl", "site")


def absolute(url: str, base: str = "") -> str:
    """``url`` made absolute against ``base``, the URL of the page it is written on.

    Protocol-relative URLs (``//host/x``) become https. With an absolute
    http(s) ``base``, root-relative (``/blog/x``) and page-relative
    (``files/s.pdf``, ``../x``) links are resolved against it; without one they
    are kept as written, as are in-page anchors (``#x``) and other schemes
    (``mailto:``).

    >>> absolute("/files/s.pdf", "https://example.org/blog/2014/report/")
    'https://example.org/files/s.pdf'
    >>> absolute("s.pdf", "https://example.org/blog/2014/report/")
    'https://example.org/blog/2014/report/s.pdf'
    >>> absolute("s.pdf")
    's.pdf'
    """
    url = url.strip()
    if url.startswith("//"):
        return "https:" + url
    base = base.strip()
    if base.startswith("//"):
        base = "https:" + base
    if not url or url.startswith("#") or _SCHEME.match(url) or not is_web(base):
        return url
    return urljoin(base, url)


def page_url(meta: Mapping[str, Any]) -> str:
    """The report's own URL from its front matter, or "" when it gives none.

    The first of ``PAGE_URL_KEYS`` (``canonical_url``, ``canonical``, ``url``,
    ``permalink``, ``link``; any letter case) whose value is an absolute
    http(s) URL is the answer. A path (``permalink: /summit/``) counts only
    when a key of ``SITE_URL_KEYS`` (``site_url``, ``baseurl``, ...) gives an
    absolute site URL: the path is then appended to it, as static site
    generators do (``https://example.org/blog`` + ``/2019/x/``).

    >>> page_url({"permalink": "/summit/", "baseurl": "https://kubevirt.io"})
    'https://kubevirt.io/summit/'
    >>> page_url({"permalink": "/summit/"})
    ''
    """
    fields = {str(k).lower(): v for k, v in meta.items()}
    site = next((absolute(v) for k in SITE_URL_KEYS
                 if isinstance(v := fields.get(k), str) and is_web(v.strip())), "")
    for key in PAGE_URL_KEYS:
        value = fields.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        value = absolute(value)
        if is_web(value):
            return value
        if site and not value.startswith("#") and not _SCHEME.match(value):
            return site.rstrip("/") + "/" + value.lstrip("/")
    return ""


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
