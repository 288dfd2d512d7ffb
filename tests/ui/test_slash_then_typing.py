"""`/` then a word typed in one go (`tmux send-keys / e v e n t s`, a fast typist)
searches for the word: no key after `/` runs a list binding (`e` edit, `s` status)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.editing_helpers import FakeEditor, make_app
from tests.ui.helpers import post_keys, settle


async def test_slash_then_a_word_typed_at_once_goes_into_the_search(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        post_keys(app, "slash", *"postgres")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.query_one(SearchBar).value == "postgres"
        assert screen.browse.list_filter.status is None  # `s` did not cycle the status
        post_keys(app, "slash", "x")  # in the box, `/` is text
        await settle(pilot)
        assert screen.query_one(SearchBar).value == "postgres/x"
    assert editor.calls == []  # `e` did not open the editor
