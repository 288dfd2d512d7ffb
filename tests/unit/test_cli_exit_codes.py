"""Exit statuses and JSON shapes scripts branch on: `show` of a shared number, `search`
with and without hits (as grep), and `--json` on `graph` and `index`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.cli.listing import EXIT_AMBIGUOUS
from adrtui.domain.collection.folder import EXAMPLE_DIR


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def clash(tmp_path: Path) -> Path:
    """Two ADRs numbered 2 (two branches merged), beside a plain 1."""
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-one.md").write_text("# 1. One\n\n## Status\n\nAccepted\n", encoding="utf-8")
    (folder / "0002-use-kafka.md").write_text(
        "# 2. Use Kafka\n\n## Status\n\nAccepted\n\nKafka body.\n", encoding="utf-8"
    )
    (folder / "0002-use-nats.md").write_text(
        "# 2. Use NATS\n\n## Status\n\nProposed\n\nNATS body.\n", encoding="utf-8"
    )
    return folder


def test_show_of_a_shared_number_prints_both_and_exits_non_zero(
    clash: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "2", "--dir", str(clash)]) == EXIT_AMBIGUOUS != 0
    captured = capsys.readouterr()
    assert "Use Kafka" in captured.out and "Use NATS" in captured.out
    assert "Kafka body." in captured.out and "NATS body." in captured.out
    assert "names 2 ADRs" in captured.err
    assert "0002-use-kafka.md" in captured.err and "0002-use-nats.md" in captured.err


def test_show_json_of_a_shared_number_is_a_list_of_both(
    clash: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "2", "--dir", str(clash), "--json"]) == EXIT_AMBIGUOUS
    records = json.loads(capsys.readouterr().out)
    assert isinstance(records, list)
    assert sorted(r["path"] for r in records) == ["0002-use-kafka.md", "0002-use-nats.md"]
    assert all(r["number"] == 2 and "body" in r for r in records)


def test_show_of_one_adr_exits_0_with_one_json_object(
    clash: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "1", "--dir", str(clash), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["title"] == "One" and captured.err == ""
    assert main(["show", "0002-use-nats.md", "--dir", str(clash)]) == 0  # a file name is exact
    assert "Use Kafka" not in capsys.readouterr().out


def test_show_of_nothing_exits_1(clash: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "9", "--dir", str(clash)]) == 1
    assert "no ADR matches" in capsys.readouterr().err


@pytest.mark.parametrize("json_flag", [[], ["--json"]])
def test_search_exits_as_grep(json_flag: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["search", "postgresql", "--dir", str(EXAMPLE_DIR), *json_flag]) == 0
    capsys.readouterr()
    assert main(["search", "zzzzqqq", "--dir", str(EXAMPLE_DIR), *json_flag]) == 1
    captured = capsys.readouterr()
    if json_flag:
        assert json.loads(captured.out) == []  # still valid JSON for a pipe
    else:
        assert captured.out == "" and "no ADR matches" in captured.err


def test_search_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["search", "x", "--dir", str(empty)]) == 2
    assert "no ADR folder found" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["search", "x", "--limit", "0", "--dir", str(EXAMPLE_DIR)])
    assert usage.value.code == 2


def test_graph_json_is_the_json_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(EXAMPLE_DIR), "--json"]) == 0
    short = json.loads(capsys.readouterr().out)
    assert main(["graph", str(EXAMPLE_DIR), "--format", "json"]) == 0
    assert short == json.loads(capsys.readouterr().out)
    assert {"nodes", "edges"} <= set(short)


def test_index_json_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "adrs"
    folder.mkdir()
    for number in (1, 2):
        (folder / f"000{number}-x.md").write_text(f"# {number}. Title {number}\n\nBody.\n")
    assert main(["index", str(folder), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert set(summary) == {
        "files",
        "added",
        "updated",
        "removed",
        "indexed",
        "rebuilt",
        "read_only",
        "seconds",
    }
    assert (summary["files"], summary["added"], summary["indexed"]) == (2, 2, 2)
    assert summary["rebuilt"] is True and summary["read_only"] is False
    assert main(["index", str(folder), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["added"], again["updated"], again["rebuilt"]) == (0, 0, False)


def test_every_command_takes_json() -> None:
    """The README's promise: every command takes --json."""
    from adrtui.cli import build_parser

    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name, sub in commands.items():
        options = {opt for action in sub._actions for opt in action.option_strings}
        assert "--json" in options, name
