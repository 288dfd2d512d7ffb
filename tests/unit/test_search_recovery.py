"""A damaged, half-written, old, locked or unwritable index: detected, rebuilt, one notice.

Each test damages a real index the way the world does (a crash, a full disk, a
second adrtui, an upgrade, a read-only checkout) and checks that search still
answers exactly, and that the user is told once.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.files.cache import folder_cache_dir
from adrtui.domain.files.locks import FolderLock
from adrtui.domain.search.service import SearchIndex
from adrtui.domain.search.store import STATE_FILE
from benchmarks.corpus import generate

COUNT = 60


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "adrs"
    generate(folder, COUNT, seed=3)
    return folder


@pytest.fixture()
def folder(tmp_path: Path, corpus: Path) -> Path:
    copy = tmp_path / "adrs"
    shutil.copytree(corpus, copy)
    return copy


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def expected(folder: Path, word: str) -> set[str]:
    """Brute force: the files containing ``word`` as a whole word, in any case."""
    pattern = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.IGNORECASE)
    return {p.name for p in folder.glob("*.md") if pattern.search(p.read_text(encoding="utf-8"))}


def build(folder: Path) -> tuple[list, Path]:
    adrs = load_collection(folder).adrs
    with SearchIndex.open(folder) as index:
        assert not index.sync(adrs).read_only
    return adrs, folder_cache_dir(folder.resolve())


def reopen_and_check(folder: Path, adrs: list, word: str = "kafka") -> list[str]:
    """Open, search, sync, search: the answer is right at the end; return the notices."""
    notes: list[str] = []
    with SearchIndex.open(folder, on_notice=notes.append) as index:
        index.search(word)  # may run before the problem is found: must not raise
        report = index.sync(adrs)
        assert not report.read_only
        result = index.search(word + " ", limit=None)
        assert set(result.paths) == expected(folder, word)
        assert index.notices == notes
    return notes


def index_files(cache: Path) -> list[Path]:
    state = json.loads((cache / STATE_FILE).read_text())
    return sorted(p for p in (cache / state["index"]).iterdir() if "WRITELOCK" not in p.name)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "delete", "zero"])
def test_each_damaged_index_file_is_rebuilt_with_one_notice(folder: Path, damage: str) -> None:
    adrs, cache = build(folder)
    files = index_files(cache)
    assert {p.suffix for p in files} >= {".toc", ".trm", ".pst", ".col", ".txt"}
    pristine = cache.parent / "pristine"
    shutil.copytree(cache, pristine)
    for victim in files:
        shutil.rmtree(cache)
        shutil.copytree(pristine, cache)
        target = cache / victim.relative_to(cache)
        data = target.read_bytes()
        if damage == "truncate":
            target.write_bytes(data[: len(data) // 2])
        elif damage == "garbage":
            target.write_bytes(random.Random(victim.name).randbytes(len(data)))
        elif damage == "empty":
            target.write_bytes(b"")
        elif damage == "zero":  # what a crash can leave: the size kept, the bytes not
            target.write_bytes(bytes(len(data)))
        else:
            target.unlink()
        notes = reopen_and_check(folder, adrs)
        assert len(notes) == 1, (victim.name, notes)
        assert "damaged" in notes[0] and "rebuil" in notes[0]


@pytest.mark.parametrize("damage", ["garbage", "empty", "delete"])
def test_a_damaged_or_missing_state_file_means_a_rebuild(folder: Path, damage: str) -> None:
    adrs, cache = build(folder)
    state = cache / STATE_FILE
    if damage == "garbage":
        state.write_bytes(b"\x00\xff{not json")
    elif damage == "empty":
        state.write_bytes(b"")
    else:
        state.unlink()  # an index directory without state: a build that never finished
    notes = reopen_and_check(folder, adrs)
    assert len(notes) == 1
    assert ("half-written" if damage == "delete" else "unreadable") in notes[0]
    assert len(list(cache.glob("index-*"))) == 1  # the orphan was cleaned up


def test_an_index_from_an_older_schema_is_rebuilt(folder: Path) -> None:
    adrs, cache = build(folder)
    state = json.loads((cache / STATE_FILE).read_text())
    state["schema"] -= 1
    (cache / STATE_FILE).write_text(json.dumps(state))
    notes = reopen_and_check(folder, adrs)
    assert len(notes) == 1 and "another version" in notes[0]
    assert json.loads((cache / STATE_FILE).read_text())["schema"] == state["schema"] + 1


def test_an_index_from_another_parser_is_rebuilt(folder: Path) -> None:
    adrs, cache = build(folder)
    state = json.loads((cache / STATE_FILE).read_text())
    state["fingerprint"] = "0" * 20
    (cache / STATE_FILE).write_text(json.dumps(state))
    notes = reopen_and_check(folder, adrs)
    assert len(notes) == 1 and "another version" in notes[0]


def test_a_crashed_build_leaves_the_current_index_usable(folder: Path) -> None:
    adrs, cache = build(folder)
    (cache / "index-7").mkdir()
    (cache / "index-7" / "_MAIN_1.toc").write_bytes(b"half a build")
    assert reopen_and_check(folder, adrs) == []


_HOLD_LOCK = """
import sys, time
from pathlib import Path
from adrtui.domain.files.locks import FolderLock
lock = FolderLock(Path(sys.argv[1]))
assert lock.acquire(5)
print("locked", flush=True)
sys.stdin.read()
"""


def _hold_lock_in_another_process(cache: Path) -> subprocess.Popen[str]:
    cache.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(cache / "write.lock")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    return holder


def test_a_lock_held_by_another_process_means_read_only_then_recovery(folder: Path) -> None:
    adrs = load_collection(folder).adrs
    cache = folder_cache_dir(folder.resolve())
    holder = _hold_lock_in_another_process(cache)
    try:
        with SearchIndex.open(folder, lock_timeout=0.2) as index:
            report = index.sync(adrs)
            assert report.read_only and index.read_only
            assert len(index.notices) == 1 and "another adrtui process" in index.notices[0]
            # No index yet: the records in memory answer, as the index would.
            result = index.search("kafka ", limit=None)
            assert not result.approximate
            assert set(result.paths) == expected(folder, "kafka")
            holder.communicate("")  # the other process ends, and its lock with it
            report = index.sync(adrs)
            assert not report.read_only and report.rebuilt
            result = index.search("kafka ", limit=None)
            assert not result.approximate and set(result.paths) == expected(folder, "kafka")
            assert len(index.notices) == 1
    finally:
        holder.kill()
        holder.wait()


def test_a_lock_held_by_another_thread_keeps_the_old_index_answering(folder: Path) -> None:
    adrs, cache = build(folder)
    lock = FolderLock(cache / "write.lock")
    taken = threading.Event()
    release = threading.Event()

    def hold() -> None:
        assert lock.acquire(5)
        taken.set()
        release.wait(10)
        lock.release()

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert taken.wait(5)
        edited = adrs[0].path
        edited.write_text(edited.read_text() + "\nA zeppelin appears.\n")
        changed = load_collection(folder).adrs
        with SearchIndex.open(folder, lock_timeout=0.1) as index:
            report = index.sync(changed)
            assert report.read_only and len(index.notices) == 1
            # Not indexed yet, yet found: the records in memory answer meanwhile.
            assert index.search("zeppelin").paths == (edited.name,)
            assert set(index.search("kafka ", limit=None).paths) == expected(folder, "kafka")
            release.set()
            thread.join()
            report = index.sync(changed)
            assert report.updated == 1 and not report.read_only
            assert index.search("zeppelin").paths == (edited.name,)
    finally:
        release.set()
        thread.join()


_SYNC = """
import sys
from adrtui.domain.collection.folder import load_collection
from adrtui.domain.search.service import SearchIndex
adrs = load_collection(sys.argv[1]).adrs
with SearchIndex.open(sys.argv[1], lock_timeout=60) as index:
    index.subprocess_threshold = 10**6
    report = index.sync(adrs)
    print(index.search("kafka ", limit=None).total, report.read_only)
