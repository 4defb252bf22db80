"""The parts of one unit of a report (a list item, table row, heading or line).

A unit is read the same way whatever its layout: a leading time slot and
structural labels ("Day 2 - Session 3 -", "Keynote:") come off first, resource
links and resource words ("(Video)") are set aside, and what is left is cut at
separators (dashes of every width, "|", line breaks, brackets, " by ") into
segments. Each segment is then named by what it looks like: people (with their
organizations), a title, or neither. ``candidates`` builds talks from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from graphbuild.extract import gazetteer
from graphbuild.extract import links as L
from graphbuild.extract.config import Rules
from graphbuild.extract.events import find_events
from graphbuild.extract.names import looks_like_org, looks_like_person, split_people
from graphbuild.extract.units import Span, Unit

TIME = r"(?:\d{1,2}[:.h]\d{2}\s*(?:[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
_BULLET = re.compile(r"^\s*(?:[-*•·▪►]|\d{1,2}[.)](?!\d))\s+|^\s*\|\s*")       # a bullet, an empty first cell
_SLOT = re.compile(rf"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s+)?(?:\w{{3,9}}\.?\s+\d{{1,2}},?\s+)?"
                   rf"{TIME}(?:\s*(?:[-–—]|to)\s*{TIME})?(?-i:\s*\(?[A-Z]{{2,4}}\)?(?![\w]))?\s*(?:[-–—:,|]\s*)?", re.I)
# A day's date before a unit's own words: "Wednesday, November 12 BoF: ...", "Mon 3 Feb - ..."
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_DATE = re.compile(rf"^\s*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
                       rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}"
                       rf"|\d{{1,2}}\s*[/.]\s*(?:{_MONTH}|\d{{1,2}}\.?)(?:\s*[/.]\s*\d{{2,4}})?|\d{{4}}-\d{{2}}-\d{{2}})(?:,?\s+\d{{4}})?"
                       rf"\s*(?:[-–—:,|]\s*|\s+)(?=\S)", re.I)
_YEAR_LABEL = re.compile(r"^\s*(?:19|20)\d{2}\s*[:|–—]\s*(?=\S)")
_SPACES = str.maketrans({c: " " for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\t"})
# A separator between the parts of a unit.
_SEP = re.compile(r"\s+(?:-{1,2}|[–—])\s+|\s*[—]\s*|\s+\|\s+|\s*\n\s*|(?<=\S)\s*--\s*(?=\S)")
_BY = re.compile(r"^(?P<title>.+?)[\s,]+(?:(?:presented|given|led|hosted|moderated|delivered)\s+by|by|with|from)\s+(?P<who>[^,]+(?:,.+)?)$", re.I)
_COLON = re.compile(r"^(?P<a>[^:]{2,120}?):\s+(?P<b>.+)$")
_BRACKETS = re.compile(r"\(([^()]{2,200})\)|\[([^\[\]]{2,200})\]")
_QUOTES = re.compile(r"[\"“”«»]")
_DATE_REST = re.compile(r"^[\s,–—-]*(?:\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b", re.I)
_PRONOUN = re.compile(r"^(?:I|We|You|They|He|She|It|This|These|Those|Our|My|Their|There|Here)\b")


@dataclass(frozen=True)
class Segment:
    """A stretch of a unit between separators."""
    start: int
    end: int
    text: str
    link: Span | None = None          # the link that covers the whole segment
    marked: bool = False              # bold, italic or quoted as a whole
    bounded: bool = True              # separators or the unit's edges on both sides, not running text


@dataclass
class Parts:
    """What one unit holds, found by general cues."""
    start: int                          # where the unit's own words begin (after slot and labels)
    slot: bool = False                  # a time slot came first
    kind: str = ""                      # a talk kind named by a label ("keynote")
    label: str = ""                     # the label text as written ("Keynote: ")
    resources: list[L.ResourceRef] = field(default_factory=list)
    people_links: list[Span] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)


def normalize_spaces(text: str) -> str:
    """Unusual spaces (hair, thin, no-break, tab) become plain spaces; offsets are kept."""
    return text.translate(_SPACES)


def is_profile(url: str, rules: Rules) -> bool:
    return bool(rules.compiled("profile").search(url or ""))


def never_title(text: str, rules: Rules) -> bool:
    return bool(rules.compiled("never_title").search(" ".join(text.split())))


def is_title_like(text: str, rules: Rules, *, strong: bool = False, plain: bool = False,
                  name_shaped: bool = False) -> bool:
    """A span that can be a talk's title: words, not a time, date, day heading,
    link phrase, name, event or sentence. ``strong`` (a speaker or a marked span
    backs it) lets one-word and lower-case titles through, except for ``plain``
    text (neither linked, marked nor quoted), which must start as a title does."""
    t = " ".join(text.split()).strip(" -–—:;,.|*_\"“”'")
    if len(t) < 3 or len(t) > 200 or never_title(t, rules):
        return False
    words = re.findall(r"[^\W\d_][\w'’+#.-]*", t)
    if not words or (len(words) == 1 and not strong) or len(t.split()) > 30:
        return False
    if not strong and (t[0].islower() or t.endswith(":") or _PRONOUN.match(t)):
        return False
    if plain and (_PRONOUN.match(t) or (t[0].islower() and len(words) < 3)):
        return False
    if (looks_like_person(t, rules) and not name_shaped and not (strong and len(words) >= 3)) or L.text_kind(t, rules):
        return False
    events = find_events(t, rules)
    if events and events[0].start == 0 and (events[0].end >= len(t) - 1 or _DATE_REST.match(t[events[0].end:])):
        return False            # an event, or an event and its dates and place
    return True


def leading(text: str, rules: Rules) -> tuple[int, bool, str, str]:
    """(where the unit's own words start, a time slot seen, talk kind, label text)."""
    pos, slot, kind, label = 0, False, "", ""
    for _ in range(8):
        rest = text[pos:]
        m = _BULLET.match(rest)
        if m and m.end():
            pos += m.end()
            continue
        m = _SLOT.match(rest)
        if m and m.end() and re.search(r"\d", m.group(0)):
            pos, slot = pos + m.end(), True
            continue
        m = _DAY_DATE.match(rest) or _YEAR_LABEL.match(rest)
        if m and m.end() < len(rest.rstrip()):
            pos += m.end()
            continue
        m = rules.compiled("schedule_label").match(rest)
        if m and m.end() and m.end() < len(rest.rstrip()):
            pos += m.end()
            continue
        for k, rx in rules.compiled("kind_labels"):
            m = rx.match(rest)
            if m and m.end() < len(rest.rstrip()) and not kind:
                kind, label = k, m.group(0)
                pos += m.end()
                break
        else:
            break
    return pos, slot, kind, label


def people_of(text: str, rules: Rules, known: frozenset[str] = frozenset(),
              not_people: frozenset[str] = frozenset()) -> tuple[list[str], list[tuple[str, str]]] | None:
    """The people a whole segment names, with organizations after them, or None
    when any of it is not a name, an organization or a role.

    "Arturo Hinojosa, Derek Chen-Becker, Amazon Keyspaces, AWS" -> two names, both of AWS
    "Aparna Sinha (Google)", "by Lin Sun and Faseela K", "Jane Doe, Software Engineer at Acme".
    """
    text = re.sub(r"^\s*(?:(?:presented|given|led|hosted|moderated)\s+by|by|with|speakers?\s*:|presenters?\s*:|from)\s+",
                  "", " ".join(text.split()), flags=re.I).strip(" .;:")
    if not text or len(text) > 300:
        return None
    names: list[str] = []
    affs: list[tuple[str, str]] = []
    pending: list[str] = []
    roles = {r.casefold() for r in rules["role_words"]}

    def person(p: str) -> bool:
        if p in known:
            return True
        return looks_like_person(p, rules) and p not in not_people and not gazetteer.find_exact(p) \
            and not any(h.start == 0 for h in gazetteer.find(p, ("organizations",))) \
            and not any(w.casefold() in not_people for w in p.split())

    def org_or_role(p: str) -> str | None:
        """The organization of "Role at Org", "Org", or "" for a plain role; None when neither."""
        m = re.match(r"^(?P<role>.+?)\s+(?:at|@|of|from)\s+(?P<org>.+)$", p)
        if m and any(w.casefold().strip(".,") in roles for w in m.group("role").split()):
            return m.group("org") if looks_like_org(m.group("org"), rules, after_name=True) else None
        if any(w.casefold().strip(".,") in roles for w in p.split()) and len(p.split()) <= 6:
            return ""
        if looks_like_org(p, rules, after_name=True):
            return p
        return None

    text = _join_ampersands(text, rules)
    chunks: list[tuple[str, bool]] = []
    run: list[str] = []            # the names of the organizations just read ("A, B, Dept, Org")
    pos = 0
    for m in _BRACKETS.finditer(text):
        chunks.append((text[pos:m.start()], False))
        chunks.append((m.group(1) or m.group(2), True))
        pos = m.end()
    chunks.append((text[pos:], False))
    for chunk, bracketed in chunks:
        for part in split_people(chunk) if chunk.strip() else []:
            part = part.strip(" .").replace(_AMP, "&").replace(_AND, "and")
            if not part or part.startswith("@") and " " not in part:
                continue          # a handle: "Jane Doe (@jdoe, Acme)"
            hit = next((h for h in gazetteer.find(part, ("organizations",)) if h.end == len(part) and h.start > 0), None)
            if not bracketed and hit and person(part[:hit.start].strip()):       # "Jane Doe Acme": no separator
                head = part[:hit.start].strip()
                names.append(head)
                affs.append((head, hit.entry.name))
                pending, run = [], [head]
                continue
            if not bracketed and person(part):
                if part not in names:
                    names.append(part)
                pending.append(part)
                run = []
                continue
            if not names:
                return None
            if bracketed and person(part) and len(names) == 1 and not affs:
                return None       # "Widget Hacks (A and B)": a title with its speakers, not a name and its org
            org = org_or_role(part)
            if org is None:
                if bracketed and all(person(x) for x in split_people(part)):
                    names.extend(x for x in split_people(part) if x not in names)
                    continue
                return None
            if org:
                who = pending or run or names[-1:]
                if run and rules.compiled("org_body").search(" " + affs[-1][1]):
                    affs = [a for a in affs if a[1] != affs[-1][1]]    # "Cloud Computing Department, Acme"
                affs.extend((p, org) for p in who if (p, org) not in affs)
                run = who
                if not bracketed:
                    pending = []
        if bracketed:
            pending = []
    return (names, affs) if names else None


_AMP, _AND = "\uff06", "\u2227nd"


def _join_ampersands(text: str, rules: Rules) -> str:
    """Keep "Data & AI" in "Microsoft Azure Data & AI" whole: an ampersand before one last word
    joins two people only when a person's name comes before it."""
    def keep(m: re.Match) -> str:
        left = re.split(r"[,;(]", text[:m.start()])[-1].strip()
        right = re.match(r"[\w.]+", text[m.end():]).group(0)
        joined = not looks_like_person(left, rules) and not gazetteer.find_exact(right, ("organizations",))
        return f" {_AMP} " if joined else m.group(0)      # "The Last Pickle & DataStax" are two

    def keep_and(m: re.Match) -> str:
        left = re.split(r"[,;(]", text[:m.start()])[-1].strip()
        return f" {_AND} " if re.search(r"[A-Z]\w* of [A-Z]", left) and not looks_like_person(left, rules) else m.group(0)
    text = re.sub(r"(?<=\w) and (?=[A-Z])", keep_and, text)     # "Academy of Information and Communications"
    return re.sub(r"(?<=\w) & (?=[A-Z][\w.]*\s*(?:[,;)]|$))", keep, text)


def read_parts(unit: Unit, rules: Rules, emphasis: tuple[str, ...] = ()) -> Parts:
    """Cut one unit into its parts."""
    text = normalize_spaces(unit.text)
    start, slot, kind, label = leading(text, rules)
    parts = Parts(start, slot, kind, label)
    chars = list(text)
    title_links: list[Span] = []
    for s in unit.links:
        if s.end <= start:
            continue
        url = L.absolute(s.link.url)
        if looks_like_person(_bare_name(s.text), rules) and (is_profile(url, rules) or not L.url_kind(url, rules)):
            parts.people_links.append(s)
            blank(chars, s.start, s.end)
            continue
        if L.is_noise(s.text, url, unit.section, rules):
            if not url.startswith("#"):        # an in-page anchor keeps its text: "[Title](#title)"
                blank(chars, s.start, s.end)
            continue
        by_text = L.text_kind(s.text, rules) or (_is_time(s.text) and L.url_kind(url, rules)) \
            or (not re.search(r"\w", s.text) and L.url_kind(url, rules))       # an icon on a slides link: "📝"

        if by_text:
            parts.resources.append(L.ResourceRef(s.text, url, L.resource_kind(s.text, url, rules), s.link.line))
            blank(chars, s.start, s.end)
            continue
        title_links.append(s)
    flat = "".join(chars)
    # bracketed resource words left after their links went: "(Video)", "( / )", "[slides]"
    flat = re.sub(r"[(\[]\s*(?:[,/+|&]\s*)*[)\]]", lambda m: " " * len(m.group(0)), flat)
    marked = [e for e in emphasis if len(e) > 2]
    segs = _segments(flat, start, title_links, marked)
    names_at = [s.start for s in unit.links if s.end > start and s not in title_links]
    parts.segments = [Segment(g.start, g.end, g.text, g.link, g.marked, False)
                      if g.link is None and any(g.start < p < g.end for p in names_at) else g for g in segs]
    return parts


def _bare_name(text: str) -> str:
    """"Xuan Huang (黄玄)" -> "Xuan Huang"."""
    return " ".join(re.sub(r"\([^)]*\)", " ", text).split()).strip(" ,.")


def blank(chars: list[str], a: int, b: int) -> None:
    for i in range(max(0, a), min(len(chars), b)):
        if chars[i] != "\n":
            chars[i] = " "


def _is_time(text: str) -> bool:
    return bool(re.fullmatch(r"\W*\d{1,2}(?::\d{2}){1,2}\W*", text))


def _segments(text: str, start: int, links: list[Span], marked: list[str]) -> list[Segment]:
    cuts = [start]
    hard = {start, len(text)}
    protected = [(s.start, s.end) for s in links]
    lead = start + len(text[start:]) - len(text[start:].lstrip())
    for e in marked:
        i = text.find(e, start)
        if i >= 0:
            protected.append((i, i + len(e)))
            cuts += [i, i + len(e)]
            if i == lead:            # "**Name** Title": a marked span that opens the unit ends a part
                hard |= {i, i + len(e)}
    for s in links:
        cuts += [s.start, s.end]
        if s.start == lead and any(s.start == text.find(e, start) for e in marked):
            hard |= {s.start, s.end}
    for m in _SEP.finditer(text, start):
        if not any(a < m.start() < b for a, b in protected):
            cuts += [m.start(), m.end()]
            hard |= {m.start(), m.end()}
    cuts = sorted(set(c for c in cuts if start <= c <= len(text))) + [len(text)]
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        raw = text[a:b]
        if _SEP.fullmatch(raw) or not raw.strip(" ,;:.-–—|()[]"):
            if raw.strip():          # brackets or punctuation around blanked links: a separator
                hard |= {a, b}
            continue
        lead = len(raw) - len(raw.lstrip())
        piece = raw.strip()
        link = next((s for s in links if s.start <= a + lead and a + lead + len(piece) <= s.end + 1), None)
        is_marked = any(piece.strip(" ,:;.") == e.strip() for e in marked) or bool(
            _QUOTES.match(piece) and _QUOTES.search(piece[-1:]))
        out.append(Segment(a + lead, a + lead + len(piece), piece, link, is_marked))
    return [Segment(g.start, g.end, g.text, g.link, g.marked, _bounded(text, g, hard)) for g in out]


def _bounded(text: str, seg: Segment, hard: set[int]) -> bool:
    """Both edges of a segment are separators, blanks or the unit's edges."""
    skip = " \t\n,;:.()[]"
    p = seg.start
    while p not in hard and p > 0 and text[p - 1] in skip:
        p -= 1
    left = p in hard or p == 0
    p = seg.end
    while p not in hard and p < len(text) and text[p] in skip:
        p += 1
    return left and (p in hard or p >= len(text))


def split_by(text: str, rules: Rules, known: frozenset[str], not_people: frozenset[str] = frozenset()
             ) -> tuple[str, list[str], list[tuple[str, str]]] | None:
    """"Title by A and B", "Title with A (Org)": (title, names, affiliations), or None.
    After "with" or "from" (words titles use too) the names must be ones the report gave."""
    m = _BY.match(text)
    if not m:
        return None
    weak = re.search(r"[\s,](?:with|from)\s+" + re.escape(m.group("who")) + "$", text)
    found = people_of(m.group("who"), rules, known if not weak else frozenset(), not_people if weak else frozenset())
    if found and weak and not all(n in known for n in found[0]):
        return None
    if not found:
        return None
    return m.group("title").strip(" ,"), found[0], found[1]


def split_colon(text: str, rules: Rules, known: frozenset[str], not_people: frozenset[str] = frozenset()):
    """"Name: Title" or "Title: Name"; None when neither side is only names."""
    m = _COLON.match(text)
    if not m:
        return None
    a, b = m.group("a"), m.group("b")
    found = people_of(a, rules, known, not_people)
    if found and len(b.split()) >= 2:
        return b, found[0], found[1]
    found = people_of(b, rules, known, not_people)
    if found and len(a.split()) >= 2 and all(n in known for n in found[0]):   # "Title: Subtitle" is commoner
        return a, found[0], found[1]
    return None


def strip_quotes(text: str) -> str:
    """A title without the quotes around it (quotes inside it stay)."""
    t = text.strip()
    while len(t) > 2 and t[0] in "\"“«'‘" and t[-1] in "\"”»'’":
        t = t[1:-1].strip()
    return t


def about_talks(text: str, rules: Rules) -> bool:
    """A heading or lead-in that says what follows is talks ("Talks", "Schedule", "Lightning talks")."""
    return bool(rules.compiled("talk_section").search(text or ""))


_CLAUSE_END = re.compile(r",|;|\s[-–—]\s|\.(?:\s|$)|\s\(|!|\s+and\s+(?=\w+ed\b)|\s+(?:while|where|which|who|by\s+\w+ing)\b")


def described_title(text: str, rules: Rules) -> str:
    """The talk a sentence describes after its speaker: "discussed creating libraries
    with SvelteKit, better ways ..." -> "creating libraries with SvelteKit"; "" if none."""
    m = rules.compiled("talk_verb").match(text)
    if not m:
        return ""
    rest = text[m.end():]
    end = _CLAUSE_END.search(rest)
    title = rest[:end.start()] if end else rest
    title = " ".join(title.split()).strip(" .,:;")
    return title if 2 <= len(title.split()) <= 16 else ""


_PREDICATE = re.compile(r"^(?:is|are|was|were|has|have|had|will|can|could|would|should|may|might|did|does|do)\b")


def starts_with_verb(text: str, rules: Rules) -> bool:
    """"discussed creating ...", "is a tool for ...": the rest of a sentence, not a title."""
    t = text.lstrip()
    return bool(_PREDICATE.match(t) or (t[:1].islower() and rules.compiled("talk_verb").match(t)))


def agenda_item(title: str, rules: Rules) -> bool:
    """"Hack session 1", "Welcome / Introductions": an agenda entry, not a talk, unless more is said."""
    first = re.match(r"\W*([\w-]+)", title)
    return bool(first) and first.group(1).casefold() in {w.casefold() for w in rules["agenda_words"]}
