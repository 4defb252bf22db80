"""Per-report resolution: each Mention of one Extraction becomes a Form.

Rules that need the context of one report live here: honorifics,
possessives and "A, B" names; a series written short taking its full name
(``series.py``); a first name or surname standing for the only
full name of the report that has it; an event without year standing for the
report's only edition of that series; talks keyed by their event.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import Iterable

from graphbuild.knowledge.lexicon import (
    compact_key as compact, name_key as norm, spelling_key, strip_honorific, strip_org_suffix, strip_possessive,
    uninvert,
)
from graphbuild.resolve import editions
from graphbuild.resolve.forms import Form, Key
from graphbuild.resolve.kb import KnowledgeBase
from graphbuild.resolve.normalize import norm_url
from graphbuild.resolve.series import SeriesIndex
from graphbuild.types import Evidence, Extraction, Mention

SIMPLE_TYPES = ("Organization", "Project", "Place")


def _split_key(kb: KnowledgeBase, m: Mention, report: str, key: Key) -> Key:
    """Bare forms the user asked to keep apart get a key of their own per report."""
    return (*key, "@", report) if kb.is_split(m.type, m.name) else key


# ---------------------------------------------------------------------- by type


def person_form(m: Mention, report: str, kb: KnowledgeBase) -> Form:
    name, rule, alt = m.name.strip(), "", ""
    if kb.is_split("Person", name):
        return _form(m, report, name, ("Person", norm(name), "@", report), "")
    linked = kb.link("Person", name)
    if linked:
        return _form(m, report, linked.name, ("Person", norm(linked.name)), _link_rule(linked, name),
                     canon=linked.rule)
    steps = (("possessive", strip_possessive), ("honorific", lambda n: strip_honorific(n)[0]))
    for step, fn in steps:
        new = fn(name)
        if new != name:
            name, rule = new, rule or step
    flipped = uninvert(name)
    if flipped:
        a, b = flipped.split()
        name, alt, rule = flipped, f"{b} {a}", rule or "inverted-name"
    linked = kb.link("Person", name)
    if linked:
        name, rule = linked.name, _link_rule(linked, name) or rule
    weight = 0 if m.attrs.get("handle") and not linked else 1
    return _form(m, report, name, ("Person", norm(name)), rule, weight=weight, alt=alt,
                 canon=linked.rule if linked else "")


def simple_form(m: Mention, report: str, kb: KnowledgeBase) -> Form:
    """Organization, Project, Place: gazetteer/user canonical name, else the cleaned name."""
    name, rule = m.name.strip(), ""
    linked = kb.link(m.type, name)
    if not linked and m.type == "Organization":
        stripped = strip_org_suffix(name)
        if stripped != name:
            name, rule = stripped, "org-suffix"
            linked = kb.link(m.type, name)
    if linked:
        name, rule = linked.name, _link_rule(linked, name) or rule
    key = (m.type, compact(name) or norm(m.name))
    return _form(m, report, name, _split_key(kb, m, report, key), rule,
                 canon=linked.rule if linked else "")


def series_name(kb: KnowledgeBase, series: str, index: SeriesIndex | None = None) -> tuple[str, str]:
    """Canonical display name of a series and the rule that chose it: a knowledge-base
    name, else the full name a short form stands for ("series-abbreviation")."""
    clean = editions.clean_series(series)
    linked = kb.link("EventSeries", series) or kb.link("EventSeries", clean)
    if linked:
        return linked.name, linked.rule
    full = index.name_of(clean) if index else clean
    if compact(full) != compact(clean):
        linked = kb.link("EventSeries", full)
        return (linked.name, linked.rule) if linked else (full, "series-abbreviation")
    return clean, ""


def series_index(extractions: Iterable[Extraction], kb: KnowledgeBase) -> SeriesIndex:
    """Every series name of the reports and the knowledge base, for ``series_name``."""
    names = set()
    for ex in extractions:
        for m in ex.mentions:
            if m.type == "EventSeries" or (m.type == "Event" and not m.attrs.get("sub_event")):
                name = m.name if m.type == "EventSeries" else editions.parse(m.name, m.attrs.get("series")).series
                names.add(series_name(kb, name)[0])
    return SeriesIndex(names, kb.names("EventSeries"))


def series_key(name: str) -> str:
    """Matching key of a series: spaces, case, punctuation and British or American
    spelling ignored ("Linux Con" = "LinuxCon", "Virtualisation Day" = "Virtualization Day")."""
    return spelling_key(name).replace(" ", "")


def series_form(m: Mention, report: str, kb: KnowledgeBase, index: SeriesIndex | None) -> Form:
    name, how = series_name(kb, m.name, index)
    rule = "" if norm(name) == norm(m.name) else (
        "edition-variant" if norm(editions.clean_series(m.name)) == norm(name) else how)
    key = ("EventSeries", series_key(name))
    return _form(m, report, name, _split_key(kb, m, report, key), rule, canon=_canon(how))


def _canon(rule: str) -> str:
    """The rule when it names a knowledge-base source, else ""."""
    return rule if rule in ("user-alias", "gazetteer-alias") else ""


def resource_form(m: Mention, report: str) -> Form:
    url = str(m.attrs.get("url") or "").strip()
    key = ("Resource", norm_url(url)) if url else ("Resource", "@", report, norm(m.name))
    return _form(m, report, m.name.strip() or url, key, "")


def report_form(m: Mention | None, ex: Extraction) -> Form:
    """The report itself; made from ``ex.report`` when extraction gave no Report mention."""
    if m is None:
        r = ex.report
        m = Mention(key="report", type="Report", name=r.title, evidence=(Evidence(r.id, r.meta_line),),
                    attrs={"id": r.id, "path": r.path, "title": r.title,
                           "date": r.date.isoformat() if r.date else None,
                           "authors": list(r.authors), "tags": list(r.tags)})
    rid = str(m.attrs.get("id") or ex.report.id)
    return _form(m, rid, m.name or ex.report.title, ("Report", rid), "")


def _link_rule(linked, form: str) -> str:
    """The knowledge-base rule, or "" when the canonical name is the form itself."""
    return "" if norm(linked.name) == norm(form) else linked.rule


def _form(m: Mention, report: str, name: str, key: Key, rule: str, **more) -> Form:
    return Form(report=report, mention=m.key, type=m.type, surface=_ws(m.name), name=_ws(name), key=key,
                rule=rule, evidence=tuple(m.evidence), attrs=m.attrs,
                aliases=tuple(_ws(a) for a in m.aliases), **more)


def _ws(text: str) -> str:
    """Display form: runs of whitespace (line breaks of wrapped text) become one space."""
    return " ".join(str(text).split())


# ------------------------------------------------------------- within a report


def person_short_forms(forms: dict[str, Form]) -> None:
    """A one-word name, or an initial with a surname ("K. Chamarthy"), that fits
    exactly one full name of the same report becomes that person."""
    firsts: dict[str, set[Key]] = defaultdict(set)
    lasts: dict[str, set[Key]] = defaultdict(set)
    full: dict[Key, Form] = {}
    for f in forms.values():
        toks = norm(f.name).split()
        if (f.type == "Person" and len(toks) >= 2 and len(toks[0]) > 1 and len(toks[-1]) > 1
                and len(f.key) == 2 and not f.attrs.get("handle")):
            firsts[toks[0]].add(f.key)
            lasts[toks[-1]].add(f.key)
            full.setdefault(f.key, f)
    for mk, f in list(forms.items()):
        if f.type != "Person" or f.attrs.get("handle") or len(f.key) != 2 or f.canon:
            continue
        toks = norm(f.name).split()
        if len(toks) == 1:
            t = toks[0]
            found = firsts.get(t, set()) | lasts.get(t, set())
            rule = "first-name" if t in firsts else "surname"
        elif len(toks) == 2 and (len(toks[0]) == 1) != (len(toks[1]) == 1):
            # "K. Chamarthy" / "Kashyap C.": an initial and the other name in full
            if len(toks[0]) == 1:
                found = {k for k in lasts.get(toks[1], ()) if norm(full[k].name).startswith(toks[0])}
            else:
                found = {k for k in firsts.get(toks[0], ())
                         if norm(full[k].name).split()[-1].startswith(toks[1])}
            rule = "initial"
        else:
            continue
        if len(found) == 1:
            target = full[next(iter(found))]
            forms[mk] = replace(f, name=target.name, key=target.key, rule=rule, weight=0)
        elif len(toks) == 1:
            # a bare first name or surname is only ever resolved inside its report
            forms[mk] = replace(f, key=(*f.key, "@", f.report))


def _written(m: Mention, kb: KnowledgeBase, index: SeriesIndex | None) -> tuple[str, int | None, str, str]:
    """Series display name, written year, rule, and whether the series name is canonical."""
    name = m.name.strip()
    linked = kb.link("Event", name)
    rule = ""
    if linked:
        name, rule = linked.name, _link_rule(linked, name)
    ed = editions.parse(name, None if linked else m.attrs.get("series"))
    series, how = series_name(kb, ed.series, index)
    if not rule and how and norm(series) != norm(editions.clean_series(ed.series)):
        rule = how
    return series, ed.year, rule, _canon(how)


def event_forms(ex: Extraction, report: str, kb: KnowledgeBase, forms: dict[str, Form],
                index: SeriesIndex | None = None) -> None:
    """Event mentions: key (series, year); a year-less name takes the report's only
    edition of its series, else the extracted year, else the report's year."""
    events = [m for m in ex.mentions if m.type == "Event"]
    parsed = {m.key: _written(m, kb, index) for m in events}
    written: dict[str, set[int]] = defaultdict(set)
    for m in events:
        series, year, _, _ = parsed[m.key]
        if year is not None and not m.attrs.get("sub_event"):
            written[series_key(series)].add(year)
    report_year = ex.report.date.year if ex.report.date else None
    for m in events:
        if m.attrs.get("sub_event"):
            continue
        series, year, rule, canon = parsed[m.key]
        skey = series_key(series)
        if year is None:
            known = written.get(skey, set())
            attr_year = _year(m.attrs.get("year"))
            if len(known) == 1:
                year = next(iter(known))
            else:
                year = attr_year if attr_year is not None else report_year
            if year is not None:
                rule = "edition-without-year"
        elif not rule and norm(m.name) != norm(f"{series} {year}"):
            rule = "edition-variant"
        label = f"{series} {year}" if year is not None else series
        forms[m.key] = _form(m, report, label, _split_key(kb, m, report, ("Event", skey, year)), rule,
                             series=series, series_key=("EventSeries", skey), canon=canon)
    parents = _targets(ex, "PART_OF")
    for m in events:
        if not m.attrs.get("sub_event"):
            continue
        parent = next((forms[t].key for t in parents.get(m.key, ()) if t in forms
                       and forms[t].type == "Event" and not forms[t].attrs.get("sub_event")), ())
        year = _year(m.attrs.get("year")) or report_year
        key = ("Event", "sub", spelling_key(editions.split_year(m.name)[0]), parent or year)
        forms[m.key] = _form(m, report, m.name.strip(), _split_key(kb, m, report, key), "", event=parent)


