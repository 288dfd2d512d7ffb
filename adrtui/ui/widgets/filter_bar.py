"""The line under the search box: every filter in force as a chip, and what the search did.

The screen sets :attr:`FilterBar.view` (a :class:`~adrtui.ui.state.filters.FilterView`)
whenever the list is recomputed; the bar only draws it. It takes no room
when there is nothing to show (no filter, no note), so the list keeps its
lines. The note (``no exact match for `decisons`; showing `decisions```) and the
"No ADR matches …" line wrap rather than being cut: they are sentences the user
must read whole at 80 columns too. Values come from ADR files, so everything is
plain :class:`~textual.content.Content`, never markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import var
from textual.widgets import Static

from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.state.filters import Chip, FilterView

#: The action that clears every filter (its key is looked up, so a remap shows).
CLEAR_ACTION = "clear_filters"


def chip_content(chips: tuple[Chip, ...]) -> Content:
    """``filters: [status:accepted|proposed] [tag:api]`` with each chip as a badge."""
    parts: list[Content | str] = [Content.styled("filters ", "$text-muted")]
    for index, chip in enumerate(chips):
        if index:
            parts.append(" ")
        style = "$text on $primary 30%" if chip.typed else "bold $text on $accent 35%"
        parts.append(Content.styled(f" {chip.label} ", style))
    return Content.assemble(*parts)


class FilterBar(Vertical):
    """Chips for the filters in force, the search's note, and "No ADR matches …"."""

    DEFAULT_CSS = stylesheet(__file__)

    view: var[FilterView] = var(FilterView(), init=False)

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="filter-chips", markup=False)
        yield Static(Content(""), id="filter-note", markup=False)

    def on_mount(self) -> None:
        self.watch_view(self.view)

    def clear_key(self) -> str:
        """The key bound to clearing the filters, as the footer shows it."""
        for active in self.screen.active_bindings.values():
            if active.binding.action == CLEAR_ACTION:
                return self.app.get_key_display(active.binding)
        return "x"

    def watch_view(self, view: FilterView) -> None:
        self.display = view.visible
        if not self.is_mounted:
            return
        chips = self.query_one("#filter-chips", Static)
        chips.display = bool(view.chips)
        chips.update(chip_content(view.chips))
        lines = [line for line in (view.note, view.no_match_text(self.clear_key())) if line]
        note = self.query_one("#filter-note", Static)
        note.display = bool(lines)
        note.update(Content("\n".join(clean_line(line) for line in lines)))

    @property
    def text(self) -> str:
        """What the bar shows, as plain text (for tests and screen readers)."""
        if not self.display:
            return ""
        shown = [w for w in self.query(Static) if w.display]
        return "\n".join(str(w.content) for w in shown)
