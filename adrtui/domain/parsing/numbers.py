"""ADR numbers: from the file name, the title or an id, and titles without them.

Collections number their records in the file name (``0001-…``, ``ADR-12-…``,
``adr_007…``), in the heading (``# 12. X``, ``# ADR 002: X``, ``# ADR-0008 X``) or
in front matter (``adr: 117``, ``id: decision:0004:v1``). Log4brains and others
prefix names with a date instead (``20201016-…``, ``2026-06-12-…``): that is a
date, never number 20201016.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from urllib.parse import unquote

_MAX_DIGITS = 6

_DATE_NAME = re.compile(r"^(\d{4})(-?)(\d{2})\2(\d{2})(?:[-_ .T]|$)")
#: ``2021-03-serverless``, ``201807-config``: a year and a month, no day.
_MONTH_NAME = re.compile(r"^(19|20)\d{2}[-_]?(0[1-9]|1[0-2])(?:[-_ .]|$)")
_TIMESTAMP_NAME = re.compile(r"^\d{10,}")
#: ``ADR-2020-04-code-generation``, ``adr_20201016-x``: an id word, then a date, no number.
_ID_WORD_PREFIX = re.compile(
    r"^(?:adr|adrs|decision|dec|rfc|dr)[-_ ]?(?=(?:19|20)\d{2})", re.IGNORECASE
)
_NUMBER_NAME = re.compile(r"^(\d{1,9})(?=[-_ .]|$)")
#: Words that introduce a record's id in a name or title (``ODH-ADR-MS-0002``,
#: ``adr011``, ``RFC-7``, ``decision-3``), up to four words of letters before the digits.
_ID_WORDS = r"(?:adr|adrs|ad|dr|decision|dec|rfc|rfd|kep|pep|odr|pdr|ddr|record)"
_ID_NAME = re.compile(
    r"^(?:[A-Za-z]{1,16}[-_ ]){0,4}?"
    + _ID_WORDS
    + r"(?:[-_ ][A-Za-z]{1,16}){0,2}[-_ ]?#?0*(\d{1,9})"
    r"(?=[-_ .]|$)",
    re.IGNORECASE,
)

# Title prefixes: ``ADR 002:``, ``ADR-0008 -``, ``ODH-ADR-MS-0002:``, ``Decision 3.``, then
# ``12.``/``12:``/``12)``, then ``12 -``; a bare ``23 `` only when the file name is numbered too.
_TITLE_ADR = re.compile(
    r"^\[?(?:[A-Za-z]{1,16}[-_]){0,3}?(?:adr|decision|ad|rfc|dr)(?:[-_][A-Za-z]{1,16}){0,2}"
    r"\s?[-_#]?\s?0*(\d{1,9})\]?(?:\s*[:.)\]]|\s+[-–—|]|\s|$)\s*",
    re.IGNORECASE,
)
#: ``Revert ADR 3. Update X``: words, a space, then the label; such a prefix is a project's
#: name only when a colon or a dash ends it (``Letterbook ADR 7: X``), else it is the title's
#: own words naming another record.
_SPACED_QUALIFIER = re.compile(r"^\[?(?:[A-Za-z]{1,16}[-_ ]){0,3}?[A-Za-z]{1,16} ", re.IGNORECASE)
_QUALIFIER_END = re.compile(r"(?:[:|]|\s[-–—])\s*$")
_TITLE_DOTTED = re.compile(r"^#?0*(\d{1,9})\s?[.:)](?:\s+|$)")
_TITLE_DASHED = re.compile(r"^#?0*(\d{1,9})\s+[-–—|]\s+")
_TITLE_BARE = re.compile(r"^0*(\d{1,9})\s+(?=\S)")

_ID_ONLY_LETTERS_DIGITS = re.compile(r"^[A-Za-z]{1,12}[-_ #]?0*(\d{1,6})$")
_ID_SEPARATORS = re.compile(r"[:/_\- #.]+")


_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}")


def plain_name(name: str) -> str:
    """A file name as its page is titled: Azure DevOps wikis store ``ADR-001 Use X`` as
    ``ADR%2D001-Use-X.md`` (a hyphen percent-encoded, a space written as a hyphen)."""
    return unquote(name) if _PERCENT.search(name) else name


def _valid_date(year: str, month: str, day: str) -> str | None:
    try:
        return _dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def name_date(name: str) -> str | None:
    """The ISO date a file name starts with (``20201016-x.md``, ``ADR-2020-10-16-x.md``)."""
    match = _DATE_NAME.match(_ID_WORD_PREFIX.sub("", plain_name(name), count=1))
    if match and 1970 <= int(match[1]) <= 2199:
        return _valid_date(match[1], match[3], match[4])
    return None


def is_dated_name(name: str) -> bool:
    """A name that starts with a date or a year and month: it carries no number.

    An id word in front (``ADR-2020-04-code-generation``) changes nothing: the
    record is named by its month, not numbered 2020.
    """
    return (
        name_date(name) is not None
        or bool(_MONTH_NAME.match(_ID_WORD_PREFIX.sub("", name, count=1)))
        or bool(_TIMESTAMP_NAME.match(name))
    )


_YEAR_NAME = re.compile(r"^(?:19[7-9]\d|2[01]\d\d)[-_ ][^\W\d]")


def is_year_name(name: str) -> bool:
    """A name that starts with a year and then words (``2019-drop-node8``).

    Alone it may as well be ADR 2019 of a long series; the collection decides
    (:func:`adrtui.domain.parsing.settle_year_names`).
    """
    return bool(_YEAR_NAME.match(name)) and not is_dated_name(name)


#: A day then a zero-padded number (``2021-06-05_001-x``, ``2022-12-01-021-x``: Docusaurus
#: blog-style names that keep the record's number after its date).
_DATED_NUMBER = re.compile(r"^\d{4}(-?)\d{2}\1\d{2}[-_ ](0\d{1,5})(?=[-_ .]|$)")


def number_from_name(name: str) -> int | None:
    """The ADR number in a file name; never a date prefix or a timestamp.

    A zero-padded number right after a full date is the record's own
    (``2022-12-01-021-persistency``: number 21, dated 2022-12-01).
    """
    name = plain_name(name)
    if is_dated_name(name):
        numbered = _DATED_NUMBER.match(name) if name_date(name) is not None else None
        return int(numbered[2]) if numbered is not None else None
    match = _NUMBER_NAME.match(name) or _ID_NAME.match(name)
    if match and len(match[1].lstrip("0") or "0") <= _MAX_DIGITS:
        return int(match[1])
    return None


def split_title_number(title: str, *, bare: bool = False) -> tuple[int | None, str]:
    """``("ADR 002: X")`` → ``(2, "X")``; ``bare`` also strips ``23 X`` → ``(23, "X")``.

    A title that is nothing but its number keeps its text (``# 12.`` → ``(12, "12.")``)
    so a record never ends up untitled because of it.
    """
    for pattern in (_TITLE_ADR, _TITLE_DOTTED, _TITLE_DASHED) + ((_TITLE_BARE,) if bare else ()):
        match = pattern.match(title)
        if match:
            rest = title[match.end() :].strip()
            if (
                pattern is _TITLE_ADR
                and _SPACED_QUALIFIER.match(match[0])
                and not _QUALIFIER_END.search(match[0])
            ):
                continue
            if len(match[1].lstrip("0") or "0") > _MAX_DIGITS:
                return None, title
            # A year (``2024 roadmap``) is not an ADR number.
            if pattern is _TITLE_BARE and len(match[1]) == 4 and match[1].startswith(("19", "20")):
                return None, title
            return int(match[1]), (rest or title)
    return None, title


def number_from_id(value: object) -> int | None:
    """The number in a front-matter id: ``117``, ``"ADR-0004"``, ``decision:0004:v1`` → 4."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if 0 <= value < 10**_MAX_DIGITS else None
    text = str(value).strip()
    if not text or len(text) > 80:
        return None
    if text.isdigit():
        return int(text) if len(text.lstrip("0") or "0") <= _MAX_DIGITS else None
    match = _ID_ONLY_LETTERS_DIGITS.match(text)
    if match:
        return int(match[1])
    parts = [part for part in _ID_SEPARATORS.split(text) if part]
    if len(parts) > 4:
        return None
    for part in parts:
        if part.isdigit() and len(part.lstrip("0") or "0") <= _MAX_DIGITS:
            return int(part)
    return None


_SLUG_PREFIX = re.compile(
    r"^(?:(?:adr|decision|dec|rfc)[-_ ]?)?(?:(?:19|20)\d{2}-?(?:0[1-9]|1[0-2])(?:-?\d{2})?[-_ ]+)"
    r"(?:0\d{1,5}[-_ ]+)?"
    r"|^(?:\d{4}-?\d{2}-?\d{2}[-_ ]+|(?:adr|decision|dec)?[-_ ]?#?\d+[-_ .]+)",
    re.IGNORECASE,
)


def title_from_name(stem: str) -> str:
    """A readable title from a file stem: ``0005-use-dashes`` → ``Use dashes``."""
    stem = plain_name(stem)
    rest = _SLUG_PREFIX.sub("", stem, count=1) or stem
    words = rest.replace("_", " ").replace("-", " ").split()
    text = " ".join(words) or stem
    return text[:1].upper() + text[1:]


#: File stems that name their folder's document (``2022-03-15-scopes/README.md``).
_FOLDER_DOCUMENTS = frozenset({"readme", "index", "_index"})


def identity_name(path: Path, root: Path) -> tuple[str, bool]:
    """The name that carries an ADR's number, date and slug, and whether it is a folder's.

    A collection kept as one folder per ADR names the folder, not the file:
    ``0005-service-config/index.md`` is ADR 5, ``2022-03-15-scopes/README.md`` is
    dated 2022-03-15. Elsewhere it is the file name.
    """
    name = path.name
    if name.rsplit(".", 1)[0].lower() in _FOLDER_DOCUMENTS:
        parent = path.parent
        if parent.name and parent != root and parent.name not in (".", ".."):
            return parent.name, True
    return name, False


_SERIES_PREFIX = re.compile(r"^([^\d]*?)[-_ #]?\d")


def number_series(rel_path: str) -> tuple[str, str]:
    """Where an ADR's number counts: its folder, and the letters of its id.

    Collections that keep several series side by side (``ODH-ADR-0003`` and
    ``ODH-ADR-MS-0003``, an area folder each) reuse numbers legitimately: only
    records of one series must not share a number. Whether folders are series of
    their own is the collection's choice (lint decides from how numbers repeat).
    """
    folder, _, name = rel_path.rpartition("/")
    if name.lower().rsplit(".", 1)[0] in _FOLDER_DOCUMENTS and folder:
        folder, _, name = folder.rpartition("/")
    match = _SERIES_PREFIX.match(name)
    prefix = match[1] if match else ""
    return folder, prefix.lower().replace("_", "-")
