"""Lint in the browser: warnings beside the ADR, a count in the status bar, `L` for the list."""

from __future__ import annotations

from pathlib import Path

from adrtui.ui.screens.lint_report import LintJump, LintReport
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.document import DocumentView
from tests.ui.editing_helpers import main_screen, make_app, select, shown, wait_until
from tests.ui.helpers import settle

BROKEN = "0003-services-talk-http.md"  # links to 0042-missing-decision.md


async def linted(pilot) -> MainScreen:
    screen = main_screen(pilot.app)
    await wait_until(pilot, lambda: screen.feed.linted, "lint")
    await settle(pilot)
    return screen


async def test_lint_findings_show_beside_the_adr_and_as_a_count(decisions: Path) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await linted(pilot)
        count = len(screen.feed.lint_problems)
        assert count >= 1
        extra = str(screen.query_one("#status-extra").render())
        assert f"{count} lint problem" in extra
        await select(pilot, BROKEN)
        header = str(screen.query_one("#detail-meta").render())
        assert "0042-missing-decision.md" in header


async def test_L_lists_problems_and_enter_opens_that_adr(decisions: Path) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await linted(pilot)
        await pilot.press("L")
        await settle(pilot)
        report = app.screen
        assert isinstance(report, LintReport)
        assert len(report.problems) == len(screen.feed.lint_problems)
        # Walk down to the broken link of 0003 and open it.
        for _ in range(len(report.problems)):
            target = report.highlighted_target
            assert target is not None
            if target.rel_path == BROKEN:
                break
            await pilot.press("j")
        assert report.highlighted_target == LintJump(BROKEN, report.highlighted_target.line)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert shown(app).rel_path == BROKEN
        assert isinstance(app.focused, DocumentView)
        # Back returns to where the user was; escape closes the report without moving.
        await pilot.press("L")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert shown(app).rel_path == BROKEN
