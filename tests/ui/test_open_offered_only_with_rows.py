"""The footer offers "⏎ Open" only while the list has a row to open."""

from __future__ import annotations

from pathlib import Path

from adrtui.ui.app import AdrApp
from tests.ui.helpers import settle, wait_until


def footer_keys(app: AdrApp) -> set[str]:
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


async def test_enter_leaves_the_footer_when_no_adr_matches(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "enter" in footer_keys(app)
        await pilot.press("slash", *"zzzqqq", "enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "enter" not in footer_keys(app), "Open hidden")
        await pilot.press("slash", "escape")  # back in the box: clear the search
        await settle(pilot)
        await wait_until(pilot, lambda: "enter" in footer_keys(app), "Open back")
