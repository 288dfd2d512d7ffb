"""The history cache's columns: damage inside them is caught before any record is made.

The cache holds columns (a warm start checks each in one pass and builds the
records without a Python step per field), so a damaged value must be caught by
those checks: the read ignores the cache and gives what a cold pass gives, never
a record with a number for a sha, an author from nowhere or a shifted column.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import adrtui.domain.gitlog.reading as reading
from adrtui.domain.gitlog import read_history
from adrtui.domain.gitlog.model import ADDED, MODIFIED, RENAMED, Change, Commit
from adrtui.domain.gitlog.store import State, Store
from tests.gitrepo import BOB, GitRepo, adr, needs_git

ONE = "docs/adr/0001-use-x.md"
TWO = "docs/adr/0002-use-y.md"

Chunks = dict[str, Any]

pytestmark = pytest.mark.usefixtures("git_on")


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.commit("One", when="2024-01-01T10:00:00+00:00", files={ONE: adr("Use X", "Proposed")})
    repo.commit("Two", when="2024-01-02T10:00:00+01:00", files={TWO: adr("Use Y", "Proposed")})
    repo.commit(
        "Accept X",
        when="2024-01-03T10:00:00-05:00",
        author=BOB,
        files={ONE: adr("Use X", "Accepted")},
    )
    return repo


def _packed(values: list[int]) -> list[str]:
    """An integer column as the cache packs it (4 bytes, little-endian)."""
    return ["4:" + b"".join(v.to_bytes(4, "little", signed=True) for v in values).hex()]


def _set(section: str, column: str, value: Any) -> Callable[[Chunks], None]:
    def damage(chunks: Chunks) -> None:
        chunks[section][column] = value

    return damage


def _shorter(section: str, column: str) -> Callable[[Chunks], None]:
    def damage(chunks: Chunks) -> None:
        values = chunks[section][column]
        if len(values) == 1 and isinstance(values[0], str):  # packed: drop one value
            width, _, digits = values[0].partition(":")
            values[0] = f"{width}:{digits[: -2 * int(width)]}"
        else:
            del values[-1]

    return damage


def _file_twice(chunks: Chunks) -> None:
    files = chunks["files"]
    files["path"] = [files["path"][0]] * len(files["path"])


DAMAGE: dict[str, Callable[[Chunks], None]] = {
    "a number for a sha": _set("commits", "sha", [5, 6, 7]),
    "a column that is text": _set("commits", "subject", "abc"),
    "an author outside the people": _set("commits", "person", _packed([0, 0, 9])),
    "a negative author index": _set("commits", "person", _packed([0, -1, 0])),
    "a commit index outside the commits": _set("files", "commit", _packed([0, 2, 3])),
    "a change kind that does not exist": _set("files", "kind", _packed([0, 7, 0])),
    "a status outside the status words": _set("files", "after", _packed([1, 1, 40])),
    "a packed chunk that is not hex": _set("files", "before", ["4:zzzz"]),
    "a packed chunk of an odd width": _set("files", "before", ["3:000000000000000000"]),
    "packed and plain values mixed": _set("files", "before", ["4:00000000", 0, 0]),
    "a bool for an index": _set("files", "before", [True, False, False]),
    "a missing column": _set("commits", "when", None),
    "one date fewer than shas": _shorter("commits", "when"),
    "one status fewer than changes": _shorter("files", "after"),
    "counts that do not add up": _set("files", "count", _packed([1, 1])),
    "a file twice": _file_twice,
}

#: Damage to what the first line holds (besides the header).
HEAD_DAMAGE: dict[str, tuple[str, Any]] = {
    "people as two-letter texts": ("people", ["AB", "CD"]),
    "people as a mapping": ("people", {"ab": "cd"}),
    "present as text": ("present", "docs/adr/0001-use-x.md"),
    "a moved path that is a number": ("moved", {"docs/adr/x.md": 3}),
    "a status word that is a number": ("status_names", [None, 1, 2]),
    "a head that is a list": ("head", ["x"]),
}


def folder(repo: GitRepo) -> Path:
    return repo.root / "docs/adr"


def rewrite(
    repo: GitRepo, damage: Callable[[Chunks], None], head_damage: tuple[str, Any] | None = None
) -> None:
    """The cache file again, its columns changed by ``damage`` (one first-line key
    set to a value by ``head_damage``)."""
    reading.wait_for_cache()
    store = Store(folder(repo).absolute())
    head, *rest = [json.loads(line) for line in store.history_file.read_bytes().splitlines()]
    chunks: Chunks = {"commits": {}, "files": {}}
    for chunk in rest:  # a small repository: one chunk of each
        for key, columns in chunk.items():
            chunks[key].update(columns)
    damage(chunks)
    if head_damage is not None:
        head[head_damage[0]] = head_damage[1]
    lines = [json.dumps(head), *(json.dumps({key: value}) for key, value in chunks.items())]
    store.history_file.write_text("\n".join(lines) + "\n")


@needs_git
def test_an_undamaged_rewritten_cache_is_read(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check the damage tests rely on: the rewrite alone keeps a readable cache."""
    first = read_history(folder(repo))
    rewrite(repo, lambda chunks: None)
    monkeypatch.setattr(reading, "_memo", {})
    again = read_history(folder(repo))
    assert again.cached and again.history == first.history


