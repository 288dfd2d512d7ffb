"""Watch an ADR folder and report what changed, in debounced batches.

Live reload needs to know which ADR files were added, modified or deleted
(a ``git pull``, another editor's save), not every raw file-system event: an
editor's save is often several events (temp file, rename, chmod). This module
wraps :func:`watchfiles.watch` (inotify / FSEvents / ReadDirectoryChangesW,
Rust-backed) and folds each debounced burst into one :class:`FolderChanges`
of folder-relative POSIX paths, classified by what is on disk at the end of
the burst. It never imports Textual: the app runs :func:`watch_folder` in a
worker thread and posts a message per batch.

Only files the scanner would list are reported (``*.md`` that are not
templates, READMEs or hidden temp files), so the app's own atomic writes show
up as one modification of the real file. Directory renames or deletions set
``rescan`` because their files are not reported one by one, and so does a
symlink or special file (a FIFO) that appears: the scanner decides whether it
may be read at all (a symlink to ``/etc/passwd`` never is).

The files are judged by the repository's settings as the scanner judges them
(:func:`adrtui.domain.collection.discovery.path_skip_reason`): ``ignore`` globs and
supporting-file folders are left out, and only the settings' ``folders`` are
watched when the root holds several. A README or index in a sub-folder may be
that folder's ADR, which only a scan can tell: an edit of one is reported (the
app re-reads it only if it is an ADR already), while one that appears or
disappears asks for a rescan, and so does an edit of the settings file itself.
"""

from __future__ import annotations

import logging
import os
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adrtui.domain.collection.discovery import (
    _SKIP_DIRS,
    MARKDOWN_SUFFIXES,
    copy_of,
    language_of,
    path_skip_reason,
)
from adrtui.domain.collection.settings import DEFAULT_SETTINGS, SETTINGS_FILE, Settings

#: The settings, or how to get the current ones (they change when the app reloads).
SettingsSource = Settings | Callable[[], Settings]

#: Directories whose contents never matter to an ADR collection: the ones the scanner
#: never enters (``vendor``, ``node_modules``…, any case), so both agree on what is listed.
_IGNORED_DIRS = frozenset(_SKIP_DIRS)

log = logging.getLogger(__name__)


class WatchError(Exception):
    """The folder cannot be watched (deleted, unreadable, too many watches)."""


@dataclass(frozen=True, slots=True)
class FolderChanges:
    """One debounced batch. Paths are POSIX, relative to the watched folder, sorted.

    ``added`` and ``modified`` both mean "(re-)read this file" (an atomic save
    by rename reports ``added`` for a file the app already knows); ``deleted``
    files are gone at the end of the batch. ``rescan`` asks for a full rescan
    (a directory appeared, vanished or moved).
    """

    added: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    rescan: bool = False

    @property
    def changed(self) -> tuple[str, ...]:
        """Files to (re-)parse: added and modified, in one sorted tuple."""
        return tuple(sorted(set(self.added) | set(self.modified)))

    def __bool__(self) -> bool:
        return bool(self.added or self.modified or self.deleted or self.rescan)


def _relative(root: Path, path: str) -> str | None:
    try:
        rel = Path(path).relative_to(root)
    except ValueError:
        try:
            rel = Path(os.path.realpath(path)).relative_to(root)
        except ValueError:
            return None
    return rel.as_posix()


def _is_hidden_or_ignored(rel: str) -> bool:
    parts = rel.split("/")
    return any(part.startswith(".") or part.lower() in _IGNORED_DIRS for part in parts)


def _file_kind(path: Path) -> str:
    """``file`` (a regular file, not a symlink), ``missing``, or ``other``."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "missing"
    except OSError:
        return "other"
    return "file" if stat.S_ISREG(mode) else "other"


def _is_folder_readme(rel: str) -> bool:
    """A README/index below the root: maybe its folder's ADR (one folder per ADR)."""
    folder, _, name = rel.rpartition("/")
    stem, _, _suffix = name.lower().rpartition(".")
    return bool(folder) and stem in ("readme", "index")


def _decided_with_siblings(root: Path, rel: str) -> bool:
    """A file whose listing depends on its neighbours (see ``discovery.scan``).

    ``0001-x.fr.md`` (a translation of ``0001-x.md``), ``0001-x.old.md`` (a copy of
    it), ``0001-x.md`` beside its translations, copies or its ``0001-x/`` folder, or
    a file inside such a folder.
    """
    folder, _, name = rel.rpartition("/")
    if language_of(name) is not None or copy_of(name) is not None:
        return True
    stem = rel.rpartition(".")[0]
    if (root / stem).is_dir():
        return True
    parts = folder.split("/") if folder else []
    for i in range(1, len(parts) + 1):
        if any((root / ("/".join(parts[:i]) + suffix)).is_file() for suffix in MARKDOWN_SUFFIXES):
            return True
    base = name.rpartition(".")[0]
    try:
        siblings = os.listdir(root / folder) if folder else os.listdir(root)
    except OSError:
        return False
    return any(
        s != name and s.startswith(base + ".") and (language_of(s) or copy_of(s))
        for s in siblings[:5000]
    )


