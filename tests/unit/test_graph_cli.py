"""`adrtui graph`: formats, the status filter, and the JSON shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrtui.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "relations"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def graph_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["graph", str(FIXTURES / "clean"), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_nodes_and_edges(capsys: pytest.CaptureFixture[str]) -> None:
    data = graph_json(capsys)
    assert [(n["id"], n["number"], n["status"]) for n in data["nodes"]] == [
        ("0001-record-decisions.md", 1, "accepted"),
        ("0002-use-postgresql.md", 2, "superseded"),
        ("0003-use-managed-postgresql.md", 3, "accepted"),
        ("0004-amend-backups.md", 4, "accepted"),
    ]
    assert data["nodes"][2]["title"] == "Use managed PostgreSQL"
    assert sorted((e["source"], e["kind"], e["target"]) for e in data["edges"]) == [
        ("0003-use-managed-postgresql.md", "mentions", "0001-record-decisions.md"),
        ("0003-use-managed-postgresql.md", "supersedes", "0002-use-postgresql.md"),
        ("0004-amend-backups.md", "amends", "0003-use-managed-postgresql.md"),
    ]


def test_status_and_kind_filters(capsys: pytest.CaptureFixture[str]) -> None:
    data = graph_json(
        capsys, "--status", "superseded", "--status", "accepted", "--kind", "supersedes,amends"
    )
    assert len(data["nodes"]) == 4
    assert {e["kind"] for e in data["edges"]} == {"supersedes", "amends"}
    data = graph_json(capsys, "--status", "superseded")
    assert [n["id"] for n in data["nodes"]] == ["0002-use-postgresql.md"]
    assert data["edges"] == []


def test_mermaid_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(FIXTURES / "clean")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("flowchart LR\n")
    assert '-->|"supersedes"|' in out and '-->|"amends"|' in out


def test_dot(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(FIXTURES / "clean"), "-f", "dot"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("digraph adrs {") and out.rstrip().endswith("}")
    assert (
        '"0003-use-managed-postgresql.md" -> "0002-use-postgresql.md" [label="supersedes"];' in out
    )


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["graph", str(FIXTURES / "clean"), "--format", "svg"])
    assert exit_info.value.code == 2
