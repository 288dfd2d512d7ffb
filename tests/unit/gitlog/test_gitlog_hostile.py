"""Hostile names and revisions: odd bytes in file names, names that look like options.

Also one commit's diff (capped, never raising) and ``commits_since`` (no option
injection through a revision).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from adrtui.domain.gitlog import commit_diff, commits_since, read_history
from adrtui.domain.gitlog.logpass import parse_log
from tests.gitrepo import GitRepo, adr, needs_git

pytestmark = [needs_git, pytest.mark.usefixtures("git_on")]

ONE = "docs/adr/0001-use-x.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Propose", when="2024-01-01T10:00:00+00:00", files={ONE: adr("Use X", "Proposed")})
    repo.commit("Accept", when="2024-01-02T10:00:00+00:00", files={ONE: adr("Use X", "Accepted")})
    repo.commit("Rename", when="2024-01-03T10:00:00+00:00", renames={ONE: "docs/adr/0001-x.md"})
    return repo


@pytest.mark.skipif(sys.platform != "linux", reason="raw bytes in file names")
def test_names_with_newlines_non_utf8_bytes_and_a_leading_dash(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    odd = {
        "docs/adr/0001-new\nline.md": "0001-new\nline.md",
        "docs/adr/" + os.fsdecode(b"0002-caf\xe9.md"): os.fsdecode(b"0002-caf\xe9.md"),
        "docs/adr/-0003-dash.md": "-0003-dash.md",
        "docs/adr/0004-\x1e\x1f:colon.md": "0004-\x1e\x1f:colon.md",
    }
    repo.commit(
        "Odd names",
        when="2024-01-01T10:00:00+00:00",
        files={path: adr("Odd", "Proposed") for path in odd},
    )
    repo.commit(
        "Accept odd names",
        when="2024-01-02T10:00:00+00:00",
        files={path: adr("Odd", "Accepted") for path in odd},
    )
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    assert set(history.files) == set(odd.values())
    for rel in odd.values():
        item = history.of(rel)
        assert item is not None and item.count == 2
        assert item.statuses == ("proposed", "accepted")
        diff = commit_diff(history, item.last.sha, rel)
        assert "+Accepted" in diff


def test_a_hostile_subject_and_author_stay_data(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "\x1e\x1fevil\x1b[31m subject",
        when="2024-01-01T10:00:00+00:00",
        author=("Mallory \x1b]0;x\x07", "m@example.com"),
        files={ONE: adr("Use X", "Proposed")},
    )
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    item = history.of("0001-use-x.md")
    assert item is not None and item.count == 1
    assert "evil" in item.first.subject
    assert item.first.sha == repo.head()


def test_parse_log_takes_paths_verbatim() -> None:
    sha = "a" * 40
    blob = "b" * 40
    data = (
        f"\x1e{sha}\x1f1700000000\x1f2023-11-14T22:13:20+00:00\x1fa@b\x1fA\x1fs\0\n"
        f":000000 100644 {'0' * 40} {blob} A\0\n:odd\nname.md\0"
        f":100644 100644 {blob} {blob} R100\0\n:odd\nname.md\0-x.md\0"
    ).encode()
    [logged] = parse_log(data)
    assert [(e.letter, e.old_path, e.path) for e in logged.entries] == [
        ("A", None, "\n:odd\nname.md"),
        ("R", "\n:odd\nname.md", "-x.md"),
    ]


def test_commit_diff_of_a_status_change_and_of_a_rename(repo: GitRepo) -> None:
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    item = history.of("0001-x.md")
    assert item is not None
    accept = commit_diff(history, item.changes[1].commit.sha, "0001-x.md")
    assert "-Proposed" in accept and "+Accepted" in accept
    assert "0001-use-x.md" in accept
    rename = commit_diff(history, item.changes[2].commit.sha, "0001-x.md")
    assert "rename from docs/adr/0001-use-x.md" in rename
    assert "rename to docs/adr/0001-x.md" in rename


def test_commit_diff_never_raises(repo: GitRepo) -> None:
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    assert commit_diff(history, "f" * 40, "0001-x.md") == ""
    assert commit_diff(history, history.head, "0009-missing.md") == ""
    item = history.of("0001-x.md")
    assert item is not None
    assert commit_diff(history, item.last.sha, "0001-x.md", git="/nonexistent/git") != ""


def test_commit_diff_is_cut_at_200_kb(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    big = adr("Big", "Proposed", body="\n".join(f"line {i} " + "x" * 60 for i in range(6000)))
    repo.commit("Big", when="2024-01-01T10:00:00+00:00", files={ONE: big})
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    diff = commit_diff(history, repo.head(), "0001-use-x.md")
    assert diff.endswith("… diff cut at 200 KB\n")
    assert len(diff.encode()) <= 200 * 1024 + 100


def test_commits_since(repo: GitRepo) -> None:
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    first = repo.git("rev-list", "--max-parents=0", "HEAD")
    shas = commits_since(history, first)
    item = history.of("0001-x.md")
    assert item is not None
    assert shas == frozenset(change.commit.sha for change in item.changes[1:])
    assert commits_since(history, "HEAD") == frozenset()
    repo.git("tag", "v1", first)
    assert commits_since(history, "v1") == shas


@pytest.mark.parametrize(
    "rev", ["no-such-rev", "", "--output=OWNED", "-h", "HEAD\n--all", "a..b..c"]
)
def test_commits_since_an_unknown_or_hostile_rev_is_none(
    repo: GitRepo, tmp_path: Path, rev: str
) -> None:
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    owned = tmp_path / "owned"
    assert commits_since(history, rev.replace("OWNED", os.fspath(owned))) is None
    assert not owned.exists()
