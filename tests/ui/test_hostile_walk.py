"""Every hostile file through the list, the detail and the relations pane, without harm."""

from __future__ import annotations

from pathlib import Path

from adrtui.ui.app import AdrApp
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.relations import RelationsPane
from tests.hostile.corpus import make_hostile_corpus, tree_state
from tests.ui.helpers import settle


async def test_walk_every_hostile_file(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    make_hostile_corpus(folder, large=False)
    before = tree_state(folder)
    app = AdrApp(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        listing = app.screen.query_one(AdrList).listing
        assert len(listing.adrs) >= 18
        seen = []
        for index in range(len(listing.adrs)):
            if index:
                await pilot.press("j")
            await settle(pilot)
            detail = app.screen.query_one(DetailPane)
            assert detail.adr is not None
            seen.append(detail.adr.rel_path)
            assert detail.shown_path == detail.adr.rel_path
            # Nothing from a file reaches the screen as a control sequence.
            for line in detail.body.document.plain:
                assert "\x1b" not in line and "\x07" not in line
            relations = app.screen.query_one(RelationsPane)
            assert relations.view is None or relations.view.rel_path == detail.adr.rel_path
        assert seen == [adr.rel_path for adr in listing.adrs]
        # Follow the supersession cycle both ways: it ends, and back returns.
        await pilot.press("slash", *"cycle", "enter")
        await settle(pilot)
        await pilot.press("tab", "tab", "enter")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert app.is_running
        screenshot = app.export_screenshot()
        assert "\x1b]0;pwned" not in screenshot
    assert tree_state(folder) == before  # nothing written into the ADR folder
