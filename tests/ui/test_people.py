"""Authors, consulted and informed in the browser: detail header, quick filter, palette."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from adrtui.domain.model import Adr
from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.state import ListFilter, visible_adrs
from adrtui.ui.theme import build_palette
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.command_palette import SetFilter, filter_commands
from adrtui.ui.widgets.detail import build_header
from tests.ui.helpers import settle

PALETTE = build_palette({}, dark=True)


def adr(n: int, **kw: object) -> Adr:
    name = f"{n:04d}-x.md"
    return Adr(Path("/x") / name, name, n, f"Decision {n}", "accepted", **kw)  # type: ignore[arg-type]


ADRS = [
    adr(1, authors=("Ana Lima",), deciders=("Bo Chen",)),
    adr(2, authors=("Zoe Wu", "ana lima")),
    adr(3, deciders=("Ana Lima",)),
]


def listed(app: AdrApp) -> list[str]:
    return [adr.rel_path for adr in app.screen.query_one(AdrList).listing.adrs]


def header(record: Adr) -> str:
    return build_header(record, (), PALETTE, "").plain


def test_header_shows_authors_when_there_are_no_deciders() -> None:
    text = header(adr(7, authors=("Ana Lima", "Bo Chen")))
    assert "authors: Ana Lima, Bo Chen" in text
    assert "deciders" not in text


def test_header_shows_every_people_field_beside_deciders() -> None:
    record = adr(
        8,
        deciders=("Ana Lima",),
        authors=("Bo Chen",),
        consulted=("Security team",),
        informed=("Platform team", "Support"),
        date="2024-05-06",
    )
    line = header(record).splitlines()[1]
    assert "deciders: Ana Lima" in line and "authors: Bo Chen" in line
    assert "consulted: Security team" in line and "informed: Platform team, Support" in line
    assert line.index("2024-05-06") < line.index("authors") < line.index("deciders")


def test_header_names_are_plain_text() -> None:
    text = header(adr(9, authors=("[bold]Eve\x1b[31m",)))
    assert "authors: [bold]Eve" in text and "\x1b" not in text


def test_the_author_quick_filter() -> None:
    kept = visible_adrs(ADRS, ListFilter(author="ANA LIMA"), "number")
    assert [a.number for a in kept] == [1, 2]
    assert ListFilter(author="Ana Lima").active
    assert ListFilter(author="Ana Lima", tag="api").describe() == "tag:api author:Ana Lima"


def test_the_palette_offers_one_author_filter_per_person() -> None:
    commands = [c for c in filter_commands(ADRS) if c.text.startswith("Filter: author")]
    assert [c.text for c in commands] == [
        "Filter: author Ana Lima",
        "Filter: author Zoe Wu",
    ]
    message = commands[0].message
    assert isinstance(message, SetFilter)
    assert (message.field, message.value) == ("author", "Ana Lima")
    deciders = [c.text for c in filter_commands(ADRS) if c.text.startswith("Filter: decider")]
    assert deciders == ["Filter: decider Ana Lima", "Filter: decider Bo Chen"]


async def test_the_author_filter_in_the_browser(decisions: Path) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen) and screen.collection is not None
        first = screen.collection.adrs[0]
        screen.feed.collection = screen.collection.replace(
            [replace(a, authors=("Zoe Wu",)) if a is first else a for a in screen.collection]
        )
        screen.post_message(SetFilter("author", "Zoe Wu"))
        await settle(pilot)
        assert listed(app) == [first.rel_path]
        assert "author:Zoe Wu" in str(screen.query_one("#list-header").render())
