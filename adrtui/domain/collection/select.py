"""Which records, in which order: the number order and the quick filters, written once.

Every front end lists ADRs "by number" (numbered first, then by path) and narrows
them by status, tag, decider or author: the browser's list and its quick filters,
``adrtui list --status``, the search engine's listing order, the template's idea
of the latest ADRs. They all use :func:`by_number` (or :func:`number_order`, for
data that is not an :class:`~adrtui.domain.model.Adr`) and :class:`RecordFilter`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import ClassVar, Self

from adrtui.domain.model import Adr

#: The status filter value that selects records without a status.
NO_STATUS = "none"


def number_order(number: int | None, rel_path: str) -> tuple[bool, int, str]:
    """The sort key of "by number": numbered records first, by number, then by path."""
    return (number is None, number or 0, rel_path)


def by_number(adr: Adr) -> tuple[bool, int, str]:
    """``sorted(adrs, key=by_number)``: the order a collection holds its records in."""
    return number_order(adr.number, adr.rel_path)


#: One filter field's value: one value, several (any of them matches) or ``None`` (any).
Wanted = str | tuple[str, ...] | None


@dataclass(frozen=True)
class RecordFilter:
    """Status, tag, decider, author and date filters; ``None`` means "any".

    Each field holds one value or a tuple of several: a record matches when it
    has any of them (``status=("accepted", "proposed")``: either status), and
    every field given must match. The status is compared case aside,
    :data:`NO_STATUS` (``none``) selecting records without one; a tag, decider
    or author matches when it is one of the record's (case aside); a date is a
    prefix of the record's ISO date (``2023``, ``2023-04``).
    """

    status: Wanted = None
    tag: Wanted = None
    decider: Wanted = None
    author: Wanted = None
    date: Wanted = None

    #: The fields, in the order they are shown.
    FIELDS: ClassVar[tuple[str, ...]] = ("status", "tag", "decider", "author", "date")

    @property
    def active(self) -> bool:
        return any(self.values(name) for name in self.FIELDS)

    def values(self, name: str) -> tuple[str, ...]:
        """The values of field ``name`` (empty: no filter on it)."""
        return _values(getattr(self, name))

    @functools.cached_property
    def _test(self) -> Callable[[Adr], bool]:
        """One test per field in force, its values folded once: a filter is matched
        against every record of a list (10,000 per keystroke in the browser)."""
        tests: list[Callable[[Adr], bool]] = []
        statuses = frozenset(v.casefold() for v in self.values("status"))
        if statuses:
            tests.append(lambda adr: (adr.status or NO_STATUS).casefold() in statuses)
        dates = self.values("date")
        if dates:
            tests.append(lambda adr: (adr.date or "").startswith(dates))
        for name, attribute in (("tag", "tags"), ("decider", "deciders"), ("author", "authors")):
            wanted = frozenset(v.casefold() for v in self.values(name))
            if wanted:
                tests.append(_has(attrgetter(attribute), wanted))
        if not tests:
            return lambda adr: True
        return functools.reduce(_both, tests)

    def matches(self, adr: Adr) -> bool:
        return self._test(adr)

    def select(self, adrs: Iterable[Adr]) -> list[Adr]:
        """The records this filter keeps, in their order."""
        if not self.active:
            return list(adrs)
        return [adr for adr in adrs if self.matches(adr)]

    def with_field(self, name: str, value: Wanted) -> Self:
        """Field ``name`` set to ``value`` (one value, several, or ``None``: cleared)."""
        values = _values(value)
        return replace(self, **{name: values[0] if len(values) == 1 else (values or None)})

    def with_value(self, name: str, value: str, *, present: bool) -> Self:
        """``value`` added to field ``name`` (multi-select), or removed (``present=False``)."""
        values = [v for v in self.values(name) if v.casefold() != value.casefold()]
        if present:
            values.append(value)
        return self.with_field(name, tuple(values))


def _values(value: Wanted) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(v for v in value if v)


def _has(
    values_of: Callable[[Adr], tuple[str, ...]], wanted: frozenset[str]
) -> Callable[[Adr], bool]:
    """A test: one of the record's values (tags, deciders…) is one of ``wanted``, case aside."""
    contains = wanted.__contains__
    return lambda adr: any(map(contains, map(str.casefold, values_of(adr))))


def _both(first: Callable[[Adr], bool], second: Callable[[Adr], bool]) -> Callable[[Adr], bool]:
    return lambda adr: first(adr) and second(adr)
