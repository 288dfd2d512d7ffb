"""The scrollable body of the detail pane: pre-rendered lines, drawn only where visible.

It shows a :class:`~adrtui.ui.rendering.markdown.RenderedDocument` (rendered in a
worker by the detail pane), steps through search hits with ``n``/``N`` and turns
a click on a link into an :class:`~adrtui.ui.messages.OpenLink` request.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from adrtui.ui.messages import OpenLink
from adrtui.ui.rendering.markdown import RenderedDocument, restyle
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.theme import palette_for


class DocumentView(ScrollView, can_focus=True):
    """A read-only document: keyboard scrolling, search hits, clickable links."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_hit", "Next hit", id="next-hit"),
        Binding("N", "previous_hit", "Prev hit", show=False, id="previous-hit"),
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="scroll-down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="scroll-up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="scroll-top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="scroll-bottom"),
        Binding("ctrl+d", "half_page_down", "Half page down", show=False, id="half-page-down"),
        Binding("ctrl+u", "half_page_up", "Half page up", show=False, id="half-page-up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="doc-page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="doc-page-up"),
    ]

    document: var[RenderedDocument] = var(RenderedDocument(), always_update=True, init=False)
    #: Index into ``document.hits`` of the hit ``n``/``N`` moved to (-1: none yet).
    current_hit: var[int] = var(-1, init=False)
    #: The ADR the document belongs to (links resolve relative to it).
    source_path: str | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cache: dict[int, Strip] = {}

    def watch_document(self, old: RenderedDocument, document: RenderedDocument) -> None:
        self._cache = {}
        self.current_hit = -1
        self.virtual_size = Size(document.width, len(document.lines))
        self.refresh()
        if bool(old.hits) != bool(document.hits):
            self.refresh_bindings()  # n/N are enabled only when there are hits

    def watch_current_hit(self, _old: int, _new: int) -> None:
        self._cache = {}
        self.refresh()

    def reset_scroll(self) -> None:
        self.scroll_to(0, 0, animate=False, immediate=True)

    # -- drawing -----------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        lines = self.document.lines
        if index >= len(lines):
            return Strip.blank(width, base)
        cache = self._cache
        strip = cache.get(index)
        if strip is None:
            segments = lines[index]
            hit = self._current_hit_span()
            if hit is not None and hit[0] == index:
                segments = restyle(segments, [(hit[1], hit[2])], palette_for(self.app).current_hit)
            strip = Strip(list(segments))
            if len(cache) > 512:
                cache.clear()
            cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base).apply_style(base)

    def _current_hit_span(self) -> tuple[int, int, int] | None:
        hits = self.document.hits
        if 0 <= self.current_hit < len(hits):
            return hits[self.current_hit]
        return None

    # -- search hits -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"next_hit", "previous_hit"}:
            # Dimmed (not passed on) without hits: in the detail, n always means "next hit".
            return True if self.document.hits else None
        return True

    def action_next_hit(self) -> None:
        self._step_hit(+1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        hits = self.document.hits
        if not hits:
            self.notify("No search hits in this ADR.", timeout=2)
            return
        if self.current_hit < 0:
            # Start from the first hit at or after the top of the view (or before, going up).
            top = int(self.scroll_y)
            if step > 0:
                start = next((i for i, h in enumerate(hits) if h[0] >= top), 0)
            else:
                start = next(
                    (i for i in range(len(hits) - 1, -1, -1) if hits[i][0] < top), len(hits) - 1
                )
            self.current_hit = start
        else:
            self.current_hit = (self.current_hit + step) % len(hits)
        line = hits[self.current_hit][0]
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(0, line - height // 3), animate=False)

    # -- scrolling ---------------------------------------------------------------

    def action_half_page_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height // 2), animate=False)

    # -- links -------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        style: Style = event.style
        index = style.meta.get("href") if style.meta else None
        if isinstance(index, int) and 0 <= index < len(self.document.links):
            event.stop()
            self.post_message(OpenLink(self.document.links[index], self.source_path))

    def line_text(self, index: int) -> str:
        """The plain text of a rendered line (for tests and copy)."""
        plain = self.document.plain
        return plain[index] if 0 <= index < len(plain) else ""
