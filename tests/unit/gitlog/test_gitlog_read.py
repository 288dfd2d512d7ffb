"""read_history on repositories built by the tests: every field a user sees, checked.

Dates, authors (one in a non-UTC offset), a rename, status changes proposed →
accepted → superseded, an edit that leaves the status alone, a merged branch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.gitlog import ADDED, MODIFIED, RENAMED, read_history
from tests.gitrepo import ALICE, BOB, CAROL, GitRepo, adr, needs_git

pytestmark = [needs_git, pytest.mark.usefixtures("git_on")]

FOLDER = "docs/adr"
ONE = f"{FOLDER}/0001-use-postgres.md"
ONE_MOVED = f"{FOLDER}/0001-use-postgresql.md"
TWO = f"{FOLDER}/0002-use-kafka.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """Two ADRs: the first proposed, accepted, edited, renamed, superseded."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Add README", when="2023-12-01T09:00:00+00:00", files={"README.md": "hi\n"})
    repo.commit(
        "Propose Postgres",
        when="2024-01-10T09:30:00+02:00",
        author=ALICE,
        files={ONE: adr("Use Postgres", "Proposed")},
    )
    repo.commit(
        "Accept Postgres",
        when="2024-02-01T17:00:00-05:00",
        author=BOB,
        files={ONE: adr("Use Postgres", "Accepted")},
    )
    repo.commit(
        "Explain the context",
        when="2024-02-05T10:00:00+00:00",
        author=CAROL,
        files={ONE: adr("Use Postgres", "Accepted", body="Long story, with details.")},
    )
    repo.commit(
        "Name it PostgreSQL",
        when="2024-03-01T10:00:00+00:00",
        author=ALICE,
        renames={ONE: ONE_MOVED},
    )
    repo.commit(
        "Kafka supersedes",
        when="2024-04-01T08:00:00+09:00",
        author=CAROL,
        files={
            TWO: adr("Use Kafka", "Accepted"),
            ONE_MOVED: adr(
                "Use Postgres", "Superseded by [ADR-2](0002-use-kafka.md)", body="Long story."
            ),
        },
    )
    return repo


def folder_of(repo: GitRepo) -> Path:
    return repo.root / FOLDER


def test_every_field_of_a_renamed_adr_whose_status_moved(repo: GitRepo) -> None:
    outcome = read_history(folder_of(repo))
    assert outcome.note is None and outcome.history is not None
    history = outcome.history
    assert history.head == repo.head()
    assert history.root == repo.root.resolve()
    assert set(history.files) == {"0001-use-postgresql.md", "0002-use-kafka.md"}

    one = history.of("0001-use-postgresql.md")
    assert one is not None
    assert one.count == 5  # counted across the rename
    assert one.created == "2024-01-10" and one.changed == "2024-04-01"
    assert one.first.author == "Alice Adams" and one.first.email == "alice@example.com"
    assert one.first.when == "2024-01-10T09:30:00+02:00"
    assert one.last.author == "Carol Chen" and one.last.subject == "Kafka supersedes"
    assert one.authors == ("Alice Adams", "Bob Brown", "Carol Chen")
    kinds = [(c.kind, c.path, c.old_path) for c in one.changes]
    assert kinds == [
        (ADDED, "0001-use-postgres.md", None),
        (MODIFIED, "0001-use-postgres.md", None),
        (MODIFIED, "0001-use-postgres.md", None),
        (RENAMED, "0001-use-postgresql.md", "0001-use-postgres.md"),
        (MODIFIED, "0001-use-postgresql.md", None),
    ]
    moves = [(c.status_before, c.status_after) for c in one.changes]
    assert moves == [
        (None, "proposed"),
        ("proposed", "accepted"),
        ("accepted", "accepted"),
        ("accepted", "accepted"),
        ("accepted", "superseded"),
    ]
    assert [c.commit.subject for c in one.transitions] == [
        "Propose Postgres",
        "Accept Postgres",
        "Kafka supersedes",
    ]
    assert one.statuses == ("proposed", "accepted", "superseded")

    two = history.of("0002-use-kafka.md")
    assert two is not None and two.count == 1
    assert two.first.when == "2024-04-01T08:00:00+09:00"
    assert two.created == "2024-04-01"  # the author's own day, not UTC's (Mar 31)
    assert [(c.status_before, c.status_after) for c in two.transitions] == [(None, "accepted")]


