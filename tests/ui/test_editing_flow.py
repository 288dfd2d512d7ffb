"""Edit, new and supersede from the browser, with a fake editor standing in for $EDITOR.

Pilot cannot suspend the terminal, so the app gets the launcher that runs the
editor directly; everything after (re-parse, re-index, selection, messages)
is the code users run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.parsing import parse_file
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.screens.title_prompt import TitlePrompt
from adrtui.ui.widgets.adr_list import AdrTable
from adrtui.ui.widgets.document import DocumentView
from adrtui.ui.widgets.relations import RelationsPane
from tests.ui.editing_helpers import (
    FakeEditor,
    Notes,
    listed,
    main_screen,
    make_app,
    select,
    shown,
    wait_index,
)
from tests.ui.helpers import settle

MARKUP = "0004-markup-in-title.md"


async def test_edit_reparses_reindexes_and_keeps_the_selection(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    editor.will(replace="Proposed=>Deprecated", append="\nWe keep a quokka as mascot.\n")
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_index(pilot)
        await select(pilot, MARKUP)
        await pilot.press("e")
        await settle(pilot)
        assert editor.calls == [[*editor.calls[0][:-1], str(decisions / MARKUP)]]
        adr = shown(app)
        assert adr.rel_path == MARKUP and adr.status == "deprecated"
        assert isinstance(app.focused, AdrTable)
        # The new text is in the index (not only in memory) once the sync is done.
        await wait_index(pilot)
        await pilot.press("slash", *"quokka", "enter")
        await settle(pilot)
        screen = main_screen(app)
        assert listed(app) == [MARKUP]
        assert screen.browse.search is not None and not screen.browse.search.approximate
        assert shown(app).rel_path == MARKUP


async def test_edit_opens_the_editor_at_the_search_hit(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch, as_vim=True)
    app = make_app(decisions)
    path = decisions / "0006-authenticate-with-oidc.md"
    lines = path.read_text().splitlines()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tokens", "enter")
        await settle(pilot)
        assert shown(app).rel_path == path.name
        await pilot.press("tab")  # to the detail, where n steps through hits
        assert isinstance(app.focused, DocumentView)
        await pilot.press("n", "n", "e")
        await settle(pilot)
        argv = editor.calls[-1]
        assert argv[-1] == str(path)
        line = int(argv[-2].removeprefix("+"))
        # Two hits of "tokens": n twice comes back round to the first one.
        assert "tokens" in lines[line - 1].lower()
        await pilot.press("n", "e")
        await settle(pilot)
        second = int(editor.calls[-1][-2].removeprefix("+"))
        assert second != line and "tokens" in lines[second - 1].lower()
        # Without a search there is no line to go to.
        await pilot.press("slash", "escape")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert editor.calls[-1] == [str(path)]


async def test_a_missing_editor_is_a_message(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeEditor(tmp_path, monkeypatch)
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    app = make_app(decisions)
    notes = Notes().attach(app)
    before = (decisions / MARKUP).read_bytes()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, MARKUP)
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running and shown(app).rel_path == MARKUP
        # No editor configured and none on PATH either.
        monkeypatch.delenv("EDITOR")
        monkeypatch.setenv("PATH", str(tmp_path / "empty-path"))
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running
    assert any("Editor not found" in note for note in notes), notes
    assert any("No editor found" in note and "$EDITOR" in note for note in notes), notes
    assert (decisions / MARKUP).read_bytes() == before


async def test_a_failing_editor_is_a_message_and_its_saves_still_count(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    editor.will(replace="Proposed=>Accepted", exit=3)
    app = make_app(decisions)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, MARKUP)
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running
        assert shown(app).status == "accepted"  # the file is as the editor left it
    assert any("exited with status 3" in note for note in notes), notes


async def test_new_adr_is_created_opened_at_its_first_section_and_selected(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch, as_vim=True)
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, TitlePrompt)
        await pilot.press(*"Use Kafka for [events]", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        created = sorted(p.name for p in decisions.glob("0007-*.md"))
        assert len(created) == 1
        path = decisions / created[0]
        argv = editor.calls[-1]
        assert argv[-1] == str(path)
        line = int(argv[-2].removeprefix("+"))
        text = path.read_text().splitlines()
        assert text[line - 1].strip() and not text[line - 1].startswith("#")
        adr = shown(app)
        assert adr.rel_path == path.name
        assert adr.number == 7 and adr.title == "Use Kafka for [events]"
        assert len(listed(app)) == 7


async def test_escape_in_the_prompt_creates_nothing(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    before = sorted(p.name for p in decisions.iterdir())
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("a", "x", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert sorted(p.name for p in decisions.iterdir()) == before
    assert editor.calls == []


async def test_supersede_links_both_ways_and_marks_the_old_one(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    FakeEditor(tmp_path, monkeypatch)
    old = "0003-services-talk-http.md"
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, old)
        await pilot.press("S")
        await settle(pilot)
        prompt = app.screen
        assert isinstance(prompt, TitlePrompt)
        assert "0003" in prompt.about or "Services talk" in prompt.about
        await pilot.press(*"Services talk gRPC", "enter")
        await settle(pilot)
        new = shown(app)
        assert new.number == 7 and new.title == "Services talk gRPC"
        assert any(link.kind == "supersedes" and link.path == old for link in new.links) or (
            main_screen(app).feed.graph is not None
        )
        old_adr = main_screen(app).collection.get(old)
        assert old_adr is not None and old_adr.status == "superseded"
        view = main_screen(app).query_one(RelationsPane).view
        assert view is not None and view.rel_path == new.rel_path
        kinds = {(group.heading, row.path) for group in view.outgoing for row in group.rows}
        assert ("supersedes", old) in kinds
    reparsed = parse_file(decisions / old, decisions)
    assert reparsed.status == "superseded"
    assert new.path.name in (decisions / old).read_text()


async def test_supersede_refuses_when_the_old_adr_changed_on_disk(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    old = decisions / "0003-services-talk-http.md"
    app = make_app(decisions, watch=False)  # the change must not be picked up first
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, old.name)
        changed = old.read_text().replace("accepted", "proposed") + "\nSomeone else's edit.\n"
        old.write_text(changed)
        before = sorted(p.name for p in decisions.iterdir())
        await pilot.press("S", *"Services talk gRPC", "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, MainScreen)
    assert old.read_text() == changed  # nothing overwritten
    assert sorted(p.name for p in decisions.iterdir()) == before  # nothing created
    assert editor.calls == []
    assert any("changed on disk" in note for note in notes), notes


async def test_the_example_collection_cannot_be_edited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from adrtui.domain.collection import EXAMPLE_DIR

    editor = FakeEditor(tmp_path, monkeypatch)
    before = {p.name: p.read_bytes() for p in EXAMPLE_DIR.iterdir()}
    app = make_app(EXAMPLE_DIR, is_example=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        for action in ("edit_adr", "new_adr", "supersede_adr"):
            assert not screen.check_action(action, ())
        await pilot.press("e", "a", "S")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert editor.calls == []
    assert {p.name: p.read_bytes() for p in EXAMPLE_DIR.iterdir()} == before


async def test_a_read_only_folder_disables_writing_with_a_message(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    # Running as root, chmod cannot make a folder read-only: ask the check directly.
    import adrtui.ui.services.editing as writing_module

    reason = f"The folder {decisions} is read-only; editing is disabled."
    monkeypatch.setattr(writing_module, "writable_reason", lambda path: reason)
    app = make_app(decisions)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert not screen.check_action("edit_adr", ())
        assert not screen.check_action("new_adr", ())
        await pilot.press("e", "a")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert "read-only" in str(screen.query_one("#status-extra").render())
    assert editor.calls == []
    assert any("read-only" in note for note in notes), notes


async def test_a_file_name_full_of_shell_syntax_is_one_argument(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    editor.will(replace="Proposed=>Accepted")
    name = "0007-$(touch pwned); `touch pwned2` & name.md"
    path = decisions / name
    path.write_text("# 7. Shell syntax in the name\n\n## Status\n\nProposed\n")
    monkeypatch.chdir(tmp_path)
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, name)
        await pilot.press("e")
        await settle(pilot)
        assert shown(app).status == "accepted"
    assert editor.calls[-1] == [str(path)]
    assert not list(tmp_path.rglob("pwned*"))
