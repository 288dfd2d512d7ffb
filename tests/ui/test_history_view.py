"""``H``: the selected ADR's commits, newest first, and one commit's diff shown safely."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from adrtui.domain.gitlog import read_history
from adrtui.ui.screens.history import CommitList, HistoryScreen
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.diff_view import DiffView, diff_styles, diff_text, line_kinds
from tests.gitrepo import needs_git
from tests.ui.editing_helpers import main_screen, make_app, select
from tests.ui.git_views_repo import (
    API_RENAMED,
    FOLDER,
    KAFKA,
    PG,
    build_repo,
    drawn,
    loaded_history,
)
from tests.ui.helpers import settle, wait_until

pytestmark = needs_git


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    build_repo(tmp_path / "repo")
    return tmp_path / "repo" / FOLDER


async def open_history(pilot, rel_path: str) -> HistoryScreen:  # type: ignore[no-untyped-def]
    """Select ``rel_path`` in the browser and press ``H`` once the history is read."""
    screen = main_screen(pilot.app)
    await wait_until(pilot, lambda: screen.collection is not None, "the collection")
    await select(pilot, rel_path)
    await wait_until(pilot, lambda: loaded_history(screen) is not None, "the git history")
    await pilot.press("H")
    await settle(pilot)
    view = pilot.app.screen
    assert isinstance(view, HistoryScreen)
    return view


async def test_commits_newest_first_with_authors_and_transitions(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_history(pilot, PG)
        assert [c.commit.subject for c in view.changes] == [
            "Postgres 16 supersedes Postgres",
            "Accept Postgres",
            "Propose Postgres and Kafka",
        ]
        assert [c.commit.author for c in view.changes] == ["Carol Chen", "Bob Brown", "Alice Adams"]
        text = screen_text(view)
        assert "Use Postgres" in text
        assert "3 commits by Alice Adams, Bob Brown, Carol Chen" in text
        assert "accepted → superseded" in text
        assert "proposed → accepted" in text
        assert "added as proposed" in text
        assert "2024-01-20" in text
        assert view.changes[0].commit.short in text
        assert view.query_one(CommitList).has_focus


async def test_enter_shows_the_diff_cleaned_and_escape_goes_back_step_by_step(
    folder: Path,
) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_history(pilot, API_RENAMED)
        assert "proposed → accepted · renamed from 0003-rest-api.md" in screen_text(view)
        await pilot.press("j", "enter")  # the oldest commit: the file as first written
        await settle(pilot)
        diff = view.query_one(DiffView)
        await wait_until(pilot, lambda: "@@" in diff.plain, "the diff")
        assert view.showing_diff and diff.has_focus
        assert "+Proposed" in diff.plain.splitlines()
        # The escape sequence in the ADR is gone (not interpreted), the markup is text.
        assert "\x1b" not in diff.plain
        assert "+Colour RED here and [bold]not bold[/bold] there." in diff.plain.splitlines()
        shown = screen_text(view)
        assert "[bold]not bold[/bold]" in shown
        assert "Propose a REST API" in shown  # which commit this is
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and not view.showing_diff
        assert view.query_one(CommitList).has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_the_rename_commit_s_diff_is_shown(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        view = await open_history(pilot, API_RENAMED)
        await pilot.press("enter")
        await settle(pilot)
        diff = view.query_one(DiffView)
        await wait_until(pilot, lambda: "@@" in diff.plain, "the diff")
        lines = diff.plain.splitlines()
        assert "-Proposed" in lines and "+Accepted" in lines
        assert "rename from docs/adr/0003-rest-api.md" in lines


async def test_d_keeps_only_the_commits_that_moved_the_status(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_history(pilot, KAFKA)  # added, rejected, then a plain reword
        assert [c.commit.subject for c in view.changes][0] == "Reword the Kafka context"
        await pilot.press("d")
        await settle(pilot)
        assert [c.commit.subject for c in view.changes] == [
            "Reject Kafka",
            "Propose Postgres and Kafka",
        ]
        assert "status changes only" in screen_text(view)
        await pilot.press("enter")
        await settle(pilot)
        assert view.diff_of is not None and view.diff_of.commit.subject == "Reject Kafka"
        await pilot.press("escape", "d")
        await settle(pilot)
        assert len(view.changes) == 3


async def test_keys_move_through_the_commits(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_history(pilot, PG)
        options = view.query_one(OptionList)
        await pilot.press("G")
        assert options.highlighted == 2
        await pilot.press("k")
        assert options.highlighted == 1
        await pilot.press("g")
        assert options.highlighted == 0
        assert view.highlighted is view.changes[0]


async def test_an_adr_git_does_not_track_says_so(folder: Path) -> None:
    (folder / "0005-not-committed.md").write_text("# 5. Not committed\n\n## Status\n\nDraft\n")
    app = make_app(folder)
    notes: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        original = app.notify
        app.notify = lambda message, **kw: (notes.append(str(message)), original(message, **kw))  # type: ignore[method-assign,func-returns-value]
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.collection is not None, "the collection")
        await select(pilot, "0005-not-committed.md")
        await wait_until(pilot, lambda: loaded_history(screen) is not None, "the git history")
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("git does not track it yet" in note for note in notes)


async def test_without_git_history_H_says_why(decisions: Path) -> None:
    # ADRTUI_GIT=0 (the test suite's default): no history, one quiet reason.
    app = make_app(decisions)
    notes: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        original = app.notify
        app.notify = lambda message, **kw: (notes.append(str(message)), original(message, **kw))  # type: ignore[method-assign,func-returns-value]
        await settle(pilot)
        await pilot.press("H")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert notes and "git" in notes[-1]


async def test_the_history_view_can_be_built_from_a_history_alone(folder: Path) -> None:
    # The screen needs no main screen: the history and the record are enough.
    history = read_history(folder).history
    assert history is not None
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.collection is not None, "the collection")
        adr = screen.collection.get(KAFKA)  # type: ignore[union-attr]
        assert adr is not None
        view = HistoryScreen(adr, history)
        await app.push_screen(view)
        await settle(pilot)
        assert "proposed → rejected" in screen_text(view)


def screen_text(view: HistoryScreen) -> str:
    return drawn(view, "#history-heading, #history-commits, #history-commit, #diff-body")


PATCH = (
    "diff --git a/docs/adr/x.md b/docs/adr/x.md\n"
    "index 1..2 100644\n"
    "--- a/docs/adr/x.md\n"
    "+++ b/docs/adr/x.md\n"
    "@@ -1,4 +1,4 @@\n"
    " # Title\n"
    "--- front matter rule\n"
    "+++ added with pluses\n"
    "-\x1b]0;pwned\x07old \x1b[2Jline\n"
    "+new\tline \u202e[red]x[/red]\x0cform feed\n"
    "\\ No newline at end of file\n"
)


def test_each_patch_line_is_styled_by_where_it_is() -> None:
    lines = PATCH.removesuffix("\n").split("\n")
    assert list(line_kinds(lines)) == [
        "header",
        "header",
        "header",
        "header",
        "hunk",
        "context",
        "removed",  # a Markdown "-- x" removed: inside the hunk it is a removal
        "added",
        "removed",
        "added",
        "header",
    ]


def test_the_patch_is_drawn_as_cleaned_plain_text() -> None:
    styles = diff_styles({})
    text = diff_text(PATCH, styles)
    lines = text.plain.split("\n")
    assert len(lines) == 11  # a form feed does not split a line
    assert lines[8] == "-old line"  # the OSC title and the clear-screen are gone
    assert lines[9] == "+new    line ⟨U+202E⟩[red]x[/red]form feed"  # tab stop, bidi shown
    assert not any(ch in text.plain for ch in "\x1b\x07\x0c\u202e")
    added = next(span for span in text.spans if text.plain[span.start : span.end] == lines[9])
    assert added.style == styles["added"]


def test_a_long_patch_is_cut_and_says_so() -> None:
    patch = "@@ -1 +1 @@\n" + "".join(f"+line {n}\n" for n in range(50))
    text = diff_text(patch, diff_styles({}), max_lines=10)
    assert text.plain.split("\n")[-1] == "… 41 more lines not shown"
