"""The browser driven like a user: keys in, what the panes show out."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import OptionList

from adrtui.ui.app import AdrApp
from adrtui.ui.screens.help import HelpScreen
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.adr_list import AdrList, AdrTable
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import DocumentView
from adrtui.ui.widgets.relations import RelationList, RelationsPane
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.helpers import palette_offers, settle


def listed(app: AdrApp) -> list[str]:
    return [adr.rel_path for adr in app.screen.query_one(AdrList).listing.adrs]


def shown(app: AdrApp) -> str | None:
    adr = app.screen.query_one(DetailPane).adr
    return adr.rel_path if adr else None


def screen(app: AdrApp) -> MainScreen:
    assert isinstance(app.screen, MainScreen)
    return app.screen


async def test_start_paints_every_adr_and_selects_the_first(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert len(listed(app)) == 6
        assert shown(app) == "0001-record-architecture-decisions.md"
        header = app.screen.query_one("#list-header").render()
        assert "6 of 6" in str(header)
        assert app.focused is app.screen.query_one(AdrTable)


async def test_moving_the_cursor_shows_that_adr(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        await settle(pilot)
        assert shown(app) == "0003-services-talk-http.md"
        body = app.screen.query_one(DocumentView)
        # The title is in the header; the body starts with what follows it (issue 14 item 11).
        assert "Services talk over HTTP" in str(app.screen.query_one("#detail-meta").render())
        assert any("call each other" in line for line in body.document.plain)
        await pilot.press("G")
        await settle(pilot)
        assert shown(app) == "0006-authenticate-with-oidc.md"
        await pilot.press("g")
        await settle(pilot)
        assert shown(app) == "0001-record-architecture-decisions.md"


async def test_search_narrows_the_list_and_escape_clears_it(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, SearchBar)
        await pilot.press(*"authentication")
        await settle(pilot)
        assert listed(app) == ["0006-authenticate-with-oidc.md"]
        assert shown(app) == "0006-authenticate-with-oidc.md"
        highlight = app.screen.query_one(DetailPane).highlight
        assert highlight is not None and highlight("Authentication first") == [(0, 14)]
        header = str(app.screen.query_one("#list-header").render())
        assert "1 of 6" in header and "authentication" in header
        await pilot.press("escape")
        await settle(pilot)
        assert len(listed(app)) == 6
        assert app.screen.query_one(SearchBar).value == ""
        assert isinstance(app.focused, AdrTable)
        # The selection survived clearing the search.
        assert shown(app) == "0006-authenticate-with-oidc.md"


async def test_field_filters_in_the_search_box(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"status:accepted", "enter")
        await settle(pilot)
        assert listed(app) == [
            "0001-record-architecture-decisions.md",
            "0003-services-talk-http.md",
            "0005-use-managed-postgresql.md",
        ]
        assert isinstance(app.focused, AdrTable)  # enter returns to the list, keeping the query


async def test_search_hits_in_the_detail_step_with_n(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"authentication", "enter")
        await settle(pilot)
        await pilot.press("enter")  # open: focus moves to the detail
        await settle(pilot)
        body = app.screen.query_one(DocumentView)
        assert app.focused is body
        hits = body.document.hits
        assert len(hits) >= 2
        await pilot.press("n")
        first = body.current_hit
        await pilot.press("n")
        assert body.current_hit == (first + 1) % len(hits)
        await pilot.press("N")
        assert body.current_hit == first
        line, start, end = hits[first]
        # Matched by stem: "authenticate" and "authentication" are the same word.
        assert body.document.plain[line][start:end].lower().startswith("authenticat")


async def test_status_filter_cycles_and_keeps_the_selection(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # 0003, accepted
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert screen(app).browse.list_filter.status == "proposed"
        assert listed(app) == ["0004-markup-in-title.md"]
        assert shown(app) == "0004-markup-in-title.md"
        await pilot.press("s")  # accepted (canonical order: proposed, accepted, …)
        await settle(pilot)
        assert screen(app).browse.list_filter.status == "accepted"
        assert all(a.status == "accepted" for a in app.screen.query_one(AdrList).listing.adrs)


async def test_selection_survives_refiltering_when_still_listed(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j")  # 0005
        await settle(pilot)
        assert shown(app) == "0005-use-managed-postgresql.md"
        await pilot.press("slash", *"postgresql")
        await settle(pilot)
        assert "0005-use-managed-postgresql.md" in listed(app)
        assert shown(app) == "0005-use-managed-postgresql.md"
        table = app.screen.query_one(AdrTable)
        assert listed(app)[table.cursor_row] == "0005-use-managed-postgresql.md"


async def test_enter_on_a_relation_follows_it_and_back_returns(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # 0002, superseded by 0005
        await settle(pilot)
        relations = app.screen.query_one(RelationsPane)
        assert relations.view is not None
        headings = [g.heading for g in relations.view.incoming]
        assert "superseded by" in headings
        await pilot.press("tab", "tab")
        assert isinstance(app.focused, RelationList)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) == "0005-use-managed-postgresql.md"
        assert listed(app)[app.screen.query_one(AdrTable).cursor_row] == shown(app)
        await pilot.press("backspace")
        await settle(pilot)
        assert shown(app) == "0002-use-postgresql.md"
        await pilot.press("alt+right")
        await settle(pilot)
        assert shown(app) == "0005-use-managed-postgresql.md"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert shown(app) == "0002-use-postgresql.md"


async def test_back_is_hidden_without_history(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        main = screen(app)
        assert main.check_action("history_back", ()) is False
        await pilot.press("backspace")
        await settle(pilot)
        assert shown(app) == "0001-record-architecture-decisions.md"


async def test_broken_link_is_shown_broken_and_not_followed(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # 0003 links to a missing file
        await settle(pilot)
        view = app.screen.query_one(RelationsPane).view
        assert view is not None
        broken = [row for g in view.outgoing for row in g.rows if row.broken]
        assert [row.target for row in broken] == ["0042-missing-decision.md"]
        options = app.screen.query_one(RelationList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("0042-missing-decision.md (broken link)" in p for p in prompts)
        await pilot.press("tab", "tab", "enter")
        await settle(pilot)
        assert shown(app) == "0003-services-talk-http.md"


async def test_clicking_a_relative_link_in_the_body_navigates(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j", "j")  # 0005 links to ADR 3
        await settle(pilot)
        body = app.screen.query_one(DocumentView)
        assert body.document.links == ("0002-use-postgresql.md", "0003-services-talk-http.md")
        row = next(i for i, text in enumerate(body.document.plain) if "ADR 3" in text)
        column = body.document.plain[row].index("ADR 3")
        body.scroll_to(y=row, animate=False, immediate=True)
        await settle(pilot)
        # +1: the pane's left padding.
        assert await pilot.click(body, offset=(column + 1, row - round(body.scroll_y)))
        await settle(pilot)
        assert shown(app) == "0003-services-talk-http.md"
        await pilot.press("backspace")
        await settle(pilot)
        assert shown(app) == "0005-use-managed-postgresql.md"


async def test_markup_in_titles_stays_literal(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert shown(app) == "0004-markup-in-title.md"
        header = app.screen.query_one("#detail-meta").render()
        assert "[@click=app.quit]quit[/]" in str(header)
        table = app.screen.query_one(AdrTable)
        assert "[bold red]Rich[/]" in table.row_text(3)
        # Clicking the title where the would-be action is does not quit the app.
        await pilot.click(app.screen.query_one("#detail-meta"), offset=(30, 0))
        await settle(pilot)
        assert app.is_running


async def test_help_lists_every_binding_and_closes(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        ids = {row.binding_id for row in app.screen.rows}
        for expected in (
            "search",
            "status-filter",
            "history-back",
            "history-forward",
            "copy-path",
            "reload",
            "quit",
            "help",
            "open",
            "next-hit",
            "previous-hit",
            "follow-link",
            "clear-search",
            "cursor-down",
            "first",
            "last",
        ):
            assert expected in ids
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_q_quits(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_palette_jumps_to_an_adr_by_number(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"open adr 0005")
        await palette_offers(pilot, "ADR 0005")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert shown(app) == "0005-use-managed-postgresql.md"
        assert screen(app).browse.history.back_stack == ["0001-record-architecture-decisions.md"]


async def test_palette_filters_by_tag(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"filter: tag database")
        await palette_offers(pilot, "Filter: tag database")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert listed(app) == ["0005-use-managed-postgresql.md"]
        assert "tag:database" in str(app.screen.query_one("#list-header").render())


async def test_copy_path_puts_the_file_path_on_the_clipboard(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard == str(decisions / "0001-record-architecture-decisions.md")


async def test_sort_by_title_and_reverse(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("o")  # number -> date
        await settle(pilot)
        assert screen(app).browse.sort.order == "date"
        await pilot.press("o")  # -> title
        await settle(pilot)
        titles = [a.title for a in app.screen.query_one(AdrList).listing.adrs]
        assert titles == sorted(titles, key=str.casefold)
        await pilot.press("O")
        await settle(pilot)
        titles = [a.title for a in app.screen.query_one(AdrList).listing.adrs]
        assert titles == sorted(titles, key=str.casefold, reverse=True)


async def test_reload_picks_up_a_new_file_and_keeps_the_selection(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        (decisions / "0007-new-decision.md").write_text(
            "# 7. A new decision\n\nDate: 2024-01-01\n\n## Status\n\nProposed\n", encoding="utf-8"
        )
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert "0007-new-decision.md" in listed(app)
        assert shown(app) == "0002-use-postgresql.md"


async def test_narrow_terminal_shows_relations_in_place_of_the_detail(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = screen(app)
        assert main.has_class("-narrow")
        assert (
            not main.query_one(RelationsPane).display
            or not main.query_one(RelationsPane).region.height
        )
        await pilot.press("j")
        await settle(pilot)
        await pilot.press("tab", "tab")
        await settle(pilot)
        assert isinstance(app.focused, OptionList)
        assert main.query_one(RelationsPane).region.height > 0
        assert main.query_one(DetailPane).region.height == 0
        await pilot.press("shift+tab")  # back to the detail: it takes the place again
        await settle(pilot)
        assert isinstance(app.focused, DocumentView)
        assert main.query_one(DetailPane).region.height > 0
        assert main.query_one(RelationsPane).region.height == 0


async def test_long_lists_scroll_and_jump_to_either_end(tmp_path: Path) -> None:
    folder = tmp_path / "decisions"
    folder.mkdir()
    for number in range(1, 401):
        (folder / f"{number:04d}-decision-{number}.md").write_text(
            f"# {number}. Decision {number}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n",
            encoding="utf-8",
        )
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(AdrTable)
        assert "400 of 400" in str(app.screen.query_one("#list-header").render())
        assert table.virtual_size.height >= 400  # the scrollbar spans the whole list
        table.scroll_to(y=250, animate=False, immediate=True)
        await settle(pilot)
        drawn = [strip.text for strip in table.render_lines(table.region.reset_offset)]
        assert any("Decision 252" in line for line in drawn)
        await pilot.press("G")
        await settle(pilot)
        assert shown(app) == "0400-decision-400.md"
        assert table.cursor_row == 399
        assert table.scroll_y >= table.max_scroll_y - 1  # the last row is on screen
        await pilot.press("ctrl+u")
        await settle(pilot)
        assert table.cursor_row < 399
        await pilot.press("g")
        await settle(pilot)
        assert shown(app) == "0001-decision-1.md"
        assert table.scroll_y == 0


async def test_lint_findings_show_in_the_detail_and_the_status_bar(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")  # 0003 has a broken link
        await settle(pilot)
        notes = app.screen.query_one(DetailPane).notes
        assert any("0042-missing-decision.md" in note for note in notes)
        assert "0042-missing-decision.md" in str(app.screen.query_one("#detail-meta").render())
        assert "1 lint problem" in screen(app).status_bar.extra


async def test_relevance_sort_puts_title_matches_first(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert screen(app).feed.index_state == "ready"
        await pilot.press("slash", *"postgresql", "enter")
        await settle(pilot)
        assert screen(app).browse.sort.order == "relevance"  # the default while searching
        ranked = listed(app)
        assert set(ranked[:2]) == {"0002-use-postgresql.md", "0005-use-managed-postgresql.md"}
        assert "by relevance" in str(app.screen.query_one("#list-header").render())
        await pilot.press("o")  # and on to an order that does not need ranking
        await settle(pilot)
        assert screen(app).browse.sort.order == "number"
        by_number = listed(app)
        assert by_number[0] == "0001-record-architecture-decisions.md"  # mentions it in the body
        assert set(by_number) == set(ranked)


def footer_keys(app: AdrApp) -> dict[str, bool]:
    """The footer's keys and whether each is enabled (what the user sees at the bottom)."""
    from textual.widgets._footer import FooterKey

    return {key.key: not key.has_class("-disabled") for key in app.screen.query(FooterKey)}


