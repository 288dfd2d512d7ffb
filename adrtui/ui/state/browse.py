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

from adrtui.domain.gitlog import RepoHistory, history_note
from adrtui.domain.model import Adr
from adrtui.domain.search import SearchResult, SpanFinder, parse_query
from adrtui.ui.state.filters import FilterView, ListFilter, next_status, typed_chips
from adrtui.ui.state.history import History
from adrtui.ui.state.ordering import (
    GIT_ORDER,
    SORT_ORDERS,
    ListOrders,
    SortOrder,
    visible_adrs,
)


@dataclass
class BrowseState:
    """Filters, sort, search and history of the list, and the rows they give."""

    list_filter: ListFilter = field(default_factory=ListFilter)
    #: The order the user chose for the list (what comes back when a search ends).
    chosen_sort: SortOrder = field(default_factory=SortOrder)
    #: The order picked during the current search (``None``: relevance, the default).
    search_sort: SortOrder | None = None
    #: True when the search has words to rank by (``status:accepted`` alone has none).
    search_ranks: bool = False
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
    #: The repository's history of the ADRs (``None``: not read, or none to read).
    git: RepoHistory | None = None
    #: Why there is no history (``None`` while it is being read).
    git_note: str | None = None

    # -- search -------------------------------------------------------------------

    def type_search(self, text: str) -> bool:
        """The search box now holds ``text``; False when the query did not change."""
        text = text.strip()
        if text == self.search_text:
            return False
        self.search_text = text
        self.search_ranks = any(not word.negated for word in parse_query(text).words)
        if not text:
            self.answer(None)
            self.search_sort = None  # the order chosen before the search comes back
        return True

    def answer(self, outcome: SearchResult | None) -> None:
        self.search = outcome
        self.highlight = outcome.span_finder() if outcome is not None else None

    @property
    def wants_ranking(self) -> bool:
        """Sorted by relevance, but the answer shown is not in relevance order yet."""
        return self.sort.ranked and self.search is not None and not self.search.ranked

    # -- filters and sort -----------------------------------------------------------

    @property
    def sort(self) -> SortOrder:
        """The order in force: while searching, relevance unless the user picked another
        during this search (or the search has no words: ``status:accepted``, whose
        matches all rank alike); otherwise the order they chose."""
        if self.search_text:
            default = SortOrder("relevance") if self.search_ranks else self.chosen_sort
            return self.search_sort or default
        return self.chosen_sort

    @sort.setter
    def sort(self, order: SortOrder) -> None:
        if self.search_text:
            self.search_sort = order  # holds for this search only
        else:
            self.chosen_sort = order

    @property
    def filtered(self) -> bool:
        """True when a search or a quick filter narrows the list (``x`` clears them)."""
        return bool(self.search_text or self.list_filter.active)

    def clear_filters(self) -> bool:
        """Drop the search and the quick filters; True if any was active."""
        had = self.filtered
        self.list_filter = ListFilter()
        self.search_text = ""
        self.search_sort = None
        self.search_ranks = False
        self.answer(None)
        return had

    def set_filter(self, name: str, value: str | None, op: str = "set") -> None:
        """Set one quick filter (``all``: clear them all); ``op`` ``add`` or ``remove``
        changes one value of a field with several (multi-select)."""
        if name == "all":
            self.list_filter = ListFilter()
        elif op in ("add", "remove") and value is not None:
            self.list_filter = self.list_filter.with_value(name, value, present=op == "add")
        else:
            self.list_filter = self.list_filter.with_field(name, value)

    def next_status(self, adrs: Sequence[Adr]) -> str | None:
        """The status ``s`` filters by next (after several statuses: all of them)."""
        statuses = self.list_filter.values("status")
        if len(statuses) > 1:
            return None
        return next_status(statuses[0] if statuses else None, adrs)

    def set_sort(self, order: str, reverse: bool) -> bool:
        """Sort by ``order``; False (nothing changed) for an unknown order."""
        if order not in SORT_ORDERS and (order != GIT_ORDER or self.git is None):
            return False
        self.sort = SortOrder(order, reverse)
        return True

    def cycled_sort(self) -> SortOrder:
        return self.sort.cycled(searching=bool(self.search_text), history=self.git is not None)

    def use_history(self, history: RepoHistory | None, note: str | None) -> None:
        """The history was read (``note``: why there is none); sorted by ``changed``
        without one, the list goes back to number order."""
        self.git, self.git_note = history, note
        if history is None:
            if self.chosen_sort.order == GIT_ORDER:
                self.chosen_sort = SortOrder()
            if self.search_sort is not None and self.search_sort.order == GIT_ORDER:
                self.search_sort = None

    # -- the rows -------------------------------------------------------------------

    def rows_of(self, adrs: Sequence[Adr]) -> list[Adr]:
        """The list's rows for the collection's ``adrs``."""
        orders = self.orders
        if orders is None or orders.adrs is not adrs or orders.history is not self.git:
            self.orders = ListOrders(adrs, self.git)
        search = self.search if self.search_text else None
        self.rows = visible_adrs(
            adrs,
            self.list_filter,
            self.sort.order,
            reverse=self.sort.reverse,
            search=search,
            orders=self.orders,
            history=self.git,
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
        """A short word on the search's answer, after the count (empty: nothing to say).

        What takes a sentence (a typo fallback, an error) is the filter bar's
        :meth:`explanation`: the list header is cut at 80 columns.
        """
        search = self.search if self.search_text else None
        if self.search_text and search is None:
            return "searching…"
        if search is None or search.error or search.fuzzy:
            return ""
        if search.approximate:
            # A prefix matching more words than are expanded (the index and the
            # in-memory evaluator answer alike, so whether it builds does not matter).
            return "partial results"
        return ""

    def explanation(self) -> str:
        """What the search did that the user must read in full (the filter bar's line)."""
        search = self.search if self.search_text else None
        waiting = "" if self.git is not None else self._history_note()
        said = self._search_explanation(search) if search is not None else ""
        return " · ".join(part for part in (said, waiting) if part)

    def _history_note(self) -> str:
        """``changed:`` and ``since:`` typed without a history: left out, and why."""
        if not self.search_text:
            return ""
        return history_note(parse_query(self.search_text), self.git_note)

    @staticmethod
    def _search_explanation(search: SearchResult) -> str:
        if search.error:
            return search.error
        if not search.fuzzy:
            return ""
        if not search.corrections:
            return "no exact match: showing near spellings"
        typed = ", ".join(f"`{word}`" for word, _ in search.corrections)
        shown = ", ".join(f"`{w}`" for _, words in search.corrections for w in words)
        return f"no exact match for {typed}; showing {shown}"

    def filter_view(self) -> FilterView:
        """The filter bar's content: chips for every filter in force, the search's
        explanation and, when no ADR is left, what narrows the list."""
        chips = (*self.list_filter.chips(), *typed_chips(self.search_text))
        answered = not self.search_text or self.search is not None
        no_match = ""
        if self.filtered and not self.rows and answered:
            parts = [f"“{self.search_text}”"] if self.search_text else []
            parts += [chip.label for chip in self.list_filter.chips()]
            no_match = " + ".join(parts)
        return FilterView(chips, self.explanation(), no_match)

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
