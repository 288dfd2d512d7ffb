"""`adrtui log`: the decision history a user reads, on repositories the tests make."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.cli.common import EXIT_AMBIGUOUS
from tests.gitrepo import ALICE, BOB, CAROL, GitRepo, adr, needs_git

pytestmark = needs_git

ONE = "docs/adr/0001-use-postgresql.md"
TWO = "docs/adr/0002-use-kafka.md"
THREE = "docs/adr/0003-use-redis.md"


class Story:
    """A repository whose decisions moved: the shas of each commit by name."""

    def __init__(self, root: Path) -> None:
        self.repo = GitRepo(root)
        repo = self.repo
        self.propose_pg = repo.commit(
            "Propose PostgreSQL",
            when="2023-01-10T10:00:00+01:00",
            author=ALICE,
            files={ONE: adr("Use PostgreSQL", "Proposed")},
        )
        self.accept_pg = repo.commit(
            "Accept PostgreSQL",
            when="2023-02-01T09:00:00+00:00",
            author=BOB,
            files={ONE: adr("Use PostgreSQL", "Accepted")},
        )
        self.redis = repo.commit(
            "Decide on Redis",
            when="2023-03-01T12:00:00+00:00",
            author=CAROL,
            files={THREE: adr("Use Redis", "Accepted", date="2023-02-27")},
        )
        self.propose_kafka = repo.commit(
            "Propose Kafka",
            when="2023-06-01T15:00:00-07:00",
            author=CAROL,
            files={TWO: adr("Use Kafka", "Proposed", date="2023-05-30")},
        )
        repo.git("tag", "v1.0")
        self.typo = repo.commit(
            "Fix a typo",
            when="2024-01-05T08:00:00+00:00",
            author=ALICE,
            files={TWO: adr("Use Kafka", "Proposed", date="2023-05-30", body="Fixed.")},
        )
        self.supersede = repo.commit(
            "Accept Kafka, supersede PostgreSQL",
            when="2024-02-01T11:00:00+00:00",
            author=BOB,
            files={
                TWO: adr("Use Kafka", "Accepted", date="2023-05-30", body="Fixed."),
                ONE: adr("Use PostgreSQL", "Superseded by [ADR-2](0002-use-kafka.md)"),
            },
        )

    @property
    def root(self) -> Path:
        return self.repo.root


@pytest.fixture
def story(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Story:
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    return Story(tmp_path / "repo")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def lines(out: str) -> list[list[str]]:
    """Each table line split on runs of two spaces or more (the columns)."""
    import re

    return [re.split(r"\s{2,}", line) for line in out.splitlines()]


def test_the_collection_log_is_its_status_transitions_newest_first(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "log", "--dir", str(story.root))
    assert (code, err) == (0, "")
    assert lines(out) == [
        ["DATE", "COMMIT", "AUTHOR", "NUMBER", "CHANGE", "TITLE"],
        [
            "2024-02-01",
            story.supersede[:7],
            "Bob Brown",
            "0001",
            "accepted → superseded",
            "Use PostgreSQL",
        ],
        [
            "2024-02-01",
            story.supersede[:7],
            "Bob Brown",
            "0002",
            "proposed → accepted",
            "Use Kafka",
        ],
        [
            "2023-06-01",
            story.propose_kafka[:7],
            "Carol Chen",
            "0002",
            "added as proposed",
            "Use Kafka",
        ],
        ["2023-03-01", story.redis[:7], "Carol Chen", "0003", "added as accepted", "Use Redis"],
        [
            "2023-02-01",
            story.accept_pg[:7],
            "Bob Brown",
            "0001",
            "proposed → accepted",
            "Use PostgreSQL",
        ],
        [
            "2023-01-10",
            story.propose_pg[:7],
            "Alice Adams",
            "0001",
            "added as proposed",
            "Use PostgreSQL",
        ],
    ]


def test_all_adds_the_commits_that_did_not_move_a_status(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "log", "--all", "--dir", str(story.root))
    assert code == 0
    rows = lines(out)[1:]
    assert len(rows) == 7
    assert rows[2] == ["2024-01-05", story.typo[:7], "Alice Adams", "0002", "edited", "Use Kafka"]


def test_one_adr_shows_every_commit_with_its_subject(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "log", "2", "--dir", str(story.root))
    assert (code, err) == (0, "")
    assert lines(out) == [
        ["DATE", "COMMIT", "AUTHOR", "CHANGE", "SUBJECT"],
        [
            "2024-02-01",
            story.supersede[:7],
            "Bob Brown",
            "proposed → accepted",
            "Accept Kafka, supersede PostgreSQL",
        ],
        ["2024-01-05", story.typo[:7], "Alice Adams", "edited", "Fix a typo"],
        ["2023-06-01", story.propose_kafka[:7], "Carol Chen", "added as proposed", "Propose Kafka"],
    ]


def test_since_a_date_keeps_the_changes_from_that_day_on(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "log", "--since", "2024-02-01", "--dir", str(story.root))
    assert code == 0
    assert [row[3:5] for row in lines(out)[1:]] == [
        ["0001", "accepted → superseded"],
        ["0002", "proposed → accepted"],
    ]


def test_since_a_tag_keeps_the_commits_after_it(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "log", "--all", "--since", "v1.0", "--dir", str(story.root))
    assert code == 0
    assert [row[1] for row in lines(out)[1:]] == [story.supersede[:7]] * 2 + [story.typo[:7]]


def test_since_a_revision_git_does_not_know_exits_2_naming_it(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "log", "--since", "v9.9", "--dir", str(story.root))
    assert (code, out) == (2, "")
    assert "'v9.9'" in err and "--since" in err


def test_nothing_since_then_says_so_on_stderr(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "log", "--since", "2030", "--dir", str(story.root))
    assert (code, out) == (0, "")
    assert err == "adrtui: no status changes since 2030-01-01\n"


def test_json_has_exactly_the_documented_fields(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "log", "1", "--json", "--dir", str(story.root))
    assert code == 0
    assert json.loads(out) == [
        {
            "sha": story.supersede,
            "date": "2024-02-01T11:00:00+00:00",
            "author": "Bob Brown",
            "path": "0001-use-postgresql.md",
            "number": 1,
            "title": "Use PostgreSQL",
            "from": "accepted",
            "to": "superseded",
            "subject": "Accept Kafka, supersede PostgreSQL",
        },
        {
            "sha": story.accept_pg,
            "date": "2023-02-01T09:00:00+00:00",
            "author": "Bob Brown",
            "path": "0001-use-postgresql.md",
            "number": 1,
            "title": "Use PostgreSQL",
            "from": "proposed",
            "to": "accepted",
            "subject": "Accept PostgreSQL",
        },
        {
            "sha": story.propose_pg,
            "date": "2023-01-10T10:00:00+01:00",
            "author": "Alice Adams",
            "path": "0001-use-postgresql.md",
            "number": 1,
            "title": "Use PostgreSQL",
            "from": None,
            "to": "proposed",
            "subject": "Propose PostgreSQL",
        },
    ]


def test_a_ref_naming_several_adrs_logs_them_all_and_exits_3(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    story.repo.commit(
        "A second ADR 2",
        when="2024-03-01T10:00:00+00:00",
        author=CAROL,
        files={"docs/adr/0002-use-nats.md": adr("Use NATS", "Proposed")},
    )
    code, out, err = run(capsys, "log", "2", "--dir", str(story.root))
    assert code == EXIT_AMBIGUOUS
    assert "0002-use-kafka.md" in err and "0002-use-nats.md" in err
    rows = lines(out)
    assert rows[0] == ["DATE", "COMMIT", "AUTHOR", "NUMBER", "CHANGE", "SUBJECT"]
    assert [row[-1] for row in rows[1:]] == [
        "A second ADR 2",
        "Accept Kafka, supersede PostgreSQL",
        "Fix a typo",
        "Propose Kafka",
    ]


def test_an_unknown_ref_exits_1(story: Story, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "log", "42", "--dir", str(story.root))
    assert (code, out) == (1, "")
    assert "no ADR matches '42'" in err


def test_an_adr_git_does_not_track_yet_says_so(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    story.repo.write("docs/adr/0004-new.md", adr("New", "Proposed"))
    code, out, err = run(capsys, "log", "4", "--dir", str(story.root))
    assert (code, out) == (0, "")
    assert err == "adrtui: git has no commits to 0004-new.md yet\n"


def test_the_log_runs_from_inside_the_repository(
    story: Story, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(story.root / "docs")
    code, out, _ = run(capsys, "log", "3")
    assert code == 0
    assert lines(out)[1][-1] == "Decide on Redis"


# --------------------------------------------------------------------------- no history


def nygard_folder(root: Path) -> Path:
    folder = root / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-postgresql.md").write_text(adr("Use PostgreSQL", "Accepted"))
    return root


@pytest.mark.parametrize("command", [["log"], ["log", "1"], ["list", "--since", "30d"]])
def test_not_a_repository_exits_2_saying_why(
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = nygard_folder(tmp_path / "plain")
    where = ["--dir", str(root)] if command[0] == "log" else [str(root)]
    code, out, err = run(capsys, *command, *where)
    assert (code, out) == (2, "")
    assert "not a git repository" in err


def test_a_shallow_clone_exits_2_saying_so(
    story: Story, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clone = story.repo.shallow_clone(tmp_path / "shallow")
    code, out, err = run(capsys, "log", "--dir", str(clone))
    assert (code, out) == (2, "")
    assert "shallow" in err


def test_without_git_installed_log_exits_2_saying_so(
    story: Story,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    empty = tmp_path / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    code, out, err = run(capsys, "log", "--dir", str(story.root))
    assert (code, out) == (2, "")
    assert err.startswith("adrtui: log: ") and "git" in err


def test_history_turned_off_exits_2_saying_so(
    story: Story, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ADRTUI_GIT", "0")
    code, out, err = run(capsys, "log", "--dir", str(story.root))
    assert (code, out) == (2, "")
    assert err.startswith("adrtui: log: ") and len(err.splitlines()) == 1


# --------------------------------------------------------------------------- hostile text


def test_hostile_subjects_and_authors_reach_the_terminal_cleaned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    repo = GitRepo(tmp_path / "repo")
    evil_subject = "Accept \x1b]0;pwned\x07\x1b[31mred\x1b[0m \u202eevil"
    repo.commit(
        evil_subject,
        when="2024-01-01T10:00:00+00:00",
        author=("Mallory \x1b[2J", "m@example.com"),
        files={ONE: adr("Use \x1b[5mPostgreSQL", "Accepted")},
    )
    for command in (["log"], ["log", "1"], ["log", "--all"], ["show", "1"]):
        arguments = [*command, "--dir", str(repo.root)]
        code, out, err = run(capsys, *arguments)
        assert code == 0, err
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    code, out, _ = run(capsys, "log", "1", "--json", "--dir", str(repo.root))
    entry = json.loads(out)[0]
    assert entry["subject"] == evil_subject  # JSON keeps it, escaped
    assert "\x1b" not in out


def test_git_runs_with_a_clean_environment(
    story: Story, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # An inherited GIT_DIR pointing elsewhere must not change what is read.
    monkeypatch.setenv("GIT_DIR", os.devnull)
    code, out, _ = run(capsys, "log", "3", "--dir", str(story.root))
    assert code == 0
    assert lines(out)[1][-1] == "Decide on Redis"


def test_a_tag_that_reads_as_a_date_is_named_by_its_ref(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    story.repo.git("tag", "2023", story.redis)
    code, out, _ = run(
        capsys, "log", "--all", "--since", "refs/tags/2023", "--dir", str(story.root)
    )
    assert code == 0
    assert [row[-1] for row in lines(out)[1:]] == [
        "Use PostgreSQL",
        "Use Kafka",
        "Use Kafka",
        "Use Kafka",
    ]
    code, out, _ = run(capsys, "log", "--all", "--since", "2023", "--dir", str(story.root))
    assert len(lines(out)) == 1 + 7  # the year: every commit


def test_a_renamed_adr_keeps_its_whole_history(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    renamed = story.repo.commit(
        "Rename the Redis ADR",
        when="2024-03-01T10:00:00+00:00",
        author=ALICE,
        renames={THREE: "docs/adr/0003-use-redis-for-caching.md"},
    )
    code, out, _ = run(capsys, "log", "3", "--dir", str(story.root))
    assert code == 0
    assert [row[1:4] for row in lines(out)[1:]] == [
        [renamed[:7], "Alice Adams", "renamed from 0003-use-redis.md"],
        [story.redis[:7], "Carol Chen", "added as accepted"],
    ]
    code, out, _ = run(capsys, "log", "3", "--json", "--dir", str(story.root))
    assert {entry["path"] for entry in json.loads(out)} == {"0003-use-redis-for-caching.md"}


def test_a_decision_merged_from_a_branch_is_logged_once_at_its_commit(
    story: Story, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = story.repo
    repo.git("checkout", "-q", "-b", "reject-redis")
    reject = repo.commit(
        "Reject Redis",
        when="2024-03-01T10:00:00+00:00",
        author=CAROL,
        files={THREE: adr("Use Redis", "Rejected", date="2023-02-27")},
    )
    repo.git("checkout", "-q", "main")
    repo.merge("reject-redis", when="2024-03-02T10:00:00+00:00", author=BOB)
    code, out, _ = run(capsys, "log", "--since", "2024-03", "--dir", str(story.root))
    assert code == 0
    assert lines(out)[1:] == [
        ["2024-03-01", reject[:7], "Carol Chen", "0003", "accepted → rejected", "Use Redis"]
    ]
