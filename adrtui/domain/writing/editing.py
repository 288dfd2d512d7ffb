"""Hand a file to the user's editor and write ADR files back without ever losing work.

Two jobs live here because both are about the user's files staying theirs:

* **Editor handoff.** :func:`editor_argv` resolves ``$VISUAL``, else ``$EDITOR``,
  else ``nano``/``vi`` on ``PATH``, splits it with :mod:`shlex` and appends the
  file as *one* argument (absolute, so a name like ``-rf`` or ``+5`` is never
  read as an option). :func:`run_editor` runs it with an argument list, never a
  shell, so ``$()``, backticks or ``;`` in a file name stay text. Failures come
  back as an :class:`EditorResult` with a message, never as a traceback.

* **Safe writes.** :func:`write_atomic` writes a temp file in the same folder and
  ``os.replace``-s it over the target, so readers see the old or the new file,
  never half of one. It keeps the file's encoding (BOMs included), line endings
  and permissions, and refuses (:class:`FileChangedError`) when the file on disk
  is not the one that was read (:class:`Snapshot`): a ``git pull`` or another
  editor's save is never overwritten.

* **One adrtui writer per folder.** :func:`folder_write_lock` serialises adrtui
  processes (and threads) that pick a new ADR's number or rewrite ADR files in
  the same folder, so two ``adrtui new`` at once never take the same number and
  two supersessions never interleave. The lock file lives in the folder's cache,
  never beside the ADRs.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import shlex
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line

#: Editors that accept ``+LINE`` before the file name to open at a line.
LINE_EDITORS: frozenset[str] = frozenset(
    {
        "vi",
        "vim",
        "nvim",
        "gvim",
        "mvim",
        "view",
        "vis",
        "nano",
        "pico",
        "emacs",
        "emacsclient",
        "mg",
        "micro",
        "kak",
        "joe",
        "jed",
        "ne",
        "mcedit",
    }
)
#: Editors that open ``FILE:LINE`` instead (VS Code and its forks need ``--goto``).
GOTO_EDITORS: dict[str, tuple[str, ...]] = {
    "code": ("--goto",),
    "code-insiders": ("--goto",),
    "codium": ("--goto",),
    "cursor": ("--goto",),
    "subl": (),
    "sublime_text": (),
    "hx": (),
    "helix": (),
    "zed": (),
}

#: The lock file, in a folder's cache, held while adrtui creates or rewrites ADRs there.
WRITE_LOCK_FILE = "adr-files.lock"
#: Seconds a writer waits for another adrtui writing in the same folder (which takes
#: milliseconds); past that it goes ahead on its own checks alone.
WRITE_LOCK_WAIT = 10.0

#: Editors tried, in order, when neither ``$VISUAL`` nor ``$EDITOR`` is set.
FALLBACK_EDITORS: tuple[str, ...] = ("nano", "vi")


class EditingError(Exception):
    """A user-facing editing failure; ``str(error)`` is the message to show."""


class EditorNotFound(EditingError):
    """No editor is configured and none of the fallbacks is installed."""


class FileChangedError(EditingError):
    """The file on disk is not the one that was read; nothing was written."""


class ReadOnlyError(EditingError):
    """The file or its folder cannot be written; nothing was written."""


class EncodingError(EditingError):
    """The new text cannot be written in the file's encoding; nothing was written."""


# --------------------------------------------------------------------------- editor


def _editor_name(program: str) -> str:
    name = Path(program).name.lower()
    for suffix in (".exe", ".cmd", ".bat"):
        name = name.removesuffix(suffix)
    return name


