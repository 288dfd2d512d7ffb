"""The one ``git log`` pass over an ADR folder, and the status of every version it shows.

``git log --raw -z -M -- <folder>`` lists every commit that touched the folder
with each file's old and new blob, streamed in git's default order (newest
first) while one ``git cat-file --batch`` fetches the versions it names and they
are read as they arrive; the replay (:class:`Replay`) then goes oldest first,
follows renames and keeps each file's changes. A version's status is what
:func:`adrtui.domain.parsing.parse_bytes` reads in it (the one reading of a
status, never a second one), and only where it can have moved: the version that
added a file is parsed; a modified version is parsed only when its changed
region (:class:`Difference`) names a status word or label, is a heading or a
fence, sits near a status word, lies in front matter, or holds the older
version's status text. Other versions keep their parent's status. Statuses are
kept by blob sha (content addressed: valid forever), so a blob is read once.

Merges: like plain ``git log``, a merge commit shows no diff of its own, so a
change made on a merged branch is counted at the branch's commit (its author and
date), and git's default history simplification skips branches that changed
nothing the merge kept. Order: the reverse of git's walk puts parents before
children, unless committer clocks went backwards across a merge.
"""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from adrtui.domain.gitlog.model import ADDED, MODIFIED, RENAMED, Change, Commit
from adrtui.domain.gitlog.runner import Git, GitError, refusal_note
from adrtui.domain.parsing import MAX_BYTES, parse_bytes
from adrtui.domain.vocabulary import STATUS_LABELS, STATUS_WORDS

#: Files whose versions are read for a status (as the collection's discovery finds ADRs).
PARSED_SUFFIXES = (".md", ".markdown", ".mdx")

_RECORD = "\x1e"
_FIELD = "\x1f"
#: sha, author time (epoch), author date (ISO, own offset), email, name, subject.
LOG_FORMAT = "%x1e%H%x1f%at%x1f%aI%x1f%ae%x1f%an%x1f%s"
_NULL_SHA = re.compile(r"^0+$")
#: File modes read as text: a regular file (not a symlink or a submodule).
_REGULAR = {"100644", "100755"}


def _status_words() -> tuple[frozenset[bytes], tuple[str, ...]]:
    words = {word.lower() for word in STATUS_WORDS} | {w.lower() for w in STATUS_LABELS}
    words.add("status")
    plain = frozenset(w.encode() for w in words if re.fullmatch("[a-z]+", w))
    other = tuple(sorted(w for w in words if not w.isascii()))
    return plain, other


#: Status words and labels: ASCII ones (as whole words) and the others (as substrings).
_ASCII_WORDS, _OTHER_WORDS = _status_words()
_TOKEN = re.compile(rb"[a-z]+")


# --------------------------------------------------------------------------- probing


@dataclass(frozen=True)
class Probe:
    """Where the folder sits in its repository, and the commit HEAD names."""

    root: Path
    prefix: str  # the folder, repository-relative, POSIX, with a trailing "/" (or "")
    head: str  # "" in a repository without commits
    shallow: bool


def probe(git: Git, folder: Path) -> Probe:
    """One ``git rev-parse``: top level, the folder's prefix, shallow or not, HEAD."""
    args = ["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"]
    done = git.run(folder, [*args, "--verify", "-q", "HEAD"], check=False)
    lines = done.stdout.split(b"\n")
    if done.returncode != 0:
        if len(lines) >= 3 and lines[0]:  # a repository, but HEAD names no commit yet
            return Probe(Path(os.fsdecode(lines[0])), os.fsdecode(lines[1]), "", False)
        raise GitError(
            refusal_note(done.stderr.decode("utf-8", "replace")),
            done.stderr.decode("utf-8", "replace"),
            done.returncode,
        )
    if len(lines) < 4:
        raise GitError("no git history: git said something unexpected")
    return Probe(
        root=Path(os.fsdecode(lines[0])),
        prefix=os.fsdecode(lines[1]),
        head=lines[3].decode("ascii", "replace").strip(),
        shallow=lines[2].strip() == b"true",
    )


