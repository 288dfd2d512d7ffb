"""What every helper of the main screen may ask of it: telling the user something.

The helpers (:mod:`~adrtui.ui.services.editing`, :mod:`~adrtui.ui.services.feed`)
are typed against protocols of the screen rather than the screen class, so they
are tested with small fakes; the part they share is declared once, here.
"""

from __future__ import annotations

from typing import Protocol

from textual.notifications import SeverityLevel


class Notifies(Protocol):
    """A screen's ``notify`` (Textual's own signature)."""

    def notify(
        self,
        message: str,
        *,
        title: str = ...,
        severity: SeverityLevel = ...,
        timeout: float | None = ...,
        markup: bool = ...,
    ) -> None: ...
