"""Which reader a file name asks for: Markdown, HTML, AsciiDoc or reStructuredText under every
name sites use.

Sites give Markdown many names (``.md``, ``.markdown``, ``.mdx``, ``.Rmd``,
``.html.md``, ``.md.erb``); a template suffix (``.erb``, ``.liquid``, ...)
is dropped before the format suffix is looked up. ``.xml`` files are read as
HTML when they are XHTML pages (their root element is ``html``); other XML,
images and config files are no reports.
"""
from __future__ import annotations

import re
from pathlib import Path

MARKDOWN = frozenset({".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt",
                      ".mdtext", ".mdx", ".rmd", ".qmd", ".txt"})
HTML = frozenset({".html", ".htm", ".xhtml", ".shtml"})
ASCIIDOC = frozenset({".adoc", ".asciidoc"})
RST = frozenset({".rst", ".rest"})
XML = ".xml"
# suffixes of template engines that wrap a page written in another format
TEMPLATE = frozenset({".erb", ".liquid", ".njk", ".j2", ".jinja", ".jinja2", ".tmpl", ".tpl",
                      ".eex"})
_XHTML_ROOT = re.compile(r"<!DOCTYPE\s+html\b|<html[\s>]", re.I)
SNIFF_BYTES = 4096


def format_suffix(name: str) -> str:
    """The suffix that names the format, template suffixes dropped: ``a.md.erb`` -> ``.md``."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    while suffixes and suffixes[-1] in TEMPLATE:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def is_xhtml(head: bytes | str) -> bool:
    """True when the start of an XML file shows an HTML root element."""
    if isinstance(head, bytes):
        head = head.decode("utf-8", errors="replace")
    return bool(_XHTML_ROOT.search(head))


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except OSError:
        return b""


def format_of(path, head: bytes | None = None) -> str | None:
    """"markdown", "html", "asciidoc", "rst", or None for a file that is no report by its name.

    ``head`` (the file's first bytes) decides for ``.xml``; it is read when not given.
    """
    suffix = format_suffix(Path(path).name)
    if suffix in MARKDOWN:
        return "markdown"
    if suffix in HTML:
        return "html"
    if suffix in ASCIIDOC:
        return "asciidoc"
    if suffix in RST:
        return "rst"
    if suffix == XML:
        return "html" if is_xhtml(_head(Path(path)) if head is None else head) else None
    return None


def stem(rel: str) -> str:
    """A relative path without its format and template suffixes: ``2014/kvm.html.md`` -> ``2014/kvm``."""
    base, name = rel.rpartition("/")[0], rel.rpartition("/")[2]
    parts = name.split(".")
    while len(parts) > 1 and ("." + parts[-1].lower()) in (MARKDOWN | HTML | ASCIIDOC | RST | TEMPLATE
                                                             | {XML}):
        parts.pop()
    name = ".".join(parts)
    return f"{base}/{name}" if base else name
