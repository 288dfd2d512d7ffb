"""`adrtui search` answers the history's filters as the browser's search box does:
`changed:`, `since:`, and `author:`/`date:` widened by git, through the same domain
function; a filter it cannot answer exits 2 saying why; a plain search runs no git."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from adrtui.cli import main
from adrtui.cli.search import HISTORY_FIELDS
from adrtui.domain.gitlog import split_query
from adrtui.domain.search import parse_query
from adrtui.domain.search.query import FIELD_ALIASES
from tests.gitrepo import ALICE, BOB, CAROL, GitRepo, adr, needs_git

pytestmark = needs_git

ONE = "docs/adr/0001-use-postgresql.md"
TWO = "docs/adr/0002-use-kafka.md"
THREE = "docs/adr/0003-use-redis.md"
#: A few days before now, so ``changed:<30d`` holds whenever the test runs.
RECENT = (dt.datetime.now(dt.UTC) - dt.timedelta(days=3)).replace(microsecond=0)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """0001 (dated in the file) last changed in 2021; 0002 (no date, no author) proposed
    by Alice in 2022, tagged v1, accepted by Bob three days ago; 0003 by Carol in 2023."""
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    repo = GitRepo(tmp_path / "repo")
    repo.commit(
        "Decide on PostgreSQL",
        when="2021-03-04T10:00:00+00:00",
        author=ALICE,
        files={ONE: adr("Use PostgreSQL", "Accepted", date="2021-03-04")},
    )
    repo.commit(
        "Propose Kafka",
        when="2022-05-01T10:00:00+00:00",
        author=ALICE,
        files={TWO: adr("Use Kafka", "Proposed")},
    )
    repo.git("tag", "v1")
    repo.commit(
        "Decide on Redis",
        when="2023-02-01T10:00:00+00:00",
        author=CAROL,
        files={THREE: adr("Use Redis", "Accepted", date="2023-02-01")},
    )
    repo.commit(
        "Accept Kafka",
        when=RECENT.isoformat(),
        author=BOB,
        files={TWO: adr("Use Kafka", "Accepted")},
    )
    return repo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def found(capsys: pytest.CaptureFixture[str], repo: GitRepo, query: str) -> list[str]:
    """The paths ``search QUERY --json`` prints (exit 0 with hits, 1 without)."""
    code, out, err = run(capsys, "search", "--dir", str(repo.root), "--json", "--", query)
    paths = [hit["path"] for hit in json.loads(out)]
    assert code == (0 if paths else 1), err
    return sorted(paths)


def test_changed_a_year_keeps_what_was_last_committed_then(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert found(capsys, repo, "changed:2021") == ["0001-use-postgresql.md"]
    assert found(capsys, repo, "changed:2022") == []  # 0002 was changed again since


def test_changed_within_the_last_days(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    assert found(capsys, repo, "changed:<30d") == ["0002-use-kafka.md"]
    assert found(capsys, repo, "changed:>1y") == ["0001-use-postgresql.md", "0003-use-redis.md"]


def test_since_a_tag_keeps_what_was_created_or_changed_after_it(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert found(capsys, repo, "since:v1") == ["0002-use-kafka.md", "0003-use-redis.md"]


def test_author_finds_someone_who_only_committed(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert found(capsys, repo, "author:bob") == ["0002-use-kafka.md"]
    assert found(capsys, repo, "author:carol redis") == ["0003-use-redis.md"]
    # Without the history author: reads the files, which name nobody: no hit, no error.
    code, out, err = run(capsys, "search", "author:bob", "--dir", str(repo.root), "--no-git")
    assert (code, out) == (1, "")
    assert "no ADR matches" in err


def test_date_finds_the_day_git_filled_in(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """0002 writes no date: its first commit's (2022-05-01) is the one the list shows."""
    assert found(capsys, repo, "date:2022") == ["0002-use-kafka.md"]
    assert found(capsys, repo, "date:2021") == ["0001-use-postgresql.md"]


