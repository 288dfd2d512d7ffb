"""The files of one folder's index cache: its state, its index directories, its vocabulary.

One folder's cache directory (:func:`adrtui.domain.files.folder_cache_dir`) holds::

    state.json     which index directory is current, its schema and generation
    write.lock     held by whoever writes (one writer per folder, across processes)
    index-<n>/     a Whoosh index, plus vocab.txt (every indexed word and its stem)
    full.json      after a write failed for want of space: the room there was then

A rebuild (:mod:`adrtui.domain.search.writer`) writes a new ``index-<n+1>`` and
then switches ``state.json`` to it, so a crash mid-build leaves the old index
usable and readers never see a half-written one. ``state.json`` also records the
size and a sampled checksum of every index file, so damage is found before
Whoosh reads a file.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import warnings
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from adrtui.domain.collection import index_fingerprint
from adrtui.domain.files import FolderLock, atomic_write
from adrtui.domain.search._whoosh import windex
from adrtui.domain.search.schema import SCHEMA_VERSION

STATE_FILE = "state.json"
LOCK_FILE = "write.lock"
FULL_FILE = "full.json"
#: A full cache counts as still full until this much more room is free.
FULL_SLACK = 1 << 20
INDEX_PREFIX = "index-"
VOCAB_FILE = "vocab.txt"


class StateError(Exception):
    """``state.json`` exists but cannot be read."""


class StaleIndex(Exception):
    """The index is not the generation a job was planned against."""


@dataclass(frozen=True)
class IndexState:
    """What ``state.json`` says: the current index directory and how it was built."""

    schema: int
    fingerprint: str
    index: str
    generation: int = 1
    folder: str = ""
    #: Size of every file of the index when this state was written. Index files
    #: are immutable once written, so a different size means damage.
    files: dict[str, int] = field(default_factory=dict)
    #: A checksum of samples of every file (see :func:`sample_sum`): a file
    #: zero-filled or overwritten in place (a crash, a bad disk) keeps its size.
    sums: dict[str, int] = field(default_factory=dict)

    @property
    def current(self) -> bool:
        """True when built by this adrtui (same schema and parser)."""
        return self.schema == SCHEMA_VERSION and self.fingerprint == index_fingerprint()

    @property
    def key(self) -> tuple[str, int]:
        return (self.index, self.generation)


def file_sizes(index_dir: Path) -> dict[str, int]:
    """The size of each file of an index directory (the lock file aside)."""
    sizes = {}
    for path in index_dir.iterdir():
        if "WRITELOCK" not in path.name and not path.name.startswith("."):
            sizes[path.name] = path.stat().st_size
    return sizes


#: Bytes read at each sample point of :func:`sample_sum`, and the distance between them.
SAMPLE_SIZE = 4096
SAMPLE_EVERY = 1 << 18


def sample_sum(path: Path) -> int:
    """CRC-32 of a file's first and last 4 KiB and of 4 KiB every 256 KiB between.

    Reading a few KiB per file keeps the check cheap enough for every open
    (a whole 60 MB index would cost a tenth of a second), and still catches a
    file zero-filled by a crash or overwritten with other bytes.
    """
    crc = 0
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        for offset in (*range(0, size, SAMPLE_EVERY), max(size - SAMPLE_SIZE, 0)):
            handle.seek(offset)
            crc = zlib.crc32(handle.read(SAMPLE_SIZE), crc)
    return crc


def file_sums(index_dir: Path, names: Iterable[str]) -> dict[str, int]:
    return {name: sample_sum(index_dir / name) for name in names}


def check_files(index_dir: Path, state: IndexState) -> str | None:
    """Why the index files disagree with ``state``, or ``None`` when they agree."""
    for name, size in state.files.items():
        try:
            actual = os.stat(index_dir / name).st_size
        except OSError:
            return f"{name} is missing"
        if actual != size:
            return f"{name} has {actual} bytes instead of {size}"
    for name, expected in state.sums.items():
        try:
            if sample_sum(index_dir / name) != expected:
                return f"{name} was overwritten"
        except OSError:
            return f"{name} is unreadable"
    return None


class IndexStore:
    """The files of one folder's index cache (see the module docstring)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.state_path = self.root / STATE_FILE
        self.lock_path = self.root / LOCK_FILE

    def lock(self) -> FolderLock:
        return FolderLock(self.lock_path)

    def read_state(self) -> IndexState | None:
        """The current state, ``None`` when there is none; StateError when unreadable."""
        try:
            raw = self.state_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StateError(error.strerror or type(error).__name__) from error
        try:
            data = json.loads(raw.decode("utf-8"))
            state = IndexState(**data)
            if not state.index.startswith(INDEX_PREFIX) or "/" in state.index:
                raise ValueError(f"bad index name {state.index!r}")
            return state
        except Exception as error:  # noqa: BLE001 - any garbage means unreadable
            raise StateError(type(error).__name__) from error

    def write_state(self, state: IndexState) -> None:
        atomic_write(self.state_path, json.dumps(asdict(state), indent=1).encode("utf-8"))

    def stamp(self) -> tuple[int, int, int] | None:
        """Changes whenever ``state.json`` is replaced (cheap: one stat)."""
        try:
            info = os.stat(self.state_path)
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def room(self) -> tuple[int, int]:
        """``(free bytes on the cache's disk, largest file this process may write)``;
        ``-1`` for what cannot be told (unlimited, or no ``statvfs``)."""
        try:
            info = os.statvfs(self.root)
            free = info.f_bavail * info.f_frsize
        except (OSError, AttributeError):
            free = -1
        try:
            largest = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        except (OSError, ValueError, AttributeError):
            largest = -1
        return free, -1 if largest == resource.RLIM_INFINITY else largest

    def note_full(self, reason: str) -> None:
        """Remember that a write failed for want of room, and how much there was."""
        free, largest = self.room()
        data = {"free": free, "largest": largest, "reason": reason}
        # Too full even for that: the next write finds out again.
        with contextlib.suppress(OSError):
            atomic_write(self.root / FULL_FILE, json.dumps(data).encode("utf-8"))

    def still_full(self) -> str | None:
        """Why the last write failed, while there is no more room than then (a
        ``statvfs`` and a small read: the next write is not worth trying), else ``None``.

        Room is the file-size limit when one stopped that write, else the free space
        on the disk (give or take :data:`FULL_SLACK`: other files come and go)."""
        try:
            data = json.loads((self.root / FULL_FILE).read_bytes())
            free, largest, reason = int(data["free"]), int(data["largest"]), str(data["reason"])
        except (OSError, ValueError, KeyError, TypeError):
            return None
        now_free, now_largest = self.room()
        if largest >= 0:  # a limit on file sizes (``ulimit -f``) stopped it: is it raised?
            return reason if 0 <= now_largest <= largest else None
        return reason if 0 <= now_free <= free + FULL_SLACK else None

    def clear_full(self) -> None:
        with contextlib.suppress(OSError):
            (self.root / FULL_FILE).unlink()

    def index_dirs(self) -> list[Path]:
        try:
            return sorted(
                path
                for path in self.root.iterdir()
                if path.name.startswith(INDEX_PREFIX) and path.is_dir()
            )
        except OSError:
            return []

    def new_index_dir(self) -> Path:
        numbers = [0]
        for path in self.index_dirs():
            suffix = path.name[len(INDEX_PREFIX) :]
            if suffix.isdigit():
                numbers.append(int(suffix))
        target = self.root / f"{INDEX_PREFIX}{max(numbers) + 1}"
        target.mkdir(parents=True)
        return target

    def remove_other_indexes(self, keep: str) -> None:
        """Delete every index directory but ``keep`` (call with the lock held)."""
        for path in self.index_dirs():
            if path.name != keep:
                shutil.rmtree(path, ignore_errors=True)


