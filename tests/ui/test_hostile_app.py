"""The whole hostile corpus, 5 MB file included, through every pane of the app.

Complements ``test_hostile_walk`` (which walks the small corpus): here the
relations pane gets the focus for every ADR too, titles made of markup are
checked on screen as literal text, and nothing may be written outside the
cache directory, anywhere under the test's temporary tree.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.widgets import OptionList

from adrtui.ui.app import AdrApp
from adrtui.ui.widgets.adr_list import AdrList, AdrTable
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.relations import RelationsPane
from tests.hostile.corpus import SECRET, make_hostile_corpus, tree_state
from tests.ui.helpers import settle


def screen_text(app: AdrApp) -> str:
    return app.export_screenshot().replace("&#160;", " ").replace("&amp;", "&")


def outside_cache(root: Path, cache: Path) -> dict[str, tuple[int, int]]:
    """Files under ``root`` (the test's tmp dir) that are not in the cache dir."""
    return {
        path: info
        for path, info in tree_state(root).items()
        if not (root / path).resolve().is_relative_to(cache.resolve())
        and not path.startswith("hostile/sub/loop")
    }


async def test_hostile_corpus_through_list_detail_and_relations(
    tmp_path: Path, isolated_dirs: tuple[Path, Path], monkeypatch
) -> None:
    cache, _config = isolated_dirs
    monkeypatch.setenv("ADRTUI_TEST_SECRET", SECRET)
    folder = tmp_path / "hostile"
    make_hostile_corpus(folder, large=True, outside=True)
    before = outside_cache(tmp_path, cache)
    cwd = Path.cwd()
    cwd_before = set(os.listdir(cwd))
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(AdrList).listing.adrs
        assert len(rows) >= 19  # every file is listed, with a warning when broken
        # What lies outside the folder (symlinks out, a FIFO) is never listed or read.
        assert not any(
            adr.rel_path.startswith(("0030", "0031", "0032", "0033", "0034")) for adr in rows
        )
        assert any(adr.rel_path == "0010-five-megabytes.md" for adr in rows)
        for index, adr in enumerate(rows):
            app.screen.query_one(AdrTable).focus()
            if index:
                await pilot.press("j")
            await settle(pilot, rounds=1)
            detail = app.screen.query_one(DetailPane)
            assert detail.adr is not None and detail.adr.rel_path == adr.rel_path
            assert detail.shown_path == adr.rel_path
            document = detail.body.document
            assert all("\x1b" not in line and "\x07" not in line for line in document.plain)
            if adr.rel_path == "0010-five-megabytes.md":
                # Megabytes are shown as text, cut, and said so; the UI kept answering.
                assert "shown, as text" in document.note or "plain text" in document.note
                assert len(document.lines) > 100
            # The relations pane takes the focus and follows nothing harmful.
            await pilot.press("tab", "tab")
            await settle(pilot, rounds=1)
            relations = app.screen.query_one(RelationsPane)
            assert relations.view is None or relations.view.rel_path == adr.rel_path
            if isinstance(app.focused, OptionList):
                await pilot.press("j", "k")
            assert app.is_running
        # Titles made of markup are on screen as written, not interpreted.
        app.screen.query_one(AdrTable).focus()
        await pilot.press("g")
        await settle(pilot)
        text = screen_text(app)
        assert "[@click=app.quit]" in text and "[bold red]Rich[/]" in text
        assert "pwned" not in app.title and "pwned" not in (app.sub_title or "")
        assert SECRET not in text and "root:x:0:0" not in text
        assert app.is_running
    assert outside_cache(tmp_path, cache) == before
    cached = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
    assert SECRET.encode() not in cached and b"root:x:0:0" not in cached
    assert set(os.listdir(cwd)) == cwd_before
    assert not Path("/tmp/adrtui-pwned").exists()
