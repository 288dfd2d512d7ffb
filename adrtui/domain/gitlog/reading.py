"""Reading a folder's history (cached, incremental), one commit's diff, commits since a rev.

:func:`read_history` is what the browser's worker and the CLI call. It never
raises: whatever goes wrong (no git, not a repository, a shallow clone, git
refusing the repository, a timeout) gives a :class:`HistoryOutcome` without a
history and one short note for a status bar. The cache is keyed by HEAD: an
unchanged HEAD costs one ``git rev-parse``; a HEAD that moved forward costs a
``git log`` of the new commits only; anything else (a reset, an amend, a rebase)
a full pass.
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from adrtui.domain.gitlog.logpass import (
    Probe,
    Replay,
    Versions,
    pathspec,
    present_paths,
    probe,
    stream_log,
)
from adrtui.domain.gitlog.model import FileHistory, HistoryOutcome, RepoHistory
from adrtui.domain.gitlog.runner import Git, GitError, turned_off
from adrtui.domain.gitlog.store import State, Store, no_gc
from adrtui.domain.model import Adr

log = logging.getLogger(__name__)

#: Notes for a history that is absent (short: they go to a status bar).
NOTE_OFF = "no git history: turned off with ADRTUI_GIT=0"
NOTE_SHALLOW = "history not read: shallow clone (git fetch --unshallow)"

#: ``commit_diff`` output is cut after this many bytes.
DIFF_CAP = 200 * 1024
#: Seconds ``commit_diff`` waits for git (the history view waits on it).
DIFF_TIMEOUT = 20.0

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _lock_for(key: str) -> threading.Lock:
    with _locks_guard:
        return _locks.setdefault(key, threading.Lock())


def read_history(
    folder: Path,
    *,
    records: Sequence[Adr] = (),
    cache_dir: Path | str | None = None,
    git: str = "git",
) -> HistoryOutcome:
    """The history of every ADR in ``folder`` (of ``records`` only, when given).

    Never raises; thread-safe (passes over one folder run one at a time, so a
    second caller gets the first one's cache).
    """
    if turned_off():
        return HistoryOutcome(None, NOTE_OFF)
    folder = Path(os.path.abspath(folder))
    try:
        with _lock_for(os.fspath(folder)):
            return _read(folder, records, cache_dir, Git(git))
    except GitError as error:
        return HistoryOutcome(None, error.note)
    except Exception as error:  # noqa: BLE001 - history is a bonus: never fatal
        log.warning("reading git history of %s failed", folder, exc_info=True)
        return HistoryOutcome(None, f"no git history: {type(error).__name__}")


@dataclass
class _Memo:
    """The last pass over one folder in this process (a warm read costs one rev-parse)."""

    state: State
    #: Blob statuses, read from the cache only when a pass needs them.
    statuses: dict[str, list[str | None]] | None
    history: RepoHistory


#: (folder, cache folder) → the last pass; read and written under the folder's lock.
_memo: dict[tuple[str, str], _Memo] = {}


def _read(
    folder: Path, records: Sequence[Adr], cache_dir: Path | str | None, git: Git
) -> HistoryOutcome:
    where = probe(git, folder)
    if where.shallow:
        return HistoryOutcome(None, NOTE_SHALLOW)
    wanted = {adr.rel_path for adr in records} or None
    root = os.fspath(where.root)
    if not where.head:
        return HistoryOutcome(_history(where, folder, State(root, where.prefix, ""), wanted))
    store = Store(folder, cache_dir)
    key = (os.fspath(folder), os.fspath(store.dir))
    memo = _memo.get(key)
    if memo is not None and (memo.state.root, memo.state.prefix) != (root, where.prefix):
        memo = None
    if memo is not None and memo.state.head == where.head:
        return HistoryOutcome(_only(memo.history, wanted), cached=True)
    if memo is not None:
        state: State | None = memo.state.copy()
    else:
        with no_gc():  # the records and their histories, built in one go
            state = store.load(root, where.prefix)
            warm = state is not None and state.head == where.head
            history = _history(where, folder, state, None) if state is not None and warm else None
        if state is not None and history is not None:
            _memo[key] = _Memo(state, None, history)
            return HistoryOutcome(_only(history, wanted), cached=True)
    if state is not None and _is_ancestor(git, where.root, state.head, where.head):
        # A few new commits: the versions they replaced are parsed again when their
        # status is needed (cheaper than decoding every status known so far).
        revs = [f"{state.head}..{where.head}"]
        statuses = dict(memo.statuses) if memo is not None and memo.statuses is not None else {}
        keep = memo is not None and memo.statuses is not None
    else:
        state = State(root, where.prefix, where.head)
        revs = [where.head]
        statuses = store.load_statuses()
        keep = True
    known = len(statuses)
    versions = Versions(folder, where.prefix, statuses)
    logged = stream_log(git, where.root, where.prefix, revs, versions)
    Replay(where.prefix, versions, state.files, state.moved).apply(logged)
    state.head = where.head
    state.present = sorted(present_paths(git, where.root, where.head, where.prefix))
    changed = keep and (len(statuses) != known or not known)
    history = _history(where, folder, state, None)
    # Written once the history is built (a write started before competed with it
    # for the interpreter: ~15 ms of a ~150 ms read after one new commit).
    _save_later(store, state, statuses if changed else None)
    _memo[key] = _Memo(state, statuses if keep else None, history)
    return HistoryOutcome(_only(history, wanted), new_commits=len(logged))


#: The cache writes not finished yet, by cache folder: a write is done after the
#: answer is given (the caller need not wait ~0.1-0.3 s for JSON to be written).
_writes: dict[str, threading.Thread] = {}
_writes_guard = threading.Lock()


def _save_later(store: Store, state: State, statuses: dict[str, list[str | None]] | None) -> None:
    """Write the cache in a thread of its own, after the previous write of this cache.

    Not a daemon: a command that printed its answer still finishes writing before
    the process exits. The state and statuses handed over are never changed again
    (the next pass works on copies).
    """
    key = os.fspath(store.dir)
    with _writes_guard:
        previous = _writes.get(key)

        def write() -> None:
            if previous is not None:
                previous.join()
            try:
                store.save(state, statuses)
            except Exception:  # noqa: BLE001 - a cache that cannot be written costs speed only
                log.debug("writing the git history cache failed", exc_info=True)

        thread = threading.Thread(target=write, name="adrtui-git-history-cache", daemon=False)
        _writes[key] = thread
        thread.start()


def wait_for_cache() -> None:
    """Wait until every cache write started so far is done (tests, benchmarks)."""
    with _writes_guard:
        pending = list(_writes.values())
    for thread in pending:
        thread.join()


def _only(history: RepoHistory, wanted: set[str] | None) -> RepoHistory:
    """``history`` restricted to the ADRs in ``wanted`` (all when None)."""
    if wanted is None:
        return history
    files = {rel: item for rel, item in history.files.items() if rel in wanted}
    return RepoHistory(history.root, history.folder, history.head, MappingProxyType(files))


def _is_ancestor(git: Git, root: Path, old: str, new: str) -> bool:
    try:
        done = git.run(root, ["merge-base", "--is-ancestor", old, new], check=False)
    except GitError:
        return False
    return done.returncode == 0


def _history(where: Probe, folder: Path, state: State, wanted: set[str] | None) -> RepoHistory:
    """The history as the model has it: the files under the folder at HEAD."""
    present = set(state.present)
    prefix = where.prefix
    start = len(prefix)
    files: dict[str, FileHistory] = {}
    for path, rows in state.files.items():
        if not rows or path not in present or not path.startswith(prefix):
            continue
        rel = path[start:]
        if wanted is None or rel in wanted:
            files[rel] = FileHistory(rel, tuple(rows))
    return RepoHistory(where.root, folder, state.head, MappingProxyType(files))


# --------------------------------------------------------------------------- one commit


def _prefix(history: RepoHistory) -> str:
    """The ADR folder relative to the repository's top, POSIX, with a trailing slash."""
    try:
        rel = os.path.relpath(os.path.realpath(history.folder), os.path.realpath(history.root))
    except ValueError:
        return ""
    rel = rel.replace(os.sep, "/")
    return "" if rel == "." else rel.rstrip("/") + "/"


def commit_diff(history: RepoHistory, sha: str, rel_path: str, *, git: str = "git") -> str:
    """The patch ``sha`` made to the ADR ``rel_path`` (following its rename); never raises.

    Cut after :data:`DIFF_CAP` bytes with a last line saying so; "" when the
    commit is not one of the ADR's, or a one-line reason when git fails. The text
    is the repository's: untrusted, to be shown through ``clean``/``Text``.
    """
    if turned_off():
        return ""
    file_history = history.of(rel_path)
    change = next(
        (item for item in (file_history.changes if file_history else ()) if item.commit.sha == sha),
        None,
    )
    if change is None:
        return ""
    prefix = _prefix(history)
    paths = [pathspec(prefix + change.path)]
    if change.old_path:
        paths.append(pathspec(prefix + change.old_path))
    args = [
        "show",
        "--format=",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "-M",
        change.commit.sha,
        "--",
        *paths,
    ]
    try:
        process = Git(git).popen(history.root, args)
    except GitError as error:
        return error.note
    watchdog = threading.Timer(DIFF_TIMEOUT, process.kill)
    watchdog.daemon = True
    watchdog.start()
    try:
        assert process.stdout is not None
        data = process.stdout.read(DIFF_CAP + 1)
        cut = len(data) > DIFF_CAP
        if cut:
            process.kill()  # the rest is not shown: no need to let git write it
        _, err = process.communicate(timeout=DIFF_TIMEOUT)
    except (OSError, ValueError, subprocess.SubprocessError):
        process.kill()
        process.wait()
        return "git show failed"
    finally:
        watchdog.cancel()
    if not cut and process.returncode != 0:
        if process.returncode < 0:
            return "git show took too long"
        first = err.decode("utf-8", "replace").strip().splitlines()
        return f"git show failed: {first[0][:80]}" if first else "git show failed"
    text = data[:DIFF_CAP].decode("utf-8", "replace")
    if cut:
        text = text[: text.rfind("\n") + 1] + "… diff cut at 200 KB\n"
    return text


def commits_since(history: RepoHistory, rev: str, *, git: str = "git") -> frozenset[str] | None:
    """The shas of ``rev..HEAD`` (of the history's HEAD), or None when git does not know ``rev``."""
    rev = rev.strip()
    if not rev or rev.startswith("-") or "\0" in rev or "\n" in rev or turned_off():
        return None
    runner = Git(git)
    try:
        done = runner.run(
            history.root,
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            check=False,
        )
        if done.returncode != 0:
            return None
        base = done.stdout.decode("ascii", "replace").strip()
        head = history.head or "HEAD"
        listed = runner.run(history.root, ["rev-list", f"{base}..{head}"])
    except GitError:
        return None
    return frozenset(listed.stdout.decode("ascii", "replace").split())
