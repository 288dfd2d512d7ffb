"""Typing while the first index builds: every keystroke answered at once, then in full.

The first index of a large folder takes a while to build, and analysing every
body in memory takes seconds too. Meanwhile the list answers from titles and
fields, says the text is still being read (the search's explanation line), and
shows the full answer by itself once the bodies are analysed, without another
keystroke.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from adrtui.domain.search import PARTIAL_NOTE, SearchIndex, StagedSearch
from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.widgets.adr_list import AdrList
from tests.ui.helpers import wait_until


class Gates:
    """Hold back the analysis of the bodies and the index's first build until opened."""

    def __init__(self) -> None:
        self.bodies = threading.Event()
        self.index = threading.Event()

    def open(self) -> None:
        self.bodies.set()
        self.index.set()


@pytest.fixture
def gates(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gates]:
    gates = Gates()
    complete, sync = StagedSearch.complete, SearchIndex.sync

    def slow_complete(self: StagedSearch, pause: object = None) -> None:
        gates.bodies.wait(60)
        complete(self, pause)  # type: ignore[arg-type]

    def slow_sync(self: SearchIndex, *args: object, **kwargs: object) -> object:
        gates.index.wait(60)
        return sync(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StagedSearch, "complete", slow_complete)
    monkeypatch.setattr(SearchIndex, "sync", slow_sync)
    try:
        yield gates
    finally:
        gates.open()  # never leave a worker waiting


def listed(app: AdrApp) -> set[str]:
    return {adr.rel_path for adr in app.screen.query_one(AdrList).listing.adrs}


async def test_typing_before_the_index_answers_from_titles_then_in_full(
    decisions: Path, gates: Gates
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: len(listed(app)) == 6, "the list")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"postgresql")

        def answered() -> bool:
            search = screen.browse.search
            return search is not None and search.text == "postgresql"

        await wait_until(pilot, answered, "an answer while the bodies are being read")
        # Titles answer at once; the list says the text is still being read.
        assert listed(app) == {"0002-use-postgresql.md", "0005-use-managed-postgresql.md"}
        assert screen.browse.explanation() == PARTIAL_NOTE
        assert screen.feed.index_state == "building"

        gates.bodies.set()
        # 0001 names PostgreSQL in its body only: it comes without another keystroke.
        await wait_until(
            pilot,
            lambda: "0001-record-architecture-decisions.md" in listed(app),
            "the full answer",
        )
        assert screen.browse.explanation() == ""
        full = listed(app)

        gates.index.set()
        await wait_until(pilot, lambda: screen.feed.index_state == "ready", "the index")
        await wait_until(
            pilot, lambda: screen.browse.search is not None and listed(app) == full, "same"
        )
        assert screen.browse.explanation() == ""


async def test_a_filter_typed_before_the_index_answers_exactly(
    decisions: Path, gates: Gates
) -> None:
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: len(listed(app)) == 6, "the list")
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("slash", *"status:superseded")
        await wait_until(
            pilot,
            lambda: (
                screen.browse.search is not None
                and screen.browse.search.text == "status:superseded"
            ),
            "an answer",
        )
        assert listed(app) == {"0002-use-postgresql.md"}
        assert screen.browse.explanation() == ""  # nothing is missing from it
        gates.open()