@needs_git
@pytest.mark.parametrize("damage", [*DAMAGE, *HEAD_DAMAGE], ids=[*DAMAGE, *HEAD_DAMAGE])
def test_damage_inside_a_column_is_ignored_and_rebuilt(
    repo: GitRepo, damage: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_history(folder(repo))
    rewrite(repo, DAMAGE.get(damage, lambda chunks: None), HEAD_DAMAGE.get(damage))
    monkeypatch.setattr(reading, "_memo", {})
    outcome = read_history(folder(repo))
    assert outcome.note is None and not outcome.cached  # a full pass, not the damage
    assert outcome.history == first.history
    reading.wait_for_cache()
    monkeypatch.setattr(reading, "_memo", {})
    assert read_history(folder(repo)).cached  # and the cache was written again


def test_every_field_survives_the_cache(tmp_path: Path) -> None:
    """Dates git can write but 8 bytes cannot hold, renames, odd statuses: read back equal."""
    (tmp_path / "cache").mkdir(mode=0o700)
    store = Store(tmp_path / "adr", tmp_path / "cache")
    far = Commit("a" * 40, "9999-12-31T23:59:59+14:00", 2**70, "Ann Ng", "ann@x", "Far")
    old = Commit("b" * 64, "1901-01-01T00:00:00-12:00", -(2**40), "Bo", "", "Old, sha-256")
    same = Commit("c" * 40, "2024-01-01T00:00:00+00:00", 1_704_067_200, "Ann Ng", "ann@x", "")
    files = {
        "adr/0001-x.md": [
            Change(old, "0001-x.md", ADDED, None, None, "proposed"),
            Change(same, "0001-x.md", MODIFIED, None, "proposed", "Ünïcode ✓"),
            Change(far, "0001-x.md", RENAMED, "0001-was.md", "Ünïcode ✓", None),
        ],
        "adr/0002-y.md": [Change(same, "sub/0002-y.md", ADDED, None, None, None)],
    }
    state = State("/r", "adr/", "d" * 40, files, {"adr/0001-was.md": "adr/0001-x.md"}, [])
    state.present = ["adr/0001-x.md", "adr/0002-y.md"]
    assert store.save(state, None)
    loaded = store.load("/r", "adr/")
    assert loaded is not None
    assert loaded.files == files and loaded.moved == state.moved
    assert loaded.present == state.present and loaded.head == state.head
    shared = loaded.files["adr/0001-x.md"][1].commit
    assert shared is loaded.files["adr/0002-y.md"][0].commit  # one record per commit
    assert store.load("/elsewhere", "adr/") is None
    if hasattr(os, "getuid"):
        assert (os.stat(store.history_file).st_mode & 0o077) == 0
