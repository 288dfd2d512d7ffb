"""Changes made outside the app show up by themselves, and the selection stays put."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adrtui.ui.widgets.detail import DetailPane
from tests.ui.editing_helpers import (
    FakeEditor,
    Notes,
    listed,
    main_screen,
    make_app,
    select,
    shown,
    wait_until,
    watching,
)
from tests.ui.helpers import settle

NEW = (
    "# 7. Cache rendered pages\n\nDate: 2024-05-01\n\n## Status\n\nProposed\n\n"
    "## Context\n\nSlow.\n"
)


async def test_a_new_file_appears_and_the_selection_stays(decisions: Path) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await watching(pilot)
        await select(pilot, "0003-services-talk-http.md")
        (decisions / "0007-cache-rendered-pages.md").write_text(NEW)
        await wait_until(
            pilot, lambda: "0007-cache-rendered-pages.md" in listed(app), "the new ADR"
        )
        await settle(pilot)
        assert shown(app).rel_path == "0003-services-talk-http.md"
        # And it is searchable once indexed.
        await wait_until(pilot, lambda: main_screen(app).feed.index_state == "ready", "the index")


async def test_an_outside_edit_of_the_selected_adr_is_shown(decisions: Path) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await watching(pilot)
        await select(pilot, "0006-authenticate-with-oidc.md")
        path = decisions / "0006-authenticate-with-oidc.md"
        path.write_text(path.read_text().replace("Rejected", "Accepted"))
        await wait_until(pilot, lambda: shown(app).status == "accepted", "the edit")
        await settle(pilot)
        assert shown(app).rel_path == path.name
        detail = main_screen(app).query_one(DetailPane)
        assert detail.shown_path == path.name


async def test_a_deleted_adr_disappears_and_the_selection_moves_to_a_neighbour(
    decisions: Path,
) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await watching(pilot)
        await select(pilot, "0003-services-talk-http.md")
        (decisions / "0003-services-talk-http.md").unlink()
        await wait_until(
            pilot, lambda: "0003-services-talk-http.md" not in listed(app), "the deletion"
        )
        await settle(pilot)
        assert shown(app).rel_path == "0004-markup-in-title.md"
        assert len(listed(app)) == 5
        assert app.is_running


async def test_the_folder_deleted_is_a_message_and_a_working_app(decisions: Path) -> None:
    app = make_app(decisions)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await watching(pilot)
        shutil.rmtree(decisions)
        await wait_until(pilot, lambda: listed(app) == [], "the folder to be gone")
        await settle(pilot)
        assert any("deleted or moved" in note for note in notes), notes
        # Still working: keys do nothing harmful, and it comes back with ctrl+r.
        await pilot.press("j", "slash", "x", "escape", "question_mark", "escape")
        await settle(pilot)
        assert app.is_running
        shutil.copytree(Path(__file__).parent / "fixtures" / "decisions", decisions)
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: len(listed(app)) == 6, "the reload")
        # Watching again: a new file shows up by itself.
        (decisions / "0007-cache-rendered-pages.md").write_text(NEW)
        await wait_until(
            pilot, lambda: "0007-cache-rendered-pages.md" in listed(app), "the new ADR"
        )


async def test_the_apps_own_edit_is_not_reloaded_a_second_time(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    editor.will(replace="Proposed=>Accepted")
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await watching(pilot)
        screen = main_screen(app)
        await select(pilot, "0004-markup-in-title.md")
        batches = screen.feed.change_batches
        await pilot.press("e")
        await settle(pilot)
        assert shown(app).status == "accepted"
        collection = screen.collection
        # The watcher reports the editor's write; the record is already up to date.
        await wait_until(pilot, lambda: screen.feed.change_batches > batches, "the watcher batch")
        await settle(pilot)
        assert screen.collection is collection
