"""The repository's history in the browser: read after the list is painted, kept current.

:class:`GitHistory` is a helper the main screen owns. Once a collection is on
screen (the first load, a live reload, the app's own edit, ``ctrl+r``) it reads
the history in a thread worker (:func:`adrtui.domain.gitlog.read_history`:
cached by HEAD, incremental when HEAD moved forward) and fills in the dates and
authors the files leave out (:func:`~adrtui.domain.gitlog.fill_from_history`).
When the answer lands it is like a live reload that changes no file: the
records are swapped in place (the selection, the scroll, the focus and the
search stay; the index is not touched: the files did not change), the list,
its ``changed`` order and the detail header show the history, and a search
with history filters is asked again.

HEAD moving while the app is open (a commit, a pull, a checkout in another
terminal) is seen by a cheap timer: a few ``stat`` calls of the git folder's
``HEAD``, ``logs/HEAD`` and refs every :data:`HEAD_CHECK_SECONDS`, no process.
When there is no history (no git, not a repository, a shallow clone, git
refusing) the status bar says so once, quietly, and the features stay absent.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Protocol

from textual.timer import Timer
from textual.worker import get_current_worker

from adrtui.domain.collection import Collection
from adrtui.domain.gitlog import HistoryOutcome, RepoHistory, fill_from_history, read_history
from adrtui.ui.messages import CollectionLoaded, FeedReport, RelationsBuilt
from adrtui.ui.services.feed import CollectionFeed
from adrtui.ui.services.search import SearchService
from adrtui.ui.state.browse import BrowseState
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.detail import DetailPane

#: How often the git folder is looked at for a HEAD that moved (a few stat calls).
HEAD_CHECK_SECONDS = 2.0
#: The files and folders whose change means HEAD (or a branch) moved.
_HEAD_MARKS = ("HEAD", "logs/HEAD", "refs/heads", "packed-refs", "ORIG_HEAD")


@dataclass
class HistoryRead(FeedReport):
    """A history read finished: its outcome, and ``base`` filled from it (``filled``)."""

    generation: int
    outcome: HistoryOutcome
    base: Collection
    filled: Collection
    #: The git folder's marks when the read started (see :func:`head_stamp`).
    stamp: tuple[int, ...]
    git_dirs: tuple[Path, ...]


class GitHost(Protocol):
    """What :class:`GitHistory` needs from the screen that owns it."""

    git: RepoHistory | None
    browse: BrowseState
    feed: CollectionFeed
    search_service: SearchService

    @property
    def detail(self) -> DetailPane: ...

    @property
    def adr_list(self) -> AdrList: ...

    def refresh_list(self) -> None: ...

    def show_current(self) -> None: ...

    def start_search(self) -> None: ...

    def status_changed(self) -> None: ...

    def call_after_refresh(self, callback: Callable[[], None]) -> bool: ...

    def set_interval(self, interval: float, callback: Callable[[], None]) -> Timer: ...

    def set_timer(self, delay: float, callback: Callable[[], None]) -> Timer: ...

    def run_worker(
        self,
        work: Callable[[], None],
        *,
        group: str = ...,
        description: str = ...,
        exit_on_error: bool = ...,
        exclusive: bool = ...,
        thread: bool = ...,
    ) -> Any: ...


#: A first read still running after this many seconds is said in the status bar.
SAY_READING_AFTER = 1.0
READING_NOTE = "git: reading the history…"


class GitHistory:
    """Reads the history for the screen, swaps the filled records in, watches HEAD."""

    def __init__(self, host: GitHost, folder: Path, *, enabled: bool = True) -> None:
        self.host = host
        self.folder = folder
        #: False for the example collection (its history is not the user's).
        self.enabled = enabled
        #: Numbers each read; a landing read that is not the latest is dropped.
        self.generation = 0
        self.reading = False
        #: Reads that landed (tests and benchmarks wait on it).
        self.reads = 0
        #: The quiet note when there is no history (shown once, in the status bar).
        self.note = ""
        #: The collection before git filled it in, and after (relations built for
        #: the first belong to the second).
        self._filled: tuple[Collection, Collection] | None = None
        self._git_dirs: tuple[Path, ...] = ()
        self._stamp: tuple[int, ...] = ()
        self._timer: Timer | None = None
        self._again = False
        if not enabled:
            host.browse.use_history(None, "no git history: the example collection")

    # -- when to read -------------------------------------------------------------------

    def receive(self, message: FeedReport, feed: Callable[[FeedReport], None]) -> None:
        """Every feed report passes here on its way to the ``feed``: a history read
        landing is this helper's; relations built for the collection before git
        filled it in are the filled one's; a collection the feed took is read again
        once the list is painted."""
        if isinstance(message, HistoryRead):
            self.landed(message)
            return
        if isinstance(message, RelationsBuilt) and self._filled is not None:
            before, after = self._filled
            if message.collection is before:
                message.collection = after
        feed(message)
        if isinstance(message, CollectionLoaded) and not message.partial:
            collection = message.collection
            if self.enabled and collection is self.host.feed.collection:
                self.host.call_after_refresh(lambda: self.read(collection))

    def read(self, collection: Collection | None = None) -> None:
        """Read (again) for ``collection`` (default: the one on screen), in a worker."""
        collection = collection or self.host.feed.collection
        if not self.enabled or collection is None or collection is not self.host.feed.collection:
            return
        if self.reading:
            self._again = True  # once this read lands (HEAD may have moved meanwhile)
            return
        self.reading = True
        self.generation += 1
        service = self.host.search_service
        work = partial(
            _read_in_worker,
            self.host,
            self.folder,
            collection,
            self.generation,
            service.cache_dir,
            self._git_dirs,
        )
        if self.host.git is None:  # a first read that takes a while says so
            self.host.set_timer(SAY_READING_AFTER, self._say_reading)
        self.host.run_worker(
            work,
            thread=True,
            group="git-history",
            exclusive=False,
            exit_on_error=False,
            description="git history",
        )

    def check_head(self) -> None:
        """The timer: read again when the git folder's HEAD or refs changed."""
        if self._git_dirs and not self.reading and head_stamp(self._git_dirs) != self._stamp:
            self.read()

    # -- when it lands --------------------------------------------------------------------

    def landed(self, message: HistoryRead) -> None:
        """Show the history: records filled in, the list, the detail, a waiting search."""
        self.reading = False
        self.reads += 1
        if message.generation != self.generation:
            return
        host, outcome = self.host, message.outcome
        history = outcome.history
        self._git_dirs, self._stamp = message.git_dirs, message.stamp
        if history is not None and self._timer is None and self._git_dirs:
            self._timer = host.set_interval(HEAD_CHECK_SECONDS, self.check_head)
        had = host.git
        host.git = history
        host.browse.use_history(history, outcome.note)
        host.search_service.history = history
        host.detail.history = history
        host.adr_list.git = history
        self._say(outcome.note if history is None else "")
        feed = host.feed
        if feed.collection is message.base and message.filled is not message.base:
            host.search_service.refilled(message.base.adrs, message.filled.adrs)
            self._filled = (message.base, message.filled)
            feed.collection = message.filled
        if history is not None or had is not None or host.browse.search_text:
            host.refresh_list()
            host.show_current()
        if host.browse.search_text and (history is not None or had is not None):
            host.start_search()  # its history filters (and author:) answer now
        if self._again:
            self._again = False
            self.read()

    def _say_reading(self) -> None:
        """Still reading the first history (a cold pass over a long history takes
        seconds): the status bar says so until it lands."""
        if self.reading and self.host.git is None and not self.note:
            self.note = READING_NOTE
            self.host.status_changed()

    def _say(self, note: str | None) -> None:
        """The one quiet note of an absent history (none when the user turned it off)."""
        text = ""
        if note and not note.startswith("no git history: turned off"):
            text = "git: " + note.removeprefix("no git history:").strip()
        if text != self.note:
            self.note = text
            self.host.status_changed()


