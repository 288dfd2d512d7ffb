"""The title prompt and the lint report on their own: keys in, the value they return out."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input

from adrtui.domain.relations import ERROR, WARNING, Problem
from adrtui.ui.screens.lint_report import LintJump, LintList, LintReport
from adrtui.ui.screens.title_prompt import TitlePrompt


class Harness(App[None]):
    """Pushes one screen and records what it was dismissed with."""

    def __init__(self, screen_factory) -> None:
        super().__init__()
        self.factory = screen_factory
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.factory(), callback=self.results.append)


async def test_prompt_returns_the_title_typed() -> None:
    app = Harness(lambda: TitlePrompt("New ADR", "A new decision in docs/adr"))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"  Use [bold]Kafka[/] ", "enter")
        await pilot.pause()
    assert app.results == ["Use [bold]Kafka[/]"]


async def test_prompt_shows_a_heading_made_of_markup_literally() -> None:
    heading = "Supersede [@click=app.quit]x[/].md"
    app = Harness(lambda: TitlePrompt(heading, "about [b]this[/b]"))
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        text = app.export_screenshot().replace("&#160;", " ")
        assert heading in text and "about [b]this[/b]" in text
        assert app.is_running


async def test_prompt_refuses_an_empty_title_and_escape_cancels() -> None:
    app = Harness(lambda: TitlePrompt("New ADR", "about"))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("space", "enter")
        await pilot.pause()
        assert app.results == []  # still open, saying why
        assert isinstance(app.screen, TitlePrompt)
        error = app.screen.query_one("#prompt-error")
        assert error.display and "needs a title" in str(error.render())
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


def problems() -> list[Problem]:
    return [
        Problem("0002-b.md", 7, "broken-link", "[x](0009.md) names no ADR", "fix the link", ERROR),
        Problem("0001-a.md", 1, "missing-date", "no date", "add `Date: …`", WARNING),
        Problem("0002-b.md", 1, "missing-status", "no status", "add a status", WARNING),
    ]


async def test_lint_report_walks_problems_by_file_and_enter_picks_one() -> None:
    titles = {"0001-a.md": "[@click=app.quit]A[/]", "0002-b.md": "B"}
    app = Harness(lambda: LintReport(problems(), titles))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        report = app.screen
        assert isinstance(report, LintReport)
        assert isinstance(app.focused, LintList)
        # Files in order, problems by line inside each file; headings are skipped.
        assert report.highlighted_target == LintJump("0001-a.md", 1)
        await pilot.press("j")
        assert report.highlighted_target == LintJump("0002-b.md", 1)
        await pilot.press("j")
        assert report.highlighted_target == LintJump("0002-b.md", 7)
        text = app.export_screenshot()
        assert "[@click=app.quit]A[/]" in text.replace("&#160;", " ")
        assert "3 problems in 2 ADRs: 1 error, 2 warnings" in text.replace("&#160;", " ")
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [LintJump("0002-b.md", 7)]
    assert app.is_running is False


async def test_lint_report_without_problems_says_so_and_escape_closes() -> None:
    app = Harness(lambda: LintReport([], {}))
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "No problems found" in str(app.screen.query_one("#lint-summary").render())
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]
