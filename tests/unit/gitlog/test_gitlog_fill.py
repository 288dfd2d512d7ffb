"""Where the file is silent, git fills in, and says so (``--json``, ``--explain``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.gitlog import fill_from_history, read_history
from adrtui.domain.parsing import format_explanation, parse_file
from tests.gitrepo import BOB, CAROL, GitRepo, adr, needs_git

pytestmark = [needs_git, pytest.mark.usefixtures("git_on")]

SILENT = "docs/adr/0001-silent.md"
DATED = "docs/adr/0002-dated.md"
AUTHORED = "docs/adr/0003-authored.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Add three",
        when="2023-05-06T23:30:00-04:00",
        author=BOB,
        files={
            SILENT: adr("Silent", "Proposed"),
            DATED: adr("Dated", "Accepted", date="2020-01-02"),
            AUTHORED: "# Authored\n\nAuthors: Dana Doe\n\n## Status\n\nAccepted\n",
        },
    )
    repo.commit(
        "Edit",
        when="2023-06-01T10:00:00+00:00",
        author=CAROL,
        files={SILENT: adr("Silent", "Accepted")},
    )
    return repo


def records(repo: GitRepo) -> list:  # type: ignore[type-arg]
    folder = repo.root / "docs/adr"
    return [parse_file(folder / Path(name).name, folder) for name in (SILENT, DATED, AUTHORED)]


def test_date_and_authors_filled_only_where_the_file_is_silent(repo: GitRepo) -> None:
    adrs = records(repo)
    history = read_history(repo.root / "docs/adr", records=adrs).history
    silent, dated, authored = fill_from_history(adrs, history)

    assert silent.date == "2023-05-06"  # the author's own day (UTC says the 7th)
    assert silent.authors == ("Bob Brown",)  # the first committer, not the last
    assert silent.git_filled == ("date", "authors")
    assert silent.to_json()["date_source"] == "git"
    assert silent.to_json()["authors_source"] == "git"

    assert dated.date == "2020-01-02" and dated.git_filled == ("authors",)
    assert dated.to_json()["date_source"] == "file"
    assert authored.authors == ("Dana Doe",) and authored.git_filled == ("date",)
    assert authored.to_json()["authors_source"] == "file"


def test_records_that_need_nothing_are_the_same_objects(repo: GitRepo) -> None:
    adrs = records(repo)
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    complete = fill_from_history(adrs, history)[1]
    complete = fill_from_history([complete], history)[0]
    again = fill_from_history([complete], history)
    assert again[0] is complete
    assert fill_from_history(adrs, None) == adrs
    assert all(a is b for a, b in zip(fill_from_history(adrs, None), adrs, strict=True))


def test_a_record_git_does_not_know_is_left_alone(repo: GitRepo) -> None:
    folder = repo.root / "docs/adr"
    (folder / "0004-new.md").write_text(adr("New", "Proposed"), encoding="utf-8")
    new = parse_file(folder / "0004-new.md", folder)
    history = read_history(folder).history
    assert fill_from_history([new], history)[0] is new


def test_the_provenance_row_names_the_commit(repo: GitRepo) -> None:
    adrs = records(repo)
    history = read_history(repo.root / "docs/adr").history
    assert history is not None
    first = history.of("0001-silent.md")
    assert first is not None
    silent = fill_from_history(adrs, history)[0]
    rows = {row.field: row for row in silent.provenance}
    expected = f"git: first commit {first.first.sha[:7]} by Bob Brown"
    assert rows["date"].value == "2023-05-06" and rows["date"].source == expected
    assert rows["authors"].source == expected
    assert [row.field for row in silent.provenance].count("date") == 1
    date_line = next(line for line in format_explanation(silent) if line.startswith("date"))
    assert "2023-05-06" in date_line and expected in date_line
