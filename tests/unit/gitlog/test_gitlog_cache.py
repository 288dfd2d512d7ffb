"""The history cache: a warm read runs no ``git log``; a moved HEAD reads only what is new.

Whatever the cache holds, the answer equals a cold pass: after one more commit,
after a reset or an amend (history rewritten), with a damaged or foreign cache file.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import adrtui.domain.gitlog.reading as reading
from adrtui.domain.gitlog import HistoryOutcome, read_history
from adrtui.domain.gitlog.store import HISTORY_FILE, STATUSES_FILE, Store
from tests.gitrepo import BOB, GitRepo, adr, needs_git

pytestmark = [needs_git, pytest.mark.usefixtures("git_on")]

ONE = "docs/adr/0001-use-x.md"
TWO = "docs/adr/0002-use-y.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("One", when="2024-01-01T10:00:00+00:00", files={ONE: adr("Use X", "Proposed")})
    repo.commit("Two", when="2024-01-02T10:00:00+00:00", files={TWO: adr("Use Y", "Proposed")})
    return repo


@pytest.fixture
def log_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The revision ranges each ``git log`` pass was run with."""
    runs: list[list[str]] = []
    real = reading.stream_log

    def counting(git, root, prefix, revs, versions):  # type: ignore[no-untyped-def]
        runs.append(list(revs))
        return real(git, root, prefix, revs, versions)

    monkeypatch.setattr(reading, "stream_log", counting)
    return runs


