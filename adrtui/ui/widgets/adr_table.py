"""The rows of the list pane: a table of ADRs drawn line by line, only where visible.

Why not ``DataTable``: it keeps a row object and rendered cells for every row
it was given. Re-filling it on each keystroke (clear, add rows, re-render the
visible rows through Rich padding) cost about 20 ms a frame on 10,000 ADRs, and
jumping to the 9,000th row meant adding 9,000 rows first (0.7 s). Here the rows
are a tuple the pane hands down; a line is built when it is first drawn (a
fraction of a millisecond) and cached until the rows, widths or theme change.
Scrolling, the cursor, the header and the keys work as in ``DataTable``.

The table only knows positions. It reports upward with messages (cursor moved,
open, row clicked, header clicked); the pane maps them to ADRs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.widgets.typed_keys import KeysTypedWhileFocused

Row = TypeVar("Row")

#: Cached lines kept per table (a few screens' worth; cleared when rows change).
_CACHE_LIMIT = 1024


@dataclass(frozen=True)
class Column:
    """One column: what clicking its header sorts by, its label and its width in cells."""

    key: str
    label: str
    width: int


class AdrTable(KeysTypedWhileFocused, ScrollView, Generic[Row], can_focus=True):
    """A header line over rows of fixed-width cells, with a row cursor.

    The pane calls :meth:`show_rows`; ``cells(row)`` turns one row into the
    texts of its cells (plain ``Text``: never markup).
    """

    DEFAULT_CSS = stylesheet(__file__)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"adr-table--header", "adr-table--cursor"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", id="open"),
        Binding("j,down", "cursor_down", "Down", show=False, id="cursor-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="cursor-up"),
        Binding("g,home", "first", "First", show=False, id="first"),
        Binding("G,end", "last", "Last", show=False, id="last"),
        Binding("ctrl+d,pagedown", "page_down", "Page down", show=False, id="page-down"),
        Binding("ctrl+u,pageup", "page_up", "Page up", show=False, id="page-up"),
    ]

    @dataclass
    class CursorMoved(Message):
        """The user moved the cursor (keys, mouse) to ``row``."""

        row: int

    @dataclass
    class OpenRequested(Message):
        """``enter`` on ``row``."""

        row: int

    @dataclass
    class RowClicked(Message):
        """A mouse click on ``row``."""

        row: int

    @dataclass
    class HeaderClicked(Message):
        """A mouse click on the header of the column ``key``."""

        key: str

    def __init__(
        self,
        *,
        columns_for: Callable[[int], Sequence[Column]] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self._rows: Sequence[Row] = ()
        #: The columns for a width in cells (the pane decides; asked again when it changes).
        self._columns_for = columns_for or (lambda _width: ())
        self._columns: tuple[Column, ...] = ()
        #: The width ``_columns`` were laid out for (-1: lay out again).
        self._laid_width = -1
        self._cells: Callable[[Row], Sequence[Text]] = lambda _row: ()
        self._sorted: tuple[str, bool] | None = None
        self._cursor = 0
        self._lines: dict[int, Strip] = {}
        #: Each row's cells drawn at their own width (see :meth:`_drawn_cells`).
        self._cell_cache: dict[int, tuple[tuple[Strip, str], ...]] = {}
        #: Base, header and cursor styles while ``render_lines`` draws.
        self._styles: tuple[Style, Style, Style] | None = None

    # -- what the pane sets -----------------------------------------------------------

    def show_rows(
        self,
        rows: Sequence[Row],
        cells: Callable[[Row], Sequence[Text]],
        *,
        cursor: int = 0,
        sorted_by: tuple[str, bool] | None = None,
    ) -> None:
        """Show ``rows``, the cursor on row ``cursor`` (nothing is posted)."""
        had_rows = bool(self._rows)
        self._rows = rows
        self._cells = cells
        self._sorted = sorted_by
        self._lines = {}
        self._cell_cache = {}
        self._laid_width = -1  # the columns may depend on the rows (the widest number)
        self._lay_out()
        self._set_virtual_size(self._content_size())
        self._cursor = self._clamp(cursor)
        self._scroll_to_cursor()
        self.refresh()
        if had_rows != bool(rows):
            self.refresh_bindings()  # "⏎ Open" only when there is a row to open

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The footer offers ``enter`` only when there is a row to open."""
        return bool(self._rows) if action == "open" else True

    def redraw(self) -> None:
        """Draw every line again (the theme or the status colours changed); the rows,
        the cursor and the scroll position stay."""
        self._lines = {}
        self._cell_cache = {}
        self.refresh()

    def _lay_out(self) -> bool:
        """Ask the pane for the columns of the current width; True when they changed."""
        width = self.scrollable_content_region.width
        if width == self._laid_width:
            return False
        self._laid_width = width
        columns = tuple(self._columns_for(width))
        if columns == self._columns:
            return False
        self._columns = columns
        self._lines = {}
        return True

    def _content_size(self) -> Size:
        return Size(sum(column.width + 2 for column in self._columns), len(self._rows) + 1)

    def on_resize(self, event: events.Resize) -> None:
        """A resize keeps the user's place: the cursor row and the scroll offset stay
        (the cursor is scrolled back into view only if the window no longer shows it).
        Only the column widths are recomputed; lines are built again when drawn, so a
        resize costs the same at 10,000 rows as at 10."""
        if self._lay_out():
            self._set_virtual_size(self._content_size())
            self.refresh()
        self._scroll_to_cursor()

    def _set_virtual_size(self, size: Size) -> None:
        """Resize the scrollable area, without a screen layout when the scrollbar stays.

        ``virtual_size`` is a layout reactive: setting it re-lays and repaints the
        whole screen (≈12 ms), which is every keystroke of a search when the
        number of matches changes. When the scrollbar is needed before and after
        (and the width is the same), only its thumb and the scroll limits change.
        """
        old = self.virtual_size
        if size == old:
            return
        window = self.scrollable_content_region.height
        if self.is_mounted and size.width == old.width and min(size.height, old.height) > window:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)  # the scrollbar's thumb, and scroll_y kept in range
            return
        self.virtual_size = size

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def cursor_row(self) -> int:
        """The row the cursor is on (0 when the table is empty)."""
        return self._cursor

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def move_cursor(self, row: int) -> None:
        """Put the cursor on ``row`` (clamped) and scroll it into view; nothing is posted."""
        row = self._clamp(row)
        if row != self._cursor:
            self._refresh_row(self._cursor)
            self._cursor = row
            self._refresh_row(row)
        self._scroll_to_cursor()

    def row_text(self, row: int) -> str:
        """The plain text of a row as drawn (tests and screen readers)."""
        return self._line(row).text if 0 <= row < len(self._rows) else ""

    # -- drawing ------------------------------------------------------------------------

    @property
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _clamp(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1))

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        if self._cursor < top:
            self.scroll_to(y=self._cursor, animate=False, immediate=True)
        elif self._cursor >= top + self._visible_rows:
            self.scroll_to(y=self._cursor - self._visible_rows + 1, animate=False, immediate=True)

    def _refresh_row(self, row: int) -> None:
        self.refresh_line(row + 1)  # virtual line: the header is line 0

    def _line(self, index: int) -> Strip:
        """Row ``index`` drawn at the current column widths (cached)."""
        strip = self._lines.get(index)
        if strip is None:
            cells = self._drawn_cells(index)
            strip = Strip.join(
                _fit_strip(cell, column.width, overflow)
                for column, (cell, overflow) in zip(self._columns, cells, strict=False)
            )
            if len(self._lines) >= _CACHE_LIMIT:
                self._lines.clear()
            self._lines[index] = strip
        return strip

    def _drawn_cells(self, index: int) -> tuple[tuple[Strip, str], ...]:
        """Row ``index``'s cells drawn at their own width, and how each is cut.

        Kept when only the widths change (a resize): a new width crops and pads
        these, it does not ask the pane for the cells again or lay out their text.
        """
        cells = self._cell_cache.get(index)
        if cells is None:
            console = self.app.console
            cells = tuple(
                (_drawn(cell, console), cell.overflow or "crop")
                for cell in self._cells(self._rows[index])
            )
            if len(self._cell_cache) >= _CACHE_LIMIT:
                self._cell_cache.clear()
            self._cell_cache[index] = cells
        return cells

    def _header(self) -> Strip:
        console = self.app.console
        labels = []
        for column in self._columns:
            label = column.label
            if self._sorted is not None and self._sorted[0] == column.key:
                # Sorted by changed, newest comes first: that order descends.
                label += "▼" if self._sorted[1] != (column.key == "changed") else "▲"
            labels.append(_fit_strip(_drawn(Text(label), console), column.width, "crop"))
        return Strip.join(labels)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The styles are looked up once for all the lines drawn (``rich_style`` walks
        the ancestors: done per line it cost more than drawing a cached line)."""
        self._styles = self._current_styles()
        try:
            return super().render_lines(crop)
        finally:
            self._styles = None

    def _current_styles(self) -> tuple[Style, Style, Style]:
        base = self.rich_style
        header = self.get_component_rich_style("adr-table--header") + base
        return base, header, self.get_component_rich_style("adr-table--cursor")

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base, header, cursor = self._styles or self._current_styles()
        if y == 0:
            return self._header().crop_extend(0, width, None).apply_style(header)
        index = round(self.scroll_y) + y - 1
        if not 0 <= index < len(self._rows):
            return Strip.blank(width, base)
        strip = self._line(index).crop_extend(0, width, None)
        if index == self._cursor:
            strip = strip.apply_style(cursor)
        return strip.apply_style(base)

    # (No cache clearing on a style update: a cached line holds only the cells'
    # own colours, from the palette; the pane redraws when the theme changes. A
    # resize across a breakpoint restyles every widget, and keeping the lines
    # then is what keeps the resize cheap.)

    def on_focus(self) -> None:
        self._refresh_row(self._cursor)

    def on_blur(self) -> None:
        self._refresh_row(self._cursor)

    # -- keys and mouse ---------------------------------------------------------------

    def _user_move(self, row: int) -> None:
        if not self._rows:
            return
        before = self._cursor
        self.move_cursor(row)
        if self._cursor != before:
            self.post_message(self.CursorMoved(self._cursor))

    def action_cursor_down(self) -> None:
        self._user_move(self._cursor + 1)

    def action_cursor_up(self) -> None:
        self._user_move(self._cursor - 1)

    def action_first(self) -> None:
        self._user_move(0)

    def action_last(self) -> None:
        self._user_move(len(self._rows) - 1)

    def action_page_down(self) -> None:
        self._user_move(self._cursor + self._visible_rows)

    def action_page_up(self) -> None:
        self._user_move(self._cursor - self._visible_rows)

    def action_open(self) -> None:
        if self._rows:
            self.post_message(self.OpenRequested(self._cursor))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            x = 0
            for column in self._columns:
                x += column.width + 2
                if offset.x < x:
                    self.post_message(self.HeaderClicked(column.key))
                    return
            return
        row = round(self.scroll_y) + offset.y - 1
        if 0 <= row < len(self._rows):
            self._user_move(row)
            self.post_message(self.RowClicked(row))


#: Every segment carries a style (Textual's line filters, e.g. NO_COLOR's
#: monochrome one, read ``segment.style.color``).
_PLAIN = Style()
_PAD = Strip([Segment(" ", _PLAIN)], 1)


def _drawn(cell: Text, console: Console) -> Strip:
    """``cell`` as segments, its own style included (``Text.render`` leaves the base
    style out when there are no spans: its console rendering adds it)."""
    segments = cell.render(console)
    if cell.style:
        segments = Segment.apply_style(segments, console.get_style(cell.style))
    styled = [Segment(seg.text, seg.style or _PLAIN) for seg in segments]
    return Strip(styled, cell.cell_len)


def _fit_strip(cell: Strip, width: int, overflow: str) -> Strip:
    """A drawn cell cut (with an ellipsis for ``overflow="ellipsis"``) or padded to
    ``width``, with a cell of padding either side. The padding is unstyled, like
    ``DataTable``'s: a status badge is only as wide as its word."""
    if cell.cell_length > width:
        if overflow == "ellipsis" and width > 0:
            cut = cell.crop(0, width - 1)
            style = next((seg.style for seg in reversed(list(cut)) if seg.text), _PLAIN)
            cell = Strip.join([cut, Strip([Segment("…", style or _PLAIN)], 1)])
        else:
            cell = cell.crop(0, width)
    pad = width - cell.cell_length + 1
    return Strip.join([_PAD, cell, Strip([Segment(" " * pad, _PLAIN)], pad)])
