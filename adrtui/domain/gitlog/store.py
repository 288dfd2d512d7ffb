"""The history cache: one folder's replayed history as of a HEAD, as JSON.

Kept in adrtui's private cache folder (:func:`adrtui.domain.files.folder_cache_dir`),
never in the repository, and written whole (:func:`atomic_write`). JSON, never a
pickle: what is read back is data, never code. Two files: ``git-history.json``
(the commits and every file's changes, read on every start) and
``git-statuses.json`` (the status of each blob read so far, read only when new
commits must be replayed). Anything unreadable, from another version or parser,
or in a folder someone else could write is ignored, and rewritten after the next
pass; a cache that cannot be written costs only speed. Each file is JSON lines:
the first line says what it is, each next one holds a chunk of the long lists.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adrtui.domain.files import atomic_write, folder_cache_dir, private_dir, unsafe_reason
from adrtui.domain.fingerprints import parser_fingerprint
from adrtui.domain.gitlog.logpass import Rows
from adrtui.domain.gitlog.model import ADDED, MODIFIED, RENAMED, Change, Commit

log = logging.getLogger(__name__)

HISTORY_FILE = "git-history.json"
STATUSES_FILE = "git-statuses.json"
FORMAT = 3
#: Cache files larger than this are not read (a damaged or planted file).
MAX_CACHE_BYTES = 512 * 1024 * 1024


@dataclass
class State:
    """What a pass leaves for the next: as of ``head``, in repository ``root``.

    ``files`` maps each repository-relative path to its changes (see
    :class:`~adrtui.domain.gitlog.logpass.Replay`), ``moved`` where renamed paths
    went, ``present`` the paths under the folder at ``head``.
    """

    root: str
    prefix: str
    head: str
    files: dict[str, Rows] = field(default_factory=dict)
    moved: dict[str, str] = field(default_factory=dict)
    present: list[str] = field(default_factory=list)

    def copy(self) -> State:
        """A copy a pass may change (changes are only ever appended, never changed)."""
        return State(
            self.root,
            self.prefix,
            self.head,
            {path: list(rows) for path, rows in self.files.items()},
            dict(self.moved),
            list(self.present),
        )


_KINDS = (ADDED, MODIFIED, RENAMED)


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """No cyclic garbage collection while tens of thousands of records are built.

    They all live on (nothing to collect), yet each collection would walk them
    all: about a quarter of a warm read's time. Restored as it was, after.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise TypeError(f"not a text: {type(value).__name__}")


