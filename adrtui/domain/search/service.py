"""Search-as-you-type over one ADR folder: the index's life, and the answers.

Public API (thread-safe; every call may block on disk, so the UI calls them
from worker threads)::

    index = SearchIndex.open(folder, cache_dir=None)   # cheap; never raises
    report = index.sync(adrs, progress)                # bring the index up to date
    result = index.search("kafka ord", limit=50)       # one keystroke's query
    result.hits, result.total, result.words            # ranked hits, count, highlight words
    result.fragments(text) / result.spans(text)        # highlight a detail view
    parse_query(text) -> ParsedQuery                   # pure; never raises
    index.close()

The query language is described in :mod:`~adrtui.domain.search.query`, ranking
and speed in :mod:`~adrtui.domain.search.engine` (postings from disk:
:mod:`~adrtui.domain.search.reader`), results in :mod:`~adrtui.domain.search.answers`,
words in :mod:`~adrtui.domain.search.analysis`, documents in
:mod:`~adrtui.domain.search.schema`, the cache layout in
:mod:`~adrtui.domain.search.store`, writes (locking, child-process builds) in
:mod:`~adrtui.domain.search.writer`, answering without records in
:mod:`~adrtui.domain.search.freshness`.

Problems with the cache never raise, nor change an answer: a damaged,
half-written or old-schema index is rebuilt; when the index cannot be written
(an unwritable or full cache, a lock held by another adrtui) the same queries
are answered from the records in memory (:class:`MemoryEngine`, same analysis
and ranking); a read-only cache that is up to date is used as it is; a cache
folder or file someone else could write (a planted pickle would run code) is
never opened, and the index is kept in a private temporary folder. Each problem
is reported once, as a line in :attr:`SearchIndex.notices`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from adrtui.domain.files import (
    decode,
    folder_cache_dir,
    note_use,
    private_dir,
    read_regular,
    swappable_reason,
    unsafe_reason,
)
from adrtui.domain.model import Adr
from adrtui.domain.search.answers import Hit, SearchResult, answer, finish
from adrtui.domain.search.engine import DocMeta, MemoryEngine, QueryEngine
from adrtui.domain.search.freshness import read_tree, write_tree
from adrtui.domain.search.query import (
    Filter,
    Fragment,
    Highlighter,
    ParsedQuery,
    Word,
    parse_query,
)
from adrtui.domain.search.reader import Engine
from adrtui.domain.search.schema import body_check, content_key, document
from adrtui.domain.search.store import (
    VOCAB_FILE,
    IndexState,
    IndexStore,
    StateError,
    check_files,
    open_index,
)
from adrtui.domain.search.writer import Job, JobResult, execute, run_job_in_subprocess

__all__ = [
    "Filter",
    "Fragment",
    "Highlighter",
    "Hit",
    "ParsedQuery",
    "SearchIndex",
    "SearchResult",
    "SyncReport",
    "Word",
    "parse_query",
]

Progress = Callable[[int, int], None]
#: The fields ``field:value`` filters read the terms of (see :meth:`SearchIndex.warm`).
FILTER_FIELDS = ("status", "tags", "date", "number", "deciders", "authors", "consulted", "informed")
Notice = Callable[[str], None]


# -- results -------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncReport:
    """What :meth:`SearchIndex.sync` did."""

    files: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    #: The whole index was (re)built.
    rebuilt: bool = False
    #: Changes could not be written (another process holds the lock, or an
    #: error); searches use the last complete index or scan records in memory.
    read_only: bool = False
    notices: tuple[str, ...] = ()

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


# -- the index of one folder ----------------------------------------------------------------


class SearchIndex:
    """The search index of one ADR folder: opened from the cache, kept in sync, queried.

    Safe to share between threads: searches are serialised (each takes
    milliseconds) and a sync's slow part (writing) runs outside the lock, so
    searches keep answering from the previous generation meanwhile. Problems
    with the cache (damaged, half-written, older schema, locked by another
    process, unwritable) never raise: they are reported once each as a line in
    :attr:`notices` (and to ``on_notice``) and the index rebuilds or degrades to
    scanning the records in memory.
    """

    #: Writes of more records than this run in a child process.
    subprocess_threshold = 200
    #: An update touching more than this share of a large folder rebuilds instead.
    rebuild_ratio = 0.5
    #: Full builds of at least this many records use two writer processes.
    parallel_threshold = 2000
    #: Seconds a command line waits for another process building the index.
    builder_wait = 600.0

    def __init__(
        self,
        folder: Path,
        root: Path,
        *,
        lock_timeout: float,
        on_notice: Notice | None,
        temporary: bool,
        on_wait: Notice | None = None,
        unwritable: str | None = None,
    ) -> None:
        self.folder = folder
        self.root = root
        self.lock_timeout = lock_timeout
        self.notices: list[str] = []
        self._on_notice = on_notice
        self._on_wait = on_wait
        self._temporary = temporary
        #: Why the cache cannot be written (``None``: it can): its index is used
        #: while it matches the records, never written.
        self._unwritable = unwritable
        self._store = IndexStore(root)
        self._lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._engine: Engine | None = None
        self._state: IndexState | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._needs_rebuild = False
        self._records: dict[str, Adr] = {}
        #: True when ``_engine`` does not hold what ``_records`` say (its update
        #: could not be written): then ``_memory`` answers.
        self._stale = False
        self._memory: MemoryEngine | None = None
        self._said: set[str] = set()
        #: True while the last sync could not write (see :class:`SyncReport`).
        self.read_only = False
        #: False once a text was taken from a file that no longer gives the record's
        #: body (see :meth:`_text_of`): then only a sync makes the excerpts exact.
        self.exact_texts = True
        self._by_path: tuple[Engine, dict[str, DocMeta]] | None = None

    # opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path | str,
        *,
        cache_dir: Path | str | None = None,
        lock_timeout: float = 3.0,
        on_notice: Notice | None = None,
        on_wait: Notice | None = None,
    ) -> SearchIndex:
        """Open the cached index of ``folder`` (cheap; nothing is built until :meth:`sync`).

        ``cache_dir`` overrides the cache root (default: ``$ADRTUI_CACHE_DIR`` or the
        platform's user cache directory). ``lock_timeout`` is how long a write waits
        for another process's lock before going read-only. With ``on_wait`` (a
        command line), a sync that finds another process building the index
        calls it once with a message and waits for that build (up to
        :attr:`builder_wait` seconds) instead, then uses what it wrote.
        """
        folder = Path(folder).expanduser().resolve()
        root = folder_cache_dir(folder, cache_dir)
        temporary = False
        notes: list[str] = []
        problem = private_dir(root)
        swappable = swappable_reason(root)  # who could swap our folder for theirs
        unwritable = None
        if problem is None and swappable is None:
            note_use(root, folder)
        elif swappable is not None or (os.path.lexists(root) and unsafe_reason(root) is not None):
            notes.append(
                _not_private(*swappable) if swappable else _not_private(root, problem or "")
            )
            root = _private_temporary()
            temporary = True
        else:  # a folder that cannot be created or written: read it, never write it
            unwritable = problem
        index = cls(
            folder,
            root,
            lock_timeout=builder_wait_or(lock_timeout, on_wait, cls.builder_wait),
            on_notice=on_notice,
            temporary=temporary,
            on_wait=on_wait,
            unwritable=unwritable,
        )
        for note in notes:
            index._notice(note)
        with index._lock:
            index._load()
        return index

    def _notice(self, message: str) -> None:
        if message in self._said:
            return
        self._said.add(message)
        self.notices.append(message)
        if self._on_notice is not None:
            with contextlib.suppress(Exception):
                self._on_notice(message)

    def _load(self) -> None:
        """(Re)open the current index from ``state.json``; flag a rebuild on any problem."""
        previous = self._engine
        self._close_engine()
        self._stamp = self._store.stamp()
        try:
            state = self._store.read_state()
        except StateError as error:
            if self._unwritable is not None:  # no cache at all: said when a write is needed
                self._state, self._needs_rebuild = None, True
                return
            self._broken(f"search index state is unreadable ({error}); rebuilding")
            return
        if state is None:
            self._state = None
            if self._store.index_dirs() and not self._building_elsewhere():
                self._broken("search index was left half-written; rebuilding")
            else:  # first use, or another process's first build: nothing to report
                self._needs_rebuild = True
            return
        if not state.current:
            self._state = state
            self._broken("search index was built by another version of adrtui; rebuilding")
            return
        index_dir = self.root / state.index
        unsafe = self._unsafe(index_dir, state)
        if unsafe is not None:
            self._move_to_temporary(unsafe)
            return
        problem = check_files(index_dir, state)
        if problem is not None and self._store.stamp() != self._stamp:
            self._load()  # a writer replaced the index meanwhile: read its new state
            return
        if problem is not None:
            self._state = state
            self._broken(f"search index is damaged ({problem}); rebuilding")
            return
        try:
            engine = Engine(open_index(index_dir), index_dir, previous)
        except Exception as error:  # noqa: BLE001 - any damage means rebuild
            self._state = state
            self._broken(f"search index is damaged ({type(error).__name__}); rebuilding")
            return
        self._engine, self._state, self._needs_rebuild = engine, state, False

    def _building_elsewhere(self) -> bool:
        """True while another process holds the write lock: an index folder without
        a state is then its build in progress (a sync waits for it), not a leftover."""
        lock = self._store.lock()
        if lock.acquire(0):
            lock.release()
            return False
        return True

    def _unsafe(self, index_dir: Path, state: IndexState) -> str | None:
        """Why a file of this index must not be opened (Whoosh unpickles its table of
        contents: whoever can write it runs code as this user), or None."""
        if self._temporary:
            return None
        swappable = swappable_reason(self.root)
        if swappable is not None:
            return f"{swappable[0]} is {swappable[1]}"
        names = [self._store.state_path, index_dir]
        try:  # every file: Whoosh opens the newest table of contents it finds
            names += list(index_dir.iterdir())
        except OSError:
            names += [index_dir / name for name in (*state.files, VOCAB_FILE)]
        for path in (self.root, *names):
            reason = unsafe_reason(path)
            if reason is not None and reason != "missing":
                return f"{path.name} is {reason}"
        return None

    def _move_to_temporary(self, reason: str) -> None:
        """Leave an unsafe cache folder alone: build in a private temporary one."""
        self._close_engine()
        self._notice(_not_private(self.root, reason))
        self.root = _private_temporary()
        self._store = IndexStore(self.root)
        self._temporary = True
        self._unwritable = None
        self._state, self._stamp, self._needs_rebuild = None, self._store.stamp(), True

    def _broken(self, message: str) -> None:
        self._close_engine()
        self._needs_rebuild = True
        self._notice(message)

    def _close_engine(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def _refresh(self) -> None:
        """Follow writes by other processes (one stat of ``state.json``)."""
        if self._store.stamp() != self._stamp:
            self._load()
            # Another process wrote it: it answers only if it holds our records.
            engine = self._engine
            held = engine is None or not self._records or _holds(engine, self._records)
            self._stale = not held

    # properties ----------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True when queries get the index's answer (from the index, or from the
        records in memory after a sync that could not write it)."""
        with self._lock:
            return self._answering() is not None

    @property
    def needs_rebuild(self) -> bool:
        """True when the index was found damaged and a :meth:`sync` would rebuild it
        (not after a sync that could not write: calling again would not help)."""
        with self._lock:
            return self._needs_rebuild and not self.read_only

    @property
    def doc_count(self) -> int:
        with self._lock:
            engine = self._answering()
            return engine.doc_count if engine is not None else 0

    def _answering(self, build: bool = False) -> QueryEngine | None:
        """The engine that answers: the index, or the records in memory when the
        index is missing, damaged or behind them (``build``: make that one)."""
        if self._engine is not None and not self._stale and not self._needs_rebuild:
            return self._engine
        if self._memory is None and build and self._records:
            self._memory = MemoryEngine([document(adr) for adr in self._records.values()])
        return self._memory

    # syncing -------------------------------------------------------------------------

    def sync(
        self,
        adrs: Sequence[Adr],
        progress: Progress | None = None,
        *,
        rebuild: bool = False,
        insist: bool = False,
    ) -> SyncReport:
        """Bring the index up to date with ``adrs``: add, update and delete what changed.

        A record is unchanged when its content hash (``Adr.sha1``, taken when the
        file was read) equals the indexed one: comparing is free, and unlike
        ``(mtime, size)`` it cannot miss two writes within one clock tick. Files
        themselves are only re-read when their ``(mtime, size)`` changed, by the
        record cache (:func:`adrtui.domain.collection.records.load_records`). Records are
        de-duplicated by path (the last wins). ``progress(done, total)`` is
        called during writes. Never raises; see :class:`SyncReport`.

        A write that failed for want of room (a full disk, ``ulimit -f``) is not
        tried again while there is no more room than then (one ``statvfs``): the
        records in memory answer, as they do after the failure. ``insist`` (or
        ``rebuild``) tries anyway (``adrtui index``).
        """
        start = time.perf_counter()
        records: dict[str, Adr] = {}
        for adr in adrs:
            records[adr.rel_path] = adr  # one document per path, the last one wins
        with self._write_lock:
            with self._lock:
                self._memory = None
                self._records = records
                self._refresh()
            outcome: JobResult | None = None
            report = SyncReport(len(records))
            for _attempt in range(3):
                outcome = None
                with self._lock:
                    job, report = self._plan(records, rebuild)
                if job is None:
                    break
                outcome = self._run(job, progress, insist or rebuild)
                if outcome.status != "stale":
                    break
                with self._lock:
                    self._load()
            with self._lock:
                report = self._settle(outcome, report)
                self._answering(build=True)
        return replace(report, seconds=time.perf_counter() - start, notices=tuple(self.notices))

    def _plan(self, records: dict[str, Adr], rebuild: bool) -> tuple[Job | None, SyncReport]:
        engine = self._engine
        folder = os.fspath(self.folder)
        base = self._state.key if self._state is not None else None
        if rebuild or self._needs_rebuild or engine is None or self._state is None:
            docs = [document(adr) for adr in records.values()]
            job = Job(os.fspath(self.root), "rebuild", docs, folder=folder, base=base)
            job.force = rebuild
            return job, SyncReport(len(records), added=len(docs), rebuilt=True)
        indexed = {meta.path: meta.stat for meta in engine.meta.values()}
        changed: list[Adr] = []
        added = updated = 0
        for path, adr in records.items():
            old = indexed.get(path)
            if old is None:
                added += 1
                changed.append(adr)
                continue
            if content_key(adr) == old[2]:
                continue
            updated += 1
            changed.append(adr)
        removed = sorted(indexed.keys() - records.keys())
        unchanged = len(records) - added - updated
        report = SyncReport(len(records), added, updated, len(removed), unchanged)
        if not changed and not removed:
            return None, report
        large = len(records) >= self.parallel_threshold
        if large and len(changed) + len(removed) > self.rebuild_ratio * len(records):
            docs = [document(adr) for adr in records.values()]
            job = Job(os.fspath(self.root), "rebuild", docs, folder=folder, base=base)
            return job, replace(report, rebuilt=True)
        docs = [document(adr) for adr in changed]
        replaced = set(removed).union(adr.rel_path for adr in changed)
        delete = sorted(
            (docnum, meta.path) for docnum, meta in engine.meta.items() if meta.path in replaced
        )
        return Job(os.fspath(self.root), "update", docs, delete, folder, base), report

    def _run(self, job: Job, progress: Progress | None, insist: bool = False) -> JobResult:
        if self._unwritable is not None:
            return JobResult("unwritable", self._unwritable)
        if not insist:
            full = self._store.still_full()
            if full is not None:
                return JobResult("full", full, retried=False)
        self._wait_for_builder()
        job.lock_timeout = self.lock_timeout
        size = len(job.docs) + len(job.delete)
        if job.mode == "rebuild" and size >= self.parallel_threshold and (os.cpu_count() or 1) > 1:
            job.procs = 2
        if size > self.subprocess_threshold:
            return run_job_in_subprocess(job, progress)
        return execute(job, progress)

    def _wait_for_builder(self) -> None:
        """On the command line, wait (saying so once) for another process's build."""
        if self._on_wait is None or not self._building_elsewhere():
            return
        lock = self._store.lock()
        with contextlib.suppress(Exception):
            self._on_wait(f"waiting for another adrtui building the index of {self.folder}")
        if lock.acquire(self.lock_timeout):
            lock.release()

    def _settle(self, outcome: JobResult | None, report: SyncReport) -> SyncReport:
        if outcome is None:  # nothing to write
            self.read_only = False
            return report
        if outcome.status == "ok":
            self._store.clear_full()
            self.read_only = False
            self._load()
            self._stale = False  # it holds what was just written: these records
            if self._engine is None:
                return replace(report, read_only=True)
            return report
        self.read_only = True
        if outcome.status == "locked":
            self._notice(
                "another adrtui process is updating the search index; "
                "searching a temporary index in memory until it finishes"
            )
        elif outcome.status == "unwritable":
            self._notice(
                f"cannot write the search cache in {self.root} ({outcome.message}); "
                "searching a temporary index in memory"
            )
        elif outcome.status == "full":
            if outcome.retried:
                self._store.note_full(outcome.message)
            again = "" if outcome.retried else ", as at the last try; `adrtui index` tries again"
            self._notice(
                f"no room to write the search index in {self.root} ({outcome.message}{again}); "
                "searching a temporary index in memory"
            )
        else:
            self._notice(
                f"could not write the search index ({outcome.message}); "
                "searching a temporary index in memory"
            )
        self._refresh()
        self._stale = True
        return replace(report, added=0, updated=0, removed=0, rebuilt=False, read_only=True)

    def warm(self) -> None:
        """Read the terms of the filter fields now (a background thread's job), so the
        first ``status:`` or ``tag:`` typed does not wait for the index's term table
        (a cold read of it took 0.1-0.6 s per field on a loaded machine)."""
        for name in FILTER_FIELDS:
            with self._lock:  # one field at a time: a keystroke's search waits at most one
                engine = self._answering()
                if engine is None:
                    return
                with contextlib.suppress(Exception):  # a damaged index shows at the next search
                    engine.lexicon(name)

    # answering without the records ----------------------------------------------------

    def holds_tree(self, stamp: str | None) -> bool:
        """True when the index holds the folder as ``stamp`` (a
        :func:`~adrtui.domain.search.freshness.tree_stamp` taken now) says it is, so
        it may answer without the records: the stamp recorded after the last sync
        is this one, for the generation open here."""
        if stamp is None:
            return False
        with self._lock:
            if self._engine is None or self._needs_rebuild or self._state is None:
                return False
            return read_tree(self.root) == (*self._state.key, stamp)

    def remember_tree(self, stamp: str | None) -> None:
        """Record ``stamp``, taken before the records of the last :meth:`sync` were
        read, for the generation that sync left (nothing when it could not write)."""
        if stamp is None:
            return
        with self._lock:
            writable = self._unwritable is None and not self._temporary and not self.read_only
            if not writable or self._stale or self._engine is None or self._state is None:
                return
            with contextlib.suppress(OSError):
                write_tree(self.root, self._state.key, stamp)

    # searching -----------------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        limit: int | None = 50,
        highlight: bool = False,
        ranked: bool = True,
        depth: int | None = None,
    ) -> SearchResult:
        """Answer one keystroke's query. Never raises.

        ``limit`` caps ``hits`` (``None``: all matches, ranked); ``total`` is always
        the exact count. ``ranked=False`` skips ranking and hit records: ``hits``
        is empty and ``paths`` holds every match (what a filtering list needs
        per keystroke; ranking thousands of prefix matches is the costly part).
        ``depth`` (with ``limit=None``) ranks only the best ``depth`` matches,
        first in ``paths``, the others following in index order (a list sorted by
        relevance). ``highlight=True`` adds excerpts to every hit (costly for many
        hits: for a detail view call :meth:`SearchResult.fragments` instead).
        """
        start = time.perf_counter()
        query = parse_query(text if isinstance(text, str) else "")
        if limit is not None:
            limit = max(int(limit), 0)
        options: dict[str, Any] = {"limit": limit, "ranked": ranked, "depth": depth}
        with self._lock:
            self._refresh()
            result = None
            engine = self._answering(build=True)
            if engine is not None:
                try:
                    result = answer(engine, query, self._full_text_of, **options)
                except Exception as error:  # noqa: BLE001 - a damaged index must not break typing
                    self._broken(f"search index is damaged ({type(error).__name__}); rebuilding")
                    engine = self._answering(build=True)
                    if engine is not None:
                        result = answer(engine, query, self._full_text_of, **options)
            if result is None:  # no records yet (before the first sync)
                result = SearchResult(query, approximate=True, ranked=ranked)
            return finish(result, self._text_of, highlight, start)

    def _full_text_of(self, rel_path: str) -> str:
        adr = self._records.get(rel_path)
        if adr is not None:
            return f"{adr.title}\n{adr.body or ''}"
        meta = self._meta_of(rel_path)
        return f"{meta.title if meta else ''}\n{self._text_of(rel_path)}"

    def _text_of(self, rel_path: str) -> str:
        """The body of an ADR: its record's, else taken from its file (see
        :func:`~adrtui.domain.search.schema.body_check`; :attr:`exact_texts` says
        whether every body so taken was proven to be the record's)."""
        adr = self._records.get(rel_path)
        if adr is not None:
            return adr.body or ""
        try:
            # The one guarded reader: never a FIFO, /proc, or a file outside the folder.
            data, _info = read_regular(self.folder / rel_path, 4_000_000, self.folder)
        except OSError:
            self.exact_texts = False
            return ""
        text = decode(data).text
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        meta = self._meta_of(rel_path)
        if meta is not None and meta.body is not None:
            length, _ = meta.body
            body = text[len(text) - length :] if length else ""
            if length <= len(text) and body_check(body) == meta.body:
                return body[:1_000_000]
        self.exact_texts = False
        return text[:1_000_000]

    def _meta_of(self, rel_path: str) -> DocMeta | None:
        engine = self._engine
        if engine is None:
            return None
        if self._by_path is None or self._by_path[0] is not engine:
            self._by_path = (engine, {meta.path: meta for meta in engine.meta.values()})
        return self._by_path[1].get(rel_path)

    # closing --------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._close_engine()
            if self._temporary:
                shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def builder_wait_or(lock_timeout: float, on_wait: Notice | None, wait: float) -> float:
    """A command line (``on_wait``) waits for another builder; the app does not."""
    return max(lock_timeout, wait) if on_wait is not None else lock_timeout


def _private_temporary() -> Path:
    return Path(tempfile.mkdtemp(prefix="adrtui-index-"))  # mode 0700


def _not_private(root: Path, reason: str) -> str:
    return f"cache folder {root} not private ({reason}): index kept in a temporary folder"


def _holds(engine: Engine, records: dict[str, Adr]) -> bool:
    """True when ``engine`` indexes exactly these records (by path and content)."""
    if engine.doc_count != len(records):
        return False
    for meta in engine.meta.values():
        adr = records.get(meta.path)
        if adr is None or content_key(adr) != meta.stat[2]:
            return False
    return True
