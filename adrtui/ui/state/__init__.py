"""What the browser shows, as plain data: filters, sort orders, history, search answers.

Nothing here touches Textual or the disk, so the rules users rely on (which
ADRs a filter keeps, how a sort orders them, where "back" goes) are tested
without running the app, and the screen stays a thin owner of this state.
"""

from adrtui.ui.state.filters import ListFilter, next_status, status_cycle
from adrtui.ui.state.history import History
from adrtui.ui.state.ordering import SORT_ORDERS, ListOrders, sort_adrs, visible_adrs
from adrtui.ui.state.search import (
    SpanFinder,
    spans_of_words,
    words_pattern,
)

__all__ = [
    "SORT_ORDERS",
    "History",
    "ListFilter",
    "ListOrders",
    "SpanFinder",
    "next_status",
    "sort_adrs",
    "spans_of_words",
    "status_cycle",
    "visible_adrs",
    "words_pattern",
]
