"""The list and detail with the git history read, and without one (issue 15).

Sorted by ``changed`` (the date column is the last commit's day, "Changed"), the
detail header's created/changed/commits/committers line, dates git filled in
drawn dim and slanted, ``author:`` finding a committer, and a folder that is not
a repository (one quiet note; ``changed:`` shown as a chip, said to need git).
The repository is built by the test with fixed dates (tests/ui/git_views_repo.py).
Update after a deliberate change with ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from adrtui.ui.app import AdrApp
from tests.gitrepo import adr, needs_git
from tests.ui.editing_helpers import main_screen
from tests.ui.git_views_repo import FOLDER, build_repo
from tests.ui.helpers import settle, wait_until

pytestmark = needs_git

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 36), id="120x36"),
]


@pytest.fixture(autouse=True)
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", "/nonexistent/adrtui-config")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    return tmp_path


@pytest.fixture
def repo(dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = dirs / "repo"
    build_repo(root)
    monkeypatch.chdir(root)  # the title bar shows the relative folder
    return root


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    """Wait for the history read, then press ``pressed`` (each settled)."""

    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        await wait_until(pilot, lambda: screen.git_history.reads, "the git history")
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run


def app() -> AdrApp:
    return AdrApp(Path(FOLDER), watch=False)


@pytest.mark.parametrize("size", SIZES)
def test_sorted_by_changed_with_the_git_line(snap_compare, repo: Path, size) -> None:
    # number → date → changed; the cursor on 0001 (proposed, accepted, superseded).
    run = keys("o", "o", "G")
    assert snap_compare(app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_author_finds_a_committer(snap_compare, repo: Path, size) -> None:
    # Bob is named in no file: he accepted Postgres and rejected Kafka.
    run = keys("slash", *"author:bob", "enter")
    assert snap_compare(app(), terminal_size=size, run_before=run)


def test_not_a_repository(snap_compare, dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = dirs / "plain" / FOLDER
    folder.mkdir(parents=True)
    (folder / "0001-use-kafka.md").write_text(adr("1. Use Kafka", "Proposed"))
    (folder / "0002-use-rest.md").write_text(adr("2. Use REST", "Accepted", date="2020-01-01"))
    monkeypatch.chdir(dirs / "plain")
    run = keys("slash", *"changed:2024", "enter")
    assert snap_compare(app(), terminal_size=(80, 24), run_before=run)
