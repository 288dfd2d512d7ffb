"""``T``: the collection by month or year, a since filter, and ``enter`` landing on the ADR."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import MappingProxyType

import pytest
from textual.app import App

from adrtui.domain.gitlog import ADDED, MODIFIED, Change, Commit, FileHistory, RepoHistory
from adrtui.domain.model import Adr
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.screens.timeline import TimelineScreen
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.timeline_list import TimelineList
from tests.gitrepo import needs_git
from tests.ui.editing_helpers import listed, main_screen, make_app, shown
from tests.ui.git_views_repo import (
    API_RENAMED,
    FOLDER,
    KAFKA,
    PG,
    PG16,
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


async def open_timeline(pilot) -> TimelineScreen:  # type: ignore[no-untyped-def]
    """Press ``T`` once the browser has read the history; wait for the grouping."""
    screen = main_screen(pilot.app)
    await wait_until(pilot, lambda: screen.collection is not None, "the collection")
    await wait_until(pilot, lambda: loaded_history(screen) is not None, "the git history")
    await pilot.press("T")
    await settle(pilot)
    view = pilot.app.screen
    assert isinstance(view, TimelineScreen)
    await wait_until(pilot, lambda: view.drawn_generation == view.generation, "the timeline")
    return view


def order(view: TimelineScreen) -> list[tuple[str, str]]:
    return [(key, entry.rel_path) for key, entry in view.entries]


def text(view: TimelineScreen) -> str:
    return drawn(view, "#timeline-heading, #timeline-list, #timeline-empty")


async def regrouped(pilot, view: TimelineScreen, *keys: str) -> None:  # type: ignore[no-untyped-def]
    before = view.generation
    await pilot.press(*keys)
    await settle(pilot)
    await wait_until(
        pilot, lambda: view.drawn_generation == view.generation > before, "the regrouping"
    )


async def test_months_newest_first_each_adr_with_its_transitions_and_authors(
    folder: Path,
) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_timeline(pilot)
        assert order(view) == [
            ("2024-05", KAFKA),
            ("2024-04", API_RENAMED),
            ("2024-04", PG),
            ("2024-04", PG16),
            ("2024-03", KAFKA),
            ("2024-02", API_RENAMED),
            ("2024-01", PG),
            ("2024-01", KAFKA),
        ]
        shown_text = text(view)
        assert "All time: 9 changes to 4 ADRs · by month" in shown_text
        periods = ["May 2024", "April 2024", "March 2024", "February 2024", "January 2024"]
        assert [shown_text.index(p) for p in periods] == sorted(
            shown_text.index(p) for p in periods
        )
        lines = [" ".join(line.split()) for line in shown_text.splitlines()]
        january = lines.index("January 2024 3 changes to 2 ADRs")
        assert lines[january + 1 : january + 3] == [
            "0001 Use Postgres Alice Adams, Bob Brown",
            "created (proposed) → accepted",
        ]
        assert "accepted → superseded" in lines
        assert "0002 Use Kafka Bob Brown" in lines and "proposed → rejected" in lines
        assert view.query_one(TimelineList).has_focus
        assert view.highlighted_entry is not None
        assert view.highlighted_entry.rel_path == KAFKA


async def test_y_groups_by_year_and_m_by_month_again(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_timeline(pilot)
        await regrouped(pilot, view, "y")
        assert {key for key, _ in order(view)} == {"2024"}
        assert "created (proposed) → accepted → superseded" in text(view)
        assert "· by year" in text(view)
        await regrouped(pilot, view, "m")
        assert order(view)[0] == ("2024-05", KAFKA)


async def test_enter_lands_on_the_adr_in_the_browser_even_when_a_search_hid_it(
    folder: Path,
) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.collection is not None, "the collection")
        await pilot.press("slash", *"kafka", "enter")
        await wait_until(pilot, lambda: listed(app) == [KAFKA], "the search")
        view = await open_timeline(pilot)
        await pilot.press("j", "j")  # May: 0002 (edited), April: 0003 then 0001
        assert view.highlighted_entry is not None and view.highlighted_entry.rel_path == PG
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert shown(app).rel_path == PG
        assert screen.query_one(AdrList).cursor_path == PG
        assert PG in listed(app)


async def test_since_a_date_a_tag_nothing_and_a_mistake(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_timeline(pilot)
        await pilot.press("s")
        assert view.query_one("#timeline-since").has_focus
        await regrouped(pilot, view, *"2024-03", "enter")
        assert {key for key, _ in order(view)} == {"2024-05", "2024-04", "2024-03"}
        assert "since 2024-03-01: 5 changes to 4 ADRs" in text(view)
        assert view.query_one(TimelineList).has_focus
        # A tag: the commits after it (v1.0 is on "Reject Kafka").
        await pilot.press("s", *["backspace"] * 10)
        await regrouped(pilot, view, *"v1.0", "enter")
        assert order(view)[1:] == [("2024-04", API_RENAMED), ("2024-04", PG), ("2024-04", PG16)]
        assert "since v1.0: 4 changes to 4 ADRs" in text(view)
        # Nothing since: said in words.
        await pilot.press("s", *["backspace"] * 10)
        await regrouped(pilot, view, *"2030", "enter")
        assert order(view) == []
        assert "Nothing changed since 2030-01-01" in text(view)
        # A mistake names itself; the filter in force stays.
        await pilot.press("s", *["backspace"] * 10)
        await regrouped(pilot, view, *"no-such-tag", "enter")
        assert view.error and "no-such-tag" in text(view)
        assert "since 2030-01-01" in text(view)
        # x: all time again, the keys acting on the list (hidden while it was empty).
        await regrouped(pilot, view, "x")
        assert len(order(view)) == 8 and not view.error
        assert "All time" in text(view)
        assert view.query_one(TimelineList).has_focus
        await pilot.press("j")
        assert view.highlighted_entry is view.entries[1][1]


async def test_a_span_back_from_today(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_timeline(pilot)
        await pilot.press("s")
        await regrouped(pilot, view, *"30d", "enter")
        assert order(view) == []  # the repository's commits are from 2024
        assert "Nothing changed in the last 30 days" in text(view)


async def test_escape_in_the_since_box_cancels_then_closes(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_timeline(pilot)
        await pilot.press("s", *"my", "escape")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        assert view.since is None and view.by == "month"  # m and y were typed, not run
        assert view.query_one(TimelineList).has_focus
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_without_git_history_T_says_why(decisions: Path) -> None:
    app = make_app(decisions)
    notes: list[str] = []
    async with app.run_test(size=(120, 36)) as pilot:
        original = app.notify
        app.notify = lambda message, **kw: (notes.append(str(message)), original(message, **kw))  # type: ignore[method-assign,func-returns-value]
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert notes and "git" in notes[-1]


def big_history(adrs: int, months: int) -> tuple[RepoHistory, list[Adr]]:
    """``adrs`` ADRs each edited once a month for ``months`` months of 2020-2021."""
    files = {}
    records = []
    for number in range(1, adrs + 1):
        rel_path = f"{number:04d}-adr-{number}.md"
        changes = []
        for month in range(months):
            day = f"{2020 + month // 12}-{month % 12 + 1:02d}-{number % 28 + 1:02d}"
            stamp = int(datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp())
            commit = Commit(f"{number:020d}{month:020d}", f"{day}T12:00:00+00:00", stamp, "Ann")
            kind = ADDED if month == 0 else MODIFIED
            changes.append(Change(commit, rel_path, kind, None, None, "proposed"))
        files[rel_path] = FileHistory(rel_path, tuple(changes))
        records.append(Adr(Path("/r") / rel_path, rel_path, number=number, title=f"ADR {number}"))
    return RepoHistory(Path("/r"), Path("/r"), "head", MappingProxyType(files)), records


async def test_thousands_of_entries_all_reachable(tmp_path: Path) -> None:
    history, records = big_history(400, 12)  # 4,800 entries by month
    picked: list[str | None] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(TimelineScreen(history, records), picked.append)

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen
        assert isinstance(view, TimelineScreen)
        await wait_until(pilot, lambda: view.drawn_generation == view.generation, "the timeline")
        assert len(view.entries) == 4800
        assert view.highlighted_entry is not None
        assert view.highlighted_entry.changes[0].commit.day.startswith("2020-12")
        await pilot.press("G")
        last = view.entries[-1][1]
        assert view.highlighted_entry is last
        assert f"ADR {last.rel_path[:4].lstrip('0')}" in text(view)
        await pilot.press("g", "pagedown")
        entries = view.query_one(TimelineList)
        assert entries.cursor > 1
        await pilot.press("k", "enter")
        await settle(pilot)
        assert picked == [view.entries[entries.cursor][1].rel_path]


async def test_d_shows_decisions_only_and_decisions_come_first(folder: Path) -> None:
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        view = await open_timeline(pilot)
        await regrouped(pilot, view, "d")
        assert "decisions only" in text(view)
        # May only rewords 0002: gone; every other entry moved status or was created.
        assert len(order(view)) == 7 and order(view)[0] == ("2024-04", API_RENAMED)
        await regrouped(pilot, view, "s", *"2024-04-10", "enter")
        assert order(view) == [("2024-04", API_RENAMED)]
        assert "since 2024-04-10: 1 change to 1 ADR" in text(view)
        await regrouped(pilot, view, "d")
        assert "decisions only" not in text(view)
        # Since May only an edit: decisions only shows nothing, the list is hidden;
        # x brings every period back and the keys act on the list again.
        await regrouped(pilot, view, "s", *["backspace"] * 10, *"2024-05", "enter")
        await regrouped(pilot, view, "d")
        assert order(view) == []
        assert "No ADR was created or changed status since 2024-05-01" in text(view)
        await regrouped(pilot, view, "x")
        assert view.query_one(TimelineList).has_focus
        await pilot.press("j")
        assert view.highlighted_entry is view.entries[1][1]


async def test_a_click_moves_the_cursor_and_a_double_click_opens() -> None:
    history, records = big_history(3, 1)  # one period, three entries
    picked: list[str | None] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(TimelineScreen(history, records), picked.append)

    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen
        assert isinstance(view, TimelineScreen)
        await wait_until(pilot, lambda: view.drawn_generation == view.generation, "the timeline")
        # Line 0 is the period's heading; each entry has two lines from line 1.
        await pilot.click(TimelineList, offset=(12, 4))
        assert view.query_one(TimelineList).cursor == 1
        assert picked == []
        await pilot.click(TimelineList, offset=(12, 4), times=2)
        await settle(pilot)
        assert picked == [view.entries[1][1].rel_path]