def read_vocab(index_dir: Path) -> tuple[list[str], list[str]]:
    """The sorted vocabulary of an index and the stem of each word (raises if damaged)."""
    text = (index_dir / VOCAB_FILE).read_text(encoding="utf-8")
    header, _, rest = text.partition("\n")
    parts = header.split()
    if parts[:3] != ["#", "adrtui", "vocabulary"] or parts[3:4] != [str(SCHEMA_VERSION)]:
        raise ValueError("vocabulary file has no valid header")
    rows = [line.partition("\t") for line in rest.split("\n") if line]
    vocab = [word for word, _, _ in rows]
    stems = [root or word for word, _, root in rows]
    if len(parts) != 5 or parts[4] != str(len(vocab)) or vocab != sorted(vocab):
        raise ValueError("vocabulary file is incomplete")
    return vocab, stems


def write_vocab(index_dir: Path, stems: Mapping[str, str]) -> None:
    """Write the vocabulary (``{word: stem}``) of an index, sorted by word."""
    lines = [f"# adrtui vocabulary {SCHEMA_VERSION} {len(stems)}"]
    for word in sorted(stems):
        root = stems[word]
        lines.append(word if root == word else f"{word}\t{root}")
    atomic_write(index_dir / VOCAB_FILE, ("\n".join(lines) + "\n").encode("utf-8"))


def vocab_stamp(index_dir: Path) -> tuple[int, int, int] | None:
    try:
        info = os.stat(index_dir / VOCAB_FILE)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_size, info.st_ino)


def open_index(index_dir: Path) -> Any:
    """Open the Whoosh index in ``index_dir`` (raises on any damage)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return windex.open_dir(os.fspath(index_dir))
