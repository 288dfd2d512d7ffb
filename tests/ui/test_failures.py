"""Failures around the browser: a damaged, locked or unwritable cache, a tiny terminal.

Each ends the same way for the user: a message (a notification, not a
traceback) and an app that still lists, shows and searches.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from adrtui.domain.files import FolderLock, folder_cache_dir
from adrtui.domain.search.store import STATE_FILE
from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.detail import DetailPane
from tests.ui.helpers import settle


class Notes(list[str]):
    """Every notification the app shows, as plain text."""

    def attach(self, app: AdrApp) -> None:
        original = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            title = kwargs.get("title") or ""
            self.append(f"{title}: {message}" if title else message)
            original(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]


def listed(app: AdrApp) -> list[str]:
    return [adr.rel_path for adr in app.screen.query_one(AdrList).listing.adrs]


async def search_for(pilot, text: str) -> list[str]:
    app = pilot.app
    await pilot.press("slash", *text, "enter")
    await settle(pilot)
    return listed(app)


async def wait_index(pilot) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    for _ in range(100):
        await settle(pilot, rounds=1)
        if screen.feed.index_state != "building":
            return
    pytest.fail("the index never finished")


async def test_a_20x5_terminal_shows_something_sane(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(20, 5)
        await settle(pilot)
        for key in ("j", "tab", "j", "slash", "x", "escape", "question_mark", "escape"):
            await pilot.press(key)
            await settle(pilot, rounds=1)
        assert app.is_running
        shot = app.export_screenshot()
        assert "Traceback" not in shot
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert len(listed(app)) == 6
        assert app.screen.query_one(DetailPane).adr is not None


async def test_a_damaged_index_is_rebuilt_and_search_works(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_index(pilot)
    cache = folder_cache_dir(decisions.resolve())
    state = json.loads((cache / STATE_FILE).read_text())
    rng = random.Random(5)
    for victim in (cache / state["index"]).iterdir():
        if "LOCK" not in victim.name:
            victim.write_bytes(rng.randbytes(max(16, victim.stat().st_size)))

    app = AdrApp(decisions)
    notes = Notes()
    notes.attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_index(pilot)
        assert await search_for(pilot, "authentication") == ["0006-authenticate-with-oidc.md"]
        assert app.is_running
    assert any("damaged" in note for note in notes), notes


async def test_an_unwritable_cache_dir_is_a_message_and_search_works(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file where the cache directory should be: nothing can be created under it
    # (like a read-only or full disk, and unlike chmod it also stops root).
    blocker = tmp_path / "blocked-cache"
    blocker.write_text("not a directory")
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(blocker / "adrtui"))
    app = AdrApp(decisions)
    notes = Notes()
    notes.attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_index(pilot)
        assert len(listed(app)) == 6
        assert await search_for(pilot, "authentication") == ["0006-authenticate-with-oidc.md"]
    assert any("temporary" in note for note in notes), notes


async def test_a_locked_index_is_a_message_and_search_still_answers(decisions: Path) -> None:
    cache = folder_cache_dir(decisions.resolve())
    cache.mkdir(parents=True)
    lock = FolderLock(cache / "write.lock")
    assert lock.acquire(0)
    try:
        app = AdrApp(decisions)
        notes = Notes()
        notes.attach(app)
        async with app.run_test(size=(120, 36)) as pilot:
            await wait_index(pilot)
            assert await search_for(pilot, "authentication") == ["0006-authenticate-with-oidc.md"]
            assert app.is_running
    finally:
        lock.release()
    assert any("another adrtui" in note for note in notes), notes


async def test_the_record_cache_being_garbage_is_harmless(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_index(pilot)
    cache = folder_cache_dir(decisions.resolve())
    # Every file of the folder's cache (record cache, index state) becomes garbage.
    for path in cache.iterdir():
        if path.is_file() and path.name != "write.lock":
            path.write_bytes(b"\x00garbage" * 10)
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_index(pilot)
        assert len(listed(app)) == 6
        assert await search_for(pilot, "failover") == [
            "0002-use-postgresql.md",
            "0005-use-managed-postgresql.md",
        ]
