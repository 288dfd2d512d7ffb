"""The help screen: every key binding, generated from the bindings themselves.

Nothing here is written by hand: the rows come from the ``BINDINGS`` of the app,
the screen and each pane's widgets, with the user's keymap applied, so the help
can never disagree with what the keys do. The id column is what a user puts
in the ``[keymap]`` table of the config file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from adrtui.ui.rendering.stylesheet import stylesheet


@dataclass(frozen=True)
class HelpRow:
    section: str
    keys: str
    description: str
    binding_id: str


def _bindings(owner: type) -> list[Binding]:
    result = []
    for item in getattr(owner, "BINDINGS", []):
        if isinstance(item, Binding):
            result.append(item)
        elif isinstance(item, tuple) and len(item) >= 2:
            result.append(Binding(*item))
    return result


def help_rows(
    app: App[Any],
    sections: Sequence[tuple[str, Iterable[type]]],
    keymap: Mapping[str, str],
) -> list[HelpRow]:
    """One row per binding id (or per binding without one), keymap applied, in section order."""
    palette_key = app.get_key_display(Binding(app.COMMAND_PALETTE_BINDING, "command_palette"))
    rows: list[HelpRow] = [HelpRow(sections[0][0], palette_key, "Command palette", "")]
    seen: set[str] = set()
    for section, owners in sections:
        for owner in owners:
            for binding in _bindings(owner):
                if binding.system:
                    continue
                key_id = binding.id or f"{owner.__name__}.{binding.action}"
                if key_id in seen:
                    continue
                seen.add(key_id)
                keys = keymap.get(binding.id or "", binding.key)
                shown = ", ".join(
                    app.get_key_display(binding.with_key(key.strip()))
                    for key in keys.split(",")
                    if key.strip()
                )
                rows.append(HelpRow(section, shown, binding.description, binding.id or ""))
    return rows


class HelpScreen(ModalScreen[None]):
    """A scrollable table of every binding; ``escape``, ``q`` or ``?`` closes it.

    It scrolls with the keys the panes use (``j``/``k``, ``g``/``G``, page keys):
    the table has no row cursor (nothing here is chosen), so each key moves the
    view, and the last binding is always reachable whatever the terminal size.
    """

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="close-help"),
        Binding("j,down", "scroll_help('down')", "Scroll down", id="help-down"),
        Binding("k,up", "scroll_help('up')", "Scroll up", id="help-up"),
        Binding("g,home", "scroll_help('top')", "Top", id="help-top"),
        Binding("G,end", "scroll_help('bottom')", "Bottom", id="help-bottom"),
        Binding(
            "pagedown,ctrl+d,space", "scroll_help('page_down')", "Page down", id="help-page-down"
        ),
        Binding("pageup,ctrl+u", "scroll_help('page_up')", "Page up", id="help-page-up"),
    ]

    def __init__(self, rows: Sequence[HelpRow], note: str = "") -> None:
        super().__init__()
        self.rows = list(rows)
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape to close"
            table: DataTable[Text] = DataTable(id="help-table", cursor_type="none")
            yield table
            yield Static(Text(self.note), id="help-note", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Keys"), key="keys")
        table.add_column(Text("Action"), key="action")
        table.add_column(Text("Id (for [keymap])"), key="id")
        section = None
        for row in self.rows:
            if row.section != section:
                section = row.section
                table.add_row(
                    Text(section, style=Style(bold=True, underline=True)), Text(""), Text("")
                )
            table.add_row(
                Text(row.keys, style=Style(bold=True)),
                Text(row.description),
                Text(row.binding_id, style=Style(dim=True)),
            )
        table.focus()

    def action_scroll_help(self, where: str) -> None:
        """Move the view: a line (``down``/``up``), a page, or to either end."""
        table = self.query_one(DataTable)
        moves = {
            "down": table.scroll_down,
            "up": table.scroll_up,
            "top": table.scroll_home,
            "bottom": table.scroll_end,
            "page_down": table.scroll_page_down,
            "page_up": table.scroll_page_up,
        }
        move = moves.get(where)
        if move is not None:
            move(animate=False)
