"""The browser's way into the search index, answering from memory while it first builds.

Every method here may block (disk, Whoosh, analysing records), so the screen
calls them only from thread workers, never from a key handler. Until the index
answers (first start: it builds in a child process) queries are answered by the
domain's in-memory evaluator, staged (:class:`adrtui.domain.search.StagedSearch`):
titles and fields at once, the full text once a background thread has analysed
every body (seconds on 10,000 ADRs), so no keystroke waits for that. A partial
answer says so in its note; :class:`FullTextReady` asks the screen to search again
once the full text answers. Each keystroke is one search; its
:class:`SearchResult` is what the list shows.

The history's filters (``changed:``, ``since:``, and ``author:`` over committers
once the history is read) are applied here, in the worker, to what the index
answers: the domain's :func:`~adrtui.domain.gitlog.split_query` says what the index
is asked, :func:`~adrtui.domain.gitlog.narrow` which of its matches stay (the
same function ``adrtui search`` calls; resolving ``since:v1.2`` runs git, so
never on the UI thread).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from adrtui.domain.gitlog import RepoHistory, Since, narrow, split_query
from adrtui.domain.model import Adr
from adrtui.domain.search import (
    SearchIndex,
    SearchResult,
    StagedSearch,
    SyncReport,
    parse_query,
)
from adrtui.ui.messages import FeedReport

#: How many of the best matches are put in relevance order; the rest follow in
#: index order (nobody scrolls past a few hundred ranked results).
RELEVANCE_DEPTH = 200
#: The full-text build sleeps this long every few dozen records: the thread that
#: draws the screen gets the interpreter at once instead of after its 5 ms turn.
BUILD_PAUSE = 0.001
#: While searches come faster than this (someone is typing), the full-text build
#: waits: each keystroke's answer (partial, and saying so) and its frame go first,
#: instead of sharing the interpreter with the build 5 ms turn by 5 ms turn.
TYPING_GRACE = 0.3


class FullTextReady(FeedReport):
    """The in-memory evaluator now searches every body: a partial answer can be completed."""


class _Abandoned(Exception):
    """A full-text build nobody needs any more (a newer collection, or the index answers)."""


class SearchService:
    """Owns the search index of one folder for the app's lifetime (thread-safe).

    The index answers as soon as it is opened when a previous run left one in
    the cache (a sync then only applies what changed, and searches keep being
    answered from the previous generation meanwhile); on a first run queries
    are answered from memory until the first build completes.
    """

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = folder
        self.cache_dir = cache_dir
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        #: The in-memory evaluator of the records it was built from (one per collection).
        self._memory: tuple[list[Adr], tuple[int, ...], StagedSearch] | None = None
        self._memory_lock = threading.Lock()
        #: Called (from a background thread) when a full-text build completes.
        self.on_full_text: Callable[[], None] | None = None
        #: When the last search was asked (``time.monotonic``): someone is typing.
        self._asked = 0.0
        self.error: str | None = None
        #: The repository's history (set by the screen when it is read; ``None``: none).
        self.history: RepoHistory | None = None
        #: What each ``since:`` value resolved to (git runs once per value and HEAD).
        self._since: dict[tuple[str, str, str], Since | str] = {}

    @property
    def ready(self) -> bool:
        index = self._index
        return index is not None and index.ready

    def open(self) -> SearchIndex:
        """Open the cached index (cheap; never raises per the search module's contract)."""
        with self._lock:
            if self._index is None:
                self._index = SearchIndex.open(self.folder, cache_dir=self.cache_dir)
            return self._index

    def sync(self, adrs: Sequence[Adr], progress: Callable[[int, int], None]) -> SyncSummary:
        """Bring the index up to date with ``adrs``.

        When the index cannot answer yet (a first build), the in-memory evaluator is
        built meanwhile (titles and fields here, the full text in a thread of its
        own), beside the child process that writes the index, so no keystroke
        waits for it.
        """
        index = self.open()
        if not index.ready:
            self._memory_of(adrs)
        report = index.sync(list(adrs), progress)
        if index.ready:
            self._memory = None  # the index answers from now on
            index.warm()
        return SyncSummary.of(report)

    def search(self, text: str, adrs: Sequence[Adr], *, ranked: bool = True) -> SearchResult:
        """The ADRs matching ``text``, from the index when it is ready, else from memory.

        One search per keystroke. ``ranked=False`` only asks which ADRs match
        (what a list sorted by number, date, title or status needs): ranking
        thousands of matches of a one- or two-letter prefix costs as much again
        as finding them. ``ranked=True`` puts the best :data:`RELEVANCE_DEPTH` in
        relevance order, then the rest in index order. Never raises: when the
        index fails on a query, the answer comes from memory with a word about it.
        """
        self._asked = time.monotonic()
        history = self.history
        query = parse_query(text)
        git = split_query(query, with_history=history is not None)
        result = self._search(git.engine_text, adrs, ranked=ranked)
        if git.engine_text != text:
            result = replace(result, query=query)  # the answer is to what was typed
        if not git:
            return result
        return narrow(result, git, adrs, history, known=self._since)

    def refilled(self, before: Sequence[Adr], after: Sequence[Adr]) -> None:
        """The records ``before`` became ``after`` (git filled dates and authors in):
        the in-memory evaluator of ``before`` answers for ``after`` as it is (its
        text and the file's fields did not change) instead of being built again."""
        with self._memory_lock:
            memory = self._memory
            if memory is not None and memory[1] == tuple(map(id, before)):
                self._memory = (list(after), tuple(map(id, after)), memory[2])

    def _search(self, text: str, adrs: Sequence[Adr], *, ranked: bool) -> SearchResult:
        """The index's (or the in-memory evaluator's) answer to ``text``."""
        index = self._index
        error = None
        if index is not None and index.ready:
            try:
                result = index.search(text, limit=None, ranked=ranked, depth=RELEVANCE_DEPTH)
                if index.needs_rebuild:
                    # Found damaged while answering (the answer came from memory, exact):
                    # rebuild it now rather than at the next change of a file.
                    index.sync(list(adrs))
                return result
            except Exception as failure:  # noqa: BLE001 - a bad query must not break typing
                error = f"index query failed ({type(failure).__name__}); searched in memory"
        memory = self._memory_of(adrs)
        result = memory.search(text, limit=None, ranked=ranked, depth=RELEVANCE_DEPTH)
        return result if error is None else replace(result, error=error)

    def _memory_of(self, adrs: Sequence[Adr]) -> StagedSearch:
        """The in-memory evaluator of ``adrs`` (built once per collection, then kept).

        A new one answers from titles and fields at once (a fraction of a second)
        and starts the thread that completes it with the full text.
        """
        # Keyed by the records themselves (the sync gets a copy of the list the
        # keystrokes get); the list kept here keeps them alive, so ids stay theirs.
        key = tuple(map(id, adrs))
        with self._memory_lock:
            memory = self._memory
            if memory is None or memory[1] != key:
                memory = self._memory = (list(adrs), key, StagedSearch(adrs))
                threading.Thread(
                    target=self._complete,
                    args=(memory[2],),
                    name="adrtui-search-full-text",
                    daemon=True,
                ).start()
            return memory[2]

    def _complete(self, staged: StagedSearch) -> None:
        """Analyse every body of ``staged`` (a background thread), then say so.

        The analysis gives way to typing (:data:`TYPING_GRACE`) and stops when
        nobody needs it any more (a newer collection, or the index answers).
        """

        def pause() -> None:
            time.sleep(BUILD_PAUSE)
            while time.monotonic() - self._asked < TYPING_GRACE:
                time.sleep(TYPING_GRACE / 4)
            memory = self._memory
            if memory is None or memory[2] is not staged:
                raise _Abandoned

        try:
            staged.complete(pause)
        except _Abandoned:
            return
        callback = self.on_full_text
        if callback is not None and self._memory is not None and self._memory[2] is staged:
            callback()

    def close(self) -> None:
        with self._lock:
            index, self._index = self._index, None
        self._memory = None
        if index is not None:
            index.close()


@dataclass(frozen=True)
class SyncSummary:
    """What a sync did, in words for the status bar, plus notices for the user."""

    text: str
    notices: tuple[str, ...] = ()
    read_only: bool = False

    @classmethod
    def of(cls, report: SyncReport) -> SyncSummary:
        parts = []
        if report.rebuilt:
            parts.append(f"built from {report.files} ADRs")
        else:
            for name, count in (
                ("added", report.added),
                ("updated", report.updated),
                ("removed", report.removed),
            ):
                if count:
                    parts.append(f"{count} {name}")
        if report.read_only:
            parts.append("read-only")
        return cls(", ".join(parts), report.notices, report.read_only)
