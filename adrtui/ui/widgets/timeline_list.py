"""The timeline's list: period headings and two lines per ADR, drawn only where visible.

A collection with years of history has thousands of (period, ADR) entries
(10,256 by month on the 2,000-ADR, 20,000-commit benchmark repository). An
``OptionList`` lays out every option when it is filled: 2,000 of them took
0.8-5 s on the UI thread. This list keeps the entries as records and draws a
line only when it scrolls into view (``render_line``), as the ADR list does, so
opening the timeline costs the same for ten entries or ten thousand.

Each entry reads::

      0012  Use PostgreSQL                              Alice Adams, Bob Brown
            proposed → accepted → superseded

Lines are cut with an ellipsis, never wrapped. Everything drawn from the
repository (titles, author names) is ``clean_line``-d plain ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from adrtui.domain.gitlog import Entry, Period, totals_text
from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.theme import Palette

#: Where a summary line starts (under the title, past the number).
INDENT = 8
#: Authors named on an entry's line before "+N".
AUTHORS_SHOWN = 2

GAP, PERIOD, TITLE, SUMMARY = "gap", "period", "title", "summary"

_PLAIN = Style()


def status_colour(status: str | None, palette: Palette) -> Style:
    """A status word in its badge's colour, as text (a row of badges would shout)."""
    badge = palette.status(status)
    return Style(color=badge.bgcolor, bold=True) if badge.bgcolor else Style(bold=True)


def authors_text(entry: Entry) -> str:
    """``Alice Adams, Bob Brown +2``."""
    names = [clean_line(author) for author in entry.authors]
    shown = ", ".join(names[:AUTHORS_SHOWN])
    more = len(names) - AUTHORS_SHOWN
    return f"{shown} +{more}" if more > 0 else shown


def _fit(text: Text, width: int) -> Text:
    text = text.copy()
    text.truncate(max(0, width), overflow="ellipsis", pad=True)
    return text