# --------------------------------------------------------------------------- the log


@dataclass(slots=True)
class Entry:
    """One file in one commit, as ``--raw`` gives it (paths repository-relative)."""

    letter: str  # A M D R C T
    old_mode: str
    new_mode: str
    old_blob: str
    new_blob: str
    path: str
    old_path: str | None = None


@dataclass(slots=True)
class LoggedCommit:
    commit: Commit
    entries: list[Entry] = field(default_factory=list)


def pathspec(prefix: str) -> str:
    """The folder as a literal pathspec from the top (no glob magic in folder names)."""
    return f":(top,literal){prefix.rstrip('/')}" if prefix else ":(top)"


_LOG_OPTIONS = [
    "log",
    "--raw",
    "--no-abbrev",
    "-z",
    "-M",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    f"--format={LOG_FORMAT}",
]


#: A full pass over a folder that most commits touch runs ``git log --relative``
#: without a pathspec when at least this share of the last :data:`SAMPLE` commits
#: touch the folder.
DENSE_SHARE = 0.3
SAMPLE = 200


def log_args(prefix: str, revs: Sequence[str], *, relative: bool = False) -> list[str]:
    """``git log`` over the folder: raw entries with both blobs, renames found, NUL-separated.

    Git's default order (newest first, streamed as the walk goes: ``--topo-order``
    or ``--reverse`` would make git walk everything before printing anything).

    With a pathspec git first decides, for every commit, whether it touched the
    folder (reading both versions of the folder's tree), then diffs the same trees
    again for ``--raw``. ``relative`` (``--relative=<folder>``, no pathspec) diffs
    each commit once and prints only the folder's entries, relative to it: half
    git's work where most commits touch the folder (2,000 ADRs, 21,000 commits:
    git 7.1 s of CPU -> 3.1 s), but a header for every commit of the repository
    and a diff of all of each commit's changes, 3-4 times the work where they
    rarely do (see :func:`folder_is_dense`).
    """
    if relative and prefix:
        return [*_LOG_OPTIONS, f"--relative={prefix}", *revs, "--"]
    return [*_LOG_OPTIONS, *revs, "--", pathspec(prefix)]


def folder_is_dense(git: Git, root: Path, prefix: str, revs: Sequence[str]) -> bool:
    """Do most recent commits touch the folder? (For a full pass only: one cheap
    ``git log --name-only`` of the last :data:`SAMPLE` commits, ~50 ms.)"""
    if not prefix or len(revs) != 1 or ".." in revs[0]:
        return False
    args = ["log", "-n", str(SAMPLE), "--format=%x1e", "--name-only", "-z", "--no-renames"]
    try:
        done = git.run(root, [*args, revs[0], "--"], check=False)
    except GitError:
        return False
    if done.returncode != 0:
        return False
    wanted = os.fsencode(prefix)
    commits = done.stdout.split(b"\x1e")[1:]
    touching = sum(
        any(name.lstrip(b"\n").startswith(wanted) for name in chunk.split(b"\0"))
        for chunk in commits
    )
    return len(commits) >= 20 and touching >= DENSE_SHARE * len(commits)


