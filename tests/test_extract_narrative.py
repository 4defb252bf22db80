"""Talks told in narrative prose (extract/narrative.py): a person as a clause's subject and
a verb that says they gave a talk; talks named by their kind; talks named by their subject.
Small reports written for the test, read without a model."""
from __future__ import annotations

from tests.test_extract import FRONT, run


def test_clauses_of_one_sentence_are_talks_named_by_their_subject(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
We held Virt Summit 2014 at the harbor last weekend, and it was a great time! Mara Lindqvist demoed
Kestrel with live reloading; Tomas Berg taught us how to write portable build scripts; Ines Varga
consulted her crystal ball about the future of package signing (it looked bright); Hana Novak
explained how the city library runs its mirrors (and how to join them).
""")
    assert ("PRESENTED", "Mara Lindqvist", "Kestrel with live reloading") in rels
    assert ("PRESENTED", "Tomas Berg", "how to write portable build scripts") in rels
    assert ("PRESENTED", "Ines Varga", "future of package signing") in rels
    assert ("PRESENTED", "Hana Novak", "how the city library runs its mirrors") in rels
    assert ("PRESENTED_AT", "future of package signing", "Virt Summit 2014") in rels


def test_sentences_about_people_that_tell_no_talk(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
At Virt Summit 2014, Hana Novak joined the board. Thanks to Bruno Costa for organizing the
evening. Tomas Berg announced that he will retire next year. Ines Varga explained why the venue
moved. Mara Lindqvist shared a welcome message with everyone.
""")
    assert not [r for r in rels if r[0] == "PRESENTED"]
    assert "Talk" not in types


def test_talk_named_by_its_kind_gathers_its_speakers(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Day one

In the opening keynote, Hana Novak shared the state of the project and its goals.
Next in the keynote, Bruno Costa and Ines Varga explained the new release plan.
Finally, to end the keynote, Tomas Berg shared the roadmap.
""")
    for who in ("Hana Novak", "Bruno Costa", "Ines Varga", "Tomas Berg"):
        assert ("PRESENTED", who, "Opening keynote") in rels
    assert ("PRESENTED_AT", "Opening keynote", "Virt Summit 2014") in rels
    assert types["Talk"] == {"Opening keynote"}


def test_her_talk_about_a_linked_subject(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
Ines Varga has already blogged about her talk about her [Kestrel](https://example.org/kestrel) build server
at Virt Summit 2014.
""")
    assert ("PRESENTED", "Ines Varga", "Kestrel build server") in rels


def test_narrative_of_a_talk_named_above_is_no_new_talk(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Tracing the Scheduler by Ines Varga

Ines Varga then demonstrated how to read scheduler traces, and showed a live demo.
""")
    assert ("PRESENTED", "Ines Varga", "Tracing the Scheduler") in rels
    assert types["Talk"] == {"Tracing the Scheduler"}


def test_first_name_and_profile_link_stand_for_the_speaker(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Keynotes

Our thanks go to Mara Lindqvist for the venue.

## Talks

Later, Mara gave a talk on erasure coding for small clusters.

After lunch, [Tomas Berg](https://twitter.com/tberg) presented the packaging of guest agents ([video](https://www.youtube.com/watch?v=x1)).
""")
    assert ("PRESENTED", "Mara Lindqvist", "erasure coding for small clusters") in rels
    assert ("PRESENTED", "Tomas Berg", "packaging of guest agents") in rels
    assert ("HAS_RESOURCE", "packaging of guest agents", "video") in rels


def test_talk_named_by_kind_takes_the_recording_pointed_at_below(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Day two

In the closing keynote, Hana Novak shared the roadmap.

Watch the full closing keynote here:

<iframe src="https://www.youtube.com/embed/abc123"></iframe>
""")
    assert ("PRESENTED", "Hana Novak", "Closing keynote") in rels
    assert [r for r in rels if r[0] == "HAS_RESOURCE" and r[1] == "Closing keynote"]


def test_noun_phrase_before_a_verb_and_names_that_are_sentence_openers(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Talks at Virt Summit 2014

Specifically, Hana Novak's talk on erasure coding is essential for anyone running clusters.
After Bruno Costa will discuss where we are, and Tomas Berg announced they would not speak again.
""")
    assert ("PRESENTED", "Hana Novak", "erasure coding") in rels
    assert not [r for r in rels if r[0] == "PRESENTED" and r[1] != "Hana Novak"]


