"""``H``: the selected ADR's history — every commit to it, newest first, and any one's diff.

"Who accepted this, when, and what did they change?" is the question. Each row
is one commit: its date, short sha, author, how it moved the status
(``proposed → accepted``, ``added as proposed``, ``renamed from 0003-x.md``,
the same words as the timeline and ``adrtui log``: :func:`gitlog.change_mark`)
and its subject. ``enter`` replaces the list with that commit's patch to this
ADR, read by git in a thread worker (never on the UI thread) and drawn safely
by :class:`~adrtui.ui.widgets.diff_view.DiffView`; ``escape`` goes back: diff →
commits → browser. Subjects, authors and titles are repository text: plain
``Text`` after :func:`clean_line`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable
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
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from adrtui.domain.gitlog import (
    MODIFIED,
    Change,
    FileHistory,
    RepoHistory,
    change_mark,
    commit_diff,
)
from adrtui.domain.model import Adr
from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.theme import Palette, palette_for
from adrtui.ui.widgets.diff_view import DiffView
from adrtui.ui.widgets.timeline_list import status_colour

#: ``commit_diff(history, sha, rel_path) -> str``: the patch of one commit to one ADR
#: (``rel_path`` as the collection knows it now; git follows it back through renames).
DiffReader = Callable[[RepoHistory, str, str], str]


LIST_HINT = "enter diff · d status changes only · escape close"
#: Committers named in the heading before "+N".
AUTHORS_NAMED = 3


def summary_line(history: FileHistory) -> str:
    """``5 commits by Alice Adams, Bob Brown · created 2024-01-05 · changed 2024-03-02``
    (the first three committers named, then ``+N``: each row names its own)."""
    count = history.count
    names = [clean_line(author) for author in history.authors]
    authors = ", ".join(names[:AUTHORS_NAMED])
    if len(names) > AUTHORS_NAMED:
        authors += f" +{len(names) - AUTHORS_NAMED}"
    words = [f"{count} commit{'s' if count != 1 else ''} by {authors}"]
    words.append(f"created {history.created}")
    if history.changed != history.created or count > 1:
        words.append(f"changed {history.changed}")
    return " · ".join(words)


def heading(adr: Adr, history: FileHistory, palette: Palette) -> Text:
    """Which ADR: number and title in bold, then what its history adds up to."""
    text = Text()
    if adr.number is not None:
        text.append(adr.display_number + "  ", style=Style(bold=True))
    text.append(clean_line(adr.title or adr.name), style=Style(bold=True))
    text.append("\n")
    text.append(summary_line(history), style=palette.muted)
    return text


#: Where a commit's subject starts: under the author, past the date and the sha.
SUBJECT_INDENT = 21


def commit_row(change: Change, palette: Palette, *, indent: int = SUBJECT_INDENT) -> Text:
    """``date  sha  author · transition`` over the subject.

    Plain ``Text``, not a grid: an ``OptionList`` measures every option when it
    is filled, and a grid per commit made an ADR with 1,000 commits take 4.4 s to
    open (0.8 s as text). A line too long for the box wraps.
    """
    text = Text()
    text.append(f"{change.commit.day}  ")
    text.append(f"{change.commit.short}  ", style=palette.muted)
    text.append(clean_line(change.commit.author), style=Style(bold=True))
    mark = change_mark(change)
    if mark:
        text.append(" · ")
        text.append(mark, style=status_colour(change.status_after, palette))
    subject = clean_line(change.commit.subject)
    if subject:
        text.append("\n" + " " * indent)
        text.append(subject)
    return text


def commit_heading(change: Change, palette: Palette) -> Text:
    """Above a diff: which commit it is (the row's words, the subject under them)."""
    return commit_row(change, palette, indent=0)


class CommitList(OptionList):
    """The commits, newest first; ``enter`` shows one's diff."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Show diff", id="show-diff"),
        Binding("j,down", "cursor_down", "Down", show=False, id="commits-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="commits-up"),
        Binding("g,home", "first", "First", show=False, id="commits-first"),
        Binding("G,end", "last", "Last", show=False, id="commits-last"),
        Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="commits-page-down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="commits-page-up"),
    ]


@dataclass
class DiffRead(Message):
    """A worker read the patch of ``sha`` to the ADR ``path`` (``""``: git had none)."""

    sha: str
    path: str
    patch: str


class HistoryScreen(ModalScreen[None]):
    """One ADR's commits; ``enter`` its diff; ``escape`` back (diff → commits → browser)."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,H", "back", "Back", id="close-history"),
        Binding("d", "toggle_decisions", "Status changes only", id="history-decisions"),
    ]

    def __init__(
        self,
        adr: Adr,
        history: RepoHistory,
        *,
        read_diff: DiffReader = commit_diff,
    ) -> None:
        super().__init__()
        self.adr = adr
        self.history = history
        found = history.of(adr.rel_path)
        if found is None:
            raise ValueError(f"{adr.rel_path} has no history")
        self.file_history: FileHistory = found
        #: Every commit, newest first.
        self.every: list[Change] = list(reversed(found.changes))
        #: The commits the list shows (every one, or those that moved the status: ``d``).
        self.changes: list[Change] = self.every
        self.decisions = False
        self.read_diff = read_diff
        #: The commit whose diff is shown (or being read), ``None`` on the list.
        self.diff_of: Change | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="history-box") as box:
            box.border_title = "History"
            box.border_subtitle = LIST_HINT
            yield Static(id="history-heading", markup=False)
            yield CommitList(id="history-commits")
            yield Static(id="history-commit", markup=False)
            yield DiffView(id="history-diff")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(CommitList).focus()

    def _fill(self) -> None:
        """(Re)fill the list with :attr:`changes`, the cursor on the newest."""
        palette = palette_for(self.app)
        title = heading(self.adr, self.file_history, palette)
        if self.decisions:
            title.append(" · status changes only (d shows all)", style=palette.muted)
        self.query_one("#history-heading", Static).update(title)
        commits = self.query_one(CommitList)
        commits.clear_options()
        commits.add_options(
            Option(commit_row(change, palette), id=f"commit-{index}")
            for index, change in enumerate(self.changes)
        )
        commits.highlighted = 0 if self.changes else None

    def action_toggle_decisions(self) -> None:
        """``d``: only the commits that created it, renamed it or moved its status."""
        if self.diff_of is not None:
            return
        self.decisions = not self.decisions
        moved = [c for c in self.every if c.kind != MODIFIED or c.transition]
        self.changes = moved if self.decisions else self.every
        self._fill()

    @property
    def showing_diff(self) -> bool:
        return self.diff_of is not None

    @property
    def highlighted(self) -> Change | None:
        """The commit under the cursor."""
        index = self.query_one(CommitList).highlighted
        return self.changes[index] if index is not None else None

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.show_diff(self.changes[event.option_index])

    def show_diff(self, change: Change) -> None:
        """Replace the list by ``change``'s patch, read in a worker."""
        self.diff_of = change
        palette = palette_for(self.app)
        self.query_one("#history-commit", Static).update(commit_heading(change, palette))
        diff = self.query_one(DiffView)
        diff.show_note("Reading the diff…")
        self.add_class("-diff")
        self.query_one("#history-box").border_subtitle = "escape back to the commits"
        diff.focus()
        self._read(change.commit.sha, self.file_history.rel_path)

    @work(thread=True, exclusive=True, group="history-diff")
    def _read(self, sha: str, path: str) -> None:
        self.post_message(DiffRead(sha, path, self.read_diff(self.history, sha, path)))

    @on(DiffRead)
    def _diff_read(self, message: DiffRead) -> None:
        shown = self.diff_of
        wanted = (shown.commit.sha, self.file_history.rel_path) if shown else None
        if wanted != (message.sha, message.path):
            return  # the user went back, or on to another commit
        self.query_one(DiffView).show_patch(message.patch)

    def action_back(self) -> None:
        if self.diff_of is None:
            self.dismiss(None)
            return
        self.diff_of = None
        self.remove_class("-diff")
        self.query_one("#history-box").border_subtitle = LIST_HINT
        self.query_one(CommitList).focus()