def _read_in_worker(
    screen: Any,
    folder: Path,
    collection: Collection,
    generation: int,
    cache_dir: Path | None,
    git_dirs: tuple[Path, ...],
) -> None:
    """(A thread worker.) Read the history, fill the records in, post the answer."""
    stamp = head_stamp(git_dirs) if git_dirs else ()
    outcome = read_history(folder, records=collection.adrs, cache_dir=cache_dir)
    history = outcome.history
    filled = collection
    if history is not None:
        if not git_dirs:
            git_dirs = git_folders(history.root)
            stamp = head_stamp(git_dirs)
        try:
            adrs = fill_from_history(collection.adrs, history)
        except Exception as error:  # noqa: BLE001 - the history is a bonus, never a crash
            screen.log.error(f"filling from git failed: {error!r}")
            adrs = list(collection.adrs)
        if any(new is not old for new, old in zip(adrs, collection.adrs, strict=True)):
            filled = dataclasses.replace(collection, adrs=adrs)
    if get_current_worker().is_cancelled:
        return
    screen.post_message(HistoryRead(generation, outcome, collection, filled, stamp, git_dirs))


def git_folders(root: Path) -> tuple[Path, ...]:
    """The repository's git folder (and, for a worktree, the common one), where HEAD
    and the refs live. ``.git`` may be a file naming the folder (worktrees, submodules)."""
    dot = root / ".git"
    try:
        if dot.is_dir():
            return (dot,)
        line = dot.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ()
    if not line.startswith("gitdir:"):
        return ()
    found = Path(line.removeprefix("gitdir:").strip())
    found = found if found.is_absolute() else root / found
    folders = [found]
    try:
        common = (found / "commondir").read_text(encoding="utf-8").strip()
        folders.append(Path(common) if os.path.isabs(common) else found / common)
    except OSError:
        pass
    return tuple(folders)


def head_stamp(folders: tuple[Path, ...]) -> tuple[int, ...]:
    """The modification times of what moves with HEAD (0 for what is missing)."""
    stamps = []
    for folder in folders:
        for name in _HEAD_MARKS:
            try:
                stamps.append(os.stat(folder / name).st_mtime_ns)
            except OSError:
                stamps.append(0)
    return tuple(stamps)