def test_timestamps_order_commits_across_offsets(repo: GitRepo) -> None:
    history = read_history(folder_of(repo)).history
    assert history is not None
    one = history.of("0001-use-postgresql.md")
    assert one is not None
    accept = one.changes[1].commit
    assert accept.when == "2024-02-01T17:00:00-05:00"
    assert accept.timestamp == 1706824800  # 2024-02-01 22:00 UTC
    newest = history.changes()
    assert [c.commit.subject for c in newest[:2]] == ["Kafka supersedes", "Kafka supersedes"]
    assert newest[-1].commit.subject == "Propose Postgres"


def test_an_edit_that_keeps_the_status_is_no_transition(repo: GitRepo) -> None:
    history = read_history(folder_of(repo)).history
    assert history is not None
    one = history.of("0001-use-postgresql.md")
    assert one is not None
    edit = one.changes[2]
    assert edit.commit.subject == "Explain the context"
    assert not edit.transition


def test_only_the_records_asked_for(repo: GitRepo) -> None:
    from adrtui.domain.parsing import parse_file

    folder = folder_of(repo)
    record = parse_file(folder / "0002-use-kafka.md", folder)
    history = read_history(folder, records=[record]).history
    assert history is not None
    assert set(history.files) == {"0002-use-kafka.md"}


