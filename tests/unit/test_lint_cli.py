"""`adrtui lint`: exit codes, the JSON shape and the text list CI logs show."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrtui.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "relations"
PROBLEM_KEYS = {"path", "line", "rule", "severity", "message", "hint"}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def lint_json(folder: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, dict]:
    code = main(["lint", str(folder), "--json", *extra])
    return code, json.loads(capsys.readouterr().out)


def test_a_clean_log_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(FIXTURES / "clean")]) == 0
    assert capsys.readouterr().out.strip() == "No problems found in 4 ADRs."
    code, data = lint_json(FIXTURES / "clean", capsys)
    assert code == 0
    assert data["problems"] == [] and data["checked"] == 4


def test_every_link_form_resolves_so_lint_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = lint_json(FIXTURES / "forms", capsys)
    assert (code, data["problems"]) == (0, [])


def test_each_rule_is_reported_with_file_line_and_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, data = lint_json(FIXTURES / "problems", capsys)
    assert code == 1
    assert set(data) == {"folder", "checked", "errors", "warnings", "problems"}
    assert all(set(p) == PROBLEM_KEYS and p["hint"] for p in data["problems"])
    found = {(p["path"], p["line"], p["rule"]) for p in data["problems"]}
    assert {
        ("0001-broken-link.md", 9, "broken-link"),
        ("0002-superseded-alone.md", 7, "superseded-without-successor"),
        ("0003-successor.md", 9, "successor-not-superseded"),
        ("0003-successor.md", 1, "duplicate-number"),
        ("0003-duplicate.md", 1, "duplicate-number"),
        ("0006-no-status-no-date.md", 1, "number-gap"),
        ("0006-no-status-no-date.md", 1, "missing-status"),
        ("0006-no-status-no-date.md", 1, "missing-date"),
        ("0007-odd-status.md", 3, "bad-date"),
        ("0007-odd-status.md", 7, "unknown-status"),
        ("0009-untitled.md", 1, "missing-title"),
    } <= found
    assert any(p["rule"] == "parser-warning" for p in data["problems"])
    assert data["errors"] == sum(p["severity"] == "error" for p in data["problems"])
    assert data["errors"] + data["warnings"] == len(data["problems"])


def test_cycles_and_self_links(capsys: pytest.CaptureFixture[str]) -> None:
    code, data = lint_json(FIXTURES / "cycle", capsys)
    assert code == 1
    assert [(p["path"], p["rule"]) for p in data["problems"]] == [
        ("0001-a.md", "supersession-cycle"),
        ("0003-c.md", "self-link"),
    ]


def test_text_output_is_an_aligned_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(FIXTURES / "problems")]) == 1
    lines = capsys.readouterr().out.splitlines()
    problem_lines = [line for line in lines if line and not line.startswith(" ")]
    hint_lines = [line for line in lines if line.strip().startswith("hint:")]
    summary = problem_lines.pop()
    assert summary.startswith(f"{len(hint_lines)} problems (")
    assert len(problem_lines) == len(hint_lines)
    assert problem_lines[0].startswith("0001-broken-link.md:9 ")
    # Severity, rule and message start in the same column on every line.
    for word in ("error", "warning"):
        columns = {line.index(f" {word} ") for line in problem_lines if f" {word} " in line}
        assert len(columns) <= 1
    hint_column = {line.index("hint:") for line in hint_lines}
    assert len(hint_column) == 1


def test_ignore_and_errors_only(capsys: pytest.CaptureFixture[str]) -> None:
    _, data = lint_json(FIXTURES / "cycle", capsys, "--ignore", "self-link")
    assert [p["rule"] for p in data["problems"]] == ["supersession-cycle"]
    _, data = lint_json(FIXTURES / "problems", capsys, "--errors-only")
    assert {p["severity"] for p in data["problems"]} == {"error"}
    code, data = lint_json(
        FIXTURES / "problems",
        capsys,
        "--ignore",
        ",".join(["broken-link", "superseded-without-successor", "successor-not-superseded"]),
        "--ignore",
        "duplicate-number,number-gap,missing-status,missing-date,bad-date",
        "--ignore",
        "unknown-status,missing-title,parser-warning",
    )
    assert (code, data["problems"]) == (0, [])


def test_unknown_rule_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(FIXTURES / "clean"), "--ignore", "no-such-rule"]) == 2
    assert "no-such-rule" in capsys.readouterr().err


def test_rules_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--rules"]) == 0
    out = capsys.readouterr().out
    assert "broken-link" in out and "supersession-cycle" in out


def test_no_adr_folder_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path)]) == 2
    assert "no ADR folder found" in capsys.readouterr().err


def test_file_content_never_reaches_the_terminal_raw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-x.md").write_text(
        "# 1. X\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n"
        "Amends [y](0009-\x1b]0;pwned\x07\x1b[2J.md)\n",
        encoding="utf-8",
    )
    assert main(["lint", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "broken-link" in out
    assert "\x1b" not in out and "\x07" not in out