def test_excluded_and_combined_with_words(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert found(capsys, repo, "-changed:2021") == ["0002-use-kafka.md", "0003-use-redis.md"]
    assert found(capsys, repo, "kafka changed:<30d") == ["0002-use-kafka.md"]
    assert found(capsys, repo, "postgresql changed:<30d") == []
    assert found(capsys, repo, "status:accepted since:v1") == [
        "0002-use-kafka.md",
        "0003-use-redis.md",
    ]


def test_the_table_and_the_limit_count_only_what_the_history_keeps(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    """--limit cuts after narrowing (a limit before it would hide matches), and the
    count of matches on stderr is the narrowed one."""
    code, out, err = run(
        capsys, "search", "--dir", str(repo.root), "--limit", "1", "--", "-changed:2021"
    )
    assert code == 0, err
    assert out.count("0002-use-kafka.md") + out.count("0003-use-redis.md") == 1
    assert "0001" not in out
    assert "1 of 2 matches" in err


def test_excerpts_are_shown_for_the_hits_kept(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = run(capsys, "search", "decide changed:<30d", "--dir", str(repo.root))
    assert code == 0
    assert "0002-use-kafka.md:" in out
    assert "«decide»" in out.lower()  # stdout is not a terminal: marks between «»


def test_no_repository_exits_2_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
    folder = tmp_path / "plain" / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-kafka.md").write_text(adr("Use Kafka", "Accepted"), encoding="utf-8")
    (tmp_path / "plain" / ".adrtui.toml").write_text("", encoding="utf-8")
    for argv in (["changed:2021"], ["kafka since:30d", "--json"]):
        code, out, err = run(capsys, "search", *argv, "--dir", str(folder))
        assert code == 2
        assert out == ""  # no hits answering another question
        assert "needs git history (not a git repository)" in err
        assert err.startswith("adrtui: changed:") or err.startswith("adrtui: since:")


def test_history_turned_off_exits_2_naming_the_reason(
    repo: GitRepo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err = run(capsys, "search", "changed:2021", "--dir", str(repo.root), "--no-git")
    assert (code, out) == (2, "")
    assert err.strip() == "adrtui: changed: needs git history (turned off with --no-git)"
    monkeypatch.setenv("ADRTUI_GIT", "0")
    code, out, err = run(capsys, "search", "changed:2021 since:1y", "--dir", str(repo.root))
    assert (code, out) == (2, "")
    assert "changed:, since: need git history (turned off with ADRTUI_GIT=0)" in err


def test_a_shallow_clone_exits_2(
    repo: GitRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clone = repo.shallow_clone(tmp_path / "shallow")
    code, out, err = run(capsys, "search", "changed:2021", "--dir", str(clone))
    assert (code, out) == (2, "")
    assert "shallow clone" in err


def test_a_revision_git_does_not_know_exits_2(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "search", "since:v9", "--dir", str(repo.root), "--json")
    assert (code, out) == (2, "")
    assert err.startswith("adrtui: since:") and "v9" in err


def test_json_hits_keep_their_shape(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = run(capsys, "search", "since:v1", "--dir", str(repo.root), "--json")
    assert code == 0
    plain = run(capsys, "search", "kafka", "--dir", str(repo.root), "--json")[1]
    shapes = {tuple(hit) for hit in json.loads(out) + json.loads(plain)}
    assert shapes == {("path", "number", "title", "status", "score", "highlights")}


def test_a_plain_search_in_a_repository_runs_no_git(
    repo: GitRepo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Words and file filters never read the history: a git first on PATH that logs
    its calls is not run (and is, by the same search with changed:)."""
    real = shutil.which("git")
    assert real is not None
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.log"
    fake = bin_dir / "git"
    fake.write_text(f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{real}" "$@"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    for query in ("kafka", "status:accepted", "tag:x -redis", '"use kafka"'):
        run(capsys, "search", query, "--dir", str(repo.root))
    assert not calls.exists()
    assert found(capsys, repo, "kafka changed:<30d") == ["0002-use-kafka.md"]
    assert calls.exists()  # the fake is the git the history reads through


def test_the_cheap_check_covers_every_field_split_query_gives_the_history() -> None:
    """HISTORY_FIELDS spares plain searches the gitlog import: every field the history
    answers or widens must be in it, or its filter would be silently ignored."""
    for name in FIELD_ALIASES:
        query = parse_query(f"{name}:2024")
        if split_query(query, with_history=True):
            assert query.filters[0].field in HISTORY_FIELDS, name


def test_narrow_leaves_out_or_refuses_what_git_cannot_answer(repo: GitRepo) -> None:
    """The one evaluator: the search box leaves an unknown ``since:`` out with a note
    (a tag half typed must not empty the list); the command line asks ``strict``."""
    from adrtui.domain.collection import load_collection
    from adrtui.domain.gitlog import Unanswered, fill_from_history, narrow, read_history
    from adrtui.domain.search import MemorySearch

    collection = load_collection(repo.root / "docs" / "adr")
    history = read_history(collection.root, records=collection.adrs).history
    assert history is not None
    records = fill_from_history(collection.adrs, history)
    query = parse_query("since:v9 changed:<30d")
    git = split_query(query, with_history=True)
    result = MemorySearch(collection.adrs).search(git.engine_text, limit=None)
    narrowed = narrow(result, git, records, history)
    assert narrowed.paths == ("0002-use-kafka.md",)
    assert narrowed.error is not None and narrowed.error.endswith(": left out")
    assert "'v9'" in narrowed.error
    with pytest.raises(Unanswered, match="v9"):
        narrow(result, git, records, history, strict=True)
