"""``adrtui graph``: the decision graph as Mermaid, Graphviz DOT or JSON, for docs and CI."""

from __future__ import annotations

import argparse

from adrtui.cli.common import open_collection, write_out
from adrtui.domain.model import CANONICAL_STATUSES
from adrtui.domain.relations import FORMATS, export


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "graph",
        help="print the decision graph (mermaid, dot or json)",
        description="Print how the ADRs of DIR relate (supersedes, amends, relates-to, "
        "mentions, ...) as a Mermaid flowchart, a Graphviz digraph or JSON.",
    )
    parser.add_argument("directory", nargs="?", default=None, metavar="DIR")
    parser.add_argument(
        "--format", "-f", choices=FORMATS, default="mermaid", help="output format (mermaid)"
    )
    parser.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="the same as --format json",
    )
    parser.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="S",
        help="only ADRs with this status (repeatable or comma-separated; "
        f"{', '.join(CANONICAL_STATUSES)} or another word)",
    )
    parser.add_argument(
        "--kind",
        action="append",
        default=[],
        metavar="K",
        help="only relationships of this kind (repeatable or comma-separated: supersedes, "
        "amends, relates-to, mentions, ...)",
    )
    parser.set_defaults(func=run_graph)


def _split(values: list[str]) -> list[str]:
    return [part.strip().lower() for value in values for part in value.split(",") if part.strip()]


def run_graph(args: argparse.Namespace) -> int:
    collection = open_collection(args.directory)
    text = export(
        collection.adrs, args.format, statuses=_split(args.status), kinds=_split(args.kind)
    )
    write_out(text)
    return 0
