"""Faults injected into ``adrtui index`` and ``adrtui search``, each child capped.

A kill -9 mid-index, damaged index files of every kind, a full or unwritable
cache, two builders at once: ``adrtui search`` must still give the answer of a
fresh ``index --rebuild``. Every child runs under :func:`run_capped` (memory
and time limits), so a regression fails the test, never the machine.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import generate
from tests.hostile.capped import assert_clean, isolated_env, limits, run_capped

QUERY = ["search", "deciding", "--json", "--limit", "1000", "--dir", "adrs"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faults") / "adrs"
    generate(folder, 120, seed=5)
    return folder


@pytest.fixture()
def base(tmp_path: Path, corpus: Path) -> Path:
    shutil.copytree(corpus, tmp_path / "adrs")
    return tmp_path


def paths(done: subprocess.CompletedProcess[bytes]) -> list[str]:
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    assert_clean(done)
    return [hit["path"] for hit in json.loads(done.stdout)]


@pytest.fixture()
def truth(base: Path) -> list[str]:
    return fresh(base)


def fresh(base: Path) -> list[str]:
    """What a fresh ``index --rebuild`` answers (in a cache of its own)."""
    env = {"ADRTUI_CACHE_DIR": str(base / "truth-cache")}
    assert run_capped(["index", "--rebuild", "adrs"], base, env=env).returncode == 0
    found = paths(run_capped(QUERY, base, env=env))
    assert len(found) == 120  # every ADR decides something
    return found


def test_kill_9_at_random_points_of_index_then_search_is_right(base: Path) -> None:
    rng = random.Random(12)
    for _ in range(3):
        child = subprocess.Popen(
            [sys.executable, "-m", "adrtui", "index", "adrs"],
            cwd=base,
            env=isolated_env(base),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=limits(),
        )
        try:
            child.wait(timeout=rng.uniform(0.2, 2.0))
        except subprocess.TimeoutExpired:
            child.kill()  # SIGKILL: no cleanup of any kind
        child.wait()
        for victim in rng.sample(sorted((base / "adrs").glob("*.md")), 5):
            with victim.open("a", encoding="utf-8") as handle:
                handle.write("\nEdited between two kills.\n")
    assert paths(run_capped(QUERY, base)) == fresh(base)


DAMAGES = ("truncate", "zero", "garbage", "delete")


def test_damaged_index_files_of_every_kind(base: Path, truth: list) -> None:
    """Each file (TOC, segment files, postings, vocabulary, state) gets one damage,
    in turn (every damage of every file runs in-process in test_search_recovery)."""
    assert run_capped(["index", "adrs"], base).returncode == 0
    (folder,) = (state.parent for state in (base / "cache").rglob("state.json"))
    pristine = base / "pristine"
    shutil.copytree(folder, pristine)
    state = json.loads((folder / "state.json").read_text())
    victims = [f"{state['index']}/{name}" for name in state["files"]] + ["state.json"]
    for turn, victim in enumerate(victims):
        damage = DAMAGES[turn % len(DAMAGES)]
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder)
        target = folder / victim
        size = target.stat().st_size
        if damage == "truncate":
            target.write_bytes(target.read_bytes()[: size // 2])
        elif damage == "zero":
            target.write_bytes(bytes(size))
        elif damage == "garbage":
            target.write_bytes(random.Random(victim).randbytes(size))
        else:
            target.unlink()
        done = run_capped(QUERY, base)
        assert paths(done) == truth, victim
        assert done.stderr.count(b"adrtui:") <= 1, (victim, done.stderr)


def test_a_full_cache_gives_the_same_answer(base: Path, truth: list) -> None:
    done = run_capped(QUERY, base, file_size=200_000)
    assert paths(done) == truth
    assert b"searching a temporary index in memory" in done.stderr


def test_index_on_a_full_cache_claims_nothing_it_did_not_write(base: Path) -> None:
    done = run_capped(["index", "adrs"], base, file_size=200_000)
    assert done.returncode == 1
    assert b"indexed" not in done.stdout and b"index not updated" in done.stdout
    assert b"no room to write the search index" in done.stderr
    done = run_capped(["index", "adrs", "--json"], base, file_size=200_000)
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["indexed"] is None and report["read_only"] is True


def test_search_on_a_full_cache_does_not_try_the_write_again(base: Path, truth: list) -> None:
    """Each search on a full cache rebuilt the whole index to fail again; it answers
    from memory until there is more room (or ``adrtui index`` insists)."""
    cache = base / "cache"
    first = run_capped(QUERY, base, file_size=200_000)
    assert paths(first) == truth
    assert b"no room to write the search index" in first.stderr
    assert b"as at the last try" not in first.stderr
    again = run_capped(QUERY, base, file_size=200_000)
    assert paths(again) == truth
    assert b"as at the last try; `adrtui index` tries again" in again.stderr
    assert not list(cache.glob("folders/*/index-*"))  # not even started
    insisted = run_capped(["index", "adrs"], base, file_size=200_000)
    assert b"as at the last try" not in insisted.stderr and insisted.returncode == 1
    # With room again (no file-size limit), the next search writes the index.
    roomy = run_capped(QUERY, base)
    assert paths(roomy) == truth and roomy.stderr == b""
    assert list(cache.glob("folders/*/index-*")) and not list(cache.glob("folders/*/full.json"))


_PARALLEL = """
import json, sys
from pathlib import Path
from adrtui.domain.collection import load_collection
from adrtui.domain.search import SearchIndex
SearchIndex.parallel_threshold = 10  # Whoosh's parallel writer, in this process
SearchIndex.subprocess_threshold = 10**9
collection = load_collection(Path(sys.argv[1]))
with SearchIndex.open(collection.root) as index:
    report = index.sync(collection.adrs)
    result = index.search("deciding", limit=None)
    print(json.dumps({"read_only": report.read_only, "notices": index.notices,
                      "total": result.total, "count": len(collection.adrs)}))
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="a parallel build needs two cores")
def test_a_parallel_build_on_a_full_cache_is_a_failure_not_an_empty_index(
    tmp_path: Path,
) -> None:
    """Whoosh's parallel writer drops a worker's documents when the worker cannot
    write (no error): the build said "0 indexed" and searches found nothing."""
    generate(tmp_path / "many", 520, seed=3)
    done = run_capped([str(tmp_path / "many")], tmp_path, code=_PARALLEL, file_size=600_000)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    out = json.loads(done.stdout)
    assert out["read_only"] is True
    assert any("of 520 ADRs were written" in n for n in out["notices"]), out["notices"]
    assert out["total"] == out["count"] == 520  # every ADR decides something


