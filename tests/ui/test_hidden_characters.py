"""The browser shows what the bytes say (issue 12, item 8: "Trojan Source").

A title with U+202E RIGHT-TO-LEFT OVERRIDE reads backwards on screen unless
the character is made visible; a zero-width space hides inside a word. The
list, the detail header and the rendered body show them as ``⟨U+202E⟩``;
an emoji joined by ZWJ and Persian with its ZWNJ are left as written.
"""

from __future__ import annotations

from pathlib import Path

from adrtui.domain.model import Adr
from adrtui.ui.app import AdrApp
from adrtui.ui.messages import SetFilter
from adrtui.ui.state import ListFilter
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.command_palette import filter_commands
from adrtui.ui.widgets.detail import DetailPane
from tests.ui.helpers import settle

RLO = "\u202e"
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"


def screen_text(app: AdrApp) -> str:
    return app.export_screenshot().replace("&#160;", " ").replace("&amp;", "&")


async def test_list_and_detail_show_bidi_and_zero_width_characters(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-trojan.md").write_text(
        f"# 1. Use {RLO}Postgres\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n"
        f"## Context\n\nA zero\u200bwidth space, {FAMILY} and {PERSIAN}.\n",
        encoding="utf-8",
    )
    app = AdrApp(folder)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        assert [adr.rel_path for adr in app.screen.query_one(AdrList).listing.adrs] == [
            "0001-trojan.md"
        ]
        detail = app.screen.query_one(DetailPane)
        assert detail.adr is not None and detail.shown_path == "0001-trojan.md"
        body = "\n".join(detail.body.document.plain)
        assert "Use ⟨U+202E⟩Postgres" in body  # the heading in the rendered Markdown
        assert "zero⟨U+200B⟩width" in body
        assert FAMILY in body and PERSIAN in body  # writing, not hiding
        assert RLO not in body and "\u200b" not in body
        screen = screen_text(app)
        # The list row and the detail header: the title as its bytes say.
        assert screen.count("⟨U+202E⟩") >= 2, "the title is not shown as its bytes say"
        assert RLO not in screen


def test_a_palette_filter_on_a_tag_with_a_hidden_character_finds_its_adr() -> None:
    adr = Adr(Path("/adr/0001-a.md"), "0001-a.md", tags=("a\u200bb",))
    tags = [
        command
        for command in filter_commands([adr])
        if isinstance(command.message, SetFilter) and command.message.field == "tag"
    ]
    assert [command.text for command in tags] == ["Filter: tag a⟨U+200B⟩b"]
    assert ListFilter(tag=tags[0].message.value).matches(adr)
