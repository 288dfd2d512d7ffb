"""The line above the footer: index progress while it builds, then a short state.

The right-hand side has room for counts other parts of the app report (the
lint count, for instance) through the ``extra`` attribute; ``note`` is a quiet
word beside the message that stays (no git history here, and why).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import var
from textual.widgets import ProgressBar, Static

from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet


class StatusBar(Horizontal):
    """``progress`` shows the bar (``None`` hides it); ``message`` and ``extra`` are text."""

    DEFAULT_CSS = stylesheet(__file__)

    progress: var[tuple[int, int] | None] = var(None, init=False)
    message: var[str] = var("", init=False)
    extra: var[str] = var("", init=False)
    note: var[str] = var("", init=False)

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="status-message", markup=False)
        yield ProgressBar(id="index-progress", show_eta=False, show_percentage=True)
        yield Static(Text(""), id="status-note", markup=False)
        yield Static(Text(""), id="status-extra", markup=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#status-note", Static).display = False

    def watch_progress(self, progress: tuple[int, int] | None) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = progress is not None
        if progress is not None:
            done, total = progress
            bar.update(total=max(total, 1), progress=min(done, max(total, 1)))

    def watch_message(self, message: str) -> None:
        self.query_one("#status-message", Static).update(Text(clean_line(message)))

    def watch_note(self, note: str) -> None:
        shown = self.query_one("#status-note", Static)
        shown.display = bool(note)  # no room taken when there is nothing to say
        self.set_class(bool(note), "-with-note")
        shown.update(Text(clean_line(note)))

    def watch_extra(self, extra: str) -> None:
        self.query_one("#status-extra", Static).update(Text(clean_line(extra)))
