"""The ``adrtui`` entry point: the browser by default, subcommands for scripts and CI.

``adrtui [DIR]`` opens the Textual browser; ``adrtui list|show|log|search|index|lint|graph|new``
are plain commands. Subcommand modules import only the domain layer, so
``adrtui search`` starts without loading Textual; the browser is imported lazily.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from adrtui import __version__
from adrtui.cli.common import CliError

#: Each module defines ``register(subparsers)``; its parsers set ``func(args) -> int``.
COMMAND_MODULES: tuple[str, ...] = (
    "adrtui.cli.listing",
    "adrtui.cli.log",
    "adrtui.cli.new",
    "adrtui.cli.lint",
    "adrtui.cli.graph",
    "adrtui.cli.search",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="adrtui",
        description="Browse, search and edit Architecture Decision Records. "
        "Run 'adrtui [DIR]' for the terminal browser, or a command below.",
    )
    parser.add_argument("--version", action="version", version=f"adrtui {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def _browse_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="adrtui",
        usage="adrtui [DIR] | adrtui COMMAND ... (see 'adrtui --help')",
        description="Open the ADR browser on DIR (an ADR folder or a repository root).",
    )
    parser.add_argument("directory", nargs="?", default=None, metavar="DIR")
    return parser


def _negations_last(command: argparse.ArgumentParser, args: list[str]) -> list[str]:
    """A query word starting with ``-`` excludes it (``adrtui search -changed:2021``,
    ``-legacy``), but argparse would take it for an unknown option and stop. Such words
    (single dash, not one of the command's own options) move behind ``--`` at the end,
    where argparse reads them as the query; the command's options keep their values."""
    options = command._option_string_actions
    kept: list[str] = []
    moved: list[str] = []
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            moved.extend(rest)
            break
        action = options.get(arg)
        if action is not None:
            kept.append(arg)
            value = next(rest, None) if action.nargs is None else None  # --dir DIR, --limit N
            kept.extend([value] if value is not None else [])
        elif arg.startswith("-") and not arg.startswith("--") and len(arg) > 1:
            moved.append(arg)
        else:
            kept.append(arg)
    return kept + (["--", *moved] if moved else [])


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands: dict[str, argparse.ArgumentParser] = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr,assignment]
    try:
        if args_list and (
            args_list[0] in commands or args_list[0] in {"-h", "--help", "--version"}
        ):
            if args_list[0] == "search":
                args_list = ["search", *_negations_last(commands["search"], args_list[1:])]
            args = parser.parse_args(args_list)
            return int(args.func(args) or 0)
        browse = _browse_parser().parse_args(args_list)
        if os.environ.get("TERM", "").strip() == "dumb":
            # A dumb terminal (Emacs shell, some CI logs) cannot draw the browser:
            # escape sequences would be printed as text. List the ADRs instead.
            print(
                "adrtui: this terminal (TERM=dumb) cannot show the browser; listing the "
                "ADRs instead (adrtui show, search and lint work here too)",
                file=sys.stderr,
            )
            return main(["list", *([browse.directory] if browse.directory else [])])
        from adrtui.ui.services.launch import run_browser

        return run_browser(browse.directory)
    except CliError as error:
        print(str(error), file=sys.stderr)
        return error.code
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
