"""URLs of links: made absolute against the page they are on, and the page's own URL."""
from __future__ import annotations

import doctest

import pytest

from graphbuild.extract import links
from graphbuild.extract.links import absolute, page_url

BASE = "https://example.org/blog/2014/kvm-forum/"


@pytest.mark.parametrize("url, expected", [
    ("/files/slides.pdf", "https://example.org/files/slides.pdf"),          # root-relative
    ("slides.pdf", "https://example.org/blog/2014/kvm-forum/slides.pdf"),   # page-relative
    ("./img/a.png", "https://example.org/blog/2014/kvm-forum/img/a.png"),
    ("../2015/", "https://example.org/blog/2014/2015/"),
    ("  /x  ", "https://example.org/x"),
    ("https://other.example/a", "https://other.example/a"),                # already absolute
    ("//cdn.example/v.mp4", "https://cdn.example/v.mp4"),                  # protocol-relative
    ("#schedule", "#schedule"),                                            # in-page anchor
    ("mailto:ada@example.org", "mailto:ada@example.org"),
    ("", ""),
])
def test_absolute_resolves_against_the_page(url, expected):
    assert absolute(url, BASE) == expected


@pytest.mark.parametrize("base", ["", "/blog/2014/kvm-forum/", "kvm-forum.html", "mailto:x@example.org"])
def test_absolute_keeps_relative_links_without_a_web_base(base):
    assert absolute("/files/slides.pdf", base) == "/files/slides.pdf"
    assert absolute("slides.pdf", base) == "slides.pdf"
    assert absolute("//cdn.example/v.mp4", base) == "https://cdn.example/v.mp4"


def test_absolute_accepts_a_protocol_relative_base():
    assert absolute("/x", "//example.org/a/") == "https://example.org/x"


@pytest.mark.parametrize("meta, expected", [
    ({"url": "https://example.org/2014/report/"}, "https://example.org/2014/report/"),
    ({"canonical_url": "https://a.example/r", "url": "https://b.example/r"}, "https://a.example/r"),
    ({"Permalink": "//example.org/p/"}, "https://example.org/p/"),
    ({"link": "https://example.org/r.html"}, "https://example.org/r.html"),
    ({"url": "/2014/report/", "permalink": "https://example.org/p/"}, "https://example.org/p/"),
    ({"permalink": "/summit/", "baseurl": "https://kubevirt.io"}, "https://kubevirt.io/summit/"),
    ({"permalink": "2019/x/", "site_url": "https://example.org/blog/"}, "https://example.org/blog/2019/x/"),
    ({"permalink": "/summit/"}, ""),                                        # a path and no site
    ({"permalink": "/summit/", "site": "KubeVirt"}, ""),                    # a site name, not a URL
    ({"url": ["https://example.org/a"], "title": "T"}, ""),                 # not a string
    ({"link": "mailto:ada@example.org", "baseurl": "https://example.org"}, ""),
    ({}, ""),
])
def test_page_url_from_front_matter(meta, expected):
    assert page_url(meta) == expected


def test_page_url_is_a_base_for_the_report_links():
    base = page_url({"permalink": "/2014/10/30/kvm-forum/", "baseurl": "https://example.org/blog"})
    assert absolute("slides/kvm.pdf", base) == "https://example.org/blog/2014/10/30/kvm-forum/slides/kvm.pdf"


def test_docstring_examples():
    result = doctest.testmod(links)
    assert result.attempted >= 5 and result.failed == 0