class LogParser:
    """Reads ``git log --raw -z`` output (see :data:`LOG_FORMAT`) token by token.

    Fed NUL-separated tokens as they arrive; gives back the commits completed.
    Paths are taken verbatim (a name may start with a newline or a colon).
    """

    def __init__(self, prefix: str = "") -> None:
        #: Prepended to every path (``git log --relative`` prints them relative to it).
        self.prefix = prefix
        self.current: LoggedCommit | None = None
        self._meta: tuple[str, str, str, str, str] | None = None
        self._paths: list[str] = []

    def feed(self, tokens: Iterable[bytes]) -> list[LoggedCommit]:
        done: list[LoggedCommit] = []
        for raw in tokens:
            if self._meta is not None:
                self._paths.append(os.fsdecode(raw))
                letter = self._meta[4]
                if len(self._paths) == (2 if letter in "RC" else 1):
                    self._entry()
                continue
            token = raw.lstrip(b"\n")
            if token.startswith(b":") and self.current is not None:
                meta = token[1:].split(b" ")
                if len(meta) >= 5:
                    self._meta = (
                        meta[0].decode("ascii", "replace"),
                        meta[1].decode("ascii", "replace"),
                        meta[2].decode("ascii", "replace"),
                        meta[3].decode("ascii", "replace"),
                        meta[4][:1].decode("ascii", "replace"),
                    )
            elif token.startswith(b"\x1e"):
                if self.current is not None:
                    done.append(self.current)
                self.current = _header(token[1:].decode("utf-8", "replace"))
        return done

    def _entry(self) -> None:
        assert self._meta is not None and self.current is not None
        old_mode, new_mode, old_blob, new_blob, letter = self._meta
        if letter in "RC":
            old_path, path = (self.prefix + each for each in self._paths)
        else:
            old_path, path = None, self.prefix + self._paths[0]
        self.current.entries.append(
            Entry(letter, old_mode, new_mode, old_blob, new_blob, path, old_path)
        )
        self._meta = None
        self._paths = []

    def close(self) -> list[LoggedCommit]:
        last = [self.current] if self.current is not None else []
        self.current = None
        return last


def parse_log(data: bytes) -> list[LoggedCommit]:
    """Every commit in a whole ``git log --raw -z`` output, in its order."""
    parser = LogParser()
    return [*parser.feed(data.split(b"\0")), *parser.close()]


def _header(text: str) -> LoggedCommit:
    parts = text.split(_FIELD, 5)
    if len(parts) < 6:
        parts += [""] * (6 - len(parts))
    sha, stamp, when, email, name, subject = parts
    try:
        timestamp = int(stamp)
    except ValueError:
        timestamp = 0
    return LoggedCommit(Commit(sha, when, timestamp, name, email, subject))


def stream_log(
    git: Git, root: Path, prefix: str, revs: Sequence[str], versions: Versions
) -> list[LoggedCommit]:
    """Run the log, fetching and reading the versions it names while git still walks.

    Returns the commits oldest first (the log's order reversed: a commit comes after
    its parents unless committer clocks were set back across a merge).
    """
    blobs = BlobReader(git, root)
    killed: list[bool] = []
    with tempfile.TemporaryFile() as errors:
        relative = folder_is_dense(git, root, prefix, revs)
        process = git.popen(root, log_args(prefix, revs, relative=relative), stderr=errors)

        def stop() -> None:
            killed.append(True)
            process.kill()
            blobs.kill()

        watchdog = threading.Timer(git.timeout, stop)
        watchdog.daemon = True
        watchdog.start()
        logged: list[LoggedCommit] = []
        try:
            assert process.stdout is not None
            fd = process.stdout.fileno()
            parser = LogParser(prefix if relative else "")
            tail = b""
            while True:
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    break
                tokens = (tail + chunk).split(b"\0")
                tail = tokens.pop()
                for item in parser.feed(tokens):
                    logged.append(item)
                    versions.want(item, blobs)
                blobs.flush()
                versions.work(blobs)
            for item in [*parser.feed([tail] if tail else []), *parser.close()]:
                logged.append(item)
                versions.want(item, blobs)
            returncode = process.wait()
            blobs.close()
            versions.work(blobs, final=True)
        finally:
            watchdog.cancel()
            if process.poll() is None:
                process.kill()
                process.wait()
            blobs.kill()
        if killed:
            raise GitError("no git history: git log took too long")
        if returncode != 0:
            errors.seek(0)
            stderr = errors.read(4096).decode("utf-8", "replace")
            raise GitError(refusal_note(stderr), stderr, returncode)
    logged.reverse()
    if relative:  # every commit of the repository was listed: keep the folder's
        return [item for item in logged if item.entries]
    return logged


# --------------------------------------------------------------------------- blobs


