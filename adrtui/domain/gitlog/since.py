"""What "since X" means, the one rule ``adrtui list --since``, ``adrtui log --since``,
the browser's ``since:`` filter and the timeline share.

``X`` is, tried in this order:

* an ISO date, whole or cut short: ``2024-01-15``, ``2024-01`` (from the 1st),
  ``2024`` (from 1 January);
* a span back from today: ``30d``, ``2w``, ``6m`` (calendar months), ``1y``;
* otherwise a git revision (a tag, a branch, a sha): the commits in ``X..HEAD``,
  as :func:`adrtui.domain.gitlog.commits_since` resolves them. A tag that reads
  as a date or a span (``2024``, ``1y``) is taken as one: ``refs/tags/2024`` or
  ``2024^0`` names the tag.

A date compares with a commit's *author* day as shown to people (``Commit.day``,
in the author's own time zone), inclusive: "since 2024-01-15" keeps a commit of
that day. A revision is about the graph, not the calendar: a commit merged after
the tag counts even when it was written before it, which is what "since v1.2"
means to someone reading release notes. Something that reads as neither a date,
a span nor a revision git knows is a :class:`ValueError` naming it (the CLI's
exit 2, the browser's quiet note).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from adrtui.domain.gitlog.model import Change, FileHistory, RepoHistory

#: Kinds of :class:`Since`.
DATE = "date"
SPAN = "span"
REVISION = "revision"

_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
_SPAN = re.compile(r"(?P<count>\d{1,5})\s*(?P<unit>[dwmy])", re.IGNORECASE)
#: Longest text taken as a revision: git's own names are short; a pasted paragraph
#: is a mistake to name, not a revision to ask git about.
_MAX_REVISION = 256


@dataclass(frozen=True)
class Since:
    """One "since X": a first day (dates and spans) or a set of commits (revisions).

    ``text`` is what the user wrote; ``day`` the first ``YYYY-MM-DD`` included
    (``None`` for a revision); ``shas`` the commits in ``X..HEAD`` (``None`` for
    a date or a span).
    """

    text: str
    kind: str
    day: str | None = None
    shas: frozenset[str] | None = None

    def includes(self, change: Change) -> bool:
        """Whether this change (one commit to one ADR) happened since then."""
        if self.shas is not None:
            return change.commit.sha in self.shas
        return self.day is None or change.commit.day >= self.day

    def touches(self, history: FileHistory | None) -> bool:
        """Whether the ADR was created or changed since then (``None``: git knows
        nothing of it, so nothing happened to it since anything)."""
        if history is None:
            return False
        return any(self.includes(change) for change in reversed(history.changes))

    def describe(self) -> str:
        """Plain words for messages: ``since 2024-01-01``, ``since v1.2``,
        ``in the last 30 days (since 2024-05-02)``."""
        if self.kind == SPAN:
            return f"in the last {_span_words(self.text)} (since {self.day})"
        return f"since {self.day if self.kind == DATE else self.text}"


def parse_since(
    text: str, history: RepoHistory | None = None, *, today: dt.date | None = None
) -> Since:
    """Read ``text`` as a date, a span back from ``today`` (default: the local
    date) or a revision of ``history``'s repository.

    Raises :class:`ValueError` with a message naming ``text`` when it is a date
    that does not exist (``2024-13``), a revision git does not know, or a
    revision with no ``history`` to resolve it in.
    """
    wanted = text.strip()
    if not wanted:
        raise ValueError(
            "'since' needs a date (2024-01-01), a span (30d, 2w, 6m, 1y) or a revision"
        )
    day = _iso_day(wanted)
    if day is not None:
        return Since(wanted, DATE, day=day)
    start = span_start(wanted, today or dt.date.today())
    if start is not None:
        return Since(wanted, SPAN, day=start.isoformat())
    return Since(wanted, REVISION, shas=_revision_shas(wanted, history))


def _iso_day(text: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as the first day it covers; None when
    the text is not shaped like a date; ValueError when shaped like one but impossible."""
    found = _ISO.fullmatch(text)
    if found is None:
        return None
    year, month, day = int(found["year"]), int(found["month"] or 1), int(found["day"] or 1)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a date (write 2024-01-15, 2024-01 or 2024)") from None


def span_start(text: str, today: dt.date) -> dt.date | None:
    """The day a span (``30d``, ``2w``, ``6m``, ``1y``) reaches back to from ``today``,
    or ``None`` when ``text`` is no span: the one reading of spans (``--since``,
    ``since:``, ``changed:<30d``)."""
    found = _SPAN.fullmatch(text)
    if found is None:
        return None
    return _back(today, int(found["count"]), found["unit"].lower())


def _back(today: dt.date, count: int, unit: str) -> dt.date:
    """``today`` minus ``count`` days, weeks, calendar months or years (a day that
    does not exist in the month landed on becomes that month's last day)."""
    if unit in "dw":
        try:
            return today - dt.timedelta(days=count * (7 if unit == "w" else 1))
        except OverflowError:
            return dt.date.min
    months = count * (12 if unit == "y" else 1)
    index = today.year * 12 + (today.month - 1) - months
    year, month = divmod(index, 12)
    if year < dt.MINYEAR:
        return dt.date.min
    month += 1
    return dt.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _span_words(text: str) -> str:
    found = _SPAN.fullmatch(text.strip())
    if found is None:  # pragma: no cover - only spans get here
        return text
    count = int(found["count"])
    unit = {"d": "day", "w": "week", "m": "month", "y": "year"}[found["unit"].lower()]
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def _revision_shas(text: str, history: RepoHistory | None) -> frozenset[str]:
    shown = text if len(text) <= 60 else text[:59] + "…"
    if history is None:
        raise ValueError(
            f"{shown!r} is not a date or a span (30d, 2w, 6m, 1y), and there is no git "
            "history here to read it as a revision"
        )
    if len(text) > _MAX_REVISION or text.startswith("-"):
        raise ValueError(f"{shown!r} is not a date, a span or a revision git knows")
    # The face imports this module: look the resolver up when it is needed.
    from adrtui.domain import gitlog

    shas = gitlog.commits_since(history, text)
    if shas is None:
        raise ValueError(
            f"{shown!r} is not a date (2024-01-01), a span (30d, 2w, 6m, 1y) "
            "or a revision git knows (a tag, a branch, a commit)"
        )
    return frozenset(shas)
