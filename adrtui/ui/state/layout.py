"""Which of the three panes the browser shows, and how the space is shared between them.

The user zooms the focused pane (``z``), hides or shows the relations pane
(``R``) and gives the list more or less of the screen (``<``/``>``); the
terminal's width picks a breakpoint (narrow under 100 columns, medium under
150, wide). :class:`PaneLayout` keeps the user's choices and answers, for a
breakpoint, what is on screen: the classes the stylesheet draws from, the grid
proportions, which pane ``tab`` may visit and the hint the detail shows when
the relations are out of sight. Plain data, tested without a terminal; the
:class:`~adrtui.ui.widgets.pane_grid.PaneGrid` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Pane = Literal["list", "detail", "relations"]
PANES: tuple[Pane, ...] = ("list", "detail", "relations")

NARROW, MEDIUM, WIDE = "-narrow", "-medium", "-wide"

#: The list's share of the split (percent) as the stylesheet draws each breakpoint:
#: wide ``9fr 7fr 4fr``, medium ``11fr 9fr``, narrow one row over the other.
DEFAULT_SHARE = {WIDE: 45, MEDIUM: 55, NARROW: 50}
#: ``<``/``>`` move the list's share by this many percent, within the limits.
SHARE_STEP = 10
MIN_SHARE, MAX_SHARE = 20, 80
#: At wide, what the list leaves is shared by the detail and the relations as 7:4.
_DETAIL_PART, _RELATIONS_PART = 7, 4


@dataclass
class PaneLayout:
    """The user's layout choices; every answer is for one breakpoint."""

    #: The maximised pane (``None``: all panes share the screen).
    zoomed: Pane | None = None
    #: Relations shown (True) or hidden (False) by the user; ``None``: the breakpoint
    #: decides (shown at medium and wide; at narrow only while they have the focus).
    relations: bool | None = None
    #: Steps of :data:`SHARE_STEP` added to the list's share (negative: narrower).
    list_steps: int = 0
    #: The pane holding the focus (``None``: the search box or nothing).
    focus: Pane | None = None

    # -- the user's keys ---------------------------------------------------------------

    def toggle_zoom(self, pane: Pane | None) -> None:
        """``z``: maximise ``pane`` (the focused one; the list when none is), or restore."""
        self.zoomed = None if self.zoomed is not None else (pane or "list")

    def toggle_relations(self, breakpoint: str) -> bool:
        """``R``: show the relations if they are out of sight, else hide them; True if now shown."""
        shown = not self.relations_in_view(breakpoint)
        self.relations = shown
        if shown and self.zoomed is not None and self.zoomed != "relations":
            self.zoomed = None  # showing them means seeing them
        if not shown and self.zoomed == "relations":
            self.zoomed = None
        return shown

    def resize_list(self, steps: int, breakpoint: str) -> bool:
        """``>`` (+1) / ``<`` (-1): a wider or narrower list; False at a limit."""
        share = DEFAULT_SHARE.get(breakpoint, 50) + (self.list_steps + steps) * SHARE_STEP
        if not MIN_SHARE <= share <= MAX_SHARE:
            return False  # (so the way back is always one key per step)
        self.list_steps += steps
        return True

    def focus_moved(self, pane: Pane | None) -> None:
        """The focus went to ``pane``; a zoom follows it (``tab``, ``enter`` on a row)."""
        self.focus = pane
        if self.zoomed is not None and pane is not None:
            self.zoomed = pane

    # -- what is on screen ---------------------------------------------------------------

    def list_share(self, breakpoint: str) -> int:
        share = DEFAULT_SHARE.get(breakpoint, 50) + self.list_steps * SHARE_STEP
        return max(MIN_SHARE, min(MAX_SHARE, share))

    def relations_wanted(self, breakpoint: str) -> bool:
        """The relations pane is part of the layout (narrow: it takes the detail's place)."""
        return self.relations if self.relations is not None else breakpoint != NARROW

    def visible(self, breakpoint: str) -> tuple[Pane, ...]:
        """The panes drawn at ``breakpoint``, in screen order."""
        if self.zoomed is not None:
            return (self.zoomed,)
        if breakpoint != NARROW:
            wanted = self.relations_wanted(breakpoint)
            return ("list", "detail", "relations") if wanted else ("list", "detail")
        # Narrow: list over one more pane: the focused one, else the user's choice.
        if self.focus in ("detail", "relations"):
            return ("list", self.focus)
        return ("list", "relations" if self.relations_wanted(breakpoint) else "detail")

    def relations_in_view(self, breakpoint: str) -> bool:
        return "relations" in self.visible(breakpoint)

    def visitable(self, pane: Pane, breakpoint: str) -> bool:
        """Whether ``tab`` stops at ``pane``: not at relations the user hid at medium or
        wide (at narrow, and while zoomed, the pane tab reaches comes into view)."""
        if self.zoomed is not None or breakpoint == NARROW:
            return True
        return pane != "relations" or self.relations_wanted(breakpoint)

    def classes(self) -> dict[str, bool]:
        """The screen classes the stylesheet lays the panes out from.

        They hold for every breakpoint (the stylesheet combines them with the
        breakpoint's class), so when a resize crosses one the right panes are
        shown from the first frame: a focused pane is never hidden, even briefly
        (Textual would drop the focus)."""
        zoomed = self.zoomed is not None
        classes = {
            "-zoomed": zoomed,
            # Medium and wide: the relations pane is left out.
            "-relations-hidden": not zoomed and "relations" not in self.visible(WIDE),
            # Narrow: the second row holds the relations instead of the detail.
            "-relations-shown": not zoomed and "relations" in self.visible(NARROW),
        }
        for pane in PANES:
            classes[f"-zoom-{pane}"] = self.zoomed == pane
        return classes

    def grid_columns(self, breakpoint: str) -> str | None:
        """The grid's columns when the user changed the list's width (``None``: the
        stylesheet's own, for the breakpoint)."""
        if self.zoomed is not None or breakpoint == NARROW or not self.list_steps:
            return None
        share = self.list_share(breakpoint)
        rest = 100 - share
        if breakpoint == WIDE and self.relations_in_view(breakpoint):
            total = _DETAIL_PART + _RELATIONS_PART
            detail = rest * _DETAIL_PART // total
            return f"{share}fr {detail}fr {rest - detail}fr"
        return f"{share}fr {rest}fr"

    def grid_rows(self, breakpoint: str) -> str | None:
        """At narrow the list is over the detail: ``<``/``>`` share the height instead."""
        if self.zoomed is not None or breakpoint != NARROW or not self.list_steps:
            return None
        share = self.list_share(breakpoint)
        return f"{share}fr {100 - share}fr"

    def relations_hint(self, breakpoint: str, count: int, key: str) -> str:
        """What the detail's border says when the ADR has relations the user cannot see."""
        visible = self.visible(breakpoint)
        if not count or "relations" in visible or "detail" not in visible:
            return ""
        noun = "relation" if count == 1 else "relations"
        return f"{count} {noun} · {key} shows them"
