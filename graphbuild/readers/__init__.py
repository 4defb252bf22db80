"""The read stage: report files -> Report records.

``read_report(path)`` reads one file with the reader of its format
(``READERS``, format from the file name by ``formats.format_of``), or as a
conference programme when its content is one (``graphbuild.schedules``:
``.xml``, ``.json``, ``.ics``); ``iter_inputs(paths)`` walks files and folders;
``read_all(paths)`` reads everything, skipping bad files and duplicates.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable

from graphbuild.budget import Limits, OverBudget, guard
from graphbuild.errors import ReadError, UsageError
from graphbuild.ids import slugify
from graphbuild import schedules
from graphbuild.readers import asciidoc, formats, frontmatter, html, markdown, rst
from graphbuild.readers.frontmatter import json_safe
from graphbuild.readers.report import Parsed, build_report
from graphbuild.readers.text import read_source
from graphbuild.types import Problem, Report

__all__ = ["READERS", "read_report", "iter_inputs", "read_all", "report_to_dict"]

# format (see ``formats.format_of``) -> reader (text -> Parsed)
READERS: dict[str, Callable[[str], Parsed]] = {
    "markdown": markdown.read, "html": html.read, "asciidoc": asciidoc.read,
    "rst": rst.read,
}


def _reader(path: Path) -> Callable[[str], Parsed]:
    """The reader for a file; a file given by name with an unknown suffix is read as Markdown."""
    return READERS[formats.format_of(path) or "markdown"]


def _readable(path: Path) -> bool:
    """Files picked up in folders: reports by their name, and possible programmes."""
    return formats.format_of(path) is not None or path.suffix.lower() in schedules.SUFFIXES


def _stem(rel: str) -> str:
    """``2014/kvm-forum.html.md`` -> ``2014/kvm-forum``."""
    rel = formats.stem(rel)
    base, ext = os.path.splitext(rel)
    return base if ext.lower() in schedules.SUFFIXES else rel


def report_id_for(rel_path: str) -> str:
    """``report:<slug>`` of a path relative to its input root, without extension."""
    return "report:" + slugify(_stem(str(rel_path).replace(os.sep, "/")), max_len=120)


def read_report(path, *, display_path: str | None = None, report_id: str | None = None,
                max_bytes: int | None = None) -> Report:
    """Read one report; ReadError when it cannot be used at all (or is over ``max_bytes``,
    default ``graphbuild.readers.text.MAX_BYTES``)."""
    path = Path(path)
    shown = display_path or str(path)
    source = read_source(path, shown, max_bytes)
    rid = report_id or report_id_for(path.name)
    try:
        kind = schedules.kind_of(source.text, path.suffix.lower())
        if kind in schedules.FORMATS:
            return schedules.read_report(source, kind, path=shown, report_id=rid)
    except ReadError as exc:
        raise ReadError(exc.message, shown) from None
    try:
        parsed = (READERS["html"] if kind == "html" else _reader(path))(source.text)
        fields, meta, warns = frontmatter.clean(parsed.data)
    except RecursionError:
        raise ReadError("structure nested too deeply to read", shown) from None
    if fields.get("date") is None and (found := frontmatter.date_from_name(path.name)
                                       or frontmatter.date_from_meta(meta)):
        fields["date"] = found
    return build_report(
        report_id=rid, path=shown, fmt=parsed.format,
        fields=fields, meta=meta, blocks=parsed.blocks, source_lines=source.text.split("\n"),
        sha256=source.sha256, meta_line=parsed.meta_line, body_line=parsed.body_line,
        warnings=source.warnings + parsed.warnings + tuple(warns),
    )


BROKEN_LINK = "broken symbolic link; skipped"


def _walk(paths: Iterable) -> tuple[list[tuple[Path, str]], list[Problem]]:
    """(file, path relative to its input root) pairs, sorted within each folder."""
    found: list[tuple[Path, str]] = []
    problems: list[Problem] = []
    for given in paths:
        root = Path(given)
        if not root.exists():
            raise UsageError(f"input not found: {given}; give an existing file or folder",
                             str(given))
        if not root.is_dir():
            found.append((root, root.name))
            continue
        seen: set[str] = set()
        stack = [root]
        start = len(found)
        while stack:
            folder = stack.pop()
            real = os.path.realpath(folder)
            if real in seen:
                problems.append(Problem(str(folder), "folder already visited (symlink loop); skipped"))
                continue
            seen.add(real)
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as exc:
                problems.append(Problem(str(folder), f"cannot list folder: {exc.strerror or exc}"))
                continue
            subdirs = []
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                child = folder / entry.name
                try:
                    is_dir = entry.is_dir()
                    is_file = not is_dir and entry.is_file()
                except OSError:
                    is_dir = is_file = False
                if is_dir:
                    subdirs.append(child)
                elif is_file and _readable(child):
                    found.append((child, child.relative_to(root).as_posix()))
                elif entry.is_symlink() and not child.exists():
                    problems.append(Problem(str(child), BROKEN_LINK))
            stack.extend(reversed(subdirs))
        found[start:] = sorted(found[start:], key=lambda item: item[1].split("/"))
    return found, problems


def iter_inputs(paths) -> tuple[list[Path], list[Problem]]:
    """Report files under ``paths`` (files or folders) and problems met while walking."""
    found, problems = _walk([paths] if isinstance(paths, (str, os.PathLike)) else paths)
    return [path for path, _ in found], problems


def read_all(paths, *, read: Callable[..., Report] | None = None, limits: Limits = Limits()
             ) -> tuple[list[Report], list[Problem], list[Problem]]:
    """(reports, skipped, warnings); one bad file never stops the run.

    ``read(path, display_path=, report_id=, max_bytes=)`` replaces ``read_report``
    (the build cache passes one that returns cached reports); it raises ReadError
    for files that cannot be used, like ``read_report``. Each file is read under
    ``limits`` (graphbuild.budget): one over its time or memory budget, or over
    ``limits.file_bytes``, is skipped.
    """
    read = read or read_report
    found, walk_problems = _walk([paths] if isinstance(paths, (str, os.PathLike)) else paths)
    reports: list[Report] = []
    skipped: list[Problem] = [p for p in walk_problems if p.message == BROKEN_LINK]
    warnings: list[Problem] = [p for p in walk_problems if p.message != BROKEN_LINK]
    by_hash: dict[str, str] = {}
    used_ids: set[str] = set()
    for path, rel in found:
        report_id = report_id_for(rel)
        n = 2
        while report_id in used_ids:
            report_id = f"{report_id_for(rel)}-{n}"
            n += 1
        try:
            with guard(limits, "reading"):
                report = read(path, display_path=str(path), report_id=report_id,
                              max_bytes=limits.file_bytes)
        except OverBudget as exc:
            skipped.append(Problem(str(path), exc.message))
            continue
        except ReadError as exc:
            skipped.append(Problem(str(path), exc.message))
            continue
        except Exception as exc:  # a reader bug must not stop the run
            skipped.append(Problem(str(path), f"unexpected {type(exc).__name__}: {exc}"))
            continue
        if report.sha256 in by_hash:
            warnings.append(Problem(str(path), f"duplicate of {by_hash[report.sha256]}; skipped"))
            continue
        by_hash[report.sha256] = str(path)
        used_ids.add(report_id)
        reports.append(report)
        warnings.extend(Problem(report.path, message) for message in report.warnings)
    return reports, skipped, warnings


def report_to_dict(report: Report) -> dict[str, Any]:
    """A JSON-safe dict of a Report (the golden files and the cache use it)."""
    def link(lk) -> dict[str, Any]:
        return {"text": lk.text, "url": lk.url, "line": lk.line, "block": lk.block,
                "image": lk.image, "embed": lk.embed}

    return {
        "id": report.id, "path": report.path, "format": report.format,
        "title": report.title, "date": report.date.isoformat() if report.date else None,
        "authors": list(report.authors), "tags": list(report.tags),
        "meta": json_safe(dict(report.meta)),
        "meta_line": report.meta_line, "body_line": report.body_line,
        "blocks": [{"kind": b.kind, "line": b.line, "end_line": b.end_line, "level": b.level,
                    "section": b.section, "text": b.text, "cells": list(b.cells)}
                   for b in report.blocks],
        "links": [link(lk) for lk in report.links],
        "sha256": report.sha256, "warnings": list(report.warnings),
    }
