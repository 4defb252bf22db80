"""Name knowledge shared by extraction and resolution (graphbuild/knowledge/lexicon.py)."""
from __future__ import annotations

from graphbuild.extract.collect import norm_key
from graphbuild.extract.names import clean_name, parse_people, strip_honorific as extract_strip_honorific
from graphbuild.extract.config import load_rules
from graphbuild.knowledge import lexicon
from graphbuild.extract.units import Unit, sentences


def test_name_key_folds_case_accents_and_punctuation():
    assert lexicon.name_key("Daniel P. Berrangé") == "daniel p berrange"
    assert lexicon.name_key("Red Hat, Inc.") == "red hat inc"
    assert lexicon.name_key("Virtualization & IaaS") == "virtualization and iaas"
    assert lexicon.name_key("Don’t Panic") == "dont panic"


def test_name_key_keeps_plus_hash_and_non_latin_letters():
    assert len({lexicon.name_key(x) for x in ("C", "C++", "C#")}) == 3
    assert lexicon.name_key("Москва") == "москва"
    assert lexicon.name_key("snake_case") == "snake case"


def test_compact_key_drops_spaces():
    assert lexicon.compact_key("Red Hat") == lexicon.compact_key("RedHat") == "redhat"


def test_extraction_and_resolution_share_one_key():
    for text in ("Berrangé", "KVM Forum 2014", "C++ & Rust"):
        assert norm_key(text) == lexicon.name_key(text)


def test_spelling_key_joins_british_and_american_spellings():
    assert lexicon.spelling_key("Virtualisation devroom") == lexicon.spelling_key("Virtualization devroom")
    assert lexicon.spelling_key("Data Centre") == lexicon.spelling_key("Data Center")
    assert lexicon.spelling_key("Colour") == lexicon.spelling_key("color")
    assert lexicon.spelling_key("Modelling") == lexicon.spelling_key("modeling")
    # short stems are other words, not spellings
    assert lexicon.spelling_key("four") != lexicon.spelling_key("for")
    assert lexicon.spelling_key("prise") != lexicon.spelling_key("prize")


def test_honorifics_dropped_once_for_both_stages():
    assert lexicon.strip_honorific("Dr. David Alan Gilbert") == ("David Alan Gilbert", "Dr.")
    assert lexicon.strip_honorific("Prof. Dr. Jane Roe") == ("Jane Roe", "Prof. Dr.")
    assert lexicon.strip_honorific("Dr.") == ("Dr.", "")
    rules = load_rules()
    assert extract_strip_honorific("Professor Jane Roe", rules) == ("Jane Roe", "Professor")


def test_possessives():
    assert lexicon.strip_possessive("Andrew's") == "Andrew"
    assert lexicon.strip_possessive("James’") == "James"
    assert lexicon.strip_possessive("Rock'") == "Rock'"
    assert clean_name("Andrew’s") == "Andrew"


def test_legal_suffixes():
    assert lexicon.strip_org_suffix("Foo GmbH & Co. KG") == "Foo"
    assert lexicon.strip_org_suffix("Red Hat, Inc.") == "Red Hat"
    assert lexicon.join_legal_suffix("Jane Roe, Acme, S.A.") == "Jane Roe, Acme S.A."
    names, orgs = parse_people("Jane Roe, Acme Widgets, Ltd.", load_rules())
    assert names == ["Jane Roe"] and orgs == [("Jane Roe", "Acme Widgets Ltd.")]


def test_years():
    assert lexicon.expand_year("2016") == 2016
    assert lexicon.expand_year("16") == 2016
    assert lexicon.expand_year("99") is None
    assert lexicon.expand_year("3016") is None


def test_regions_longest_first():
    table = dict(lexicon.regions())
    assert table[("eu",)] == "Europe" and table[("north", "america")] == "North America"
    assert [len(k) for k, _ in lexicon.regions()] == sorted((len(k) for k, _ in lexicon.regions()), reverse=True)


def test_sentence_splitter_reads_abbreviations_from_the_lexicon():
    text = "We met Dr. Roe at the booth. Then we left."
    unit = Unit(0, "paragraph", text, 1, "")
    assert [s.text.strip() for s in sentences(unit)] == ["We met Dr. Roe at the booth.", "Then we left."]
    assert "dr" in lexicon.abbreviations()
