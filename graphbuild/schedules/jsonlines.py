"""JSON parsed with the line of every object.

The standard library's pure-Python scanner is used with an object parser
that notes where each object starts; ``loads`` returns the value and a
mapping ``id(obj) -> line`` for every dict in it.
"""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from json import decoder, scanner


def loads(text: str) -> tuple[object, dict[int, int]]:
    """(value, {id(dict): 1-based line of its "{"}). ValueError when not JSON."""
    starts: list[tuple[dict, int]] = []

    def parse_object(s_and_end, *args, **kwargs):
        obj, end = decoder.JSONObject(s_and_end, *args, **kwargs)
        starts.append((obj, s_and_end[1] - 1))
        return obj, end

    dec = json.JSONDecoder()
    dec.parse_object = parse_object
    dec.scan_once = scanner.py_make_scanner(dec)
    value = dec.decode(text)
    breaks = [m.start() for m in re.finditer("\n", text)]
    return value, {id(obj): bisect_right(breaks, pos) + 1 for obj, pos in starts}
