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

from adrtui.domain import vocabulary as V
from adrtui.domain.vocabulary import FREE_LINK_KINDS, LINK_SYNONYMS

__all__ = ["FREE_LINK_KINDS", "LINK_SYNONYMS"]

STATUS, DATE, DECIDERS, AUTHORS, CONSULTED, INFORMED, TAGS, TITLE, ID, LINK = (
    "status",
    "date",
    "deciders",
    "authors",
    "consulted",
    "informed",
    "tags",
    "title",
    "id",
    "link",
)
#: Fields that hold a list of names.
PEOPLE = (DECIDERS, AUTHORS, CONSULTED, INFORMED)
#: Fields whose bold label may stand alone above its list (``**Deciders**`` then ``- Ana``).
_LISTED = frozenset({*PEOPLE, TAGS})

_MAX_KEY = V.MAX_KEY
normalize_key = V.fold

_SIMPLE_LABELS: tuple[tuple[frozenset[str], str], ...] = (
    (V.STATUS_LABELS, STATUS),
    (V.DECIDER_LABELS, DECIDERS),
    (V.AUTHOR_LABELS, AUTHORS),
    (V.CONSULTED_LABELS, CONSULTED),
    (V.INFORMED_LABELS, INFORMED),
    (V.TAG_LABELS, TAGS),
    (V.TITLE_LABELS, TITLE),
    (V.ID_LABELS, ID),
)


def classify_key(key: str) -> tuple[str, str | int] | None:
    """What a field key means: ``(category, detail)`` or ``None`` for keys we ignore.

    ``detail`` is the date preference for dates and the link kind for links. A key
    with a translation in brackets (``Datum (Date)``, ``ステータス (Status)``) is
    read by either half.
    """
    if len(key) > _MAX_KEY:
        return None
    return _classify_cached(key)


@lru_cache(maxsize=4096)
def _classify_cached(key: str) -> tuple[str, str | int] | None:
    meaning = _classify_folded(normalize_key(key))
    if meaning is None and "(" in key:
        outside, _, inside = key.partition("(")
        meaning = _classify_folded(normalize_key(outside)) or _classify_folded(
            normalize_key(inside.rstrip(") "))
        )
    return meaning


def _classify_folded(norm: str) -> tuple[str, str | int] | None:
    if not norm:
        return None
    for labels, category in _SIMPLE_LABELS:
        if norm in labels:
            return category, 0
    preference = V.DATE_LABELS.get(norm)
    if preference is not None:
        return DATE, preference
    kind = V.link_kind(norm)
    if kind is not None and kind != "mentions":
        return LINK, kind
    prefix, _, rest = norm.partition("-")
    if rest and prefix in V.RECORD_KINDS:  # ``RFC Status`` is the status
        return _classify_folded(rest)
    return None


# --- line shapes -------------------------------------------------------------------------

