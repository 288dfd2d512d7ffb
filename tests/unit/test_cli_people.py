"""`adrtui show` prints who wrote, decided, was consulted and was informed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from adrtui.cli import listing, main
from adrtui.domain.collection.folder import Collection


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def _with_people(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **people: tuple[str, ...]
) -> Path:
    folder = tmp_path / "adrs"
    folder.mkdir()
    (folder / "0001-use-adrs.md").write_text("# 1. Use ADRs\n\nStatus: Accepted\n")
    opened = listing.open_collection(str(folder))
    patched = opened.replace([replace(a, **people) for a in opened])  # type: ignore[arg-type]
    monkeypatch.setattr(listing, "open_collection", lambda _directory: patched)
    assert isinstance(patched, Collection)
    return folder


def test_show_prints_authors_consulted_and_informed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _with_people(
        monkeypatch,
        tmp_path,
        authors=("Ana Lima", "Bo Chen"),
        consulted=("Security team",),
        informed=("Support",),
    )
    assert main(["show", "1", "--dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Authors:   Ana Lima, Bo Chen" in out
    assert "Consulted: Security team" in out
    assert "Informed:  Support" in out
    assert "Deciders" not in out  # no "Deciders: —" when someone is named


def test_show_without_anyone_still_says_deciders_unknown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _with_people(monkeypatch, tmp_path)
    assert main(["show", "1", "--dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "Deciders: —" in out
    assert "Authors" not in out and "Consulted" not in out


def test_show_json_has_the_people_lists(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _with_people(monkeypatch, tmp_path, authors=("Ana Lima",), informed=("Ops",))
    assert main(["show", "1", "--dir", str(folder), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["authors"], record["consulted"], record["informed"]) == (
        ["Ana Lima"],
        [],
        ["Ops"],
    )
