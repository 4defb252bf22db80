"""Rules of the extract stage, loaded once from rules.yaml and compiled."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from graphbuild import knowledge


def _alternation(words, *, boundary=True) -> str:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    body = "|".join(re.escape(w) for w in words)
    return rf"(?<![\w-])(?:{body})(?![\w-])" if boundary else f"(?:{body})"


def _joiner(words) -> str:
    """A joining word or sign between names: words stand between spaces, signs need none."""
    alts = [rf"\s+{re.escape(w)}\s+" if w.isalpha() else rf"\s*{re.escape(w)}\s*" for w in words]
    return "(?:%s)" % "|".join(alts)


class Rules:
    """The extract stage's rules: the raw YAML dict and its compiled pieces.

    ``Rules.from_dict(raw)`` makes one from any dict of the same shape as
    ``rules.yaml`` (a unit test can build its own); compiled regular
    expressions are built on first use and kept on the instance.
    """

    def __init__(self, raw: dict[str, Any], fingerprint: str | None = None):
        self.raw = raw
        self.fingerprint = fingerprint or hashlib.sha256(
            yaml.safe_dump(raw, sort_keys=True).encode("utf-8")).hexdigest()[:16]
        self._compiled: dict[str, Any] | None = None

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Rules":
        return cls(raw)

    def __getitem__(self, key: str) -> Any:
        return self.raw[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    @property
    def resource_urls(self) -> list[tuple[re.Pattern, str]]:
        return self.compiled("resource_urls")

    def compiled(self, name: str):
        if self._compiled is None:
            self._compiled = _compile(self.raw)
        return self._compiled[name]


def _rules_text() -> str:
    return resources.files(__package__).joinpath("rules.yaml").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The shipped rules (rules.yaml), read once per process."""
    text = _rules_text()
    fp = hashlib.sha256((text + knowledge.fingerprint()).encode("utf-8")).hexdigest()[:16]
    return Rules(yaml.safe_load(text), fp)


