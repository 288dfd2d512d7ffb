"""The three panes and the list's columns, at every terminal size and across resizes.

A resize never loses the user's place: the ADR under the cursor, the scroll
offset, the focused pane and the search stay, whichever breakpoint
(narrow 80, medium 120, wide 200 columns) the terminal crosses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widget import Widget

from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.state.layout import MEDIUM, NARROW, WIDE, PaneLayout
from adrtui.ui.widgets.adr_list import (
    AdrList,
    AdrTable,
    cell_text,
    column_layout,
    status_width,
)
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import DocumentView
from adrtui.ui.widgets.relations import RelationList, RelationsPane
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.helpers import settle

SIZES = [(80, 24), (200, 50), (120, 36), (80, 24), (120, 36), (200, 50)]
STATUSES = ["accepted", "proposed", "superseded", "deprecated", "rejected"]


@pytest.fixture
def many(tmp_path: Path) -> Path:
    """Sixty ADRs with long titles; every third one links to the one before it."""
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    for number in range(1, 61):
        links = f"\n\nSee [ADR {number - 1}](./{number - 1:04d}-decision.md).\n"
        status = STATUSES[number % 5].title()
        (folder / f"{number:04d}-decision.md").write_text(
            f"# {number}. Buildbarn architecture decision record {number} on caching\n\n"
            f"Date: 2024-01-{number % 28 + 1:02d}\n\n## Status\n\n{status}\n\n"
            f"## Context\n\nWhy decision {number} was needed.{links if number % 3 == 0 else ''}\n",
            encoding="utf-8",
        )
    return folder


def main(app: AdrApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


def place(app: AdrApp) -> tuple[str | None, str | None, int]:
    """What the user sees as their place: the shown ADR, the row under the cursor, its row."""
    screen = main(app)
    shown = screen.query_one(DetailPane).adr
    table = screen.query_one(AdrTable)
    cursor = screen.query_one(AdrList).cursor_path
    return (shown.rel_path if shown else None, cursor, table.cursor_row)


def cursor_visible(app: AdrApp) -> bool:
    table = main(app).query_one(AdrTable)
    top = round(table.scroll_y)
    return top <= table.cursor_row < top + table.scrollable_content_region.height - 1


async def resize(pilot: Pilot[object], size: tuple[int, int]) -> None:
    await pilot.resize_terminal(*size)
    await settle(pilot)


def inside(widget: Widget | None, pane: type[Widget]) -> bool:
    return widget is not None and any(isinstance(node, pane) for node in widget.ancestors_with_self)


@pytest.mark.parametrize("pane", [DocumentView, RelationList])
async def test_resizing_across_breakpoints_keeps_the_adr_focus_and_scroll(
    many: Path, pane: type[Widget]
) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press(*["j"] * 7)
        await settle(pilot)
        before = place(app)
        assert before == ("0008-decision.md", "0008-decision.md", 7)
        await pilot.press("tab")
        if pane is RelationList:
            await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, pane)
        for size in SIZES:
            await resize(pilot, size)
            assert place(app) == before, size
            assert isinstance(app.focused, pane), size
            assert app.focused.region.height > 0, size  # the focused pane is on screen
            assert cursor_visible(app), size


async def test_resizing_keeps_the_search_its_hits_and_the_cursor(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"superseded", "enter")
        await settle(pilot)
        rows = list(main(app).query_one(AdrList).listing.adrs)
        assert 5 < len(rows) < 60
        await pilot.press("j", "j", "j")
        await settle(pilot)
        before = place(app)
        assert before[0] == rows[3].rel_path
        for size in SIZES:
            await resize(pilot, size)
            assert place(app) == before, size
            assert main(app).query_one(SearchBar).value == "superseded", size
            assert list(main(app).query_one(AdrList).listing.adrs) == rows, size
            assert isinstance(app.focused, AdrTable), size


async def test_resizing_keeps_the_scroll_offset_when_the_cursor_stays_in_view(
    many: Path,
) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = main(app).query_one(AdrTable)
        await pilot.press("G", *["k"] * 5)  # near the end: the list is scrolled
        await settle(pilot)
        top = table.scroll_y
        assert top > 0 and place(app)[2] == 54
        await resize(pilot, (200, 36))  # wider, same height: nothing moves
        assert table.scroll_y == top and place(app)[2] == 54
        await resize(pilot, (80, 24))  # shorter: scrolled only as far as the cursor needs
        assert cursor_visible(app) and place(app)[2] == 54
        await resize(pilot, (120, 36))
        assert cursor_visible(app) and place(app)[2] == 54


async def test_the_title_column_takes_the_free_width_at_every_size(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = main(app).query_one(AdrTable)
        widest = len("superseded") + 2
        titles = {}
        for size in [(80, 24), (120, 36), (200, 50)]:
            await resize(pilot, size)
            columns = {column.key: column.width for column in table.columns}
            used = sum(width + 2 for width in columns.values())
            assert used == table.scrollable_content_region.width, size  # every cell used
            assert columns["status"] == widest, size
            titles[size[0]] = columns["title"]
            assert "Buildbarn architecture" in table.row_text(0), size
        # At 80 columns the list has the whole width (the detail is under it).
        assert titles[80] >= 40 and titles[120] >= 28
        # At 200 columns the list pane is wider than it was (a third of the screen):
        # a long title reads whole.
        assert titles[200] >= 50
        assert "Buildbarn architecture decision record 1 on caching" in table.row_text(0)


def test_column_layout_drops_the_date_before_the_title_gets_short() -> None:
    wide = column_layout(100, number_width=4, status_width=12)
    assert [column.key for column in wide] == ["number", "title", "status", "date"]
    assert sum(column.width + 2 for column in wide) == 100
    narrow = column_layout(40, number_width=4, status_width=12)
    assert [column.key for column in narrow] == ["number", "title", "status"]
    assert sum(column.width + 2 for column in narrow) == 40
    # Sorted by date, the dates stay in sight while the title keeps a dozen cells.
    by_date = column_layout(63, number_width=4, status_width=12, by_date=True)
    assert [column.key for column in by_date][-1] == "date"
    assert column_layout(63, number_width=4, status_width=12)[-1].key == "status"


def test_status_width_fits_the_widest_status_within_limits() -> None:
    assert status_width(["accepted", "proposed"]) == len("accepted") + 2
    assert status_width([None, "ok"]) == len("Status")  # the header still fits
    assert status_width(["a status written as a whole sentence"]) == 14


async def test_narrow_relations_pane_keeps_its_place_when_focused(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "tab", "tab")
        await settle(pilot)
        assert inside(app.focused, RelationsPane)
        await resize(pilot, (80, 24))
        assert inside(app.focused, RelationsPane)
        assert main(app).query_one(RelationsPane).region.height > 0


# -- the user arranges the panes: zoom, relations, the list's width -------------------------


def test_layout_state_zoom_follows_the_focus_and_restores() -> None:
    layout = PaneLayout()
    assert layout.visible(WIDE) == ("list", "detail", "relations")
    layout.toggle_zoom("detail")
    assert layout.visible(WIDE) == ("detail",) and layout.classes()["-zoom-detail"]
    layout.focus_moved("relations")  # tab while zoomed: the zoom moves along
    assert layout.visible(NARROW) == ("relations",)
    layout.focus_moved(None)  # the search box: the zoomed pane stays
    assert layout.zoomed == "relations"
    layout.toggle_zoom("list")
    assert layout.zoomed is None and layout.visible(MEDIUM) == ("list", "detail", "relations")


def test_layout_state_relations_toggle_per_breakpoint() -> None:
    layout = PaneLayout()
    assert layout.visible(NARROW) == ("list", "detail")
    assert layout.relations_hint(NARROW, 3, "R") == "3 relations · R shows them"
    assert layout.relations_hint(WIDE, 3, "R") == ""
    assert layout.relations_hint(NARROW, 0, "R") == ""
    assert layout.toggle_relations(NARROW) is True  # in the detail's place
    assert layout.visible(NARROW) == ("list", "relations")
    assert layout.visible(WIDE) == ("list", "detail", "relations")
    assert layout.toggle_relations(WIDE) is False
    assert layout.visible(WIDE) == ("list", "detail") and layout.classes()["-relations-hidden"]
    assert not layout.visitable("relations", WIDE) and layout.visitable("detail", WIDE)
    assert layout.relations_hint(MEDIUM, 1, "R") == "1 relation · R shows them"
    layout.focus_moved("detail")  # at narrow the focused pane takes the second row
    assert layout.visible(NARROW) == ("list", "detail")


def test_layout_state_list_share_moves_in_steps_within_limits() -> None:
    layout = PaneLayout()
    assert layout.grid_columns(WIDE) is None  # the stylesheet's own
    assert layout.resize_list(+1, WIDE)
    assert layout.grid_columns(WIDE) == "55fr 28fr 17fr"
    assert layout.grid_columns(MEDIUM) == "65fr 35fr"
    assert layout.grid_rows(NARROW) == "60fr 40fr" and layout.grid_columns(NARROW) is None
    while layout.resize_list(+1, WIDE):
        pass
    assert layout.list_share(WIDE) == 75 and layout.list_share(MEDIUM) == 80
    assert layout.resize_list(-1, WIDE) and layout.list_share(WIDE) == 65
    layout.toggle_relations(WIDE)
    assert layout.grid_columns(WIDE) == "65fr 35fr"


async def test_z_maximises_the_focused_pane_and_restores_it(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = main(app)
        panes = {
            "list": screen.query_one(AdrList),
            "detail": screen.query_one(DetailPane),
            "relations": screen.query_one(RelationsPane),
        }
        await pilot.press("j", "j", "z")
        await settle(pilot)
        assert panes["list"].region.width == 120 and panes["list"].region.height > 20
        assert not panes["detail"].region.height and not panes["relations"].region.height
        assert screen.query_one(SearchBar).region.height == 1  # the search stays in reach
        await pilot.press("enter")  # open the row: the zoom follows the focus to the detail
        await settle(pilot)
        assert isinstance(app.focused, DocumentView)
        assert panes["detail"].region.width == 120 and not panes["list"].region.height
        await pilot.press("tab")  # and on to the relations
        await settle(pilot)
        assert inside(app.focused, RelationsPane) and panes["relations"].region.width == 120
        await pilot.press("z")
        await settle(pilot)
        assert all(pane.region.height for pane in panes.values())
        assert inside(app.focused, RelationsPane) and place(app)[0] == "0003-decision.md"


async def test_r_hides_the_relations_and_the_detail_says_how_many_there_are(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        screen = main(app)
        detail, relations = screen.query_one(DetailPane), screen.query_one(RelationsPane)
        await pilot.press("j", "j")  # 0003 links to 0002
        await settle(pilot)
        wide = detail.region.width
        assert relations.region.width and not detail.border_subtitle
        await pilot.press("R")
        await settle(pilot)
        assert not relations.region.width and detail.region.width > wide
        assert detail.border_subtitle == "1 relation · R shows them"
        await pilot.press("tab", "tab")  # tab skips the hidden pane
        await settle(pilot)
        assert isinstance(app.focused, AdrTable)
        await resize(pilot, (80, 24))
        assert detail.border_subtitle == "1 relation · R shows them"
        await pilot.press("R")  # at narrow: in the detail's place
        await settle(pilot)
        assert relations.region.height and not detail.region.height
        await resize(pilot, (200, 50))
        assert relations.region.width and detail.region.width and not detail.border_subtitle


async def test_hiding_the_focused_relations_hands_the_focus_to_the_detail(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "tab", "tab")
        await settle(pilot)
        assert inside(app.focused, RelationsPane)
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.focused, DocumentView) and app.focused.region.height


async def test_angle_brackets_give_the_list_more_or_less_of_the_screen(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        lst, table = main(app).query_one(AdrList), main(app).query_one(AdrTable)
        before, title = lst.region.width, table.columns[1].width
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert lst.region.width > before and table.columns[1].width > title
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(pilot)
        assert lst.region.width < before
        await resize(pilot, (80, 24))  # narrow: the list is shorter instead
        assert lst.region.height < main(app).query_one(DetailPane).region.height


def test_list_cells_drop_the_emoji_variation_selector_terminals_widen() -> None:
    # Rich counts "🏛️" one cell, tmux draws two: the row would push the border out.
    assert cell_text("📝 🏛️ Arquitetura") == "📝 🏛 Arquitetura"
    assert cell_text("line\nbreak") == "line break"


async def test_a_status_longer_than_its_column_is_cut_with_an_ellipsis(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-long-status.md").write_text(
        "# 1. Long status\n\nDate: 2024-01-01\n\n## Status\n\nRefinement complete pending\n",
        encoding="utf-8",
    )
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = main(app).query_one(AdrTable)
        status = next(column for column in table.columns if column.key == "status")
        assert status.width == 14
        row = table.row_text(0)
        assert "refinement…" in row.casefold() and "pending" not in row


async def test_the_relations_hint_names_the_key_the_user_mapped(many: Path) -> None:
    app = AdrApp(many)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        detail = main(app).query_one(DetailPane)
        assert detail.border_subtitle == "1 relation · R shows them"
        app.set_keymap({"toggle-relations": "v"})
        await pilot.press("g")  # 0001: no relations
        await settle(pilot)
        assert not detail.border_subtitle
        await pilot.press("j", "j")
        await settle(pilot)
        assert detail.border_subtitle == "1 relation · v shows them"
