"""The three-pane browser screen: composition, and the handlers that tie the parts together.

Panes report upward with messages (``AdrHighlighted``, ``OpenAdr``,
``SearchChanged``); the screen updates its plain state objects and pushes the
result down by setting the panes' reactive attributes (``listing``, ``adr``,
``view``). What the list shows is decided by :class:`BrowseState`; background
work (loading, live reload, indexing, latest-only search) is started by
:class:`Jobs` in thread workers that only post messages back; writing is the
:class:`Editing` helper's. Handlers here never block.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header

from adrtui.domain.collection import Collection
from adrtui.domain.gitlog import RepoHistory
from adrtui.domain.model import Adr
from adrtui.ui.messages import (
    AdrHighlighted,
    FeedReport,
    OpenAdr,
    OpenLink,
    RunAction,
    SearchAnswered,
    SearchChanged,
    SearchDone,
    SetFilter,
    SetSort,
)
from adrtui.ui.screens.lint_report import open_lint_report, status_text
from adrtui.ui.screens.provenance import ProvenanceScreen
from adrtui.ui.services.copying import copy_path, open_copy_menu
from adrtui.ui.services.editing import EDITING_BINDINGS, Editing
from adrtui.ui.services.feed import CollectionFeed
from adrtui.ui.services.footer import FooterThrottle
from adrtui.ui.services.git_history import GitHistory
from adrtui.ui.services.git_views import GIT_VIEW_BINDINGS, show_history, show_timeline
from adrtui.ui.services.jobs import Jobs
from adrtui.ui.services.key_state import key_state
from adrtui.ui.services.live_reload import FolderWatcher, WatchFailed
from adrtui.ui.services.opening import open_in_pager
from adrtui.ui.services.panes import PaneSync
from adrtui.ui.services.search import SearchService
from adrtui.ui.state.browse import BrowseState
from adrtui.ui.state.links import follow_link
from adrtui.ui.widgets.adr_list import AdrList, AdrTable
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.filter_bar import FilterBar
from adrtui.ui.widgets.pane_grid import PaneGrid
from adrtui.ui.widgets.relations import RelationsPane
from adrtui.ui.widgets.search_bar import SearchBar
from adrtui.ui.widgets.status_bar import StatusBar


class MainScreen(Screen[None]):
    """List, detail and relations of one ADR folder."""

    CSS_PATH = "main.tcss"
    AUTO_FOCUS = "#adr-table"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-medium"), (150, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        *EDITING_BINDINGS,
        Binding("slash", "focus_search", "Search", id="search", priority=True),
        Binding("s", "cycle_status", "Status", id="status-filter"),
        Binding("x", "clear_filters", "Clear filters", id="clear-filters"),
        Binding("o", "cycle_sort", "Sort", show=False, id="cycle-sort"),
        Binding("O", "reverse_sort", "Reverse sort", show=False, id="reverse-sort"),
        Binding(
            "left_square_bracket,backspace,alt+left",
            "history_back",
            "Back",
            id="history-back",
            key_display="[",
        ),
        Binding(
            "right_square_bracket,alt+right",
            "history_forward",
            "Forward",
            show=False,
            id="history-forward",
            key_display="]",
        ),
        Binding("y", "copy_path", "Copy path", show=False, id="copy-path"),
        Binding("Y", "copy_menu", "Copy…", show=False, id="copy-menu"),
        Binding("p", "open_pager", "Pager", show=False, id="open-pager"),
        Binding("L", "lint_report", "Lint report", show=False, id="lint-report"),
        Binding("w", "explain_fields", "Field sources", show=False, id="explain-fields"),
        *GIT_VIEW_BINDINGS,
        Binding("ctrl+r", "reload", "Reload", show=False, id="reload"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="next-pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="previous-pane"),
    ]

    def __init__(
        self,
        folder: Path,
        *,
        is_example: bool = False,
        cache_dir: Path | None = None,
        watch: bool = True,
        refused: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.folder = folder
        self.is_example = is_example
        #: Live reload: watch the folder for changes made outside the app.
        self.live_reload = watch and not is_example
        #: Filters, sort, search and history: what the list shows.
        self.browse = BrowseState()
        self.search_service = SearchService(folder, cache_dir)
        self.jobs = Jobs(self, self.search_service, folder, is_example=is_example)
        #: The collection, its relationships and lint, the index's state.
        self.feed = CollectionFeed(self, self.jobs, folder, is_example=is_example, refused=refused)
        apply = self.feed.apply_records
        self.editing = Editing(self, folder, is_example=is_example, apply=apply)
        #: The list, detail and relations drawn from the state above.
        self.panes = PaneSync(self, self.browse, self.feed, self.jobs)
        self.footer_throttle = FooterThrottle(self, super().refresh_bindings)
        #: What git knows of each ADR (``None``: not read yet, or no history here).
        self.git: RepoHistory | None = None
        self.git_history = GitHistory(self, folder, enabled=not is_example)

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield SearchBar(id="search")
        yield FilterBar(id="filter-bar")
        with PaneGrid(id="panes"):
            list_pane = AdrList(id="list-pane")
            list_pane.border_title = "Decisions"
            yield list_pane
            detail = DetailPane(id="detail-pane")
            detail.border_title = "Detail"
            yield detail
            relations = RelationsPane(id="relations-pane")
            relations.border_title = "Relations"
            yield relations
        yield StatusBar(id="status")
        yield Footer(compact=True)
        yield FolderWatcher(self.folder, enabled=self.live_reload, id="watcher")

    @property
    def adr_list(self) -> AdrList:
        return self.query_one(AdrList)

    @property
    def detail(self) -> DetailPane:
        return self.query_one(DetailPane)

    @property
    def relations(self) -> RelationsPane:
        return self.query_one(RelationsPane)

    @property
    def status_bar(self) -> StatusBar:
        return self.query_one(StatusBar)

    @property
    def collection(self) -> Collection | None:
        return self.feed.collection

    @property
    def selected(self) -> Adr | None:
        """The ADR the user sees selected: under the list's cursor while the list has focus
        (a key pressed right after ``j`` acts on the row the cursor is on now)."""
        if self.collection is None:
            return None
        current = self.browse.history.current
        if self.adr_list.has_focus_within:
            current = self.adr_list.cursor_path or current
        return self.collection.get(current) if current is not None else None

    def refresh_bindings(self) -> None:
        """Through :class:`FooterThrottle` once mounted (at most once a frame)."""
        if self.is_mounted:
            self.footer_throttle.request()
        else:
            super().refresh_bindings()

    def on_mount(self) -> None:
        self.status_bar.message = "Reading ADRs…"
        self.jobs.load("start")
        self.editing.check_writable()

    def on_unmount(self) -> None:
        self.search_service.close()

    # -- loading, live reload, relationships, the index (the feed keeps them) ------------

    @on(FeedReport)
    def _feed(self, message: FeedReport) -> None:
        """What the jobs, the folder watcher and the history read report goes to the feed."""
        self.git_history.receive(message, self.feed.receive)

    @on(WatchFailed)
    def _watch_failed(self, message: WatchFailed) -> None:
        self.feed.watch_failed(message)

    def status_changed(self) -> None:
        """The status bar's right-hand side: read-only state and the lint count."""
        parts = []
        if self.editing.read_only_reason:
            parts.append("read-only")
        if self.feed.linted:
            parts.append(status_text(self.feed.lint_problems))
        self.status_bar.note = self.git_history.note
        self.status_bar.extra = " · ".join(part for part in parts if part)

    # -- search and the list -----------------------------------------------------------

    @on(SearchChanged)
    def _search_changed(self, message: SearchChanged) -> None:
        if not self.browse.type_search(message.text):
            return
        if self.browse.search_text:
            self.start_search()
        else:
            self.jobs.searches.cancel()
            self.refresh_list()

    def start_search(self) -> None:
        if self.collection is not None:
            ranked = self.browse.sort.ranked
            self.jobs.search(self.browse.search_text, self.collection.adrs, ranked=ranked)

    @on(SearchAnswered)
    def _search_answered(self, message: SearchAnswered) -> None:
        searches, wanted = self.jobs.searches, self.browse.search_text
        verdict = searches.answered(message.generation, message.outcome.text, wanted)
        if verdict == "rerun":
            self.start_search()
        elif verdict == "show":
            self.browse.answer(message.outcome)
            self.refresh_list()

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
        self.query_one(AdrTable).focus()

    def action_leave_search(self, clear: bool) -> None:
        """The search box's ``enter``/``down`` (keep) or ``escape`` (clear): focus the list
        at once, so keys typed right after are the list's (``widget.focus()`` is queued)."""
        if clear:  # after the characters already queued for the box (``/kafka`` then escape)
            search = self.query_one(SearchBar)
            search.call_later(search.action_clear_search)
        self.set_focus(self.query_one(AdrTable))

    def refresh_list(self) -> None:
        self.panes.refresh_list()
        self.show_filters()

    def show_filters(self) -> None:
        """The filter bar (chips, notes) and the footer's ``x`` follow the filters in force."""
        self.query_one(FilterBar).view = self.browse.filter_view()
        self.refresh_bindings()

    def show_current(self) -> None:
        self.panes.show_current()

    @on(AdrHighlighted)
    def _highlighted(self, message: AdrHighlighted) -> None:
        self.panes.highlighted(message.rel_path)
        self.refresh_bindings()

    # -- navigation ---------------------------------------------------------------------

    @on(OpenAdr)
    def _open_adr(self, message: OpenAdr) -> None:
        self.navigate(message.rel_path, focus_detail=message.focus_detail)

    def navigate(self, rel_path: str, *, record: bool = True, focus_detail: bool = False) -> None:
        """Show ``rel_path``: select it in the list (clearing filters that hide it)."""
        self.panes.navigate(rel_path, record=record, focus_detail=focus_detail)
        self.show_filters()  # navigating clears the filters that hide the ADR

    @on(OpenLink)
    def _open_link(self, message: OpenLink) -> None:
        if self.feed.resolver is None:
            return
        outcome = follow_link(self.feed.resolver, message.href, message.source_path or "")
        if outcome is not None and outcome.path is not None:
            self.navigate(outcome.path)
        elif outcome is not None:
            self.notify(outcome.message, severity=outcome.severity, timeout=outcome.timeout)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return key_state(self, action)  # the footer offers only keys that work now

    def action_history_back(self) -> None:
        path = self.browse.history.back()
        if path is not None:
            self.navigate(path, record=False)

    def action_history_forward(self) -> None:
        path = self.browse.history.forward()
        if path is not None:
            self.navigate(path, record=False)

    # -- other actions ------------------------------------------------------------------

    def action_edit_adr(self) -> None:
        self.editing.edit()

    def action_new_adr(self) -> None:
        self.editing.new()

    def action_supersede_adr(self) -> None:
        self.editing.supersede()

    def action_refuse_write(self) -> None:
        self.editing.refuse()

    def action_focus_search(self) -> None:
        # A priority binding, focus set at once: the keys of "/events" typed in one go,
        # already queued behind "/", go to the box (not e=edit, s=status on the list).
        self.set_focus(self.query_one(SearchBar))

    def action_cycle_status(self) -> None:
        if self.collection is not None:
            self.set_filter("status", self.browse.next_status(self.collection.adrs))

    @on(RunAction)
    async def _run_action(self, message: RunAction) -> None:
        await self.run_action(message.action)

    @on(SetFilter)
    def _set_filter(self, message: SetFilter) -> None:
        self.set_filter(message.field, message.value, message.op)

    def set_filter(self, field: str, value: str | None, op: str = "set") -> None:
        self.browse.set_filter(field, value, op)
        self.refresh_list()

    def action_clear_filters(self) -> None:
        """``x`` (and ``escape`` in an empty search box): the search and every filter."""
        self.panes.clear_filters()
        self.show_filters()

    def action_cycle_sort(self) -> None:
        order = self.browse.cycled_sort()
        self.set_sort(order.order, order.reverse)

    def action_reverse_sort(self) -> None:
        self.set_sort(self.browse.sort.order, not self.browse.sort.reverse)

    @on(SetSort)
    def _set_sort(self, message: SetSort) -> None:
        self.set_sort(message.order, message.reverse)

    def set_sort(self, order: str, reverse: bool) -> None:
        if not self.browse.set_sort(order, reverse):
            return
        self.refresh_list()
        if self.browse.wants_ranking:
            self.start_search()  # the matches are known; now their order is needed

    def action_copy_path(self) -> None:
        copy_path(self, self.selected)

    def action_copy_menu(self) -> None:
        open_copy_menu(self, self.selected)

    def action_open_pager(self) -> None:
        open_in_pager(self, self.selected)

    def action_lint_report(self) -> None:
        """``L``: every lint problem as a list; ``enter`` opens the ADR of one."""
        if self.collection is not None and self.feed.linted:
            adrs, problems = self.collection.adrs, self.feed.lint_problems
            open_lint_report(self.app, problems, adrs, partial(self.navigate, focus_detail=True))

    def action_explain_fields(self) -> None:
        """``w``: where each field of the selected ADR came from (``show --explain``)."""
        if self.selected is not None:
            self.app.push_screen(ProvenanceScreen(self.selected))

    def action_adr_history(self) -> None:
        show_history(self)  # H: the selected ADR's commits, and one's diff on enter

    def action_timeline(self) -> None:
        show_timeline(self)  # T: decisions by month or year; enter selects one

    def action_why_no_history(self) -> None:
        show_timeline(self)  # H or T before the history is read: one notice says why

    def action_reload(self) -> None:
        self.status_bar.message = "Reloading…"
        self.jobs.load("reload")
        self.query_one(FolderWatcher).restart()  # the folder may have come back
        self.editing.check_writable()

    def action_cycle_pane(self, step: int) -> None:
        self.panes.cycle_focus(step)
