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


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr,arg-type]
    try:
        if args_list and (
            args_list[0] in commands or args_list[0] in {"-h", "--help", "--version"}
        ):
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