def _is_settings_file(root: Path, rel: str, settings: Settings) -> bool:
    """The repository's settings file, when it lives in the watched folder."""
    if rel == SETTINGS_FILE:
        return True
    source = settings.source
    return source is not None and _relative(root, os.fspath(source)) == rel


def _watched_folders(root: Path, settings: Settings) -> tuple[str, ...]:
    """The settings' ``folders`` below ``root`` (POSIX, relative), or ``()`` for all of it.

    The same choice the scanner makes: when the root holds several of the
    configured folders, only they are read.
    """
    inside: list[str] = []
    for folder in settings.folders:
        rel = _relative(root, os.fspath(folder))
        if rel is None:
            continue
        if rel in ("", "."):
            return ()  # the root itself is an ADR folder: all of it counts
        inside.append(rel)
    return tuple(inside)


def _ignored_from_base(root: Path, rel: str, settings: Settings) -> bool:
    """``ignore`` globs written from the settings file's folder (``docs/adr/drafts/**``)."""
    if not settings.ignore or settings.base is None:
        return False
    try:
        from_base = os.path.relpath(root / rel, settings.base).replace(os.sep, "/")
    except ValueError:
        return False
    return not from_base.startswith("..") and settings.ignored_by(rel, from_base) is not None


def is_watched_file(root: Path, rel: str, settings: Settings = DEFAULT_SETTINGS) -> bool:
    """Whether a change to ``rel`` (a Markdown path below ``root``) can matter to the list.

    ``root`` is the resolved watched folder. The scanner's rules on one path:
    its name, supporting-file folders, ``ignore`` globs, the settings' folders.
    """
    folders = _watched_folders(root, settings)
    if folders and not any(rel == f or rel.startswith(f + "/") for f in folders):
        return False
    if path_skip_reason(rel, settings) is not None:
        return False
    return not _ignored_from_base(root, rel, settings)


def classify(
    root: Path, raw: Iterable[tuple[object, str]], settings: Settings = DEFAULT_SETTINGS
) -> FolderChanges:
    """Fold raw ``(Change, path)`` events into a :class:`FolderChanges` for ``root``.

    The events of a batch come unordered, so the final state on disk decides:
    a listed file that exists is ``added`` when any event created it, else
    ``modified``; one that does not exist is ``deleted`` (consumers ignore
    deletions of paths they never knew, such as a file created and removed
    within the batch). Exposed for callers with their own event source.

    ``settings`` decide which files count (:func:`is_watched_file`); a
    sub-folder README/index that appears or disappears sets ``rescan``.
    """
    root = Path(os.path.realpath(root))
    kinds: dict[str, set[str]] = {}
    rescan = False
    for change, path in raw:
        rel = _relative(root, path)
        if rel is None or rel in ("", "."):
            continue
        if _is_settings_file(root, rel, settings):
            rescan = True  # the repository's word changed: read everything with it
            continue
        if _is_hidden_or_ignored(rel):
            continue
        name = rel.rsplit("/", 1)[-1]
        kind = str(getattr(change, "name", change))
        if not name.lower().endswith(MARKDOWN_SUFFIXES):
            # A directory event: a folder that appears, or a name without a
            # suffix that vanished (it may have held ADRs), asks for a rescan.
            if (root / rel).is_dir() or (kind == "deleted" and "." not in name):
                rescan = True
            continue
        if is_watched_file(root, rel, settings):
            kinds.setdefault(rel, set()).add(kind)
    added: list[str] = []
    modified: list[str] = []
    deleted: list[str] = []
    for rel, seen in kinds.items():
        kind = _file_kind(root / rel)
        if kind == "other":
            # A symlink or a special file (FIFO, device): whether it may be read at
            # all is the scanner's call, which lists it as ignored when not.
            rescan = True
            continue
        exists = kind == "file"
        if (not exists or "added" in seen) and _decided_with_siblings(root, rel):
            # A translation, or an ADR's companion folder: whether it (or its
            # sibling) is listed is the scanner's call, made with the whole folder.
            rescan = True
            continue
        if _is_folder_readme(rel) and (not exists or "added" in seen):
            # Whether it is (or was) its folder's ADR is the scanner's call. (An editor's
            # save by rename also looks like "added": a rescan, from the record cache.)
            rescan = True
            continue
        if not exists:
            deleted.append(rel)
        elif "added" in seen:
            added.append(rel)
        else:
            modified.append(rel)
    return FolderChanges(
        tuple(sorted(added)), tuple(sorted(modified)), tuple(sorted(deleted)), rescan
    )


