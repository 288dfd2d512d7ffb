"""Where there is no history to read, it is simply absent, with one quiet note.

No git, not a repository, a shallow clone, git refusing the repository, turned
off by ``ADRTUI_GIT=0``: never an exception, never a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from adrtui.domain.gitlog import read_history
from adrtui.domain.gitlog.runner import clean_env
from tests.gitrepo import GitRepo, adr, needs_git

ONE = "docs/adr/0001-use-x.md"

pytestmark = pytest.mark.usefixtures("git_on")


def small_repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("One", when="2024-01-01T10:00:00+00:00", files={ONE: adr("Use X", "Proposed")})
    repo.commit("Two", when="2024-01-02T10:00:00+00:00", files={ONE: adr("Use X", "Accepted")})
    return repo


def test_no_git_installed(tmp_path: Path) -> None:
    outcome = read_history(tmp_path, git=str(tmp_path / "nonexistent" / "git"))
    assert outcome.history is None
    assert outcome.note == "no git history: git is not installed"


def test_no_git_on_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    outcome = read_history(tmp_path)
    assert outcome.history is None
    assert outcome.note == "no git history: git is not installed"


@needs_git
def test_not_a_repository(tmp_path: Path) -> None:
    folder = tmp_path / "plain" / "adr"
    folder.mkdir(parents=True)
    outcome = read_history(folder)
    assert outcome.history is None
    assert outcome.note == "no git history: not a git repository"


@needs_git
def test_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = small_repo(tmp_path)
    monkeypatch.setenv("ADRTUI_GIT", "0")
    outcome = read_history(repo.root / "docs/adr")
    assert outcome.history is None and outcome.note is not None
    assert "turned off" in outcome.note


@needs_git
def test_a_shallow_clone(tmp_path: Path) -> None:
    repo = small_repo(tmp_path)
    clone = repo.shallow_clone(tmp_path / "clone")
    outcome = read_history(clone / "docs/adr")
    assert outcome.history is None
    assert outcome.note == "history not read: shallow clone (git fetch --unshallow)"


@needs_git
def test_git_refusing_a_repository_of_another_owner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``safe.directory``: simulated by a fake git that answers as git does."""
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(
        "#!/bin/sh\n"
        "echo \"fatal: detected dubious ownership in repository at '$PWD'\" >&2\n"
        "exit 128\n"
    )
    fake.chmod(0o755)
    outcome = read_history(tmp_path, git=str(fake))
    assert outcome.history is None
    assert outcome.note == "no git history: git refuses this repository (safe.directory)"


def test_inherited_git_variables_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_EXTERNAL_DIFF"):
        monkeypatch.setenv(name, "/elsewhere")
    env = clean_env()
    assert not {name for name in env if name.startswith("GIT_")} - {
        "GIT_TERMINAL_PROMPT",
        "GIT_OPTIONAL_LOCKS",
        "GIT_PAGER",
    }
    assert env["LC_ALL"] == "C" and env["GIT_OPTIONAL_LOCKS"] == "0"


@needs_git
def test_an_inherited_git_dir_does_not_redirect_the_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = small_repo(tmp_path)
    other = GitRepo(tmp_path / "other")
    other.commit("Other", when="2024-01-01T10:00:00+00:00", files={"x.md": "x\n"})
    monkeypatch.setenv("GIT_DIR", os.fspath(other.root / ".git"))
    history = read_history(repo.root / "docs/adr").history
    assert history is not None and history.head == repo.head()


@needs_git
def test_reading_never_writes_to_the_repository(tmp_path: Path) -> None:
    repo = small_repo(tmp_path)
    git_dir = repo.root / ".git"

    def snapshot() -> dict[str, tuple[int, int]]:
        return {
            os.fspath(path): (path.stat().st_mtime_ns, path.stat().st_size)
            for path in git_dir.rglob("*")
            if path.is_file()
        }

    before = snapshot()
    assert read_history(repo.root / "docs/adr").history is not None
    assert snapshot() == before


@needs_git
def test_a_folder_that_is_gone(tmp_path: Path) -> None:
    outcome = read_history(tmp_path / "gone")
    assert outcome.history is None
    assert outcome.note == "no git history: the folder is gone"
