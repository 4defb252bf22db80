"""Front matter: split it from the body and clean its fields.

Supported at the very top of a file: YAML between ``---`` lines (closed by
``---`` or ``...``), TOML between ``+++`` lines, and Pelican ``Key: value``
header lines followed by a blank line. Fields are cleaned through
``METADATA_PROCESSORS`` (field -> function), as Pelican does.

Front matter is read with limits: more than ``MAX_BYTES`` of it is ignored
unparsed, and YAML whose aliases would expand to more than ``MAX_VALUES``
values (the "billion laughs" shape) is refused after composing its node
graph, before anything is expanded. Either way the body is still read.
"""
from __future__ import annotations

import datetime as _dt
import html
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any, Callable

import yaml

PELICAN_KEYS = frozenset({
    "title", "date", "modified", "author", "authors", "tags", "category", "slug",
    "summary", "lang", "status", "template", "save_as", "url", "keywords", "translation",
})
_PELICAN_LINE = re.compile(r"^([A-Za-z][A-Za-z_-]*):\s*(.*)$")

MAX_BYTES = 256 * 1024        # front matter larger than this is ignored
MAX_VALUES = 100_000          # YAML values after alias expansion; more is refused


@dataclass(frozen=True)
class FrontMatter:
    """Raw front matter mapping, where it starts and where the body starts (1-based)."""
    data: dict = field(default_factory=dict)
    body: str = ""
    meta_line: int = 1
    body_line: int = 1
    kind: str = ""                     # "yaml", "toml", "pelican" or ""
    warnings: tuple[str, ...] = ()


def _closing(lines: list[str], fences: tuple[str, ...]) -> int | None:
    for i in range(1, len(lines)):
        if lines[i].rstrip() in fences:
            return i
    return None


def split(text: str) -> FrontMatter:
    """Separate front matter from the body; problems become warnings, never errors."""
    lines = text.split("\n")
    first = lines[0].rstrip()
    if first in ("---", "+++"):
        fences = ("---", "...") if first == "---" else ("+++",)
        end = _closing(lines, fences)
        if end is None:
            return FrontMatter(body=text, warnings=(
                f"front matter opened by '{first}' on line 1 is never closed; read as body",))
        raw = "\n".join(lines[1:end])
        body = "\n".join(lines[end + 1:])
        kind = "yaml" if first == "---" else "toml"
        data, warnings = _load(raw, kind)
        return FrontMatter(data, body, 1, end + 2, kind, warnings)
    return _pelican(lines) or FrontMatter(body=text)


def _load(raw: str, kind: str) -> tuple[dict, tuple[str, ...]]:
    size = len(raw.encode("utf-8"))
    if size > MAX_BYTES:
        return {}, (f"{kind.upper()} front matter ignored: {size} bytes, limit {MAX_BYTES}",)
    try:
        data = tomllib.loads(raw) if kind == "toml" else _yaml(raw)
    except _Refused as exc:
        return {}, (f"YAML front matter refused: {exc}; ignored",)
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, RecursionError) as exc:
        msg = " ".join(str(exc).split())[:200]
        return {}, (f"invalid {kind.upper()} front matter ignored: {msg}",)
    if data is None:
        return {}, ()
    if not isinstance(data, dict):
        return {}, (f"{kind.upper()} front matter is a {type(data).__name__}, "
                    "not a mapping; ignored",)
    return {str(k): v for k, v in data.items()}, ()


class _Refused(Exception):
    """YAML that parses but would expand too far."""


