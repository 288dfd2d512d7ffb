"""Live reload: watch the ADR folder, and fold what changed into the collection.

:class:`FolderWatcher` is an invisible widget the browser mounts: a daemon
thread runs :func:`adrtui.domain.collection.watch.watch_folder` and posts one
:class:`~adrtui.ui.messages.AdrsChanged` per debounced batch (the paths added,
modified or deleted; no paths when the folder must be rescanned). It stops
when the widget is unmounted.

:func:`apply_changes` is the domain's one update path
(:func:`adrtui.domain.collection.apply_changes`, re-exported here): it re-reads only the
paths named, re-resolves links and returns the new collection, or ``None`` when nothing
a user could see changed. The app's own writes come back from the watcher too; their
records are already in the collection with the same content hash, so they change
nothing and cause no second visible reload.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from textual.message import Message
from textual.widget import Widget

from adrtui.domain.collection import DEFAULT_SETTINGS, Settings, apply_changes
from adrtui.ui.messages import AdrsChanged

__all__ = ["apply_changes", "DEBOUNCE_MS", "FolderWatcher", "WatchFailed"]

#: How long the folder must stay quiet before a batch is reported (a git pull is one batch).
DEBOUNCE_MS = 150
#: How often the folder itself is checked: a folder moved away sends no file events.
FOLDER_CHECK_SECONDS = 2.0


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