class BlobReader:
    """One ``git cat-file --batch`` fed while the log runs; a thread reads its answers."""

    def __init__(self, git: Git, root: Path) -> None:
        self.git = git
        self.root = root
        self.blobs: dict[str, bytes] = {}
        self.requested: set[str] = set()
        self.process: subprocess.Popen[bytes] | None = None
        self.thread: threading.Thread | None = None
        self._unflushed = False

    def request(self, sha: str) -> None:
        if not sha or sha in self.requested or _NULL_SHA.match(sha):
            return
        self.requested.add(sha)
        if self.process is None:
            self.process = self.git.popen(self.root, ["cat-file", "--batch"], stdin=subprocess.PIPE)
            self.thread = threading.Thread(target=self._read, daemon=True, name="cat-file")
            self.thread.start()
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(sha.encode("ascii") + b"\n")
        except OSError:
            return
        self._unflushed = True

    def flush(self) -> None:
        if self.process is not None and self._unflushed and self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.flush()
            self._unflushed = False

    def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        out = self.process.stdout
        blobs = self.blobs
        while True:
            header = out.readline()
            if not header:
                return
            parts = header.split()
            if len(parts) != 3:
                continue  # "<sha> missing"
            size = int(parts[2])
            data = out.read(size)
            out.read(1)
            if parts[1] == b"blob":
                blobs[parts[0].decode("ascii")] = data

    def close(self) -> None:
        """Wait for every answer."""
        if self.process is None:
            return
        self.flush()
        if self.process.stdin is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        if self.thread is not None:
            self.thread.join()
        self.process.wait()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def read_blobs(git: Git, root: Path, shas: Iterable[str]) -> dict[str, bytes]:
    """The contents of ``shas`` (missing ones left out)."""
    reader = BlobReader(git, root)
    try:
        for sha in shas:
            reader.request(sha)
        reader.close()
    finally:
        reader.kill()
    return reader.blobs


# --------------------------------------------------------------------------- versions


def parsed_kind(path: str) -> bool:
    return path.lower().endswith(PARSED_SUFFIXES)


class Versions:
    """The status of each version (blob) the log names, read only where it can move.

    While the log streams, :meth:`want` asks for the blobs each entry needs and
    :meth:`work` handles the entries whose blobs arrived: a file's first version is
    parsed; a modified version is parsed when the changed lines could move the
    status (:func:`_touches_status`), and otherwise recorded as inheriting its
    parent's status
    (``inherits``: new blob → old blob, the changed lines, the path). Resolving an
    inherited status (:meth:`status_of`) checks the changed lines for the parent's
    status text too (a status word adrtui does not know), parsing when it is there.
    """

    def __init__(self, folder: Path, prefix: str, statuses: dict[str, list[str | None]]) -> None:
        self.folder = folder
        self.prefix = prefix
        self.statuses = statuses
        self.inherits: dict[str, tuple[str, frozenset[bytes], str]] = {}
        self.pending: list[Entry] = []
        self.blobs: dict[str, bytes] = {}
        self.parsed = 0

    def want(self, item: LoggedCommit, reader: BlobReader) -> None:
        for entry in item.entries:
            if entry.letter == "D" or entry.new_mode not in _REGULAR:
                continue
            if not parsed_kind(entry.path):
                continue
            new = entry.new_blob
            if new in self.statuses or new in self.inherits:
                continue
            reader.request(new)
            if entry.letter not in "AC" and entry.old_mode in _REGULAR and entry.old_blob != new:
                reader.request(entry.old_blob)
            self.pending.append(entry)

    def work(self, reader: BlobReader, *, final: bool = False) -> None:
        """Handle the pending entries whose blobs are here (all of them when ``final``)."""
        self.blobs = reader.blobs
        waiting = []
        for entry in self.pending:
            if not self._handle(entry, final):
                waiting.append(entry)
        self.pending = waiting

    def _handle(self, entry: Entry, final: bool) -> bool:
        new = entry.new_blob
        if new in self.statuses or new in self.inherits:
            return True
        data = self.blobs.get(new)
        if data is None and not final:
            return False
        copied = entry.letter in "AC" or entry.old_mode not in _REGULAR
        if copied or entry.old_blob == new:
            if data is not None and not copied:
                return True  # same content as before: resolved by status_of
            self._parse(new, entry.path)
            return True
        old = self.blobs.get(entry.old_blob)
        if old is None and not final:
            return False
        if data is None or old is None:
            self._parse(new, entry.path)
            return True
        difference = Difference(old.splitlines(), data.splitlines())
        changed = difference.lines
        if _touches_status(difference):
            self._parse(new, entry.path)
        else:
            self.inherits[new] = (entry.old_blob, frozenset(changed), entry.path)
        return True

    def _parse(self, blob: str, path: str) -> list[str | None]:
        data = self.blobs.get(blob)
        if data is None:
            return [None, None]
        self.parsed += 1
        rel = path[len(self.prefix) :] if path.startswith(self.prefix) else path
        adr = parse_bytes(data[:MAX_BYTES], self.folder / rel, self.folder)
        result = [adr.status, adr.status_raw]
        self.statuses[blob] = result
        return result

    def status_of(self, blob: str, mode: str, path: str) -> list[str | None]:
        """The ``[status, raw status]`` of one version (``[None, None]`` when not text)."""
        if mode not in _REGULAR or not parsed_kind(path):
            return [None, None]
        known = self.statuses.get(blob)
        if known is not None:
            return known
        chain = []
        seen = set()
        current = blob
        while current not in self.statuses and current in self.inherits and current not in seen:
            seen.add(current)
            chain.append(current)
            current = self.inherits[current][0]
        base = self.statuses.get(current) or self._parse(current, path)
        for version in reversed(chain):
            _, changed, version_path = self.inherits[version]
            raw = (base[1] or "").strip().lower().encode("utf-8", "replace")
            if raw and any(raw in line.lower() for line in changed):
                base = self._parse(version, version_path)
            else:
                self.statuses[version] = base
        return base


