"""Metadata fields in the Markdown itself: which keys count, and the line shapes they take.

The same ``Status: accepted`` is written as a plain line (Nygard ``Date:``), a
bullet (MADR 2 ``* Status:``, log4brains ``- Status:``), a bold label
(``**Status:** Accepted``, ``**Status**: Accepted``), a two-column table row
(``| Status | Accepted |``) or a line of a fenced ``yaml`` block. Keys are
compared normalised (``Decision Makers`` = ``decision-makers`` = ``decisionMakers``),
and only known keys count, so prose such as ``Web: to build its URL`` is ignored.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

_STATUS_KEYS = frozenset({"status", "state", "adr-status", "decision-status", "current-status"})
#: Date keys and their preference (0: when decided or written, 1: last touched).
_DATE_KEYS: dict[str, int] = {
    "date": 0,
    "date-created": 0,
    "created": 0,
    "created-on": 0,
    "created-at": 0,
    "creation-date": 0,
    "decision-date": 0,
    "date-decided": 0,
    "decided-on": 0,
    "date-accepted": 0,
    "accepted-on": 0,
    "last-updated": 1,
    "updated": 1,
    "updated-on": 1,
    "date-updated": 1,
    "last-modified": 1,
    "modified": 1,
}
_DECIDER_KEYS = frozenset(
    {
        "deciders",
        "decider",
        "decision-makers",
        "decision-maker",
        "decision-maker-s",
        "decided-by",
    }
)
_TAG_KEYS = frozenset({"tags", "tag", "labels", "keywords", "categories", "category", "topics"})
_ID_KEYS = frozenset({"id", "adr-id", "adr", "number", "adr-number", "nr", "no"})

#: Relation keys and phrases with a fixed meaning (synonyms included).
LINK_SYNONYMS: dict[str, str] = {
    "supersedes": "supersedes",
    "supercedes": "supersedes",
    "replaces": "supersedes",
    "obsoletes": "supersedes",
    "superseded-by": "superseded-by",
    "superceded-by": "superseded-by",
    "superseeded-by": "superseded-by",
    "supersceded-by": "superseded-by",
    "replaced-by": "superseded-by",
    "obsoleted-by": "superseded-by",
    "amends": "amends",
    "amended-by": "amended-by",
    "relates-to": "relates-to",
    "related-to": "relates-to",
    "related": "relates-to",
    "related-adrs": "relates-to",
    "related-adr": "relates-to",
    "related-decisions": "relates-to",
    "related-records": "relates-to",
    "see": "relates-to",
    "see-also": "relates-to",
}
#: Free relation kinds recognised as field keys (kept as written, dash-joined).
FREE_LINK_KINDS = frozenset(
    {
        "clarifies",
        "clarified-by",
        "depends-on",
        "dependency-of",
        "required-by",
        "requires",
        "extends",
        "extended-by",
        "refines",
        "refined-by",
        "implements",
        "implemented-by",
        "enables",
        "enabled-by",
        "blocks",
        "blocked-by",
        "conflicts-with",
        "influences",
        "influenced-by",
        "builds-on",
        "complements",
        "precedes",
        "follows",
    }
)

STATUS, DATE, DECIDERS, TAGS, TITLE, ID, LINK = (
    "status",
    "date",
    "deciders",
    "tags",
    "title",
    "id",
    "link",
)


#: Keys longer than this are never field names (and are not cached).
_MAX_KEY = 64


def normalize_key(key: str) -> str:
    """``Decision Makers`` / ``decision_makers`` / ``decisionMakers`` → ``decision-makers``."""
    if len(key) > _MAX_KEY:
        return _normalize(key[: _MAX_KEY * 4])
    return _normalize_cached(key)


def _normalize(key: str) -> str:
    return _NON_ALNUM.sub("-", _CAMEL.sub("-", key.strip()).lower()).strip("-")


_normalize_cached = lru_cache(maxsize=4096)(_normalize)


def classify_key(key: str) -> tuple[str, str | int] | None:
    """What a field key means: ``(category, detail)`` or ``None`` for keys we ignore.

    ``detail`` is the date preference for dates and the link kind for links.
    """
    if len(key) > _MAX_KEY:
        return None
    return _classify_cached(key)


@lru_cache(maxsize=4096)
def _classify_cached(key: str) -> tuple[str, str | int] | None:
    norm = normalize_key(key)
    if norm in _STATUS_KEYS:
        return STATUS, 0
    if norm in _DATE_KEYS:
        return DATE, _DATE_KEYS[norm]
    if norm in _DECIDER_KEYS:
        return DECIDERS, 0
    if norm in _TAG_KEYS:
        return TAGS, 0
    if norm == "title":
        return TITLE, 0
    if norm in _ID_KEYS:
        return ID, 0
    kind = LINK_SYNONYMS.get(norm)
    if kind is not None:
        return LINK, kind
    if norm in FREE_LINK_KINDS:
        return LINK, norm
    return None


# --- line shapes -------------------------------------------------------------------------

_PLAIN = re.compile(r"([A-Za-z][A-Za-z0-9 ()/_-]{0,40}?)[ \t]*:[ \t]*(.*)")
_BOLD = re.compile(r"(\*\*|__|\*|_)([^*_\n]{1,60}?)\1[ \t]*(.*)")
_DATE_NO_COLON = re.compile(r"Date[ \t]+(\d.*)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")

PLAIN, BULLET, BOLD, TABLE = "plain", "bullet", "bold", "table"

#: Longest field value read (names, tags and statuses are short; bounds regex work).
_MAX_VALUE = 4000


class Field:
    """One recognised ``key: value`` line: its meaning, raw key and value, and shape."""

    __slots__ = ("category", "detail", "key", "value", "form")

    def __init__(self, category: str, detail: str | int, key: str, value: str, form: str) -> None:
        self.category = category
        self.detail = detail
        self.key = key
        self.value = value
        self.form = form


def _clean_value(value: str) -> str:
    if "<!--" in value:
        value = _COMMENT.sub("", value)
    return value.strip()


def _make(key: str, value: str, form: str) -> Field | None:
    meaning = classify_key(key)
    if meaning is None:
        return None
    return Field(meaning[0], meaning[1], key.strip(), _clean_value(value), form)


def match_field(stripped: str, *, plain: bool = True) -> Field | None:
    """The field on this (left-stripped) line, if it is one. ``plain=False`` accepts bold only."""
    text = stripped
    form = PLAIN
    if text[:1] in "*-+" and text[1:2] in (" ", "\t"):
        text = text[2:].lstrip()
        form = BULLET
        if not plain and text[:1] not in ("*", "_"):
            return None
    if not text:
        return None
    first = text[0]
    if first == "|":
        if not plain:
            return None
        cells = text.strip().strip("|").split("|")
        if len(cells) != 2:
            return None
        key = cells[0].strip().strip("*_ ")
        value = cells[1].strip()
        if not key or classify_key(value.strip("*_ ")) is not None:
            return None  # a header row such as ``| Status | Date |``
        return _make(key, value, TABLE)
    if first in "*_":
        match = _BOLD.match(text)
        if match is None:
            return None
        key, value = match[2], match[3]
        if key.endswith(":"):
            key = key[:-1]
        elif value.startswith(":"):
            value = value[1:]
        else:
            return None
        return _make(key, value, BOLD if form == PLAIN else form)
    if not plain and form == PLAIN:
        return None
    match = _PLAIN.match(text)
    if match is None:
        if first in "Dd":
            loose = _DATE_NO_COLON.match(text)
            if loose is not None:
                return _make("date", loose[1], form)
        return None
    return _make(match[1], match[2] or "", form)


# --- values --------------------------------------------------------------------------------

_LINK_TEXT = re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)")
_MARKUP_CHARS = re.compile(r"[\[*`_<]")
_EMPHASIS = re.compile(r"[*`]+|(?<!\w)_+|_+(?!\w)")


def strip_markup(text: str) -> str:
    """Inline Markdown reduced to its text: links to their label, emphasis and code marks off."""
    if not _MARKUP_CHARS.search(text):
        return text.strip()
    if "[" in text:
        text = _LINK_TEXT.sub(r"\1", text)
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    return _EMPHASIS.sub("", text).strip()


def split_items(text: str) -> list[str]:
    """Split on commas and semicolons outside brackets: ``A (x, y), B`` → ``[A (x, y), B]``."""
    items: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in "([{":
            depth += 1
        elif char in ")]}" and depth:
            depth -= 1
        elif char in ",;" and depth == 0:
            items.append(text[start:index])
            start = index + 1
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


def as_names(value: Any, *, spaces: bool = False) -> list[str]:
    """A list of names from a YAML list, a comma-separated string or a scalar.

    ``spaces`` also splits on whitespace when there is no comma (log4brains tags).
    """
    if value is None or isinstance(value, bool | dict):
        return []
    if isinstance(value, list | tuple | set):
        raw: list[str] = []
        for item in value:
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                raw.extend(split_items(str(item)) if isinstance(item, str) else [str(item)])
    else:
        text = strip_markup(str(value)[:_MAX_VALUE])
        if not text or (text[0] in "[{" and text[-1:] in "]}"):
            return []  # an unfilled template placeholder
        raw = split_items(text)
        if spaces and len(raw) == 1 and " " in raw[0]:
            raw = raw[0].split()
    names: list[str] = []
    for item in raw:
        name = strip_markup(item).strip().lstrip("#") if spaces else strip_markup(item).strip()
        if name and name not in names:
            names.append(name)
    return names
