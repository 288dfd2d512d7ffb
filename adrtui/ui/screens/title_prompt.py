"""The small dialog that asks for a new ADR's title (``a`` new, ``S`` supersede).

It returns the title typed (stripped, never empty) or ``None`` when the user
pressed ``escape``. What it asks about (a new ADR, or one superseding ADR 5)
comes from the caller as plain text; nothing typed or shown is markup.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from adrtui.domain.text import clean_line, scrub_line
from adrtui.ui.rendering.stylesheet import stylesheet

#: Longer titles make unreadable file names; the template's slug is cut anyway.
MAX_TITLE = 200


class TitlePrompt(ModalScreen[str | None]):
    """``enter`` creates with the title typed, ``escape`` cancels."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-prompt"),
    ]

    def __init__(self, heading: str, about: str, *, placeholder: str = "Title of the decision"):
        super().__init__()
        self.heading = clean_line(heading)
        self.about = clean_line(about)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-box") as box:
            box.border_title = Text(self.heading)  # a file name may look like markup
            yield Static(Text(self.about), id="prompt-about", markup=False)
            yield Input(
                placeholder=self.placeholder,
                max_length=MAX_TITLE,
                id="prompt-title",
                select_on_focus=False,
            )
            yield Static(Text(""), id="prompt-error", markup=False)
            yield Static(Text("enter create · escape cancel"), id="prompt-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        title = scrub_line(event.value).strip()
        if not title:
            error = self.query_one("#prompt-error", Static)
            error.update(Text("A new ADR needs a title."))
            error.add_class("-shown")
            return
        self.dismiss(title)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_one("#prompt-error", Static).remove_class("-shown")

    def action_cancel(self) -> None:
        self.dismiss(None)
