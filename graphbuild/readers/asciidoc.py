"""AsciiDoc -> header metadata, blocks and links (a line-based reader of the common subset)."""
from __future__ import annotations

import re

from graphbuild.readers import embeds
from graphbuild.readers.html import absolute_url, collect, header_like, tidy
from graphbuild.readers.markdown import strip_templates
from graphbuild.readers.report import Parsed
from graphbuild.types import Block, Link

_ATTR = re.compile(r"^:([A-Za-z0-9_][\w-]*!?):\s*(.*)$")
_TITLE = re.compile(r"^(={1,6}|#{1,6})\s+(\S.*?)\s*(?:\s\1)?$")
_ITEM = re.compile(r"^\s*(\*{1,6}|-|\.{1,6}|\d+\.)\s+(\S.*)$")
_DLIST = re.compile(r"^(?P<term>[^\s\[/].{0,300}?)(?P<marker>:{2,4}|;;)(?:\s+(?P<text>\S.*))?$")
_DELIM = re.compile(r"^(-{4,}|\.{4,}|_{4,}|={4,}|\*{4,}|\+{4,}|/{4,}|-{2})\s*$")
_SKIP_LINE = re.compile(r"^(?:ifn?def::|ifeval::|endif::|include::|toc::|:!?\w[\w-]*!?:|\[[^\]]*\]\s*$|\.\w)")
_REVISION = re.compile(r"^(?:v?\d[\w.]*,\s*)?(\d{4}-\d{2}-\d{2}[^:]*)(?::.*)?$")
_MACRO = re.compile(
    r"(?P<image>image:{1,2})?(?P<kind>link:|mailto:)?"
    r"(?P<url>(?:(?:https?|ftp|irc)://|//|(?<=link:)|(?<=image:)|(?<=image::)|(?<=mailto:))[^\s\[\]<>]{0,2000})"
    r"\[(?P<text>[^\[\]]{0,500})\]"
)
_BARE = re.compile(r"(?<![\w\[\"'=/:])(?:https?|ftp)://[^\s\[\]<>\"]+")
_XREF = re.compile(r"<<([^,>\n]+)(?:,\s*([^>\n]*))?>>")
_VIDEO = re.compile(r"^video::(\S+?)\[([^\]\n]*)\]\s*$")
_FORMAT = re.compile(r"(?<![\w\\])([*_`#]{1,2})(?=\S)([^*_`#\n]{1,500}?)(?<=\S)\1(?!\w)")


def _link_text(raw: str) -> str:
    raw = raw.strip()
    if raw.startswith('"'):
        end = raw.find('"', 1)
        raw = raw[1:end] if end > 0 else raw[1:]
    elif "=" in raw and "," in raw:
        raw = raw.split(",", 1)[0]
    return _plain(raw.rstrip("^").strip())


def _plain(text: str) -> str:
    """Text without bold, italic, monospace and highlight marks."""
    for _ in range(3):
        text = _FORMAT.sub(r"\2", text)
    return text


# attributes every AsciiDoc document has (character replacements)
BUILTIN_ATTRIBUTES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " ",
                      "zwsp": "", "sp": " ", "empty": "", "plus": "+", "vbar": "|",
                      "caret": "^", "asterisk": "*", "tilde": "~", "backslash": "\\",
                      "backtick": "`", "startsb": "[", "endsb": "]", "deg": "°",
                      "two-colons": "::", "two-semicolons": ";;", "cpp": "C++",
                      "ldquo": "“", "rdquo": "”", "lsquo": "‘", "rsquo": "’"}
_ATTR_REF = re.compile(r"(?<!\\)\{([\w-]+)\}")


def substitute(text: str, attributes: dict) -> str:
    """``{name}`` references replaced by the document's attributes and the built-in ones;
    unknown references are left for ``inline`` to drop."""
    if "{" not in text:
        return text
    def value(m: re.Match) -> str:
        name = m.group(1)
        found = attributes.get(name, BUILTIN_ATTRIBUTES.get(name))
        return m.group() if found is None or "\n" in str(found) else str(found)
    return _ATTR_REF.sub(value, text)


