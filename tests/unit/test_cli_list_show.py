"""`adrtui list` and `adrtui show`: the contract scripts and CI rely on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.domain.collection.folder import EXAMPLE_DIR

JSON_KEYS = {
    "path",
    "number",
    "title",
    "status",
    "date",
    "date_source",
    "deciders",
    "authors",
    "authors_source",
    "consulted",
    "informed",
    "tags",
    "links",
    "warnings",
    "git",
}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def test_list_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(EXAMPLE_DIR), "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert all(set(r) == JSON_KEYS for r in records)
    second = records[1]
    assert second["path"] == "0002-use-postgresql-for-persistence.md"
    assert second["status"] == "superseded"
    assert second["date"] == "2024-01-15"
    assert {
        "kind": "superseded-by",
        "target": "0005-use-managed-postgresql.md",
        "path": "0005-use-managed-postgresql.md",
    } in second["links"]
    third = records[2]
    assert third["deciders"] == ["Ana Lima", "Bo Chen"]
    assert third["tags"] == ["integration", "api"]


def test_list_filters_by_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(EXAMPLE_DIR), "--status", "Accepted", "--json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [r["number"] for r in records] == [1, 3, 5]


def test_list_status_repeated_means_any_of_them(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["list", str(EXAMPLE_DIR), "--status", "proposed", "--status", "Superseded", "--json"]
    assert main(argv) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["status"]) for r in records] == [
        (2, "superseded"),
        (4, "proposed"),
    ]


def test_list_text_is_an_aligned_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(EXAMPLE_DIR)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NUMBER", "STATUS", "DATE", "TITLE", "FILE"]
    assert len(lines) == 7
    status_column = lines[0].index("STATUS")
    assert all(line[status_column - 2 : status_column] == "  " for line in lines)
    assert "Use managed PostgreSQL" in lines[5]


def test_list_from_a_repository_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "repo" / "docs" / "decisions"
    folder.mkdir(parents=True)
    (folder / "0007-x.md").write_text("# 7. Seven\n\n## Status\n\nAccepted\n", encoding="utf-8")
    assert main(["list", str(tmp_path / "repo"), "--json"]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)] == ["0007-x.md"]


def test_no_adr_folder_exits_2_naming_what_was_tried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert "no ADR folder found" in captured.err and "docs/decisions" in captured.err


def test_missing_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", str(tmp_path / "nope")]) == 2
    assert "no such directory" in capsys.readouterr().err


@pytest.mark.parametrize("ref", ["5", "ADR-5", "0005-use-managed-postgresql.md", "0005"])
def test_show_finds_by_number_or_file(ref: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", ref, "--dir", str(EXAMPLE_DIR), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["title"] == "Use managed PostgreSQL"
    assert "Backups, minor upgrades" in record["body"]


def test_show_by_path(capsys: pytest.CaptureFixture[str]) -> None:
    path = EXAMPLE_DIR / "0004-validate-payloads-with-json-schema.md"
    assert main(["show", str(path), "--dir", str(EXAMPLE_DIR)]) == 0
    out = capsys.readouterr().out
    assert "Title:" in out and "Validate payloads with JSON Schema" in out
    assert "Status:   Proposed" in out


def test_show_unknown_ref_fails_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "999", "--dir", str(EXAMPLE_DIR)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "no ADR matches" in captured.err
