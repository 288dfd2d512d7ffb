"""``adrtui lint``: check a decision log for CI; exit 1 when it finds problems."""

from __future__ import annotations

import argparse
import sys

from adrtui.cli.common import fail, open_collection, print_json
from adrtui.domain.relations import ERROR, RULES, Problem, lint
from adrtui.domain.text import clean_line


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "lint",
        help="check the ADRs of a folder for broken links, cycles, gaps, missing fields "
        "and hidden (bidi, zero-width) characters",
        description="Check the ADRs of DIR (an ADR folder or a repository root; default: here). "
        "Exit status: 0 no problems, 1 problems found, 2 usage error or no ADR folder.",
    )
    parser.add_argument("directory", nargs="?", default=None, metavar="DIR")
    parser.add_argument("--json", action="store_true", help="print the problems as JSON")
    parser.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="RULE",
        help="leave out this rule (repeatable, or comma-separated); see --rules",
    )
    parser.add_argument(
        "--errors-only",
        action="store_true",
        help="report only errors (warnings such as number gaps are left out)",
    )
    parser.add_argument("--rules", action="store_true", help="list the rules and exit")
    parser.set_defaults(func=run_lint)


def _ignored(values: list[str]) -> set[str]:
    rules = {part.strip() for value in values for part in value.split(",") if part.strip()}
    unknown = sorted(rules - set(RULES))
    if unknown:
        fail(f"adrtui: unknown rule {', '.join(unknown)} (see 'adrtui lint --rules')")
    return rules


def run_lint(args: argparse.Namespace) -> int:
    if args.rules:
        width = max(len(rule) for rule in RULES)
        for rule, (severity, what) in RULES.items():
            print(f"{rule:<{width}}  {severity:<7}  {what}")
        return 0
    ignore = _ignored(args.ignore)
    collection = open_collection(args.directory)
    problems = lint(collection, ignore=ignore)
    if args.errors_only:
        problems = [p for p in problems if p.severity == ERROR]
    if args.json:
        print_json(
            {
                "folder": str(collection.root),
                "checked": len(collection.adrs),
                "errors": sum(p.severity == ERROR for p in problems),
                "warnings": sum(p.severity != ERROR for p in problems),
                "problems": [p.to_json() for p in problems],
            }
        )
    else:
        _print_problems(problems, len(collection.adrs))
    return 1 if problems else 0


def _print_problems(problems: list[Problem], checked: int) -> None:
    """An aligned list: location, severity, rule, message; the hint indented below."""
    out = sys.stdout
    if not problems:
        out.write(f"No problems found in {checked} ADR{'s' if checked != 1 else ''}.\n")
        return
    columns = [(clean_line(f"{p.rel_path}:{p.line}"), p.severity, p.rule) for p in problems]
    widths = [max(len(row[i]) for row in columns) for i in range(3)]
    indent = " " * (sum(widths) + 6)
    for (location, severity, rule), problem in zip(columns, problems, strict=True):
        out.write(
            f"{location:<{widths[0]}}  {severity:<{widths[1]}}  {rule:<{widths[2]}}  "
            f"{clean_line(problem.message)}\n"
        )
        out.write(f"{indent}hint: {clean_line(problem.hint)}\n")
    errors = sum(p.severity == ERROR for p in problems)
    files = len({p.rel_path for p in problems})
    out.write(
        f"\n{len(problems)} problem{'s' if len(problems) != 1 else ''} "
        f"({errors} error{'s' if errors != 1 else ''}, {len(problems) - errors} "
        f"warning{'s' if len(problems) - errors != 1 else ''}) in {files} of {checked} ADRs.\n"
    )
