"""Where adrtui keeps derived data, and the cache of parsed records.

Everything here is derived from the user's ADR files and can be thrown away:
the search index (:mod:`adrtui.domain.search.store`) and the parsed records. It lives
in the user cache directory (``platformdirs``: ``~/.cache/adrtui`` on Linux,
``~/Library/Caches/adrtui`` on macOS, ``%LOCALAPPDATA%\\adrtui\\Cache`` on
Windows), or in ``$ADRTUI_CACHE_DIR`` when set, never inside the repository.
Each ADR folder gets its own directory, named after the folder and a hash of
its absolute path, so two checkouts of one repository never share a cache.

The record cache makes reopening a large folder cheap: records are keyed by
``rel_path`` and validated by the file's ``(st_mtime_ns, st_size)``, so a second
open of an unchanged folder stats every file but reads none. The cache is also
tagged with the parser's fingerprint (:mod:`adrtui.domain.fingerprints`), so records
parsed by an older parser are never served after an upgrade, and its resolved links
with the link resolver's.

Reading the cache never executes code: the file is a pickle of plain tuples,
loaded by an unpickler that refuses every class except ``datetime`` values
(which YAML front matter may contain).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import io
import logging
import os
import pickle
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any

from adrtui.domain.files import (
    atomic_write,
    ensure_dir,
    folder_cache_dir,
    note_use,
    private_dir,
    prune,
    swappable_reason,
    unsafe_reason,
)
from adrtui.domain.fingerprints import parser_fingerprint, relations_fingerprint
from adrtui.domain.model import Adr, FieldSource, Link

log = logging.getLogger(__name__)

#: Bumped whenever the record cache's layout changes.
RECORD_FORMAT = 2  # 2: provenance (FieldSource) stored as plain tuples
RECORDS_FILE = "records.pickle"
#: Files modified less than this long before they were read are re-read next
#: time ("racy" stats: coarse file-system clocks, FAT's 2-second mtimes).
RACY_NS = 3_000_000_000

Progress = Callable[[int, int], None]
Parser = Callable[[Path, Path], Adr]


# -- records <-> plain tuples ----------------------------------------------------------

_ADR_FIELDS = tuple(f.name for f in dataclasses.fields(Adr))
_LINK_FIELDS = tuple(f.name for f in dataclasses.fields(Link))
_SOURCE_FIELDS = tuple(f.name for f in dataclasses.fields(FieldSource))
_SAFE_CLASSES = {
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "time"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
}
_SCALARS = (str, int, float, bool, bytes, type(None), _dt.date, _dt.time, _dt.timedelta)


class _Unsupported(Exception):
    """A record holds a value the cache cannot store faithfully (it is re-parsed)."""


#: A value nested deeper than this, or made of more parts than the second limit, is
#: not cached: copying it could exhaust the stack or (YAML aliases share one object
#: many times; a copy does not) memory. The parser refuses such front matter anyway.
_PLAIN_DEPTH = 100
_PLAIN_PARTS = 200_000


def _plain(value: Any) -> Any:
    """``value`` as plain builtins (dicts, lists, scalars, dates), or raise _Unsupported."""
    return _PlainCopy().copy(value, _PLAIN_DEPTH)


class _PlainCopy:
    """One bounded copy: at most :data:`_PLAIN_PARTS` parts, :data:`_PLAIN_DEPTH` deep."""

    def __init__(self) -> None:
        self.budget = _PLAIN_PARTS

    def copy(self, value: Any, depth: int) -> Any:
        self.budget -= 1
        if self.budget < 0 or depth < 0:
            raise _Unsupported("too large or too deeply nested")
        if isinstance(value, _SCALARS):
            return value
        depth -= 1
        if isinstance(value, Mapping):
            return {self.copy(k, depth): self.copy(v, depth) for k, v in value.items()}
        if isinstance(value, list):
            return [self.copy(v, depth) for v in value]
        if isinstance(value, tuple):
            return tuple([self.copy(v, depth) for v in value])
        if isinstance(value, (set, frozenset)):
            return type(value)([self.copy(v, depth) for v in value])
        raise _Unsupported(type(value).__name__)


#: One load's (or save's) shared provenance entries and links: equal FieldSources (or
#: Links) become one object and one pickled tuple. Most provenance entries repeat across
#: a folder ("not found", "file name"), and so do inverse links, so sharing makes warm
#: loads about three times cheaper than building every one anew, and the file smaller.
Memo = dict[Any, Any]
#: A memo is dropped when it grows past this (a long session re-parsing files).
_MEMO_LIMIT = 100_000


def _pack(adr: Adr, memo: Memo | None = None) -> tuple[Any, ...]:
    values: list[Any] = []
    for name in _ADR_FIELDS:
        value = getattr(adr, name)
        if name == "path":
            value = os.fspath(value)
        elif name == "links":
            value = _pack_links(value, {} if memo is None else memo)
        elif name == "provenance":
            value = _pack_provenance(value, {} if memo is None else memo)
        elif name == "front_matter":
            value = _plain(dict(value))
        else:
            value = _plain(value)
        values.append(value)
    return tuple(values)


def _pack_links(links: Sequence[Link], memo: Memo) -> tuple[tuple[Any, ...], ...]:
    """Each link as a plain tuple; equal links share one (an inverse link is the same in
    every record its source names: ``mentioned-by 0007``)."""
    return tuple(
        [
            memo.get(link) or _remember(memo, link, tuple(getattr(link, f) for f in _LINK_FIELDS))
            for link in links
        ]
    )


def _unpack_links(packed: Sequence[Any], memo: Memo) -> tuple[Link, ...]:
    """Links from plain tuples; equal ones are shared (they are immutable)."""
    return tuple([memo.get(item) or _remember(memo, item, Link(*item)) for item in packed])


def _remember(memo: Memo, key: Any, value: Any) -> Any:
    """``value``, kept in ``memo`` under ``key`` (the memo is emptied when it grows too big)."""
    if len(memo) > _MEMO_LIMIT:
        memo.clear()
    memo[key] = value
    return value


def _pack_provenance(sources: Sequence[FieldSource], memo: Memo) -> tuple[tuple[Any, ...], ...]:
    """Each FieldSource as a plain tuple: the unpickler loads no class of ours."""
    packed = []
    for source in sources:
        if type(source) is not FieldSource:
            raise _Unsupported("provenance")
        item = memo.get(source)
        if item is None:
            item = tuple(_plain(getattr(source, f)) for f in _SOURCE_FIELDS)
            hash(item)  # all strings and tuples: a memo key when it is read back
            _remember(memo, source, item)
        packed.append(item)
    return tuple(packed)


def _unpack_provenance(packed: Sequence[Any], memo: Memo) -> tuple[FieldSource, ...]:
    """FieldSources from plain tuples; equal ones are shared (they are immutable)."""
    return tuple([memo.get(item) or _remember(memo, item, _source(*item)) for item in packed])


def _source(field: str, value: str, text: str, rejected: Sequence[Any]) -> FieldSource:
    return FieldSource(field, value, text, tuple(map(tuple, rejected)))


def _unpack(
    values: Sequence[Any], path: Path | None = None, links: Any = None, memo: Memo | None = None
) -> Adr:
    data = dict(zip(_ADR_FIELDS, values, strict=True))
    data["path"] = (
        path if path is not None and os.fspath(path) == data["path"] else Path(data["path"])
    )
    if memo is None:
        memo = {}
    data["links"] = _unpack_links(data["links"] if links is None else links, memo)
    data["provenance"] = _unpack_provenance(data["provenance"], memo)
    data["front_matter"] = MappingProxyType(data["front_matter"])
    return Adr(**data)


class _SafeUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE_CLASSES:
            return getattr(_dt, name)
        raise pickle.UnpicklingError(f"refusing {module}.{name} in the record cache")


def safe_loads(data: bytes) -> Any:
    """Unpickle plain data (builtins and datetime values only)."""
    return _SafeUnpickler(io.BytesIO(data)).load()


# -- the record cache ------------------------------------------------------------------

#: One cached file: ``[mtime_ns, size, parsed record, resolved links or None]``.
Entry = list[Any]


class RecordCache:
    """Parsed records of one folder, keyed by ``rel_path`` and validated by file stat.

    Besides each parsed record it keeps the record's links as resolved against
    the whole folder at the last load (``resolved_for`` says for which set of
    files), so reopening an unchanged folder skips link resolution too.
    """

    def __init__(self, folder: Path, cache_dir: Path | str | None = None) -> None:
        self.folder = Path(folder)
        self.dir = folder_cache_dir(folder, cache_dir)
        self.file = self.dir / RECORDS_FILE
        self.entries: dict[str, Entry] = {}
        self.resolved_for: str | None = None
        #: Why the cache folder or file is not trusted (set by :meth:`load`): then
        #: nothing is read from it or written to it, and the user is told.
        self.refused: str | None = None
        self._dirty = False
        #: Shared provenance entries and links (see :data:`Memo`), one memo each way.
        self._read_memo: Memo = {}
        self._write_memo: Memo = {}

    def _header(self) -> dict[str, Any]:
        return {
            "format": RECORD_FORMAT,
            "fingerprint": parser_fingerprint(),
            "adr_fields": _ADR_FIELDS,
            "link_fields": _LINK_FIELDS,
            "source_fields": _SOURCE_FIELDS,
            "folder": os.fspath(self.folder),
        }

    def _refusal(self) -> str | None:
        """Why this cache must not be used, in words for the user, or None.

        The folder is created private when missing. One that someone else owns or
        may write (or a symlink in its place) is refused, as is such a records
        file: its pickle would be read by this user. A folder that cannot be
        created (a read-only disk) is no refusal: there is just no cache.
        """
        reason = private_dir(self.dir)
        if reason is not None and os.path.lexists(self.dir) and reason != "not writable":
            return f"cache folder {self.dir} refused ({reason})"
        swappable = swappable_reason(self.dir)  # who could swap our folder for theirs
        if swappable is not None:
            return f"cache folder {swappable[0]} refused ({swappable[1]})"
        reason = unsafe_reason(self.file)
        if reason not in (None, "missing"):
            return f"cache file {self.file} refused ({reason})"
        return None

    def load(self) -> None:
        """Read the cache file; anything unreadable or from another version means empty.

        A cache someone else could have written (:meth:`_refusal`) is not read
        at all, and :meth:`save` leaves it alone.
        """
        self.refused = self._refusal()
        if self.refused is not None:
            log.debug("%s", self.refused)
            return
        try:
            data = self.file.read_bytes()
        except OSError:
            return
        try:
            header, resolved_for, entries = safe_loads(data)
            if header != self._header() or not isinstance(entries, dict):
                log.debug("record cache %s is from another version; ignored", self.file)
                self._dirty = True
                return
        except Exception as error:  # noqa: BLE001 - a damaged cache is just a cold start
            log.debug("record cache %s unreadable (%s); ignored", self.file, error)
            self._dirty = True
            return
        self.entries = entries
        self.resolved_for = resolved_for if isinstance(resolved_for, str) else None

    def get(self, rel_path: str, mtime_ns: int, size: int, path: Path | None = None) -> Adr | None:
        entry = self.entries.get(rel_path)
        if entry is None or entry[0] != mtime_ns or entry[1] != size:
            return None
        try:
            return _unpack(entry[2], path, memo=self._read_memo)
        except Exception:  # noqa: BLE001 - a malformed entry is re-parsed
            return None

    def put(self, rel_path: str, mtime_ns: int, size: int, adr: Adr) -> None:
        if abs(time.time_ns() - mtime_ns) < RACY_NS:
            # Modified moments ago: a second write within the file system's clock
            # tick would keep this mtime and size. Never trust it; parse it again
            # next time (by then its stat is reliable).
            mtime_ns = -1
        try:
            packed = _pack(adr, self._write_memo)
        except _Unsupported:
            self.entries.pop(rel_path, None)
        else:
            self.entries[rel_path] = [mtime_ns, size, packed, None]
        self._dirty = True

    def retain(self, rel_paths: set[str]) -> None:
        """Forget records of files that no longer exist."""
        gone = self.entries.keys() - rel_paths
        for rel_path in gone:
            del self.entries[rel_path]
        self._dirty = self._dirty or bool(gone)

    def resolved(self, key: str, found: Sequence[tuple[str, Path]]) -> list[Adr] | None:
        """The resolved records, when they were resolved for exactly these files."""
        if self.resolved_for != key:
            return None
        adrs = []
        for rel_path, path in found:
            entry = self.entries.get(rel_path)
            if entry is None or entry[3] is None:
                return None
            try:
                adrs.append(_unpack(entry[2], path, entry[3], self._read_memo))
            except Exception:  # noqa: BLE001
                return None
        return adrs

    def set_resolved(self, key: str, adrs: Sequence[Adr]) -> None:
        complete = True
        for adr in adrs:
            entry = self.entries.get(adr.rel_path)
            if entry is None:
                complete = False
                continue
            entry[3] = _pack_links(adr.links, self._write_memo)
        self.resolved_for = key if complete else None
        self._dirty = True

    def save(self) -> bool:
        """Write the cache if it changed; False when it could not be written (no harm)."""
        if not self._dirty:
            return True
        if self.refused is not None or not ensure_dir(self.dir):
            return False
        data = pickle.dumps(
            (self._header(), self.resolved_for, self.entries), protocol=pickle.HIGHEST_PROTOCOL
        )
        try:
            atomic_write(self.file, data)
        except OSError as error:
            log.debug("cannot write record cache %s: %s", self.file, error)
            return False
        self._dirty = False
        return True


#: A step over the whole list of records (settling them, resolving their links).
Step = Callable[[list[Adr]], list[Adr]]


def load_records(
    root: Path,
    files: Sequence[Path],
    parse: Parser,
    *,
    settle: Step | None = None,
    resolve: Step | None = None,
    resolve_key: str = "",
    progress: Progress | None = None,
    cache_dir: Path | str | None = None,
    on_partial: Callable[[list[Adr]], None] | None = None,
    partial_after: float = 0.3,
    on_settled: Callable[[list[Adr]], None] | None = None,
    notices: list[str] | None = None,
) -> list[Adr]:
    """Parse ``files`` (under ``root``), reusing cached records of unchanged files.

    The record cache's part of :func:`adrtui.domain.collection.load_collection`
    (which front ends call). Records come back settled by ``settle`` (what needs
    the whole collection, applied after the cache: the cache holds the parser's
    reading) and then, with ``resolve``, resolved; the resolved links are cached
    too, for this set of files and ``resolve_key`` (what else the links depend
    on: the settings' number pattern), and reused when no file changed.

    A cache folder or file that is not safe to trust (another user's, or one
    others may write) is neither read nor written: every file is parsed, and
    the reason is appended to ``notices`` for the front end to show (without
    ``notices``, it is logged as a warning).

    ``on_partial`` gets the records read so far (not settled), once, when reading
    takes longer than ``partial_after`` seconds with less than 80 % done (a cold
    start on a big folder), so a list can paint while the rest is parsed.
    ``on_settled`` gets every record, settled, before their links are resolved
    (only when ``resolve`` must run: not when the cache holds the resolved links).

    A file is unchanged when its ``(st_mtime_ns, st_size)`` equals the cached
    one; it is then not opened at all. The stat is taken before parsing, so a
    file edited while it is read is simply parsed again next time.
    """
    if settle is None:
        settle = list
    cache = RecordCache(root, cache_dir)
    cache.load()
    if cache.refused is not None:
        _notify(f"{cache.refused}: reading every file", notices)
    prefix = os.fspath(root).rstrip(os.sep) + os.sep
    found: list[tuple[str, Path]] = []
    stats: list[tuple[int, int] | None] = []
    for path in files:
        text = os.fspath(path)
        rel_path = text[len(prefix) :] if text.startswith(prefix) else _rel_path(path, root)
        if os.sep != "/":
            rel_path = rel_path.replace(os.sep, "/")
        found.append((rel_path, path))
        try:
            info = os.stat(path)
            stats.append((info.st_mtime_ns, info.st_size))
        except OSError:
            stats.append(None)
    key = _resolution_key(found, stats, resolve_key)
    if resolve is not None and not any(stat is None for stat in stats):
        unchanged = all(
            (entry := cache.entries.get(rel_path)) is not None and (entry[0], entry[1]) == stat
            for (rel_path, _), stat in zip(found, stats, strict=True)
        )
        if unchanged and len(cache.entries) == len(found):
            cached = cache.resolved(key, found)
            if cached is not None:
                if progress is not None and files:
                    progress(len(files), len(files))
                note_use(cache.dir, root)
                # Links were resolved after settling: settling again leaves them be.
                return settle(cached)
    adrs: list[Adr] = []
    total = len(files)
    started = time.perf_counter()
    for done, ((rel_path, path), stat) in enumerate(zip(found, stats, strict=True), 1):
        if stat is None:
            adrs.append(parse(path, root))  # the parser reports why it cannot be read
            continue
        adr = cache.get(rel_path, stat[0], stat[1], path)
        if adr is None or adr.path != path:
            adr = parse(path, root)
            cache.put(rel_path, stat[0], stat[1], adr)
        adrs.append(adr)
        if progress is not None and (done % 250 == 0 or done == total):
            progress(done, total)
        if (
            on_partial is not None
            and done < total * 0.8
            and time.perf_counter() - started > partial_after
        ):
            on_partial(list(adrs))
            on_partial = None
    cache.retain({rel_path for rel_path, _ in found})
    adrs = settle(adrs)
    if resolve is not None:
        if on_settled is not None:
            on_settled(adrs)
        adrs = resolve(adrs)
        cache.set_resolved(key, adrs)
    if cache.refused is None:
        cache.save()
        note_use(cache.dir, root)
        prune(cache_dir)
    return adrs


#: Refusals already logged by this process (a session reloads the folder many times).
_logged: set[str] = set()


def _notify(message: str, notices: list[str] | None) -> None:
    """Tell the user once: through ``notices`` when the caller shows them, else the log."""
    if notices is not None:
        if message not in notices:
            notices.append(message)
    elif message not in _logged:
        _logged.add(message)
        log.warning("adrtui: %s", message)


def _resolution_key(
    found: Sequence[tuple[str, Path]], stats: Sequence[Any], resolve_key: str = ""
) -> str:
    """Identifies one state of the folder (files and stats), of the link resolver and of
    what else links depend on (``resolve_key``)."""
    digest = hashlib.sha1(relations_fingerprint().encode())
    digest.update(resolve_key.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(repr(sorted(zip((rel for rel, _ in found), stats, strict=True))).encode())
    return digest.hexdigest()


def _rel_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
