"""``L``: the lint report as a list to walk through, each problem one ``enter`` from its ADR.

Problems are grouped under their file (number and title, so people recognise
it); each shows the line, the severity, the rule id, the message and the
fix hint. ``enter`` closes the report and opens that ADR; ``escape`` closes
it. The report is computed elsewhere (a worker, after each load); this screen
only draws it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from adrtui.domain.model import Adr
from adrtui.domain.relations import ERROR, Problem, problems_by_file
from adrtui.domain.text import clean_line
from adrtui.ui.rendering.stylesheet import stylesheet
from adrtui.ui.theme import Palette, palette_for

#: More problems than this are summarised (the CLI lists them all).
MAX_SHOWN = 2000


@dataclass(frozen=True)
class LintJump:
    """Where ``enter`` on a problem leads: an ADR and the line to look at."""

    rel_path: str
    line: int


class LintList(OptionList):
    """The problems; file headings are disabled options the cursor skips."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open ADR", id="lint-open"),
        Binding("j,down", "cursor_down", "Down", show=False, id="lint-down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="lint-up"),
        Binding("g,home", "first", "First", show=False, id="lint-first"),
        Binding("G,end", "last", "Last", show=False, id="lint-last"),
    ]


def summary(problems: Sequence[Problem]) -> str:
    """``5 problems in 3 ADRs: 1 error, 4 warnings`` (or that there are none)."""
    if not problems:
        return "No problems found: the decision log is consistent."
    files = len({p.rel_path for p in problems})
    errors = sum(1 for p in problems if p.severity == ERROR)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    noun = "problem" if len(problems) == 1 else "problems"
    where = "ADR" if files == 1 else "ADRs"
    return f"{len(problems)} {noun} in {files} {where}: {', '.join(parts)}"


def status_text(problems: Sequence[Problem]) -> str:
    """The status bar's lint count (empty when the log is clean)."""
    if not problems:
        return ""
    count = len(problems)
    return f"⚠ {count} lint problem{'s' if count != 1 else ''} · L"


def severity_style(severity: str, palette: Palette) -> Style:
    # Badges in the theme's error and warning colours (the ones the status badges use).
    return palette.status("rejected" if severity == ERROR else "proposed")


def problem_label(problem: Problem, palette: Palette) -> Table:
    """Line, severity, rule; then the message; then the hint. All file text as plain text.

    A two-column grid, so that a long message or hint wraps under itself rather
    than under the line number.
    """
    head = Text()
    head.append(f" {problem.severity} ", style=severity_style(problem.severity, palette))
    head.append("  ")
    head.append(clean_line(problem.rule), style=Style(bold=True))
    body = Text()
    body.append(head)
    body.append("\n")
    body.append(clean_line(problem.message))
    if problem.hint:
        body.append("\n")
        body.append("→ " + clean_line(problem.hint), style=palette.muted)
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(width=6, justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(str(problem.line), style=palette.muted), body)
    return grid


def file_heading(rel_path: str, title: str) -> Text:
    text = Text(clean_line(rel_path), style=Style(bold=True, underline=True))
    if title:
        text.append("  ")
        text.append(clean_line(title), style=Style(bold=True))
    return text


class LintReport(ModalScreen[LintJump | None]):
    """The lint problems of the collection, grouped by file."""

    DEFAULT_CSS = stylesheet(__file__)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="close-lint"),
    ]

    def __init__(
        self, problems: Sequence[Problem], titles: Mapping[str, str] | None = None
    ) -> None:
        super().__init__()
        self.problems = list(problems)
        self.titles = dict(titles or {})
        self._targets: dict[str, LintJump] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="lint-box") as box:
            box.border_title = "Lint"
            box.border_subtitle = "enter open ADR · escape close"
            yield Static(Text(summary(self.problems)), id="lint-summary", markup=False)
            yield LintList(id="lint-list")

    def on_mount(self) -> None:
        options = self.query_one(LintList)
        palette = palette_for(self.app)
        prompts: list[Option] = []
        shown = self.problems[:MAX_SHOWN]
        for rel_path, problems in problems_by_file(shown).items():
            prompts.append(
                Option(file_heading(rel_path, self.titles.get(rel_path, "")), disabled=True)
            )
            for problem in problems:
                option_id = f"problem-{len(self._targets)}"
                self._targets[option_id] = LintJump(problem.rel_path, problem.line)
                prompts.append(Option(problem_label(problem, palette), id=option_id))
        if len(self.problems) > MAX_SHOWN:
            more = len(self.problems) - MAX_SHOWN
            prompts.append(
                Option(
                    Text(
                        f"… and {more} more: run `adrtui lint` for the full list.",
                        style=palette.muted,
                    ),
                    disabled=True,
                )
            )
        options.add_options(prompts)
        options.display = bool(self._targets)
        self.set_class(not self._targets, "-empty")
        if self._targets:
            options.highlighted = next(i for i, o in enumerate(prompts) if not o.disabled)
        options.focus()

    @property
    def highlighted_target(self) -> LintJump | None:
        """The problem under the cursor (for tests and the footer)."""
        options = self.query_one(LintList)
        index = options.highlighted
        if index is None:
            return None
        return self._targets.get(options.get_option_at_index(index).id or "")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target is not None:
            self.dismiss(target)

    def action_close(self) -> None:
        self.dismiss(None)


def open_lint_report(
    app: App[object],
    problems: Sequence[Problem],
    adrs: Iterable[Adr],
    open_adr: Callable[[str], None],
) -> None:
    """``L`` in the browser: every problem as a list; ``enter`` on one calls ``open_adr``."""
    titles = {adr.rel_path: adr.title for adr in adrs}

    def opened(jump: LintJump | None) -> None:
        if jump is not None:
            open_adr(jump.rel_path)

    app.push_screen(LintReport(problems, titles), opened)
