"""What the repository's history says about each ADR: when, by whom, how its status moved.

One ``git log`` pass over the ADR folder (run with an argument list and a clean
environment, never writing to the repository), cached in adrtui's private cache
keyed by the repository's HEAD and updated incrementally when HEAD moves. Where
git is missing, the folder is not in a repository, the clone is shallow or git
refuses (``safe.directory``), there is simply no history, with one quiet note.

Inside: ``model`` (commits, changes, a file's history), ``runner`` (running git),
``logpass`` (the ``git log`` pass and each version's status), ``store`` (the cache),
``reading`` (read_history, commit_diff, commits_since), ``filling`` (git fills in).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from adrtui.domain.gitlog.filling import fill_from_history
from adrtui.domain.gitlog.model import (
    ADDED,
    MODIFIED,
    RENAMED,
    Change,
    Commit,
    FileHistory,
    HistoryOutcome,
    RepoHistory,
)
from adrtui.domain.gitlog.periods import (
    Entry,
    Period,
    change_mark,
    decisions_only,
    timeline,
    totals_text,
)
from adrtui.domain.gitlog.reading import commit_diff, commits_since, read_history
from adrtui.domain.gitlog.since import Since, parse_since

if TYPE_CHECKING:
    from adrtui.domain.gitlog.filters import (
        GitMatcher,
        GitQuery,
        Unanswered,
        history_note,
        narrow,
        split_query,
    )

#: Loaded on first use: the search filters import the search package (Whoosh,
#: ~0.1-0.15 s) that ``adrtui list``, ``show`` and ``log`` never need.
_FROM_FILTERS = frozenset(
    {"GitMatcher", "GitQuery", "Unanswered", "history_note", "narrow", "split_query"}
)


def __getattr__(name: str) -> object:
    if name in _FROM_FILTERS:
        from adrtui.domain.gitlog import filters

        value = getattr(filters, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "GitMatcher",
    "GitQuery",
    "Unanswered",
    "history_note",
    "narrow",
    "split_query",
    "Entry",
    "Period",
    "change_mark",
    "decisions_only",
    "timeline",
    "totals_text",
    "Since",
    "parse_since",
    "ADDED",
    "MODIFIED",
    "RENAMED",
    "Change",
    "Commit",
    "FileHistory",
    "HistoryOutcome",
    "RepoHistory",
    "commit_diff",
    "commits_since",
    "fill_from_history",
    "read_history",
]
