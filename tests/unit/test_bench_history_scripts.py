"""The repositories the history benchmark and the tmux check are driven on are what they promise.

``benchmarks/make_history_repo.py`` (the 2,000-ADR benchmark repository, here tiny)
and ``benchmarks/replay_history.py`` (a real collection replayed in date order):
if they silently made a history without status changes or renames, or a replay out
of date order, the figures and the hand check of issue 15 would measure nothing.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from adrtui.domain.parsing import parse_bytes
from benchmarks.make_history_repo import ADR_DIR, add_one_commit, build, clean_env
from benchmarks.replay_history import main as replay_main
from tests.gitrepo import adr, needs_git

pytestmark = needs_git


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=clean_env(repo.parent), capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _status(data: str, path: str) -> str | None:
    return parse_bytes(data.encode("utf-8"), Path("/r") / path, Path("/r")).status


def _versions(repo: Path, path: str) -> list[str]:
    """The statuses a file went through, oldest first (one per commit touching it)."""
    shas = _git(repo, "log", "--reverse", "--format=%H", "--", path).split()
    return [_status(_git(repo, "show", f"{sha}:{path}"), path) or "" for sha in shas]


def _moves(repo: Path, path: str) -> list[str]:
    """The statuses a file went through, each once (edits between them left out)."""
    seen: list[str] = []
    for status in _versions(repo, path):
        if not seen or seen[-1] != status:
            seen.append(status)
    return seen


def test_generated_repository_has_the_promised_history(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    counts = build(repo, adrs=20, commits=120, seed=3)

    on_folder = _git(repo, "rev-list", "--count", "--no-merges", "HEAD", "--", ADR_DIR)
    assert int(on_folder) == 120 == counts["adr_commits"]
    assert int(_git(repo, "rev-list", "--count", "HEAD")) > 120  # README/src commits too
    assert _git(repo, "status", "--porcelain") == ""  # checked out
    log = _git(repo, "log", "-M", "--name-status", "--format=@%H %at", "--", ADR_DIR)
    assert any(line.startswith("R100\t") for line in log.splitlines())
    times = [int(line.split()[1]) for line in log.splitlines() if line.startswith("@")]
    assert times == sorted(times, reverse=True)
    assert len(set(_git(repo, "log", "--format=%an").split("\n"))) >= 5

    added = [line.split("\t")[1] for line in log.splitlines() if line.startswith("A\t")]
    assert len(added) == 20
    for path in added:
        first = _git(repo, "log", "--diff-filter=A", "--format=%H", "--", path).split()[-1]
        assert _status(_git(repo, "show", f"{first}:{path}"), path) == "proposed"
    now = {path.name: _status(path.read_text(), path.name) for path in (repo / ADR_DIR).iterdir()}
    assert {"accepted", "rejected", "superseded"} <= set(now.values())
    accepted = next(name for name, status in now.items() if status == "accepted")
    assert _versions(repo, f"{ADR_DIR}/{accepted}")[:1] == ["proposed"]
    assert "accepted" in _versions(repo, f"{ADR_DIR}/{accepted}")

    # Same seed, same repository; one more commit is one ordinary edit.
    again = build(tmp_path / "again", adrs=20, commits=120, seed=3)
    assert again == counts
    assert _git(tmp_path / "again", "rev-parse", "HEAD") == _git(repo, "rev-parse", "HEAD")
    before = _git(repo, "rev-parse", "HEAD").strip()
    sha = add_one_commit(repo, seed=3)
    assert _git(repo, "rev-parse", "HEAD~1").strip() == before
    assert _git(repo, "diff", "--name-only", f"{before}..{sha}").startswith(ADR_DIR + "/")
    assert _git(repo, "status", "--porcelain") == ""


def test_replay_commits_a_collection_in_date_order_proposed_first(tmp_path: Path) -> None:
    src = tmp_path / "collection"
    src.mkdir()
    files = {
        "0001-use-x.md": adr(
            "1. Use X", "Superseded by [3. Use Z](0003-use-z.md)", date="2020-01-10"
        ),
        "0002-use-y.md": adr("2. Use Y", "Accepted"),
        "0003-use-z.md": adr("3. Use Z", "Accepted", date="2021-05-01"),
        "README.md": "# Decisions\n",
        "core/0004-use-w.md": adr("4. Use W", "Rejected", date="2022-02-02"),
    }
    for name, text in files.items():
        (src / name).parent.mkdir(exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    dest = tmp_path / "dest"

    assert replay_main([str(src), str(dest), "--seed", "2"]) == 0

    assert sorted(p.relative_to(src).as_posix() for p in src.rglob("*") if p.is_file()) == sorted(
        files
    )  # the source is only read
    stamps = [int(t) for t in _git(dest, "log", "--reverse", "--format=%at").split()]
    assert stamps == sorted(stamps)
    for name, text in files.items():
        assert (dest / ADR_DIR / name).read_text(encoding="utf-8") == text
    x, y, z = (f"{ADR_DIR}/{name}" for name in sorted(files)[:3])
    assert _moves(dest, f"{ADR_DIR}/core/0004-use-w.md") == ["proposed", "rejected"]  # nested
    assert _moves(dest, x) == ["proposed", "accepted", "superseded"]
    assert _moves(dest, y) == ["proposed", "accepted"]
    assert _moves(dest, z) == ["proposed", "accepted"]
    # Each ADR lands on its own date; the undated one between its neighbours; the
    # file that marks X superseded is the one that accepts Z.
    day = {p: _git(dest, "log", "--reverse", "--format=%as", "--", p).split()[0] for p in (x, y, z)}
    assert day[x] == "2020-01-10" and day[z] == "2021-05-01"
    assert "2020-01-10" < day[y] < "2021-05-01"
    last_x = _git(dest, "log", "-1", "--format=%H", "--", x)
    assert _git(dest, "log", "-1", "--format=%H", "--", z) == last_x
    assert "Date:" not in (dest / y).read_text(encoding="utf-8")
