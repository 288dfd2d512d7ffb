"""Telling the footer about changed bindings: at most once a frame, and only real changes.

Textual's footer rebuilds all its keys on every ``refresh_bindings`` (≈10 ms),
and a keystroke in the search box moves the selection, which may change what
``check_action`` says; re-rendering an identical footer for each one made
typing slower. The screen routes its ``refresh_bindings`` through here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.screen import Screen


class FooterThrottle:
    """Coalesces ``refresh_bindings`` calls of one screen into one check after the frame."""

    def __init__(self, screen: Screen[Any], publish: Callable[[], None]) -> None:
        self.screen = screen
        #: Textual's own ``refresh_bindings`` (what rebuilds the footer).
        self.publish = publish
        self._pending = False
        self._signature: tuple[object, ...] | None = None

    def request(self) -> None:
        """Check once the current frame is drawn (the screen is mounted)."""
        if not self._pending:
            self._pending = True
            self.screen.call_after_refresh(self._check)

    def _check(self) -> None:
        self._pending = False
        signature = (
            self.screen.app.app_focus,
            *(
                (key, id(active.node), active.binding.action, active.enabled)
                for key, active in self.screen.active_bindings.items()
            ),
        )
        if signature != self._signature:
            self._signature = signature
            self.publish()
