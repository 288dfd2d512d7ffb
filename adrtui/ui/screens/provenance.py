"""``w``: why the selected ADR reads as it does — each field, its source, what lost.

When adrtui shows a wrong number, title, status or date, the user's first
question is "where did that come from?". This modal answers it in one look:
every field (number, title, status, date, people, tags) with the value adrtui
chose, the place in the file it came from (``line 7: **Status:**``, ``front
matter status:``, ``file name``) and the candidates it turned down. The words
are the same as ``adrtui show --explain`` (:mod:`adrtui.domain.parsing.explanation`), so
the terminal and the browser never disagree.

Everything shown that comes from the ADR (values, quoted sources, rejected
candidates, the title) is plain ``Text``, never markup. ``escape`` (or ``w``
again, or ``q``) closes it; the arrow keys scroll a long explanation.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from adrtui.domain.model import Adr
from adrtui.domain.parsing import Explanation, explain
from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.theme import Palette, palette_for

#: A longer value (a title) wraps, so the sources stay in sight.
VALUE_WIDTH = 44


def value_width(width: int) -> int:
    """The value column's widest for a table ``width`` cells wide: at most 2/5 of
    what the field names leave, so the sources (the point of the view) keep the rest."""
    return max(8, min(VALUE_WIDTH, (width - 13) * 2 // 5))


def explanation_table(rows: list[Explanation], palette: Palette, width: int = 110) -> Table:
    """Field, value, source; what lost sits under the source, dimmed.

    A grid, so a long title or source wraps within its own column instead of
    under the field names.
    """
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(no_wrap=True)
    grid.add_column(max_width=value_width(width))
    grid.add_column(ratio=1)
    for row in rows:
        name = Text(row.field, style=Style(bold=True))
        if row.found:
            value = Text(row.shown_value())
            source = Text(row.shown_source(), style=Style() if row.source else palette.muted)
        else:
            value = Text(row.shown_value(), style=palette.muted)
            source = Text(row.shown_source(), style=palette.warning)
        for note in row.shown_notes():
            source.append("\n")
            source.append(note, style=palette.muted)
        grid.add_row(name, value, source)
    return grid


def heading(adr: Adr) -> Text:
    """Which ADR this is about: its file, then its title (plain text)."""
    text = Text(clean_line(adr.rel_path), style=Style(bold=True, underline=True))
    title = clean_line(adr.title)
    if title:
        text.append("  ")
        text.append(title, style=Style(bold=True))
    return text


class ProvenanceScreen(ModalScreen[None]):
    """The selected ADR's fields with where each came from (``show --explain``)."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,w", "close", "Close", id="close-provenance"),
    ]

    def __init__(self, adr: Adr) -> None:
        super().__init__()
        self.adr = adr
        self._rows = explain(adr)
        self._drawn_width = -1

    def compose(self) -> ComposeResult:
        with Vertical(id="provenance-box") as box:
            box.border_title = "Where each field came from"
            box.border_subtitle = "escape close"
            yield Static(heading(self.adr), id="provenance-heading", markup=False)
            with VerticalScroll(id="provenance-scroll"):
                yield Static(id="provenance-table", markup=False)

    def on_mount(self) -> None:
        self._draw()
        self.query_one("#provenance-scroll", VerticalScroll).focus()

    def on_resize(self) -> None:
        # The table's own width is known once this resize is laid out.
        self.call_after_refresh(self._draw)

    def _draw(self) -> None:
        """(Re)build the table for the current width (columns depend on it)."""
        table = self.query_one("#provenance-table", Static)
        width = table.content_region.width or self.app.size.width - 10
        if width == self._drawn_width:
            return
        self._drawn_width = width
        table.update(explanation_table(self._rows, palette_for(self.app), width))

    def action_close(self) -> None:
        self.dismiss(None)