class Difference:
    """Where two versions of a file differ, by lines.

    Every line between their common first and last lines counts as changed, in
    either version: a line repeated from elsewhere (a sentence put in the Status
    section that the file already had) or moved (the status line moved out of
    its section) is in that region even though both versions have it.
    ``old_at``/``new_at`` are the region's indexes in each version.
    """

    __slots__ = ("old", "new", "lines", "old_at", "new_at")

    def __init__(self, old: list[bytes], new: list[bytes]) -> None:
        self.old, self.new = old, new
        shortest = min(len(old), len(new))
        head = 0
        while head < shortest and old[head] == new[head]:
            head += 1
        tail = 0
        while tail < shortest - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        self.old_at = range(head, len(old) - tail)
        self.new_at = range(head, len(new) - tail)
        self.lines = set(old[head : len(old) - tail]).union(new[head : len(new) - tail])


def changed_lines(old: bytes, new: bytes) -> set[bytes]:
    """The lines one version of a file has more often than the other."""
    return Difference(old.splitlines(), new.splitlines()).lines


def _names_status(line: bytes) -> bool:
    """Does the line name a status word or a status label (any language adrtui knows)?"""
    low = line.lower()
    if not _ASCII_WORDS.isdisjoint(_TOKEN.findall(low)):
        return True
    if not low.isascii():
        text = line.decode("utf-8", "replace").lower()
        return any(word in text for word in _OTHER_WORDS)
    return False


#: Lines either side of a changed line looked at for a status word or label: a
#: sentence put between ``## Status`` and ``Accepted`` moves the status too.
WINDOW = 3
_FENCES = (b"---", b"+++")
MATTER_START = 5
_BOM = "\ufeff".encode()


def _touches_status(difference: Difference) -> bool:
    """Could these changed lines move the status a version reads as?

    Yes when one of them names a status word or label, is a heading or a fence,
    sits within :data:`WINDOW` lines of a line naming one (in the version it
    belongs to), or is inside front matter (a broken block loses its ``status:``).
    """
    changed = difference.lines
    if not changed:
        return False
    if any(_names_status(line) for line in changed):
        return True
    if any(line.lstrip().startswith(b"#") or _fence(line) for line in changed):
        return True  # a heading or a fence: the sections the status is read from moved
    for lines, positions in (
        (difference.old, difference.old_at),
        (difference.new, difference.new_at),
    ):
        start, end = _front_matter(lines)
        for index in positions:
            if start <= index <= end:
                return True
            near = lines[max(0, index - WINDOW) : index + WINDOW + 1]
            if any(_names_status(other) for other in near):
                return True
    return False


