"""The list pane: one row per ADR (number, title, status badge, date) and a header line.

Rows come down from the screen as a :class:`Listing` (already filtered and
sorted); the pane only draws them and reports the cursor upward with
:class:`~adrtui.ui.messages.AdrHighlighted` / :class:`~adrtui.ui.messages.OpenAdr`.

Big lists stay fast: only the rows near the cursor or the scroll position are
added to the table (the first screenful at once, more as the user moves or
scrolls towards them), while the scrollbar already spans the whole list; and
column widths are fixed (computed from the pane width) so Textual never
measures 10,000 cells per keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.widgets import DataTable, Static

from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.ui.css import stylesheet
from adrtui.ui.messages import AdrHighlighted, OpenAdr, SetSort
from adrtui.ui.theme import Palette, palette_for
from adrtui.ui.view_state import SpanFinder

#: Rows added after a change (more than any screen shows); more are added on demand.
FIRST_CHUNK = 80
#: Rows added at a time when the cursor or the view comes within ``AHEAD`` rows of the end.
CHUNK = 400
AHEAD = 60

_NUMBER_W = 4
#: Below this the date column is dropped so titles stay readable.
MIN_TITLE_WITH_DATE = 20
_STATUS_W = 12
_DATE_W = 10


@dataclass(frozen=True, eq=False)
class Listing:
    """What the list shows: rows in order, the selection, and the header facts."""

    adrs: tuple[Adr, ...] = ()
    selected: str | None = None
    #: How many ADRs the collection holds (the "of 230").
    total: int = 0
    #: Finds the search's matches in a title (``None``: no search).
    highlight: SpanFinder | None = None
    #: Active filters and search, as shown in the header (empty when none).
    description: str = ""
    sort: str = "number"
    reverse: bool = False
    #: A short note (``searching…``, ``index building``) after the count.
    note: str = ""
    #: False until the collection has been read.
    loaded: bool = True
    #: Characters the widest number of the collection needs (``0012``: 4).
    number_width: int = _NUMBER_W


class AdrTable(DataTable[Text]):
    """A ``DataTable`` whose columns have fixed widths, so adding rows never measures cells.

    ``virtual_rows`` is the length of the whole list; rows are added as they are
    needed, and the scrollable height is the whole list's from the start.
    """

    virtual_rows = 0

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open"),
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor-up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="page-down"),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="page-up"),
    ]

    def _update_dimensions(self, new_rows: Iterable[object]) -> None:
        # Every column has an explicit width and every row a height of 1, so the
        # per-cell measuring DataTable does (≈0.5 s for 10k rows) changes nothing.
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)  # type: ignore[arg-type]
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        height = max(self._total_row_height, self.virtual_rows)
        self.virtual_size = Size(width, height + header)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        bottom = int(new_value) + self.scrollable_content_region.height + AHEAD
        if bottom > self.row_count < self.virtual_rows:
            self.post_message(self.RowsNeeded(bottom))

    def clear(self, columns: bool = False) -> AdrTable:
        # DataTable.clear() reads its row-offset cache while emptying it, which first
        # rebuilds the offsets of every current row (≈50 ms for 10k rows). Emptying
        # ``rows`` first makes that read free; clear() then resets everything else.
        self.rows.clear()
        super().clear(columns)
        return self

    def action_open(self) -> None:
        self.post_message(self.OpenRequested())

    @dataclass
    class RowsNeeded(Message):
        """The view scrolled towards rows not added yet: add rows up to ``count``."""

        count: int

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        self.post_message(self.LastRequested())

    class OpenRequested(Message):
        """``enter`` on a row."""

    class LastRequested(Message):
        """``G``: the pane fills any rows still pending, then moves to the last one."""


class AdrList(Vertical):
    """The list pane: a header (filter, sort, ``12 of 230``) over the table of ADRs."""

    DEFAULT_CSS = stylesheet(__file__)

    listing: var[Listing] = var(Listing(loaded=False), always_update=True, init=False)
    #: The ADR the cursor should be on (set by the screen when navigating).
    selected: var[str | None] = var(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[Adr, ...] = ()
        self._filled = 0
        self._announced: str | None = None
        self._highlight: SpanFinder | None = None
        self._palette: Palette | None = None
        self._with_date = True
        self._number_width = _NUMBER_W
        self._column_signature: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading…"), id="list-header", markup=False)
        yield AdrTable(
            id="adr-table",
            cursor_type="row",
            zebra_stripes=False,
            cursor_foreground_priority="renderable",
        )

    @property
    def table(self) -> AdrTable:
        return self.query_one(AdrTable)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def _on_theme_changed(self, _theme: object) -> None:
        self._palette = None
        self._rebuild()

    @property
    def palette(self) -> Palette:
        if self._palette is None:
            self._palette = palette_for(self.app)
        return self._palette

    # -- downward: the screen sets these ----------------------------------------

    def watch_listing(self, listing: Listing) -> None:
        self._rows = listing.adrs
        self._highlight = listing.highlight
        # Set without the watcher: the rebuild below places the cursor itself.
        self.set_reactive(AdrList.selected, listing.selected)
        self._update_header()
        self._rebuild()

    def watch_selected(self, rel_path: str | None) -> None:
        if rel_path is None or not self._rows:
            return
        index = self._index_of(rel_path)
        if index is None:
            return
        self._announced = rel_path
        self._ensure_filled(index + 1)
        table = self.table
        if table.cursor_row != index:
            table.move_cursor(row=index, animate=False)

    # -- drawing -------------------------------------------------------------------

    def _index_of(self, rel_path: str) -> int | None:
        for index, adr in enumerate(self._rows):
            if adr.rel_path == rel_path:
                return index
        return None

    def _widths(self) -> tuple[int, bool]:
        """The title column's width, and whether there is room for the date column."""
        width = self.table.scrollable_content_region.width or self.size.width or 80
        fixed = self._number_width + _STATUS_W + 2 * 3  # each column has one cell of padding a side
        title = width - fixed - 2
        if title - (_DATE_W + 2) >= MIN_TITLE_WITH_DATE:
            return title - (_DATE_W + 2), True
        return max(8, title), False

    def _columns(self) -> None:
        """Set the columns for the current rows, or only empty the table when they fit.

        Re-creating columns is the larger part of a rebuild; while typing a search
        the widths and the sort arrow rarely change, so usually only rows go.
        """
        table = self.table
        self._number_width = max(_NUMBER_W, self.listing.number_width)
        title_width, with_date = self._widths()
        signature = (
            self._number_width,
            title_width,
            with_date,
            self.listing.sort,
            self.listing.reverse,
        )
        if signature == self._column_signature and table.columns:
            table.clear()
            return
        self._column_signature = signature
        table.clear(columns=True)
        arrow = "▼" if self.listing.reverse else "▲"
        sort = self.listing.sort

        def label(name: str, key: str) -> Text:
            return Text(name + (arrow if key == sort else ""), no_wrap=True)

        self._with_date = with_date
        table.add_column(label("No.", "number"), width=self._number_width, key="number")
        table.add_column(label("Title", "title"), width=title_width, key="title")
        table.add_column(label("Status", "status"), width=_STATUS_W, key="status")
        if with_date:
            table.add_column(label("Date", "date"), width=_DATE_W, key="date")

    def _rebuild(self) -> None:
        if not self.is_mounted:
            return
        self._filled = 0
        self.table.virtual_rows = len(self._rows)
        with self.app.batch_update():
            self._columns()
            target = self._index_of(self.selected) if self.selected else None
            first = max(FIRST_CHUNK, (target or 0) + FIRST_CHUNK)
            self._fill_to(first)
            if target is not None:
                self.table.move_cursor(row=target, animate=False)
                self._announced = self.selected
        if not self._rows:
            self._announce(None)
        elif target is None:
            self._announce(self._rows[0].rel_path)

    def _ensure_filled(self, count: int) -> None:
        if self._filled < count:
            self._fill_to(count)

    def _fill_to(self, count: int) -> None:
        table = self.table
        end = min(count, len(self._rows))
        for adr in self._rows[self._filled : end]:
            table.add_row(*self._cells(adr), key=adr.rel_path)
        self._filled = max(self._filled, end)

    def _cells(self, adr: Adr) -> tuple[Text, ...]:
        palette = self.palette
        title = clean_line(adr.title)
        if title:
            title_text = Text(title, no_wrap=True, overflow="ellipsis")
            if self._highlight is not None:
                for start, end in self._highlight(title):
                    title_text.stylize(palette.hit, start, end)
        else:
            title_text = Text(clean_line(adr.name), style=palette.muted + Style(italic=True))
        if adr.warnings:
            title_text.append(" ⚠", style=palette.warning)
        status = clean_line(adr.status or "—")[: _STATUS_W - 2]
        badge = Text(f" {status} ", style=palette.status(adr.status), no_wrap=True)
        number = Text(adr.display_number, no_wrap=True)
        if not self._with_date:
            return (number, title_text, badge)
        return (number, title_text, badge, Text(adr.date or "", no_wrap=True))

    def _update_header(self) -> None:
        listing = self.listing
        header = self.query_one("#list-header", Static)
        if not listing.loaded:
            header.update(Content("Loading…"))
            return
        shown = len(listing.adrs)
        parts = [f"{shown} of {listing.total}"]
        if listing.description:
            parts.append(listing.description)
        parts.append(f"by {listing.sort}{' ↓' if listing.reverse else ''}")
        if listing.note:
            parts.append(listing.note)
        header.update(Content(clean_line(" · ".join(parts))))

    def on_resize(self, event: Resize) -> None:
        if self.is_mounted and self._rows:
            self._rebuild()

    # -- upward: tell the screen ---------------------------------------------------

    def _announce(self, rel_path: str | None) -> None:
        if rel_path != self._announced:
            self._announced = rel_path
            self.post_message(AdrHighlighted(rel_path))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        table = self.table
        if event.cursor_row != table.cursor_row or not 0 <= table.cursor_row < len(self._rows):
            return  # a stale event from a rebuild; the current cursor wins
        if table.cursor_row + AHEAD >= self._filled:
            self._ensure_filled(table.cursor_row + AHEAD + CHUNK)
        self._announce(self._rows[table.cursor_row].rel_path)

    @on(AdrTable.RowsNeeded)
    def _rows_needed(self, event: AdrTable.RowsNeeded) -> None:
        event.stop()
        self._ensure_filled(event.count + CHUNK)

    @on(AdrTable.OpenRequested)
    def _open(self, event: AdrTable.OpenRequested) -> None:
        event.stop()
        row = self.table.cursor_row
        if 0 <= row < len(self._rows):
            self.post_message(OpenAdr(self._rows[row].rel_path, focus_detail=True))

    @on(AdrTable.LastRequested)
    def _last(self, event: AdrTable.LastRequested) -> None:
        event.stop()
        if self._rows:
            self._ensure_filled(len(self._rows))
            self.table.move_cursor(row=len(self._rows) - 1)

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        order = str(event.column_key.value)
        reverse = not self.listing.reverse if order == self.listing.sort else False
        self.post_message(SetSort(order, reverse))

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        # A mouse click on a row: open it, leaving the keyboard focus in the list.
        event.stop()
        if event.row_key.value is not None:
            self.post_message(OpenAdr(str(event.row_key.value)))
