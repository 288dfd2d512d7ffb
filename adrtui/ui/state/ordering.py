"""The list's rows: search hits, filtered, in one of the sort orders (each computed once).

``changed`` (the last commit, newest first) is offered once the repository's
history is read (:data:`GIT_ORDER`); the orders that need no history are
:data:`SORT_ORDERS`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from adrtui.domain.collection import by_number
from adrtui.domain.gitlog import RepoHistory
from adrtui.domain.model import CANONICAL_STATUSES, Adr
from adrtui.domain.search import SearchResult
from adrtui.ui.state.filters import ListFilter

#: Sort orders offered by the list (``relevance`` only differs while searching).
SORT_ORDERS: tuple[str, ...] = ("number", "date", "title", "status", "relevance")
#: The order by last commit (newest first), offered when the history is read.
GIT_ORDER = "changed"


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
    history: RepoHistory | None = None,
) -> list[Adr]:
    """Order records for the list. Missing values always sort last, whatever the direction.

    ``changed`` puts the most recently committed first (``reverse``: the longest
    untouched first); records git knows nothing of come last, by number.
    """
    items = list(adrs)
    if order == GIT_ORDER:
        files = history.files if history is not None else {}
        stamps = {
            a.rel_path: files[a.rel_path].last.timestamp for a in items if a.rel_path in files
        }
        known = sorted(
            (a for a in items if a.rel_path in stamps),
            key=lambda a: (-stamps[a.rel_path], by_number(a)),
        )
        unknown = sorted((a for a in items if a.rel_path not in stamps), key=by_number)
        return (known[::-1] if reverse else known) + unknown
    if order == "relevance" and relevance is not None:
        rank = {path: i for i, path in enumerate(relevance)}
        items.sort(key=lambda a: (rank.get(a.rel_path, len(rank)), by_number(a)))
        return items[::-1] if reverse else items
    if order == "date":
        dated = sorted((a for a in items if a.date), key=lambda a: (a.date, by_number(a)))
        undated = sorted((a for a in items if not a.date), key=by_number)
        return (dated[::-1] if reverse else dated) + undated
    if order == "title":
        titled = sorted(
            (a for a in items if a.title), key=lambda a: (a.title.casefold(), by_number(a))
        )
        untitled = sorted((a for a in items if not a.title), key=by_number)
        return (titled[::-1] if reverse else titled) + untitled
    if order == "status":
        items.sort(key=lambda a: (_status_rank(a), by_number(a)), reverse=reverse)
        return items
    numbered = sorted((a for a in items if a.number is not None), key=by_number)
    unnumbered = sorted((a for a in items if a.number is None), key=lambda a: a.rel_path)
    return (numbered[::-1] if reverse else numbered) + unnumbered


class ListOrders:
    """Every ADR of one collection in each sort order, each computed once.

    Sorting 10,000 records by a key costs milliseconds; a keystroke in the search
    box only needs to pick its matches out of an order already computed, which
    is one set lookup per row.
    """

    def __init__(self, adrs: Sequence[Adr], history: RepoHistory | None = None) -> None:
        self.adrs = adrs
        #: The history the ``changed`` order was read from (a new one: new orders).
        self.history = history
        self._orders: dict[tuple[str, bool], tuple[Adr, ...]] = {}

    @functools.cached_property
    def number_width(self) -> int:
        """Characters the widest ``display_number`` needs (columns stay put while filtering)."""
        return max((len(adr.display_number) for adr in self.adrs), default=0)

    @functools.cached_property
    def by_path(self) -> dict[str, Adr]:
        """Each ADR by its path (the relevance order is a list of paths)."""
        return {adr.rel_path: adr for adr in self.adrs}

    def ordered(self, order: str, reverse: bool = False) -> tuple[Adr, ...]:
        key = (order, reverse)
        found = self._orders.get(key)
        if found is None:
            found = self._orders[key] = tuple(
                sort_adrs(self.adrs, order, reverse=reverse, history=self.history)
            )
        return found


def visible_adrs(
    adrs: Sequence[Adr],
    list_filter: ListFilter,
    order: str,
    *,
    reverse: bool = False,
    search: SearchResult | None = None,
    orders: ListOrders | None = None,
    history: RepoHistory | None = None,
) -> list[Adr]:
    """The rows of the list: search hits (or everything), filtered, then sorted.

    ``orders`` (for the same ``adrs``) makes this a filter over a presorted list.
    """
    relevance = search.paths if search is not None else None
    if order == "relevance" and relevance is not None and orders is not None:
        # The answer's paths are the order (best first): no sort, one lookup a row.
        by_path = orders.by_path
        chosen = [by_path[path] for path in dict.fromkeys(relevance) if path in by_path]
        if list_filter.active:
            chosen = [a for a in chosen if list_filter.matches(a)]
        return chosen[::-1] if reverse else chosen
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
    return sort_adrs(chosen, order, reverse=reverse, relevance=relevance, history=history)


@dataclass(frozen=True)
class SortOrder:
    """How the list is sorted: one of :data:`SORT_ORDERS`, and whether reversed (``o``, ``O``)."""

    order: str = "number"
    reverse: bool = False

    @property
    def ranked(self) -> bool:
        """True when the order comes from the search (best match first)."""
        return self.order == "relevance"

    def cycled(self, *, searching: bool, history: bool = False) -> SortOrder:
        """The next order (``o``); relevance is offered only while searching, ``changed``
        only once the history is read (after ``date``). Not reversed."""
        orders = [o for o in SORT_ORDERS if o != "relevance" or searching]
        if history:
            orders.insert(orders.index("date") + 1, GIT_ORDER)
        index = orders.index(self.order) if self.order in orders else -1
        return SortOrder(orders[(index + 1) % len(orders)])

    def flipped(self) -> SortOrder:
        return SortOrder(self.order, not self.reverse)
