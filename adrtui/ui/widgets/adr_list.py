"""The list pane: one row per ADR (number, title, status badge, date) and a header line.

With the repository's history read, a date git filled in (the file has none) is
drawn dim and slanted, and sorted by ``changed`` the date column is the last
commit's day ("Changed").

Rows come down from the screen as a :class:`Listing` (already filtered and
sorted); the pane only draws them and reports the cursor upward with
:class:`~adrtui.ui.messages.AdrHighlighted` / :class:`~adrtui.ui.messages.OpenAdr`.

Big lists stay fast: the table (:class:`~adrtui.ui.widgets.adr_table.AdrTable`)
builds a row's line only when it is drawn, and column widths come from the pane
width and a few numbers the screen computes once per collection (the widest
number and status word), so nothing is measured per row, not even on a resize.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from adrtui.domain.gitlog import RepoHistory
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.ui.messages import AdrHighlighted, OpenAdr, SetSort
from adrtui.ui.rendering.repo_settings import StatusStyles
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.state import SpanFinder
from adrtui.ui.theme import Palette, palette_for
from adrtui.ui.widgets.adr_table import AdrTable, Column

__all__ = ["AdrList", "AdrTable", "Listing", "cell_text"]

_NUMBER_W = 4
#: Below this the date column is dropped so titles stay readable.
MIN_TITLE_WITH_DATE = 30
#: The status column: as wide as the widest status badge (`` word ``), within these.
MIN_STATUS_W = len("Status")
MAX_STATUS_W = 14
_DATE_W = 10
#: The title column never gets narrower than this (the others give way first).
MIN_TITLE_W = 8


def cell_text(text: str) -> str:
    """``text`` for a fixed-width cell: one line, and no emoji variation selector.

    Rich counts ``🏛️`` (a symbol + U+FE0F) as one cell; tmux and most terminals
    draw it two cells wide, pushing the rest of the row (and the pane's border)
    one cell right. Without the selector both count one."""
    return clean_line(text).replace("\ufe0f", "")


def status_width(statuses: Iterable[str | None]) -> int:
    """Cells the status column needs for the widest of ``statuses`` drawn as a badge."""
    widest = max((len(status or "—") for status in statuses), default=1)
    return max(MIN_STATUS_W, min(MAX_STATUS_W, widest + 2))


def column_layout(
    width: int,
    *,
    number_width: int = _NUMBER_W,
    status_width: int = MAX_STATUS_W,
    by_date: bool = False,
    changed: bool = False,
) -> list[Column]:
    """The list's columns for a table ``width`` cells wide: the title takes every cell
    the number, status and date columns leave; the date goes first when the title
    would be shorter than :data:`MIN_TITLE_WITH_DATE` (unless the list is sorted
    ``by_date``: then it stays while the title keeps a dozen cells). ``changed``: the
    date column is the last commit's ("Changed", sorted by it). Each column has
    one cell of padding a side."""
    fixed = (number_width + 2) + (status_width + 2)
    title = width - fixed - 2
    least = 12 if by_date or changed else MIN_TITLE_WITH_DATE
    with_date = title - (_DATE_W + 2) >= least
    if with_date:
        title -= _DATE_W + 2
    columns = [
        Column("number", "No.", number_width),
        Column("title", "Title", max(MIN_TITLE_W, title)),
        Column("status", "Status", status_width),
    ]
    if with_date:
        columns.append(
            Column("changed", "Changed", _DATE_W) if changed else Column("date", "Date", _DATE_W)
        )
    return columns


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
    #: Cells the status column needs (see :func:`status_width`).
    status_width: int = MAX_STATUS_W


class AdrList(Vertical):
    """The list pane: a header (filter, sort, ``12 of 230``) over the table of ADRs."""

    DEFAULT_CSS = stylesheet(__file__)

    listing: var[Listing] = var(Listing(loaded=False), always_update=True, init=False)
    #: The ADR the cursor should be on (set by the screen when navigating). Always
    #: applied, even when equal to the last value: the user may have moved the
    #: cursor away since (``j``), and navigating there must bring it back.
    selected: var[str | None] = var(None, init=False, always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[Adr, ...] = ()
        #: Row index of each path of ``_rows`` (built when first needed).
        #: The last row looked up (path, index): a keystroke looks up one selection.
        self._position: tuple[str, int | None] | None = None
        self._announced: str | None = None
        self._highlight: SpanFinder | None = None
        self._palette: Palette | None = None
        self._status_styles: StatusStyles | None = None
        self._with_date = True
        self._status_w = MAX_STATUS_W
        #: The repository's history (set by the screen; ``None``: none read).
        self.git: RepoHistory | None = None
        #: The date column shows the last commit's day (sorted by ``changed``).
        self._changed = False

    def compose(self) -> ComposeResult:
        yield Static(Content("Loading…"), id="list-header", markup=False)
        yield AdrTable(id="adr-table", columns_for=self._columns_for)

    @property
    def table(self) -> AdrTable[Adr]:
        return self.query_one(AdrTable)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._on_theme_changed)

    def _on_theme_changed(self, _theme: object) -> None:
        self._palette = None
        self.table.redraw()

    @property
    def palette(self) -> Palette:
        if self._palette is None:
            self._palette = palette_for(self.app)
        return self._palette

    # -- downward: the screen sets these ----------------------------------------

    def use_status_styles(self, styles: StatusStyles | None) -> None:
        """The repository's status colours (``None``: the theme's); redraws only on a change."""
        if styles is self._status_styles:
            return
        self._status_styles = styles
        if self._rows:
            self.table.redraw()

    def watch_listing(self, listing: Listing) -> None:
        self._rows = listing.adrs
        self._position = None
        self._highlight = listing.highlight
        # Set without the watcher: the rebuild below places the cursor itself.
        self.set_reactive(AdrList.selected, listing.selected)
        self._update_header()
        self._show_rows()

    def watch_selected(self, rel_path: str | None) -> None:
        if rel_path is None or not self._rows:
            return
        index = self._index_of(rel_path)
        if index is None:
            return
        self._announced = rel_path
        self.table.move_cursor(index)

    # -- drawing -------------------------------------------------------------------

    def _index_of(self, rel_path: str) -> int | None:
        # A scan that stops at the row, not a dict of every row: building one for
        # 10,000 rows on each keystroke's listing cost 3-11 ms; the scan well under 1.
        if self._position is None or self._position[0] != rel_path:
            index = next((i for i, adr in enumerate(self._rows) if adr.rel_path == rel_path), None)
            self._position = (rel_path, index)
        return self._position[1]

    @property
    def _number_width(self) -> int:
        return max(_NUMBER_W, self.listing.number_width)

    def _columns_for(self, width: int) -> list[Column]:
        """The table asks when its width or its rows change (never per row)."""
        self._status_w = self.listing.status_width
        self._changed = self.listing.sort == "changed" and self.git is not None
        columns = column_layout(
            width or 80,
            number_width=self._number_width,
            status_width=self._status_w,
            by_date=self.listing.sort == "date",
            changed=self._changed,
        )
        self._with_date = columns[-1].key in ("date", "changed")
        return columns

    def _show_rows(self) -> None:
        """New rows: the cursor goes to the listing's selection (else the first row)."""
        if not self.is_mounted:
            return
        target = self._index_of(self.selected) if self.selected else None
        self.table.show_rows(
            self._rows,
            self._cells,
            cursor=target or 0,
            sorted_by=(self.listing.sort, self.listing.reverse),
        )
        if target is not None:
            self._announced = self.selected
        elif not self._rows:
            self._announce(None)
        else:
            self._announce(self._rows[0].rel_path)

    def _cells(self, adr: Adr) -> tuple[Text, ...]:
        palette = self.palette
        title = cell_text(adr.title)
        if title:
            title_text = Text(title, no_wrap=True, overflow="ellipsis")
            if self._highlight is not None:
                for start, end in self._highlight(title):
                    title_text.stylize(palette.hit, start, end)
        else:
            title_text = Text(
                cell_text(adr.name),
                style=palette.muted + Style(italic=True),
                overflow="ellipsis",
            )
        if adr.warnings:
            title_text.append(" ⚠", style=palette.warning)
        status = clean_line(adr.status or "—")
        if len(status) > self._status_w - 2:  # a sentence as status: cut, and say so
            status = status[: self._status_w - 3].rstrip() + "…"
        styles = self._status_styles
        style = styles.style_for(adr.status_raw, adr.status) if styles is not None else None
        badge = Text(f" {status} ", style=style or palette.status(adr.status), no_wrap=True)
        number = Text(adr.display_number, no_wrap=True)
        if not self._with_date:
            return (number, title_text, badge)
        return (number, title_text, badge, self._date_cell(adr))

    def _date_cell(self, adr: Adr) -> Text:
        """The file's date (dim and slanted when git filled it in), or sorted by
        ``changed`` the day of the last commit."""
        if self._changed and self.git is not None:
            history = self.git.of(adr.rel_path)
            return Text(history.changed if history else "", no_wrap=True)
        if "date" in adr.git_filled:
            return Text(adr.date or "", style=self.palette.muted + Style(italic=True))
        return Text(adr.date or "", no_wrap=True)

    def _update_header(self) -> None:
        listing = self.listing
        header = self.query_one("#list-header", Static)
        if not listing.loaded:
            header.update(Content("Loading…"), layout=False)  # one line high (adr_list.tcss)
            return
        shown = len(listing.adrs)
        parts = [f"{shown} of {listing.total}"]
        if listing.description:
            parts.append(listing.description)
        parts.append(f"by {listing.sort}{' ↓' if listing.reverse else ''}")
        if listing.note:
            parts.append(listing.note)
        # One line high (adr_list.tcss): a new text needs no screen layout, only a repaint.
        header.update(Content(clean_line(" · ".join(parts))), layout=False)

    @property
    def cursor_path(self) -> str | None:
        """The ADR under the cursor now (its ``AdrHighlighted`` may still be on its way)."""
        row = self.table.cursor_row
        return self._rows[row].rel_path if 0 <= row < len(self._rows) else None

    # -- upward: tell the screen ---------------------------------------------------

    def _announce(self, rel_path: str | None) -> None:
        if rel_path != self._announced:
            self._announced = rel_path
            self.post_message(AdrHighlighted(rel_path))

    @on(AdrTable.CursorMoved)
    def _cursor_moved(self, event: AdrTable.CursorMoved) -> None:
        event.stop()
        if 0 <= event.row < len(self._rows):
            self._announce(self._rows[event.row].rel_path)

    @on(AdrTable.OpenRequested)
    def _open(self, event: AdrTable.OpenRequested) -> None:
        event.stop()
        if 0 <= event.row < len(self._rows):
            self.post_message(OpenAdr(self._rows[event.row].rel_path, focus_detail=True))

    @on(AdrTable.HeaderClicked)
    def _header_clicked(self, event: AdrTable.HeaderClicked) -> None:
        event.stop()
        order = event.key
        reverse = not self.listing.reverse if order == self.listing.sort else False
        self.post_message(SetSort(order, reverse))

    @on(AdrTable.RowClicked)
    def _row_clicked(self, event: AdrTable.RowClicked) -> None:
        # A mouse click on a row: open it, leaving the keyboard focus in the list.
        event.stop()
        if 0 <= event.row < len(self._rows):
            self.post_message(OpenAdr(self._rows[event.row].rel_path))
