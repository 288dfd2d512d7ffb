"""The detail pane: a metadata header over the rendered body of the selected ADR.

The header (number, title, status, date, authors, deciders, consulted, informed,
tags, what git knows of it, file, warnings) is cheap and follows the selection at once. The body is
rendered in a thread worker: immediately when the selection rests, debounced
while the cursor is moving fast (only the last ADR is rendered), and the head of
a long document is painted before the rest.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.events import Resize
from textual.message import Message
from textual.reactive import var
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from adrtui.domain.gitlog import FileHistory, RepoHistory
from adrtui.domain.model import Adr
from adrtui.domain.text import clean, clean_line
from adrtui.ui.rendering.git_header import git_facts, pack
from adrtui.ui.rendering.markdown import RenderedDocument, head_of, inline_plain, render_document
from adrtui.ui.rendering.repeated import HeaderFacts
from adrtui.ui.rendering.repo_settings import StatusStyles
from adrtui.ui.rendering.snippet import best_snippet
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.state import SpanFinder
from adrtui.ui.theme import Palette, palette_for
from adrtui.ui.widgets.document import DocumentView

#: While the selection moves faster than this, only the last ADR's body is rendered.
DEBOUNCE_SECONDS = 0.15
#: Bodies up to this size (or the head of longer ones) are rendered without a worker.
QUICK_RENDER_CHARS = 4096
_DEEP_NESTING = re.compile(r"^(?:[ \t>*+-]|\d+\.){48,}", re.MULTILINE)


class DetailPane(Vertical):
    """Header + body of one ADR. The screen sets ``adr``, ``highlight`` and ``notes``."""

    DEFAULT_CSS = stylesheet(__file__)

    adr: var[Adr | None] = var(None, always_update=True, init=False)
    #: Finds the current search's matches in the body (``None``: no search).
    highlight: var[SpanFinder | None] = var(None, init=False)
    #: Extra problems to show under the header (lint findings for this ADR).
    notes: var[tuple[str, ...]] = var((), init=False)
    #: Text shown when there is no ADR (empty folder, no match).
    empty_text: var[str] = var("No ADR selected.", init=False)
    #: The repository's history (``None``: none): created, changed, commits, committers.
    history: var[RepoHistory | None] = var(None, init=False)

    @dataclass
    class Rendered(Message):
        """A body finished rendering in the worker (``generation`` tells stale ones)."""

        generation: int
        path: str | None
        document: RenderedDocument

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._generation = 0
        self._last_change = 0.0
        self._timer: Timer | None = None
        self._shown_path: str | None = None
        self._rendered_width = 0
        self._status_styles: StatusStyles | None = None
        #: The best search hit of the body on screen, for the header (None: no search).
        self._snippet: Text | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("No ADR selected."), id="detail-meta", markup=False)
        yield DocumentView(id="detail-body")

    @property
    def shown_path(self) -> str | None:
        """The ADR whose body is on screen (may lag ``adr`` while it renders)."""
        return self._shown_path

    @property
    def pending(self) -> bool:
        """True while a debounced render is waiting to start."""
        return self._timer is not None

    @property
    def body(self) -> DocumentView:
        return self.query_one(DocumentView)

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._refresh_all())
        self.watch(self.body, "current_hit", lambda _hit: self._update_subtitle(), init=False)

    def _refresh_all(self) -> None:
        self._update_header()
        self._schedule_render(immediate=True)

    def use_status_styles(self, styles: StatusStyles | None) -> None:
        """The repository's status colours (``None``: the theme's) for the header's badge."""
        if styles is not self._status_styles:
            self._status_styles = styles
            self._update_header()

    def show(self, adr: Adr | None, highlight: SpanFinder | None) -> None:
        """Show ``adr`` with ``highlight``, rendering once (and not at all if unchanged)."""
        if adr is self.adr and highlight is self.highlight:
            return
        if adr is self.adr:
            self.highlight = highlight
            return
        self.set_reactive(DetailPane.highlight, highlight)
        self.adr = adr

    # -- reactive inputs -----------------------------------------------------------

    def watch_adr(self, adr: Adr | None) -> None:
        self._update_header()
        self._schedule_render(immediate=False)

    def watch_highlight(self, highlight: SpanFinder | None) -> None:
        # The same ADR with other words marked: its body stays on screen until the new
        # one is ready, rendered in the worker. On the UI thread (the quick path) it took
        # ~150 ms on 10,000 ADRs and landed on the next keystroke typed in the search.
        self._schedule_render(immediate=True, quick=self._shown_path != self._path_of_adr)

    def watch_notes(self, notes: tuple[str, ...]) -> None:
        self._update_header()

    def watch_empty_text(self, text: str) -> None:
        self._update_header()

    def watch_history(self, history: RepoHistory | None) -> None:
        self._update_header()

    def on_resize(self, event: Resize) -> None:
        self._update_header()  # the status text is cut to the new width
        if self._body_width() != self._rendered_width:
            self._schedule_render(immediate=True)

    # -- header --------------------------------------------------------------------

    def _update_header(self) -> None:
        if not self.is_mounted:
            return
        header = self.query_one("#detail-meta", Static)
        adr, styles = self.adr, self._status_styles
        status_style = styles.style_for(adr.status_raw, adr.status) if styles and adr else None
        width = header.content_region.width or self.size.width
        shown = adr is not None and adr.rel_path == self._shown_path
        snippet = self._snippet if shown else None
        palette = palette_for(self.app)
        history = self.history
        git = history.of(adr.rel_path) if history is not None and adr is not None else None
        header.update(
            build_header(
                adr, self.notes, palette, self.empty_text, status_style, width, snippet, git
            )
        )

    # -- body ----------------------------------------------------------------------

    def _body_width(self) -> int:
        body = self.body
        return max(20, body.scrollable_content_region.width or self.size.width or 80)

    @property
    def _path_of_adr(self) -> str | None:
        return self.adr.rel_path if self.adr is not None else None

    def _schedule_render(self, *, immediate: bool, quick: bool = True) -> None:
        if not self.is_mounted:
            return
        now = time.monotonic()
        moving_fast = now - self._last_change < DEBOUNCE_SECONDS
        self._last_change = now
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if immediate or not moving_fast:
            self._start_render(quick=quick)
        else:
            self._timer = self.set_timer(DEBOUNCE_SECONDS, self._start_render)

    def _start_render(self, *, quick: bool = True) -> None:
        """Render the body; ``quick``: a short one (or the head of a long one) at once,
        on the UI thread, the rest in the worker."""
        self._timer = None
        self._generation += 1
        adr = self.adr
        width = self._body_width()
        self._rendered_width = width
        if adr is None:
            self._show(None, RenderedDocument())
            return
        self.body.source_path = adr.rel_path
        text = clean(adr.body)
        palette = palette_for(self.app)
        facts = HeaderFacts.of(adr)
        first = quick_part(text) if quick else None
        if first is not None:
            # A few KB render in milliseconds: paint them now, no thread hand-off.
            partial = first is not text
            self._show(
                adr.rel_path,
                render_document(
                    first, width, palette, self.highlight, partial=partial, facts=facts
                ),
            )
            if not partial:
                return
        generation, highlight, path = self._generation, self.highlight, adr.rel_path

        def render_rest() -> None:
            # Started after the head is painted, so that paint does not wait for it.
            if generation == self._generation:
                self._render_body(generation, path, text, width, highlight, palette, facts)

        if first is None:
            render_rest()
        else:
            self.call_after_refresh(render_rest)

    @work(
        thread=True,
        exclusive=True,
        group="detail-render",
        exit_on_error=False,
        description="render",
    )
    def _render_body(
        self,
        generation: int,
        path: str,
        text: str,
        width: int,
        highlight: SpanFinder | None,
        palette: Palette,
        facts: HeaderFacts,
    ) -> None:
        document = render_document(text, width, palette, highlight, facts=facts)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Rendered(generation, path, document))

    @on(Rendered)
    def _rendered(self, message: Rendered) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._show(message.path, message.document)

    def _show(self, path: str | None, document: RenderedDocument) -> None:
        body = self.body
        same_adr = path == self._shown_path
        self._shown_path = path
        body.show_document(document, same_source=same_adr, path=path)
        hit_style = palette_for(self.app).hit
        self._snippet = best_snippet(document.plain, document.hits, hit_style)
        self._update_header()
        self._update_subtitle()
        self.post_message(self.Shown(path))

    def _update_subtitle(self) -> None:
        """Hits (and which one ``n``/``N`` is on) in the rule under the header, where
        they stay visible while the body scrolls."""
        document = self.body.document
        hits = len(document.hits)
        facts = [document.note] if document.note else []
        position = self.body.hit_position
        if position:
            facts.append(f"hit {position} · n/N")
        elif hits:
            suffix = "+" if document.partial else ""
            facts.append(f"{hits}{suffix} {'hit' if hits == 1 else 'hits'} · n/N")
        self.query_one("#detail-meta", Static).border_subtitle = " · ".join(facts)

    @dataclass
    class Shown(Message):
        """The body of ``path`` is on screen (benchmarks and tests wait for this)."""

        path: str | None


