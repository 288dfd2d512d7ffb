"""The daily browser (issue 14) at 80x24, 120x36 and 200x50, on fixtures kept in the repo.

These run on a fresh clone (no ``../shared``): the showcase collection (mixed
statuses, supersession chains, tags), the HTML fixture and the links fixture
are the project's own. Each shot is a state a person reaches with a few keys:
a search with a status chip, a typo the search forgives, a zoomed detail, an
HTML table rendered in the detail, a link selected with ``f``.
Update after a deliberate change with ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from adrtui.ui.app import AdrApp
from tests.ui.helpers import settle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

SIZES = [
    pytest.param((80, 24), id="80x24"),
    pytest.param((120, 36), id="120x36"),
    pytest.param((200, 50), id="200x50"),
]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", "/nonexistent/adrtui-config")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(FIXTURES)  # the title bar shows a relative path


def keys(*pressed: str):  # type: ignore[no-untyped-def]
    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
        await settle(pilot)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_search_with_a_status_chip(snap_compare, size: tuple[int, int]) -> None:
    app = AdrApp(FIXTURES / "showcase")
    run = keys("slash", *"events", "enter", "s")
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_typo_forgiven_and_said(snap_compare, size: tuple[int, int]) -> None:
    app = AdrApp(FIXTURES / "showcase")
    run = keys("slash", *"postgrsql", "enter")
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_detail_zoomed(snap_compare, size: tuple[int, int]) -> None:
    app = AdrApp(FIXTURES / "showcase")
    run = keys("j", "j", "j", "enter", "z")
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_html_table_in_the_detail(snap_compare, size: tuple[int, int]) -> None:
    app = AdrApp(FIXTURES / "html")
    run = keys("enter", "z")
    assert snap_compare(app, terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_link_selected_in_the_detail(snap_compare, size: tuple[int, int]) -> None:
    app = AdrApp(FIXTURES / "links")
    run = keys("enter", "f", "f")
    assert snap_compare(app, terminal_size=size, run_before=run)
