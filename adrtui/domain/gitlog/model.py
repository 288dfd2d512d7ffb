"""What git knows about ADRs: commits, each commit's change to one ADR, a file's history.

Plain frozen records (no git, no I/O here) so that the UI, the CLI and tests can
build and compare them freely. :class:`Commit` and :class:`Change` are named
tuples: a warm start builds ~20,000 of each from the cache, and a tuple is made
in one C call where a frozen dataclass sets every field through
``object.__setattr__`` (about half of a warm read's time on 2,000 ADRs / 20,000
commits). Compare them to each other only, never to plain tuples.
A :class:`RepoHistory` is what one ``git log`` pass over the ADR folder gives
(see :func:`adrtui.domain.gitlog.read_history`).

Times are the *author* dates (when the change was written, as ``git log`` shows
them by default), kept with the author's own UTC offset; ``timestamp`` orders them.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

#: ``Change.kind`` values.
ADDED = "added"
MODIFIED = "modified"
RENAMED = "renamed"
CHANGE_KINDS: tuple[str, ...] = (ADDED, MODIFIED, RENAMED)


class Commit(NamedTuple):
    """One commit: full ``sha``, author date (ISO 8601 with offset), author, subject."""

    sha: str
    when: str
    timestamp: int
    author: str
    email: str = ""
    subject: str = ""

    @property
    def day(self) -> str:
        """``YYYY-MM-DD`` in the author's own time zone."""
        return self.when[:10]

    @property
    def short(self) -> str:
        return self.sha[:7]

    def to_json(self) -> dict[str, Any]:
        return {
            "sha": self.sha,
            "date": self.when,
            "author": self.author,
            "email": self.email,
            "subject": self.subject,
        }


class Change(NamedTuple):
    """What one commit did to one ADR file.

    ``path`` is the file's ADR-folder-relative POSIX path after the commit
    (``old_path`` before it, for a rename). ``status_before``/``status_after`` are
    the canonical statuses (as :attr:`Adr.status`) the file's two versions read as;
    ``status_before`` is ``None`` for the commit that added the file.
    """

    commit: Commit
    path: str
    kind: str = MODIFIED
    old_path: str | None = None
    status_before: str | None = None
    status_after: str | None = None

    @property
    def transition(self) -> bool:
        """True when this commit changed the status (or set the first one)."""
        if self.kind == ADDED:
            return self.status_after is not None
        return self.status_before != self.status_after

    def to_json(self) -> dict[str, Any]:
        return {
            **self.commit.to_json(),
            "path": self.path,
            "kind": self.kind,
            "old_path": self.old_path,
            "status_before": self.status_before,
            "status_after": self.status_after,
        }


@dataclass(frozen=True, slots=True)
class FileHistory:
    """Every commit that touched one ADR, oldest first, following renames."""

    rel_path: str
    changes: tuple[Change, ...]

    @property
    def first(self) -> Commit:
        return self.changes[0].commit

    @property
    def last(self) -> Commit:
        return self.changes[-1].commit

    @property
    def created(self) -> str:
        """The day of the first commit (``YYYY-MM-DD``)."""
        return self.first.day

    @property
    def changed(self) -> str:
        """The day of the last commit (``YYYY-MM-DD``)."""
        return self.last.day

    @property
    def count(self) -> int:
        return len(self.changes)

    @property
    def authors(self) -> tuple[str, ...]:
        """Everyone who committed to it, first committer first, each once."""
        return tuple(dict.fromkeys(change.commit.author for change in self.changes))

    @property
    def transitions(self) -> tuple[Change, ...]:
        """The commits that set or changed the status, oldest first."""
        return tuple(change for change in self.changes if change.transition)

    @property
    def statuses(self) -> tuple[str, ...]:
        """The statuses it went through (``proposed``, ``accepted``, ``superseded``)."""
        seen: list[str] = []
        for change in self.transitions:
            if change.status_after is not None and (not seen or seen[-1] != change.status_after):
                seen.append(change.status_after)
        return tuple(seen)

    def to_json(self) -> dict[str, Any]:
        """The ``git`` section of a record in ``--json``."""
        return {
            "created": self.first.to_json(),
            "changed": self.last.to_json(),
            "commits": self.count,
            "authors": list(self.authors),
            "transitions": [
                {
                    "sha": change.commit.sha,
                    "date": change.commit.when,
                    "author": change.commit.author,
                    "from": change.status_before,
                    "to": change.status_after,
                }
                for change in self.transitions
            ],
        }


@dataclass(frozen=True)
class RepoHistory:
    """The history of every ADR of one folder, as of commit ``head``.

    ``root`` is the repository's top level, ``folder`` the ADR folder;
    ``files`` maps each ADR's folder-relative path (as :attr:`Adr.rel_path`)
    to its history. ADRs git does not track (new, ignored) have none.
    """

    root: Path
    folder: Path
    head: str
    files: Mapping[str, FileHistory] = field(default_factory=lambda: MappingProxyType({}))

    def of(self, rel_path: str) -> FileHistory | None:
        return self.files.get(rel_path)

    def __iter__(self) -> Iterator[FileHistory]:
        return iter(self.files.values())

    def changes(self) -> list[Change]:
        """Every change to every ADR, newest first (the timeline's order)."""
        every = [change for history in self.files.values() for change in history.changes]
        every.sort(key=lambda change: change.commit.timestamp, reverse=True)
        return every


@dataclass(frozen=True)
class HistoryOutcome:
    """What reading the history gave: the history, or ``None`` and one quiet ``note``
    saying why it is absent (no git, not a repository, a shallow clone, git refused).

    ``cached`` is True when it came from the cache without a ``git log`` pass;
    ``new_commits`` counts the commits read by this pass (all of them when cold).
    """

    history: RepoHistory | None
    note: str | None = None
    cached: bool = False
    new_commits: int = 0