class Store:
    """The cache files of one ADR folder.

    ``git-history.json``: ``people`` (name, email), ``commits`` (sha, date,
    timestamp, person, subject), ``files`` (path → changes as commit index, kind
    index, path or null when it is the file's path now, old path, status before,
    status after), ``moved``, ``present``, under a header naming the format and
    the parser (a new parser may read statuses differently).
    """

    def __init__(self, folder: Path, cache_dir: Path | str | None = None) -> None:
        self.dir = folder_cache_dir(folder, cache_dir)
        self.history_file = self.dir / HISTORY_FILE
        self.statuses_file = self.dir / STATUSES_FILE

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "fingerprint": parser_fingerprint()}

    def _trusted(self, path: Path) -> bool:
        return all(unsafe_reason(item) is None for item in (self.dir.parent, self.dir, path))

    def _read(self, path: Path) -> dict[str, Any] | None:
        if not self._trusted(path):
            return None
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_CACHE_BYTES + 1)
            if len(data) > MAX_CACHE_BYTES:
                return None
            lines = data.split(b"\n")
            loaded = json.loads(lines[0])
            if not isinstance(loaded, dict) or loaded.get("header") != self._header():
                return None
            for line in lines[1:]:
                if line:
                    _merge(loaded, json.loads(line))
        except (OSError, ValueError, RecursionError, TypeError, AttributeError) as error:
            log.debug("git history cache %s unreadable (%s): ignored", path, error)
            return None
        return loaded

    def load(self, root: str, prefix: str) -> State | None:
        """The cached state for this repository and folder, or None."""
        with _no_gc():
            return self._load(root, prefix)

    def _load(self, root: str, prefix: str) -> State | None:
        loaded = self._read(self.history_file)
        if loaded is None:
            return None
        try:
            if loaded["root"] != root or loaded["prefix"] != prefix:
                return None
            people = [(str(name), str(email)) for name, email in loaded["people"]]
            commits = []
            for sha, when, stamp, person, subject in loaded["commits"]:
                name, email = people[person]
                commits.append(Commit(str(sha), str(when), int(stamp), name, email, str(subject)))
            kinds = _KINDS
            start = len(prefix)
            files: dict[str, Rows] = {}
            for path, rows in loaded["files"].items():
                rel = path[start:]
                files[path] = [
                    Change(
                        commits[index],
                        rel if at is None else str(at),
                        kinds[kind],
                        _text(old),
                        _text(before),
                        _text(after),
                    )
                    for index, kind, at, old, before, after in rows
                ]
            moved = {str(k): str(v) for k, v in loaded["moved"].items()}
            present = [str(path) for path in loaded["present"]]
            head = str(loaded["head"])
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
            log.debug("git history cache malformed (%s): ignored", error)
            return None
        return State(root, prefix, head, files, moved, present)

    def load_statuses(self) -> dict[str, list[str | None]]:
        loaded = self._read(self.statuses_file)
        statuses = loaded.get("statuses") if loaded else None
        if not isinstance(statuses, dict):
            return {}
        return {
            str(blob): [value[0], value[1]]
            for blob, value in statuses.items()
            if isinstance(value, list) and len(value) == 2
        }

    def save(self, state: State, statuses: dict[str, list[str | None]] | None) -> bool:
        """Write the state (and the blob statuses, when given); False when it cannot."""
        if private_dir(self.dir) is not None or unsafe_reason(self.dir.parent) is not None:
            return False
        index: dict[str, int] = {}
        people: dict[tuple[str, str], int] = {}
        commits: list[list[Any]] = []
        files: dict[str, list[list[Any]]] = {}
        kinds = {kind: number for number, kind in enumerate(_KINDS)}
        start = len(state.prefix)
        for path, rows in state.files.items():
            rel = path[start:]
            packed = []
            for change in rows:
                commit = change.commit
                position = index.get(commit.sha)
                if position is None:
                    person = people.setdefault((commit.author, commit.email), len(people))
                    position = index[commit.sha] = len(commits)
                    commits.append(
                        [commit.sha, commit.when, commit.timestamp, person, commit.subject]
                    )
                at = None if change.path == rel else change.path
                packed.append(
                    [
                        position,
                        kinds[change.kind],
                        at,
                        change.old_path,
                        change.status_before,
                        change.status_after,
                    ]
                )
            files[path] = packed
        history = {
            "header": self._header(),
            "root": state.root,
            "prefix": state.prefix,
            "head": state.head,
            "people": [list(person) for person in people],
            "commits": commits,
            "files": files,
            "moved": state.moved,
            "present": sorted(state.present),
        }
        try:
            if statuses is not None:
                self._write(self.statuses_file, {"header": self._header(), "statuses": statuses})
            self._write(self.history_file, history)
        except (OSError, ValueError) as error:
            log.debug("cannot write git history cache %s: %s", self.dir, error)
            return False
        return True

    def _write(self, path: Path, value: dict[str, Any]) -> None:
        lines = [_dumps({key: item for key, item in value.items() if key not in _CHUNKED})]
        for key in _CHUNKED:
            items = value.get(key)
            if isinstance(items, list):
                for start in range(0, len(items), CHUNK):
                    lines.append(_dumps({key: items[start : start + CHUNK]}))
            elif isinstance(items, dict):
                keys = list(items)
                for start in range(0, len(keys), CHUNK):
                    lines.append(_dumps({key: {k: items[k] for k in keys[start : start + CHUNK]}}))
        atomic_write(path, "\n".join(lines).encode("ascii") + b"\n")


#: Keys written (and read) in chunks, one JSON line each: a long cache never holds
#: the interpreter for the whole of its encoding or decoding (the browser's UI
#: thread waits for the lock meanwhile), only for one chunk's.
_CHUNKED = ("commits", "files", "statuses")
CHUNK = 1000


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True)


def _merge(loaded: dict[str, Any], chunk: Any) -> None:
    """Add one chunk line (``{"commits": [...]}``) to what the first line gave."""
    for key, items in chunk.items():
        if key not in _CHUNKED:
            raise ValueError(f"unexpected chunk {key!r}")
        if isinstance(items, list):
            loaded.setdefault(key, []).extend(items)
        else:
            loaded.setdefault(key, {}).update(items)
