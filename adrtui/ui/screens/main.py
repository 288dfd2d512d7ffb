"""The three-pane browser screen. It owns the state: collection, filters, search, selection.

Panes report upward with messages (``AdrHighlighted``, ``OpenAdr``,
``SearchChanged``); the screen decides and pushes the result down by setting
their reactive attributes (``listing``, ``adr``, ``view``). Anything that
reads files or queries the index runs in a thread worker that only posts
messages back; handlers here never block.
"""

from __future__ import annotations

import gc
import os
import posixpath
import re
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Footer, Header
from textual.worker import get_current_worker

from adrtui.domain.collection import Collection
from adrtui.domain.model import Adr
from adrtui.domain.relations import RelationGraph, Resolver
from adrtui.domain.text import clean_line
from adrtui.ui.live_reload import FolderWatcher, WatchFailed, apply_changes, neighbour
from adrtui.ui.loading import build_relations, lint_findings, read_collection
from adrtui.ui.messages import (
    AdrHighlighted,
    AdrsChanged,
    CollectionFailed,
    CollectionLoaded,
    IndexFailed,
    IndexProgress,
    IndexReady,
    NothingChanged,
    OpenAdr,
    OpenLink,
    RelationsBuilt,
    RunAction,
    SearchAnswered,
    SearchChanged,
    SearchDone,
    SetFilter,
    SetSort,
)
from adrtui.ui.rendering.markdown import strip_fragment
from adrtui.ui.rendering.repo_settings import show_settings
from adrtui.ui.screens.lint_report import status_text
from adrtui.ui.screens.writing import WRITING_ACTIONS, WritingScreen
from adrtui.ui.search_service import SearchService, memory_search
from adrtui.ui.state import (
    SORT_ORDERS,
    History,
    ListFilter,
    ListOrders,
    SearchOutcome,
    SpanFinder,
    next_status,
    visible_adrs,
)
from adrtui.ui.state.relation_rows import relations_view
from adrtui.ui.widgets.adr_list import AdrList, AdrTable, Listing
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import DocumentView
from adrtui.ui.widgets.relations import ChainTree, RelationList, RelationsPane
from adrtui.ui.widgets.search_bar import SearchBar
from adrtui.ui.widgets.status_bar import StatusBar

#: While the search box has the focus, the detail follows the list after this pause.
TYPING_PAUSE = 0.12
#: The loading worker waits at most this long for the list's first paint.
FIRST_PAINT_WAIT = 2.0


# Lone surrogates (undecodable file-name bytes), C0/C1 controls and DEL.
_NOT_COPYABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def copyable_path(path: Path) -> tuple[str, bool]:
    """The text ``y`` copies for ``path``, and whether it differs from the real name.

    The clipboard (OSC 52) carries UTF-8, which a name of other bytes is not
    (Python holds them as lone surrogates), and a name with control characters
    must not be pasted raw into a shell. Both are copied in shell quoting,
    ``$'…'`` with ``\\xNN`` for each such byte, which bash, zsh and ksh read
    back as the file's real bytes.
    """
    text = str(path)
    if not _NOT_COPYABLE.search(text):
        return text, False
    out = []
    for char in os.fsencode(path).decode("utf-8", "surrogateescape"):
        if "\udc80" <= char <= "\udcff":
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif _NOT_COPYABLE.match(char):
            out.extend(f"\\x{byte:02x}" for byte in char.encode("utf-8"))
        elif char in "\\'":
            out.append("\\" + char)
        else:
            out.append(char)
    return "$'" + "".join(out) + "'", True