def test_an_unwritable_cache_gives_the_same_answer(base: Path, truth: list) -> None:
    (base / "blocked").write_text("a file where the cache folder should be")
    done = run_capped(QUERY, base, env={"ADRTUI_CACHE_DIR": str(base / "blocked")})
    assert paths(done) == truth
    assert b"cannot write the search cache" in done.stderr


def test_two_builders_at_once(base: Path, truth: list) -> None:
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "adrtui", "index", "adrs"],
            cwd=base,
            env=isolated_env(base),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            preexec_fn=limits(),
        )
        for _ in range(2)
    ]
    for child in children:
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err.decode("utf-8", "replace")
    assert paths(run_capped(QUERY, base)) == truth


_HOLD = """
import sys
from pathlib import Path
from adrtui.domain.files.cache import folder_cache_dir
from adrtui.domain.files.locks import FolderLock
root = folder_cache_dir(Path(sys.argv[1]).resolve())
root.mkdir(parents=True, exist_ok=True)
lock = FolderLock(root / "write.lock")
assert lock.acquire(5)
print("locked", flush=True)
sys.stdin.read()
"""


def test_index_waits_for_another_builder_then_reports(base: Path, truth: list) -> None:
    env = isolated_env(base)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(base / "adrs")],
        cwd=base,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=limits(),
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    index = subprocess.Popen(
        [sys.executable, "-m", "adrtui", "index", "adrs"],
        cwd=base,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limits(),
    )
    try:
        assert index.stderr is not None
        line = index.stderr.readline()
        assert b"waiting for another adrtui building the index of" in line
        holder.communicate("")  # the other builder finishes
        out, _ = index.communicate(timeout=120)
        assert index.returncode == 0 and b"120 indexed" in out
    finally:
        holder.kill()
        index.kill()
        holder.wait()
        index.wait()
    assert paths(run_capped(QUERY, base)) == truth
