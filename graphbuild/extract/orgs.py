"""Organizations and who works where: functions of a block's text, the people found
in it and the rules (``drop_person_named`` alone changes a collector).

A reader finds a person's organization next to the name in a few general ways:
a role and a preposition ("Jane Doe, Senior Engineer at Acme and maintainer of X",
"Jane Doe is co-founder of Acme"), the organization's role words before the name
("Acme CTO Jane Doe"), a team ("members of the Acme team - A, B and C",
"A, B and others on the Acme team", "A and everyone from Acme"); and organizations
without people in lists of sponsors, partners and hosts ("sponsored by A and B").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graphbuild.extract import gazetteer
from graphbuild.extract.config import Rules
from graphbuild.extract.names import looks_like_person
from graphbuild.extract.parts import people_of

# An organization's name: capitalised words ("rOpenSci", "Solo.io") and the short words inside names.
_WORD = r"(?:[A-Z0-9]|[a-z][A-Z])[\w.&'’+-]*"
ORG_WORDS = rf"{_WORD}(?:[ \t]+(?:(?:of|and|for|de|du|la|und|&|the)[ \t]+){{0,2}}{_WORD}){{0,7}}"
_ORG = re.compile(ORG_WORDS)
_KINDS = ("organizations", "projects", "events", "places")
_CONNECTORS = ("of", "and", "&", "for", "de", "du", "la", "und", "the")
_CLAUSE_END = re.compile(r"[,;:.!?()\[\]\n]|\s[-–—]\s|\s+(?:who|which|where|with|and\s+(?:he|she|they|is|was|has|will))\b")


@dataclass(frozen=True)
class Affiliation:
    """People of one organization, read at ``start`` in a block by ``rule``."""
    names: tuple[str, ...]
    org: str
    start: int
    rule: str


def trim_org(org: str) -> str:
    """The name without the connectors, articles and possessives a sentence leaves at its ends."""
    words = org.strip(" ,.;:'’").split()
    while words and words[0].casefold() == "the":
        words.pop(0)
    while words and words[-1].casefold() in _CONNECTORS:
        words.pop()
    text = " ".join(words)
    return re.sub(r"['’]s$", "", text)


def org_at(text: str) -> str:
    """The organization's name that ``text`` starts with ("the University of Washington, where" ->
    "University of Washington"), or ""."""
    text = re.split(r"\.\s|['’]s\s", re.sub(r"^(?:the|The)\s+", "", text.lstrip()), maxsplit=1)[0]
    m = _ORG.match(text)
    return trim_org(m.group(0)) if m else ""


def whole_org(org: str, rules: Rules) -> str:
    """A known organization followed by the name of one of its bodies is that organization
    ("CNCF Technical Advisory Board" -> "CNCF", "Facebook Video Productions team" -> "Facebook");
    any other name stays whole ("Microsoft Azure Data & AI")."""
    bodies = rules.compiled("org_body")
    hits = gazetteer.find(org, ("organizations",))
    if hits and hits[0].start == 0 and hits[0].end < len(org) and bodies.search(org[hits[0].end:]):
        return org[:hits[0].end]
    return org


def cut_list(org: str, rules: Rules) -> str:
    """"Stackgenie and Tetrate" names two organizations when one of them is known;
    "Plant and Food Research" and "Academy of Arts and Sciences" name one."""
    head, sep, tail = org.partition(" and ")
    if not sep or " of " in f" {head} ":
        return org
    second = " ".join(tail.split()[:2])
    if gazetteer.find_exact(head, _KINDS) or gazetteer.find_exact(tail, _KINDS) or looks_like_person(second, rules):
        return head               # "Acme Consulting and Jane Doe of Beta": a name starts after "and"
    return org


def branded(org: str, rules: Rules) -> bool:
    """A name written as an organization's: known, a brand ("OpenHatch", "IISER", "rOpenSci"),
    or ending in a word of organizations ("Open Invention Network")."""
    words = org.split()
    return bool(words) and (bool(gazetteer.find_exact(org, ("organizations",))) or words[-1] in rules.compiled("org_head")
                            or any(any(c.isupper() for c in w[1:]) for w in words))


def _is_role(phrase: str, rules: Rules) -> bool:
    roles = rules.compiled("role_casefold")
    return any(w.casefold().strip(".,()") in roles or w.casefold().split("-")[-1] in roles for w in phrase.split())


def orgs_of_roles(text: str, rules: Rules) -> list[tuple[int, str]]:
    """The organizations of the roles a clause names, as (offset, name):
    "a Senior Engineer at Red Hat and maintainer for the KVM Project" -> Red Hat;
    "Chair of the CNCF Board and Head of Infrastructure at CERN" -> CNCF Board, CERN."""
    stop = _CLAUSE_END.search(text)
    clause = text[:stop.start()] if stop else text
    found: list[tuple[int, str]] = []
    pieces = [(0, clause)]
    for m in re.finditer(r"\s+(?:and|&)\s+(?=(?:(?:a|an|the)\s+)?\S+)", clause):
        nxt = clause[m.end():].split(" ", 1)[0]
        if nxt[:1].islower() or _is_role(nxt, rules):
            start = pieces[-1][0]
            pieces[-1] = (start, clause[start:m.start()])
            pieces.append((m.end(), clause[m.end():]))
    for start, piece in pieces:
        words = piece.split()
        if not words or not _is_role(" ".join(words[:6]), rules):
            continue
        m = re.match(r"^(?:(?:a|an|the)\s+)?(?P<role>(?:[\w-]+\s+){0,3}?[\w-]+)\s+(?P<org>\S.*)$", piece)
        if m and all(_is_role(w, rules) for w in m.group("role").split()) and \
                (hit := gazetteer.find_exact(m.group("org"), ("organizations",))):
            found.append((start + m.start("org"), hit.entry.name))       # "CTO CNCF"
            continue
        at = [m for m in re.finditer(r"\s(?:at|@)\s+", piece)]
        prep = at[-1] if at else re.search(r"\s(?:of|for|with|in)\s+", piece)
        if not prep or not _is_role(piece[:prep.start()], rules) or len(piece[:prep.start()].split()) > 7:
            continue
        org = org_at(piece[prep.end():])
        role = piece[:prep.start()]
        if prep.group(0).strip() not in ("at", "@") and (
                rules.compiled("project_role").search(role) or org in rules["not_names"]
                or rules.compiled("department_role").search(role) and not branded(org, rules)):
            continue          # "maintainer of X": X is a project; "Director of Community Engagement" a department
        if org:
            found.append((start + prep.end(), org))
    return found


def groups(text: str, persons: list[tuple[int, int, str]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Lists of names in a block ("A, B and C") as (start, end, names)."""
    out: list[tuple[int, int, tuple[str, ...]]] = []
    for a, b, name in persons:
        if out and re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)", text[out[-1][1]:a]):
            out[-1] = (out[-1][0], b, out[-1][2] + (name,))
        else:
            out.append((a, b, (name,)))
    return out


