"""What the browser shows, as plain data: filters, sort orders, history.

Nothing here touches Textual or the disk, so the rules users rely on (which
ADRs a filter keeps, how a sort orders them, where "back" goes) are tested
without running the app, and the screen stays a thin owner of this state.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from adrtui.domain.model import CANONICAL_STATUSES, Adr

#: Finds the ``(start, end)`` spans of search matches in a line of text.
SpanFinder = Callable[[str], list[tuple[int, int]]]

#: Sort orders offered by the list (``relevance`` only differs while searching).
SORT_ORDERS: tuple[str, ...] = ("number", "date", "title", "status", "relevance")


@dataclass(frozen=True)
class ListFilter:
    """The quick filters (status, tag, decider, author) applied on top of any search."""

    status: str | None = None
    tag: str | None = None
    decider: str | None = None
    author: str | None = None

    @property
    def active(self) -> bool:
        return any((self.status, self.tag, self.decider, self.author))

    def matches(self, adr: Adr) -> bool:
        if self.status is not None and (adr.status or "none") != self.status:
            return False
        return (
            _has(adr.tags, self.tag)
            and _has(adr.deciders, self.decider)
            and _has(adr.authors, self.author)
        )

    def describe(self) -> str:
        """``status:accepted tag:api`` as shown above the list (empty when inactive)."""
        parts = []
        if self.status is not None:
            parts.append(f"status:{self.status}")
        if self.tag is not None:
            parts.append(f"tag:{self.tag}")
        if self.decider is not None:
            parts.append(f"decider:{self.decider}")
        if self.author is not None:
            parts.append(f"author:{self.author}")
        return " ".join(parts)

    def with_field(self, name: str, value: str | None) -> ListFilter:
        return replace(self, **{name: value})


def _has(values: tuple[str, ...], wanted: str | None) -> bool:
    """No filter, or ``wanted`` is one of ``values`` (case aside)."""
    return wanted is None or wanted.casefold() in {v.casefold() for v in values}


def status_cycle(adrs: Iterable[Adr]) -> list[str | None]:
    """The values `s` steps through: all, then the statuses present (canonical first)."""
    present = {adr.status or "none" for adr in adrs}
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


def _number_key(adr: Adr) -> tuple[bool, int, str]:
    return (adr.number is None, adr.number or 0, adr.rel_path)


def _status_rank(adr: Adr) -> tuple[int, str]:
    status = adr.status or ""
    if status in CANONICAL_STATUSES:
        return (CANONICAL_STATUSES.index(status), "")
    return (len(CANONICAL_STATUSES) + (not status), status)


def sort_adrs(
    adrs: Iterable[Adr],
    order: str,
    *,
    reverse: bool = False,
    relevance: Sequence[str] | None = None,
) -> list[Adr]:
    """Order records for the list. Missing values always sort last, whatever the direction."""
    items = list(adrs)
    if order == "relevance" and relevance is not None:
        rank = {path: i for i, path in enumerate(relevance)}
        items.sort(key=lambda a: (rank.get(a.rel_path, len(rank)), _number_key(a)))
        return items[::-1] if reverse else items
    if order == "date":
        dated = sorted((a for a in items if a.date), key=lambda a: (a.date, _number_key(a)))
        undated = sorted((a for a in items if not a.date), key=_number_key)
        return (dated[::-1] if reverse else dated) + undated
    if order == "title":
        titled = sorted(
            (a for a in items if a.title), key=lambda a: (a.title.casefold(), _number_key(a))
        )
        untitled = sorted((a for a in items if not a.title), key=_number_key)
        return (titled[::-1] if reverse else titled) + untitled
    if order == "status":
        items.sort(key=lambda a: (_status_rank(a), _number_key(a)), reverse=reverse)
        return items
    numbered = sorted((a for a in items if a.number is not None), key=_number_key)
    unnumbered = sorted((a for a in items if a.number is None), key=lambda a: a.rel_path)
    return (numbered[::-1] if reverse else numbered) + unnumbered


@dataclass(frozen=True)
class SearchOutcome:
    """The answer to one search: matching paths (best first) and the words to highlight."""

    text: str
    paths: tuple[str, ...]
    words: tuple[str, ...] = ()
    total: int = 0
    #: A message for the user when the query could not be run as written.
    error: str | None = None
    #: True when the answer may be incomplete (answered from memory, capped prefix).
    approximate: bool = False
    #: Finds the matched words in any text (the index's own analysis); when
    #: ``None``, ``words`` are highlighted as word prefixes.
    spans: SpanFinder | None = field(default=None, compare=False)
    #: True when nothing matched as typed and one-typo variants were used.
    fuzzy: bool = False
    #: True when ``paths`` are in relevance order (asked for only by the relevance sort).
    ranked: bool = False

    def span_finder(self) -> SpanFinder | None:
        """How to locate this search's matches in a line of text (None: nothing to find)."""
        if self.spans is not None:
            return self.spans
        return spans_of_words(self.words)