def quick_part(text: str) -> str | None:
    """What may be rendered on the UI thread: the whole text when short, else its head.

    ``None`` when even the head looks pathological (deeply nested lists or quotes),
    which then renders only in the worker.
    """
    first = text if len(text) <= 2 * QUICK_RENDER_CHARS else head_of(text, QUICK_RENDER_CHARS)
    if first is None or _DEEP_NESTING.search(first):
        return None
    return first


def status_rest(raw: str | None, status: str | None) -> str:
    """What the written status says besides its word, as plain text on one line.

    ``⌛️ Superseded by [36. Multi-cluster](036-x.md)`` → ``by 36. Multi-cluster``
    (the badge shows ``superseded``). A word the team wrote that the badge translates
    (``Approved``, ``Akzeptiert``, ``Implemented``: the badge says ``accepted``) stays,
    so the detail never loses the word as written (the body may leave out a Status
    section that holds only that word).
    """
    plain = inline_plain(clean_line(raw or ""))
    start = 0
    while start < len(plain) and not plain[start].isalnum():
        start += 1  # emoji and markers before the word are decoration
    body = plain[start:]
    if not status:
        return body
    folded = body.casefold()
    if folded.startswith(status.casefold()) and not folded[len(status) : len(status) + 1].isalnum():
        body = body[len(status) :]
    return body.lstrip(" :-–—,;.")


