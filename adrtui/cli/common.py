"""Shared plumbing for the command-line face: folder discovery, errors, output.

Every command prints data to stdout and problems to stderr, exits 0 on success,
1 when it found problems (lint), 2 on usage errors or a missing folder. Text
output passes through :func:`adrtui.domain.text.clean_line`, so file content
never reaches the terminal as escape sequences and bidi or invisible characters
show as ``⟨U+202E⟩``; JSON goes through :func:`print_json` (every control
escaped, nothing lost). Styling is for terminals that can show it (:func:`styled`).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from adrtui.domain.collection import Collection, Discovery, find_adr_dir, load_collection
from adrtui.domain.model import Adr
from adrtui.domain.text import clean, clean_line, json_text

#: Exit status when REF names several ADRs (a shared number): a script asking
#: for "ADR 2" must not take one of them silently (``show``, ``log``).
EXIT_AMBIGUOUS = 3


class CliError(Exception):
    """A user-facing failure: ``message`` goes to stderr, ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def fail(message: str, code: int = 2) -> NoReturn:
    """Stop the command: ``message`` to stderr (made safe to show here, whatever it
    quotes: a folder or file name may hold escape sequences), exit status ``code``."""
    raise CliError(clean(message), code)


def discover(directory: str | Path | None) -> Discovery:
    """Find the ADR folder for ``directory`` (or the cwd); exits 2 naming what was tried.

    Problems in the repository's ``.adrtui.toml``, and marker files (``.adr-dir``,
    ``.log4brains.yml``) that were not used, are written to stderr (the command goes
    on with the defaults for what is broken).
    """
    start = Path(directory) if directory else Path.cwd()
    if directory and not start.exists():
        fail(f"adrtui: no such directory: {clean_line(str(start))}")
    found = find_adr_dir(start)
    report_settings_problems(found.problems)
    if found.folder is None:
        tried = ", ".join(found.tried)
        fail(f"adrtui: no ADR folder found (tried {clean_line(tried)})")
    return found


def resolve_folder(directory: str | Path | None) -> Path:
    """The ADR folder for ``directory`` (or the cwd); exits 2 naming what was tried."""
    folder = discover(directory).folder
    assert folder is not None  # discover() exits otherwise
    return folder


def open_collection(directory: str | Path | None) -> Collection:
    found = discover(directory)
    assert found.folder is not None
    settings = found.settings if found.settings.source is not None else None
    collection = load_collection(found.folder, settings=settings)
    if settings is None:
        report_settings_problems(collection.settings.problems)
    report_settings_problems(collection.notices)
    return collection


def find_adrs(collection: Collection, ref: str) -> tuple[list[Adr], int]:
    """The ADRs ``ref`` names and the exit status to end with: exits 1 when it names
    none; for several, names their files on stderr and gives :data:`EXIT_AMBIGUOUS`
    (the command still shows every one of them on stdout)."""
    matches = collection.find(ref)
    if not matches:
        fail(f"adrtui: no ADR matches {clean(ref)!r} in {collection.root}", 1)
    if len(matches) < 2:
        return matches, 0
    files = ", ".join(adr.rel_path for adr in matches)
    print(clean(f"adrtui: {ref!r} names {len(matches)} ADRs: {files}"), file=sys.stderr)
    return matches, EXIT_AMBIGUOUS


def report_settings_problems(problems: Sequence[str]) -> None:
    """Each settings problem (or loading notice) on its own line on stderr, as
    ``adrtui: warning: …``."""
    for problem in problems:
        sys.stderr.write(f"adrtui: warning: {clean_line(problem)}\n")


def print_json(data: Any) -> None:
    """Print ``data`` as JSON (:func:`adrtui.domain.text.json_text`): UTF-8 with every
    control, invisible character and lone surrogate escaped, losing nothing."""
    write_out(json_text(data) + "\n")


def write_out(text: str) -> None:
    """Write ``text`` to stdout as UTF-8, whatever the locale says (stdout is data)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "replace"))
    sys.stdout.buffer.flush()


def styled(stream: TextIO) -> bool:
    """Whether ``stream`` may get terminal styling (bold, erase to end of line).

    Only a terminal that says it can (``TERM`` set and not ``dumb``) and a user who
    did not ask for plain output (``NO_COLOR``, https://no-color.org) get escape
    sequences; pipes, files, Emacs shells and CI logs get plain text.
    """
    if os.environ.get("NO_COLOR") or os.environ.get("TERM", "dumb") in ("", "dumb"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Print an aligned plain-text table (no colour, no markup, control chars removed)."""
    cells = [[clean_line("" if c is None else str(c)) for c in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))
    out = sys.stdout
    last = len(headers) - 1

    def line(values: Sequence[str]) -> str:
        parts = [v if i == last else v.ljust(widths[i]) for i, v in enumerate(values)]
        return "  ".join(parts).rstrip()

    out.write(line(list(headers)) + "\n")
    for row in cells:
        out.write(line(row) + "\n")