_PLAIN = re.compile(r"([^\W\d_][\w ()/-]{0,40}?)[ \t]*[:：][ \t]*(.*)")
#: ``<b>Status:</b> Accepted`` (HTML emphasis around the label).
_HTML_LABEL = re.compile(r"<(b|strong|em)>([^<\n]{1,60}?)</\1>[ \t]*(.*)", re.IGNORECASE)
_BOLD = re.compile(r"(\*\*|__|\*|_)([^*_\n]{1,60}?)\1[ \t]*(.*)")
#: ``\`Status\`: Accepted``: a label in a code span.
_CODE_LABEL = re.compile(r"`([^`\n]{1,60})`[ \t]*(.*)")
_DATE_NO_COLON = re.compile(r"Date[ \t]+(\d.*)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
#: Pictographs (and their joiners and variation selectors) before a label.
_DECORATION = re.compile(r"^[^\w\s*_<|\[(\-+]{1,8}[ \t]*")

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
        if _is_verdict(key, value):
            # ``| Decision | Accepted |``: the decision's own row states its status.
            return Field(STATUS, 0, key.strip(), _clean_value(value), form)
        return None
    return Field(meaning[0], meaning[1], key.strip(), _clean_value(value), form)


def _colon_split(key: str, value: str) -> tuple[str, str] | None:
    """A marked-up label's colon, inside the mark (``**Status:**``) or after it
    (``**Status**:``), taken off; ``None`` when there is none (not a field)."""
    if key.endswith((":", "：")):
        return key[:-1], value
    if value.startswith((":", "：")):
        return key, value[1:]
    return None


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
    if not first.isascii() and not first.isalnum():
        # ``📆 Date: 2024-01-05``, ``🏷️ Status: …``: an emoji before the label decorates it.
        text = _DECORATION.sub("", text, count=1)
        if not text:
            return None
        first = text[0]
    if first == "`":
        # ``- `Status`: Accepted`` (NHS Digital's ADR template), ``- `Date:` 2024-03-12``
        code = _CODE_LABEL.match(text)
        if code is None or (not plain and form == PLAIN):
            return None
        parts = _colon_split(code[1].strip(), code[2])
        return None if parts is None else _make(*parts, form)
    if first == "<":
        html = _HTML_LABEL.match(text)
        if html is None:
            return None
        parts = _colon_split(html[2].strip(), html[3])
        return None if parts is None else _make(*parts, BOLD)
    if first == "|":
        if not plain:
            return None
        cells = text.strip().strip("|").split("|")
        if len(cells) != 2:
            return None
        key = cells[0].strip().strip("*_ ")
        value = cells[1].strip()
        if not key or _names_a_column(key, value.strip("*_` ")):
            return None  # a header row such as ``| Status | Date |``
        return _make(key, value, TABLE)
    if first in "*_":
        match = _BOLD.match(text)
        if match is None:
            return None
        key, value = match[2], match[3]
        if key.endswith((":", ".")):  # ``**Status:**``, and ``**Status.** Accepted``
            key = key[:-1]
        elif value.startswith(":"):
            value = value[1:]
        elif not value.strip() and form == PLAIN:
            # ``**Deciders**`` alone on its line, the names listed under it.
            field = _make(key, "", BOLD)
            return field if field is not None and field.category in _LISTED else None
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


def _is_verdict(key: str, value: str) -> bool:
    """``Decision: Accepted`` (the decision named by one status word), not ``Decision: use X``."""
    if len(key) > _MAX_KEY or normalize_key(key) not in V.VERDICT_LABELS:
        return False
    words = strip_markup(_clean_value(value)[:200]).split()
    return len(words) == 1 and V.status_meaning(words[0].strip(".,;:!?")) is not None


def _names_a_column(key: str, value: str) -> bool:
    """``| Status | Date |`` is a header row; ``| Status | Decided |`` is a status.

    A value that is another field's label heads a column, unless it is also a
    value the key takes (``decided`` is a status word and a date label).
    """
    if classify_key(value) is None:
        return False
    meaning = classify_key(key)
    return not (meaning is not None and meaning[0] == STATUS and V.status_meaning(value))


# --- values --------------------------------------------------------------------------------

_LINK_TEXT = re.compile(r"\[([^\]\n]{0,200})\]\([^)\n]{0,500}\)")


def _has_markup(text: str) -> bool:
    """Whether ``text`` holds a character that may start markup (``[ * ` _ <``): five
    substring tests, ten times faster than a character-class search on a prose line."""
    return "[" in text or "*" in text or "`" in text or "_" in text or "<" in text


_EMPHASIS = re.compile(r"[*`]+|(?<!\w)_+|_+(?!\w)")


def strip_markup(text: str) -> str:
    """Inline Markdown reduced to its text: links to their label, emphasis and code marks off."""
    if not _has_markup(text):
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

    A person given as a mapping (``- name: Ana``, ``url: …``) is its ``name``.

    ``spaces`` also splits on whitespace when there is no comma (log4brains tags).
    """
    if isinstance(value, dict):
        value = [value]  # ``authors: {name: Ana}``: one person given as a mapping
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, list | tuple | set):
        raw: list[str] = []
        for item in value:
            if isinstance(item, dict):
                # Docusaurus / Hugo people: ``- name: Mithril Team`` (with ``url:``, ``email:``…)
                item = item.get("name")
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                raw.extend(split_items(str(item)) if isinstance(item, str) else [str(item)])
    else:
        text = strip_markup(str(value)[:_MAX_VALUE])
        if not text:
            return []
        raw = split_items(text)
        if text[0] in "[{" and text[-1:] in "]}" and not _all_references(raw):
            return []  # an unfilled template placeholder: ``[list everyone involved]``
        if spaces and len(raw) == 1 and " " in raw[0]:
            raw = raw[0].split()
    names: list[str] = []
    # ``@ana @ben``: handles need no commas between them.
    raw = [part for item in raw for part in (_handles(item) or [item])]
    for item in raw:
        name = strip_markup(item).strip().lstrip("#") if spaces else strip_markup(item).strip()
        if name[:1] == "[" and name[-1:] == "]":
            name = name[1:-1].strip()  # ``[Ana Lima]``: a reference link to the person
        name = _SENTENCE_END.sub("", name)
        role = _ROLE.match(name)
        if role is not None and _holder(role[1]):
            name = role[1]  # ``Lead Architect: Architecture Team``: the person after the role
        if name and name not in names and _is_name(name):
            names.append(name)
    return names


def _holder(text: str) -> bool:
    """Who holds a role: a name (``Jo Bloggs``, ``@jo``), not a remark (``approved 2024-01-02``)."""
    first = text.split(None, 1)[0].strip(".,;:!?")
    return (
        (text[0].isupper() or text[0] == "@")
        and not any(char.isdigit() for char in text)
        and V.status_meaning(first) is None
    )


def _handles(item: str) -> list[str] | None:
    """``@ana @ben-c`` → ``["@ana", "@ben-c"]``; None unless the item is only handles."""
    parts = item.split()
    if len(parts) > 1 and all(part[:1] == "@" and len(part) > 1 for part in parts):
        return parts
    return None


def _all_references(items: list[str]) -> bool:
    """``[Ana], [Ben]``: several people as reference links (one bracket is a placeholder)."""
    return len(items) > 1 and all(item[:1] == "[" and item[-1:] == "]" for item in items)


#: ``Lead Architect: Architecture Team``: a role (a few words, no digits), then who holds it.
_ROLE = re.compile(r"^[^\W\d_][^\W\d_ &/'-]*(?:[ &/'-]+[^\W\d_]+){0,4}[ \t]*[:：][ \t]+(\S.*)$")
#: ``Autor Original: Marta Lopes.``: the line ends a sentence; the period is not the
#: name's (an abbreviation keeps its own: ``Acme Inc.``, ``J.``).
_SENTENCE_END = re.compile(r"(?<=[^\W\d_]{4})\.$")

_NOT_NAMES = frozenset({"etc", "etc.", "and others", "others", "tbd", "n/a", "none"})


def _is_name(text: str) -> bool:
    """``...``, ``…``, ``etc.``, ``TBD``: what a list of people trails off with is no person."""
    return any(char.isalnum() for char in text) and text.lower() not in _NOT_NAMES
