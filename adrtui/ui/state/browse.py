"""Everything the browser screen decides what to show from, in one plain object.

The screen (:class:`~adrtui.ui.screens.main.MainScreen`) owns one
:class:`BrowseState` and only forwards keys and messages to it, then draws
the result. The rules (what a filter keeps, what ``o`` cycles to, which ADR
stays selected when the selected one is deleted, what note the list header
shows) are therefore tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from adrtui.domain.model import Adr
from adrtui.domain.search import SearchResult, SpanFinder
from adrtui.ui.state.filters import ListFilter, next_status
from adrtui.ui.state.history import History
from adrtui.ui.state.ordering import SORT_ORDERS, ListOrders, SortOrder, visible_adrs


@dataclass
class BrowseState:
    """Filters, sort, search and history of the list, and the rows they give."""

    list_filter: ListFilter = field(default_factory=ListFilter)
    sort: SortOrder = field(default_factory=SortOrder)
    #: The query as typed (stripped); empty when not searching.
    search_text: str = ""
    #: The answer to ``search_text`` (``None`` until it comes).
    search: SearchResult | None = None
    #: Finds the search's matches in text (``None``: nothing to highlight).
    highlight: SpanFinder | None = None
    history: History = field(default_factory=History)
    #: The list's rows as last computed by :meth:`rows_of`.
    rows: list[Adr] = field(default_factory=list)
    #: The collection's ADRs in each sort order (a keystroke only filters them).
    orders: ListOrders | None = None

    # -- search -------------------------------------------------------------------

    def type_search(self, text: str) -> bool:
        """The search box now holds ``text``; False when the query did not change."""
        text = text.strip()
        if text == self.search_text:
            return False
        self.search_text = text
        if not text:
            self.answer(None)
        return True

    def answer(self, outcome: SearchResult | None) -> None:
        self.search = outcome
        self.highlight = outcome.span_finder() if outcome is not None else None

    @property
    def wants_ranking(self) -> bool:
        """Sorted by relevance, but the answer shown is not in relevance order yet."""
        return self.sort.ranked and self.search is not None and not self.search.ranked

    # -- filters and sort -----------------------------------------------------------

    def clear_filters(self) -> bool:
        """Drop the search and the quick filters; True if any was active."""
        had = bool(self.search_text or self.list_filter.active)
        self.list_filter = ListFilter()
        self.search_text = ""
        self.answer(None)
        return had

    def set_filter(self, name: str, value: str | None) -> None:
        """Set one quick filter (``all``: clear them all)."""
        if name == "all":
            self.list_filter = ListFilter()
        else:
            self.list_filter = self.list_filter.with_field(name, value)

    def next_status(self, adrs: Sequence[Adr]) -> str | None:
        """The status ``s`` filters by next."""
        return next_status(self.list_filter.status, adrs)

    def set_sort(self, order: str, reverse: bool) -> bool:
        """Sort by ``order``; False (nothing changed) for an unknown order."""
        if order not in SORT_ORDERS:
            return False
        self.sort = SortOrder(order, reverse)
        return True

    def cycled_sort(self) -> SortOrder:
        return self.sort.cycled(searching=bool(self.search_text))

    # -- the rows -------------------------------------------------------------------

    def rows_of(self, adrs: Sequence[Adr]) -> list[Adr]:
        """The list's rows for the collection's ``adrs``."""
        if self.orders is None or self.orders.adrs is not adrs:
            self.orders = ListOrders(adrs)
        search = self.search if self.search_text else None
        self.rows = visible_adrs(
            adrs,
            self.list_filter,
            self.sort.order,
            reverse=self.sort.reverse,
            search=search,
            orders=self.orders,
        )
        return self.rows

    def shows(self, rel_path: str) -> bool:
        return any(adr.rel_path == rel_path for adr in self.rows)

    def describe(self) -> str:
        """The active search and filters, as the list header shows them."""
        parts = []
        if self.search_text:
            parts.append(f"search: {self.search_text}")
        if self.list_filter.active:
            parts.append(self.list_filter.describe())
        return " · ".join(parts)

    def note(self) -> str:
        """A short word on the search's answer, after the count (empty: nothing to say)."""
        search = self.search if self.search_text else None
        if self.search_text and search is None:
            return "searching…"
        if search is None:
            return ""
        if search.error:
            return search.error
        if search.fuzzy:
            return "no exact match: showing near spellings"
        if search.approximate:
            # A prefix matching more words than are expanded (the index and the
            # in-memory evaluator answer alike, so whether it builds does not matter).
            return "partial results"
        return ""

    def keep_selection_near(self, exists: Callable[[str], bool]) -> None:
        """When the selected ADR is gone, select its neighbour among the rows shown."""
        current = self.history.current
        if current is None or exists(current):
            return
        rows = [adr.rel_path for adr in self.rows]
        gone = {path for path in rows if not exists(path)}
        self.history.move(neighbour(rows, current, gone))


def neighbour(rows: Sequence[str], current: str | None, gone: set[str]) -> str | None:
    """Where the selection goes when ``current`` disappears: the next row still there,
    else the previous one, else ``None``."""
    if current is None or current not in rows:
        return None
    index = rows.index(current)
    for candidate in rows[index + 1 :]:
        if candidate not in gone:
            return candidate
    for candidate in reversed(rows[:index]):
        if candidate not in gone:
            return candidate
    return None
