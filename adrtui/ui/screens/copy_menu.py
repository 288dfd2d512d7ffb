"""The small menu ``Y`` opens: copy the number, the title, a Markdown link or the path.

Each choice has its own key (``n``, ``t``, ``l``, ``p``), shown in the row, so a
user who knows them types ``Y l`` without reading; ``j``/``k`` and ``enter`` pick
one too, ``escape`` closes. The texts are made by
:mod:`adrtui.ui.services.copying`; nothing shown here is markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.services.copying import CopyChoice


class CopyMenu(ModalScreen[CopyChoice | None]):
    """Returns the choice picked, or ``None`` on ``escape``."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close", id="close-copy"),
        Binding("n", "pick('n')", "Copy number", id="copy-number"),
        Binding("t", "pick('t')", "Copy title", id="copy-title"),
        Binding("l", "pick('l')", "Copy Markdown link", id="copy-link"),
        Binding("p,y", "pick('p')", "Copy path", id="copy-menu-path"),
        Binding("j", "move(1)", "Down", show=False, id="copy-down"),
        Binding("k", "move(-1)", "Up", show=False, id="copy-up"),
    ]

    def __init__(self, heading: str, choices: Sequence[CopyChoice]) -> None:
        super().__init__()
        self.heading = clean_line(heading)
        self.choices = list(choices)

    def compose(self) -> ComposeResult:
        with Vertical(id="copy-box") as box:
            box.border_title = Text(f"Copy {self.heading}")
            options = [
                Option(
                    Text.assemble(
                        (f"{choice.key}  ", Style(bold=True)),
                        (f"{choice.label:<14}", Style()),
                        (clean_line(choice.text), Style(dim=True)),
                        no_wrap=True,
                        overflow="ellipsis",
                    ),
                    id=choice.key,
                )
                for choice in self.choices
            ]
            yield OptionList(*options, id="copy-options")
            yield Static(Text("key or enter copies · escape closes"), id="copy-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_pick(self, key: str) -> None:
        for choice in self.choices:
            if choice.key == key:
                self.dismiss(choice)
                return

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.action_pick(event.option.id)
