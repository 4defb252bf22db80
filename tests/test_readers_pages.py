"""Raw HTML pages: the main content without the site's chrome."""
from __future__ import annotations

from graphbuild.readers import read_report
from graphbuild.readers.page import content_only
from tests.helpers import write


def _texts(report):
    return [b.text for b in report.blocks]


def test_role_main_wins_and_lines_stay_true(tmp_path):
    report = read_report(write(tmp_path, "p.html", """
        <html><body>
        <div class="navbar"><a href="/">Home</a> <a href="/blog">Blog</a></div>
        <div role="main">
        <h1>Meetup notes</h1>
        <p>Talk by Ann Example.</p>
        </div>
        <div class="cookie-banner">We use cookies</div>
        </body></html>
        """))
    assert [(b.line, b.text) for b in report.blocks] == [(4, "Meetup notes"), (5, "Talk by Ann Example.")]
    assert report.title == "Meetup notes"


def test_page_without_chrome_or_main_is_read_whole(tmp_path):
    report = read_report(write(tmp_path, "p.html", """
        <div><p>Intro to the day.</p></div>
        <div><h2>Talks</h2><ul><li>Fast builds - Ann Example</li></ul></div>
        """))
    assert _texts(report) == ["Intro to the day.", "Talks", "Fast builds - Ann Example"]


def test_the_biggest_of_several_articles_holds_the_content(tmp_path):
    report = read_report(write(tmp_path, "p.html", """
        <body>
        <article><h1>Summit recap</h1><p>The summit had talks by Ann Example, Bob Example,
        Cy Example and Di Example over two long days in the old town.</p></article>
        <article><p>Older post</p></article>
        </body>
        """))
    assert _texts(report)[0] == "Summit recap" and "Older post" not in _texts(report)


def test_sidebar_of_links_beside_the_content_is_dropped(tmp_path):
    html = ("<body><div id='wrap'>"
            "<div><a href='/a'>About us</a> <a href='/b'>Downloads</a> <a href='/c'>Docs</a></div>"
            "<div><p>" + "The developer summit met for two days. " * 5 + "</p></div>"
            "</div></body>")
    kept = content_only(html)
    assert "Downloads" not in kept and "About us" not in kept
    assert "The developer summit met for two days." in kept


def test_content_only_keeps_line_breaks():
    html = "<body>\n<nav>\n<a href='/'>x</a>\n</nav>\n<p>Text</p>\n</body>"
    assert content_only(html).count("\n") == html.count("\n")
