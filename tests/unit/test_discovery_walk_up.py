"""`adrtui` started in a sub-folder of a repository finds its ADRs, as git finds `.git`:
up to the repository root, never above it, never the home directory or `/`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.domain.collection import find_adr_dir
from adrtui.ui.services.launch import choose_folder


def _adr(folder: Path, name: str = "0001-use-x.md") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("# 1. Use X\n\n## Status\n\nAccepted\n", encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/home/repo with .git, docs/adr holding one ADR, and src/deep (code only)."""
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    root = home / "repo"
    (root / ".git").mkdir(parents=True)
    _adr(root / "docs" / "adr")
    (root / "src" / "deep").mkdir(parents=True)
    (root / "src" / "deep" / "main.py").write_text("print()\n", encoding="utf-8")
    return root


def test_a_sub_folder_finds_the_repositorys_adrs(repo: Path) -> None:
    found = find_adr_dir(repo / "src" / "deep")
    assert found.folder == (repo / "docs" / "adr").resolve()
    assert str(repo.resolve()) in found.how
    # What was read is reported: the start, then each parent up to the root.
    assert any(t.startswith(str((repo / "src").resolve()) + " (") for t in found.tried)
    assert any(t.startswith(str(repo.resolve()) + " (") for t in found.tried)


def test_the_cli_and_the_app_start_from_a_sub_folder(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(repo / "src" / "deep")
    assert main(["list", "--json"]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)] == ["0001-use-x.md"]
    assert main(["show", "1"]) == 0
    assert "Use X" in capsys.readouterr().out
    choice = choose_folder(None)
    assert not isinstance(choice, str)
    folder, is_example, _notice, _refused = choice
    assert folder == (repo / "docs" / "adr").resolve() and not is_example


def test_nearest_collection_wins_in_a_monorepo(repo: Path) -> None:
    _adr(repo / "services" / "billing" / "docs" / "adr", "0001-bill.md")
    (repo / "services" / "billing" / "src").mkdir(parents=True)
    found = find_adr_dir(repo / "services" / "billing" / "src")
    assert found.folder == (repo / "services" / "billing" / "docs" / "adr").resolve()


def test_the_walk_stops_at_the_repository_root(tmp_path: Path, repo: Path) -> None:
    # ADRs above the repository (another project's) are never found from inside it.
    inner = repo / "vendor-free" / "inner"
    (inner / ".git").mkdir(parents=True)
    (inner / "lib").mkdir()
    found = find_adr_dir(inner / "lib")
    assert found.folder is None
    assert not any(t.startswith(str(repo.resolve()) + " (") for t in found.tried)


def test_the_walk_never_reads_home_or_the_filesystem_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    _adr(home / "docs" / "adr")  # the user's own notes, not this project's
    (home / ".git").mkdir()  # even with the home directory under git (dotfiles)
    start = home / "scratch" / "sub"
    start.mkdir(parents=True)
    found = find_adr_dir(start)
    assert found.folder is None
    assert not any(t.startswith(str(home.resolve()) + " (") for t in found.tried)
    assert not any(t.startswith("/ (") for t in found.tried)


def test_outside_a_repository_nothing_above_is_searched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As git: no repository, no walk (``/tmp/scratch/x`` never opens ``/tmp/decisions``)."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _adr(tmp_path / "scratch" / "decisions")
    (tmp_path / "scratch" / "x").mkdir()
    found = find_adr_dir(tmp_path / "scratch" / "x")
    assert found.folder is None
    assert not any(t.startswith(str((tmp_path / "scratch").resolve()) + " (") for t in found.tried)
    (tmp_path / "scratch" / ".git").mkdir()  # now it is a repository: found from below
    found = find_adr_dir(tmp_path / "scratch" / "x")
    assert found.folder == (tmp_path / "scratch" / "decisions").resolve()


def test_a_folder_with_notes_does_not_hide_the_repositorys_adrs(repo: Path) -> None:
    """Any Markdown at the start is the weakest guess: the ADRs above win."""
    (repo / "src" / "deep" / "notes.md").write_text("# notes\n", encoding="utf-8")
    assert find_adr_dir(repo / "src" / "deep").folder == (repo / "docs" / "adr").resolve()


def test_no_adr_folder_anywhere_names_the_parents_tried(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    root = tmp_path / "home" / "empty-repo"
    (root / ".git").mkdir(parents=True)
    (root / "a" / "b").mkdir(parents=True)
    assert main(["list", str(root / "a" / "b")]) == 2
    err = capsys.readouterr().err
    assert "no ADR folder found" in err and str(root.resolve()) + " (" in err


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="needs chown (root)")
def test_a_folder_of_another_user_is_never_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As git's safe.directory: on a shared /tmp anyone can create docs/adr above you."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    shared = tmp_path / "shared"
    (shared / ".git").mkdir(parents=True)
    _adr(shared / "docs" / "adr")  # planted by someone else
    os.chown(shared / "docs", 12345, 12345)
    os.chown(shared / "docs" / "adr", 12345, 12345)
    (shared / "mine" / "x").mkdir(parents=True)
    found = find_adr_dir(shared / "mine" / "x")
    assert found.folder is None
    assert any("owned by another user" in t for t in found.tried)
    # Another user's folder on the way up stops the walk too.
    os.chown(shared / "mine", 12345, 12345)
    found = find_adr_dir(shared / "mine" / "x")
    assert found.folder is None
    assert any(
        t.startswith(str((shared / "mine").resolve())) and "not searched" in t for t in found.tried
    )
