"""Helpers for Pilot tests: wait until the browser has nothing left to do."""

from __future__ import annotations

from textual.pilot import Pilot

from adrtui.ui.widgets.detail import DetailPane


async def settle(pilot: Pilot[object], rounds: int = 3) -> None:
    """Let workers finish and every message they posted be handled."""
    for _ in range(rounds):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        for detail in pilot.app.screen.query(DetailPane):
            while detail.pending:
                await pilot.pause(0.05)
                await pilot.app.workers.wait_for_complete()
    await pilot.pause()
