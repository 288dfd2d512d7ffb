"""What a "Trojan Source" ADR looks like in the browser, at 120x36 and 80x24.

The title carries U+202E RIGHT-TO-LEFT OVERRIDE and the text a zero-width space:
the list, the detail header and the rendered body show each as ``⟨U+…⟩``, lint
counts them, and an emoji joined by ZWJ and Persian with its ZWNJ look as written.
Update after a deliberate change with ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from adrtui.ui.app import AdrApp
from tests.ui.helpers import settle

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]

BODY = (
    "# 1. Use \u202ePostgres for the ledger\n\n"
    "Date: 2024-03-01\n\n"
    "## Status\n\n"
    "Accepted\n\n"
    "## Context\n\n"
    "A zero\u200bwidth space hides in this word; "
    "the family \U0001f468\u200d\U0001f469\u200d\U0001f467 and "
    "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 are writing.\n"
)


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", "/nonexistent/adrtui-config")
    monkeypatch.delenv("NO_COLOR", raising=False)
    adrs = tmp_path / "repo" / "docs" / "adr"
    adrs.mkdir(parents=True)
    (adrs / "0001-use-postgres.md").write_text(BODY, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    return adrs


@pytest.mark.parametrize("size", SIZES)
def test_hidden_characters(snap_compare, size: tuple[int, int]) -> None:
    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)

    assert snap_compare(AdrApp(Path("docs/adr")), terminal_size=size, run_before=run)
