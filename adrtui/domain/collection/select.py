"""Which records, in which order: the number order and the quick filters, written once.

Every front end lists ADRs "by number" (numbered first, then by path) and narrows
them by status, tag, decider or author: the browser's list and its quick filters,
``adrtui list --status``, the search engine's listing order, the template's idea
of the latest ADRs. They all use :func:`by_number` (or :func:`number_order`, for
data that is not an :class:`~adrtui.domain.model.Adr`) and :class:`RecordFilter`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Self

from adrtui.domain.model import Adr

#: The status filter value that selects records without a status.
NO_STATUS = "none"


def number_order(number: int | None, rel_path: str) -> tuple[bool, int, str]:
    """The sort key of "by number": numbered records first, by number, then by path."""
    return (number is None, number or 0, rel_path)


def by_number(adr: Adr) -> tuple[bool, int, str]:
    """``sorted(adrs, key=by_number)``: the order a collection holds its records in."""
    return number_order(adr.number, adr.rel_path)


@dataclass(frozen=True)
class RecordFilter:
    """Status, tag, decider and author filters; ``None`` means "any".

    The status is compared case aside, :data:`NO_STATUS` (``none``) selecting
    records without one; a tag, decider or author matches when it is one of the
    record's (case aside).
    """

    status: str | None = None
    tag: str | None = None
    decider: str | None = None
    author: str | None = None

    @property
    def active(self) -> bool:
        return any((self.status, self.tag, self.decider, self.author))

    def matches(self, adr: Adr) -> bool:
        if self.status is not None and (
            (adr.status or NO_STATUS).casefold() != self.status.casefold()
        ):
            return False
        return (
            _has(adr.tags, self.tag)
            and _has(adr.deciders, self.decider)
            and _has(adr.authors, self.author)
        )

    def select(self, adrs: Iterable[Adr]) -> list[Adr]:
        """The records this filter keeps, in their order."""
        if not self.active:
            return list(adrs)
        return [adr for adr in adrs if self.matches(adr)]

    def with_field(self, name: str, value: str | None) -> Self:
        return replace(self, **{name: value})


def _has(values: tuple[str, ...], wanted: str | None) -> bool:
    """No filter, or ``wanted`` is one of ``values`` (case aside)."""
    if wanted is None:
        return True
    wanted = wanted.casefold()
    return any(value.casefold() == wanted for value in values)