def _fence(line: bytes) -> bool:
    return line.strip().removeprefix(_BOM).strip() in _FENCES


def _front_matter(lines: list[bytes]) -> tuple[int, int]:
    """First and last line index of a fenced block near the top (``(-1, -2)``: none).

    A block opened in the first :data:`MATTER_START` lines counts (some files have
    a line before their front matter); an unclosed one runs to the end.
    """
    for first in range(min(len(lines), MATTER_START)):
        if _fence(lines[first]):
            for index in range(first + 1, len(lines)):
                if _fence(lines[index]):
                    return first, index
            return first, len(lines)
    return -1, -2


def may_touch_status(old: bytes, new: bytes, old_raw: str | None = None) -> bool:
    """Could the lines that differ between two versions change the status read?"""
    difference = Difference(old.splitlines(), new.splitlines())
    if _touches_status(difference):
        return True
    raw = old_raw.strip().lower().encode("utf-8", "replace") if old_raw else b""
    return bool(raw) and any(raw in line.lower() for line in difference.lines)


# --------------------------------------------------------------------------- replay

#: One file's changes, oldest first (appended to as commits are replayed).
Rows = list[Change]


class Replay:
    """Files' changes, replayed commit by commit, oldest first, following renames.

    ``files`` maps a repository-relative path to its changes, oldest first;
    ``moved`` remembers where a renamed path went, so that a change made to the
    old name on another branch lands on the file it became.
    """

    def __init__(
        self,
        prefix: str,
        versions: Versions,
        files: dict[str, Rows] | None = None,
        moved: dict[str, str] | None = None,
    ) -> None:
        self.prefix = prefix
        self.versions = versions
        self.files: dict[str, Rows] = files if files is not None else {}
        self.moved: dict[str, str] = moved if moved is not None else {}

    def apply(self, logged: Sequence[LoggedCommit]) -> None:
        for item in logged:
            for entry in item.entries:
                self._apply(item.commit, entry)

    def _rel(self, path: str) -> str:
        return path[len(self.prefix) :] if path.startswith(self.prefix) else path

    def _apply(self, commit: Commit, entry: Entry) -> None:
        path = entry.path
        status_of = self.versions.status_of
        if entry.letter == "D":
            self.files.pop(self._follow(path), None)
            return
        after = status_of(entry.new_blob, entry.new_mode, path)[0]
        if entry.letter in "AC":
            self.files[path] = [Change(commit, self._rel(path), ADDED, None, None, after)]
            self.moved.pop(path, None)
            return
        old_path = entry.old_path if entry.letter == "R" else None
        key = self._follow(old_path or path)
        rows = (self.files.pop(key, None) if old_path else self.files.get(key)) or []
        if old_path:
            self.files[path] = rows
            self.moved[old_path] = path
            self.moved.pop(path, None)
        else:
            self.files[key] = rows
        if not rows:  # first seen modified (its start is outside what was read)
            rows.append(Change(commit, self._rel(path), ADDED, None, None, after))
            return
        before = status_of(entry.old_blob, entry.old_mode, old_path or path)[0]
        kind = RENAMED if old_path else MODIFIED
        rel_old = self._rel(old_path) if old_path else None
        rows.append(Change(commit, self._rel(path), kind, rel_old, before, after))

    def _follow(self, path: str) -> str:
        seen = 0
        while path not in self.files and path in self.moved and seen < 64:
            path = self.moved[path]
            seen += 1
        return path


def present_paths(git: Git, root: Path, head: str, prefix: str) -> set[str]:
    """Repository-relative paths of the files under the folder at ``head``."""
    if not head:
        return set()
    done = git.run(root, ["ls-tree", "-r", "-z", "--name-only", f"{head}:{prefix}"], check=False)
    if done.returncode != 0:
        return set()  # the folder is not in that commit
    return {prefix + os.fsdecode(name) for name in done.stdout.split(b"\0") if name}
