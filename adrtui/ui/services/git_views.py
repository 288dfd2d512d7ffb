"""Opening the git views from the browser: ``H`` (one ADR's history), ``T`` (the timeline).

The main screen only delegates here, so it stays small. When there is nothing to
show, the user is told why in one short notice rather than getting an empty
screen: git is off or missing (the quiet note the history read left), the
history is still being read, or git does not track the selected ADR yet.
The timeline's ``enter`` comes back as a ``rel_path`` that the screen's
``navigate`` selects (clearing a search or filter that hides it, so the user
lands on it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from textual.app import App
from textual.binding import Binding, BindingType

from adrtui.domain.collection import Collection
from adrtui.domain.gitlog import RepoHistory
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.ui.services.host import Notifies
from adrtui.ui.state.browse import BrowseState

#: The main screen's keys for the views (its actions ``adr_history`` and ``timeline``
#: delegate here). The twins on the same keys and ids are enabled only while there is
#: no history (``check_action``), so that pressing ``H`` or ``T`` then says why.
GIT_VIEW_BINDINGS: list[BindingType] = [
    Binding("H", "adr_history", "History", show=False, id="adr-history"),
    Binding("T", "timeline", "Timeline", show=False, id="timeline"),
    Binding("H", "why_no_history", "History", show=False, id="adr-history"),
    Binding("T", "why_no_history", "Timeline", show=False, id="timeline"),
]

#: Said when there is no history and no reason was recorded (still being read).
READING = "The history is still being read from git; try again in a moment."
#: The example collection shipped with adrtui: its history is not the user's.
EXAMPLE = "The example collection has no git history."


class GitViewsHost(Notifies, Protocol):
    """What opening the views needs of the screen: the app (to push) and notices."""

    @property
    def app(self) -> App[Any]: ...


class BrowserHost(GitViewsHost, Protocol):
    """The main screen as ``H`` and ``T`` see it."""

    git: RepoHistory | None
    browse: BrowseState
    is_example: bool

    @property
    def selected(self) -> Adr | None: ...

    @property
    def collection(self) -> Collection | None: ...

    def navigate(
        self, rel_path: str, *, record: bool = True, focus_detail: bool = False
    ) -> None: ...


def no_history(note: str | None) -> str:
    """Why there is no history: the read's own quiet note, or that it is not read yet."""
    return clean_line(note) if note else READING


def _note(host: BrowserHost) -> str | None:
    return EXAMPLE if host.is_example else host.browse.git_note


def show_history(host: BrowserHost) -> None:
    """``H`` in the browser: the selected ADR's history (or a notice why there is none)."""
    open_history(host, host.git, host.selected, note=_note(host))


def show_timeline(host: BrowserHost) -> None:
    """``T`` in the browser: the timeline; ``enter`` selects the ADR (filters that hide
    it are cleared by ``navigate``, so the user lands on it)."""
    collection = host.collection
    if collection is None:
        return
    open_timeline(host, host.git, collection.adrs, host.navigate, note=_note(host))


def untracked(adr: Adr) -> str:
    """``0007 (0007-x.md) has no commits: git does not track it yet.``"""
    name = clean_line(adr.rel_path)
    label = f"{adr.display_number} ({name})" if adr.number is not None else name
    return f"{label} has no commits: git does not track it yet."


def open_history(
    host: GitViewsHost, history: RepoHistory | None, adr: Adr | None, *, note: str | None = None
) -> bool:
    """``H``: the commits of ``adr``; a notice instead when there are none. True if opened."""
    if adr is None:
        return False
    if history is None:
        host.notify(no_history(note), title="History", timeout=5)
        return False
    if history.of(adr.rel_path) is None:
        host.notify(untracked(adr), title="History", timeout=5)
        return False
    from adrtui.ui.screens.history import HistoryScreen

    host.app.push_screen(HistoryScreen(adr, history))
    return True


def open_timeline(
    host: GitViewsHost,
    history: RepoHistory | None,
    adrs: Sequence[Adr],
    open_adr: Callable[[str], None],
    *,
    note: str | None = None,
) -> bool:
    """``T``: the collection by month; ``enter`` on an ADR calls ``open_adr(rel_path)``."""
    if history is None:
        host.notify(no_history(note), title="Timeline", timeout=5)
        return False
    from adrtui.ui.screens.timeline import TimelineScreen

    def picked(rel_path: str | None) -> None:
        if rel_path is not None:
            open_adr(rel_path)

    host.app.push_screen(TimelineScreen(history, adrs), picked)
    return True
