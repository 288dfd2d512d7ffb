"""Read the dates ADR authors write and give them back as ISO ``YYYY-MM-DD``.

Seen in real collections: ISO (``2025-10-26``, with or without a time), slashes
(``2025/10/26``), British day-first dates (``10/04/18`` is 10 April 2018, the
adr-tools default before ISO), ``26 October 2025`` and ``October 26, 2025``.
Anything else, or an impossible date (``2022-02-30``), is reported, not guessed.
"""

from __future__ import annotations

import datetime as _dt
import re

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january januar janvier enero janeiro gennaio januari jänner",
        "february februar février fevrier febrero fevereiro febbraio februari",
        "march märz maerz mars marzo março marco maart",
        "april avril abril aprile",
        "may mai mayo maio maggio mei",
        "june juni juin junio junho giugno",
        "july juli juillet julio julho luglio",
        "august août aout agosto augustus",
        "september septembre septiembre setembro settembre",
        "october oktober octobre octubre outubro ottobre",
        "november novembre noviembre novembro",
        "december dezember décembre decembre diciembre dezembro dicembre",
    ),
    1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number
        _MONTHS.setdefault(_name[:3], _number)
_MONTHS["sept"] = 9

_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_ISO = re.compile(r"(?<!\d)(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.-])")
_DAY_MONTH_YEAR = re.compile(
    r"(?<!\d)(\d{1,2})(?:st|nd|rd|th|er|º|\.)?(?:\s+|-)(?:of\s+|de\s+)?"
    + _MONTH
    + r"\.?,?(?:\s+|-)(?:de\s+)?(\d{4}(?!\d)|\d{2}(?![\d:]))",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    r"\b" + _MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}(?!\d)|\d{2}(?![\d:]))",
    re.IGNORECASE,
)
#: ``07/03/2024 (DD/MM/YYYY)``: the writer states the order of a numeric date.
_STATED_ORDER = re.compile(
    r"(?<![a-z])(d{1,2}|m{1,2})[-/.](d{1,2}|m{1,2})[-/.]y{2,4}(?![a-z])", re.I
)
#: ``2023年4月11日`` (Japanese and Chinese).
_CJK = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
#: A year and a month only (``2021-03``, ``March 2021``): no day, so no date.
_MONTH_ONLY = re.compile(
    r"^(?:(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])|" + _MONTH + r"\.?\s*,?\s*(?:19|20)\d{2})$",
    re.IGNORECASE,
)
#: What templates leave where the date goes (``insert date``, ``YYYY-MM-DD``, ``TBD``).
_UNFILLED = re.compile(
    r"^(?:<[^>]*>|(?:insert|add|enter)\s+(?:the\s+)?date.*|y{2,4}[-/.]m{1,2}[-/.]d{1,2}|"
    r"d{1,2}[-/.]m{1,2}[-/.]y{2,4}|tbd|tba|n/?a|todo|-+|—|\?+|date)$",
    re.IGNORECASE,
)

_PLACEHOLDER = "the date is an unfilled template placeholder"

#: Only this much of a value is searched (dates sit at the start of a field).
_MAX_SCAN = 120


class DateResult:
    """The outcome of reading one date value: an ISO string or a reason it failed.

    ``other`` is the month-first reading of a numeric date that could be either
    (``04/08/2020``); ``order`` is what the date itself proves about the writer's
    convention: ``"dmy"`` (``25/04/2022``), ``"mdy"`` (``3/25/21``) or ``""``.
    """

    __slots__ = ("iso", "problem", "other", "order")

    def __init__(
        self, iso: str | None, problem: str | None = None, other: str | None = None, order: str = ""
    ) -> None:
        self.iso = iso
        self.problem = problem
        self.other = other
        self.order = order


def _build(year: int, month: int, day: int, written: str) -> DateResult:
    try:
        return DateResult(_dt.date(year, month, day).isoformat())
    except ValueError:
        return DateResult(None, f"impossible date {written!r}")


def _two_digit_year(year: int) -> int:
    return year + (2000 if year < 70 else 1900)


def _full_year(written: str) -> int:
    """``24`` in ``5 Mar 24`` is 2024 (a month's name leaves the year the only number left)."""
    return _two_digit_year(int(written)) if len(written) == 2 else int(written)


def _stated_order(text: str) -> str:
    """``"dmy"`` or ``"mdy"`` when the value states its format (``(DD/MM/YYYY)``), else ``""``."""
    stated = _STATED_ORDER.search(text)
    if stated is None:
        return ""
    first, second = stated[1][0].lower(), stated[2][0].lower()
    if first == second:
        return ""
    return "dmy" if first == "d" else "mdy"


def parse_date(value: object) -> DateResult:
    """Read ``value`` (a string, or a date YAML already built) as an ISO date.

    An empty value is no date and no problem; an unreadable one is ``None`` with
    a ``problem`` sentence for the record's warnings.
    """
    if value is None:
        return DateResult(None)
    if isinstance(value, _dt.datetime):
        return DateResult(value.date().isoformat())
    if isinstance(value, _dt.date):
        return DateResult(value.isoformat())
    if isinstance(value, bool):
        return DateResult(None, f"unreadable date {value!r}")
    if isinstance(value, dict):  # YAML reads MADR's ``{YYYY-MM-DD …}`` as a mapping
        return DateResult(None, _PLACEHOLDER)
    if isinstance(value, list | tuple):
        return DateResult(None, "unreadable date: a list, not a date")
    text = str(value).strip().strip("*_`\"'").strip()
    if not text:
        return DateResult(None)
    if text[0] in "{[" and text[-1] in "}]":
        return DateResult(None, _PLACEHOLDER)
    scan = text[:_MAX_SCAN]
    written = scan if len(scan) <= 40 else scan[:40] + "…"
    match = _ISO.search(scan)
    if match:
        return _build(int(match[1]), int(match[3]), int(match[4]), match[0])
    match = _COMPACT.match(scan)
    if match:
        return _build(int(match[1]), int(match[2]), int(match[3]), match[0])
    match = _NUMERIC.search(scan)
    if match:
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        if len(match[4]) == 2:
            year = _two_digit_year(year)
        if second > 12 >= first:
            result = _build(year, first, second, match[0])
            result.order = "mdy"
            return result
        stated = _stated_order(scan)
        if stated == "mdy" and first <= 12:
            result = _build(year, first, second, match[0])
            result.order = "mdy"
            return result
        # Day first (the adr-tools and British convention) unless the collection
        # shows otherwise (:func:`settle_date_order`); the other reading is kept.
        result = _build(year, second, first, match[0])
        if stated == "dmy":
            result.order = "dmy"
            return result
        if first > 12:
            result.order = "dmy"
        elif first != second and result.iso is not None and match[2] != ".":
            # ``12.03.2024`` is day-first wherever dots are written; slashes vary.
            result.other = _build(year, first, second, match[0]).iso
        return result
    match = _DAY_MONTH_YEAR.search(scan)
    if match:
        return _build(_full_year(match[3]), _MONTHS[match[2].lower()], int(match[1]), match[0])
    match = _MONTH_DAY_YEAR.search(scan)
    if match:
        return _build(_full_year(match[3]), _MONTHS[match[1].lower()], int(match[2]), match[0])
    match = _CJK.search(scan)
    if match:
        return _build(int(match[1]), int(match[2]), int(match[3]), match[0])
    if _MONTH_ONLY.match(text):
        return DateResult(None)  # a month is not a day: no date, and nothing wrong
    if _UNFILLED.match(text):
        return DateResult(None, _PLACEHOLDER)
    return DateResult(None, f"unreadable date {written!r}")