def inline(text: str, line: int, emphasis: list[str] | None = None) -> tuple[str, list[Link]]:
    """Plain text and links of AsciiDoc lines starting at ``line`` (link texts may wrap);
    bold and italic texts go to ``emphasis``."""
    links: list[Link] = []

    def macro(m: re.Match) -> str:
        url = m.group("url")
        label = _link_text(m.group("text"))
        at = line + m.string.count("\n", 0, m.start())
        if m.group("kind") == "mailto:":
            url = "mailto:" + url
        if m.group("image"):
            alt = tidy(label.split(",")[0], keep_lines=False)
            links.append(Link(alt, absolute_url(url), at, image=True))
            return "\n" * m.group().count("\n")
        if url:
            embed = f"role={EMBED_ROLE}" in m.group("text")
            links.append(Link(tidy(label, keep_lines=False) or url, absolute_url(url), at,
                              embed=embed))
        return (label or url) + "\n" * (m.group().count("\n") - label.count("\n"))

    text = _MACRO.sub(macro, text)
    for m in _BARE.finditer(text):
        url = m.group().rstrip(".,;:!?)")
        links.append(Link(url, url, line + text.count("\n", 0, m.start())))
    text = _XREF.sub(lambda m: (m.group(2) or "").strip(), text)
    if emphasis is not None:
        probe = text
        for _ in range(3):
            emphasis.extend(m.group(2).strip() for m in _FORMAT.finditer(probe) if m.group(1)[0] in "*_")
            probe = _FORMAT.sub(r"\2", probe)
    text = _plain(text)
    text = re.sub(r"\s\+$", "", text, flags=re.M)
    text = re.sub(r"\{[\w-]+\}", "", text)
    return text, links


EMBED_ROLE = "embed"                    # role that marks a shortcode's link as an embed


def asciidoc_link(embed: embeds.Embed) -> str:
    url = embed.url
    text = f"{embed.label},role={EMBED_ROLE}" if embed.embed else embed.label.replace("]", "")
    return f"{url}[{text}]" if "://" in url else f"link:{url}[{text}]"


def video_macro(target: str, attrs: str) -> embeds.Embed | None:
    """``video::ID[youtube]``, ``video::ID[vimeo]``, ``video::file.mp4[]``."""
    provider = attrs.split(",")[0].strip().lower()
    if provider:
        return embeds.from_tag(provider, {"id": target})
    return embeds.from_tag("video", {"src": target})


_CELL = re.compile(r"(?:^|(?<=\s))(?:\d+[+*]|\d*\.\d+\+)?[<^>]?(?:\.[<^>])?[ahdelmsv]?(?<!\\)\|")
_COLS = re.compile(r"""\bcols\s*=\s*(?:"([^"]*)"|'([^']*)'|(\d+))""")


def _columns(attrs: str) -> int:
    """Columns named by ``cols="1,2,3"``, ``cols="3*"`` or ``cols=3``; 0 when not given."""
    m = _COLS.search(attrs)
    if not m:
        return 0
    if m.group(3):
        return int(m.group(3))
    spec = m.group(1) if m.group(1) is not None else m.group(2)
    if (times := re.fullmatch(r"\s*(\d+)\*.*", spec)):
        return int(times.group(1))
    return len([part for part in spec.split(",") if part.strip()])


def table_rows(source: list[tuple[int, str]], attrs: str) -> list[Block]:
    """Rows of a ``|===`` table: cells may sit one per line and run over lines; the header
    row is level 0 (``%header``, ``options="header"``, a first line alone before a blank, or
    a first line of cells that read as column labels)."""
    cells: list[list] = []                       # [line, end line, [text lines]]
    first: list[int] = []                        # cells on each of the first two lines
    blank_after_first = False
    for line, raw in source:
        text = raw.strip()
        if not text:
            blank_after_first |= len(first) == 1
            continue
        parts = _CELL.split(text)
        if len(parts) > 1 and not parts[0].strip():
            new = parts[1:]
        elif cells:
            cells[-1][1] = line
            cells[-1][2].append(text)
            continue
        else:
            new = [text]
        if len(first) < 2:
            first.append(len(new))
        for part in new:
            cells.append([line, line, [part]])
    if not cells:
        return []
    ncols = _columns(attrs) or first[0]
    lowered = attrs.lower()
    if "noheader" in lowered:
        header = False
    elif "header" in lowered:
        header = True
    else:
        header = len(cells) > ncols and first[0] == ncols and (
            blank_after_first or header_like(tuple(" ".join(c[2]) for c in cells[:ncols]),
                                             sum("[" in " ".join(c[2]) for c in cells[:ncols])))
    blocks = []
    for index, start in enumerate(range(0, len(cells), ncols)):
        row = cells[start:start + ncols]
        texts, links = [], []
        for line, _, lines in row:
            plain, found = inline("\n".join(lines), line)
            links += found
            # a source line break inside a cell is a space; a hard one (" +") stays
            hard = [raw.rstrip().endswith(" +") for raw in lines]
            pieces = tidy(plain, strip=False).split("\n")
            text = "".join(piece + ("\n" if hard[i] else " ") for i, piece in enumerate(pieces))
            texts.append(tidy(text))
        if any(texts):
            blocks.append(Block("table_row", " | ".join(t.replace("\n", ", ") for t in texts),
                                row[0][0], max(c[1] for c in row), level=index + (not header),
                                cells=tuple(texts), links=tuple(links)))
    return blocks