def test_a_merged_branch_counts_for_the_adrs_it_changed(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Propose", when="2024-01-01T10:00:00+00:00", files={ONE: adr("Use X", "Proposed")})
    repo.git("checkout", "-q", "-b", "review")
    repo.commit(
        "Accept on a branch",
        when="2024-01-05T10:00:00+01:00",
        author=BOB,
        files={ONE: adr("Use X", "Accepted")},
    )
    repo.git("checkout", "-q", "main")
    repo.commit(
        "Another ADR on main",
        when="2024-01-06T10:00:00+00:00",
        files={TWO: adr("Use Y", "Proposed")},
    )
    merge = repo.merge("review", when="2024-01-07T10:00:00+00:00", author=CAROL)
    history = read_history(repo.root / FOLDER).history
    assert history is not None and history.head == merge
    one = history.of("0001-use-postgres.md")
    assert one is not None
    assert [c.commit.subject for c in one.changes] == ["Propose", "Accept on a branch"]
    assert one.last.author == "Bob Brown"
    assert [(c.status_before, c.status_after) for c in one.changes] == [
        (None, "proposed"),
        ("proposed", "accepted"),
    ]
    two = history.of("0002-use-kafka.md")
    assert two is not None and two.count == 1


def test_a_deleted_adr_has_no_history_and_a_readded_one_starts_again(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Add", when="2024-01-01T10:00:00+00:00", files={ONE: adr("Use X", "Proposed")})
    repo.commit("Drop", when="2024-01-02T10:00:00+00:00", removes=[ONE])
    repo.commit("Again", when="2024-01-03T10:00:00+00:00", files={ONE: adr("Use X", "Accepted")})
    repo.commit("Two", when="2024-01-04T10:00:00+00:00", files={TWO: adr("Use Y", "Proposed")})
    repo.commit("Drop two", when="2024-01-05T10:00:00+00:00", removes=[TWO])
    history = read_history(repo.root / FOLDER).history
    assert history is not None
    assert set(history.files) == {"0001-use-postgres.md"}
    one = history.of("0001-use-postgres.md")
    assert one is not None
    assert [c.commit.subject for c in one.changes] == ["Again"]
    assert one.changes[0].kind == ADDED and one.statuses == ("accepted",)


def test_the_repository_root_as_the_adr_folder(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Add", when="2024-01-01T10:00:00+00:00", files={"0001-x.md": adr("X", "Accepted")})
    history = read_history(repo.root).history
    assert history is not None
    assert set(history.files) == {"0001-x.md"}


def test_a_folder_no_commit_touches_has_an_empty_history(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Code", when="2024-01-01T10:00:00+00:00", files={"src/main.py": "print()\n"})
    (repo.root / FOLDER).mkdir(parents=True)
    outcome = read_history(repo.root / FOLDER)
    assert outcome.note is None and outcome.history is not None
    assert dict(outcome.history.files) == {}


def test_a_repository_without_commits_has_an_empty_history(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    (repo.root / FOLDER).mkdir(parents=True)
    outcome = read_history(repo.root / FOLDER)
    assert outcome.note is None and outcome.history is not None
    assert dict(outcome.history.files) == {} and outcome.history.head == ""


def test_json_of_a_file_history(repo: GitRepo) -> None:
    history = read_history(folder_of(repo)).history
    assert history is not None
    one = history.of("0001-use-postgresql.md")
    assert one is not None
    data = one.to_json()
    assert data["commits"] == 5
    assert data["created"]["date"] == "2024-01-10T09:30:00+02:00"
    assert [(t["from"], t["to"]) for t in data["transitions"]] == [
        (None, "proposed"),
        ("proposed", "accepted"),
        ("accepted", "superseded"),
    ]


def test_a_folder_name_with_glob_characters_is_taken_literally(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Add",
        when="2024-01-01T10:00:00+00:00",
        files={
            "docs/a*r/0001-mine.md": adr("Mine", "Accepted"),
            "docs/abr/0002-not-mine.md": adr("Not mine", "Accepted"),
            "docs/a*r2/0003-not-mine.md": adr("Not mine", "Accepted"),
        },
    )
    history = read_history(repo.root / "docs" / "a*r").history
    assert history is not None
    assert set(history.files) == {"0001-mine.md"}


def test_a_folder_reached_through_a_symlink(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Add", when="2024-01-01T10:00:00+00:00", files={ONE: adr("Use X", "Accepted")})
    link = tmp_path / "link"
    link.symlink_to(repo.root / FOLDER)
    history = read_history(link).history
    assert history is not None
    assert set(history.files) == {"0001-use-postgres.md"}
    item = history.of("0001-use-postgres.md")
    assert item is not None
    from adrtui.domain.gitlog import commit_diff

    assert "+Accepted" in commit_diff(history, item.first.sha, "0001-use-postgres.md")


def test_nested_folders_give_posix_paths_relative_to_the_adr_folder(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Add",
        when="2024-01-01T10:00:00+00:00",
        files={f"{FOLDER}/backend/0001-x.md": adr("X", "Proposed")},
    )
    history = read_history(repo.root / FOLDER).history
    assert history is not None
    assert set(history.files) == {"backend/0001-x.md"}


def test_a_status_word_adrtui_does_not_know_still_moves(tmp_path: Path) -> None:
    """The changed line holds no known status word: the old status text finds it."""
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Add", when="2024-01-01T10:00:00+00:00", files={ONE: adr("X", "Implemented")})
    repo.commit(
        "Edit", when="2024-01-02T10:00:00+00:00", files={ONE: adr("X", "Implemented", body="More.")}
    )
    repo.commit(
        "Done", when="2024-01-03T10:00:00+00:00", files={ONE: adr("X", "Shipped", body="More.")}
    )
    history = read_history(repo.root / FOLDER).history
    assert history is not None
    one = history.of("0001-use-postgres.md")
    assert one is not None
    assert [(c.status_before, c.status_after) for c in one.changes] == [
        (None, "implemented"),
        ("implemented", "implemented"),
        ("implemented", "shipped"),
    ]


def test_a_sentence_put_in_the_status_section_moves_the_status(tmp_path: Path) -> None:
    """No status word in the changed line: the status is still read again.

    The sentence is one the file already has (a set of lines would see no change),
    and is put between the ``## Status`` heading and the status.
    """
    said = "We measured it twice."
    before = f"# X\n\n{said}\n\n## Status\n\nAccepted\n\n## Context\n\nSome.\n"
    after = f"# X\n\n{said}\n\n## Status\n\n{said}\nAccepted\n\n## Context\n\nSome.\n"
    repo = GitRepo(tmp_path / "repo")
    repo.commit("Add", when="2024-01-01T10:00:00+00:00", files={ONE: before})
    repo.commit("Prose", when="2024-01-02T10:00:00+00:00", files={ONE: after})
    folder = repo.root / FOLDER
    history = read_history(folder).history
    assert history is not None
    one = history.of("0001-use-postgres.md")
    assert one is not None
    from adrtui.domain.parsing import parse_file

    expected = parse_file(folder / "0001-use-postgres.md", folder).status
    assert expected != "accepted"  # the sentence took the status's place
    assert one.changes[-1].status_after == expected
    assert one.changes[0].status_after == "accepted"
