"""The quick filters (status, tag, decider, author, date), the ``s`` cycle, and the chips
that show every filter in force (quick ones and ``field:value`` typed in the search box)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from adrtui.domain.collection import NO_STATUS, RecordFilter
from adrtui.domain.model import CANONICAL_STATUSES, Adr
from adrtui.domain.search import parse_query
from adrtui.domain.text import clean_line


@dataclass(frozen=True)
class ListFilter(RecordFilter):
    """The quick filters (status, tag, decider, author, date) applied on top of any search.

    Matching is the domain's (:class:`adrtui.domain.collection.RecordFilter`, also
    behind ``adrtui list --status``); the list adds how the filter reads above it.
    Several values of one field are alternatives (``status:accepted|proposed``).
    """

    def describe(self) -> str:
        """``status:accepted tag:api`` as shown above the list (empty when inactive)."""
        return " ".join(chip.label for chip in self.chips())

    def chips(self) -> tuple[Chip, ...]:
        """One chip per field in force, in the order of :attr:`FIELDS`."""
        return tuple(
            Chip(name, tuple(clean_line(v) for v in self.values(name)))
            for name in self.FIELDS
            if self.values(name)
        )

    def has(self, name: str, value: str) -> bool:
        """True when ``value`` is one of field ``name``'s values (case aside)."""
        return value.casefold() in {v.casefold() for v in self.values(name)}


@dataclass(frozen=True)
class Chip:
    """One filter in force, as the filter bar shows it: ``status:accepted|proposed``."""

    field: str
    values: tuple[str, ...]
    #: True for a ``field:value`` typed in the search box (cleared with the search).
    typed: bool = False
    #: ``-status:rejected``: records with these values are left out.
    negated: bool = False

    @property
    def label(self) -> str:
        return f"{'-' if self.negated else ''}{self.field}:{'|'.join(self.values)}"


#: Index field names of the query language, as users type them.
_TYPED_NAMES = {"tags": "tag", "deciders": "decider", "authors": "author"}


def typed_chips(search_text: str) -> tuple[Chip, ...]:
    """The ``field:value`` filters typed in the search box, one chip per field and sign.

    The query language's own parser reads them (the search runs the same), so a
    chip shows exactly what filters the answer.
    """
    grouped: dict[tuple[str, bool], list[str]] = {}
    for item in parse_query(search_text).filters:
        name = _TYPED_NAMES.get(item.field, item.field)
        value = clean_line(item.value)
        values = grouped.setdefault((name, item.negated), [])
        if value not in values:
            values.append(value)
    return tuple(
        Chip(name, tuple(values), typed=True, negated=negated)
        for (name, negated), values in grouped.items()
    )


@dataclass(frozen=True)
class FilterView:
    """What the filter bar under the search box shows (plain data, set by the screen)."""

    #: Every filter in force: the quick ones, then those typed in the search box.
    chips: tuple[Chip, ...] = ()
    #: What the search did that the user must know (a typo fallback, an error), in full.
    note: str = ""
    #: When no ADR is left: what narrows the list (``status:accepted + tag:api``).
    no_match: str = ""

    @property
    def visible(self) -> bool:
        return bool(self.chips or self.note or self.no_match)

    def no_match_text(self, clear_key: str) -> str:
        """``No ADR matches status:accepted + tag:api — press x to clear filters``."""
        if not self.no_match:
            return ""
        return f"No ADR matches {self.no_match} — press {clear_key} to clear filters"


def status_cycle(adrs: Iterable[Adr]) -> list[str | None]:
    """The values `s` steps through: all, then the statuses present (canonical first)."""
    present = {adr.status or NO_STATUS for adr in adrs}
    ordered = [s for s in CANONICAL_STATUSES if s in present]
    ordered += sorted(present - set(CANONICAL_STATUSES))
    return [None, *ordered]


def next_status(current: str | None, adrs: Iterable[Adr]) -> str | None:
    cycle = status_cycle(adrs)
    try:
        index = cycle.index(current)
    except ValueError:
        return None
    return cycle[(index + 1) % len(cycle)]
