"""Which of the main screen's keys work now: what its ``check_action`` answers.

The footer offers only keys that do something at this moment: ``False`` hides a
key, ``None`` shows it dimmed (it will work once something is selected or read).
Kept out of the screen so the screen stays a thin owner of its panes.
"""

from __future__ import annotations

from typing import Protocol

from textual.widget import Widget

from adrtui.domain.gitlog import RepoHistory
from adrtui.domain.model import Adr
from adrtui.ui.services.editing import EDITING_ACTIONS, Editing
from adrtui.ui.services.feed import CollectionFeed
from adrtui.ui.state.browse import BrowseState
from adrtui.ui.widgets.search_bar import SearchBar

#: Keys that act on the selected ADR (dimmed while none is).
_ON_SELECTION = frozenset({"copy_path", "copy_menu", "open_pager", "explain_fields"})


#: Keys whose views come from the repository's history.
_FROM_GIT = frozenset({"adr_history", "timeline"})


class KeyHost(Protocol):
    browse: BrowseState
    git: RepoHistory | None
    feed: CollectionFeed
    editing: Editing

    @property
    def focused(self) -> Widget | None: ...

    @property
    def selected(self) -> Adr | None: ...


def key_state(host: KeyHost, action: str) -> bool | None:
    """``True`` (offered), ``None`` (dimmed) or ``False`` (hidden) for ``action``."""
    history = host.browse.history
    if action == "focus_search":  # typed as text while the box has focus
        return not isinstance(host.focused, SearchBar)
    if action == "history_back":
        return history.can_go_back
    if action == "history_forward":
        return history.can_go_forward
    if action in _ON_SELECTION:
        return True if host.selected is not None else None
    if action == "clear_filters":
        return host.browse.filtered
    if action in _FROM_GIT:  # offered once the history is read; before, the twin says why
        return host.git is not None
    if action == "why_no_history":
        return host.git is None
    if action == "lint_report":
        return True if host.feed.linted else None
    if action in EDITING_ACTIONS:
        return host.editing.allowed(action)
    return True
