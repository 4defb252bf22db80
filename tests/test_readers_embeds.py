"""Embedded players, shortcodes and components read as links."""
from __future__ import annotations

import pytest

from graphbuild.readers import read_report
from graphbuild.readers.embeds import Embed, embed_link, from_tag, page_key, replace_shortcodes
from tests.helpers import write


@pytest.mark.parametrize("url, expected", [
    ("https://www.youtube.com/embed/FZ0cG47msEk", Embed("video", "https://www.youtube.com/watch?v=FZ0cG47msEk")),
    ("//www.youtube-nocookie.com/embed/abcdefg?rel=0", Embed("video", "https://www.youtube.com/watch?v=abcdefg")),
    ("https://www.youtube.com/embed/T8TZQ6k4SLE?t=973s",
     Embed("video", "https://www.youtube.com/watch?v=T8TZQ6k4SLE&t=973s")),
    ("https://player.vimeo.com/video/12345?h=ab", Embed("video", "https://vimeo.com/12345")),
    ("https://tube.example/videos/embed/9c9de5e8", Embed("video", "https://tube.example/w/9c9de5e8")),
    ("https://docs.google.com/presentation/d/1AbC-d/embed?start=false",
     Embed("slides", "https://docs.google.com/presentation/d/1AbC-d")),
    ("https://speakerdeck.com/player/50021f75", Embed("slides", "https://speakerdeck.com/player/50021f75")),
    ("https://video.fosdem.org/2019/talk.webm", Embed("video", "https://video.fosdem.org/2019/talk.webm")),
    ("https://www.youtube.com/embed/videoseries?list=PLjYq1", Embed("video", "https://www.youtube.com/playlist?list=PLjYq1")),
    ("https://www.google.com/maps/embed?pb=1", None),
    ("https://www.eventbrite.com/tickets-external?eid=1", None),
])
def test_embed_urls_map_to_the_page_people_open(url, expected):
    assert embed_link(url) == expected


def test_tags_and_components():
    # a URL the report writes stays as written; the provider gives its kind
    assert from_tag("iframe", {"src": "https://player.vimeo.com/video/1"}) == Embed("video", "https://player.vimeo.com/video/1")
    assert from_tag("iframe", {"src": "https://example.org/widget"}) is None
    assert from_tag("video", {"src": "/media/a.mp4"}) == Embed("video", "/media/a.mp4")
    assert from_tag("youtube", {"id": "abcdefghijk"}).url == "https://www.youtube.com/watch?v=abcdefghijk"
    assert from_tag("liteyoutubeembed", {"videoid": "abcdefghijk"}) is not None
    assert from_tag("python", {"id": "abcdefghijk"}) is None
    assert from_tag("youtube", {"youTubeId": "mGb2v89I8dk"}).url == \
        "https://www.youtube.com/watch?v=mGb2v89I8dk"
    assert from_tag("video", {"url": "/media/intro.mp4", "title": "Intro"}) == \
        Embed("video", "/media/intro.mp4")


@pytest.mark.parametrize("code, url", [
    ("{{< youtube w7Ft2ymGmfc >}}", "https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
    ('{{< youtube id="w7Ft2ymGmfc" autoplay="true" >}}', "https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
    ("{{% vimeo 146022717 %}}", "https://vimeo.com/146022717"),
    ("{{< speakerdeck 50021f75cf1db900020005e7 >}}", "https://speakerdeck.com/player/50021f75cf1db900020005e7"),
    ('{{< slideshare "abcDEF" >}}', "https://www.slideshare.net/slideshow/embed_code/key/abcDEF"),
    ("{% youtube ABCDEFG %}", "https://www.youtube.com/watch?v=ABCDEFG"),
    ('{% include youtube.html id="ABCDEFG" %}', "https://www.youtube.com/watch?v=ABCDEFG"),
    ('{% include video id="XYZ1234" provider="youtube" %}', "https://www.youtube.com/watch?v=XYZ1234"),
    ('{{< video src="/v/talk.mp4" >}}', "/v/talk.mp4"),
    ("{% youtube https://youtu.be/w7Ft2ymGmfc %}", "https://youtu.be/w7Ft2ymGmfc"),
    ('{% include embed.html url="https://player.vimeo.com/video/42" %}', "https://player.vimeo.com/video/42"),
    ("{{< youtube id=\"w7Ft2ymGmfc\" start=30 >}}", "https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
])
def test_shortcodes_become_links(code, url):
    out = replace_shortcodes(f"a {code} b", lambda e: f"<{e.label}|{e.url}>")
    assert out.split(" ", 1)[1].rsplit(" ", 1)[0].split("|", 1)[1].rstrip(">") == url


def test_other_shortcodes_stay_as_written():
    text = '{% include figure image_path="/x.png" %} {{< image src="x" >}} {% python x %}'
    assert replace_shortcodes(text, lambda e: "LINK") == text


def test_page_key_joins_forms_of_one_video():
    assert page_key("https://www.youtube.com/watch?v=abcdefg&list=PL1&index=5") == \
        page_key("https://www.youtube.com/watch?v=abcdefg") == page_key("https://youtu.be/abcdefg")
    assert page_key("https://www.youtube.com/watch?v=abcdefg&t=30s") != page_key("https://youtu.be/abcdefg")


def test_embed_sits_in_its_block_or_stands_alone(tmp_path):
    report = read_report(write(tmp_path, "r.md", """
        ## Talk one - Ann Example

        {{< youtube abcdefghijk >}}

        - Talk two by Bob Example <iframe src="https://player.vimeo.com/video/42"></iframe>
        """))
    alone, item = report.blocks[1], report.blocks[2]
    assert (alone.kind, alone.text, alone.section) == ("paragraph", "video", "Talk one - Ann Example")
    assert alone.links[0].embed and alone.links[0].url == "https://www.youtube.com/watch?v=abcdefghijk"
    assert item.kind == "list_item" and item.text == "Talk two by Bob Example video"
    assert item.links[0].url == "https://player.vimeo.com/video/42" and item.links[0].line == 5


def test_embed_takes_the_url_the_report_writes_for_the_same_video(tmp_path):
    report = read_report(write(tmp_path, "r.adoc", """
        = Recordings

        https://www.youtube.com/watch?v=abcdefghijk&list=PL1[Storage deep dive] - Bob Example

        video::abcdefghijk[youtube]
        """))
    embed = [link for link in report.links if link.embed]
    assert [link.url for link in embed] == ["https://www.youtube.com/watch?v=abcdefghijk&list=PL1"]


def test_a_shortcode_that_links_somewhere_is_a_plain_link(tmp_path):
    found = []
    replace_shortcodes('{{< card-talk src="/a.jpg" name="Ada at Widgetcon" href="https://youtu.be/abcdefg" >}}',
                       lambda e: found.append(e) or "")
    assert found == [Embed("Ada at Widgetcon", "https://youtu.be/abcdefg", embed=False)]
    report = read_report(write(tmp_path, "p.md", '---\ntitle: t\n---\n\n'
                                                 '{{< button text="Slides" link="https://example.org/s.pdf" >}}\n'))
    link = report.blocks[0].links[0]
    assert (link.text, link.url, link.embed) == ("Slides", "https://example.org/s.pdf", False)


def test_a_linking_shortcode_keeps_the_lines_of_the_text(tmp_path):
    text = '---\ntitle: t\n---\n\n{{< card name="two\nlines [x]" href="http://x.y" >}}\n\nAfter.\n'
    report = read_report(write(tmp_path, "p.md", text))
    assert [b.line for b in report.blocks] == [5, 8]
    assert report.blocks[0].links[0].text == "two lines x"
