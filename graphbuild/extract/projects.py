"""Software projects a report names beyond the gazetteer: linked repositories and
packages, names a noun of software describes or follows, manual-page names,
names with a software suffix, and versions and components of known projects.

Each function reads a report (or one text) and returns ``ProjectFound`` records;
the report extractor adds them as mentions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from wordfreq import zipf_frequency

from graphbuild import knowledge
from graphbuild.extract import gazetteer
from graphbuild.extract.collect import Collector
from graphbuild.extract.config import Rules
from graphbuild.extract.events import find_events
from graphbuild.extract.names import looks_like_person
from graphbuild.types import Evidence, Report

_PROSE = ("paragraph", "list_item", "table_row", "quote")
_KNOWN = ("projects", "organizations", "places")       # the entities pass reads the same kinds: hits are shared
_NOT_PROJECTS = ("organizations", "events", "places")
# Words that may stand before ", a ..." or before a noun of software without naming software.
_COMMON_HEADS = frozenset({"it", "this", "that", "there", "here", "which", "what", "one", "each", "also", "and", "or",
                           "but", "the", "a", "an", "we", "they", "he", "she", "you", "i", "there's", "it's"})


@dataclass(frozen=True)
class ProjectFound:
    """A project named in a report: its name, where, why, and the form written when not the name."""
    name: str
    line: int
    text: str
    rule: str
    confidence: float
    alias: str | None = None


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """How common a word is in English (wordfreq's Zipf scale; 0 for a word never seen)."""
    return zipf_frequency(word, "en")


def shaped(name: str) -> bool:
    """Written as software is: inner capitals, digits or joiners ("SvelteKit", "ggplot2", "svelte-fsm"), but
    not a compound of common words ("open-source", "code-generation") or a participle ("peer-reviewed")."""
    if re.fullmatch(r"[\w-]+-(?:\w+ed|\w+ing)", name):
        return False
    if re.search(r"[a-z][A-Z]|[\d_.+]", name):
        return True
    return "-" in name and not all(len(p) > 1 and zipf(p.casefold()) >= 3.0 for p in name.split("-"))


def rare(name: str, rules: Rules) -> bool:
    """A single word that is no common English word ("usethis", "bhyve"), nor a verb's form ("templating")."""
    if not name.isalpha() or (name.islower() and re.search(r"(?:ing|ed)$", name)):
        return False
    return zipf(name.casefold()) < rules["word_zipf"]["rare"]


def context(text: str, pos: int, width: int = 200) -> str:
    start = max(0, pos - width // 2)
    return text[start:start + width]


def _named_otherwise(name: str, rules: Rules) -> bool:
    """A person, organization, event or place rather than software, or a resource's label ("demo1", "slides")."""
    return bool(name.casefold() in _COMMON_HEADS or looks_like_person(name, rules)
                or gazetteer.find_exact(name, _NOT_PROJECTS) or find_events(name, rules)
                or any(rx.match(name) for rx in rules.compiled("resource_words").values()))


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.casefold())


def canonical(found: ProjectFound) -> ProjectFound:
    """The gazetteer's name of a project found by another rule ("DragonFlyBSD" is DragonFly BSD)."""
    hit = gazetteer.find_exact(found.name, ("projects",))
    entry = hit.entry if hit else _known_forms().get(found.name.casefold())     # "Ftrace" at a sentence's start
    if entry is None or entry.name == found.name:
        return found
    return ProjectFound(entry.name, found.line, found.text, found.rule, found.confidence, alias=found.name)


@lru_cache(maxsize=1)
def _known_forms() -> dict[str, knowledge.Entry]:
    return {form.casefold(): e for e in knowledge.load("projects") for form in e.forms}


def linked(report: Report, rules: Rules) -> list[ProjectFound]:
    """A link whose text is the name of the repository or package it points at."""
    out = []
    for block in report.blocks:
        for link in block.links:
            name = " ".join(link.text.split()).strip(" .,:;()")
            if not name or len(name) > 40 or len(name.split()) > 2 or link.image or name.startswith("@"):
                continue
            key = _squash(name)
            for rx in rules.compiled("project_urls"):
                m = rx.search(link.url)
                if not m:
                    continue
                target = _squash(m.group("name"))
                same = target == key or (len(key) > 4 and SequenceMatcher(None, target, key).ratio() >= 0.85)
                if same and len(key) > 2:
                    if not _named_otherwise(name, rules):
                        out.append(ProjectFound(name, link.line, f"{name} <{link.url}>", "project-link", 0.7))
                    break
    return out


def described(report: Report, rules: Rules) -> list[ProjectFound]:
    """"Vest, a validation library", "[Primo](url) is an all-in-one CMS", "ropsec: a package for ...":
    a name that a noun of software describes."""
    out = []
    for block in report.blocks:
        if block.kind not in _PROSE + ("heading",):
            continue
        for m in rules.compiled("software_apposition").finditer(block.text):
            name = m.group("name").strip(".,")
            start = m.start("name")
            linked_ = any(link.text.strip() == name or link.text.strip().startswith(name + ",") for link in block.links)
            if not (linked_ or shaped(name) or rare(name, rules)):
                continue          # "Calculator, a tool": a plain word names no software on its own
            if not (linked_ or shaped(name)) and name[0].isupper() and re.search(r"[A-Z][\w'’-]*\s+$", block.text[:start]):
                continue          # "Timo Stollenwerk, a developer of ...": the last word of a person's name
            if _named_otherwise(name, rules):
                continue
            out.append(ProjectFound(name, block.line_of(start), context(block.text, start), "project-described", 0.6))
    return out


def cued(report: Report, rules: Rules) -> list[ProjectFound]:
    """"the usethis package", "his mctq package", "pkg(8)", "Stargate.io": names that a noun of software
    after them, a manual section or a software suffix make a project."""
    out = []
    for block in report.blocks:
        if block.kind not in _PROSE + ("heading",):
            continue
        text = block.text
        for pattern in ("software_cue", "software_role", "software_role_after"):
            for m in rules.compiled(pattern).finditer(text):
                name = m.group("name").strip(".")
                if "." in name or not (shaped(name) or rare(name, rules)) or _named_otherwise(name, rules):
                    continue
                if pattern == "software_role_after" and not (shaped(name) or name[0].isupper()):
                    continue      # "the tracing sybsystem maintainer": a misspelt word, not a name
                out.append(ProjectFound(name, block.line_of(m.start()), context(text, m.start()), "project-cue", 0.6))
        for m in rules.compiled("man_page").finditer(text):
            out.append(ProjectFound(m.group(0), block.line_of(m.start()), context(text, m.start()), "project-man-page",
                                    0.7, alias=m.group("name")))
        for m in rules.compiled("software_suffix").finditer(text):
            name = m.group("name")
            stem = name.rsplit(".", 1)[0]
            if gazetteer.find_exact(stem, _NOT_PROJECTS + ("projects",)):
                continue          # "CNCF.io", "KubeVirt.io": the site of a name known otherwise
            if re.search(r"[A-Z]", name) and not _named_otherwise(name, rules):
                out.append(ProjectFound(name, block.line_of(m.start()), context(text, m.start()), "project-suffix", 0.6))
    return out


def _project_hits(text: str) -> list[gazetteer.Hit]:
    """Known projects in ``text``; a name inside a known organization's or place's name is none."""
    return [h for h in gazetteer.find(text, _KNOWN) if h.entry.type == "Project"]


def plain_hit(text: str, hit: gazetteer.Hit, rules: Rules) -> bool:
    """A known project named by a common word ("Satellite", "Heat") counts where the text writes it as a
    name among lower-case words, not inside a Title Case run ("Classification of Satellite Imagery"); no
    known project counts where it begins a company's name ("Envoy Advanced Technologies")."""
    if rules.compiled("company_after").match(text, hit.end):
        return False          # "Envoy Advanced Technologies": a company the name begins
    surface = hit.surface
    if not hit.entry.case_sensitive or " " in surface or zipf(surface.casefold()) < rules["word_zipf"]["common"]:
        return True
    return not _title_case_line(text, hit.start)


def _title_case_line(text: str, pos: int) -> bool:
    """The line around ``pos`` capitalises most of its words, as a title does."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", text[line_start:line_end if line_end >= 0 else len(text)])
             if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def extended(report: Report, rules: Rules) -> list[ProjectFound]:
    """Versions and components of known projects ("React 19", "Cassandra 4.0", "React DevTools"), and
    names joined to them that look like software ("Scala and Scio")."""
    out = []
    for block in report.blocks:
        if block.kind not in _PROSE + ("heading",):
            continue
        text = block.text
        for hit in _project_hits(text):
            if not plain_hit(text, hit, rules):
                continue
            rest = text[hit.end:]
            line = block.line_of(hit.start)
            ver = version(rest, rules)
            if ver:
                out.append(ProjectFound(f"{hit.entry.name} {ver}", line, context(text, hit.start), "project-version",
                                        0.6, alias=f"{hit.surface} {ver}"))
            for m in (rules.compiled("coordination_after").match(rest),
                      rules.compiled("coordination_before").search(text[:hit.start])):
                name = m.group("name") if m else ""
                if m and m.re is rules.compiled("coordination_before") and \
                        re.search(r"[A-Z][\w'’-]*\s+$", text[:hit.start][:m.start()]):
                    continue      # "German Eichberger and ...": the last word of a person's name
                if name and (shaped(name) or rare(name, rules)) and not _named_otherwise(name, rules) \
                        and "+" not in name and not _in_address(text, hit.start):
                    out.append(ProjectFound(name, line, context(text, hit.start), "project-coordinated", 0.5))
            comp = component(rest, rules)
            if comp:
                name = f"{hit.entry.name} {comp}"
                if not (gazetteer.find(name, _NOT_PROJECTS) or find_events(f"{hit.surface} {comp}", rules)):
                    ver = version(rest[rest.index(comp) + len(comp):], rules)     # "React Router v7"
                    out.append(ProjectFound(name, line, context(text, hit.start), "project-component", 0.6,
                                            alias=f"{hit.surface} {comp}" + (f" {ver}" if ver else "")))
    return out


def _in_address(text: str, pos: int) -> bool:
    """``pos`` is inside a URL or a path ("https://github.com/ceph/ceph"), where "/" joins no names."""
    start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = min(i for i in (text.find(" ", pos), text.find("\n", pos), len(text)) if i >= 0)
    token = text[start:end].rstrip(".,;:!?)")
    return "/" in token and "." in token


def version(rest: str, rules: Rules) -> str | None:
    """The version written right after a project's name in ``rest`` ("19", "4.0", "v7"), or None."""
    m = rules.compiled("project_version").match(rest)
    if not m:
        return None
    ver, nxt = m.group("version"), (m.group("next") or "").casefold()
    limits = rules["project_version"]
    if ver in limits["not_numbers"] or nxt in limits["not_before"] or re.fullmatch(r"(?:19|20)\d\d", ver):
        return None
    return ver


def component(rest: str, rules: Rules) -> str | None:
    """The component word right after a project's name: a noun of components or a CamelCase word that names
    nothing else ("FreeBSD VirtualBox" is VirtualBox)."""
    m = rules.compiled("project_component").match(rest)
    if not m:
        return None
    word = m.group("component")
    if word.casefold() in {w.casefold() for w in rules["component_not"]}:
        return None
    camel = bool(re.fullmatch(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+", word))
    if word in rules["component_nouns"] or camel:
        return None if gazetteer.find_exact(word, _NOT_PROJECTS + ("projects",)) else word
    return None


def named_in(text: str, names: dict[str, str]) -> list[str]:
    """Keys of the projects whose name (or a form of it, ``names``: form -> key) ``text`` writes."""
    found, taken = [], []
    for form in sorted(names, key=len, reverse=True):      # "React Native" is not also React
        for m in re.finditer(rf"(?<![\w.-]){re.escape(form)}(?![\w-]|\.\w)", text):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if names[form] not in found:
                found.append(names[form])
    return found


def employers(report: Report, rules: Rules) -> set[str]:
    """Known products the report writes as a person's employer ("Ovidiu from AWS", "Sam White (Gitlab)")."""
    out = set()
    for block in report.blocks:
        text = block.text
        for hit in _project_hits(text):
            m = rules.compiled("employer_before").search(text[max(0, hit.start - 60):hit.start])
            if not m or find_events(text[hit.start:hit.end + 30], rules) or re.match(r"\s+[A-Z]|['’]s\b", text[hit.end:]):
                continue          # "from React India", "TCG's": no employer
            name = m.group("name")
            if m.group(0).rstrip().endswith("("):
                if text[hit.end:hit.end + 1] == ")" and looks_like_person(name, rules):
                    out.add(hit.entry.name)
            elif _title_case_line(text, hit.start):
                continue          # "Taking Advantage of TCG": a title, not a person's employer
            elif looks_like_person(name, rules) or re.fullmatch(r"[A-Z][a-z]+", name) and rare(name, rules):
                out.add(hit.entry.name)
    return out


def organizations_named(c: Collector, employed: set[str] = frozenset()) -> list[str]:
    """Projects the gazetteer found that the report names as an organization: the same name ("AWS" as an
    affiliation), a product written as a person's employer (``employed``), or a part of an organization's
    name on the same lines ("Microsoft Azure Data & AI")."""
    orgs = [c.get(k) for k in c.keys("Organization")]
    out = []
    for key in c.keys("Project"):
        m = c.get(key)
        if m.name in employed:
            out.append(key)
            continue
        if any(e.rule != "gazetteer" for e in m.evidence):
            continue
        forms = {m.name, *m.aliases}
        lines = {e.line for e in m.evidence}
        for org in orgs:
            org_forms = {org.name, *org.aliases}
            if forms & org_forms:
                out.append(key)
                break
            within = [o for o in org_forms if named_in(o, {f: key for f in forms})]
            if within and all(e.rule != "gazetteer" for e in org.evidence) and lines <= {e.line for e in org.evidence}:
                out.append(key)
                break
    return out


def talk_subjects(c: Collector) -> list[tuple[str, str, Evidence]]:
    """(talk, project, evidence): a talk is ABOUT the projects its title names, or the text that is its own
    (an entry or sentence that names no other talk)."""
    names = {}
    for key in c.keys("Project"):
        m = c.get(key)
        for form in (m.name, *sorted(m.aliases)):
            if len(form) > 1 or form.isupper():
                names.setdefault(form, key)
    talks = [(k, c.get(k)) for k in c.keys("Talk")]
    shared: dict[str, int] = {}
    for _, t in talks:
        for text in {e.text for e in t.evidence}:
            shared[text] = shared.get(text, 0) + 1
    out = []
    for key, t in talks:
        if not t.evidence:
            continue
        own = [e.text for e in t.evidence if shared[e.text] == 1]
        for project in named_in("\n".join([t.name, *t.aliases, *own]), names):
            out.append((key, project, t.evidence[0]))
    return out
