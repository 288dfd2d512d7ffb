"""The browser's background jobs and their bookkeeping: which may run, which wait.

Two queues, both plain objects tested without a terminal:

* :class:`LatestOnly` (search): one query runs at a time; keystrokes typed
  while it runs coalesce into one more query, and an answer to anything but
  the latest query is dropped.
* :class:`UpdateQueue` (live reload and the app's own edits): changed paths
  and freshly written records wait here and are folded into the collection
  one update at a time, never during a full load.

:class:`Jobs` starts the thread workers (:mod:`adrtui.ui.services.workers`)
for the screen, and is the one place that hides a settled collection from the
garbage collector and releases it when a new one is coming (see
:mod:`adrtui.ui.services.idle_gc`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from adrtui.domain.collection import Collection
from adrtui.domain.model import Adr
from adrtui.ui.messages import CollectionLoaded, NothingChanged
from adrtui.ui.services import workers
from adrtui.ui.services.idle_gc import keep_long_lived, release_long_lived
from adrtui.ui.services.search import FullTextReady

if TYPE_CHECKING:
    from textual.widget import Widget

    from adrtui.ui.services.search import SearchService


class LatestOnly:
    """Latest-only scheduling: at most one query running, at most one more waiting."""

    def __init__(self) -> None:
        #: Numbers each query started; an answer with another number is stale.
        self.generation = 0
        self.running = False
        #: A newer query was asked for while one was running.
        self.pending = False

    def start(self) -> int | None:
        """The generation of a query to run now, or ``None``: it runs once the current returns."""
        if self.running:
            self.pending = True
            return None
        self.generation += 1
        self.running = True
        self.pending = False
        return self.generation

    def cancel(self) -> None:
        """Whatever is running now answers a question nobody asks any more."""
        self.generation += 1

    def answered(self, generation: int, text: str, wanted: str) -> str:
        """What to do with an answer to ``text`` when ``wanted`` is the query now.

        ``rerun`` (a newer query is waiting: start it), ``stale`` (drop it) or
        ``show``.
        """
        self.running = False
        if self.pending or text != wanted:
            if not wanted:
                return "stale"
            self.pending = False
            return "rerun"
        if generation != self.generation or not wanted:
            return "stale"
        return "show"


class UpdateQueue:
    """Paths and records waiting to be folded into the collection, one update at a time."""

    def __init__(self) -> None:
        self.paths: set[str] = set()
        self.records: dict[str, Adr] = {}
        #: An update is running (its answer says which paths it accounted for).
        self.updating = False
        #: A full load is running: updates wait for it.
        self.loading = False
        #: The ADR to select once the update that brings it has been applied.
        self.select_after: str | None = None

    def add(
        self,
        paths: Iterable[str] = (),
        records: Mapping[str, Adr] | None = None,
        *,
        select: str | None = None,
    ) -> None:
        self.paths.update(paths)
        self.records.update(records or {})
        if select is not None:
            self.select_after = select

    def next_batch(self) -> tuple[frozenset[str], dict[str, Adr]] | None:
        """What the next update folds in, or ``None`` (one is running, a load, nothing to do)."""
        if self.updating or self.loading or not (self.paths or self.records):
            return None
        self.updating = True
        return frozenset(self.paths), dict(self.records)

    def settle(self, applied: Iterable[str]) -> None:
        """An update accounted for ``applied``: they no longer wait."""
        for path in applied:
            self.paths.discard(path)
            self.records.pop(path, None)

    def take_selection(self) -> str | None:
        select, self.select_after = self.select_after, None
        return select

    def clear(self) -> None:
        self.paths.clear()
        self.records.clear()


class Jobs:
    """Starts the screen's thread workers; the queues above say when."""

    def __init__(
        self,
        screen: Widget,
        service: SearchService,
        folder: Path,
        *,
        is_example: bool,
    ) -> None:
        self.screen = screen
        self.service = service
        self.folder = folder
        self.is_example = is_example
        self.searches = LatestOnly()
        self.updates = UpdateQueue()
        service.on_full_text = self._full_text_ready

    def _full_text_ready(self) -> None:
        """(A background thread.) A partial answer can be asked again: the text is read."""
        self.screen.post_message(FullTextReady())

    def _run(self, work: partial[None], group: str, *, exclusive: bool = True) -> None:
        self.screen.run_worker(
            work,
            thread=True,
            group=group,
            exclusive=exclusive,
            exit_on_error=False,
            description=group,
        )

    def load(self, reason: str) -> None:
        """Read the whole folder again (at start, ``ctrl+r``, a folder that moved)."""
        release_long_lived()
        self.updates.loading = True
        work = partial(
            workers.load,
            self.screen,
            self.folder,
            reason=reason,
            is_example=self.is_example,
            cache_dir=self.service.cache_dir,
        )
        self._run(work, "load")

    def update(self, collection: Collection | None) -> None:
        """Start the next update on top of ``collection``, unless one (or a load) runs."""
        batch = self.updates.next_batch() if collection is not None else None
        if batch is None or collection is None:
            return
        release_long_lived()
        paths, records = batch
        self._run(
            partial(workers.update, self.screen, collection, paths, records),
            "update",
            exclusive=False,
        )

    def arrived(self, message: CollectionLoaded, current: Collection | None) -> bool:
        """A load or update finished; False when it is stale (then the next update starts).

        An update applies only on top of the collection it was computed from.
        """
        updates = self.updates
        if message.base is None:
            # (The first records of a slow cold start: the load goes on.)
            updates.loading = message.partial
            return True
        updates.updating = False
        if message.base is not current:
            if message.painted is not None:
                message.painted.set()
            self.update(current)
            return False
        updates.settle(message.applied)
        return True

    def nothing_changed(self, message: NothingChanged, current: Collection | None) -> bool:
        """An update found nothing to show; True when it applied to ``current``."""
        self.updates.updating = False
        if message.base is not current:
            return False
        self.updates.settle(message.applied)
        return True

    def index(self, adrs: list[Adr]) -> None:
        self._run(partial(workers.sync_index, self.screen, self.service, adrs), "index")

    def search(self, text: str, adrs: Sequence[Adr], *, ranked: bool) -> None:
        """Run ``text`` now, or as soon as the query running returns."""
        generation = self.searches.start()
        if generation is None:
            return
        work = partial(
            workers.search, self.screen, self.service, generation, text, adrs, ranked=ranked
        )
        self._run(work, "search")

    def settled(self) -> None:
        """The collection (or the index) on screen is complete: see :func:`keep_long_lived`."""
        keep_long_lived()
