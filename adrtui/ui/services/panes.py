"""The main screen's three panes kept in step: the list from the state, the rest following it.

:class:`PaneSync` is a helper the main screen owns. It draws what
:class:`~adrtui.ui.state.browse.BrowseState` and the
:class:`~adrtui.ui.services.feed.CollectionFeed` hold: the list's rows, then
the detail and relations of the selected ADR (after a short pause while the
user types in the search box, so a keystroke only redraws the list). It
reaches the panes through Textual's own screen API only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget

from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.ui.services.feed import CollectionFeed
from adrtui.ui.services.jobs import Jobs
from adrtui.ui.state.browse import BrowseState
from adrtui.ui.state.relation_rows import relations_view
from adrtui.ui.widgets.adr_list import AdrList, AdrTable, Listing, status_width
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import DocumentView
from adrtui.ui.widgets.pane_grid import PaneGrid
from adrtui.ui.widgets.relations import ChainTree, RelationList, RelationsPane
from adrtui.ui.widgets.search_bar import SearchBar

#: While the search box has the focus, the detail follows the list after this pause.
TYPING_PAUSE = 0.12


class PaneSync:
    """Redraws the list, the detail and the relations from the screen's state."""

    def __init__(
        self, screen: Screen[Any], browse: BrowseState, feed: CollectionFeed, jobs: Jobs
    ) -> None:
        self.screen = screen
        self.browse = browse
        self.feed = feed
        self.jobs = jobs
        self._show_timer: Timer | None = None
        #: The status column's width, for the ADRs it was measured on (once per collection).
        self._status_w: tuple[Sequence[Adr], int] | None = None

    def refresh_list(self) -> None:
        """Recompute the rows (the collection, search, filters or sort changed)."""
        collection = self.feed.collection
        if collection is None:
            return
        self.catch_up()
        browse = self.browse
        rows = browse.rows_of(collection.adrs)
        assert browse.orders is not None
        self.screen.query_one(AdrList).listing = Listing(
            adrs=tuple(rows),
            selected=browse.history.current,
            total=len(collection),
            highlight=browse.highlight,
            description=browse.describe(),
            sort=browse.sort.order,
            reverse=browse.sort.reverse,
            note=browse.note(),
            number_width=browse.orders.number_width,
            status_width=self._status_width(collection.adrs),
        )
        if not rows:
            browse.history.move(None)
        self.follow()

    def _status_width(self, adrs: Sequence[Adr]) -> int:
        """The widest status of the collection (not of the rows: the column keeps its
        width while a search narrows the list)."""
        if self._status_w is None or self._status_w[0] is not adrs:
            self._status_w = (adrs, status_width(adr.status for adr in adrs))
        return self._status_w[1]

    def catch_up(self) -> None:
        """Take the list's cursor as the selection now, if its report has not arrived yet.

        ``j`` moves the cursor at once, but its ``AdrHighlighted`` climbs to the
        screen a few messages later. A refresh (a search answer, a sort key, a live
        reload) handled in between would otherwise put the cursor back on the row
        the screen last heard of. A cursor on an ADR that is gone does not count:
        the history already holds its neighbour.
        """
        collection, history = self.feed.collection, self.browse.history
        path = self.screen.query_one(AdrList).cursor_path
        if path is None or path == history.current or collection is None:
            return
        if collection.get(path) is not None:
            history.move(path)

    def highlighted(self, rel_path: str | None) -> None:
        """The list reported its cursor on ``rel_path``: show that ADR.

        A report the cursor has already left behind (a newer move, or a
        navigation that put the cursor elsewhere while it was on its way) is
        dropped: the selection is always the row under the cursor.
        """
        if rel_path != self.screen.query_one(AdrList).cursor_path:
            return
        self.browse.history.move(rel_path)
        self.follow()

    def follow(self) -> None:
        """Make the detail and relations show the current ADR and search."""
        if self._show_timer is not None:
            self._show_timer.stop()
            self._show_timer = None
        if isinstance(self.screen.focused, SearchBar):
            # While typing, the first row changes with each keystroke: the detail
            # follows once typing pauses, so a keystroke only redraws the list.
            self._show_timer = self.screen.set_timer(TYPING_PAUSE, self.show_current)
        else:
            self.show_current()

    def show_current(self) -> None:
        self.show(self.browse.history.current)

    def show(self, rel_path: str | None) -> None:
        self._show_timer = None
        feed = self.feed
        adr = feed.collection.get(rel_path) if (feed.collection and rel_path) else None
        detail = self.screen.query_one(DetailPane)
        detail.show(adr, self.browse.highlight)
        detail.notes = feed.findings.get(adr.rel_path, ()) if adr is not None else ()
        path = adr.rel_path if adr is not None else None
        relations = self.screen.query_one(RelationsPane)
        view = relations.view
        if view is None or view.rel_path != path or view.graph is not feed.graph:
            relations.view = (
                relations_view(feed.graph, path)
                if path is not None and feed.graph is not None
                else None
            )

    def navigate(self, rel_path: str, *, record: bool = True, focus_detail: bool = False) -> None:
        """Show ``rel_path``: select it in the list (clearing filters that hide it)."""
        screen, history = self.screen, self.browse.history
        collection = self.feed.collection
        if collection is None or collection.get(rel_path) is None:
            screen.notify(f"No ADR {clean_line(rel_path)} in this folder.", severity="warning")
            return
        if not self.browse.shows(rel_path):
            self.clear_filters(quiet=False)
        if record:
            history.visit(rel_path)
        else:
            history.move(rel_path)
        screen.query_one(AdrList).selected = rel_path
        self.show(rel_path)
        screen.refresh_bindings()
        if focus_detail:
            screen.query_one(DocumentView).focus()

    def clear_filters(self, *, quiet: bool = True) -> None:
        had = self.browse.clear_filters()
        self.jobs.searches.cancel()
        self.screen.query_one(SearchBar).value = ""
        self.refresh_list()
        if had and not quiet:
            self.screen.notify("Filters cleared to show the ADR.", timeout=2)

    def cycle_focus(self, step: int) -> None:
        """``tab``/``shift+tab``: the next (previous) pane that can take the focus."""
        screen = self.screen
        candidates: list[Widget] = [
            screen.query_one(AdrTable),
            screen.query_one(DocumentView),
            screen.query_one(RelationList),
            screen.query_one(ChainTree),
        ]
        grid = screen.query_one(PaneGrid)
        panes = [w for w in candidates if w.display and w.can_focus and grid.visitable(w)]
        focused = screen.focused
        index = panes.index(focused) if focused in panes else (-1 if step > 0 else 0)
        # At once, not ``widget.focus()`` (deferred): a second tab typed before the
        # first is handled must start from where the first one went.
        screen.set_focus(panes[(index + step) % len(panes)])