@pytest.fixture(params=["in process", "new process"])
def restart(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Between two reads: nothing (the browser's refresh), or forget the process's memo."""

    def again() -> None:
        reading.wait_for_cache()
        if request.param == "new process":
            monkeypatch.setattr(reading, "_memo", {})

    return again


def folder(repo: GitRepo) -> Path:
    return repo.root / "docs/adr"


def cold(repo: GitRepo, tmp_path: Path) -> HistoryOutcome:
    """A pass with a cache of its own (nothing cached before)."""
    fresh = tmp_path / f"cold-{len(list(tmp_path.glob('cold-*')))}"
    return read_history(folder(repo), cache_dir=fresh)


def test_warm_read_runs_no_log_and_equals_the_cold_one(
    repo: GitRepo, log_runs: list[list[str]]
) -> None:
    first = read_history(folder(repo))
    assert not first.cached and first.new_commits == 2 and len(log_runs) == 1
    again = read_history(folder(repo))
    assert again.cached and again.new_commits == 0
    assert len(log_runs) == 1
    assert again.history == first.history


def test_warm_read_from_disk_in_a_new_process(
    repo: GitRepo, log_runs: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_history(folder(repo))
    reading.wait_for_cache()
    monkeypatch.setattr(reading, "_memo", {})  # as if adrtui started again
    again = read_history(folder(repo))
    assert again.cached and len(log_runs) == 1
    assert again.history == first.history


def test_one_new_commit_is_read_alone(
    repo: GitRepo, tmp_path: Path, log_runs: list[list[str]], restart: Callable[[], None]
) -> None:
    before = repo.head()
    read_history(folder(repo))
    restart()
    repo.commit(
        "Accept X",
        when="2024-01-03T10:00:00+01:00",
        author=BOB,
        files={ONE: adr("Use X", "Accepted")},
    )
    outcome = read_history(folder(repo))
    assert not outcome.cached and outcome.new_commits == 1
    assert log_runs[-1] == [f"{before}..{repo.head()}"]
    assert outcome.history == cold(repo, tmp_path).history
    one = outcome.history.of("0001-use-x.md") if outcome.history else None
    assert one is not None and one.statuses == ("proposed", "accepted")


def test_a_rename_after_the_cached_head(
    repo: GitRepo, tmp_path: Path, restart: Callable[[], None]
) -> None:
    read_history(folder(repo))
    restart()
    repo.commit("Rename", when="2024-01-04T10:00:00+00:00", renames={ONE: "docs/adr/0001-use-z.md"})
    outcome = read_history(folder(repo))
    assert outcome.new_commits == 1
    assert outcome.history == cold(repo, tmp_path).history
    assert outcome.history is not None
    moved = outcome.history.of("0001-use-z.md")
    assert moved is not None and moved.count == 2


def test_a_reset_to_an_older_commit_is_a_full_pass(
    repo: GitRepo, tmp_path: Path, log_runs: list[list[str]], restart: Callable[[], None]
) -> None:
    read_history(folder(repo))
    restart()
    repo.git("reset", "-q", "--hard", "HEAD~1")
    outcome = read_history(folder(repo))
    assert log_runs[-1] == [repo.head()]  # not a range: everything again
    assert outcome.history == cold(repo, tmp_path).history
    assert outcome.history is not None and set(outcome.history.files) == {"0001-use-x.md"}


def test_an_amended_commit_is_a_full_pass(
    repo: GitRepo, tmp_path: Path, log_runs: list[list[str]], restart: Callable[[], None]
) -> None:
    read_history(folder(repo))
    restart()
    repo.write(TWO, adr("Use Y", "Rejected"))
    repo.git("add", "-A")
    repo.git(
        "commit",
        "-q",
        "--amend",
        "-m",
        "Two, rejected",
        env={
            "GIT_AUTHOR_NAME": "Bob Brown",
            "GIT_AUTHOR_EMAIL": "bob@example.com",
            "GIT_AUTHOR_DATE": "2024-01-02T11:00:00+00:00",
            "GIT_COMMITTER_NAME": "Bob Brown",
            "GIT_COMMITTER_EMAIL": "bob@example.com",
            "GIT_COMMITTER_DATE": "2024-01-02T11:00:00+00:00",
        },
    )
    outcome = read_history(folder(repo))
    assert log_runs[-1] == [repo.head()]
    assert outcome.history == cold(repo, tmp_path).history
    two = outcome.history.of("0002-use-y.md") if outcome.history else None
    assert two is not None and two.first.subject == "Two, rejected"
    assert two.statuses == ("rejected",)


def first_line(path: Path) -> dict:  # type: ignore[type-arg]
    """The cache file's first JSON line (what it is: header, HEAD, ...)."""
    return json.loads(path.read_bytes().split(b"\n")[0])


def cache_files(repo: GitRepo) -> Store:
    return Store(folder(repo).absolute())


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[1, 2, 3]", b'{"header": 1}', b"\x00\xff" * 100, b"CUT", b"ODD"],
    ids=["empty", "truncated", "a list", "another format", "binary", "cut chunk", "odd chunk"],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(
    repo: GitRepo, tmp_path: Path, damage: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_history(folder(repo))
    reading.wait_for_cache()
    store = cache_files(repo)
    header = store.history_file.read_bytes().split(b"\n")[0]
    damage = {b"CUT": header + b'\n{"commits": [1', b"ODD": header + b'\n{"run": "x"}'}.get(
        damage, damage
    )
    store.history_file.write_bytes(damage)
    store.statuses_file.write_bytes(damage)
    reading.wait_for_cache()
    monkeypatch.setattr(reading, "_memo", {})
    outcome = read_history(folder(repo))
    assert outcome.note is None and not outcome.cached
    assert outcome.history == first.history
    reading.wait_for_cache()
    assert first_line(store.history_file)["head"] == repo.head()


def test_a_cache_with_wrong_shapes_inside_is_ignored(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_history(folder(repo))
    reading.wait_for_cache()
    store = cache_files(repo)
    data = first_line(store.history_file)
    wrong = {"files": {"docs/adr/0001-use-x.md": [[99, 0, "x", None, None, None]]}}
    store.history_file.write_text(json.dumps(data) + "\n" + json.dumps(wrong) + "\n")
    reading.wait_for_cache()
    monkeypatch.setattr(reading, "_memo", {})
    outcome = read_history(folder(repo))
    assert outcome.history == first.history and not outcome.cached


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_a_cache_file_others_could_write_is_not_read(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_history(folder(repo))
    reading.wait_for_cache()
    store = cache_files(repo)
    os.chmod(store.history_file, 0o666)
    reading.wait_for_cache()
    monkeypatch.setattr(reading, "_memo", {})
    outcome = read_history(folder(repo))
    assert not outcome.cached and outcome.history is not None
    reading.wait_for_cache()
    assert (os.stat(store.history_file).st_mode & 0o022) == 0  # rewritten, ours again


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.parametrize("above", ["folders", "cache root"])
def test_a_cache_others_could_swap_is_not_read(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch, above: str
) -> None:
    """Whoever can write a folder above ours could put their folder in its place."""
    read_history(folder(repo))
    reading.wait_for_cache()
    store = cache_files(repo)
    os.chmod(store.dir.parent if above == "folders" else store.dir.parent.parent, 0o777)
    monkeypatch.setattr(reading, "_memo", {})
    outcome = read_history(folder(repo))
    assert not outcome.cached and outcome.history is not None


def test_an_unwritable_cache_still_gives_the_history(repo: GitRepo, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would go\n")
    outcome = read_history(folder(repo), cache_dir=blocked)
    assert outcome.note is None and outcome.history is not None
    assert set(outcome.history.files) == {"0001-use-x.md", "0002-use-y.md"}


def test_the_cache_is_json_in_adrtuis_private_folder(repo: GitRepo) -> None:
    read_history(folder(repo))
    reading.wait_for_cache()
    store = cache_files(repo)
    for name in (HISTORY_FILE, STATUSES_FILE):
        path = store.dir / name
        for line in path.read_bytes().splitlines():
            json.loads(line)
        assert not os.fspath(path).startswith(os.fspath(repo.root))
    if hasattr(os, "getuid"):
        assert (os.stat(store.dir).st_mode & 0o077) == 0


def test_an_unknown_status_word_changed_after_the_cached_head(
    repo: GitRepo, tmp_path: Path, restart: Callable[[], None]
) -> None:
    repo.commit("Odd", when="2024-01-03T10:00:00+00:00", files={ONE: adr("Use X", "Piloting")})
    read_history(folder(repo))
    restart()
    repo.commit(
        "Edit", when="2024-01-04T10:00:00+00:00", files={ONE: adr("Use X", "Piloting", body="b")}
    )
    repo.commit(
        "Odd again", when="2024-01-05T10:00:00+00:00", files={ONE: adr("Use X", "Live", body="b")}
    )
    outcome = read_history(folder(repo))
    assert outcome.new_commits == 2
    assert outcome.history == cold(repo, tmp_path).history
    one = outcome.history.of("0001-use-x.md") if outcome.history else None
    assert one is not None
    assert [(c.status_before, c.status_after) for c in one.changes[-3:]] == [
        ("proposed", "piloting"),
        ("piloting", "piloting"),
        ("piloting", "live"),
    ]


def test_threads_reading_at_once_get_the_same_history(repo: GitRepo) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(lambda _: read_history(folder(repo)), range(8)))
    reading.wait_for_cache()
    assert all(outcome.note is None for outcome in outcomes)
    assert all(outcome.history == outcomes[0].history for outcome in outcomes)
    assert sum(not outcome.cached for outcome in outcomes) == 1  # one pass, then its memo
