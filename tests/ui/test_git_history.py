"""The browser reads the repository's history after the list is painted, and shows it.

Dates and authors git fills in, the ``changed`` order, the detail header's
created/changed/committers, and ``changed:``/``since:``/``author:`` in the search
box, on repositories these tests build (fixed dates and authors; commits dated
relative to now where a test asks for the last 30 days).
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest

from adrtui.domain import gitlog
from adrtui.ui.app import AdrApp
from adrtui.ui.services import git_history
from adrtui.ui.services.git_history import READING_NOTE
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.adr_table import AdrTable
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.filter_bar import FilterBar
from adrtui.ui.widgets.status_bar import StatusBar
from tests.gitrepo import ALICE, BOB, CAROL, GitRepo, adr, needs_git
from tests.ui.editing_helpers import listed, main_screen, select, shown
from tests.ui.helpers import settle, wait_until

pytestmark = needs_git

FOLDER = "docs/adr"
KAFKA = "0001-use-kafka.md"
REST = "0002-use-rest.md"


def ago(days: int) -> str:
    """An ISO time ``days`` before now (commits a 'last 30 days' filter must find)."""
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).isoformat(timespec="seconds")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """Kafka: written by Alice in 2021 without a date, accepted by Bob; REST: dated in
    the file, tagged v1 before Carol changed it three days ago."""
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Propose Kafka and REST",
        when="2021-03-04T10:00:00+00:00",
        author=ALICE,
        files={
            f"{FOLDER}/{KAFKA}": adr("1. Use Kafka", "Proposed"),
            f"{FOLDER}/{REST}": adr("2. Use REST", "Accepted", date="2020-01-01"),
        },
    )
    repo.commit(
        "Accept Kafka",
        when="2021-06-01T10:00:00+00:00",
        author=BOB,
        files={f"{FOLDER}/{KAFKA}": adr("1. Use Kafka", "Accepted")},
    )
    repo.git("tag", "v1")
    repo.commit(
        "REST: more context",
        when=ago(3),
        author=CAROL,
        files={f"{FOLDER}/{REST}": adr("2. Use REST", "Accepted", date="2020-01-01", body="More.")},
    )
    return repo


def make_app(repo: GitRepo) -> AdrApp:
    return AdrApp(repo.root / FOLDER, watch=False)


async def history_read(pilot) -> None:
    screen = main_screen(pilot.app)
    await wait_until(pilot, lambda: screen.git_history.reads, "the history to be read")
    await settle(pilot)


def header(app: AdrApp) -> str:
    detail = main_screen(app).query_one(DetailPane)
    return str(detail.query_one("#detail-meta").render())


def row(app: AdrApp, rel_path: str) -> str:
    table = main_screen(app).query_one(AdrTable)
    return table.row_text(listed(app).index(rel_path))


async def search(pilot, text: str) -> list[str]:
    await pilot.press("slash", *text, "enter")
    await settle(pilot)
    return listed(pilot.app)


async def test_the_list_is_painted_before_the_history_is_read(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted = threading.Event()
    real = gitlog.read_history

    def after_paint(*args, **kwargs):
        painted.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(git_history, "read_history", after_paint)
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = main_screen(app)
        await wait_until(pilot, lambda: len(listed(app)) == 2, "the list")
        assert screen.git is None  # the list did not wait for git
        assert row(app, KAFKA).rstrip().endswith("proposed ") or "2021" not in row(app, KAFKA)
        # A read that takes a while (a cold pass over years of history) says so.
        await wait_until(pilot, lambda: screen.status_bar.note == READING_NOTE, "reading note")
        painted.set()
        await history_read(pilot)
        assert screen.git is not None
        assert screen.git.of(KAFKA).count == 2
        assert screen.status_bar.note == ""


async def test_an_undated_adr_shows_the_first_commit_day_marked_as_from_git(
    repo: GitRepo,
) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await history_read(pilot)
        assert row(app, KAFKA).rstrip().endswith("2021-03-04")
        kafka = main_screen(app).collection.get(KAFKA)
        assert kafka.date == "2021-03-04" and kafka.git_filled == ("date", "authors")
        cells = main_screen(app).query_one(AdrList)._cells(kafka)
        assert cells[-1].style.italic  # drawn unlike a date the file gives
        await select(pilot, KAFKA)
        text = header(app)
        assert "2021-03-04 (from git)" in text
        assert "authors (from git): Alice Adams" in text
        # The first commit's day and author are the date and author said above:
        # the git line does not repeat them.
        assert "created" not in text
        assert "changed 2021-06-01 Bob Brown · 2 commits" in text
        assert "2 commits\nby Alice Adams, Bob Brown" in text  # the committers, whole


async def test_the_detail_of_a_dated_adr_keeps_the_file_date(repo: GitRepo) -> None:
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await history_read(pilot)
        await select(pilot, REST)
        text = header(app)
        assert "2020-01-01 · authors (from git): Alice Adams" in text  # the file's date
        assert "created 2021-03-04 Alice Adams" in text
        assert "Carol Chen · 2 commits" in text


async def test_o_offers_the_changed_order_newest_first(repo: GitRepo) -> None:
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await history_read(pilot)
        assert listed(app) == [KAFKA, REST]
        await pilot.press("o", "o")  # number → date → changed
        await settle(pilot)
        assert main_screen(app).browse.sort.order == "changed"
        assert listed(app) == [REST, KAFKA]
        table = main_screen(app).query_one(AdrTable)
        assert [c.label for c in table.columns][-1] == "Changed"
        assert row(app, KAFKA).rstrip().endswith("2021-06-01")
        await pilot.press("O")
        await settle(pilot)
        assert listed(app) == [KAFKA, REST]


async def test_changed_and_since_and_author_in_the_search_box(repo: GitRepo) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await history_read(pilot)
        assert await search(pilot, "changed:2021") == [KAFKA]
        await pilot.press("x")
        assert await search(pilot, "changed:<30d") == [REST]
        bar = main_screen(app).query_one(FilterBar).text
        assert "changed:<30d" in bar
        await pilot.press("x")
        assert await search(pilot, "since:v1") == [REST]
        await pilot.press("x")
        assert await search(pilot, "-changed:2021") == [REST]
        await pilot.press("x")
        # Bob never wrote his name in an ADR: he committed Kafka's acceptance.
        assert await search(pilot, "author:bob") == [KAFKA]
        await pilot.press("x")
        assert await search(pilot, "kafka author:carol") == []
        await pilot.press("x")
        assert await search(pilot, "date:2021") == [KAFKA]  # the date git filled in


async def test_a_since_git_does_not_know_is_said_and_left_out(repo: GitRepo) -> None:
    app = make_app(repo)
    async with app.run_test(size=(120, 36)) as pilot:
        await history_read(pilot)
        assert await search(pilot, "since:v9") == [KAFKA, REST]
        note = main_screen(app).query_one(FilterBar).text.splitlines()[-1]
        assert "'v9' is not a date" in note and note.endswith("left out")


async def test_not_a_repository_one_quiet_note_and_no_git_features(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    folder = tmp_path / "plain" / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / KAFKA).write_text(adr("1. Use Kafka", "Proposed"))
    (folder / REST).write_text(adr("2. Use REST", "Accepted", date="2020-01-01"))
    notes: list[str] = []
    app = AdrApp(folder, watch=False)
    original = app.notify
    app.notify = lambda message, *a, **k: (notes.append(str(message)), original(message, *a, **k))  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await history_read(pilot)
        screen = main_screen(app)
        assert screen.git is None
        status = screen.query_one(StatusBar)
        assert status.note == "git: not a git repository"
        assert not notes  # quiet: no toast, no modal
        await pilot.press("o", "o", "o")  # number → date → title → status: no "changed"
        await settle(pilot)
        assert screen.browse.sort.order == "status"
        assert await search(pilot, "changed:2024") == [KAFKA, REST]  # not emptied
        bar = screen.query_one(FilterBar).text
        assert "changed:2024" in bar
        assert "changed: needs git history (not a git repository)" in bar
        await select(pilot, KAFKA)
        assert "created" not in header(app)


async def test_a_commit_made_while_the_app_runs_is_read(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(git_history, "HEAD_CHECK_SECONDS", 0.1)
    app = make_app(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await history_read(pilot)
        await pilot.press("o", "o")
        await settle(pilot)
        assert listed(app) == [REST, KAFKA]
        # Another terminal: Bob touches Kafka today (outside the app; no file watcher).
        text = adr("1. Use Kafka", "Accepted", body="Revisited.")
        repo.commit("Revisit Kafka", when=ago(0), author=BOB, files={f"{FOLDER}/{KAFKA}": text})
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.git.of(KAFKA).count == 3, "the new commit")
        await settle(pilot)
        assert listed(app) == [KAFKA, REST]
        today = ago(0)[:10]
        assert row(app, KAFKA).rstrip().endswith(today)


async def test_a_live_reload_keeps_git_dates_and_a_commit_dates_the_new_adr(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(git_history, "HEAD_CHECK_SECONDS", 0.1)
    app = AdrApp(repo.root / FOLDER)  # watching the folder
    async with app.run_test(size=(120, 36)) as pilot:
        await history_read(pilot)
        screen = main_screen(app)
        await select(pilot, REST)
        new = "0003-use-grpc.md"
        (repo.root / FOLDER / new).write_text(adr("3. Use gRPC", "Proposed"))
        await wait_until(pilot, lambda: new in listed(app), "the new ADR (live reload)")
        await settle(pilot)
        assert screen.collection.get(KAFKA).date == "2021-03-04"  # still filled from git
        assert screen.collection.get(new).date is None  # git does not know it yet
        assert shown(app).rel_path == REST  # the selection stayed
        repo.commit("Propose gRPC", when="2022-02-02T10:00:00+00:00", author=BOB)
        await wait_until(
            pilot, lambda: screen.collection.get(new).date == "2022-02-02", "the commit"
        )
        assert screen.collection.get(new).git_filled == ("date", "authors")
        assert shown(app).rel_path == REST
