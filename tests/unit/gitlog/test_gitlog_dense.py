"""A folder most commits touch is read with ``git log --relative`` (one diff per commit):
the history is the same as the pathspec'd pass gives, renames, merges and commits
outside the folder included; a folder few commits touch keeps the pathspec.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import adrtui.domain.gitlog.logpass as logpass
from adrtui.domain.gitlog import read_history
from adrtui.domain.gitlog.runner import Git
from tests.gitrepo import BOB, CAROL, GitRepo, adr, needs_git

pytestmark = [needs_git, pytest.mark.usefixtures("git_on")]


def _busy_repo(root: Path) -> GitRepo:
    """24 commits: ADRs added, accepted, edited, one renamed, a README, a merge."""
    repo = GitRepo(root)
    day = 1
    for number in range(1, 7):
        path = f"docs/adr/{number:04d}-x{number}.md"
        repo.commit(
            f"Propose {number}",
            when=f"2024-01-{day:02d}T10:00:00+00:00",
            files={path: adr(f"{number}. X{number}", "Proposed")},
        )
        repo.commit(
            f"Accept {number}",
            when=f"2024-01-{day:02d}T12:00:00+01:00",
            author=BOB,
            files={path: adr(f"{number}. X{number}", "Accepted", body="Why.")},
        )
        repo.commit(
            f"Edit {number}",
            when=f"2024-01-{day:02d}T14:00:00+00:00",
            author=CAROL,
            files={path: adr(f"{number}. X{number}", "Accepted", body="Why. Because.")},
        )
        day += 1
    repo.commit("Readme", when="2024-01-10T10:00:00+00:00", files={"README.md": "# R\n"})
    repo.commit(
        "Rename 1",
        when="2024-01-11T10:00:00+00:00",
        renames={"docs/adr/0001-x1.md": "docs/adr/0001-x-one.md"},
    )
    repo.git("checkout", "-q", "-b", "side")
    repo.commit(
        "Side edit",
        when="2024-01-12T10:00:00+00:00",
        files={"docs/adr/0002-x2.md": adr("2. X2", "Superseded by 3")},
    )
    repo.git("checkout", "-q", "main")
    repo.commit(
        "Main edit",
        when="2024-01-12T11:00:00+00:00",
        files={"docs/adr/0003-x3.md": adr("3. X3", "Accepted", body="More.")},
    )
    repo.merge("side", when="2024-01-13T10:00:00+00:00")
    return repo


def test_a_dense_folder_is_read_once_per_commit_and_gives_the_same_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = _busy_repo(tmp_path / "repo")
    folder = repo.root / "docs" / "adr"
    assert logpass.folder_is_dense(Git("git"), repo.root, "docs/adr/", [repo.head()])
    runs: list[list[str]] = []
    real = logpass.log_args

    def recording(prefix, revs, *, relative=False):  # type: ignore[no-untyped-def]
        runs.append(real(prefix, revs, relative=relative))
        return runs[-1]

    monkeypatch.setattr(logpass, "log_args", recording)
    dense = read_history(folder, cache_dir=tmp_path / "dense")
    assert "--relative=docs/adr/" in runs[-1] and runs[-1][-1] == "--"

    monkeypatch.setattr(logpass, "folder_is_dense", lambda *args: False)
    plain = read_history(folder, cache_dir=tmp_path / "plain")
    assert runs[-1][-1].startswith(":(top,literal)docs/adr")

    assert dense.history is not None and dense.history == plain.history
    one = dense.history.of("0001-x-one.md")
    assert one is not None and one.count == 4 and one.statuses == ("proposed", "accepted")
    two = dense.history.of("0002-x2.md")
    assert two is not None and two.statuses == ("proposed", "accepted", "superseded")
    assert dense.new_commits == 21  # the commits that touched the folder


def test_a_folder_few_commits_touch_keeps_the_pathspec(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "ADR",
        when="2024-01-01T10:00:00+00:00",
        files={"docs/adr/0001-x.md": adr("1. X", "Accepted")},
    )
    for day in range(2, 28):
        repo.commit(
            f"Code {day}",
            when=f"2024-01-{day:02d}T10:00:00+00:00",
            files={"src/app.py": f"VALUE = {day}\n"},
        )
    git = Git("git")
    assert not logpass.folder_is_dense(git, repo.root, "docs/adr/", [repo.head()])
    # An incremental pass (a range) and the repository's top never sample.
    assert not logpass.folder_is_dense(git, repo.root, "docs/adr/", [f"HEAD~1..{repo.head()}"])
    assert not logpass.folder_is_dense(git, repo.root, "", [repo.head()])
