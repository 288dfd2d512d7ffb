"""The collection on screen and how it stays current: loads, updates, relationships, the index.

:class:`CollectionFeed` is a helper the main screen owns. The screen's
handlers for what the jobs post (``CollectionLoaded``, ``RelationsBuilt``,
``IndexReady``…) and for what the folder watcher reports (``AdrsChanged``,
``WatchFailed``) forward the message here; the feed keeps the collection, its
relationships and lint findings, tells the status bar and the user what
happened, and asks the screen (:class:`FeedHost`) to redraw the list.

Updates (live reload, the app's own edits) wait in the jobs' update queue and
apply only on top of the collection they were computed from; a full load
replaces everything.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from textual import Logger

from adrtui.domain.collection import Collection
from adrtui.domain.model import Adr
from adrtui.domain.relations import RelationGraph, Resolver
from adrtui.domain.text import clean_line
from adrtui.ui.messages import (
    AdrsChanged,
    CollectionFailed,
    CollectionLoaded,
    FeedReport,
    IndexFailed,
    IndexProgress,
    IndexReady,
    NothingChanged,
    RelationsBuilt,
)
from adrtui.ui.rendering.repo_settings import show_settings
from adrtui.ui.services.host import Notifies
from adrtui.ui.services.jobs import Jobs
from adrtui.ui.services.live_reload import WatchFailed
from adrtui.ui.services.search import FullTextReady
from adrtui.ui.state.browse import BrowseState
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.status_bar import StatusBar


class FeedHost(Notifies, Protocol):
    """What :class:`CollectionFeed` needs from the screen that owns it."""

    browse: BrowseState

    @property
    def status_bar(self) -> StatusBar: ...

    @property
    def detail(self) -> DetailPane: ...

    @property
    def log(self) -> Logger: ...

    def call_after_refresh(self, callback: Callable[[], None]) -> bool: ...

    def refresh_bindings(self) -> None: ...

    def status_changed(self) -> None:
        """The lint count changed."""

    def refresh_list(self) -> None:
        """The collection (or what filters it) changed: recompute and redraw the rows."""

    def show_current(self) -> None:
        """Redraw the detail and relations of the selected ADR (relationships changed)."""

    def start_search(self) -> None:
        """Ask the search again (the collection or the index changed)."""

    def navigate(self, rel_path: str) -> None: ...


class CollectionFeed:
    """The collection, its relationships and lint, and the index's state, kept current."""

    def __init__(
        self,
        host: FeedHost,
        jobs: Jobs,
        folder: Path,
        *,
        is_example: bool,
        refused: tuple[str, ...] = (),
    ) -> None:
        self.host = host
        #: The repository's marker files found unusable, shown with the settings' problems.
        self.refused = refused
        self.jobs = jobs
        self.folder = folder
        self.is_example = is_example
        self.collection: Collection | None = None
        self.graph: RelationGraph | None = None
        self.resolver: Resolver | None = None
        #: Lint findings per ADR, shown under the detail header (empty until computed).
        self.findings: dict[str, tuple[str, ...]] = {}
        #: Every lint problem of the collection (for a lint report); see ``linted``.
        self.lint_problems: list[Any] = []
        self.linted = False
        #: ``building``, ``ready`` or ``failed``: whether searches come from the index.
        self.index_state = "building"
        #: How many batches of outside changes arrived (tests wait on it).
        self.change_batches = 0
        self._notices_shown: set[str] = set()
        self._folder_gone = False

    def receive(self, message: FeedReport) -> None:
        """Handle one message from the jobs or the folder watcher."""
        match message:
            case CollectionLoaded():
                self.loaded(message)
            case CollectionFailed():
                self.failed(message)
            case RelationsBuilt():
                self.related(message)
            case IndexProgress():
                self.progress(message)
            case IndexReady():
                self.index_ready(message)
            case IndexFailed():
                self.index_failed(message)
            case AdrsChanged():
                self.changed(message)
            case NothingChanged():
                self.nothing_changed(message)
            case FullTextReady():
                self.jobs.settled()  # the in-memory tables live as long as the collection
                if self.host.browse.search_text:
                    self.host.start_search()  # the partial answer becomes the full one

    # -- loads and updates ------------------------------------------------------------

    def loaded(self, message: CollectionLoaded) -> None:
        """A load or an update finished: show its collection (unless it is stale)."""
        if not self.jobs.arrived(message, self.collection):
            return
        host, browse = self.host, self.host.browse
        collection = message.collection
        previous = self.collection
        self.collection = collection
        # Status colours, the watcher's rules, problems (the marker files' too).
        show_settings(host, collection, self.refused)
        if message.base is None or message.graph is not None:
            self.graph = message.graph
            self.resolver = None
        # (An update keeps the previous graph on screen until the new one is built.)
        if message.partial:
            host.refresh_list()  # the first records of a slow cold start
            return
        self._folder_gone = False
        if previous is not None:
            browse.keep_selection_near(lambda path: collection.get(path) is not None)
        browse.history.forget({adr.rel_path for adr in collection.adrs})
        count = len(collection)
        host.status_bar.progress = None
        skipped = len(collection.ignored)
        host.status_bar.message = f"{count} ADRs" + (
            f" · {skipped} other files skipped" if skipped else ""
        )
        if message.reason == "reload":
            host.notify(f"Reloaded {count} ADRs.", timeout=2)
        self._warn_once(collection.notices, "Record cache")
        host.detail.empty_text = (
            "No ADRs in this folder yet." if count == 0 else "No ADR matches the search or filters."
        )
        if browse.search_text:
            host.start_search()
        host.refresh_list()
        self._select_waiting()
        self.jobs.update(self.collection)
        painted = message.painted

        def after_paint() -> None:
            # Resolving links and indexing start once the list is on screen.
            if painted is not None:
                painted.set()
            if count and self.collection is collection:
                self.jobs.index(list(collection.adrs))

        host.call_after_refresh(after_paint)

    def failed(self, message: CollectionFailed) -> None:
        self.jobs.updates.loading = False
        status = self.host.status_bar
        status.progress = None
        status.message = "Could not read the ADR folder."
        self.host.notify(clean_line(message.error), title="Cannot read ADRs", severity="error")
        if self.collection is None:
            self.collection = Collection(self.folder)
            self.host.refresh_list()

    def changed(self, message: AdrsChanged) -> None:
        """The folder watcher saw files change (no paths: rescan everything)."""
        self.change_batches += 1
        if not self.folder.is_dir():
            self.lost_folder()
        elif not message.rel_paths:
            self.jobs.load("change")  # a folder appeared or moved: read everything again
        else:
            self.jobs.updates.add(message.rel_paths)
            self.jobs.update(self.collection)

    def apply_records(
        self,
        records: Mapping[str, Adr],
        removed: Sequence[str] = (),
        *,
        select: str | None = None,
    ) -> None:
        """Fold records the app just wrote into the collection (and select ``select``)."""
        self.jobs.updates.add(removed, records, select=select)
        self.jobs.update(self.collection)

    def watch_failed(self, message: WatchFailed) -> None:
        if not self.folder.is_dir():
            self.lost_folder()
            return
        self.host.notify(
            f"Changes made outside adrtui will not show until ctrl+r: {message.error}",
            title="Live reload off",
            severity="warning",
            markup=False,
        )

    def nothing_changed(self, message: NothingChanged) -> None:
        if self.jobs.nothing_changed(message, self.collection):
            self._select_waiting()
        self.jobs.update(self.collection)

    def _select_waiting(self) -> None:
        """Select the ADR an edit asked for, once it is in the collection."""
        select = self.jobs.updates.take_selection()
        if select is not None and self.collection and self.collection.get(select) is not None:
            self.host.navigate(select)

    def lost_folder(self) -> None:
        """The ADR folder itself was deleted or moved away: say so, show it empty."""
        if self._folder_gone:
            return
        self._folder_gone = True
        self.host.notify(
            f"The ADR folder {self.folder} was deleted or moved. "
            "Press ctrl+r to read it again once it is back.",
            title="ADR folder gone",
            severity="error",
            timeout=10,
            markup=False,
        )
        self.jobs.updates.clear()
        previous = self.collection
        empty = Collection(previous.root if previous else self.folder, [], [], self.is_example)
        if previous is not None:
            empty.settings = previous.settings
        self.loaded(CollectionLoaded(empty, reason="gone"))
        self._folder_gone = True
        self.host.status_bar.message = "The ADR folder is gone · ctrl+r to read it again"
        self.host.detail.empty_text = "The ADR folder was deleted or moved."

    # -- relationships, lint and the index ----------------------------------------------

    def related(self, message: RelationsBuilt) -> None:
        if message.collection is not self.collection:
            return  # a newer load is on its way
        self.graph = message.graph
        self.resolver = message.resolver
        if message.linted:
            # (Until then the previous findings stay: lint follows in a moment.)
            self.findings = message.findings
            self.lint_problems = message.problems
            self.linted = True
            self.host.refresh_bindings()
            self.host.status_changed()
        self.host.show_current()
        self.jobs.settled()

    def progress(self, message: IndexProgress) -> None:
        status = self.host.status_bar
        status.progress = (message.done, message.total)
        verb = "Reading" if message.phase == "reading" else "Indexing"
        status.message = f"{verb} {message.done}/{message.total}"

    def index_ready(self, message: IndexReady) -> None:
        self.index_state = "ready"
        count = len(self.collection) if self.collection else 0
        status = self.host.status_bar
        status.progress = None
        status.message = f"{count} ADRs · index ready" + (
            f" ({message.summary})" if message.summary else ""
        )
        self._warn_once(message.notices, "Search index")
        self.jobs.settled()
        if self.host.browse.search_text:
            self.host.start_search()  # the approximate answer becomes the indexed one

    def index_failed(self, message: IndexFailed) -> None:
        self.index_state = "failed"
        count = len(self.collection) if self.collection else 0
        status = self.host.status_bar
        status.progress = None
        status.message = f"{count} ADRs · searching titles and text (no index)"
        self.host.log.warning(f"index unavailable: {message.error}")

    def _warn_once(self, notices: Sequence[str], title: str) -> None:
        """Warn about each notice the first time it comes (each load repeats them)."""
        for notice in notices:
            if notice not in self._notices_shown:
                self._notices_shown.add(notice)
                self.host.notify(clean_line(notice), title=title, severity="warning", markup=False)