def watch_folder(
    root: Path | str,
    stop: threading.Event,
    *,
    settings: SettingsSource = DEFAULT_SETTINGS,
    debounce_ms: int = 150,
    step_ms: int = 50,
    force_polling: bool | None = None,
) -> Iterator[FolderChanges]:
    """Yield a :class:`FolderChanges` per burst of changes under ``root`` until ``stop`` is set.

    ``debounce_ms`` is how long the folder must stay quiet before a batch is
    yielded (a ``git pull`` of 200 files arrives as one batch); ``stop`` is
    checked every ``step_ms``, so the generator ends promptly and the worker
    thread can exit. Raises :class:`WatchError` when the folder cannot be
    watched. ``settings`` (or a function giving the current ones, asked once
    per batch) decide which files are reported (:func:`classify`).
    """
    root = Path(os.path.realpath(root))
    if not root.is_dir():
        raise WatchError(f"Cannot watch {root}: not a directory.")

    def wanted(change: Any, path: str) -> bool:
        rel = _relative(root, path)
        return rel is not None and (rel == SETTINGS_FILE or not _is_hidden_or_ignored(rel))

    try:
        yield from _native_watch(root, stop, wanted, settings, debounce_ms, step_ms, force_polling)
    except _UndecodablePath:
        # One file name that is not UTF-8 stops watchfiles as soon as anything
        # touches that file (even reading it); live reload goes on by polling.
        # What changed while the native watcher stopped is not known: rescan once.
        # The polling baseline is taken first, so a change made after it is polled
        # and one made before it is seen by the rescan: none falls between.
        log.info("watching %s by polling: a file name is not UTF-8", root)
        baseline = _snapshot(root, wanted)
        yield FolderChanges((), (), (), rescan=True)
        yield from _poll_watch(root, stop, wanted, settings, POLL_SECONDS, baseline)


class _UndecodablePath(Exception):
    """watchfiles met a path it cannot decode (it stops for good)."""


#: How often the polling fallback compares the folder with what it saw.
POLL_SECONDS = 2.0


def _native_watch(
    root: Path,
    stop: threading.Event,
    wanted: Callable[[Any, str], bool],
    settings: SettingsSource,
    debounce_ms: int,
    step_ms: int,
    force_polling: bool | None,
) -> Iterator[FolderChanges]:
    import watchfiles

    try:
        for raw in watchfiles.watch(
            root,
            watch_filter=wanted,
            debounce=debounce_ms,
            step=step_ms,
            stop_event=stop,
            rust_timeout=0,
            yield_on_timeout=False,
            raise_interrupt=False,
            force_polling=force_polling,
            recursive=True,
            ignore_permission_denied=True,
        ):
            current = settings() if callable(settings) else settings
            changes = classify(root, raw, current)
            if changes:
                yield changes
            if stop.is_set():
                return
    except OSError as exc:
        raise WatchError(f"Cannot watch {root}: {exc.strerror or exc}") from None
    except RuntimeError as exc:  # watchfiles reports watcher failures this way
        if "Unable to decode path" in str(exc):
            raise _UndecodablePath() from None
        raise WatchError(f"Cannot watch {root}: {exc}") from None


def _poll_watch(
    root: Path,
    stop: threading.Event,
    wanted: Callable[[Any, str], bool],
    settings: SettingsSource,
    interval: float,
    before: dict[str, tuple[int, int, int]],
) -> Iterator[FolderChanges]:
    """The same batches as the native watcher, from comparing snapshots every ``interval`` s
    (``before`` is the first)."""
    while not stop.wait(interval):
        after = _snapshot(root, wanted)
        raw = [("added", path) for path in after.keys() - before.keys()]
        raw += [("deleted", path) for path in before.keys() - after.keys()]
        raw += [
            ("modified", path)
            for path in after.keys() & before.keys()
            if after[path] != before[path]
        ]
        before = after
        if raw:
            current = settings() if callable(settings) else settings
            changes = classify(root, raw, current)
            if changes:
                yield changes


def _snapshot(root: Path, wanted: Callable[[Any, str], bool]) -> dict[str, tuple[int, int, int]]:
    """Every wanted entry below ``root`` (not following symlinks) with its mode, size, mtime."""
    seen: dict[str, tuple[int, int, int]] = {}
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if wanted("added", os.path.join(folder, d))]
        for name in (*dirs, *names):
            path = os.path.join(folder, name)
            if not wanted("added", path):
                continue
            try:
                info = os.lstat(path)
            except OSError:
                continue
            size = 0 if stat.S_ISDIR(info.st_mode) else info.st_size
            seen[path] = (info.st_mode, size, info.st_mtime_ns)
    return seen