def affiliations(text: str, persons: list[tuple[int, int, str]], rules: Rules) -> list[Affiliation]:
    """Affiliations written around the names of a block (see the module's docstring)."""
    text = text.replace("\n", " ")
    found: list[Affiliation] = []
    for a, b, names in groups(text, persons):
        after = text[b:b + 300]            # a clause after the names, never the rest of a long text
        m = re.match(r"\s*(?:,\s*|\s+(?:is|was|who is|who was)\s+(?:now\s+|currently\s+|also\s+)?|\s*\(\s*)", after)
        if m and m.end():
            for pos, org in orgs_of_roles(after[m.end():], rules):
                found.append(Affiliation(names, whole_org(org, rules), a, "prose-role-at"))
        m = rules.compiled("team_after").match(after)
        if m:
            org = org_at(m.group("org") or m.group("team"))
            if m.group("team") and not gazetteer.find_exact(org, ("organizations",)):
                org = ""          # "and the UX team": a known organization's team only
            if org:
                found.append(Affiliation(names, whole_org(org, rules), a, "prose-team"))
        before = text[max(0, a - 120):a]
        m = rules.compiled("team_before").search(before)
        if m and org_at(m.group("org")):
            found.append(Affiliation(names, whole_org(org_at(m.group("org")), rules), a, "prose-team"))
        m = rules.compiled("org_role_before").search(before)
        if m and len(names) == 1:
            hit = gazetteer.find_exact(m.group("org"), ("organizations",))
            if hit:
                found.append(Affiliation(names, hit.entry.name, a, "prose-org-role"))
    return found


def ends_with_cue(text: str, rules: Rules) -> bool:
    """A paragraph ending in a cue and a colon ("a great line-up of companies:"): the next one is the list."""
    tail = text.rstrip()[-80:]
    return tail.endswith(":") and any(m.end() >= len(tail) - 1 for m in rules.compiled("org_list_cue").finditer(tail))


