"""A document's history: a change log section or a front-matter ``statusHistory`` list.

Some teams never write a ``Status:`` line; they keep a log instead::

    ## Change Log
    - [original](…/pull/909) - approved (2023-01-03)
    - [revised](…/pull/1025) - approved (2023-04-17)

    statusHistory:
      - status: decided
        date: 2023-06-20

The current status is the latest entry's; the date is the decision's (the latest
entry whose status means accepted), else the first entry's (when it was written).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from adrtui.domain.parsing import fields as F
from adrtui.domain.parsing.dates import parse_date
from adrtui.domain.parsing.status import clean_status_text
from adrtui.domain.vocabulary import STATUS_WORDS, fold

#: Front-matter keys holding a list of ``{status, date}`` entries.
HISTORY_KEYS = frozenset(
    {"status-history", "statushistory", "history", "changelog", "change-log", "revisions"}
)
if TYPE_CHECKING:
    from adrtui.domain.parsing.scanner import Findings

_WORD = re.compile(r"[^\W\d_]+")
_MAX_ENTRIES = 200


def entry_from_text(text: str) -> tuple[str | None, str | None]:
    """The status word and ISO date one log line states (either may be missing)."""
    date = parse_date(text).iso
    status: str | None = None
    for word in _WORD.findall(clean_status_text(text)[:300]):
        if word.lower() in STATUS_WORDS:
            status = word
            break
    return status, date


def entries_from_front_matter(value: Any) -> list[tuple[str | None, str | None]]:
    """``statusHistory: [{status: decided, date: 2023-06-20}, …]`` as (status, date) pairs."""
    entries: list[tuple[str | None, str | None]] = []
    if not isinstance(value, list):
        return entries
    for item in value[:_MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        status = date = None
        for key, field_value in item.items():
            meaning = F.classify_key(str(key))
            if meaning is None:
                continue
            if meaning[0] == F.STATUS and isinstance(field_value, str):
                status = field_value.strip() or None
            elif meaning[0] == F.DATE:
                date = parse_date(field_value).iso
        if status or date:
            entries.append((status, date))
    return entries


def is_history_key(key: str) -> bool:
    return fold(key) in HISTORY_KEYS


def offer_history(findings: Findings, rank: int) -> None:
    """Offer the log's current status and decision date (after the body's own fields)."""
    entries = [e for e in findings.history if e[0] or e[1]]
    if not entries:
        return
    dated = [e for e in entries if e[1]]
    ordered = sorted(dated, key=lambda e: e[1] or "") if dated else entries
    with_status = [e for e in ordered if e[0]] or [e for e in entries if e[0]]
    if with_status:
        status, _date, line, label = with_status[-1]
        findings.offer_value(F.STATUS, rank, status, line, "history", 0, label)
    if dated:
        decided = [e for e in ordered if e[0] and STATUS_WORDS.get(e[0].lower()) == "accepted"]
        status, date, line, label = decided[-1] if decided else ordered[0]
        # The entry as written, when there is one: its date then keeps its day/month
        # ambiguity for the collection to settle (``5/9/2023``), as a field's would.
        written = findings.history_text.get(line) if line is not None else None
        findings.offer_value(F.DATE, rank, written or date, line, "history", 0, label)