def _yaml(raw: str) -> Any:
    """``yaml.safe_load``, refusing a document whose aliases expand past MAX_VALUES."""
    loader = yaml.SafeLoader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        expanded_size(node)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def expanded_size(node: yaml.Node, limit: int = MAX_VALUES) -> int:
    """Values in ``node`` once every alias is expanded; _Refused past ``limit`` or on a cycle.

    Aliases share node objects, so sizes are memoized per node: the walk is
    linear in the composed document, whatever the expansion would be.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        key = id(current)
        if key in sizes:
            continue
        children = _children(current)
        if children_done:
            open_nodes.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[key] > limit:
                raise _Refused(f"its aliases expand to more than {limit} values")
            continue
        if key in open_nodes:
            raise _Refused("an alias refers to a node that contains it")
        open_nodes.add(key)
        stack.append((current, True))
        for child in children:
            if id(child) in open_nodes:
                raise _Refused("an alias refers to a node that contains it")
            if id(child) not in sizes:
                stack.append((child, False))
    return sizes[id(node)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _pelican(lines: list[str]) -> FrontMatter | None:
    """``Key: value`` header lines (Pelican; Frog writes them indented, after a blank line)."""
    data: dict[str, str] = {}
    first = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if first > 2:
        return None
    for i in range(first, len(lines)):
        line = lines[i].strip() if lines[first][:1] in " \t" else lines[i]
        if not line.strip():
            if not data:
                return None
            return FrontMatter(data, "\n".join(lines[i + 1:]), first + 1, i + 2, "pelican")
        m = _PELICAN_LINE.match(line)
        if not m or m.group(1).lower() not in PELICAN_KEYS:
            return None
        data[m.group(1)] = m.group(2).strip()
    return None


# ------------------------------------------------------------------- cleaning

def _text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("name") or value.get("title") or "")
    return " ".join(str(value).split()) if value is not None else ""


_MONTH_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y",
                  "%b. %d, %Y", "%B %Y", "%b %Y", "%Y/%m/%d", "%d.%m.%Y", "%m/%d/%Y")
_ISO_PREFIX = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")


def parse_date(value: Any) -> _dt.date | None:
    """A date from a date, datetime or common string forms; None when unknown."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = _text(value).strip()
    if not text:
        return None
    m = _ISO_PREFIX.match(text)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    cleaned = re.sub(r"^(mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+", "", cleaned, flags=re.I)
    for fmt in _MONTH_FORMATS:
        try:
            return _dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def split_names(value: Any) -> tuple[str, ...]:
    """Author names from "A, B and C", a list of names, or dicts with ``name``."""
    items = value if isinstance(value, (list, tuple)) else [value]
    names: list[str] = []
    for item in items:
        for part in re.split(r",|;|\s+and\s+|\s+&\s+", _text(item)):
            part = part.strip()
            if part and part not in names:
                names.append(part)
    return tuple(names)


def split_terms(value: Any) -> tuple[str, ...]:
    """Tags from a comma-separated string or a list."""
    items = value if isinstance(value, (list, tuple)) else [value]
    terms: list[str] = []
    for item in items:
        for part in _text(item).split(","):
            part = part.strip().strip("#").strip()
            if part and part not in terms:
                terms.append(part)
    return tuple(terms)


# field (lower case) -> (Report attribute, cleaning function)
METADATA_PROCESSORS: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "title": ("title", lambda v: html.unescape(_text(v)).strip()),
    "date": ("date", parse_date),
    "author": ("authors", split_names),
    "authors": ("authors", split_names),
    "tags": ("tags", split_terms),
    "keywords": ("tags", split_terms),
}


def json_safe(value: Any, depth: int = 0) -> Any:
    """A JSON-safe copy: dates as ISO strings, tuples as lists, keys as strings."""
    if depth > 20:
        return str(value)
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): json_safe(v, depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [json_safe(v, depth + 1) for v in value]
    return str(value)


def clean(data: dict) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """(Report fields, meta, warnings) from raw front matter.

    ``meta`` holds every field, JSON-safe, under its own name.
    """
    fields: dict[str, Any] = {}
    warnings: list[str] = []
    taxonomies = data.get("taxonomies")             # Zola keeps tags here
    items = list(data.items()) + (list(taxonomies.items()) if isinstance(taxonomies, dict) else [])
    for key, value in items:
        target = METADATA_PROCESSORS.get(key.lower())
        if target is None or value in (None, "", [], {}):
            continue
        name, func = target
        cleaned = func(value)
        if name == "date" and cleaned is None:
            warnings.append(f"front matter {key}: cannot read date {_text(value)[:60]!r}; ignored")
            continue
        if name in ("authors", "tags"):
            fields[name] = tuple(dict.fromkeys(fields.get(name, ()) + cleaned))
        else:
            fields.setdefault(name, cleaned)
    if "date" not in fields:
        for key in ("pub-date", "pub_date", "published", "jbake-date"):
            if key in data and isinstance(data[key], (str, _dt.date)):
                year = data.get("pub-year") or data.get("pub_year")
                value = f"{data[key]}, {year}" if year and isinstance(data[key], str) else data[key]
                if (found := parse_date(value)) is not None:
                    fields["date"] = found
                    break
    return fields, json_safe(data), warnings


_FILE_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?!\d)")


_PATH_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?!\d)")


def date_from_meta(meta: dict) -> _dt.date | None:
    """The date in a permalink-like field: ``path = "2018/04/06/all-hands"`` (Zola, Jekyll)."""
    for key in ("path", "permalink", "url", "slug", "redirect_from", "aliases"):
        value = meta.get(key)
        for item in value if isinstance(value, list) else [value]:
            m = _PATH_DATE.search(str(item)) if isinstance(item, str) else None
            if m:
                try:
                    return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    continue
    return None


def date_from_name(name: str) -> _dt.date | None:
    """The date of a ``YYYY-MM-DD-title.md`` file name."""
    m = _FILE_DATE.match(name)
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
