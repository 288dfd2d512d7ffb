"""The scrollable body of the detail pane: pre-rendered lines, drawn only where visible.

It shows a :class:`~adrtui.ui.rendering.markdown.RenderedDocument` (rendered in a
worker by the detail pane), steps through search hits with ``n``/``N`` and
through links with ``f``/``F``. ``enter`` (or a click) follows a link: a heading
of this ADR is scrolled to, a web page opens in the browser (copied instead over
SSH or without a graphical browser), anything else becomes an
:class:`~adrtui.ui.messages.OpenLink` request the screen answers (ADRs open in
the app, with history).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from textual import events, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.strip import Strip

from adrtui.domain.text import clean_line
from adrtui.ui.messages import OpenLink
from adrtui.ui.rendering.markdown import RenderedDocument, restyle
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.state.links import can_open_browser, link_action
from adrtui.ui.theme import palette_for
from adrtui.ui.widgets.typed_keys import KeysTypedWhileFocused

_NOT_TEXT = re.compile(r"[\W_]+")
#: Seconds a ``other.md#heading`` link waits for its ADR to be drawn.
ANCHOR_PATIENCE = 5.0
#: The link ``f``/``F`` selected: drawn reversed over its own colours.
SELECTED_LINK = Style(reverse=True, bold=True)


class DocumentView(KeysTypedWhileFocused, ScrollView, can_focus=True):
    """A read-only document: keyboard scrolling, search hits, clickable links."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_hit", "Next hit", id="next-hit"),
        Binding("N", "previous_hit", "Prev hit", show=False, id="previous-hit"),
        Binding("f", "next_link", "Next link", id="next-link"),
        Binding("F", "previous_link", "Prev link", show=False, id="previous-link"),
        Binding("enter", "follow_link", "Follow link", id="follow-link"),
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
    #: Index into ``document.link_spans`` of the link ``f``/``F`` selected (-1: none).
    current_link: var[int] = var(-1, init=False)
    #: The ADR the document belongs to (links resolve relative to it).
    source_path: str | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cache: dict[int, Strip] = {}
        #: A heading to scroll to once the next document is drawn (``other.md#heading``),
        #: and when it was asked for (a link that opened nothing must not move a later ADR).
        self._pending_anchor: tuple[str, float] | None = None
        #: Characters of text above the view to restore once re-rendered (a resize).
        self._reading_at: int | None = None
        #: The ADR shown, and where the reader left the ADRs read before (characters).
        self._shown: str | None = None
        self._places: dict[str, int] = {}

    def watch_document(self, old: RenderedDocument, document: RenderedDocument) -> None:
        self._cache = {}
        self.current_hit = -1
        self.current_link = -1
        self.virtual_size = Size(document.width, len(document.lines))
        self.refresh()
        if bool(old.hits) != bool(document.hits) or bool(old.link_spans) != bool(
            document.link_spans
        ):
            self.refresh_bindings()  # n/N and f/F show only when there are hits and links
        if self._pending_anchor is not None and not document.partial:
            (anchor, asked), self._pending_anchor = self._pending_anchor, None
            if time.monotonic() - asked < ANCHOR_PATIENCE:
                self.call_after_refresh(self.scroll_to_anchor, anchor)

    def watch_current_hit(self, _old: int, _new: int) -> None:
        self._cache = {}
        self.refresh()

    def watch_current_link(self, old: int, new: int) -> None:
        self._cache = {}
        self.refresh()
        if (old < 0) != (new < 0):
            self.refresh_bindings()  # enter follows a link only while one is selected

    def reset_scroll(self) -> None:
        self.scroll_to(0, 0, animate=False, immediate=True)

    def show_document(
        self, document: RenderedDocument, *, same_source: bool, path: str | None = None
    ) -> None:
        """Show ``document`` (the body of ``path``) and keep the reader's place.

        A re-render of the same ADR (another width after a resize, the rest of a long
        one, a new search) stays on the line holding the same letter of the text, with
        the hit and link stepped to. Another ADR starts at its top, unless the reader
        comes back to one read in this pane (``[`` after following a link): then it
        opens where they left it.
        """
        old = self.document
        hit, link = self.current_hit, self.current_link
        if not same_source or not old.lines:
            if old.lines and self._shown is not None:
                if len(self._places) > 64:
                    self._places.pop(next(iter(self._places)))
                self._places[self._shown] = _chars_before(old.plain, int(self.scroll_y))
            self._shown = path
            self._reading_at = self._places.get(path) if self.has_focus and path else None
            hit = link = -1
            self.document = document
            self.reset_scroll()
        else:
            if old.width != document.width and self._reading_at is None:
                self._reading_at = _chars_before(old.plain, int(self.scroll_y))
            self.document = document
        if self._reading_at is not None:
            line = _line_at(document.plain, self._reading_at)
            if line is not None or not document.partial:  # else: wait for the rest
                self._reading_at = None
                last = len(document.lines) - 1
                self.scroll_to(y=last if line is None else line, animate=False, immediate=True)
        if hit >= 0 and len(document.hits) == len(old.hits):
            self.current_hit = hit
            self._show_line(document.hits[hit][0], always=False)
        if link >= 0 and len(document.link_spans) == len(old.link_spans):
            self.current_link = link

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
            link = self._current_link_pieces()
            spans = [(start, end) for line, start, end in link if line == index]
            if spans:
                segments = restyle(segments, spans, SELECTED_LINK)
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

    def _current_link_pieces(self) -> tuple[tuple[int, int, int], ...]:
        spans = self.document.link_spans
        return spans[self.current_link][1] if 0 <= self.current_link < len(spans) else ()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden from the footer (False) when they cannot act: only keys that work now show.
        if action in {"next_hit", "previous_hit"}:
            return bool(self.document.hits)
        if action in {"next_link", "previous_link"}:
            return bool(self.document.link_spans)
        if action == "follow_link":
            return self.current_link >= 0
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
        self._show_line(hits[self.current_hit][0])

    def _show_line(self, line: int, *, always: bool = True) -> None:
        """Scroll ``line`` into view, a third down the pane (``always=False``: only if hidden)."""
        height = self.scrollable_content_region.height
        top = int(self.scroll_y)
        if always or not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False)

    @property
    def hit_position(self) -> str:
        """``3/17`` while ``n``/``N`` step through hits (empty before the first step)."""
        hits = self.document.hits
        if 0 <= self.current_hit < len(hits):
            return f"{self.current_hit + 1}/{len(hits)}"
        return ""

    # -- links -------------------------------------------------------------------

    def action_next_link(self) -> None:
        self._step_link(+1)

    def action_previous_link(self) -> None:
        self._step_link(-1)

    def _step_link(self, step: int) -> None:
        spans = self.document.link_spans
        if not spans:
            return
        if self.current_link < 0:
            top = int(self.scroll_y)
            bottom = top + self.scrollable_content_region.height
            if step > 0:
                index = next((i for i, s in enumerate(spans) if s[1][0][0] >= top), 0)
            else:
                index = next(
                    (i for i in range(len(spans) - 1, -1, -1) if spans[i][1][0][0] < bottom),
                    len(spans) - 1,
                )
        else:
            index = (self.current_link + step) % len(spans)
        self.current_link = index
        self._show_line(spans[index][1][0][0], always=False)

    def action_follow_link(self) -> None:
        spans = self.document.link_spans
        if 0 <= self.current_link < len(spans):
            self.follow(self.document.links[spans[self.current_link][0]])

    def follow(self, href: str) -> None:
        """Follow ``href`` written in this document (see the module's docstring)."""
        action = link_action(href, self.source_path)
        if action.kind == "anchor":
            if not self.scroll_to_anchor(action.target):
                self.notify(f"No heading #{clean_line(action.target)} in this ADR.", timeout=3)
        elif action.kind == "web":
            self._open_web(action.target)
        else:
            fragment = href.partition("#")[2].lower()
            self._pending_anchor = (fragment, time.monotonic()) if fragment else None
            self.post_message(OpenLink(href, self.source_path))

    def scroll_to_anchor(self, slug: str) -> bool:
        """Scroll the heading ``slug`` to the top; False when there is none."""
        line = self.document.anchors.get(slug)
        if line is None:
            return False
        self.scroll_to(y=line, animate=False)
        return True

    def _open_web(self, url: str) -> None:
        shown = clean_line(url)
        if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
            self._copy_url(url, "over SSH")
            return
        self.notify(f"Opening {shown}", timeout=2, markup=False)
        self._open_in_browser(url)

    @work(thread=True, group="open-url", exit_on_error=False, description="open url")
    def _open_in_browser(self, url: str) -> None:
        # Finding the browser looks at the PATH: not on the UI thread.
        if can_open_browser():
            self.app.open_url(url)
        else:
            self.app.call_from_thread(self._copy_url, url, "no browser to open it")

    def _copy_url(self, url: str, why: str) -> None:
        self.app.copy_to_clipboard(url)
        self.notify(f"Copied URL {clean_line(url)} ({why})", timeout=4, markup=False)

    # -- scrolling ---------------------------------------------------------------

    def action_half_page_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height // 2), animate=False)

    def action_half_page_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height // 2), animate=False)

    def on_click(self, event: events.Click) -> None:
        style: Style = event.style
        index = style.meta.get("href") if style.meta else None
        if isinstance(index, int) and 0 <= index < len(self.document.links):
            event.stop()
            self.follow(self.document.links[index])

    def line_text(self, index: int) -> str:
        """The plain text of a rendered line (for tests and copy)."""
        plain = self.document.plain
        return plain[index] if 0 <= index < len(plain) else ""


def _chars_before(plain: Sequence[str], line: int) -> int:
    """How many letters and digits the lines above ``line`` hold (the same at any width:
    spaces, rules and borders are not counted)."""
    return sum(len(_NOT_TEXT.sub("", text)) for text in plain[:line])


def _line_at(plain: Sequence[str], chars: int) -> int | None:
    """The line where ``chars`` letters and digits have gone by (None: past the end)."""
    seen = 0
    for index, text in enumerate(plain):
        if seen >= chars:
            return index
        seen += len(_NOT_TEXT.sub("", text))
    return None