def title_line(entry: Entry, width: int, palette: Palette) -> Text:
    """Number and title on the left, who on the right (the title gives way first)."""
    who = Text(authors_text(entry), style=palette.muted)
    if who.cell_len > width // 2:
        who.truncate(width // 2, overflow="ellipsis")
    left = Text()
    left.append(f"{clean_line(entry.number):>6}  ", style=Style(bold=True))
    left.append(clean_line(entry.title), style=Style(bold=True, dim=not entry.present))
    room = width - who.cell_len - 2
    line = _fit(left, room)
    line.append("  ")
    line.append_text(who)
    return _fit(line, width)


def summary_line(entry: Entry, width: int, palette: Palette) -> Text:
    """What happened in the period, in the colour of the status it ended at."""
    line = Text(" " * INDENT)
    line.append(entry.summary(), style=status_colour(entry.changes[-1].status_after, palette))
    if not entry.present:
        line.append("  (no longer in the collection)", style=palette.muted)
    return _fit(line, width)


def period_line(period: Period, width: int, palette: Palette) -> Text:
    line = Text(period.label, style=Style(bold=True, underline=True))
    line.append("  ")
    line.append(totals_text([period]), style=palette.muted)
    return _fit(line, width)


class TimelineList(ScrollView, can_focus=True):
    """Periods and their entries; a cursor on one entry; ``enter`` posts :class:`Picked`."""

    DEFAULT_CSS = stylesheet(__file__)
    COMPONENT_CLASSES: ClassVar[set[str]] = {"timeline-list--cursor"}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick", "Open ADR", id="timeline-open"),
        Binding("j,down", "move(1)", "Down", show=False, id="timeline-down"),
        Binding("k,up", "move(-1)", "Up", show=False, id="timeline-up"),
        Binding("g,home", "first", "First", show=False, id="timeline-first"),
        Binding("G,end", "last", "Last", show=False, id="timeline-last"),
        Binding("pagedown,ctrl+d", "page(1)", "Page down", show=False, id="timeline-page-down"),
        Binding("pageup,ctrl+u", "page(-1)", "Page up", show=False, id="timeline-page-up"),
    ]

    class Picked(Message):
        """``enter`` (or a click on the entry under the cursor) on ``entry``."""

        def __init__(self, entry: Entry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, palette: Palette, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.palette = palette
        #: One ``(kind, period index, entry index)`` per line.
        self._lines: list[tuple[str, int, int]] = []
        self._periods: list[Period] = []
        self._entries: list[Entry] = []
        #: The first line of each entry.
        self._first: list[int] = []
        self._cursor = 0
        self._drawn: dict[int, Strip] = {}
        self._drawn_width = -1

    # -- what is shown ----------------------------------------------------------------------

    def show(self, periods: Sequence[Period]) -> None:
        """Show ``periods`` (newest first), the cursor on the first entry."""
        self._periods = list(periods)
        self._lines, self._entries, self._first = [], [], []
        for p_index, period in enumerate(self._periods):
            if p_index:
                self._lines.append((GAP, p_index, -1))
            self._lines.append((PERIOD, p_index, -1))
            for entry in period.entries:
                self._first.append(len(self._lines))
                e_index = len(self._entries)
                self._entries.append(entry)
                self._lines.append((TITLE, p_index, e_index))
                self._lines.append((SUMMARY, p_index, e_index))
        self._cursor = 0
        self._drawn.clear()
        self.virtual_size = Size(0, len(self._lines))  # lines are cut to fit: no sideways scroll
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    @property
    def entry_count(self) -> int:
        return len(self._entries)

    @property
    def cursor(self) -> int:
        """The index of the entry under the cursor (0 when there is none)."""
        return self._cursor

    @property
    def highlighted(self) -> Entry | None:
        return self._entries[self._cursor] if self._entries else None

    def line_text(self, line: int) -> str:
        """The plain text of a line as drawn (tests)."""
        return self._line(line, self.scrollable_content_region.width).text

    # -- drawing ----------------------------------------------------------------------------

    def _line(self, index: int, width: int) -> Strip:
        if width != self._drawn_width:
            self._drawn.clear()
            self._drawn_width = width
        strip = self._drawn.get(index)
        if strip is None:
            kind, p_index, e_index = self._lines[index]
            if kind == GAP:
                text = Text(" " * width)
            elif kind == PERIOD:
                text = period_line(self._periods[p_index], width, self.palette)
            elif kind == TITLE:
                text = title_line(self._entries[e_index], width, self.palette)
            else:
                text = summary_line(self._entries[e_index], width, self.palette)
            segments = [
                Segment(seg.text, seg.style or _PLAIN) for seg in text.render(self.app.console)
            ]
            strip = Strip(segments, width)
            self._drawn[index] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_y) + y
        if not 0 <= index < len(self._lines):
            return Strip.blank(width, base)
        strip = self._line(index, width).crop_extend(0, width, None)
        _kind, _period, e_index = self._lines[index]
        if self._entries and e_index == self._cursor:
            strip = strip.apply_style(self.get_component_rich_style("timeline-list--cursor"))
        return strip.apply_style(base)

    def on_resize(self) -> None:
        self.virtual_size = Size(0, len(self._lines))  # lines are cut to fit: no sideways scroll
        self._scroll_to_cursor()

    # -- the cursor -------------------------------------------------------------------------

    def move_to(self, entry: int) -> None:
        """Put the cursor on ``entry`` (clamped) and scroll it into view."""
        if not self._entries:
            return
        entry = max(0, min(entry, len(self._entries) - 1))
        self._cursor = entry
        self._scroll_to_cursor()
        self.refresh()  # the visible lines are cached strips: redrawing them is cheap

    def _scroll_to_cursor(self) -> None:
        if not self._entries:
            return
        first = self._first[self._cursor]
        top = first
        while top > 0 and self._lines[top - 1][0] in (PERIOD, GAP) and first - top < 2:
            top -= 1  # the period's heading (and the gap above it) come into view with it
        height = max(1, self.scrollable_content_region.height)
        scroll = round(self.scroll_y)
        if top < scroll:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif first + 2 > scroll + height:
            self.scroll_to(y=first + 2 - height, animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        self.move_to(self._cursor + step)

    def action_first(self) -> None:
        self.move_to(0)
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_last(self) -> None:
        self.move_to(len(self._entries) - 1)

    def action_page(self, direction: int) -> None:
        """About a screenful of entries (two lines each) up or down."""
        step = max(1, self.scrollable_content_region.height // 2 - 1)
        self.move_to(self._cursor + direction * step)

    def action_pick(self) -> None:
        if self._entries:
            self.post_message(self.Picked(self._entries[self._cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        line = round(self.scroll_y) + offset.y
        if 0 <= line < len(self._lines) and self._lines[line][2] >= 0:
            entry = self._lines[line][2]
            if entry == self._cursor and event.chain > 1:
                self.action_pick()
            self.move_to(entry)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
