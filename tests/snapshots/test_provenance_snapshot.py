"""What `w` (where each field came from) looks like, at 120x36 and 80x24.

The records are pinned (values and provenance set here, not by the parser),
so the shot shows this view's layout, not the parser of the day: a field with
a source, one with rejected candidates, a status written in another language,
a field not found after looking in two places, a long title that wraps.
Update after a deliberate change with ``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from textual.pilot import Pilot

from adrtui.domain import parsing
from adrtui.domain.model import FieldSource
from adrtui.ui.app import AdrApp
from adrtui.ui.services import workers
from tests.ui.helpers import settle

SIZES = [pytest.param((120, 36), id="120x36"), pytest.param((80, 24), id="80x24")]

BODY = """# ADR 3: Use Kafka for the order events between services and the billing ledger

Statut: Accepté

## Context

Orders and billing disagree about what happened when.

## Decision

We publish every order event on Kafka.
"""

PROVENANCE = (
    FieldSource(
        "number", "12", "file name 0012-use-kafka.md", (("3", "line 1: # ADR 3: heading"),)
    ),
    FieldSource(
        "title",
        "Use Kafka for the order events between services and the billing ledger",
        "line 1: # heading",
    ),
    FieldSource("status", "accepted", "line 3: Statut:", (("proposed", "front matter status:"),)),
    FieldSource(
        "date", "", "", (("", "front matter date:"), ("March 2024", "line 4: Date: (month only)"))
    ),
    FieldSource("deciders", "Ana Lima, Bo Chen", "front matter deciders:"),
    FieldSource("tags", "events", "front matter tags:"),
)


@pytest.fixture(autouse=True)
def pinned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "cache").mkdir()
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", "/nonexistent/adrtui-config")
    monkeypatch.delenv("NO_COLOR", raising=False)
    folder = tmp_path / "repo" / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0012-use-kafka.md").write_text(BODY, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "repo")
    real = parsing.parse_file

    def parse(path: Path, root: Path):
        return dataclasses.replace(
            real(path, root),
            number=12,
            title="Use Kafka for the order events between services and the billing ledger",
            status="accepted",
            status_raw="Accepté",
            date=None,
            deciders=("Ana Lima", "Bo Chen"),
            authors=(),
            consulted=(),
            informed=(),
            tags=("events",),
            links=(),
            warnings=(),
            provenance=PROVENANCE,
        )

    monkeypatch.setattr(parsing, "parse_file", parse)
    # Lint rules change often; their count in the status bar is not this view's concern.
    monkeypatch.setattr(workers, "lint_findings", lambda collection, graph: ([], {}))
    return folder


@pytest.mark.parametrize("size", SIZES)
def test_provenance(snap_compare, size: tuple[int, int]) -> None:
    app = AdrApp(Path("docs/adr"))

    async def run(pilot: Pilot[object]) -> None:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run)