def build_header(
    adr: Adr | None,
    notes: tuple[str, ...],
    palette: Palette,
    empty_text: str,
    status_style: Style | None = None,
    width: int | None = None,
    snippet: Text | None = None,
    git: FileHistory | None = None,
) -> Text:
    """The metadata block above the body. All file text goes in as plain ``Text``.

    ``status_style`` is the repository's colour for this status (``.adrtui.toml``),
    drawn instead of the theme's badge. The badge holds the status word of the one
    vocabulary; the rest of the status as written follows as plain text, cut to
    one line of ``width`` cells. ``snippet`` (the best search hit) follows on one
    line, above the file name: in a short pane the header's last lines are cut.
    ``git`` (the ADR's history) adds a line: created and changed (day, author),
    commits, committers; a date or authors git filled in say ``from git``.
    """
    if adr is None:
        return Text(empty_text, style=palette.muted)
    text = Text()
    if adr.number is not None:
        text.append(f"ADR {adr.display_number}  ", style=Style(bold=True) + palette.muted)
    title = clean_line(adr.title) or clean_line(adr.name)
    text.append(title, style=Style(bold=True))
    text.append("\n")
    badge = f" {clean_line(adr.status or '') or 'no status'} "
    text.append(badge, style=status_style or palette.status(adr.status))
    rest = status_rest(adr.status_raw, adr.status)
    if rest:
        # The words around the status, on one line: never a paragraph in the badge.
        room = max(12, (width or 80) - len(badge) - len(adr.date or "") - 6)
        said = Text(rest)
        said.truncate(room, overflow="ellipsis")
        text.append(" ")
        text.append_text(said)
    facts = []
    if adr.date:
        facts.append(adr.date + (" (from git)" if "date" in adr.git_filled else ""))
    authors = "authors (from git)" if "authors" in adr.git_filled else "authors"
    for label, names in (
        (authors, adr.authors),
        ("deciders", adr.deciders),
        ("consulted", adr.consulted),
        ("informed", adr.informed),
    ):
        if names:
            facts.append(f"{label}: " + ", ".join(clean_line(n) for n in names))
    if adr.tags:
        facts.append("tags: " + ", ".join(clean_line(t) for t in adr.tags))
    if facts:
        text.append("  " + " · ".join(facts))
    if git is not None and git.changes:
        for packed in pack(git_facts(git, adr.git_filled), max(10, (width or 80) - 1)):
            text.append("\n" + packed, style=palette.muted)
    if snippet is not None:
        line = snippet.copy()
        line.truncate(max(10, (width or 80) - 2), overflow="ellipsis")
        text.append("\n› ", style=palette.muted)
        text.append_text(line)
    text.append("\n")
    text.append(clean_line(adr.rel_path), style=palette.muted)
    for warning in (*adr.warnings, *notes):
        text.append("\n⚠ " + clean_line(warning), style=palette.warning)
    return text