async def test_footer_follows_focus_and_what_is_possible(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        keys = footer_keys(app)
        assert keys.get("enter") is True  # Open, in the list
        assert "n" not in keys
        await pilot.press("tab")  # the detail
        await settle(pilot)
        keys = footer_keys(app)
        assert "enter" not in keys
        assert "n" not in keys  # no search: no hits to step through, n is not offered
        await pilot.press("slash", *"postgresql", "enter")
        await settle(pilot)
        await pilot.press("tab")
        await settle(pilot)
        assert isinstance(app.focused, DocumentView)
        assert footer_keys(app).get("n") is True


async def test_mouse_clicks_sort_by_a_column_and_open_a_row(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(AdrTable)
        title = next(c for c in table.columns if c.key == "title")
        title_x = sum(c.width + 2 for c in table.columns[: table.columns.index(title)]) + 2
        assert await pilot.click(table, offset=(title_x, 0))  # the header of "Title"
        await settle(pilot)
        assert screen(app).browse.sort.order == "title" and not screen(app).browse.sort.reverse
        assert "Title▲" in table.render_line(0).text
        by_title = listed(app)
        assert await pilot.click(table, offset=(title_x, 0))  # again: the other way
        await settle(pilot)
        assert screen(app).browse.sort.reverse
        assert listed(app) == by_title[::-1]
        assert await pilot.click(table, offset=(title_x, 3))  # the third row
        await settle(pilot)
        assert shown(app) == listed(app)[2]
        assert table.cursor_row == 2
        assert app.focused is table  # a click opens the ADR and leaves the keys in the list


async def test_a_quoted_phrase_narrows_the_list_once_the_quote_closes(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert screen(app).feed.index_state == "ready"
        # 0002 says "run PostgreSQL"; 0005 says "Running PostgreSQL" (the same stem).
        await pilot.press("slash", *'"run postgresql')
        await settle(pilot)
        both = {"0002-use-postgresql.md", "0005-use-managed-postgresql.md"}
        assert both <= set(listed(app))  # the quote is still open: words one by one
        await pilot.press('"')
        await settle(pilot)
        assert listed(app) == ["0002-use-postgresql.md"]


async def test_palette_offers_the_key_actions_that_work_now(decisions: Path) -> None:
    from adrtui.ui.screens.lint_report import LintReport
    from adrtui.ui.widgets.command_palette import AdrCommands

    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = AdrCommands(app.screen)
        offered = {str(hit.text): hit.help async for hit in provider.discover()}
        assert "Edit the selected ADR" in offered
        assert "(key: e)" in offered["Edit the selected ADR"]
        assert "Lint report" in offered
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"lint report")
        await palette_offers(pilot, "Lint report")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LintReport)


async def test_palette_hides_writing_actions_in_the_read_only_example(
    decisions: Path,
) -> None:
    from adrtui.ui.widgets.command_palette import AdrCommands

    app = AdrApp(decisions, is_example=True)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        provider = AdrCommands(app.screen)
        offered = {str(hit.text) async for hit in provider.discover()}
        assert "Help: every key" in offered and "Reload the folder" in offered
        assert not {"Edit the selected ADR", "New ADR", "Supersede the selected ADR"} & offered


async def test_tabs_typed_quickly_each_move_one_pane(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("j")  # 0002: it has relations
        await settle(pilot)
        for char in ("tab", "tab"):  # delivered back to back, like a fast typist's
            app.post_message(events.Key(char, None))
        await settle(pilot)
        assert isinstance(app.focused, RelationList)
