"""``adrtui list`` and ``adrtui show``: the collection as a table, JSON, or one record."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from adrtui.cli.common import (
    EXIT_AMBIGUOUS,
    fail,
    find_adrs,
    open_collection,
    print_json,
    print_table,
)
from adrtui.cli.history import SINCE_HELP, add_no_git, filled, load_history, since_of, with_git
from adrtui.domain.collection import RecordFilter
from adrtui.domain.model import CANONICAL_STATUSES, Adr, IgnoredFile
from adrtui.domain.parsing import explain, format_explanation
from adrtui.domain.text import clean, clean_line

if TYPE_CHECKING:  # the gitlog package is imported when list or show runs
    from adrtui.domain.gitlog import FileHistory, RepoHistory

__all__ = ["EXIT_AMBIGUOUS", "register"]


def register(sub: argparse._SubParsersAction) -> None:
    listing = sub.add_parser(
        "list",
        help="list the ADRs of a folder",
        description="List the ADRs of DIR (an ADR folder or a repository root; default: here).",
    )
    listing.add_argument("directory", nargs="?", default=None, metavar="DIR")
    listing.add_argument(
        "--status",
        metavar="S",
        action="append",
        help=(
            f"only ADRs with this status ({', '.join(CANONICAL_STATUSES)} or another word;"
            " none: those without one); repeat it for any of several"
        ),
    )
    listing.add_argument(
        "--since",
        metavar="DATE|REV",
        help=f"only ADRs created or changed since then: {SINCE_HELP}",
    )
    listing.add_argument(
        "--json", action="store_true", help="print JSON records (with a git section)"
    )
    add_no_git(listing)
    listing.set_defaults(func=run_list)

    show = sub.add_parser(
        "show",
        help="show one ADR",
        description="Show the ADR named by REF: a number (12, ADR-12), a file name or a path.",
        epilog=f"Exit status: 0 when REF names one ADR, 1 when it names none, "
        f"{EXIT_AMBIGUOUS} when it names several (two ADRs share the number): all of them "
        "are printed (a JSON list) and stderr names their files.",
    )
    show.add_argument("ref", metavar="REF")
    show.add_argument("--dir", dest="directory", default=None, metavar="DIR")
    show.add_argument("--json", action="store_true", help="print the JSON record with its body")
    show.add_argument(
        "--explain",
        action="store_true",
        help="say where each field's value came from and which candidates lost",
    )
    add_no_git(show)
    show.set_defaults(func=run_show)


def run_list(args: argparse.Namespace) -> int:
    if args.since is not None and args.no_git:
        fail("adrtui: --since reads the git history: drop --no-git")
    collection = open_collection(args.directory)
    statuses = tuple(dict.fromkeys(s.strip() for s in args.status or () if s.strip()))
    adrs = RecordFilter(status=statuses or None).select(collection.adrs)
    history = None
    # The table shows only the date of what git knows: when every file writes its
    # own, the history is not read at all (--json and --since always read it).
    wanted = args.json or args.since is not None or any(not adr.date for adr in adrs)
    if wanted and not args.no_git:
        needed = "--since" if args.since is not None else None
        history = load_history(collection, needed_for=needed)
    if history is not None:
        adrs = filled(adrs, history, undated_only=not args.json)
        if args.since is not None:
            since = since_of(args.since, history)
            adrs = [adr for adr in adrs if since.touches(history.of(adr.rel_path))]
    if args.json:
        print_json(with_git(adrs, history))
        _report_ignored(collection.ignored)
        return 0
    changed = args.since is not None and history is not None
    rows = [
        [
            adr.display_number,
            adr.status or "—",
            _date_cell(adr),
            *([_changed_cell(history.of(adr.rel_path))] if changed and history else []),
            adr.title + ("  (!)" if adr.warnings else ""),
            adr.rel_path,
        ]
        for adr in adrs
    ]
    headers = ["NUMBER", "STATUS", "DATE", *(["CHANGED"] if changed else []), "TITLE", "FILE"]
    print_table(headers, rows)
    _report_ignored(collection.ignored)
    return 0


def _date_cell(adr: Adr) -> str:
    """The date, marked when git filled it in (the file has none)."""
    if not adr.date:
        return "—"
    return f"{adr.date} (git)" if "date" in adr.git_filled else adr.date


def _changed_cell(history: FileHistory | None) -> str:
    return history.changed if history is not None else "—"


def _report_ignored(ignored: Sequence[IgnoredFile]) -> None:
    """The files not listed and why, on stderr (stdout stays a table or valid JSON)."""
    if ignored:
        notes = ", ".join(f"{item.rel_path} ({item.reason})" for item in ignored)
        print(clean(f"ignored: {notes}"), file=sys.stderr)


def run_show(args: argparse.Namespace) -> int:
    collection = open_collection(args.directory)
    matches, status = find_adrs(collection, args.ref)
    history = None if args.no_git else load_history(collection)
    if history is not None:
        matches = filled(matches, history)
    if args.json:
        records = [
            dict(record, body=adr.body)
            for record, adr in zip(with_git(matches, history), matches, strict=True)
        ]
        if args.explain:
            for record, adr in zip(records, matches, strict=True):
                record["provenance"] = [row.to_json() for row in explain(adr)]
        print_json(records[0] if len(records) == 1 else records)
        return status
    for index, adr in enumerate(matches):
        if index:
            print("\n" + "─" * 60 + "\n")
        if args.explain:
            print(clean_line(adr.rel_path))
            print("\n".join(format_explanation(adr)))
        else:
            _print_adr(adr, history)
    return status


def _people(adr: Adr) -> list[tuple[str, str]]:
    """Who wrote, decided, was consulted, was informed: those named (``Deciders: —`` if nobody)."""
    named = [
        (label, _from_git(adr, label.lower(), ", ".join(names)))
        for label, names in (
            ("Authors", adr.authors),
            ("Deciders", adr.deciders),
            ("Consulted", adr.consulted),
            ("Informed", adr.informed),
        )
        if names
    ]
    return named or [("Deciders", "—")]


def _from_git(adr: Adr, name: str, value: str) -> str:
    return f"{value} (from git)" if name in adr.git_filled else value


def _git_fields(history: FileHistory | None) -> list[tuple[str, str]]:
    """Created, changed, how many commits and the statuses it went through."""
    if history is None:
        return []
    first, last = history.first, history.last
    fields = [("Created", f"{first.day} by {first.author} (git)")]
    if history.count > 1:
        fields.append(("Changed", f"{last.day} by {last.author} (git)"))
    fields.append(("Commits", str(history.count)))
    if len(history.statuses) > 1:
        fields.append(("Statuses", " → ".join(history.statuses)))
    return fields


def _print_adr(adr: Adr, history: RepoHistory | None = None) -> None:
    fields = [
        ("Number", adr.display_number),
        ("Title", adr.title),
        ("Status", adr.status_raw or adr.status or "—"),
        ("Date", _from_git(adr, "date", adr.date or "—")),
        *_git_fields(history.of(adr.rel_path) if history is not None else None),
        *_people(adr),
        ("Tags", ", ".join(adr.tags) or "—"),
        ("File", adr.rel_path),
    ]
    for link in adr.links:
        if link.derived:
            continue
        where = link.path or ("external" if link.external else "not in this collection")
        fields.append((link.kind.replace("-", " ").capitalize(), f"{link.target} ({where})"))
    for warning in adr.warnings:
        fields.append(("Warning", warning))
    width = max(len(name) for name, _ in fields)
    for name, value in fields:
        print(clean(f"{name + ':':<{width + 1}} {' '.join(str(value).split())}"))
    print()
    print(clean(adr.body.strip()))