def _header(lines: list[str]) -> tuple[dict, int]:
    """Document title, author and revision lines and attributes; returns the body start index."""
    data: dict[str, str] = {}
    i = 0
    while i < len(lines) and (not lines[i].strip() or lines[i].startswith("//")):
        i += 1
    if i < len(lines) and re.match(r"^=\s+\S", lines[i]):
        data["title"] = lines[i][1:].strip()
        i += 1
        for kind in ("author", "revision"):
            if i < len(lines) and lines[i].strip() and not lines[i].startswith(":"):
                value = lines[i].strip()
                if kind == "author" and not _REVISION.match(value):
                    data["author"] = re.sub(r"\s*<[^>]*>", "", value).replace(";", ",")
                    i += 1
                    continue
                if (m := _REVISION.match(value)):
                    data["revdate"] = m.group(1).strip()
                    i += 1
    while i < len(lines):
        m = _ATTR.match(lines[i])
        if not m:
            break
        key = m.group(1)
        data[key[6:] if key.startswith("jbake-") else key] = m.group(2).strip()
        i += 1
    if "date" not in data and "revdate" in data:
        data["date"] = data["revdate"]
    return data, i


def read(text: str) -> Parsed:
    """Read an AsciiDoc report."""
    lines = strip_templates(text, asciidoc_link).split("\n")
    data, start = _header(lines)
    attributes = {key: value for key, value in data.items() if isinstance(value, str)}
    lines = [substitute(line, attributes) for line in lines]
    for key in ("title", "author", "revdate"):
        if isinstance(data.get(key), str):
            data[key] = substitute(data[key], attributes)
    blocks: list[Block] = []
    para: list[str] = []                # raw lines of the open paragraph or list item
    para_kind = ("paragraph", 0)
    para_line = 0
    delim: str | None = None            # open verbatim block delimiter
    verbatim: list[str] = []
    verbatim_line = 0
    quote = False
    table: list[tuple[int, str]] | None = None
    table_attrs = ""                    # the block attribute line just read ("[...]")
    table_open = ""                     # the attribute line above the open table

    def flush() -> None:
        nonlocal para
        marked: list[str] = []
        plain, found = inline("\n".join(para), para_line, marked)
        body = tidy(plain)
        if body:
            blocks.append(Block(para_kind[0], body, para_line, para_line + len(para) - 1,
                                level=para_kind[1], links=tuple(found),
                                emphasis=tuple(dict.fromkeys(marked))))
        para = []

    for i in range(start, len(lines)):
        raw = lines[i]
        line = i + 1
        stripped = raw.strip()
        above, table_attrs = table_attrs, (stripped if stripped.startswith("[")
                                           and stripped.endswith("]") else "")
        if delim is not None:
            if stripped == delim:
                if delim.startswith("+"):
                    blocks.extend(collect("\n".join(verbatim), verbatim_line, "html").blocks)
                elif not delim.startswith("/") and "\n".join(verbatim).strip():
                    body = "\n".join(verbatim).rstrip()
                    blocks.append(Block("code", body, verbatim_line,
                                        verbatim_line + body.count("\n")))
                delim = None
            else:
                verbatim.append(raw)
            continue
        if table is not None:
            if stripped.startswith("|==="):
                blocks.extend(table_rows(table, table_open))
                table = None
            else:
                table.append((line, raw))
            continue
        if not stripped:
            flush()
            continue
        if stripped.startswith("|==="):
            flush()
            table, table_open = [], above
            continue
        if (m := _DELIM.match(stripped)):
            flush()
            token = m.group(1)
            if token[0] in "-./+" and token != "--":
                delim, verbatim, verbatim_line = token, [], line + 1
            elif token[0] == "_":
                quote = not quote
            continue
        if stripped.startswith("//") or _SKIP_LINE.match(stripped) and not _ITEM.match(raw):
            continue
        if (m := _VIDEO.match(stripped)) and (embed := video_macro(m.group(1), m.group(2))):
            flush()
            blocks.append(Block("paragraph", embed.label, line, line,
                                links=(Link(embed.label, embed.url, line, embed=True),)))
            continue
        if (m := _TITLE.match(stripped)):
            flush()
            title, found = inline(m.group(2), line)
            blocks.append(Block("heading", tidy(title), line, line, level=len(m.group(1)),
                                links=tuple(found)))
            continue
        if (m := _ITEM.match(raw)):
            flush()
            marker = m.group(1)
            level = len(marker) if marker[0] in "*." else 1
            para_kind, para_line = ("list_item", level), line
            stripped = m.group(2)
        elif (m := _DLIST.match(stripped)) and "://" not in m.group("term"):
            flush()
            level = 1 if m.group("marker") == ";;" else len(m.group("marker")) - 1
            para_kind, para_line = ("list_item", level), line
            stripped = m.group("term") + (": " + m.group("text") if m.group("text") else "")
        elif not para:
            para_kind = ("quote", 0) if quote else ("paragraph", 0)
            para_line = line
        if stripped == "+":
            continue
        para.append(stripped)
    flush()
    if table:
        blocks.extend(table_rows(table, table_open))
    return Parsed("asciidoc", data, blocks, 1, start + 1, ())
