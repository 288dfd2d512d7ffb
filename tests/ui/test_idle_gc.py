"""Full garbage collections wait for a pause in typing, and the process is left as found."""

from __future__ import annotations

import gc
from pathlib import Path

from adrtui.ui.app import AdrApp
from adrtui.ui.services.idle_gc import FULL_EVERY, IdleCollector
from tests.ui.helpers import settle, wait_until


def test_automatic_full_collections_are_rare_while_running_and_restored_after() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], FULL_EVERY)
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_collects_only_once_input_has_paused() -> None:
    collector = IdleCollector(idle_seconds=0.0)
    assert not collector.tick()  # no input since start: nothing new to collect
    collector.input_seen()
    assert collector.tick()
    assert not collector.tick()  # once per pause
    busy = IdleCollector(idle_seconds=60.0)
    busy.input_seen()
    assert not busy.tick()  # the user is still typing


async def test_the_app_collects_in_pauses_and_restores_thresholds(decisions: Path) -> None:
    before = gc.get_threshold()
    app = AdrApp(decisions)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert gc.get_threshold()[2] == FULL_EVERY
        app.idle_collector.idle_seconds = 0.05
        await pilot.press("j", "k")
        await wait_until(pilot, lambda: app.idle_collector.collections >= 1, "an idle collection")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
