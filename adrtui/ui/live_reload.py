"""Live reload: watch the ADR folder, and fold what changed into the collection.

:class:`FolderWatcher` is an invisible widget the browser mounts: a daemon
thread runs :func:`adrtui.domain.collection.watch.watch_folder` and posts one
:class:`~adrtui.ui.messages.AdrsChanged` per debounced batch (the paths added,
modified or deleted; no paths when the folder must be rescanned). It stops
when the widget is unmounted.

:func:`apply_changes` re-parses only the paths named and returns the new
collection, or ``None`` when nothing a user could see changed. The app's own
writes come back from the watcher too; their records are already in the
collection with the same content hash, so they change nothing and cause no
second visible reload. :func:`neighbour` picks where the selection goes when
the selected ADR disappears.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from textual.message import Message
from textual.widget import Widget

from adrtui.domain.collection import DEFAULT_SETTINGS, Collection, Settings, finish_reading
from adrtui.domain.model import Adr
from adrtui.ui.messages import AdrsChanged
from adrtui.ui.view_state import sort_adrs

#: How long the folder must stay quiet before a batch is reported (a git pull is one batch).
DEBOUNCE_MS = 150
#: How often the folder itself is checked: a folder moved away sends no file events.
FOLDER_CHECK_SECONDS = 2.0

Parse = Callable[[Path, Path], Adr]


@dataclass
class WatchFailed(Message):
    """The folder cannot be watched (deleted, too many watches); ``ctrl+r`` still reloads."""

    error: str


class FolderWatcher(Widget):
    """Reports changes under ``folder`` as :class:`AdrsChanged` messages (to its parent).

    The watch runs in a plain daemon thread rather than a Textual worker: it
    lives as long as the screen, and "wait until the workers are done" (tests,
    benchmarks) must not wait for it. ``enabled=False`` (the example
    collection, tests) mounts it idle. ``settings`` are the collection's (set
    when it loads); the thread reads them per batch to judge which files count.
    """

    DEFAULT_CSS = "FolderWatcher { display: none; }"

    def __init__(self, folder: Path, *, enabled: bool = True, id: str | None = None) -> None:
        super().__init__(id=id)
        self.folder = folder
        self.enabled = enabled
        self.settings: Settings = DEFAULT_SETTINGS
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        """True while the watching thread is alive."""
        return self._thread is not None and self._thread.is_alive()

    def on_mount(self) -> None:
        self._start()

    def on_unmount(self) -> None:
        self.stop()

    def _start(self) -> None:
        if not self.enabled:
            return
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._watch,
            args=(self.folder, self._stop),
            name=f"adrtui-watch-{self.folder.name}",
            daemon=True,
        )
        self._thread.start()
        threading.Thread(
            target=self._check_folder,
            args=(self.folder, self._stop),
            name=f"adrtui-folder-{self.folder.name}",
            daemon=True,
        ).start()

    def stop(self) -> None:
        """Stop watching (the thread ends within a step, ~50 ms)."""
        self._stop.set()

    def restart(self) -> None:
        """Watch again from scratch (after ``ctrl+r``: the folder may have come back)."""
        if not self.enabled or not self.is_mounted:
            return
        self._stop.set()
        self._start()

    def _watch(self, folder: Path, stop: threading.Event) -> None:
        """The thread: one message per batch; it never touches widgets."""
        from adrtui.domain.collection import WatchError, watch_folder

        try:
            for changes in watch_folder(
                folder, stop, settings=lambda: self.settings, debounce_ms=DEBOUNCE_MS
            ):
                if stop.is_set():
                    return
                if changes.rescan:
                    self.post_message(AdrsChanged(()))
                else:
                    self.post_message(AdrsChanged((*changes.changed, *changes.deleted)))
        except WatchError as error:
            if not stop.is_set():
                self.post_message(WatchFailed(str(error)))
            return
        except Exception as error:  # noqa: BLE001 - a watcher failure never takes the app down
            if not stop.is_set():
                self.post_message(WatchFailed(f"{type(error).__name__}: {error}"))
            return

    def _check_folder(self, folder: Path, stop: threading.Event) -> None:
        """The second thread: say once when the folder itself is gone (moved, unmounted)."""
        while not stop.wait(FOLDER_CHECK_SECONDS):
            if not folder.is_dir():
                self.post_message(AdrsChanged(()))
                return


def _default_parse(path: Path, root: Path) -> Adr:
    from adrtui.domain.parsing import parse_file

    return parse_file(path, root)


def apply_changes(
    collection: Collection,
    rel_paths: Iterable[str],
    *,
    parse: Parse = _default_parse,
    records: Mapping[str, Adr] | None = None,
) -> Collection | None:
    """``collection`` with ``rel_paths`` re-read (gone ones removed), or ``None`` if unchanged.

    ``records`` are already-parsed records to use instead of reading their
    files (the app's own edits). A file whose content hash is the one already
    held keeps its record, so re-reading after the app's own write is free.
    """
    root = collection.root
    current = {adr.rel_path: adr for adr in collection.adrs}
    changed = False
    for rel_path in dict.fromkeys(rel_paths):
        given = records.get(rel_path) if records else None
        if given is None and rel_path not in current and _is_folder_readme(rel_path):
            continue  # a README the scan judged no ADR (new ones come with a rescan)
        path = root / rel_path
        if given is None and not path.is_file():
            if current.pop(rel_path, None) is not None:
                changed = True
            continue
        try:
            adr = given if given is not None else parse(path, root)
        except OSError:
            continue  # vanished between the check and the read: the next batch says so
        old = current.get(rel_path)
        if old is not None and _same(old, adr):
            continue
        current[rel_path] = adr
        changed = True
    if records:
        for rel_path, adr in records.items():
            old = current.get(rel_path)
            if old is None or not _same(old, adr):
                current[rel_path] = adr
                changed = True
    if not changed:
        return None
    # Re-read records get what the collection settles (date order, the repository's
    # settings) like every other load; finished records pass through unchanged.
    adrs = finish_reading(current.values(), collection.settings)
    return Collection(
        root,
        sort_adrs(adrs, "number"),
        collection.ignored,
        collection.is_example,
        collection.settings,
    )


def _is_folder_readme(rel_path: str) -> bool:
    folder, _, name = rel_path.rpartition("/")
    return bool(folder) and name.lower().rpartition(".")[0] in ("readme", "index")


def _same(old: Adr, new: Adr) -> bool:
    """The same file content (by hash when both have one)."""
    if old.sha1 and new.sha1:
        return old.sha1 == new.sha1 and old.size == new.size
    return old == new


def neighbour(rows: Sequence[str], current: str | None, gone: set[str]) -> str | None:
    """Where the selection goes when ``current`` disappears: the next row still there,
    else the previous one, else ``None``."""
    if current is None or current not in rows:
        return None
    index = rows.index(current)
    for candidate in rows[index + 1 :]:
        if candidate not in gone:
            return candidate
    for candidate in reversed(rows[:index]):
        if candidate not in gone:
            return candidate
    return None
