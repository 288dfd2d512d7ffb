"""The history cache: one folder's replayed history as of a HEAD, as JSON.

Kept in adrtui's private cache folder (:func:`adrtui.domain.files.folder_cache_dir`),
never in the repository, and written whole (:func:`atomic_write`). JSON, never a
pickle: what is read back is data, never code. Two files: ``git-history.json``
(the commits and every file's changes, read on every start) and
``git-statuses.json`` (the status of each blob read so far, read only when new
commits must be replayed). Anything unreadable, from another version or parser,
or in a folder someone else could write is ignored, and rewritten after the next
pass; a cache that cannot be written costs only speed. Each file is JSON lines:
the first line says what it is, each next one holds a chunk of the long lists
(in the history, a slice of each column: see :class:`Store`). An integer column's
slice is one text, ``"<bytes per value>:<hex of little-endian signed values>"``
(or plain numbers when 8 bytes cannot hold them): still JSON, decoded in one call.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import sys
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, repeat
from pathlib import Path
from typing import Any

from adrtui.domain.files import (
    atomic_write,
    folder_cache_dir,
    private_dir,
    swappable_reason,
    unsafe_reason,
)
from adrtui.domain.fingerprints import parser_fingerprint
from adrtui.domain.gitlog.logpass import Rows
from adrtui.domain.gitlog.model import ADDED, MODIFIED, RENAMED, Change, Commit

log = logging.getLogger(__name__)

HISTORY_FILE = "git-history.json"
STATUSES_FILE = "git-statuses.json"
FORMAT = 4
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
def no_gc() -> Iterator[None]:
    """No cyclic garbage collection while tens of thousands of records are built.

    They all live on (nothing to collect), yet each collection would walk them
    all: about a quarter of a warm read's time. Restored as it was, after, with
    one young collection (generations 0 and 1) right away: left to its own
    schedule, the collector walks them twice (a generation-0 collection at the
    next allocation, then a generation-1 one a few hundred allocations later,
    both in the first ~40 ms after a warm read); this walks them once, here.
    Nested, only the outermost one restores and collects.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
            gc.collect(1)