"""


def test_two_processes_on_one_folder_both_work(folder: Path) -> None:
    load_collection(folder)  # the record cache, so both start at once
    children = [
        subprocess.Popen(
            [sys.executable, "-c", _SYNC, str(folder)], stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [child.communicate(timeout=120)[0].split() for child in children]
    assert all(child.returncode == 0 for child in children)
    want = str(len(expected(folder, "kafka")))
    assert outputs == [[want, "False"], [want, "False"]]


def _snapshot(folder: Path) -> dict[str, tuple[int, int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size, p.stat().st_mode)
        for p in folder.rglob("*")
    }


def test_a_read_only_adr_folder_is_searched_and_never_written(folder: Path) -> None:
    for path in [folder, *folder.iterdir()]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        before = _snapshot(folder)
        adrs = load_collection(folder).adrs
        with SearchIndex.open(folder) as index:
            report = index.sync(adrs)
            assert not report.read_only and report.added == COUNT
            assert set(index.search("kafka ", limit=None).paths) == expected(folder, "kafka")
            assert index.notices == []
        # Meaningful even as root (chmod does not stop root): nothing was written here.
        assert _snapshot(folder) == before
        assert not str(index.root).startswith(str(folder))
    finally:
        for path in [folder, *folder.iterdir()]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)


def test_an_unwritable_cache_directory_means_searching_in_memory(
    folder: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache should go")
    adrs = load_collection(folder, use_cache=False).adrs
    with SearchIndex.open(folder, cache_dir=blocker) as index:
        assert index.sync(adrs).read_only
        assert len(index.notices) == 1 and "cannot write the search cache" in index.notices[0]
        result = index.search("kafka ", limit=None)
        assert set(result.paths) == expected(folder, "kafka") and not result.approximate
        assert not index.root.exists()  # nothing was written anywhere


def test_big_writes_run_in_a_child_process_with_progress(folder: Path) -> None:
    adrs = load_collection(folder).adrs
    seen: list[tuple[int, int]] = []
    with SearchIndex.open(folder) as index:
        index.subprocess_threshold = 10  # force the child process for this small folder
        report = index.sync(adrs, progress=lambda done, total: seen.append((done, total)))
        assert report.rebuilt and not report.read_only
        assert set(index.search("kafka ", limit=None).paths) == expected(folder, "kafka")
        assert seen and seen[-1][0] == seen[-1][1]
        assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    # The child left the lock free and the index current: a new process just opens it.
    with SearchIndex.open(folder, lock_timeout=0) as again:
        assert again.sync(adrs).changed == 0 and again.notices == []


def test_a_failing_child_is_reported_not_raised(folder: Path, monkeypatch) -> None:
    adrs = load_collection(folder).adrs
    monkeypatch.setattr(sys, "executable", os.devnull)  # the child cannot start
    with SearchIndex.open(folder) as index:
        index.subprocess_threshold = 10
        report = index.sync(adrs)
        assert report.read_only and len(index.notices) == 1
        assert "could not write the search index" in index.notices[0]
        assert set(index.search("kafka ", limit=None).paths) == expected(folder, "kafka")
