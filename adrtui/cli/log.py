"""``adrtui log``: how the decisions moved, read from the repository's history.

For the whole collection it lists the status transitions (an ADR created with
its first status, ``proposed → accepted``, ``accepted → superseded``) newest
first, each with its day, author, commit and ADR; ``--all`` adds every other
commit that touched an ADR. For one ADR (``adrtui log 12``) it lists every
commit, with its subject. Author names and subjects are other people's text:
the table passes them through ``clean_line`` like every file field.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from adrtui.cli.common import EXIT_AMBIGUOUS, find_adrs, open_collection, print_json, print_table
from adrtui.cli.history import SINCE_HELP, load_history, since_of
from adrtui.domain.model import Adr
from adrtui.domain.text import clean

if TYPE_CHECKING:  # the gitlog package is imported when the command runs
    from adrtui.domain.gitlog import Change, RepoHistory, Since


def register(sub: argparse._SubParsersAction) -> None:
    log = sub.add_parser(
        "log",
        help="the decision history from git: status changes, when, by whom",
        description=(
            "Print how the decisions moved, newest first: each status transition "
            "(added as proposed, proposed → accepted, accepted → superseded) with "
            "its day, author, commit and ADR. With REF (a number, a file name or a "
            "path, as for 'show'), every commit to that ADR, with its subject."
        ),
        epilog=(
            "Exit status: 0; 1 when REF names no ADR; 2 when there is no git history "
            "(not a repository, a shallow clone, git missing or turned off with "
            f"ADRTUI_GIT=0; stderr says which) or --since names no date, span or revision; "
            f"{EXIT_AMBIGUOUS} when REF names several ADRs (all of them are shown)."
        ),
    )
    log.add_argument("ref", nargs="?", default=None, metavar="REF")
    log.add_argument("--dir", dest="directory", default=None, metavar="DIR")
    log.add_argument(
        "--since", metavar="DATE|REV", help=f"only what changed since then: {SINCE_HELP}"
    )
    log.add_argument(
        "--all",
        dest="every",
        action="store_true",
        help="every commit that touched an ADR, not only status changes",
    )
    log.add_argument(
        "--json",
        action="store_true",
        help="print a JSON list (sha, date, author, path, number, title, from, to, subject)",
    )
    log.set_defaults(func=run_log)


@dataclass(frozen=True, slots=True)
class Entry:
    """One commit's change to one ADR of the collection."""

    adr: Adr
    change: Change

    def to_json(self) -> dict[str, Any]:
        commit = self.change.commit
        return {
            "sha": commit.sha,
            "date": commit.when,
            "author": commit.author,
            "path": self.adr.rel_path,
            "number": self.adr.number,
            "title": self.adr.title,
            "from": self.change.status_before,
            "to": self.change.status_after,
            "subject": commit.subject,
        }


def entries(
    adrs: Sequence[Adr],
    history: RepoHistory,
    *,
    since: Since | None = None,
    every: bool = False,
) -> list[Entry]:
    """The changes git knows to ``adrs``, newest first (the same commit's changes in
    the order of ``adrs``); only status transitions unless ``every``."""
    found: list[tuple[int, int, int, Entry]] = []
    for rank, adr in enumerate(adrs):
        file_history = history.of(adr.rel_path)
        if file_history is None:
            continue
        for position, change in enumerate(file_history.changes):
            if not (every or change.transition):
                continue
            if since is not None and not since.includes(change):
                continue
            found.append((-change.commit.timestamp, rank, -position, Entry(adr, change)))
    found.sort(key=lambda item: item[:3])
    return [item[3] for item in found]


def change_words(change: Change) -> str:
    """What the commit did, in the browser's words (``added as proposed``,
    ``proposed → accepted``, ``renamed from 0003-x.md``), ``edited`` for a plain edit."""
    from adrtui.domain.gitlog import change_mark

    return change_mark(change) or "edited"


def collection_rows(found: Sequence[Entry]) -> list[list[str]]:
    """DATE, COMMIT, AUTHOR, NUMBER, CHANGE, TITLE for the whole collection."""
    return [
        [
            entry.change.commit.day,
            entry.change.commit.short,
            entry.change.commit.author,
            entry.adr.display_number,
            change_words(entry.change),
            entry.adr.title,
        ]
        for entry in found
    ]


def adr_rows(found: Sequence[Entry], *, several: bool) -> list[list[str]]:
    """DATE, COMMIT, AUTHOR, [NUMBER,] CHANGE, SUBJECT for one ADR (or the few a REF names)."""
    return [
        [
            entry.change.commit.day,
            entry.change.commit.short,
            entry.change.commit.author,
            *([entry.adr.display_number] if several else []),
            change_words(entry.change),
            entry.change.commit.subject,
        ]
        for entry in found
    ]


def run_log(args: argparse.Namespace) -> int:
    collection = open_collection(args.directory)
    status = 0
    adrs: Sequence[Adr] = collection.adrs
    if args.ref is not None:
        adrs, status = find_adrs(collection, args.ref)
    history = load_history(collection, needed_for="log")
    assert history is not None  # load_history exits otherwise
    since = since_of(args.since, history) if args.since is not None else None
    one = args.ref is not None
    found = entries(adrs, history, since=since, every=args.every or one)
    if args.json:
        print_json([entry.to_json() for entry in found])
    elif found:
        if one:
            several = len(adrs) > 1
            headers = ["DATE", "COMMIT", "AUTHOR", *(["NUMBER"] if several else [])]
            print_table([*headers, "CHANGE", "SUBJECT"], adr_rows(found, several=several))
        else:
            headers = ["DATE", "COMMIT", "AUTHOR", "NUMBER", "CHANGE", "TITLE"]
            print_table(headers, collection_rows(found))
    else:
        print(clean(f"adrtui: {_nothing(args, adrs, since)}"), file=sys.stderr)
    return status


def _nothing(args: argparse.Namespace, adrs: Sequence[Adr], since: Since | None) -> str:
    """Why the log is empty, in words (stderr: stdout stays an empty table)."""
    when = f" {since.describe()}" if since is not None else ""
    if args.ref is None:
        what = "no commits to ADRs" if args.every else "no status changes"
        return f"{what}{when}"
    names = ", ".join(adr.rel_path for adr in adrs)
    return f"no commits to {names}{when}" if when else f"git has no commits to {names} yet"
