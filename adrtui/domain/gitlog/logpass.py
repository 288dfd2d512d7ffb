"""The one ``git log`` pass over an ADR folder, and the status of every version it shows.

``git log --raw -z -M --topo-order --reverse -- <folder>`` lists, oldest first,
every commit that touched the folder with each file's old and new blob; the
replay (:class:`Replay`) follows renames and keeps each file's changes. A
version's status is what :func:`adrtui.domain.parsing.parse_bytes` reads in it
(the one reading of a status, never a second one), and only where it can have
moved: the version that added a file is parsed; a modified version is parsed
only when a line that changed (the set difference of the two versions' lines)
names a status word, a status label or the older version's status text. Other
versions keep their parent's status. Statuses are kept by blob sha (content
addressed: valid forever), so a blob is read at most once, ever.

Merges: like plain ``git log``, a merge commit shows no diff of its own, so a
change made on a merged branch is counted at the branch's commit (its author and
date), and git's default history simplification skips branches that changed
nothing the merge kept. Blobs come from one ``git cat-file --batch`` process.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from adrtui.domain.gitlog.model import ADDED, MODIFIED, RENAMED, Commit
from adrtui.domain.gitlog.runner import Git, GitError
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


def _status_pattern() -> re.Pattern[str]:
    words = {word.lower() for word in STATUS_WORDS} | {w.lower() for w in STATUS_LABELS}
    words |= {"status"}
    ascii_words = sorted((w for w in words if w.isascii()), key=len, reverse=True)
    other = sorted((w for w in words if not w.isascii()), key=len, reverse=True)
    parts = []
    if ascii_words:
        parts.append(r"\b(?:" + "|".join(map(re.escape, ascii_words)) + r")\b")
    if other:
        parts.append("(?:" + "|".join(map(re.escape, other)) + ")")
    return re.compile("|".join(parts), re.IGNORECASE)


_STATUS_WORDS_RE = _status_pattern()


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
            _note(done.stderr.decode("utf-8", "replace")),
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


def _note(stderr: str) -> str:
    from adrtui.domain.gitlog.runner import refusal_note

    return refusal_note(stderr)


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


def run_log(git: Git, root: Path, prefix: str, revs: Sequence[str]) -> list[LoggedCommit]:
    """Every commit in ``revs`` touching the folder, oldest first, with its raw entries."""
    args = [
        "log",
        "--raw",
        "--no-abbrev",
        "-z",
        "-M",
        "--no-ext-diff",
        "--no-textconv",
        "--no-color",
        "--topo-order",
        "--reverse",
        f"--format={LOG_FORMAT}",
        *revs,
        "--",
        pathspec(prefix),
    ]
    done = git.run(root, args)
    return list(parse_log(done.stdout))


def parse_log(data: bytes) -> Iterator[LoggedCommit]:
    """Read ``git log --raw -z`` output (see :data:`LOG_FORMAT`)."""
    tokens = data.split(b"\0")
    current: LoggedCommit | None = None
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b":") and current is not None:
            meta = token[1:].split(b" ")
            if len(meta) < 5:
                continue
            old_mode, new_mode, old_blob, new_blob, letter = (
                meta[0].decode("ascii", "replace"),
                meta[1].decode("ascii", "replace"),
                meta[2].decode("ascii", "replace"),
                meta[3].decode("ascii", "replace"),
                meta[4][:1].decode("ascii", "replace"),
            )
            if letter in "RC":
                old_path, path = os.fsdecode(tokens[i]), os.fsdecode(tokens[i + 1])
                i += 2
            else:
                old_path, path = None, os.fsdecode(tokens[i])
                i += 1
            current.entries.append(
                Entry(letter, old_mode, new_mode, old_blob, new_blob, path, old_path)
            )
        elif token.startswith(_RECORD.encode()):
            if current is not None:
                yield current
            current = _header(token[1:].decode("utf-8", "replace"))
    if current is not None:
        yield current


def _header(text: str) -> LoggedCommit | None:
    parts = text.split(_FIELD, 5)
    if len(parts) < 6:
        parts += [""] * (6 - len(parts))
    sha, stamp, when, email, name, subject = parts
    try:
        timestamp = int(stamp)
    except ValueError:
        timestamp = 0
    return LoggedCommit(Commit(sha, when, timestamp, name, email, subject))


# --------------------------------------------------------------------------- blobs


def read_blobs(git: Git, root: Path, shas: Iterable[str]) -> dict[str, bytes]:
    """The contents of ``shas`` from one ``git cat-file --batch`` (missing ones left out)."""
    wanted = list(dict.fromkeys(sha for sha in shas if sha and not _NULL_SHA.match(sha)))
    if not wanted:
        return {}
    request = ("\n".join(wanted) + "\n").encode("ascii")
    done = git.run(root, ["cat-file", "--batch", "--buffer"], input=request)
    out = done.stdout
    blobs: dict[str, bytes] = {}
    pos = 0
    size_of_out = len(out)
    while pos < size_of_out:
        end = out.find(b"\n", pos)
        if end < 0:
            break
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) != 3:  # "<sha> missing"
            continue
        size = int(header[2])
        blobs[header[0].decode("ascii")] = out[pos : pos + size]
        pos += size + 1
    return blobs


# --------------------------------------------------------------------------- replay

#: One change as kept (and cached): sha, kind, path, old path, status before, after.
Row = list[Any]


def parsed_kind(path: str) -> bool:
    return path.lower().endswith(PARSED_SUFFIXES)


class Replay:
    """Files' changes, replayed commit by commit, oldest first, following renames.

    ``files`` maps a repository-relative path to its rows (see :data:`Row`);
    ``moved`` remembers where a renamed path went, so that a change made to the
    old name on another branch lands on the file it became.
    ``statuses`` maps a blob sha to its ``[status, raw status]``.
    """

    def __init__(
        self,
        folder: Path,
        prefix: str,
        files: dict[str, list[Row]] | None = None,
        moved: dict[str, str] | None = None,
        statuses: dict[str, list[str | None]] | None = None,
    ) -> None:
        self.folder = folder
        self.prefix = prefix
        self.files: dict[str, list[Row]] = files if files is not None else {}
        self.moved: dict[str, str] = moved if moved is not None else {}
        self.statuses: dict[str, list[str | None]] = statuses if statuses is not None else {}
        self.parsed = 0

    def wanted_blobs(self, logged: Sequence[LoggedCommit]) -> set[str]:
        """The blobs this replay will need: both sides of text files not known yet."""
        wanted: set[str] = set()
        for item in logged:
            for entry in item.entries:
                if entry.letter == "D" or not parsed_kind(entry.path):
                    continue
                if entry.new_blob not in self.statuses:
                    wanted.add(entry.new_blob)
                    if entry.letter != "A":
                        wanted.add(entry.old_blob)
        return wanted

    def apply(self, logged: Sequence[LoggedCommit], blobs: dict[str, bytes]) -> None:
        for item in logged:
            for entry in item.entries:
                self._apply(item.commit.sha, entry, blobs)

    def _rel(self, path: str) -> str:
        return path[len(self.prefix) :] if path.startswith(self.prefix) else path

    def _apply(self, sha: str, entry: Entry, blobs: dict[str, bytes]) -> None:
        path = entry.path
        if entry.letter == "D":
            self.files.pop(self._follow(path), None)
            return
        if entry.letter in "AC":
            after = self._status(entry.new_blob, entry.new_mode, path, blobs, None, None)
            self.files[path] = [[sha, ADDED, self._rel(path), None, None, after[0]]]
            self.moved.pop(path, None)
            return
        old_path = entry.old_path if entry.letter == "R" else None
        key = self._follow(old_path or path)
        rows = self.files.pop(key, None) if old_path else self.files.get(key)
        if rows is None:
            rows = []
        before = self._known(entry.old_blob, entry.old_mode, old_path or path, blobs)
        after = self._status(entry.new_blob, entry.new_mode, path, blobs, entry.old_blob, before)
        if old_path:
            self.files[path] = rows
            self.moved[old_path] = path
            self.moved.pop(path, None)
            kind = RENAMED
        else:
            self.files[key] = rows
            kind = MODIFIED
        first = not rows
        if first:
            # The file arrived unseen (outside the folder, or history we did not read).
            rows.append([sha, ADDED, self._rel(path), None, None, after[0]])
            return
        rows.append(
            [
                sha,
                kind,
                self._rel(path),
                self._rel(old_path) if old_path else None,
                before[0],
                after[0],
            ]
        )

    def _follow(self, path: str) -> str:
        seen = 0
        while path not in self.files and path in self.moved and seen < 64:
            path = self.moved[path]
            seen += 1
        return path

    def _known(self, blob: str, mode: str, path: str, blobs: dict[str, bytes]) -> list[str | None]:
        known = self.statuses.get(blob)
        if known is not None:
            return known
        return self._parse(blob, mode, path, blobs)

    def _parse(self, blob: str, mode: str, path: str, blobs: dict[str, bytes]) -> list[str | None]:
        data = blobs.get(blob)
        if data is None or mode not in _REGULAR or not parsed_kind(path):
            return [None, None]
        self.parsed += 1
        adr = parse_bytes(data[:MAX_BYTES], self.folder / self._rel(path), self.folder)
        result = [adr.status, adr.status_raw]
        self.statuses[blob] = result
        return result

    def _status(
        self,
        blob: str,
        mode: str,
        path: str,
        blobs: dict[str, bytes],
        old_blob: str | None,
        before: list[str | None] | None,
    ) -> list[str | None]:
        known = self.statuses.get(blob)
        if known is not None:
            return known
        if old_blob is None or before is None or mode not in _REGULAR:
            return self._parse(blob, mode, path, blobs)
        old, new = blobs.get(old_blob), blobs.get(blob)
        if old is None or new is None or may_touch_status(old, new, before[1]):
            return self._parse(blob, mode, path, blobs)
        self.statuses[blob] = before
        return before

    # ----------------------------------------------------------------- results

    def histories(self, present: set[str] | None) -> dict[str, list[Row]]:
        """The rows of the files under the folder (those in ``present``, when given)."""
        out = {}
        for path, rows in self.files.items():
            if not rows or not path.startswith(self.prefix):
                continue
            if present is not None and path not in present:
                continue
            out[self._rel(path)] = rows
        return out


def may_touch_status(old: bytes, new: bytes, old_raw: str | None) -> bool:
    """Could the lines that differ between two versions change the status read?"""
    old_lines = set(old.splitlines())
    new_lines = set(new.splitlines())
    raw = old_raw.strip().lower().encode("utf-8", "replace") if old_raw else b""
    for line in old_lines.symmetric_difference(new_lines):
        if raw and raw in line.lower():
            return True
        if _STATUS_WORDS_RE.search(line.decode("utf-8", "replace")):
            return True
    return False


def present_paths(git: Git, root: Path, head: str, prefix: str) -> set[str]:
    """Repository-relative paths of the files under the folder at ``head``."""
    if not head:
        return set()
    done = git.run(root, ["ls-tree", "-r", "-z", "--name-only", f"{head}:{prefix}"], check=False)
    if done.returncode != 0:
        return set()  # the folder is not in that commit
    return {prefix + os.fsdecode(name) for name in done.stdout.split(b"\0") if name}
