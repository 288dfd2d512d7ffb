"""`adrtui new`: create the next ADR from a script or a terminal, open it, supersede."""

from __future__ import annotations

import json
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.domain.collection.folder import load_collection
from adrtui.domain.parsing import parse_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
FAKE_EDITOR = FIXTURES / "fake_editor.py"
STYLES = FIXTURES / "editing" / "styles"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_TEMPLATE", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    for key in ("FAKE_EDITOR_REPLACE", "FAKE_EDITOR_APPEND", "FAKE_EDITOR_EXIT"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(FAKE_EDITOR))}")
    monkeypatch.setenv("FAKE_EDITOR_LOG", str(tmp_path / "editor.log"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with its ADRs in docs/adr (three styles of record)."""
    folder = tmp_path / "repo" / "docs" / "adr"
    folder.mkdir(parents=True)
    for name in ("0001-nygard-section.md", "0003-madr-bullets.md", "0004-bold-fields.md"):
        shutil.copy(STYLES / name, folder / name)
    return tmp_path / "repo"


def editor_calls(tmp_path: Path) -> list[list[str]]:
    log = tmp_path / "editor.log"
    if not log.exists():
        return []
    return [json.loads(line)["argv"] for line in log.read_text().splitlines()]


def test_new_no_edit_prints_the_path_and_creates_only_that_file(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo / "docs" / "adr"
    before = sorted(p.name for p in folder.iterdir())
    assert main(["new", "Use", "event", "sourcing", "--dir", str(repo), "--no-edit"]) == 0
    out = capsys.readouterr().out.strip()
    created = Path(out)
    assert created.parent == folder.resolve()
    assert created.name == "0005-use-event-sourcing.md"
    assert sorted(p.name for p in folder.iterdir()) == sorted([*before, created.name])
    adr = parse_file(created, folder)
    assert (adr.number, adr.title, adr.status) == (5, "Use event sourcing", "proposed")
    assert editor_calls(tmp_path) == []


def test_new_opens_the_editor_and_keeps_its_changes(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FAKE_EDITOR_APPEND", "\nWritten in the editor.\n")
    assert main(["new", "Use event sourcing", "--dir", str(repo)]) == 0
    created = Path(capsys.readouterr().out.strip())
    assert editor_calls(tmp_path) == [[str(created)]]
    assert created.read_text().endswith("\nWritten in the editor.\n")
    assert parse_file(created, created.parent).title == "Use event sourcing"


def test_editor_failure_is_reported_and_the_file_is_kept(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FAKE_EDITOR_EXIT", "4")
    assert main(["new", "Use event sourcing", "--dir", str(repo)]) == 1
    captured = capsys.readouterr()
    assert Path(captured.out.strip()).is_file()
    assert "status 4" in captured.err
    assert "Traceback" not in captured.err


def test_missing_editor_is_reported_and_the_file_is_kept(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("EDITOR", "/nonexistent/editor --wait")
    assert main(["new", "Use event sourcing", "--dir", str(repo)]) == 1
    captured = capsys.readouterr()
    assert Path(captured.out.strip()).is_file()
    assert "not found" in captured.err


def test_supersedes_marks_the_old_adr(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = repo / "docs" / "adr"
    args = ["new", "Bullets no more", "--dir", str(repo), "--supersedes", "3", "--no-edit"]
    assert main(args) == 0
    created = Path(capsys.readouterr().out.strip())
    collection = load_collection(folder)
    old = collection.get("0003-madr-bullets.md")
    new = collection.get(created.name)
    assert old is not None and new is not None
    assert old.status == "superseded"
    assert ("superseded-by", created.name) in [(link.kind, link.path) for link in old.links]
    assert ("supersedes", "0003-madr-bullets.md") in [(link.kind, link.path) for link in new.links]


def test_json_output(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["new", "X", "--dir", str(repo), "--supersedes", "0001-nygard-section.md"]
    assert main([*args, "--no-edit", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["path"] == "0005-x.md"
    assert data["supersedes"] == "0001-nygard-section.md"
    assert Path(data["file"]).is_file()


def test_explicit_madr_template(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Use MADR", "--dir", str(repo), "--template", "madr", "--no-edit"]) == 0
    created = Path(capsys.readouterr().out.strip())
    assert created.read_text().startswith("---\nstatus: proposed\n")


def test_adr_template_environment_variable_like_adr_tools(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "my-template.md"
    template.write_text("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Why\n")
    monkeypatch.setenv("ADR_TEMPLATE", str(template))
    assert main(["new", "Custom", "--dir", str(repo), "--no-edit"]) == 0
    created = Path(capsys.readouterr().out.strip())
    assert created.read_text().startswith("# 5. Custom\n\nDate: ")
    assert "## Why" in created.read_text()


def test_unknown_supersedes_reference_fails_without_creating(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo / "docs" / "adr"
    before = sorted(p.name for p in folder.iterdir())
    assert main(["new", "X", "--dir", str(repo), "--supersedes", "99", "--no-edit"]) == 1
    assert "no ADR matches" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before


def test_blank_title_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "  ", "--dir", str(repo), "--no-edit"]) == 2
    assert "title" in capsys.readouterr().err


def test_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "X", "--dir", str(tmp_path / "nope"), "--no-edit"]) == 2
    assert "no such directory" in capsys.readouterr().err


def test_conflicting_change_to_the_superseded_adr_is_refused(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The old ADR changes between loading and writing: nothing is created or overwritten."""
    import adrtui.cli.new as new_cli

    folder = repo / "docs" / "adr"
    real_open = new_cli.open_collection

    def open_then_pull(directory: str | None):  # type: ignore[no-untyped-def]
        collection = real_open(directory)
        (folder / "0003-madr-bullets.md").write_text("# Rewritten upstream\n")
        return collection

    monkeypatch.setattr(new_cli, "open_collection", open_then_pull)
    before = sorted(p.name for p in folder.iterdir())
    assert main(["new", "X", "--dir", str(repo), "--supersedes", "3", "--no-edit"]) == 1
    assert "changed on disk" in capsys.readouterr().err
    assert sorted(p.name for p in folder.iterdir()) == before
    assert (folder / "0003-madr-bullets.md").read_text() == "# Rewritten upstream\n"


def test_line_taking_editors_open_the_new_adr_at_its_first_section(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vim = tmp_path / "bin" / "vim"
    vim.parent.mkdir()
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(FAKE_EDITOR))}"
    vim.write_text(f'#!/bin/sh\nexec {command} "$@"\n')
    vim.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(vim))
    assert main(["new", "Use event sourcing", "--dir", str(repo)]) == 0
    created = Path(capsys.readouterr().out.strip())
    [argv] = editor_calls(tmp_path)
    assert argv[1] == str(created)
    line = int(argv[0].removeprefix("+"))
    lines = created.read_text().splitlines()
    assert lines[line - 1].strip() and lines[line - 3].startswith("## ")
    assert "status" not in lines[line - 3].lower()
