"""Links in the detail, by keyboard: f/F select, enter follows (issue 14, item 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot

from adrtui.ui.app import AdrApp
from adrtui.ui.state.links import heading_slug, link_action
from adrtui.ui.widgets import document as document_module
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import SELECTED_LINK, DocumentView
from tests.ui.helpers import settle, wait_until

FIXTURES = Path(__file__).parent.parent / "fixtures" / "links"
FIRST = "0001-links.md"
OTHER = "0002-other.md"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_TTY", raising=False)
    target = tmp_path / "decisions"
    shutil.copytree(FIXTURES, target)
    return target


async def open_detail(pilot: Pilot[object]) -> DocumentView:
    """Focus the body of the first ADR, once it is drawn."""
    await settle(pilot)
    detail = pilot.app.screen.query_one(DetailPane)
    await wait_until(pilot, lambda: detail.shown_path == FIRST, "the first ADR")
    await pilot.press("tab")
    body = detail.body
    await wait_until(pilot, lambda: pilot.app.focused is body, "focus on the body")
    return body


def selected_text(body: DocumentView) -> str:
    """The text of the selected link as drawn (reversed), over its pieces."""
    pieces = body.document.link_spans[body.current_link][1]
    text = " ".join(body.document.plain[line][start:end] for line, start, end in pieces)
    return " ".join(text.split())


def href_of_selection(body: DocumentView) -> str:
    return body.document.links[body.document.link_spans[body.current_link][0]]


def test_slugs_and_what_a_link_does() -> None:
    assert heading_slug("Decision Outcome (v2)!") == "decision-outcome-v2"
    assert link_action("#Decision-outcome", "a/0001-x.md").kind == "anchor"
    assert link_action("0001-x.md#ctx", "a/0001-x.md").target == "ctx"
    assert link_action("0002-y.md#ctx", "a/0001-x.md").kind == "app"
    assert link_action("https://example.com", "a/0001-x.md").kind == "web"
    assert link_action("mailto:a@b.c", None).kind == "web"


async def test_f_and_F_walk_the_links_and_the_selection_is_drawn(folder: Path) -> None:
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        assert body.current_link == -1
        await pilot.press("f")
        assert selected_text(body) == "the other decision"
        await pilot.press("f")
        assert selected_text(body) == "the decision below"
        await pilot.press("F", "F")  # back past the first: wraps to the last link
        assert body.current_link == len(body.document.link_spans) - 1
        await pilot.press("f")
        assert body.current_link == 0
        line, start, _end = body.document.link_spans[0][1][0]
        await pilot.pause()
        strip = body.render_line(line - int(body.scroll_y))
        offset = 0
        for segment in strip:
            if offset <= start < offset + len(segment.text):
                assert segment.style is not None and segment.style.reverse
            offset += len(segment.text)
        assert SELECTED_LINK.reverse


async def test_enter_opens_an_adr_link_in_the_app_and_back_returns(folder: Path) -> None:
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        await pilot.press("f")
        assert href_of_selection(body) == OTHER
        await pilot.press("enter")
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: detail.shown_path == OTHER, "the linked ADR")
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: detail.shown_path == FIRST, "back to the first ADR")


async def test_a_link_to_a_heading_scrolls_there(folder: Path) -> None:
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        target = body.document.anchors["decision-outcome"]
        for href in ("#decision-outcome", f"{FIRST}#decision-outcome"):
            body.scroll_home(animate=False, immediate=True)
            await pilot.pause()
            while href_of_selection_or_none(body) != href:
                await pilot.press("f")
            await pilot.press("enter")
            await wait_until(pilot, lambda: at_line(body, target), f"scrolled for {href}")
            assert app.screen.query_one(DetailPane).shown_path == FIRST


def at_line(body: DocumentView, line: int) -> bool:
    """The view starts at ``line`` (or is scrolled to the end, where ``line`` is on screen)."""
    return int(body.scroll_y) == min(line, int(body.max_scroll_y)) and line < body.max_scroll_y + 36


def href_of_selection_or_none(body: DocumentView) -> str | None:
    return href_of_selection(body) if body.current_link >= 0 else None


async def test_a_link_to_a_heading_of_another_adr_opens_it_there(folder: Path) -> None:
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        while href_of_selection_or_none(body) != f"{OTHER}#details":
            await pilot.press("f")
        await pilot.press("enter")
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: detail.shown_path == OTHER, "the linked ADR")
        await settle(pilot)
        line = body.document.anchors["details"]
        await wait_until(pilot, lambda: at_line(body, line), "scrolled to Details")


async def test_a_web_link_opens_in_the_browser(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(document_module, "can_open_browser", lambda: True)
    app = AdrApp(folder)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_kw: opened.append(url))
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        while href_of_selection_or_none(body) != "https://example.com/page":
            await pilot.press("f")
        await pilot.press("enter")
        await wait_until(pilot, lambda: opened == ["https://example.com/page"], "the browser")


async def test_over_ssh_a_web_link_is_copied_instead(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = AdrApp(folder)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_kw: opened.append(url))
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        while href_of_selection_or_none(body) != "mailto:team@example.com":
            await pilot.press("f")
        await pilot.press("enter")
        await settle(pilot)
        assert app.clipboard == "mailto:team@example.com"
        assert not opened
        assert any(
            "Copied URL mailto:team@example.com" in str(n.message) for n in app._notifications
        )


async def test_f_and_enter_are_offered_only_when_they_can_act(folder: Path) -> None:
    (folder / "0003-no-links.md").write_text("# 3. No links\n\nJust prose.\n", encoding="utf-8")
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        assert body.check_action("next_link", ()) is True
        assert body.check_action("follow_link", ()) is False
        await pilot.press("f")
        assert body.check_action("follow_link", ()) is True
        assert body.check_action("next_hit", ()) is False  # no search: n is not offered
        app.screen.query_one(DetailPane).show(None, None)
        await pilot.pause()
        assert body.check_action("next_link", ()) is False


def test_no_browser_over_ssh_or_when_only_a_console_browser_is_there(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import webbrowser

    from adrtui.ui.state.links import can_open_browser

    assert not can_open_browser({"SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"})
    assert not can_open_browser({"SSH_TTY": "/dev/pts/3"})

    def none() -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", none)
    assert not can_open_browser({})
    monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.GenericBrowser("lynx"))
    assert not can_open_browser({})  # it would take over the terminal adrtui draws on
    monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.BackgroundBrowser("xdg-open"))
    assert can_open_browser({})


async def test_back_after_following_a_link_returns_to_the_place_left(folder: Path) -> None:
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        body = await open_detail(pilot)
        await pilot.press("f")
        assert href_of_selection(body) == OTHER
        await pilot.press("ctrl+d", "ctrl+d")
        await settle(pilot)
        left_at = int(body.scroll_y)
        assert left_at > 0
        await pilot.press("enter")
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: detail.shown_path == OTHER, "the linked ADR")
        assert int(body.scroll_y) == 0  # a new ADR opens at its top
        await pilot.press("left_square_bracket")
        await wait_until(pilot, lambda: detail.shown_path == FIRST, "back")
        await settle(pilot)
        assert int(body.scroll_y) == left_at