class MainScreen(WritingScreen):
    """List, detail and relations of one ADR folder (editing: :class:`WritingScreen`)."""

    CSS_PATH = "main.tcss"
    AUTO_FOCUS = "#adr-table"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-narrow"),
        (100, "-medium"),
        (150, "-wide"),
    ]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (30, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="search"),
        Binding("s", "cycle_status", "Status", id="status-filter"),
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
        Binding("L", "lint_report", "Lint report", show=False, id="lint-report"),
        Binding("w", "explain_fields", "Field sources", show=False, id="explain-fields"),
        Binding("ctrl+r", "reload", "Reload", show=False, id="reload"),
        Binding("tab", "next_pane", "Next pane", show=False, id="next-pane"),
        Binding("shift+tab", "previous_pane", "Previous pane", show=False, id="previous-pane"),
    ]

    def __init__(
        self,
        folder: Path,
        *,
        is_example: bool = False,
        cache_dir: Path | None = None,
        watch: bool = True,
    ) -> None:
        super().__init__()
        self.folder = folder
        self.is_example = is_example
        #: Live reload: watch the folder for changes made outside the app.
        self.live_reload = watch and not is_example
        self.collection: Collection | None = None
        self.graph: RelationGraph | None = None
        self.resolver: Resolver | None = None
        #: Lint findings per ADR, shown under the detail header (empty until computed).
        self.findings: dict[str, tuple[str, ...]] = {}
        #: Every lint problem of the collection (for a lint report); see ``linted``.
        self.lint_problems: list[Any] = []
        self.linted = False
        self.list_filter = ListFilter()
        self.sort_order = "number"
        self.sort_reverse = False
        self.search_text = ""
        self.search: SearchOutcome | None = None
        self.history = History()
        self.search_service = SearchService(folder, cache_dir)
        self._search_generation = 0
        self._search_running = False
        self._search_pending = False
        self._rows: list[Adr] = []
        #: The collection's ADRs in each sort order (a keystroke only filters them).
        self._orders: ListOrders | None = None
        self._show_timer: Timer | None = None
        self._highlight: SpanFinder | None = None
        self._notices_shown: set[str] = set()
        #: ``building``, ``ready`` or ``failed``: whether searches come from the index.
        self.index_state = "building"
        # Live reload and the app's own edits: paths (and already-parsed records)
        # waiting to be folded into the collection, one update at a time.
        self._pending_paths: set[str] = set()
        self._pending_records: dict[str, Adr] = {}
        self._updating = False
        self._loading = False
        self._select_after: str | None = None
        self._folder_gone = False
        #: How many batches of outside changes arrived (tests wait on it).
        self.change_batches = 0
        self._bindings_check_pending = False
        self._bindings_signature: tuple[object, ...] | None = None

    # -- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="◆")
        yield SearchBar(id="search")
        with Container(id="panes"):
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
    def selected(self) -> Adr | None:
        """The ADR the user sees selected: under the list's cursor while the list has focus
        (a key pressed right after ``j`` acts on the row the cursor is on now)."""
        if self.collection is None:
            return None
        current = self.history.current
        if self.adr_list.has_focus_within:
            current = self.adr_list.cursor_path or current
        return self.collection.get(current) if current is not None else None

    def refresh_bindings(self) -> None:
        """Tell the footer about changed bindings: at most once a frame, and only real changes.

        Textual's footer rebuilds all its keys on every call (≈10 ms), and a keystroke
        in the search box moves the selection, which may change what ``check_action``
        says; re-rendering an identical footer for each one made typing slower.
        """
        if not self.is_mounted:
            super().refresh_bindings()
            return
        if not self._bindings_check_pending:
            self._bindings_check_pending = True
            self.call_after_refresh(self._publish_bindings)

    def _publish_bindings(self) -> None:
        self._bindings_check_pending = False
        signature = (
            self.app.app_focus,
            *(
                (key, id(active.node), active.binding.action, active.enabled)
                for key, active in self.active_bindings.items()
            ),
        )
        if signature != self._bindings_signature:
            self._bindings_signature = signature
            super().refresh_bindings()

    def on_descendant_focus(self) -> None:
        focused = self.focused
        in_relations = focused is not None and self.relations in focused.ancestors_with_self
        self.set_class(in_relations, "-relations-focus")

    def on_mount(self) -> None:
        self.status_bar.message = "Reading ADRs…"
        self._loading = True
        self._load("start")
        self.check_writable()

    def on_unmount(self) -> None:
        self.search_service.close()

    # -- loading and indexing (thread workers; they only post messages) -------------

    @work(thread=True, exclusive=True, group="load", exit_on_error=False, description="load")
    def _load(self, reason: str) -> None:
        """Records first (the list paints), then relationships (the graph, the resolver)."""
        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            self.post_message(IndexProgress(done, total, phase="reading"))

        def partial(collection: Collection) -> None:
            if not worker.is_cancelled:
                self.post_message(CollectionLoaded(collection, reason=reason, partial=True))

        try:
            collection = read_collection(
                self.folder,
                progress=progress,
                is_example=self.is_example,
                cache_dir=self.search_service.cache_dir,
                on_partial=partial,
            )
        except Exception as error:  # noqa: BLE001 - any failure is shown, never a traceback
            self.post_message(CollectionFailed(f"{type(error).__name__}: {error}"))
            return
        if worker.is_cancelled:
            return
        painted = threading.Event()
        self.post_message(CollectionLoaded(collection, reason=reason, painted=painted))
        painted.wait(timeout=FIRST_PAINT_WAIT)
        self._relate(collection)

    def _relate(self, collection: Collection) -> None:
        """In a worker: relationships, then lint, each posted as soon as it is known."""
        worker = get_current_worker()
        if worker.is_cancelled:
            return
        try:
            graph, resolver = build_relations(collection)
        except Exception as error:  # noqa: BLE001
            self.log.error(f"relationships could not be resolved: {error!r}")
            return
        if worker.is_cancelled:
            return
        self.post_message(RelationsBuilt(collection, graph, resolver))
        try:
            problems, findings = lint_findings(collection, graph)
        except Exception as error:  # noqa: BLE001 - lint is extra information, never a crash
            self.log.error(f"lint failed: {error!r}")
            return
        if not worker.is_cancelled:
            self.post_message(
                RelationsBuilt(collection, graph, resolver, findings, problems, linted=True)
            )

    @work(thread=True, group="update", exit_on_error=False, description="update")
    def _update(self, base: Collection, paths: frozenset[str], records: dict[str, Adr]) -> None:
        """Fold changed files (or records the app just wrote) into ``base``."""
        applied = frozenset(paths | records.keys())
        try:
            collection = apply_changes(base, sorted(paths), records=records)
        except Exception as error:  # noqa: BLE001 - a bad file must not stop live reload
            self.log.error(f"update failed: {error!r}")
            collection = None
        if collection is None:
            self.post_message(NothingChanged(base, applied))
            return
        painted = threading.Event()
        self.post_message(
            CollectionLoaded(
                collection, reason="change", painted=painted, base=base, applied=applied
            )
        )
        painted.wait(timeout=FIRST_PAINT_WAIT)
        self._relate(collection)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False, description="index")
    def _sync_index(self, adrs: list[Adr]) -> None:
        def progress(done: int, total: int) -> None:
            self.post_message(IndexProgress(done, total))

        try:
            summary = self.search_service.sync(adrs, progress)
        except ImportError:
            self.post_message(IndexFailed("full-text index not available"))
            return
        except Exception as error:  # noqa: BLE001
            self.post_message(IndexFailed(f"{type(error).__name__}: {error}"))
            return
        self.post_message(IndexReady(summary.text, summary.notices))

    @on(CollectionLoaded)
    def _collection_loaded(self, message: CollectionLoaded) -> None:
        collection = message.collection
        if message.base is not None:
            # An update: applies only on top of the collection it was computed from.
            self._updating = False
            if message.base is not self.collection:
                if message.painted is not None:
                    message.painted.set()
                self._start_update()
                return
            self._settle_pending(message.applied)
        else:
            self._loading = False
        previous = self.collection
        self.collection = collection
        show_settings(self, collection)  # status colours, the watcher's rules, problems
        if message.base is None or message.graph is not None:
            self.graph = message.graph
            self.resolver = None
        # (An update keeps the previous graph on screen until the new one is built.)
        if message.partial:
            # The first records of a slow cold start: paint them, the rest follows.
            self._loading = True
            self._refresh_list()
            return
        self._folder_gone = False
        if previous is not None:
            self._keep_selection_near(collection)
        self.history.forget({adr.rel_path for adr in collection.adrs})
        self.status_bar.progress = None
        count = len(collection)
        skipped = len(collection.ignored)
        self.status_bar.message = f"{count} ADRs" + (
            f" · {skipped} other files skipped" if skipped else ""
        )
        if message.reason == "reload":
            self.notify(f"Reloaded {count} ADRs.", timeout=2)
        self._warn_once(collection.notices, "Record cache")
        self.detail.empty_text = (
            "No ADRs in this folder yet." if count == 0 else "No ADR matches the search."
        )
        if self.search_text:
            self._start_search()
        self._refresh_list()
        select, self._select_after = self._select_after, None
        if select is not None and collection.get(select) is not None:
            self.navigate(select)
        self._start_update()
        painted = message.painted

        def after_paint() -> None:
            # Resolving links and indexing start once the list is on screen.
            if painted is not None:
                painted.set()
            if count and self.collection is collection:
                self._sync_index(list(collection.adrs))

        self.call_after_refresh(after_paint)

    @on(RelationsBuilt)
    def _relations_built(self, message: RelationsBuilt) -> None:
        if message.collection is not self.collection:
            return  # a newer load is on its way
        self.graph = message.graph
        self.resolver = message.resolver
        if message.linted:
            # (Until then the previous findings stay: lint follows in a moment.)
            self.findings = message.findings
            self.lint_problems = message.problems
            self.linted = True
            self.refresh_bindings()
            self.status_changed()
        self._show(self.history.current)
        # Records, graph and index caches live as long as the collection: move them
        # out of the garbage collector's sight, or every full collection walks them
        # all (≈0.1 s pauses while typing on 10,000 ADRs).
        gc.freeze()

    @on(CollectionFailed)
    def _collection_failed(self, message: CollectionFailed) -> None:
        self._loading = False
        self.status_bar.progress = None
        self.status_bar.message = "Could not read the ADR folder."
        self.notify(clean_line(message.error), title="Cannot read ADRs", severity="error")
        if self.collection is None:
            self.collection = Collection(self.folder)
            self._refresh_list()

    @on(IndexProgress)
    def _index_progress(self, message: IndexProgress) -> None:
        self.status_bar.progress = (message.done, message.total)
        verb = "Reading" if message.phase == "reading" else "Indexing"
        self.status_bar.message = f"{verb} {message.done}/{message.total}"

    def _warn_once(self, notices: Sequence[str], title: str) -> None:
        """Warn about each notice the first time it comes (each load repeats them)."""
        for notice in notices:
            if notice not in self._notices_shown:
                self._notices_shown.add(notice)
                self.notify(clean_line(notice), title=title, severity="warning", markup=False)

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self.status_bar.progress = None
        self.index_state = "ready"
        count = len(self.collection) if self.collection else 0
        self.status_bar.message = f"{count} ADRs · index ready" + (
            f" ({message.summary})" if message.summary else ""
        )
        self._warn_once(message.notices, "Search index")
        # The index's in-memory tables are as long-lived as the records: keep the
        # garbage collector from walking them in every full collection (≈35 ms each).
        gc.freeze()
        if self.search_text:
            self._start_search()  # the approximate answer becomes the indexed one

    @on(IndexFailed)
    def _index_failed(self, message: IndexFailed) -> None:
        self.status_bar.progress = None
        self.index_state = "failed"
        count = len(self.collection) if self.collection else 0
        self.status_bar.message = f"{count} ADRs · searching titles and text (no index)"
        self.log.warning(f"index unavailable: {message.error}")

    # -- live reload and the app's own edits -------------------------------------------

    @on(AdrsChanged)
    def _adrs_changed(self, message: AdrsChanged) -> None:
        self.change_batches += 1
        if not self.folder.is_dir():
            self._lost_folder()
            return
        if not message.rel_paths:
            gc.unfreeze()
            self._loading = True
            self._load("change")  # a folder appeared or moved: read everything again
            return
        self._pending_paths.update(message.rel_paths)
        self._start_update()

    def apply_records(
        self,
        records: Mapping[str, Adr],
        removed: Sequence[str] = (),
        *,
        select: str | None = None,
    ) -> None:
        """Fold records the app just wrote into the collection (and select ``select``)."""
        self._pending_records.update(records)
        self._pending_paths.update(removed)
        if select is not None:
            self._select_after = select
        self._start_update()

    def _start_update(self) -> None:
        """Start the next update, unless one (or a full load) is running."""
        if self._updating or self._loading or self.collection is None:
            return
        if not (self._pending_paths or self._pending_records):
            return
        gc.unfreeze()
        self._updating = True
        self._update(self.collection, frozenset(self._pending_paths), dict(self._pending_records))

    def _settle_pending(self, applied: frozenset[str]) -> None:
        self._pending_paths.difference_update(applied)
        for path in applied:
            self._pending_records.pop(path, None)

    @on(NothingChanged)
    def _nothing_changed(self, message: NothingChanged) -> None:
        self._updating = False
        if message.base is self.collection:
            self._settle_pending(message.applied)
            select, self._select_after = self._select_after, None
            if select is not None and self.collection.get(select) is not None:
                self.navigate(select)
        self._start_update()

    def _keep_selection_near(self, collection: Collection) -> None:
        """When the selected ADR is gone, select its neighbour in the list."""
        current = self.history.current
        if current is None or collection.get(current) is not None:
            return
        rows = [adr.rel_path for adr in self._rows]
        gone = {path for path in rows if collection.get(path) is None}
        self.history.move(neighbour(rows, current, gone))

    def _lost_folder(self) -> None:
        """The ADR folder itself was deleted or moved away: say so, show it empty."""
        if self._folder_gone:
            return
        self._folder_gone = True
        self.notify(
            f"The ADR folder {self.folder} was deleted or moved. "
            "Press ctrl+r to read it again once it is back.",
            title="ADR folder gone",
            severity="error",
            timeout=10,
            markup=False,
        )
        self._pending_paths.clear()
        self._pending_records.clear()
        root = self.collection.root if self.collection is not None else self.folder
        previous = self.collection
        empty = Collection(root, [], [], self.is_example)
        if previous is not None:
            empty.settings = previous.settings
        self._collection_loaded(CollectionLoaded(empty, reason="gone"))
        self._folder_gone = True
        self.status_bar.message = "The ADR folder is gone · ctrl+r to read it again"
        self.detail.empty_text = "The ADR folder was deleted or moved."

    @on(WatchFailed)
    def _watch_failed(self, message: WatchFailed) -> None:
        if not self.folder.is_dir():
            self._lost_folder()
            return
        self.notify(
            f"Changes made outside adrtui will not show until ctrl+r: {message.error}",
            title="Live reload off",
            severity="warning",
            markup=False,
        )

    def status_changed(self) -> None:
        """The status bar's right-hand side: read-only state and the lint count."""
        parts = []
        if self.read_only_reason:
            parts.append("read-only")
        if self.linted:
            parts.append(status_text(self.lint_problems))
        self.status_bar.extra = " · ".join(part for part in parts if part)

    # -- search ---------------------------------------------------------------------

    @on(SearchChanged)
    def _search_changed(self, message: SearchChanged) -> None:
        text = message.text.strip()
        if text == self.search_text:
            return
        self.search_text = text
        if not text:
            self._search_generation += 1
            self._set_search(None)
            self._refresh_list()
            return
        self._start_search()

    def _start_search(self) -> None:
        """Run the latest query; while one runs, later keystrokes coalesce into one more."""
        if self.collection is None:
            return
        if self._search_running:
            self._search_pending = True  # answered when the running query returns
            return
        self._search_generation += 1
        self._search_running = True
        self._search_pending = False
        self._run_search(
            self._search_generation,
            self.search_text,
            self.collection.adrs,
            ranked=self.sort_order == "relevance",
        )

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="search")
    def _run_search(self, generation: int, text: str, adrs: Sequence[Adr], *, ranked: bool) -> None:
        try:
            outcome = self.search_service.search(text, adrs, ranked=ranked)
        except Exception as error:  # noqa: BLE001 - a bad query must not break typing
            fallback = memory_search(adrs, text)
            outcome = SearchOutcome(
                text,
                fallback.paths,
                fallback.words,
                fallback.total,
                error=f"index query failed ({type(error).__name__}); searched in memory",
                approximate=True,
            )
        self.post_message(SearchAnswered(generation, outcome))

    @on(SearchAnswered)
    def _search_answered(self, message: SearchAnswered) -> None:
        self._search_running = False
        if self._search_pending or message.outcome.text != self.search_text:
            if self.search_text:
                self._search_pending = False
                self._start_search()
            return
        if message.generation != self._search_generation or not self.search_text:
            return
        self._set_search(message.outcome)
        self._refresh_list()

    def _set_search(self, outcome: SearchOutcome | None) -> None:
        self.search = outcome
        self._highlight = outcome.span_finder() if outcome is not None else None

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
        self.query_one(AdrTable).focus()

    # -- the list ---------------------------------------------------------------------

    def _describe(self) -> str:
        parts = []
        if self.search_text:
            parts.append(f"search: {self.search_text}")
        if self.list_filter.active:
            parts.append(self.list_filter.describe())
        return " · ".join(parts)

    def _refresh_list(self) -> None:
        if self.collection is None:
            return
        search = self.search if self.search_text else None
        adrs = self.collection.adrs
        if self._orders is None or self._orders.adrs is not adrs:
            self._orders = ListOrders(adrs)
        self._rows = visible_adrs(
            adrs,
            self.list_filter,
            self.sort_order,
            reverse=self.sort_reverse,
            search=search,
            orders=self._orders,
        )
        note = ""
        if self.search_text and search is None:
            note = "searching…"
        elif search is not None and search.error:
            note = search.error
        elif search is not None and search.fuzzy:
            note = "no exact match: showing near spellings"
        elif search is not None and search.approximate:
            building = self.index_state == "building" and not self.search_service.ready
            # Word-prefix matching over the records, not the index's stemming: say so.
            note = "index building: partial results" if building else "partial results"
        self.adr_list.listing = Listing(
            adrs=tuple(self._rows),
            selected=self.history.current,
            total=len(self.collection),
            highlight=self._highlight,
            description=self._describe(),
            sort=self.sort_order,
            reverse=self.sort_reverse,
            note=note,
            number_width=self._orders.number_width,
        )
        if not self._rows:
            self.history.move(None)
        self._follow()

    @on(AdrHighlighted)
    def _highlighted(self, message: AdrHighlighted) -> None:
        self.history.move(message.rel_path)
        self._follow()
        self.refresh_bindings()

    def _follow(self) -> None:
        """Make the detail and relations show the current ADR and search."""
        if self._show_timer is not None:
            self._show_timer.stop()
            self._show_timer = None
        if isinstance(self.focused, SearchBar):
            # While typing, the first row changes with each keystroke: the detail
            # follows once typing pauses, so a keystroke only redraws the list.
            self._show_timer = self.set_timer(TYPING_PAUSE, self._show_current)
        else:
            self._show_current()

    def _show_current(self) -> None:
        self._show(self.history.current)

    def _show(self, rel_path: str | None) -> None:
        self._show_timer = None
        adr = self.collection.get(rel_path) if (self.collection and rel_path) else None
        self.detail.show(adr, self._highlight)
        self.detail.notes = self.findings.get(adr.rel_path, ()) if adr is not None else ()
        path = adr.rel_path if adr is not None else None
        view = self.relations.view
        if view is None or view.rel_path != path or view.graph is not self.graph:
            self.relations.view = (
                relations_view(self.graph, path)
                if path is not None and self.graph is not None
                else None
            )

    # -- navigation ---------------------------------------------------------------------

    @on(OpenAdr)
    def _open_adr(self, message: OpenAdr) -> None:
        self.navigate(message.rel_path, focus_detail=message.focus_detail)

    def navigate(self, rel_path: str, *, record: bool = True, focus_detail: bool = False) -> None:
        """Show ``rel_path``: select it in the list (clearing filters that hide it)."""
        if self.collection is None or self.collection.get(rel_path) is None:
            self.notify(f"No ADR {clean_line(rel_path)} in this folder.", severity="warning")
            return
        if all(adr.rel_path != rel_path for adr in self._rows):
            self._clear_filters(quiet=False)
        if record:
            self.history.visit(rel_path)
        else:
            self.history.move(rel_path)
        self.adr_list.selected = rel_path
        self._show(rel_path)
        self.refresh_bindings()
        if focus_detail:
            self.query_one(DocumentView).focus()

    def _clear_filters(self, *, quiet: bool = True) -> None:
        had = self.search_text or self.list_filter.active
        self.list_filter = ListFilter()
        self.search_text = ""
        self._set_search(None)
        self._search_generation += 1
        self.query_one(SearchBar).value = ""
        self._refresh_list()
        if had and not quiet:
            self.notify("Filters cleared to show the ADR.", timeout=2)

    @on(OpenLink)
    def _open_link(self, message: OpenLink) -> None:
        href = strip_fragment(message.href.strip())
        if not href:
            return  # a link to a section of the same ADR
        if self.resolver is None:
            return
        source = message.source_path or ""
        resolution = self.resolver.resolve(href, source)
        if resolution.path is not None:
            self.navigate(resolution.path)
        elif resolution.external:
            self.notify(f"External link, not opened: {clean_line(message.href)}", timeout=4)
        elif resolution.candidates:
            self.notify(
                f"{clean_line(href)} names several ADRs: "
                + ", ".join(clean_line(c) for c in resolution.candidates),
                severity="warning",
            )
        else:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(source), href))
            self.notify(
                f"Broken link: {clean_line(target)} is not an ADR of this folder.",
                severity="warning",
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "history_back":
            return True if self.history.can_go_back else None
        if action == "history_forward":
            return True if self.history.can_go_forward else None
        if action in {"copy_path", "explain_fields"}:
            return True if self.selected is not None else None
        if action == "lint_report":
            return True if self.linted else None
        if action in WRITING_ACTIONS:
            return self.writing_allowed(action)
        return True

    def action_history_back(self) -> None:
        path = self.history.back()
        if path is not None:
            self.navigate(path, record=False)

    def action_history_forward(self) -> None:
        path = self.history.forward()
        if path is not None:
            self.navigate(path, record=False)

    # -- other actions ------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.query_one(SearchBar).focus()

    def action_cycle_status(self) -> None:
        if self.collection is None:
            return
        status = next_status(self.list_filter.status, self.collection.adrs)
        self.set_filter("status", status)

    @on(RunAction)
    async def _run_action(self, message: RunAction) -> None:
        await self.run_action(message.action)

    @on(SetFilter)
    def _set_filter(self, message: SetFilter) -> None:
        self.set_filter(message.field, message.value)

    def set_filter(self, field: str, value: str | None) -> None:
        if field == "all":
            self.list_filter = ListFilter()
        else:
            self.list_filter = self.list_filter.with_field(field, value)
        self._refresh_list()

    def action_cycle_sort(self) -> None:
        orders = [o for o in SORT_ORDERS if o != "relevance" or self.search_text]
        index = orders.index(self.sort_order) if self.sort_order in orders else -1
        self.set_sort(orders[(index + 1) % len(orders)], False)

    def action_reverse_sort(self) -> None:
        self.set_sort(self.sort_order, not self.sort_reverse)

    @on(SetSort)
    def _set_sort(self, message: SetSort) -> None:
        self.set_sort(message.order, message.reverse)

    def set_sort(self, order: str, reverse: bool) -> None:
        if order not in SORT_ORDERS:
            return
        self.sort_order = order
        self.sort_reverse = reverse
        self._refresh_list()
        if order == "relevance" and self.search is not None and not self.search.ranked:
            self._start_search()  # the matches are known; now their order is needed

    def action_copy_path(self) -> None:
        adr = self.selected
        if adr is None:
            return
        text, differs = copyable_path(adr.path)
        self.app.copy_to_clipboard(text)
        if differs:
            self.notify(
                f"Copied {text}: the file name is not valid UTF-8 or holds control "
                "characters, so it is shell-quoted ($'…', \\xNN for each such byte).",
                title="Copy path",
                severity="warning",
                timeout=6,
                markup=False,
            )
        else:
            self.notify(f"Copied {clean_line(text)}", timeout=2, markup=False)

    def action_lint_report(self) -> None:
        """``L``: every lint problem as a list; ``enter`` opens the ADR of one."""
        from adrtui.ui.screens.lint_report import LintJump, LintReport

        if self.collection is None or not self.linted:
            return
        titles = {adr.rel_path: adr.title for adr in self.collection.adrs}

        def opened(jump: LintJump | None) -> None:
            if jump is not None:
                self.navigate(jump.rel_path, focus_detail=True)

        self.app.push_screen(LintReport(self.lint_problems, titles), opened)

    def action_explain_fields(self) -> None:
        """``w``: where each field of the selected ADR came from (``show --explain``)."""
        from adrtui.ui.screens.provenance import ProvenanceScreen

        if self.selected is not None:
            self.app.push_screen(ProvenanceScreen(self.selected))

    def action_reload(self) -> None:
        gc.unfreeze()  # the old records may be collected once replaced
        self.status_bar.message = "Reloading…"
        self._loading = True
        self._load("reload")
        self.query_one(FolderWatcher).restart()  # the folder may have come back
        self.check_writable()

    def _pane_widgets(self) -> list[Widget]:
        candidates: list[Widget] = [
            self.query_one(AdrTable),
            self.query_one(DocumentView),
            self.query_one(RelationList),
            self.query_one(ChainTree),
        ]
        return [w for w in candidates if w.display and w.can_focus]

    def _cycle_focus(self, step: int) -> None:
        panes = self._pane_widgets()
        focused = self.focused
        try:
            index = panes.index(focused)  # type: ignore[arg-type]
        except ValueError:
            index = -1 if step > 0 else 0
        # At once, not ``widget.focus()`` (deferred): a second tab typed before the
        # first is handled must start from where the first one went.
        self.set_focus(panes[(index + step) % len(panes)])

    def action_next_pane(self) -> None:
        self._cycle_focus(+1)

    def action_previous_pane(self) -> None:
        self._cycle_focus(-1)
