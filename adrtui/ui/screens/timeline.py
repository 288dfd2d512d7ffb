"""``T``: the collection's decisions in time, by month or by year, and "what changed since X".

Under each period (newest first) one line per ADR that moved in it: number,
title, and what happened there in the words of :func:`gitlog.timeline`
(``proposed → accepted → superseded``, ``created (proposed)``, ``edited ×3``)
with who did it. ``m``/``y`` group by month or year; ``s`` (or ``/``) asks
"since when": ``30d``, ``2024-01-01`` or a tag such as ``v1.2``, read by
:func:`gitlog.parse_since` — a revision runs git, so the reading and the
grouping happen in a thread worker, never in the key handler. The heading says
what is in force ("since v1.2: 14 changes to 9 ADRs"). ``enter`` closes the
timeline and selects that ADR in the browser (the screen clears filters that
hide it). Titles and author names are repository text: ``clean_line``, ``Text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from adrtui.domain.gitlog import (
    Entry,
    Period,
    RepoHistory,
    Since,
    decisions_only,
    parse_since,
    timeline,
)
from adrtui.domain.gitlog import totals_text as change_totals
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.theme import Palette, palette_for
from adrtui.ui.widgets.timeline_list import TimelineList

LIST_HINT = "enter open · m/y month/year · d decisions · s since · escape close"


@dataclass
class TimelineBuilt(Message):
    """A worker grouped the history (``error``: the since text could not be read)."""

    generation: int
    periods: list[Period]
    since: Since | None
    error: str = ""


def heading_text(
    periods: Sequence[Period],
    by: str,
    since: Since | None,
    palette: Palette,
    error: str = "",
    decisions: bool = False,
) -> Text:
    """``since v1.2: 14 changes to 9 ADRs · by month``, and the since error if any."""
    text = Text()
    said = change_totals(periods)
    if since is not None:
        text.append(f"{clean_line(since.describe())}: ", style=Style(bold=True))
        text.append(said)
    else:
        text.append("All time: ", style=Style(bold=True))
        text.append(said)
    text.append(f" · by {by}", style=palette.muted)
    if decisions:
        text.append(" · decisions only (d shows edits)", style=palette.muted)
    if error:
        text.append("\n")
        text.append(clean_line(error), style=palette.warning)
    return text


def empty_text(since: Since | None, decisions: bool = False) -> str:
    what = "No ADR was created or changed status" if decisions else "Nothing changed"
    if since is not None:
        return f"{what} {clean_line(since.describe())}. x shows all time."
    if decisions:
        return f"{what}. d shows the edits too."
    return "git knows no commit to any ADR of this collection yet."


class TimelineScreen(ModalScreen[str | None]):
    """Every ADR's activity by period; returns the ``rel_path`` picked, or ``None``."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,T", "close", "Close", id="close-timeline"),
        Binding("m", "group('month')", "By month", id="timeline-by-month"),
        Binding("y", "group('year')", "By year", id="timeline-by-year"),
        Binding("s,slash", "ask_since", "Since…", id="timeline-ask-since"),
        Binding("x", "clear_since", "All time", id="timeline-all-time"),
        Binding("d", "toggle_decisions", "Decisions only", id="timeline-decisions"),
    ]

    def __init__(
        self,
        history: RepoHistory,
        adrs: Sequence[Adr],
        *,
        by: str = "month",
        since: Since | None = None,
    ) -> None:
        super().__init__()
        self.history = history
        self.adrs = list(adrs)
        self.by = by
        #: Only entries that were created or moved status (``d``).
        self.decisions = False
        self.since = since
        self.periods: list[Period] = []
        self.error = ""
        #: The latest grouping asked for; older answers are dropped.
        self.generation = 0
        #: The grouping drawn now (equal to ``generation`` once the latest is shown).
        self.drawn_generation = 0
        self.built = False

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box") as box:
            box.border_title = "Timeline"
            box.border_subtitle = LIST_HINT
            yield Static(Text("Grouping the history…"), id="timeline-heading", markup=False)
            yield Input(
                placeholder="since: 30d, 2w, 6m, 2024-01-01 or a tag (v1.2); empty = all time",
                id="timeline-since",
            )
            yield TimelineList(palette_for(self.app), id="timeline-list")
            yield Static(id="timeline-empty", markup=False)

    def on_mount(self) -> None:
        self.query_one(TimelineList).focus()
        self._rebuild(self.since.text if self.since else None)

    # -- grouping (in a worker) ------------------------------------------------------------

    def _rebuild(self, since_text: str | None) -> None:
        self.generation += 1
        self._group(self.generation, self.by, since_text, self.decisions)

    @work(thread=True, exclusive=True, group="timeline")
    def _group(self, generation: int, by: str, since_text: str | None, decisions: bool) -> None:
        """Read the since text (a revision asks git) and group: both off the UI thread."""
        current, error = self.since, ""
        since: Since | None = None
        if since_text and current is not None and since_text == current.text:
            since = current
        elif since_text:
            try:
                since = parse_since(since_text, self.history)
            except ValueError as failed:
                since, error = current, str(failed)  # the filter in force stays
        periods = timeline(self.history, self.adrs, by=by, since=since)
        if decisions:
            periods = decisions_only(periods)
        self.post_message(TimelineBuilt(generation, periods, since, error))

    @on(TimelineBuilt)
    def _built(self, message: TimelineBuilt) -> None:
        if message.generation != self.generation:
            return
        self.since, self.periods, self.error = message.since, message.periods, message.error
        self.built = True
        self._draw()
        self.drawn_generation = message.generation

    def _draw(self) -> None:
        palette = palette_for(self.app)
        self.query_one("#timeline-heading", Static).update(
            heading_text(self.periods, self.by, self.since, palette, self.error, self.decisions)
        )
        entries = self.query_one(TimelineList)
        entries.show(self.periods)
        empty = self.query_one("#timeline-empty", Static)
        empty.update(
            Text(empty_text(self.since, self.decisions)) if not entries.entry_count else Text()
        )
        self.set_class(not entries.entry_count, "-empty")
        if entries.entry_count and not self.has_class("-asking"):
            entries.focus()  # hidden while empty, it lost the focus

    # -- what the user sees and does -------------------------------------------------------

    @property
    def highlighted_entry(self) -> Entry | None:
        return self.query_one(TimelineList).highlighted

    @property
    def entries(self) -> list[tuple[str, Entry]]:
        """``(period key, entry)`` in the order shown (for tests and scripts)."""
        return [(period.key, entry) for period in self.periods for entry in period.entries]

    @on(TimelineList.Picked)
    def _picked(self, message: TimelineList.Picked) -> None:
        message.stop()
        entry = message.entry
        if not entry.present:
            self.notify(f"{clean_line(entry.rel_path)} is no longer in the collection.", timeout=4)
            return
        self.dismiss(entry.rel_path)

    def action_group(self, by: str) -> None:
        if by != self.by:
            self.by = by
            self._rebuild(self.since.text if self.since else None)

    def action_toggle_decisions(self) -> None:
        self.decisions = not self.decisions
        self._rebuild(self.since.text if self.since else None)

    def action_ask_since(self) -> None:
        field = self.query_one("#timeline-since", Input)
        field.value = self.since.text if self.since else ""
        self.add_class("-asking")
        self.query_one("#timeline-box").border_subtitle = "enter apply · escape cancel"
        field.focus()

    @on(Input.Submitted, "#timeline-since")
    def _since_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._stop_asking()
        self._rebuild(event.value.strip())

    def _stop_asking(self) -> None:
        self.remove_class("-asking")
        self.query_one("#timeline-box").border_subtitle = LIST_HINT
        self.query_one(TimelineList).focus()

    def action_clear_since(self) -> None:
        if self.since is not None or self.error:
            self.error = ""
            self._rebuild(None)

    def action_close(self) -> None:
        if self.has_class("-asking"):
            self._stop_asking()
            return
        self.dismiss(None)