def _compile(r: dict[str, Any]) -> dict[str, Any]:
    ci = re.IGNORECASE
    out: dict[str, Any] = {
        "resource_urls": [(re.compile(p, ci), kind) for p, kind in r["resource_urls"]],
        "noise_urls": re.compile("|".join(f"(?:{p})" for p in r["noise_urls"]), ci),
        "noise_texts": re.compile("|".join(f"(?:{p})" for p in r["noise_texts"]), ci),
        "noise_sections": re.compile("|".join(f"(?:{p})" for p in r["noise_sections"]), ci),
        "place_before": re.compile("|".join(f"(?:{p})" for p in r["place_before"]), ci),
        "co_location": re.compile("|".join(f"(?:{p})" for p in r["co_location"]), ci),
        "resource_words": {
            kind: re.compile(rf"^\W*(?:{_alternation(words, boundary=False)})(?:\s*\d+)?\W*$|"
                             rf"^\W*(?:{_alternation(words, boundary=False)})\s*\((?:pdf|odp|mp4|webm|video|slides)\)\W*$", ci)
            for kind, words in r["resource_words"].items()
        },
        "resource_word_any": re.compile(
            _alternation([w for ws in r["resource_words"].values() for w in ws if len(w) > 3]), ci),
        "software_apposition": re.compile(
            r"(?<![\w.-])(?P<name>[A-Za-z][\w.+-]{1,30}[\w+])(?:\s*\([^()\n]{1,40}\))?(?:\s*,\s*(?:a|an|the)|\s+(?:is|was)\s+(?:a|an|the)|"
            r"(?:\s*:\s*|\s+[-–—]\s+)(?i:a|an|the))\s+(?:[\w+.-]+\s+){0,5}?(?i:%s)s?\b" % "|".join(
                re.escape(w) for w in sorted(r.get("software_nouns", []), key=len, reverse=True))),
        "project_urls": [re.compile(p, ci) for p in r.get("project_urls", [])],
        "software_cue": re.compile(r"(?<![\w.@/-])(?:%s)\s+\W?(?P<name>[A-Za-z][\w.+-]{0,30}[\w+])\W?\s+(?:%s)\b"
                                   % (_alternation(r["software_cue_determiners"], boundary=False),
                                      _alternation(r["software_cue_nouns"], boundary=False)), ci),
        "software_role": re.compile(r"(?<![\w-])(?:%s)\s+(?:the\s+)?\W?(?P<name>[A-Za-z][\w.+-]{0,30}[\w+])(?![\w+-]|\.\w)"
                                    % _alternation(r["software_roles"], boundary=False), ci),
        "coordination_after": re.compile(r"^%s(?P<name>[A-Za-z][\w.+-]{0,30}[\w+])(?![\w.+-]|\s+[A-Z])"
                                         % _joiner(r["project_coordination"])),
        "coordination_before": re.compile(r"(?<![\w.+-])(?P<name>[A-Za-z][\w.+-]{0,30}[\w+])%s$"
                                          % _joiner(r["project_coordination"])),
        "software_role_after": re.compile(r"(?<![\w.@/-])(?P<name>[A-Za-z][\w.+-]{0,30}[\w+])\s+(?:%s)\b"
                                          % _alternation(r["software_role_nouns"], boundary=False)),
        "company_after": re.compile(r"(?:[ \t]+[A-Z][\w&.-]*){0,2}[ \t]+(?:%s)\b"
                                    % _alternation(r["company_words"], boundary=False)),
        "employer_before": re.compile(r"(?<![\w-])(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
                                      r"(?:\s+(?:%s)\s+|\s*\(\s*)$" % _alternation(r["employer_words"], boundary=False)),
        "man_page": re.compile(r["man_page"]),
        "software_suffix": re.compile(r"(?<![\w./@:-])(?P<name>[A-Za-z][\w-]*[A-Za-z0-9]\.(?:%s))(?![\w/-]|\.\w)"
                                      % "|".join(re.escape(x) for x in r["software_suffixes"]), ci),
        "project_version": re.compile(r"[ \t]+(?P<version>v?\d{1,2}(?:\.\d{1,3}){0,2})(?![\w%./:-]|\.\d)(?:[ \t]+(?P<next>[\w%]+))?"),
        "project_component": re.compile(r"[ \t]+(?P<component>[A-Z][\w-]*[A-Za-z])(?![\w-]|[.;]\w|[ \t]+[A-Z])"),
        "schedule_label": re.compile(rf"^\s*(?:(?:{_alternation(r['schedule_labels'], boundary=False)})"
                                     rf"(?:\s+(?:\d+|[A-Z]\b|[IVX]+\b))?|\d+)\s*(?:[-–—:|]|\.\s)\s*", ci),
        "kind_labels": [(k, re.compile(rf"^\s*(?:{rx})\s*(?:[:!|]|\s[-–—]\s)\s*", ci)) for k, rx in r["kind_labels"].items()],
        "never_title": re.compile("|".join(f"(?:{p})" for p in r["never_titles"]), ci),
        "profile": re.compile("|".join(f"(?:{p})" for p in r["profile_urls"]), ci),
        "talk_section": re.compile(_alternation(r["talk_sections"]), ci),
        "first_person_talk": re.compile(r["first_person_talk"], ci),
        "own_talks_title": re.compile(r["own_talks_titles"], ci),
        "own_talks_lead": re.compile(r["own_talks_lead"], ci),
        "code_word": re.compile(_alternation([w + s for w in r["resource_words"]["code"] for s in ("", "s")]), ci),
        "talk_verb": re.compile(r"^\s*(?:(?:also|then|later|first|finally)\s+)?(?P<verb>%s)\b\s*(?:us\s+(?:through|to|into)\s+|"
                                r"(?:deep\s+)?(?:into|about|on|through)\s+|a\s+(?:talk|session|keynote)\s+(?:on|about)\s+)?"
                                % _alternation(r["talk_verbs"], boundary=False), ci),
        "narrative_strong": re.compile(r"^\s*(?:(?:also|then|later|first|finally)\s+)?%s\b" % _alternation(
            r["narrative_strong_verbs"], boundary=False), ci),
        "narrative_kind_verb": re.compile(r"^\s*(?:(?:also|then|later|first|finally|is|was|will be)\s+)?%s\s+(?:off\s+)?"
                                          r"(?=(?:the|his|her|their)\s)"
                                          % _alternation(r["narrative_kind_verbs"], boundary=False), ci),
        "narrative_not_openers": frozenset(w.casefold() for w in r["narrative_not_openers"]),
        "narrative_non_title": re.compile("|".join(f"(?:{p})" for p in r["narrative_non_titles"]), ci),
        "narrative_quantifier": re.compile(r"^(?:%s)\s+" % _alternation(r["narrative_quantifiers"], boundary=False), ci),
        "role_set": frozenset(r["role_words"]),
        "role_casefold": frozenset(w.casefold() for w in r["role_words"]),
        "org_body": re.compile(r"^\s+(?:[\w&-]+\s+){0,3}(?:%s)\b" % _alternation(r["org_bodies"], boundary=False)),
        "team_after": re.compile(r"^\s*,?\s+and\s+(?:(?:all\s+)?(?:%s)\s+(?:[\w-]+\s+){0,2}?(?:on|from|at|of|in|with)\s+"
                                 r"(?P<org>(?:the\s+)?\S.{0,80})|the\s+(?P<team>\S.{0,60}?)\s+(?:%s)\b)"
                                 % (_alternation(r["team_others"], boundary=False), _alternation(r["team_words"], boundary=False))),
        "team_before": re.compile(r"\b(?:%s)\s+(?:of|from|at)\s+(?P<org>(?:the\s+)?[^\s,.;:]\S*(?:\s+[^\s,.;:]+){0,5}?)"
                                  r"(?:\s+(?:%s))?\s*(?:[-–—:(]\s*|,\s*(?:including\s+)?)$"
                                  % (_alternation(r["team_members"], boundary=False), _alternation(r["team_words"], boundary=False)), ci),
        "org_role_before": re.compile(r"(?<![\w-])(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)\s+(?:%s)(?:\s+(?:%s)){0,2}\s+$"
                                      % (_alternation(r["role_words"], boundary=False), _alternation(r["role_words"], boundary=False))),
        "project_role": re.compile(_alternation(r["project_roles"]), ci),
        "org_head": frozenset(r["org_heads"]),
        "org_suffix": frozenset(r["org_suffixes"]),
        "service_before": re.compile("|".join(f"(?:{p})" for p in r["service_before"]), ci),
        "service_after": re.compile(r"^\s*(?:%s)\b" % _alternation(r["service_nouns"], boundary=False), ci),
        "department_role": re.compile(_alternation(r["department_roles"]) + r"\W*$", ci),
        "after_org_project": re.compile(r"^\s+(?:project|%s)s?\b" % _alternation(r["software_nouns"], boundary=False), ci),
        "name_from_org": re.compile(r"(?<![\w.’'-])(?P<who>{n}(?:(?:\s*,\s*|\s*,?\s+and\s+){n})*(?:\s*,?\s+and\s+[A-Z][a-z]+)?)"
                                    r"\s+(?P<prep>from|of)\s+(?=(?P<org>(?:the\s+)?[A-Z].{{0,80}}))".format(
                                        n=r"[A-Z][^\W\d_]+(?:[ \t]+[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?){1,2}")),
        "org_list_cue": re.compile("|".join(f"(?:{p})" for p in r["org_list_cues"]), ci),
        "event_noun": re.compile(r"(?<![\w.-])(?P<name>[A-Z][\w.+-]*[A-Z0-9][\w.+-]*|[A-Z][a-z]+[A-Z][\w.+-]*)[ \t]+(?:%s)\b"
                                 % _alternation(r["event_nouns"], boundary=False)),
        "event_noun_after": re.compile(r"^[ \t]+(?:%s)s?\b" % _alternation(r["event_nouns"], boundary=False), ci),
        "region_list": sorted(r["event_regions"], key=len, reverse=True),
        "region_trailing": re.compile(r"^\s*\((%s)\)" % _alternation(r["event_regions"], boundary=False)),
        "talk_kinds": [(kind, re.compile(_alternation(words), ci)) for kind, words in r["talk_kinds"].items()],
        "talk_kind_any": re.compile(_alternation([w for ws in r["talk_kinds"].values() for w in ws]), ci),
    }
    return out