class Store:
    """The cache files of one ADR folder.

    ``git-history.json`` holds columns, not one JSON array per commit or change
    (a warm start decodes and checks it whole: a column is checked with one C
    call, and its records are made without a Python step per field): ``people``
    (name, email) and ``status_names`` (null and each status word) once each,
    then ``commits`` (``sha``, ``when``, ``stamp``, ``person`` index,
    ``subject``) and ``files`` (each file's ``path`` and ``count`` of changes,
    then its changes in order: ``commit`` index, ``kind`` index, ``at`` = the
    path then or null when it is the file's path now, ``old`` path, ``before``
    and ``after`` status indexes), ``moved``, ``present``, under a header naming
    the format and the parser (a new parser may read statuses differently).
    """

    def __init__(self, folder: Path, cache_dir: Path | str | None = None) -> None:
        self.dir = folder_cache_dir(folder, cache_dir)
        self.history_file = self.dir / HISTORY_FILE
        self.statuses_file = self.dir / STATUSES_FILE

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "fingerprint": parser_fingerprint()}

    def _trusted(self, path: Path) -> bool:
        if swappable_reason(self.dir) is not None:
            return False
        return all(unsafe_reason(item) is None for item in (self.dir, path))

    def _read(self, path: Path) -> dict[str, Any] | None:
        if not self._trusted(path):
            return None
        try:
            with open(path, "rb") as handle:
                # Its size, not the cap: a buffer of MAX_CACHE_BYTES was allocated
                # for every read. A file that grew meanwhile reads cut: ignored.
                size = min(os.fstat(handle.fileno()).st_size, MAX_CACHE_BYTES)
                data = handle.read(size + 1)
            if len(data) > MAX_CACHE_BYTES:
                return None
            # One decoded text, each line's value read where it starts (split lines
            # would be one more copy of the file: ~5 ms for a 2.7 MB cache).
            text = data.decode("ascii")
            del data
            decode = _DECODER.raw_decode
            loaded, end = decode(text)
            if not isinstance(loaded, dict) or loaded.get("header") != self._header():
                return None
            while True:
                if text[end : end + 1] != "\n":
                    raise ValueError("not one JSON value a line")
                end += 1
                if end == len(text):
                    break
                chunk, end = decode(text, end)
                _merge(loaded, chunk)
        except (OSError, ValueError, RecursionError, TypeError, AttributeError) as error:
            log.debug("git history cache %s unreadable (%s): ignored", path, error)
            return None
        return loaded

    def load(self, root: str, prefix: str) -> State | None:
        """The cached state for this repository and folder, or None."""
        with no_gc():
            return self._load(root, prefix)

    def _load(self, root: str, prefix: str) -> State | None:
        loaded = self._read(self.history_file)
        if loaded is None:
            return None
        try:
            if loaded["root"] != root or loaded["prefix"] != prefix:
                return None
            commits = _commits(loaded["people"], loaded["commits"])
            files = _files(prefix, commits, loaded["status_names"], loaded["files"])
            moved = loaded["moved"]
            present = loaded["present"]
            head = loaded["head"]
            if (
                type(moved) is not dict
                or not set(map(type, moved.values())) <= _STR
                or type(present) is not list
                or not set(map(type, present)) <= _STR
                or type(head) is not str
            ):
                raise TypeError("moved, present or head")
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
            log.debug("git history cache malformed (%s): ignored", error)
            return None
        return State(root, prefix, head, files, moved, list(present))

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
        if private_dir(self.dir) is not None or swappable_reason(self.dir) is not None:
            return False
        index: dict[str, int] = {}
        people: dict[tuple[str, str], int] = {}
        names: dict[str | None, int] = {None: 0}
        commits: dict[str, list[Any]] = {name: [] for name in _COMMIT_COLUMNS}
        shas, whens, stamps, persons, subjects = commits.values()
        files: dict[str, list[Any]] = {name: [] for name in _FILE_COLUMNS}
        paths, counts, positions, kinds, ats, olds, befores, afters = files.values()
        kind_index = {kind: number for number, kind in enumerate(_KINDS)}
        start = len(state.prefix)
        for path, rows in state.files.items():
            rel = path[start:]
            paths.append(path)
            counts.append(len(rows))
            for change in rows:
                commit = change.commit
                position = index.get(commit.sha)
                if position is None:
                    position = index[commit.sha] = len(shas)
                    shas.append(commit.sha)
                    whens.append(commit.when)
                    stamps.append(commit.timestamp)
                    persons.append(people.setdefault((commit.author, commit.email), len(people)))
                    subjects.append(commit.subject)
                positions.append(position)
                kinds.append(kind_index[change.kind])
                ats.append(None if change.path == rel else change.path)
                olds.append(change.old_path)
                befores.append(names.setdefault(change.status_before, len(names)))
                afters.append(names.setdefault(change.status_after, len(names)))
        history = {
            "header": self._header(),
            "root": state.root,
            "prefix": state.prefix,
            "head": state.head,
            "people": [list(person) for person in people],
            "status_names": list(names),
            "moved": state.moved,
            "present": sorted(state.present),
            "commits": commits,
            "files": files,
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
        if "commits" in value:
            commits = value["commits"]
            sizes = [CHUNK] * -(-len(commits["sha"]) // CHUNK)
            lines.extend(_dumps({"commits": part}) for part in _cut(commits, sizes))
        if "files" in value:
            # Whole files to a line, about CHUNK changes each.
            columns = value["files"]
            files: list[int] = []
            changes: list[int] = []
            size = total = 0
            for count in columns["count"]:
                size += 1
                total += count
                if total >= CHUNK:
                    files.append(size)
                    changes.append(total)
                    size = total = 0
            if size:
                files.append(size)
                changes.append(total)
            heads = {name: columns[name] for name in _FILE_COLUMNS[:2]}
            rows = {name: columns[name] for name in _FILE_COLUMNS[2:]}
            for head, part in zip(_cut(heads, files), _cut(rows, changes), strict=True):
                lines.append(_dumps({"files": {**head, **part}}))
        statuses = value.get("statuses")
        if isinstance(statuses, dict):
            keys = list(statuses)
            for start in range(0, len(keys), CHUNK):
                part = {k: statuses[k] for k in keys[start : start + CHUNK]}
                lines.append(_dumps({"statuses": part}))
        atomic_write(path, "\n".join(lines).encode("ascii") + b"\n")


#: Keys written (and read) in chunks, one JSON line each: a long cache never holds
#: the interpreter for the whole of its encoding or decoding (the browser's UI
#: thread waits for the lock meanwhile), only for one chunk's. ``commits`` and
#: ``files`` chunks hold a slice of each of their columns, ``statuses`` some blobs.
_CHUNKED = ("commits", "files", "statuses")
_COLUMNS = ("commits", "files")
_COMMIT_COLUMNS = ("sha", "when", "stamp", "person", "subject")
_FILE_COLUMNS = ("path", "count", "commit", "kind", "at", "old", "before", "after")
CHUNK = 1000

#: Integer columns, written packed (~100 ns each to decode as JSON numbers: a
#: third of the decoding; a packed chunk is one string and one ``bytes.fromhex``).
_INTEGERS = frozenset({"stamp", "person", "count", "commit", "kind", "before", "after"})
#: ``array`` type codes by size in bytes (signed).
_TYPECODES = {array(code).itemsize: code for code in "qlihb"}
_SWAP = sys.byteorder != "little"

_STR: frozenset[type] = frozenset({str})
_INT: frozenset[type] = frozenset({int})
_TEXT: frozenset[type] = frozenset({str, type(None)})
_LIST: frozenset[type] = frozenset({list})


_DECODER = json.JSONDecoder()


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True)


def _cut(columns: dict[str, list[Any]], sizes: list[int]) -> Iterator[dict[str, list[Any]]]:
    """The columns in consecutive slices of ``sizes`` rows each (integers packed)."""
    widths = {name: _width(values) for name, values in columns.items() if name in _INTEGERS}
    start = 0
    for size in sizes:
        yield {
            name: _pack(values[start : start + size], widths[name])
            if name in widths
            else values[start : start + size]
            for name, values in columns.items()
        }
        start += size


def _width(values: list[int]) -> int:
    """Bytes per value that hold every one of ``values`` (signed), 0 when 8 do not."""
    low, high = min(values, default=0), max(values, default=0)
    for width in (1, 2, 4, 8):
        bound = 1 << (8 * width - 1)
        if -bound <= low and high < bound:
            return width
    return 0


def _pack(values: list[int], width: int) -> list[Any]:
    """``values`` as ``["<width>:<hex of little-endian integers>"]``, or as they are
    when ``width`` is 0 (too large to pack)."""
    if not width:
        return values
    packed = array(_TYPECODES[width], values)
    if _SWAP:
        packed.byteswap()
    return [f"{width}:{packed.tobytes().hex()}"]


def _unpack(values: list[Any]) -> list[int]:
    """An integer column as :func:`_pack` wrote it: packed chunks, or plain integers."""
    kinds = set(map(type, values))
    if kinds <= _INT:
        return values
    if kinds != _STR:
        raise TypeError("an integer column mixes packed and plain values")
    unpacked: list[int] = []
    for part in values:
        width, _, digits = part.partition(":")
        chunk = array(_TYPECODES[int(width)], bytes.fromhex(digits))
        if _SWAP:
            chunk.byteswap()
        unpacked.extend(chunk)
    return unpacked


def _merge(loaded: dict[str, Any], chunk: Any) -> None:
    """Add one chunk line (``{"commits": {"sha": [...], ...}}``) to what the first line gave."""
    for key, items in chunk.items():
        if key not in _CHUNKED:
            raise ValueError(f"unexpected chunk {key!r}")
        if key in _COLUMNS:
            columns = loaded.setdefault(key, {})
            for name, values in items.items():
                if type(values) is not list:
                    raise TypeError(f"column {key}.{name} is not a list")
                columns.setdefault(name, []).extend(values)
        else:
            loaded.setdefault(key, {}).update(items)


def _column(
    columns: dict[str, Any], name: str, types: frozenset[type], size: int = -1
) -> list[Any]:
    """``columns[name]``: a list of ``size`` values (any length when -1) of ``types`` only.

    One C pass (``set(map(type, ...))``): damage is found without a Python step
    per value, before any record is made of it.
    """
    values = columns[name]
    if type(values) is not list or not set(map(type, values)) <= types:
        raise TypeError(f"column {name}: not a list of {sorted(t.__name__ for t in types)}")
    if size >= 0 and len(values) != size:
        raise ValueError(f"column {name}: {len(values)} values, not {size}")
    return values


def _integers(columns: dict[str, Any], name: str, size: int = -1) -> list[int]:
    """An integer column of ``size`` values (any length when -1)."""
    values = _unpack(columns[name])
    if size >= 0 and len(values) != size:
        raise ValueError(f"column {name}: {len(values)} values, not {size}")
    return values


def _indexes(columns: dict[str, Any], name: str, size: int, bound: int) -> list[int]:
    """A column of ``size`` indexes into a table of ``bound`` items."""
    values = _integers(columns, name, size)
    if values and (min(values) < 0 or max(values) >= bound):
        raise IndexError(f"column {name}: an index outside 0..{bound - 1}")
    return values


def _commits(people: Any, columns: Any) -> list[Commit]:
    """The commits of the ``commits`` columns, in their order (changes point at them)."""
    if type(people) is not list or not set(map(type, people)) <= _LIST:
        raise TypeError("people")
    names = [name for name, _ in people]
    emails = [email for _, email in people]
    if not set(map(type, names)) <= _STR or not set(map(type, emails)) <= _STR:
        raise TypeError("people")
    shas = _column(columns, "sha", _STR)
    size = len(shas)
    whens = _column(columns, "when", _STR, size)
    stamps = _integers(columns, "stamp", size)
    persons = _indexes(columns, "person", size, len(names))
    subjects = _column(columns, "subject", _STR, size)
    authors = map(names.__getitem__, persons)
    addresses = map(emails.__getitem__, persons)
    return list(
        map(_new_commit, zip(shas, whens, stamps, authors, addresses, subjects, strict=True))
    )


def _files(prefix: str, commits: list[Commit], names: Any, columns: Any) -> dict[str, Rows]:
    """Each file's changes (repository-relative path → changes, oldest first)."""
    if type(names) is not list or not set(map(type, names)) <= _TEXT:
        raise TypeError("status_names")
    paths = _column(columns, "path", _STR)
    counts = _indexes(columns, "count", len(paths), 1 << 62)
    size = sum(counts)
    positions = _indexes(columns, "commit", size, len(commits))
    kinds = _indexes(columns, "kind", size, len(_KINDS))
    ats = _column(columns, "at", _TEXT, size)
    olds = _column(columns, "old", _TEXT, size)
    befores = _indexes(columns, "before", size, len(names))
    afters = _indexes(columns, "after", size, len(names))
    start = len(prefix)
    rels = chain.from_iterable(map(repeat, [path[start:] for path in paths], counts))
    at_paths = [rel if at is None else at for at, rel in zip(ats, rels, strict=True)]
    changes = list(
        map(
            _new_change,
            zip(
                map(commits.__getitem__, positions),
                at_paths,
                map(_KINDS.__getitem__, kinds),
                olds,
                map(names.__getitem__, befores),
                map(names.__getitem__, afters),
                strict=True,
            ),
        )
    )
    files: dict[str, Rows] = {}
    end = 0
    for path, count in zip(paths, counts, strict=True):
        files[path] = changes[end : end + count]
        end += count
    if len(files) != len(paths):
        raise ValueError("a file twice")
    return files


#: ``Commit``/``Change`` made from one tuple of their fields, in one C call.
_new_commit = partial(tuple.__new__, Commit)
_new_change = partial(tuple.__new__, Change)
