"""What the commands that use git share: reading the history, ``--since``, the ``git``
section of a JSON record.

``list``, ``show``, ``log`` and ``search`` use this module, and it imports the gitlog
package only when one of them runs (``search`` only for a query with a history
filter: ``changed:``, ``since:``, ``author:``, ``date:``): ``lint``, ``graph``, ``new``,
``index`` and plain searches neither run git nor pay for its import (~0.1-0.2 s).
Without a history (no git, not a repository, a shallow clone, ``ADRTUI_GIT=0``)
``list`` and ``show`` go on with what the files say, quietly; what needs it
(``--since``, ``log``, ``search changed:``) stops with the outcome's note on stderr
and exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from adrtui.cli.common import fail
from adrtui.domain.text import clean_line

if TYPE_CHECKING:
    from adrtui.domain.collection import Collection
    from adrtui.domain.gitlog import HistoryOutcome, RepoHistory, Since
    from adrtui.domain.model import Adr

#: ``--since``'s help, the same for ``list`` and ``log``.
SINCE_HELP = (
    "a date (2024-01-01, 2024-01, 2024), a span back from today (30d, 2w, 6m, 1y) "
    "or a git revision (a tag, a branch, a commit); needs the git history"
)


def add_no_git(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-git",
        action="store_true",
        help="do not read the git history (dates and authors only as the files write them)",
    )


def load_history(collection: Collection, *, needed_for: str | None = None) -> RepoHistory | None:
    """The history of the collection's folder, or ``None`` when there is none.

    ``needed_for`` names what cannot go on without it (``log``, ``--since``):
    then its absence stops the command with the outcome's note (``adrtui: log:
    no git history: not a git repository``), exit status 2.
    """
    outcome = history_outcome(collection)
    if outcome.history is None and needed_for is not None:
        why = clean_line(outcome.note or "no git history")
        fail(f"adrtui: {needed_for}: {why}")
    return outcome.history


def history_outcome(collection: Collection) -> HistoryOutcome:
    """The history of the collection's folder and, without one, the note saying why
    (for a command that words its own refusal, as ``search`` does per filter)."""
    from adrtui.domain.gitlog import read_history

    # A first read of a long history takes seconds (later ones come from the cache):
    # a person at a terminal is told why the command waits.
    timer = threading.Timer(SAY_READING_AFTER, _say_reading)
    timer.daemon = True
    if _at_terminal():
        timer.start()
    try:
        return read_history(collection.root, records=collection.adrs)
    finally:
        timer.cancel()


#: A history read still running after this many seconds is said on stderr (terminals only).
SAY_READING_AFTER = 1.0


def _at_terminal() -> bool:
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def _say_reading() -> None:
    sys.stderr.write("adrtui: reading the git history (the first time; cached afterwards)…\n")
    sys.stderr.flush()


def filled(
    adrs: Sequence[Adr], history: RepoHistory | None, *, undated_only: bool = False
) -> list[Adr]:
    """The records with the date and authors git knows where the file is silent.

    ``undated_only``: only records without a date are looked at (a table that
    shows no authors need not rebuild the records that lack only those).
    """
    if history is None:
        return list(adrs)
    from adrtui.domain.gitlog import fill_from_history

    if not undated_only:
        return fill_from_history(adrs, history)
    done = iter(fill_from_history([adr for adr in adrs if not adr.date], history))
    return [adr if adr.date else next(done) for adr in adrs]


def since_of(text: str, history: RepoHistory | None) -> Since:
    """``--since TEXT`` read as :func:`parse_since` does; what it cannot read exits 2."""
    from adrtui.domain.gitlog import parse_since

    try:
        return parse_since(text, history)
    except ValueError as error:
        fail(f"adrtui: --since: {error}")


def git_section(adr: Adr, history: RepoHistory | None) -> dict[str, Any] | None:
    """The ``git`` key of a JSON record: what git knows of the file, or null."""
    found = history.of(adr.rel_path) if history is not None else None
    return found.to_json() if found is not None else None


def with_git(adrs: Sequence[Adr], history: RepoHistory | None) -> list[dict[str, Any]]:
    """JSON records with their ``git`` section (always present, null without history)."""
    return [dict(adr.to_json(), git=git_section(adr, history)) for adr in adrs]