def from_org(text: str, doc, rules: Rules, known: frozenset[str] = frozenset()) -> list[Affiliation]:
    """"Jane Doe from Acme", "Jane Doe and Ovidiu from Acme", "Jane Doe of Acme Software": names that spaCy reads as names
    (of people or, wrongly, of organizations) before "from" and an organization's name."""
    out = []
    named = {" ".join(e.text.split()) for e in getattr(doc, "ents", ()) if e.label_ in ("PERSON", "ORG")} | known
    for m in rules.compiled("name_from_org").finditer(text.replace("\n", " ")):
        names = tuple(n for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", m.group("who")) if n)
        while names and (names[0] not in named or gazetteer.find(names[0], _KINDS)):
            names = names[1:]     # "Acme Consulting and Jane Doe of Beta": the names nearest "of"
        if not names:
            continue
        org = cut_list(org_at(m.group("org")), rules)
        after = m.group("org")[m.group("org").find(org) + len(org):] if org else ""
        if rules.compiled("after_org_project").match(after):
            continue          # "Jane Doe from the Nepomuk project"
        if m.group("prep") == "of" and not branded(org, rules):
            continue          # "Jane Doe of Progress Software", not "Jane Doe of Berlin"
        if org and all(n in named and not gazetteer.find(n, _KINDS) for n in names) and looks_like_person(names[0], rules) \
                and all(looks_like_person(n, rules, allow_single=True) for n in names):
            out.append(Affiliation(names, org, m.start(), "prose-from-org"))
    return out


def listed_orgs(text: str, rules: Rules, *, whole: bool = False) -> list[tuple[int, str]]:
    """Organizations named in a list after a cue of sponsors, partners or hosts:
    "sponsored by A, B and C", "our partners: A, B", "hosted by A"; with ``whole``,
    the block itself is such a list."""
    out: list[tuple[int, str]] = []
    flat = text.replace("\n", " ")
    starts = [0] if whole else [m.end() for m in rules.compiled("org_list_cue").finditer(flat)]
    for pos in starts:
        items = 0
        while True:
            org = cut_list(org_at(flat[pos:pos + 200]), rules)
            if items and " and " in org and " of " not in org.partition(" and ")[0]:
                org = org.partition(" and ")[0]          # "A, B and C": the last "and" joins the list
            if not org:
                break
            items += 1
            start = flat.find(org, pos, pos + 200 + len(org))
            if re.match(r"['’]s\s", flat[start + len(org):start + len(org) + 3]):
                break             # "hosted by Acme's Jane Doe": a person
            out.append((start, org))
            rest = re.match(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s+)(?:the\s+)?", flat[start + len(org):start + len(org) + 20])
            if not rest:
                break
            pos = start + len(org) + rest.end()
    if whole and (len(out) < 2 or len(flat) - (out[-1][0] + len(out[-1][1])) > 20):
        return []                 # a paragraph after the cue that is no list of names
    return out


def listed_org_ok(org: str, text: str, links, rules: Rules) -> bool:
    """A listed name shaped like a person's is an organization when the report links it to a site of
    the same name ("[Home Depot](https://careers.homedepot.com/)") or lists it among three or more names."""
    if gazetteer.find_exact(org, ("organizations",)) or not looks_like_person(org, rules):
        return True
    squashed = re.sub(r"\W", "", org).casefold()
    if any(s.text.strip() == org and squashed in re.sub(r"[^\w.]", "", s.url.split("/")[2] if "//" in s.url else "").casefold()
           for s in links):
        return True
    listed = listed_orgs(text, rules, whole=False) or listed_orgs(text, rules, whole=True)
    return len(listed) >= 3 and sum(looks_like_person(o, rules) for _, o in listed) * 2 < len(listed)


def known_org(name: str, doc, collector) -> bool:
    """An organization the lexicon knows, the report already names, or spaCy reads as one here."""
    if gazetteer.find_exact(name, ("organizations",)):
        return True
    if any(collector.get(k).name == name for k in collector.keys("Organization")):
        return True
    return any(e.label_ == "ORG" and " ".join(e.text.split()) == name for e in getattr(doc, "ents", ()))


def abbreviates(acronym: str, name: str) -> bool:
    """An acronym in brackets after words that it abbreviates: "Direct Server Return (DSR)" is no affiliation."""
    if not (acronym.isalpha() and 2 <= len(acronym) <= 8 and (acronym.isupper() or any(c.isupper() for c in acronym[1:]))):
        return False          # "DSR", "vVols"; not "Aqua"
    letters = iter(acronym.upper())
    return all(any(c == w[0].upper() for c in letters) for w in name.split())


def same_orgs(names: list[str], texts: list[str], rules: Rules) -> list[tuple[str, str]]:
    """Pairs (other form, whole name) of one organization among ``names``: an acronym the report
    writes in brackets after the name ("Defense Advanced Research Projects Agency (DARPA)"), and a
    name of three words or more cut from a longer one ("Academy of Sciences" in "Eastland Academy of Sciences"),
    and a name without the words of a company after it ("Adobe" beside "Adobe Systems")."""
    pairs = []
    by_name = set(names)
    heads = rules.compiled("org_head") | rules.compiled("org_suffix")
    for text in texts:
        for m in re.finditer(r"(?P<long>%s)\s*\((?P<acr>[A-Za-z]{2,8})\)" % ORG_WORDS, text):
            long = trim_org(m.group("long"))
            while long and long not in by_name and " " in long:
                long = long.split(" ", 1)[1]
            if long in by_name and m.group("acr") in by_name and abbreviates(m.group("acr"), long):
                pairs.append((m.group("acr"), long))
    for short in names:
        if len(short.split()) >= 3:
            longer = [n for n in names if n != short and n.endswith(" " + short)]
            if len(longer) == 1:
                pairs.append((short, longer[0]))
        longer = [n for n in names if n.startswith(short + " ")]
        if len(longer) == 1 and all(w in heads for w in longer[0][len(short):].split()):
            pairs.append((short, longer[0]))       # "Adobe" and "Adobe Systems"
    return list(dict.fromkeys(pairs))


def service_only(forms: set[str], texts: list[str], rules: Rules) -> bool:
    """Every time the report names the organization it names a service it uses
    ("watch it on YouTube", "YouTube link:", "GitHub runners")."""
    seen = False
    for text in texts:
        for form in forms:
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                seen = True
                if not (rules.compiled("service_before").search(text[max(0, m.start() - 30):m.start()])
                        or rules.compiled("service_after").match(text[m.end():m.end() + 30])):
                    return False
    return seen


def drop_person_named(collector, name: str) -> None:
    """Drop the person spaCy alone read in an organization's name ("Vente Exclusive")."""
    for key in collector.keys("Person"):
        m = collector.get(key)
        if m.name == name and all(e.rule == "ner-person" for e in m.evidence) and not collector.relations_of(key):
            collector.drop(key)


def split_tail(text: str, rules: Rules, known: frozenset[str] = frozenset()
               ) -> tuple[str, list[str], list[tuple[str, str]]] | None:
    """An agenda cell that runs a title into its speaker and organization with no separator:
    "Securing Workloads with Mesh Jane Doe Acme Cloud", "Title Jane Doe, Senior Engineer, Acme":
    (title, names, affiliations) when the cell ends with a person-shaped name followed by an
    organization that is known or comes after a role; None otherwise."""
    words = list(re.finditer(r"\S+", text))
    for n in range(len(words) - 2, 0, -1):
        for size in (3, 2):
            if n - size + 1 < 1:
                continue
            first, last = words[n - size + 1], words[n]
            name = text[first.start():last.end()].rstrip(",:;")
            if size == 3 and name not in known:
                continue              # "Mesh Security in Depth Lina Park": two words, unless the report gave three
            rest = text[last.end():].strip(" ,:;-–—")
            if not rest or not first.group(0)[0].isupper() or gazetteer.find(name, _KINDS) \
                    or not (name in known or looks_like_person(name, rules)):
                continue
            affs = _tail_affiliations(name, rest, rules, known)
            title = text[:first.start()].strip(" ,:;-–—")
            if affs and len(title.split()) >= 2 and title.split()[-1].casefold() not in rules["open_title_ends"]:
                return title, [name], affs
    return None


def _tail_affiliations(name: str, rest: str, rules: Rules, known: frozenset[str]) -> list[tuple[str, str]]:
    """The organizations of ``rest`` after a name: "Acme Cloud", "Senior Engineer, Acme",
    "Acme Cloud Data Plane Technical Expert" (a known organization before a role)."""
    hit = next(iter(gazetteer.find(rest, ("organizations",))), None)
    if hit and hit.start == 0 and (hit.end == len(rest) or _is_role(rest[hit.end:], rules)) and "," not in rest:
        return [(name, hit.entry.name)]
    found = people_of(f"{name}, {rest}", rules, known | {name})
    if not found or found[0] != [name] or not found[1]:
        return []
    orgs = [org for _, org in found[1]]
    has_role = len(orgs) < len([p for p in rest.split(",") if p.strip()])
    if has_role or any(gazetteer.find_exact(o, ("organizations",)) for o in orgs):
        return found[1]
    return []
