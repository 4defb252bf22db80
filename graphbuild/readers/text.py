"""Raw bytes -> text: size and binary checks, encoding detection, newline cleanup."""
from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from graphbuild.errors import ReadError

MAX_BYTES = 20 * 1024 * 1024          # larger files are refused (default of --max-file-size)
_SNIFF = 8192                          # bytes inspected for binary content
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


@dataclass(frozen=True)
class Source:
    """Decoded text of a file with "\\n" newlines, its sha256 and decoding warnings."""
    text: str
    sha256: str
    encoding: str
    warnings: tuple[str, ...] = ()


def read_bytes(path, display: str | None = None, max_bytes: int | None = None) -> bytes:
    """The file's bytes; ReadError when it is missing, unreadable or over ``max_bytes``
    (default ``MAX_BYTES``; ``0``: no limit)."""
    name = display or str(path)
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    path = Path(path)
    try:
        size = os.stat(path).st_size
        if not path.is_file():
            raise ReadError("not a regular file", name)
        if 0 < max_bytes < size:
            raise ReadError(f"too large ({size} bytes, limit {max_bytes}); split the file "
                            "or raise --max-file-size", name)
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1) if max_bytes > 0 else fh.read()
        if 0 < max_bytes < len(data):          # grew since stat()
            raise ReadError(f"too large (over {max_bytes} bytes); split the file "
                            "or raise --max-file-size", name)
        return data
    except PermissionError:
        raise ReadError("cannot read file: permission denied", name) from None
    except FileNotFoundError:
        raise ReadError("file not found", name) from None
    except IsADirectoryError:
        raise ReadError("not a regular file", name) from None
    except OSError as exc:
        raise ReadError(f"cannot read file: {exc.strerror or exc}", name) from None


def _utf16_without_bom(head: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when every other byte of ``head`` is NUL (ASCII text)."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def decode(data: bytes, display: str = "") -> Source:
    """Decode bytes of a text report; ReadError for binary or empty content."""
    digest = hashlib.sha256(data).hexdigest()
    warnings: list[str] = []
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), None)
    head = data[:_SNIFF]
    if encoding is None and b"\0" in head:
        encoding = _utf16_without_bom(head)
        if encoding is None:
            raise ReadError("binary file (NUL bytes); give a text report", display)
        warnings.append(f"no byte order mark; decoded as {encoding}")
    if encoding is None:
        controls = sum(head.count(bytes([c])) for c in _CONTROL)
        if head and controls > max(8, len(head) // 20):
            raise ReadError("binary file (control characters); give a text report", display)
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = "cp1252"
            text = data.decode("cp1252", errors="replace")
            warnings.append("not valid UTF-8; decoded as cp1252")
    else:
        if not encoding.startswith("utf-8") and not warnings:
            warnings.append(f"not UTF-8; decoded as {encoding} (byte order mark)")
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            text = data.decode(encoding, errors="replace")
            warnings.append(f"invalid {encoding} sequences replaced")
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    if not text.strip():
        raise ReadError("empty file; nothing to read", display)
    return Source(text, digest, encoding, tuple(warnings))


def read_source(path, display: str | None = None, max_bytes: int | None = None) -> Source:
    """Read and decode one file."""
    name = display or str(path)
    return decode(read_bytes(path, name, max_bytes), name)
