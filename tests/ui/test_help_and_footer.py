"""The help modal scrolls to its last row at any size; the footer offers only keys that
work now, and a writing key pressed in a read-only folder says why it did nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from adrtui.domain.collection import EXAMPLE_DIR
from adrtui.ui.app import AdrApp
from adrtui.ui.screens.help import HelpScreen
from adrtui.ui.screens.main import MainScreen
from tests.ui.editing_helpers import FakeEditor, Notes, make_app
from tests.ui.helpers import settle, wait_until


def footer_keys(app: AdrApp) -> set[str]:
    """The keys the footer shows now (enabled or dimmed)."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


def last_row_visible(table: DataTable[object]) -> bool:
    top = round(table.scroll_y)
    height = table.scrollable_content_region.height
    return top + height >= table.virtual_size.height


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_help_fits_and_scrolls_to_its_last_binding(
    decisions: Path, size: tuple[int, int]
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        await settle(pilot)
        screen = app.screen
        box = screen.query_one("#help-box")
        assert screen.region.contains_region(box.region)  # nothing cut off at the edges
        table = screen.query_one(DataTable)
        note = screen.query_one("#help-note")
        assert box.region.contains_region(note.region) and note.region.height >= 1
        assert table.scroll_y == 0 and not last_row_visible(table)  # it has to scroll
        await pilot.press("j", "j")
        await settle(pilot)
        assert table.scroll_y == 2
        await pilot.press("k")
        await settle(pilot)
        assert table.scroll_y == 1
        await pilot.press("G")
        await settle(pilot)
        assert last_row_visible(table)
        assert table.scroll_y == table.max_scroll_y
        await pilot.press("g")
        await settle(pilot)
        assert table.scroll_y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert table.scroll_y >= table.scrollable_content_region.height - 1
        await pilot.press("pageup")
        await settle(pilot)
        assert table.scroll_y == 0
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_help_lists_its_own_scroll_keys(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help")
        ids = {row.binding_id for row in app.screen.rows}  # type: ignore[attr-defined]
        assert {"help-down", "help-up", "help-top", "help-bottom"} <= ids
        # The read-only twins of the writing keys share their ids: listed once each.
        assert sum(row.binding_id == "edit-adr" for row in app.screen.rows) == 1  # type: ignore[attr-defined]


async def test_a_writable_folder_offers_the_writing_keys(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: {"e", "a"} <= footer_keys(app), "e and a in the footer")


async def test_the_read_only_example_hides_writing_keys_and_says_why_on_press(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    before = {p.name: p.read_bytes() for p in EXAMPLE_DIR.iterdir()}
    app = make_app(EXAMPLE_DIR, is_example=True)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert not {"e", "a", "S"} & footer_keys(app)
        for key in ("e", "a", "S"):
            notes.clear()
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, MainScreen)  # no prompt, no editor
            assert any("read-only: This is the example collection" in n for n in notes), notes
    assert editor.calls == []
    assert {p.name: p.read_bytes() for p in EXAMPLE_DIR.iterdir()} == before


async def test_a_read_only_folder_explains_a_remapped_writing_key(
    decisions: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    isolated_dirs: tuple[Path, Path],
) -> None:
    _cache, config_dir = isolated_dirs
    (config_dir / "config.toml").write_text('[keymap]\nedit-adr = "E"\n', encoding="utf-8")
    editor = FakeEditor(tmp_path, monkeypatch)
    import adrtui.ui.services.editing as editing_module

    reason = f"The folder {decisions} is read-only; editing is disabled."
    monkeypatch.setattr(editing_module, "writable_reason", lambda path: reason)
    app = make_app(decisions)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "E" not in footer_keys(app), "E hidden")
        assert "e" not in footer_keys(app) and "a" not in footer_keys(app)
        await pilot.press("e")  # no longer the edit key: nothing to explain
        await settle(pilot)
        assert not any("read-only:" in n for n in notes), notes
        await pilot.press("E")
        await settle(pilot)
        assert any(f"read-only: {reason}" in n for n in notes), notes
    assert editor.calls == []


async def test_back_is_offered_only_once_there_is_somewhere_to_go_back_to(
    decisions: Path,
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert "left_square_bracket" not in footer_keys(app)  # nothing visited yet
        screen.navigate("0005-use-managed-postgresql.md")
        await settle(pilot)
        await wait_until(pilot, lambda: "left_square_bracket" in footer_keys(app), "Back shown")
        await pilot.press("left_square_bracket")
        await settle(pilot)
        await wait_until(
            pilot, lambda: "left_square_bracket" not in footer_keys(app), "Back hidden again"
        )