def _year(value) -> int | None:
    """An extracted year: an int, or digits in a string; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) == 4:
        return int(value.strip())
    return None


def _targets(ex: Extraction, rel_type: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for r in ex.relations:
        if r.type == rel_type:
            out[r.source].append(r.target)
    return out


def talk_forms(ex: Extraction, report: str, kb: KnowledgeBase, forms: dict[str, Form]) -> None:
    """Talks: key (title, event); the event is the PRESENTED_AT target, a main
    edition preferred over a devroom or track."""
    at = _targets(ex, "PRESENTED_AT")
    for m in ex.mentions:
        if m.type != "Talk":
            continue
        events = sorted((forms[t] for t in at.get(m.key, ()) if t in forms and forms[t].type == "Event"),
                        key=lambda f: (bool(f.attrs.get("sub_event")), repr(f.key)))
        event = events[0].key if events else ()
        key = _split_key(kb, m, report, ("Talk", spelling_key(m.name), event))
        forms[m.key] = _form(m, report, m.name.strip(), key, "", event=event)


def local_forms(ex: Extraction, kb: KnowledgeBase, index: SeriesIndex | None = None) -> dict[str, Form]:
    """Mention key -> Form for one Extraction; ``index`` knows the full names of
    series written short."""
    report = ex.report.id
    for m in ex.mentions:
        if m.type == "Report" and m.attrs.get("id"):
            report = str(m.attrs["id"])
    forms: dict[str, Form] = {}
    for m in ex.mentions:
        if m.type == "Report":
            forms[m.key] = report_form(m, ex)
        elif m.type == "Person":
            forms[m.key] = person_form(m, report, kb)
        elif m.type in SIMPLE_TYPES:
            forms[m.key] = simple_form(m, report, kb)
        elif m.type == "EventSeries":
            forms[m.key] = series_form(m, report, kb, index)
        elif m.type == "Resource":
            forms[m.key] = resource_form(m, report)
    if not any(f.type == "Report" for f in forms.values()) and "report" not in forms:
        forms["report"] = report_form(None, ex)
    person_short_forms(forms)
    event_forms(ex, report, kb, forms, index)
    talk_forms(ex, report, kb, forms)
    return forms
