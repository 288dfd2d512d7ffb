"""The search box: every keystroke is reported upward; the screen runs the query.

``escape`` clears the query and returns to the list (the list's own order comes
back); ``escape`` in an empty box clears the quick filters too, so two presses
always show every ADR. ``enter`` (or ``down``) keeps the query and returns to
the list. The box never queries anything itself.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from adrtui.ui.messages import RunAction, SearchChanged, SearchDone

PLACEHOLDER = '/ to search: words, "a phrase", status:accepted tag:api decider:alice'


class SearchBar(Input):
    """A one-line search input (the text is data: never parsed as markup)."""

    #: Priority, and run by the screen: leaving the box moves focus at once, so keys
    #: typed right after (``/kafka⏎j`` in one go) reach the list, not the box.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "screen.leave_search(True)", "Clear search", id="clear-search", priority=True
        ),
        Binding(
            "enter,down",
            "screen.leave_search(False)",
            "To list",
            show=False,
            id="search-to-list",
            priority=True,
        ),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(SearchChanged(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(SearchDone(cleared=False))

    def action_clear_search(self) -> None:
        if self.value:
            self.value = ""  # posts Changed(""), which clears the results
        else:
            self.post_message(RunAction("clear_filters"))  # the screen's ``x``
        self.post_message(SearchDone(cleared=True))
