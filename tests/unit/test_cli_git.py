"""`adrtui list` and `adrtui show` with the repository's history: git fills in what the
file is silent about, says so, and `list --since` answers "what changed lately"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from adrtui.cli import main
from tests.gitrepo import ALICE, BOB, CAROL, GitRepo, adr, needs_git

pytestmark = needs_git

ONE = "docs/adr/0001-use-postgresql.md"
TWO = "docs/adr/0002-use-kafka.md"
THREE = "docs/adr/0003-use-redis.md"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """ADR 1 has no date (git fills it), 2 and 3 write theirs; nobody names an author."""
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Propose PostgreSQL",
        when="2023-01-10T10:00:00+01:00",
        author=ALICE,
        files={ONE: adr("Use PostgreSQL", "Proposed")},
    )
    repo.commit(
        "Decide on Redis",
        when="2023-03-01T12:00:00+00:00",
        author=CAROL,
        files={THREE: adr("Use Redis", "Accepted", date="2023-02-27")},
    )
    repo.git("tag", "v1.0")
    repo.commit(
        "Accept PostgreSQL, propose Kafka",
        when="2024-02-01T09:00:00+00:00",
        author=BOB,
        files={
            ONE: adr("Use PostgreSQL", "Accepted"),
            TWO: adr("Use Kafka", "Proposed", date="2024-01-30"),
        },
    )
    return repo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def records(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def test_list_json_takes_date_and_authors_from_git_where_the_file_is_silent(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second, third = records(capsys, "list", str(repo.root), "--json")
    assert (first["date"], first["date_source"]) == ("2023-01-10", "git")
    assert (first["authors"], first["authors_source"]) == (["Alice Adams"], "git")
    assert (second["date"], second["date_source"]) == ("2024-01-30", "file")
    assert (second["authors"], second["authors_source"]) == (["Bob Brown"], "git")
    assert third["date_source"] == "file"


def test_list_json_has_a_git_section(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    first = records(capsys, "list", str(repo.root), "--json")[0]
    accept = repo.head()
    section = first["git"]
    assert section["commits"] == 2
    assert section["authors"] == ["Alice Adams", "Bob Brown"]
    assert section["created"]["date"] == "2023-01-10T10:00:00+01:00"
    assert section["created"]["author"] == "Alice Adams"
    assert section["created"]["subject"] == "Propose PostgreSQL"
    assert section["changed"]["sha"] == accept
    assert [(t["from"], t["to"], t["author"]) for t in section["transitions"]] == [
        (None, "proposed", "Alice Adams"),
        ("proposed", "accepted", "Bob Brown"),
    ]


def test_an_adr_git_does_not_track_has_a_null_git_section(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.write("docs/adr/0004-new.md", adr("New", "Proposed"))
    fourth = records(capsys, "list", str(repo.root), "--json")[3]
    assert fourth["git"] is None
    assert (fourth["date"], fourth["date_source"]) == (None, None)


def test_no_git_keeps_only_what_the_files_say(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    first = records(capsys, "list", str(repo.root), "--json", "--no-git")[0]
    assert (first["date"], first["date_source"], first["authors"], first["git"]) == (
        None,
        None,
        [],
        None,
    )
    shown = records(capsys, "show", "1", "--dir", str(repo.root), "--json", "--no-git")
    assert (shown["date"], shown["git"]) == (None, None)


def test_list_text_marks_a_date_git_filled_in(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "list", str(repo.root))
    assert code == 0
    assert "2023-01-10 (git)" in out.splitlines()[1]
    assert "2024-01-30 (git)" not in out


@pytest.mark.parametrize(
    ("since", "numbers"),
    [
        ("2024-01-01", ["0001", "0002"]),
        ("2023-02", ["0001", "0002", "0003"]),
        ("2024-02-02", []),
        ("v1.0", ["0001", "0002"]),
        ("HEAD", []),
    ],
)
def test_list_since_keeps_adrs_created_or_changed_since_then(
    since: str, numbers: list[str], repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list", str(repo.root), "--since", since)
    assert code == 0, err
    rows = [re.split(r"\s{2,}", line) for line in out.splitlines()]
    assert rows[0] == ["NUMBER", "STATUS", "DATE", "CHANGED", "TITLE", "FILE"]
    assert [row[0] for row in rows[1:]] == numbers


def test_list_since_a_span_counts_back_from_today(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert records(capsys, "list", str(repo.root), "--since", "30d", "--json") == []
    assert len(records(capsys, "list", str(repo.root), "--since", "100y", "--json")) == 3


def test_list_since_json_and_status_together(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    found = records(
        capsys, "list", str(repo.root), "--since", "2024", "--status", "proposed", "--json"
    )
    assert [(r["number"], r["git"]["commits"]) for r in found] == [(2, 1)]


def test_list_since_an_unknown_revision_exits_2(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list", str(repo.root), "--since", "no-such-tag")
    assert (code, out) == (2, "")
    assert "'no-such-tag'" in err


def test_list_since_with_no_git_is_a_usage_error(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list", str(repo.root), "--since", "30d", "--no-git")
    assert (code, out) == (2, "")
    assert "--no-git" in err


def test_list_since_with_history_turned_off_exits_2_with_the_note(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADRTUI_GIT", "0")
    code, out, err = run(capsys, "list", str(repo.root), "--since", "30d")
    assert (code, out) == (2, "")
    assert err.startswith("adrtui: --since: ")


def test_show_json_has_git_filled_fields_and_the_git_section(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    shown = records(capsys, "show", "1", "--dir", str(repo.root), "--json")
    assert (shown["date"], shown["date_source"]) == ("2023-01-10", "git")
    assert shown["authors_source"] == "git"
    assert shown["git"]["commits"] == 2
    assert shown["body"].startswith("## Status") or "Status" in shown["body"]


def test_show_text_says_created_changed_and_commits(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", "1", "--dir", str(repo.root))
    assert code == 0
    fields = dict(
        (name, value.strip())
        for name, _, value in (line.partition(":") for line in out.split("\n\n")[0].splitlines())
    )
    assert fields["Date"] == "2023-01-10 (from git)"
    assert fields["Created"] == "2023-01-10 by Alice Adams (git)"
    assert fields["Changed"] == "2024-02-01 by Bob Brown (git)"
    assert fields["Commits"] == "2"
    assert fields["Statuses"] == "proposed → accepted"
    assert fields["Authors"] == "Alice Adams (from git)"


def test_show_text_of_an_adr_with_its_own_date(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", "3", "--dir", str(repo.root))
    assert code == 0
    assert re.search(r"^Date: +2023-02-27$", out, re.MULTILINE)
    assert re.search(r"^Created: +2023-03-01 by Carol Chen \(git\)$", out, re.MULTILINE)
    assert re.search(r"^Commits: +1$", out, re.MULTILINE)
    assert "Changed:" not in out and "Statuses:" not in out


def test_show_explain_says_the_date_came_from_git(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", "1", "--dir", str(repo.root), "--explain")
    assert code == 0
    date_line = next(line for line in out.splitlines() if line.startswith("date "))
    assert "2023-01-10" in date_line and "git" in date_line


def test_show_without_history_is_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    folder = tmp_path / "plain" / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-postgresql.md").write_text(adr("Use PostgreSQL", "Accepted"))
    code, out, err = run(capsys, "show", "1", "--dir", str(folder))
    assert (code, err) == (0, "")
    assert "Created:" not in out and "(git)" not in out
    first = records(capsys, "list", str(folder), "--json")[0]
    assert (first["date_source"], first["git"]) == (None, None)


def test_commands_that_do_not_need_history_do_not_load_the_git_package() -> None:
    """search, lint, graph, new and index start as fast as before: building the
    parser (every command's) must not import the gitlog package."""
    import subprocess
    import sys

    code = (
        "import sys; from adrtui.cli import build_parser; build_parser(); "
        "print(sorted(m for m in sys.modules if m.startswith('adrtui.domain.gitlog')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_list_text_reads_no_history_when_every_file_has_its_date(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from adrtui.domain import gitlog

    def read_history(*args: object, **kwargs: object) -> None:
        raise AssertionError("the history was read")

    repo.commit(
        "Date ADR 1",
        when="2024-03-01T10:00:00+00:00",
        files={ONE: adr("Use PostgreSQL", "Accepted", date="2023-01-09")},
    )
    monkeypatch.setattr(gitlog, "read_history", read_history)
    code, out, _ = run(capsys, "list", str(repo.root))
    assert code == 0
    assert "2023-01-09" in out and "(git)" not in out
