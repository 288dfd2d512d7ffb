"""One commit's patch to one ADR, coloured, scrollable, and never trusted.

The patch is the ADR's text as git prints it, so it is as untrusted as the ADR:
an escape sequence in the file must show as nothing (or a visible ``⟨U+…⟩``),
never reach the terminal, and ``[bold]`` in it is text, not markup. Each line is
cleaned with :func:`adrtui.domain.text.clean` (the whole line is one line already;
unlike ``clean_line`` it keeps the indentation a diff is read by) and appended
to a :class:`rich.text.Text` with a style chosen from its first character:
added lines in the theme's success colour, removed ones in its error colour,
hunk headers in its accent, git's own header lines dimmed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import VerticalScroll
from textual.widgets import Static

from adrtui.domain.text import clean
from adrtui.ui.rendering.stylesheet import stylesheet

#: Longer patches are cut here, saying so (a rewrite of a 10,000-line ADR is
#: unreadable as a diff anyway, and the Text of every line would be held).
MAX_LINES = 4000
TAB_SIZE = 4


def _colour(variables: Mapping[str, str], name: str, fallback: str) -> Style:
    try:
        return Style(color=Color.parse(variables.get(name) or fallback).rich_color)
    except Exception:  # an odd theme value must not break drawing
        return Style(color=Color.parse(fallback).rich_color)


def diff_styles(variables: Mapping[str, str]) -> dict[str, Style]:
    """The styles of a patch's lines, from the app's theme variables."""
    return {
        "added": _colour(variables, "success", "#4ebf71"),
        "removed": _colour(variables, "error", "#ba3c5b"),
        "hunk": _colour(variables, "accent", "#ffa62b"),
        "header": Style(dim=True, bold=True),
        "note": Style(dim=True, italic=True),
    }


def line_kinds(lines: Iterable[str]) -> Iterator[str]:
    """``header``, ``hunk``, ``added``, ``removed`` or ``context`` for each patch line.

    Everything before a file's first ``@@`` is git's header (``--- a/x``, ``index``,
    the commit's own lines); after it, the first character decides, so a removed
    Markdown line ``-- note`` (``--- note`` in the patch) is a removal, not a header.
    """
    in_header = True
    for line in lines:
        if line.startswith("diff --git"):
            in_header = True
        if line.startswith("@@"):
            in_header = False
            yield "hunk"
        elif in_header or line.startswith("\\"):
            yield "header"
        elif line.startswith("+"):
            yield "added"
        elif line.startswith("-"):
            yield "removed"
        else:
            yield "context"


def diff_text(patch: str, styles: Mapping[str, Style], max_lines: int = MAX_LINES) -> Text:
    """``patch`` as safe, coloured text: plain strings appended, never markup parsed."""
    text = Text(no_wrap=False, end="")
    # Only "\n" ends a patch line (splitlines would also split at a form feed or
    # U+2028 inside an ADR line, leaving half a line without its +/- mark).
    lines = patch.removesuffix("\n").split("\n") if patch else []
    shown = lines[:max_lines]
    for index, (raw, kind) in enumerate(zip(shown, line_kinds(shown), strict=True)):
        if index:
            text.append("\n")
        text.append(clean(raw).expandtabs(TAB_SIZE), style=styles.get(kind, Style()))
    if len(lines) > max_lines:
        more = len(lines) - max_lines
        text.append(f"\n… {more} more line{'s' if more != 1 else ''} not shown", styles["note"])
    return text


class DiffView(VerticalScroll, can_focus=True):
    """A patch in a scrolling pane; ``j``/``k``, ``g``/``G`` and the page keys move it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="diff-down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="diff-up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="diff-top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="diff-bottom"),
        Binding("pagedown,ctrl+d,space", "page_down", "Page down", show=False, id="diff-page-down"),
        Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="diff-page-up"),
    ]

    DEFAULT_CSS = stylesheet(__file__)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: What is drawn now (kept for tests and for redrawing on a theme change).
        self.shown = Text()

    def compose(self) -> ComposeResult:
        yield Static(id="diff-body", markup=False)

    @property
    def body(self) -> Static:
        return self.query_one("#diff-body", Static)

    def show_patch(self, patch: str) -> None:
        """Draw ``patch`` (its first line at the top)."""
        styles = diff_styles(self.app.theme_variables)
        if not patch.strip():
            self.show_note("This commit changed nothing git shows as text in this file.")
            return
        self.shown = diff_text(patch, styles)
        self.body.update(self.shown)
        self.scroll_home(animate=False)

    def show_note(self, note: str) -> None:
        """A line of plain text instead of a patch (reading, or why there is none)."""
        self.shown = Text(clean(note), style=Style(dim=True, italic=True))
        self.body.update(self.shown)
        self.scroll_home(animate=False)

    @property
    def plain(self) -> str:
        """What the pane shows, as plain text."""
        return self.shown.plain