class ListOrders:
    """Every ADR of one collection in each sort order, each computed once.

    Sorting 10,000 records by a key costs milliseconds; a keystroke in the search
    box only needs to pick its matches out of an order already computed, which
    is one set lookup per row.
    """

    def __init__(self, adrs: Sequence[Adr]) -> None:
        self.adrs = adrs
        self._orders: dict[tuple[str, bool], tuple[Adr, ...]] = {}

    @functools.cached_property
    def number_width(self) -> int:
        """Characters the widest ``display_number`` needs (columns stay put while filtering)."""
        return max((len(adr.display_number) for adr in self.adrs), default=0)

    def ordered(self, order: str, reverse: bool = False) -> tuple[Adr, ...]:
        key = (order, reverse)
        found = self._orders.get(key)
        if found is None:
            found = self._orders[key] = tuple(sort_adrs(self.adrs, order, reverse=reverse))
        return found


def visible_adrs(
    adrs: Sequence[Adr],
    list_filter: ListFilter,
    order: str,
    *,
    reverse: bool = False,
    search: SearchOutcome | None = None,
    orders: ListOrders | None = None,
) -> list[Adr]:
    """The rows of the list: search hits (or everything), filtered, then sorted.

    ``orders`` (for the same ``adrs``) makes this a filter over a presorted list.
    """
    relevance = search.paths if search is not None else None
    # (Relevance order comes from the search, so it is always sorted here.)
    presorted = orders is not None and not (order == "relevance" and relevance is not None)
    base = orders.ordered(order, reverse) if orders is not None and presorted else adrs
    if search is not None:
        allowed = set(search.paths)
        chosen = [a for a in base if a.rel_path in allowed]
    else:
        chosen = list(base)
    if list_filter.active:
        chosen = [a for a in chosen if list_filter.matches(a)]
    if presorted:
        return chosen
    return sort_adrs(chosen, order, reverse=reverse, relevance=relevance)


def spans_of_words(words: Iterable[str]) -> SpanFinder | None:
    """A span finder matching ``words`` as case-insensitive word prefixes."""
    pattern = words_pattern(words)
    if pattern is None:
        return None
    return lambda text: [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern matching any search word as a word prefix."""
    cleaned = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(w) for w in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


@dataclass
class History:
    """Browser-style back/forward over visited ADRs (by ``rel_path``).

    ``visit`` is an explicit navigation (following a link, a palette jump): it
    pushes the current ADR. ``move`` is a plain cursor move in the list: it
    changes the current ADR without growing the history.
    """

    current: str | None = None
    back_stack: list[str] = field(default_factory=list)
    forward_stack: list[str] = field(default_factory=list)
    limit: int = 200

    @property
    def can_go_back(self) -> bool:
        return bool(self.back_stack)

    @property
    def can_go_forward(self) -> bool:
        return bool(self.forward_stack)

    def visit(self, rel_path: str) -> None:
        if rel_path == self.current:
            return
        if self.current is not None:
            self.back_stack.append(self.current)
            del self.back_stack[: -self.limit]
        self.forward_stack.clear()
        self.current = rel_path

    def move(self, rel_path: str | None) -> None:
        self.current = rel_path

    def back(self) -> str | None:
        if not self.back_stack:
            return None
        if self.current is not None:
            self.forward_stack.append(self.current)
        self.current = self.back_stack.pop()
        return self.current

    def forward(self) -> str | None:
        if not self.forward_stack:
            return None
        if self.current is not None:
            self.back_stack.append(self.current)
        self.current = self.forward_stack.pop()
        return self.current

    def forget(self, existing: set[str]) -> None:
        """Drop entries for ADRs that no longer exist (after a reload)."""
        self.back_stack = [p for p in self.back_stack if p in existing]
        self.forward_stack = [p for p in self.forward_stack if p in existing]
        if self.current not in existing:
            self.current = None
