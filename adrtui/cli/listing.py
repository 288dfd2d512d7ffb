"""``adrtui list`` and ``adrtui show``: the collection as a table, JSON, or one record."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from adrtui.cli.common import fail, open_collection, print_json, print_table
from adrtui.domain.collection import RecordFilter
from adrtui.domain.model import CANONICAL_STATUSES, Adr, IgnoredFile
from adrtui.domain.parsing import explain, format_explanation
from adrtui.domain.text import clean, clean_line

#: ``adrtui show`` exit status when REF names several ADRs (a shared number):
#: a script asking for "ADR 2" must not take one of them silently.
EXIT_AMBIGUOUS = 3


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
        help=(
            f"only ADRs with this status ({', '.join(CANONICAL_STATUSES)} or another word;"
            " none: those without one)"
        ),
    )
    listing.add_argument("--json", action="store_true", help="print JSON records")
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
    show.set_defaults(func=run_show)


def run_list(args: argparse.Namespace) -> int:
    collection = open_collection(args.directory)
    status = (args.status or "").strip() or None
    adrs = RecordFilter(status=status).select(collection.adrs)
    if args.json:
        print_json([adr.to_json() for adr in adrs])
        _report_ignored(collection.ignored)
        return 0
    rows = [
        [
            adr.display_number,
            adr.status or "—",
            adr.date or "—",
            adr.title + ("  (!)" if adr.warnings else ""),
            adr.rel_path,
        ]
        for adr in adrs
    ]
    print_table(["NUMBER", "STATUS", "DATE", "TITLE", "FILE"], rows)
    _report_ignored(collection.ignored)
    return 0


def _report_ignored(ignored: Sequence[IgnoredFile]) -> None:
    """The files not listed and why, on stderr (stdout stays a table or valid JSON)."""
    if ignored:
        notes = ", ".join(f"{item.rel_path} ({item.reason})" for item in ignored)
        print(clean(f"ignored: {notes}"), file=sys.stderr)


def run_show(args: argparse.Namespace) -> int:
    collection = open_collection(args.directory)
    matches = collection.find(args.ref)
    if not matches:
        fail(f"adrtui: no ADR matches {clean(args.ref)!r} in {collection.root}", 1)
    status = _report_ambiguous(args.ref, matches)
    if args.json:
        records = [dict(adr.to_json(), body=adr.body) for adr in matches]
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
            _print_adr(adr)
    return status


def _report_ambiguous(ref: str, matches: Sequence[Adr]) -> int:
    """0 for one match; for several, name their files on stderr and return
    :data:`EXIT_AMBIGUOUS` (every match is still printed on stdout)."""
    if len(matches) < 2:
        return 0
    files = ", ".join(adr.rel_path for adr in matches)
    print(clean(f"adrtui: {ref!r} names {len(matches)} ADRs: {files}"), file=sys.stderr)
    return EXIT_AMBIGUOUS


def _people(adr: Adr) -> list[tuple[str, str]]:
    """Who wrote, decided, was consulted, was informed: those named (``Deciders: —`` if nobody)."""
    named = [
        (label, ", ".join(names))
        for label, names in (
            ("Authors", adr.authors),
            ("Deciders", adr.deciders),
            ("Consulted", adr.consulted),
            ("Informed", adr.informed),
        )
        if names
    ]
    return named or [("Deciders", "—")]


def _print_adr(adr: Adr) -> None:
    fields = [
        ("Number", adr.display_number),
        ("Title", adr.title),
        ("Status", adr.status_raw or adr.status or "—"),
        ("Date", adr.date or "—"),
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
