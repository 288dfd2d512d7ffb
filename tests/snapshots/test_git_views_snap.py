"""The git views at 80x24 and 120x36: one ADR's history (H), one commit's diff, the timeline (T).

The repository is built by the test (tests/ui/git_views_repo.py) with fixed
dates and authors, so its shas, and so the pictures, are the same on every run;
the app is started on the relative folder ``docs/adr`` from the repository's
root, so the title bar does not show the temporary path.
Update after a deliberate change with ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from adrtui.ui.app import AdrApp
from tests.gitrepo import needs_git
from tests.ui.editing_helpers import main_screen
from tests.ui.git_views_repo import FOLDER, build_repo, loaded_history
from tests.ui.helpers import settle, wait_until

pytestmark = needs_git

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 36), id="120x36"),
]


@pytest.fixture(autouse=True)
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", "/nonexistent/adrtui-config")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    root = tmp_path / "repo"
    build_repo(root)
    monkeypatch.chdir(root)  # the title bar shows the relative folder
    return root


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    """Wait for the history, then press ``pressed`` (each settled)."""

    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        screen = main_screen(pilot.app)  # type: ignore[arg-type]
        await wait_until(pilot, lambda: loaded_history(screen) is not None, "the git history")
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run


def app() -> AdrApp:
    return AdrApp(Path(FOLDER), watch=False)


@pytest.mark.parametrize("size", SIZES)
def test_history_of_one_adr(snap_compare, size: tuple[int, int]) -> None:
    # 0001 Use Postgres: added as proposed, accepted, superseded; three authors.
    assert snap_compare(app(), terminal_size=size, run_before=keys("H"))


@pytest.mark.parametrize("size", SIZES)
def test_diff_of_one_commit(snap_compare, size: tuple[int, int]) -> None:
    # 0003: its first commit, whose text holds an escape sequence and [bold] markup
    # (scrolled to the end, where that line is, at 80x24).
    run = keys("j", "j", "H", "j", "enter", "G")
    assert snap_compare(app(), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_timeline_by_month(snap_compare, size: tuple[int, int]) -> None:
    assert snap_compare(app(), terminal_size=size, run_before=keys("T"))


@pytest.mark.parametrize("size", SIZES)
def test_timeline_since_a_tag(snap_compare, size: tuple[int, int]) -> None:
    run = keys("T", "s", "v", "1", ".", "0", "enter")
    assert snap_compare(app(), terminal_size=size, run_before=run)