def editor_argv(
    path: Path | str,
    line: int | None = None,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """The argument list that opens ``path`` (at ``line`` when the editor supports it).

    ``$VISUAL`` wins over ``$EDITOR`` (the Unix convention for full-screen
    editors); either may carry options (``code --wait``, ``emacs -nw``). The
    file is always the last, single argument (``FILE:LINE`` for the editors
    that take a line that way, :data:`GOTO_EDITORS`).
    """
    env = os.environ if env is None else env
    parts: list[str] = []
    for var in ("VISUAL", "EDITOR"):
        value = (env.get(var) or "").strip()
        if not value:
            continue
        try:
            parts = shlex.split(value)
        except ValueError as exc:
            raise EditorNotFound(
                f"${var} ({clean_line(value)!r}) cannot be read as a command: {exc}"
            ) from None
        if parts:
            break
    if not parts:
        search_path = env.get("PATH")
        for name in FALLBACK_EDITORS:
            found = shutil.which(name, path=search_path)
            if found:
                parts = [found]
                break
    if not parts:
        raise EditorNotFound(
            "No editor found: set $VISUAL or $EDITOR (for example `export EDITOR=nano`); "
            f"none of {', '.join(FALLBACK_EDITORS)} is on PATH."
        )
    target = os.path.abspath(os.fspath(path))
    name = _editor_name(parts[0])
    if line is not None and line > 0 and name in LINE_EDITORS:
        parts.append(f"+{int(line)}")
    elif line is not None and line > 0 and name in GOTO_EDITORS and ":" not in target:
        # (A name with a colon would be misread as FILE:LINE: then no line.)
        return [*parts, *GOTO_EDITORS[name], f"{target}:{int(line)}"]
    parts.append(target)
    return parts


@dataclass(frozen=True, slots=True)
class EditorResult:
    """How an editor run ended. ``message`` is empty on success, else says what went wrong."""

    argv: tuple[str, ...]
    returncode: int | None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.message


def run_editor(argv: Sequence[str], *, cwd: Path | str | None = None) -> EditorResult:
    """Run the editor (inheriting the terminal) and report how it ended; never raises."""
    argv = tuple(argv)
    if not argv:
        return EditorResult(argv, None, "No editor command to run.")
    name = clean_line(argv[0])
    try:
        completed = subprocess.run(list(argv), cwd=cwd, check=False)
    except FileNotFoundError:
        return EditorResult(
            argv,
            None,
            f"Editor not found: {name!r}. Check $VISUAL / $EDITOR (or install nano or vi).",
        )
    except PermissionError:
        return EditorResult(argv, None, f"Editor {name!r} cannot be run (permission denied).")
    except OSError as exc:
        return EditorResult(argv, None, f"Editor {name!r} could not start: {exc.strerror or exc}")
    if completed.returncode != 0:
        return EditorResult(
            argv,
            completed.returncode,
            f"Editor {Path(name).name!r} exited with status {completed.returncode}; "
            "the file is as the editor left it.",
        )
    return EditorResult(argv, 0)


def open_in_editor(
    path: Path | str,
    line: int | None = None,
    *,
    env: Mapping[str, str] | None = None,
    runner: Callable[[Sequence[str]], EditorResult] = run_editor,
) -> EditorResult:
    """Resolve the editor and run it on ``path``; a missing editor is a result, not an error."""
    try:
        argv = editor_argv(path, line, env)
    except EditorNotFound as exc:
        return EditorResult((), None, str(exc))
    return runner(argv)


# --------------------------------------------------------------------------- snapshots


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a file was when it was read: stat and content hash (for conflict checks)."""

    mtime_ns: int
    size: int
    sha1: str = ""

    @classmethod
    def of_bytes(cls, data: bytes, mtime_ns: int = 0) -> Snapshot:
        return cls(mtime_ns, len(data), hashlib.sha1(data).hexdigest())

    @classmethod
    def of_file(cls, path: Path | str) -> Snapshot:
        """Read ``path`` now (raises ``OSError`` when it cannot be read)."""
        return read_file(path).snapshot

    @classmethod
    def of_adr(cls, adr: Adr) -> Snapshot:
        """The snapshot the parser recorded in an :class:`~adrtui.domain.model.Adr`."""
        return cls(adr.mtime_ns, adr.size, adr.sha1)

    def matches(self, other: Snapshot) -> bool:
        """Same content. The hash decides when both have one (a ``touch`` is no change)."""
        if self.sha1 and other.sha1:
            return self.sha1 == other.sha1 and self.size == other.size
        return self.mtime_ns == other.mtime_ns and self.size == other.size


@dataclass(frozen=True, slots=True)
class FileText:
    """A file read for editing: its text (line endings as in the file) and how to write it."""

    path: Path
    data: bytes
    text: str
    encoding: str
    newline: str
    snapshot: Snapshot


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect_encoding(data: bytes) -> str:
    """``utf-8-sig``/``utf-16`` by BOM, else ``utf-8`` when it decodes, else ``latin-1``."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


def detect_newline(text: str) -> str:
    """The file's dominant line ending (``\\r\\n`` when most lines end so), else ``\\n``."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    return "\r\n" if crlf and crlf >= lf else "\n"


def _norm(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


def decode_bytes(data: bytes, encoding: str) -> str:
    """Decode so that :func:`encode_text` gives the same bytes back (BOM off, newlines kept)."""
    name = _norm(encoding)
    if name in ("utf-8", "utf-8-sig"):
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        return data.decode("utf-8", "surrogateescape")
    if name == "utf-16":
        return data.decode("utf-16")
    return data.decode(encoding)


def encode_text(text: str, encoding: str, like: bytes | None = None) -> bytes:
    """Encode ``text`` as the original file was (same BOM, same UTF-16 byte order).

    Raises :class:`EncodingError` when a character has no encoding in a legacy
    codec (an emoji in a Latin-1 file): better refused than silently mangled.
    """
    name = _norm(encoding)
    try:
        if name == "utf-8":
            return text.encode("utf-8", "surrogateescape")
        if name == "utf-8-sig":
            return codecs.BOM_UTF8 + text.encode("utf-8", "surrogateescape")
        if name == "utf-16":
            if like is not None and like.startswith(codecs.BOM_UTF16_BE):
                return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
            return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
        return text.encode(encoding)
    except UnicodeEncodeError as exc:
        bad = clean_line(exc.object[exc.start : exc.end])
        raise EncodingError(
            f"{bad!r} cannot be written in this file's encoding ({encoding}); nothing was changed."
        ) from None


def read_file(path: Path | str, encoding: str | None = None) -> FileText:
    """Read ``path`` for editing: bytes, text, encoding, newline and a :class:`Snapshot`."""
    path = Path(path)
    with open(path, "rb") as handle:
        data = handle.read()
        mtime_ns = os.fstat(handle.fileno()).st_mtime_ns
    enc = encoding or detect_encoding(data)
    try:
        text = decode_bytes(data, enc)
    except UnicodeDecodeError:
        enc = detect_encoding(data)
        text = decode_bytes(data, enc)
    return FileText(path, data, text, enc, detect_newline(text), Snapshot.of_bytes(data, mtime_ns))


# --------------------------------------------------------------------------- writing


def _display(path: Path) -> str:
    return clean_line(str(path))


def writable_reason(path: Path | str) -> str | None:
    """Why ``path`` (a file or folder) cannot be written now, or ``None`` when it can.

    The UI calls this to disable edit actions up front; :func:`write_atomic`
    still checks for real, because permissions can change in between.
    """
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"The folder {_display(folder)} is read-only; editing is disabled."
    if path.is_file() and not os.access(path, os.W_OK):
        return f"{_display(path)} is read-only; editing is disabled."
    return None


def _target(path: Path) -> Path:
    """Write through a symlink to the file it names, so the link stays a link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


_LONE_LF = re.compile(r"(?<!\r)\n")


def _to_bytes(new: str | bytes, current: bytes, encoding: str | None, newline: str | None) -> bytes:
    if isinstance(new, bytes):
        return new
    enc = encoding or detect_encoding(current)
    if newline is None:
        newline = detect_newline(decode_bytes(current, enc)) if current else "\n"
    if newline == "\r\n" and "\r\n" not in new:
        new = _LONE_LF.sub("\r\n", new)
    return encode_text(new, enc, current)


def _write_temp(folder: Path, name: str, data: bytes, mode: int | None) -> Path:
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".adrtui-tmp", dir=folder)
    except PermissionError:
        raise ReadOnlyError(
            f"The folder {_display(folder)} is read-only; nothing was written."
        ) from None
    except OSError as exc:
        if exc.errno in (30,):  # EROFS
            raise ReadOnlyError(
                f"The folder {_display(folder)} is on a read-only file system; nothing was written."
            ) from None
        raise EditingError(f"Cannot write in {_display(folder)}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return tmp


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(
    path: Path | str,
    new: str | bytes,
    *,
    expected: Snapshot,
    encoding: str | None = None,
    newline: str | None = None,
) -> Snapshot:
    """Replace ``path`` with ``new`` atomically, unless it changed since ``expected``.

    ``new`` as ``bytes`` is written as is. As ``str`` it is encoded like the
    file on disk (or ``encoding``), and when the file uses CRLF and ``new`` has
    only ``\\n`` the endings are converted. The file keeps its permission bits
    (and owner, when allowed). Returns the snapshot of what was written.

    Raises :class:`FileChangedError` (the file was modified or deleted since it
    was read), :class:`ReadOnlyError` (cannot write there) or
    :class:`EncodingError`; in every case the file on disk is untouched.
    """
    path = _target(Path(path))
    folder = path.parent
    try:
        current = path.read_bytes()
        st = path.stat()
    except FileNotFoundError:
        raise FileChangedError(
            f"{_display(path)} was deleted or renamed since it was read; nothing was written."
        ) from None
    except PermissionError:
        raise ReadOnlyError(f"{_display(path)} cannot be read; nothing was written.") from None
    on_disk = Snapshot.of_bytes(current, st.st_mtime_ns)
    if not expected.matches(on_disk):
        raise FileChangedError(
            f"{_display(path)} changed on disk since it was read (another editor, a git "
            "pull?); nothing was overwritten. Reload it and try again."
        )
    if not os.access(path, os.W_OK):
        raise ReadOnlyError(f"{_display(path)} is read-only; nothing was written.")
    data = _to_bytes(new, current, encoding, newline)
    tmp = _write_temp(folder, path.name, data, stat.S_IMODE(st.st_mode))
    try:
        with contextlib.suppress(OSError, AttributeError):
            os.chown(tmp, st.st_uid, st.st_gid)
        # Re-check just before the swap: keeps the race window to microseconds.
        try:
            latest = path.read_bytes()
        except FileNotFoundError:
            raise FileChangedError(
                f"{_display(path)} was deleted while saving; nothing was written."
            ) from None
        if latest != current:
            raise FileChangedError(
                f"{_display(path)} changed on disk while saving; nothing was overwritten."
            )
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(folder)
    return Snapshot.of_bytes(data, path.stat().st_mtime_ns)


def create_file(path: Path | str, text: str | bytes, *, encoding: str = "utf-8") -> Snapshot:
    """Create a new file atomically; refuses (``FileExistsError``) to replace an existing one.

    The content appears all at once (temp file + hard link), so a watcher
    never sees a half-written ADR, and a file created meanwhile by someone else
    is never clobbered.
    """
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise EditingError(f"The folder {_display(folder)} does not exist.")
    data = text if isinstance(text, bytes) else encode_text(text, encoding)
    if path.exists() or path.is_symlink():
        raise FileExistsError(f"{_display(path)} already exists; nothing was written.")
    mode = 0o666 & ~_umask()
    tmp = _write_temp(folder, path.name, data, mode)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise FileExistsError(
                f"{_display(path)} already exists; nothing was written."
            ) from None
        except OSError:
            # File systems without hard links: exclusive create, then fill.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    _fsync_dir(folder)
    return Snapshot.of_bytes(data, path.stat().st_mtime_ns)


def _umask() -> int:
    """The process umask, read without changing it where possible (``os.umask`` is racy)."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def folder_write_lock(
    folder: Path | str,
    cache_dir: Path | str | None = None,
    *,
    timeout: float = WRITE_LOCK_WAIT,
) -> Iterator[bool]:
    """Hold the ADR folder's write lock: one adrtui at a time picks a number or rewrites.

    Choosing the next number and creating its file must be one step, or two
    ``adrtui new`` started together both take ``0012``. The lock is the
    index's own (:class:`~adrtui.domain.search.indexer.FolderLock`, released when its
    holder dies) on a file of its own in the folder's private cache, so ADRs
    are never blocked by an index build and nothing is written beside them.

    Yields whether the lock is held. Without it (the cache cannot be written
    or is not safe, or another holder kept it past ``timeout``) the writer goes
    ahead on its own checks (exclusive create, a re-scan after it, snapshot
    compares): safe against losing bytes, just without the ordering promise.
    """
    from adrtui.domain.files import FolderLock, ensure_dir, folder_cache_dir

    directory = folder_cache_dir(folder, cache_dir)
    if not ensure_dir(directory):
        yield False
        return
    with FolderLock(directory / WRITE_LOCK_FILE).hold(timeout) as held:
        yield held


def remove_created(path: Path | str, written: Snapshot) -> bool:
    """Delete a file this process just created, only if it still holds what was written.

    Used to give back a number another writer took at the same instant; a file
    someone already changed is kept (True: removed).
    """
    path = Path(path)
    try:
        if not written.matches(Snapshot.of_bytes(path.read_bytes())):
            return False
        path.unlink()
    except OSError:
        return False
    return True


# --------------------------------------------------------------------------- edit flow


@dataclass(frozen=True, slots=True)
class EditOutcome:
    """An editor session on an ADR: how the editor ended and the file afterwards.

    ``adr`` is the record re-parsed from disk (``None`` when the editor deleted
    or renamed the file); ``changed`` says whether its bytes differ from before,
    so the app re-indexes only when something was saved.
    """

    result: EditorResult
    adr: Adr | None
    changed: bool


def edit_adr(
    adr: Adr,
    root: Path | str,
    *,
    line: int | None = None,
    env: Mapping[str, str] | None = None,
    runner: Callable[[Sequence[str]], EditorResult] = run_editor,
) -> EditOutcome:
    """Open ``adr`` in the user's editor, then re-parse it. Never raises.

    The app calls this inside ``App.suspend()``; tests pass a ``runner`` that
    edits the file instead of starting a terminal program (Pilot cannot suspend).
    Whatever the editor's exit status, the file is re-read: an editor that saved
    and then failed still saved.
    """
    from adrtui.domain.parsing import parse_file

    path = Path(adr.path)
    try:
        before = read_file(path).snapshot
    except OSError:
        before = Snapshot.of_adr(adr)
    result = open_in_editor(path, line, env=env, runner=runner)
    if not path.exists():
        return EditOutcome(result, None, True)
    reparsed = parse_file(path, Path(root))
    after = Snapshot(reparsed.mtime_ns, reparsed.size, reparsed.sha1)
    return EditOutcome(result, reparsed, not before.matches(after))