def test_linked_phrase_under_a_talks_heading_is_a_talk(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Talks of the widget devroom

Are you ready to:

* Hear the [past, present and future of widget caching](https://fosdem.org/2014/schedule/event/widgets/)
  directly from the project's founder

We invite you to read the rest of the program in [the full list of events](https://fosdem.org/2014/schedule/events/).
""")
    assert "past, present and future of widget caching" in types["Talk"]
    assert ("PRESENTED_AT", "past, present and future of widget caching", "Virt Summit 2014") in rels
    assert types["Talk"] == {"past, present and future of widget caching"}


def test_list_item_titled_in_bold_with_speakers_after_by(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## More sessions

- **Widgets at scale — caching for everyone**, by **Hana Novak (Northwind Labs)**, presented how caches are shared.

YouTube Link: [Widgets at scale: caching for everyone, a practical guide](https://www.youtube.com/watch?v=w1)

- **Erasure coding for small clusters**, by **Bruno Costa** and **Ines Varga**, used live demos throughout.
""")
    assert ("PRESENTED", "Hana Novak", "Widgets at scale — caching for everyone") in rels
    assert ("AFFILIATED_WITH", "Hana Novak", "Northwind Labs") in rels
    assert [r for r in rels if r[0] == "HAS_RESOURCE" and r[1] == "Widgets at scale — caching for everyone"]
    assert ("PRESENTED", "Bruno Costa", "Erasure coding for small clusters") in rels
    assert ("PRESENTED", "Ines Varga", "Erasure coding for small clusters") in rels
    assert types["Talk"] == {"Widgets at scale — caching for everyone", "Erasure coding for small clusters"}


def test_title_in_one_sentence_and_its_speaker_in_the_next(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Afternoon

The next talk was [Caching widgets without tears](https://example.org/schedule/caching). Its speaker,
Hana Novak, walked us through three years of production incidents.

We then heard a session titled "Guest agents in the real world". Tomas Berg explained how agents fail.

The venue has a [beautiful garden](https://example.org/garden). Bruno Costa showed us around it.
""")
    assert ("PRESENTED", "Hana Novak", "Caching widgets without tears") in rels
    assert ("PRESENTED", "Tomas Berg", "Guest agents in the real world") in rels
    assert not [r for r in rels if r[0] == "PRESENTED" and r[1] == "Bruno Costa"]


def test_talks_by_a_speaker_on_a_subject(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Evening

Then we had a round of lightning talks, one by Hana Novak on how to cache widgets in
tiny clusters, and another by Bruno Costa (Northwind Labs) about erasure coding for beginners.
""")
    assert ("PRESENTED", "Hana Novak", "how to cache widgets in tiny clusters") in rels
    assert ("PRESENTED", "Bruno Costa", "erasure coding for beginners") in rels


def test_speaker_giving_a_keynote_named_by_its_slot(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Closing keynotes

Hana Novak is giving the closing keynote on day two. Hana will show you how to frame caching for clusters.

Bruno Costa will be delivering the opening keynote.
""")
    assert ("PRESENTED", "Hana Novak", "Closing keynote") in rels
    assert ("PRESENTED", "Bruno Costa", "Opening keynote") in rels
    assert types["Talk"] == {"Closing keynote", "Opening keynote"}


def test_recordings_of_one_series_stay_apart_and_links_that_are_predicates(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Recordings

- [Widget Weekly (Aug 16)](https://www.youtube.com/watch?v=a1)
- [Widget Weekly (Sep 20)](https://www.youtube.com/watch?v=a2)

## Keynotes

I enjoyed the keynotes. Mara Lindqvist [painted an interesting picture](https://www.youtube.com/watch?v=a3) of caching.
""")
    assert {"Widget Weekly (Aug 16)", "Widget Weekly (Sep 20)"} <= types["Talk"]
    assert "painted an interesting picture" not in types["Talk"]


def test_next_sentence_with_a_title_of_its_own_keeps_its_speaker(tmp_path):
    _, types, rels = run(tmp_path, FRONT + """
## Afternoon

It was followed by a talk about how to [keep widgets small](https://example.org/events/40). After that,
Bruno Costa talked about plans for [Widget Frameworks 2](https://example.org/events/26).

Tomas Berg gave a popular and funny talk on Understanding Widget Licenses.
""")
    assert not [r for r in rels if r[0] == "PRESENTED" and r[2] == "keep widgets small"]
    assert ("PRESENTED", "Tomas Berg", "Understanding Widget Licenses") in rels
