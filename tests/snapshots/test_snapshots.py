"""What the browser looks like, on the real corpora, at 120x36, 80x24 and 200x50.

Deterministic by construction: cache and config dirs are fresh per test, the
working directory is the corpora folder (so the title shows a relative path),
no text cursor is on screen, and every worker has finished before the shot.
Update after a deliberate change with ``pytest tests/snapshots --snapshot-update``
and review the HTML diff report.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from tests.ui.helpers import settle

SIZES = [
    pytest.param((120, 36), id="120x36"),
    pytest.param((80, 24), id="80x24"),
    pytest.param((200, 50), id="200x50"),
]

Steps = Callable[[Pilot[object]], Awaitable[None]]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpora: Path) -> None:
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    # The help screen names the config file: a fixed (absent) path keeps shots stable.
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", "/nonexistent/adrtui-config")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(corpora)


def steps(*keys: str, goto: str | None = None) -> Steps:
    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        if goto is not None:
            screen = pilot.app.screen
            assert isinstance(screen, MainScreen)
            screen.navigate(goto, record=False)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_list(snap_compare, corpora: Path, size: tuple[int, int]) -> None:
    app = AdrApp(corpora / "adr-tools")
    assert snap_compare(app, terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_search(snap_compare, corpora: Path, size: tuple[int, int]) -> None:
    app = AdrApp(corpora / "cloud-platform")
    keys = ("slash", *"kubernetes cluster", "enter")
    assert snap_compare(app, terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_detail(snap_compare, corpora: Path, size: tuple[int, int]) -> None:
    app = AdrApp(corpora / "madr")
    assert snap_compare(app, terminal_size=size, run_before=steps("j", "j", "j", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_relations(snap_compare, corpora: Path, size: tuple[int, int]) -> None:
    app = AdrApp(corpora / "cloud-platform")
    run = steps("tab", "tab", goto="036-multi-cluster.md")
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, corpora: Path, size: tuple[int, int]) -> None:
    app = AdrApp(corpora / "log4brains")
    assert snap_compare(app, terminal_size=size, run_before=steps("question_mark"))


@pytest.mark.parametrize("size", SIZES)
def test_lint_report(snap_compare, corpora: Path, size: tuple[int, int]) -> None:
    app = AdrApp(corpora / "cloud-platform")
    assert snap_compare(app, terminal_size=size, run_before=steps("L", "j"))


@pytest.mark.parametrize("size", SIZES)
def test_new_adr_prompt(snap_compare, corpora: Path, size: tuple[int, int]) -> None:
    app = AdrApp(corpora / "adr-tools")

    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Use event sourcing for orders")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)
