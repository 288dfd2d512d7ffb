"""Git history pass benchmark: cold, warm, after one new commit, beside ``git log``.

Run from the repository root::

    .venv/bin/python benchmarks/make_history_repo.py /tmp/adr-history   # once (~1 min)
    .venv/bin/python -m benchmarks.bench_gitlog /tmp/adr-history --runs 5

Each figure is the median of ``--runs`` runs, next to issue 15's targets:

* ``git log --name-status -- docs/adr`` (the floor: git's own walk and tree diffs);
* cold: no cache at all, the whole history read (target ≤ 3 s);
* warm, from disk: a new process with the cache written (target ≤ 150 ms);
* warm, in process: the same process asks again (the browser's refresh);
* after one new commit (target ≤ 300 ms), from disk and in process;
* the browser's worker: a cold pass in a thread while the main thread ticks every
  5 ms; how late its ticks come (p99, max) beside the same ticks with no pass (the
  pass must not starve the UI thread of the interpreter).

The benchmark adds commits to the repository (``--one-more`` style): give it a copy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adrtui.domain.gitlog import read_history  # noqa: E402
from adrtui.domain.gitlog import reading as _reading  # noqa: E402
from benchmarks.make_history_repo import add_one_commit  # noqa: E402


def _median(runs: int, once: Callable[[], float]) -> tuple[float, list[float]]:
    times = [once() for _ in range(runs)]
    return statistics.median(times), times


def _ticks(seconds: float | None, done: threading.Event | None = None) -> list[float]:
    late = []
    end = time.perf_counter() + (seconds or 0)
    while (done is not None and not done.is_set()) or (done is None and time.perf_counter() < end):
        start = time.perf_counter()
        time.sleep(0.005)
        late.append(time.perf_counter() - start - 0.005)
    return sorted(late)


def _stalls(folder: Path, cache: Path) -> None:
    """How late a UI thread's 5 ms ticks come while a cold pass runs in a worker thread."""
    shutil.rmtree(cache, ignore_errors=True)
    _reading._memo.clear()
    done = threading.Event()

    def work() -> None:
        read_history(folder, cache_dir=cache)
        _reading.wait_for_cache()
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    busy = _ticks(None, done)
    worker.join()
    idle = _ticks(5.0)
    for name, late in (("ticks during a cold pass", busy), ("ticks with no pass", idle)):
        p99 = late[int(len(late) * 0.99)] * 1000
        print(
            f"{name:<32} p99 {p99:5.1f} ms, max {late[-1] * 1000:4.0f} ms, "
            f"{sum(t > 0.05 for t in late)} of {len(late)} over 50 ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repo", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", default="docs/adr")
    args = parser.parse_args()
    os.environ.pop("ADRTUI_GIT", None)
    folder = args.repo / args.folder
    cache = Path(tempfile.mkdtemp(prefix="bench-gitlog-"))

    def floor() -> float:
        start = time.perf_counter()
        subprocess.run(
            ["git", "-C", str(args.repo), "log", "--name-status", "--", args.folder],
            stdout=subprocess.DEVNULL,
            check=True,
        )
        return time.perf_counter() - start

    def timed(fresh_process: bool, empty_cache: bool = False) -> float:
        if empty_cache:
            shutil.rmtree(cache, ignore_errors=True)
        if fresh_process:
            _reading._memo.clear()
        start = time.perf_counter()
        outcome = read_history(folder, cache_dir=cache)
        elapsed = time.perf_counter() - start
        assert outcome.history is not None, outcome.note
        _reading.wait_for_cache()  # the cache is written after the answer: not timed
        return elapsed

    def one_commit(fresh_process: bool) -> float:
        timed(False)  # the cache (and the memo) at HEAD
        add_one_commit(args.repo, seed=int(time.time()))
        return timed(fresh_process)

    figures = [
        ("git log --name-status (floor)", floor, None),
        ("cold (no cache)", lambda: timed(True, True), 3.0),
        ("warm, from disk (new process)", lambda: timed(True), 0.150),
        ("warm, in process", lambda: timed(False), 0.150),
        ("one new commit, from disk", lambda: one_commit(True), 0.300),
        ("one new commit, in process", lambda: one_commit(False), 0.300),
    ]
    try:
        _stalls(folder, cache)
        for name, once, target in figures:
            median, times = _median(args.runs, once)
            goal = f"(target ≤ {target * 1000:.0f} ms)" if target else ""
            shown = ", ".join(f"{t * 1000:.0f}" for t in times)
            print(f"{name:<32} median {median * 1000:7.0f} ms {goal:<20} runs: {shown}")
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
