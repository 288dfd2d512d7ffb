"""History pass benchmark: ``read_history`` cold, warm, after one new commit, beside ``git log``.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_history --make             # 2,000 ADRs, 20,000 commits
    .venv/bin/python -m benchmarks.bench_history --repo /tmp/adr-history --runs 3

The repository (``--repo``, or one built by :mod:`benchmarks.make_history_repo`
with ``--make``) is cloned locally into a temporary folder (objects hard-linked,
so the same packs) because the "one commit" figure adds commits to it. Every
figure is the median of ``--runs`` runs, with min and max, next to issue 15's goals:

* cold (an empty cache folder each run): ``read_history(docs/adr)`` ≤ 3 s;
* warm (the cache of a cold pass, HEAD unchanged) ≤ 150 ms, read by a new process
  (the app's start; imports not counted) and again by the process that read it
  last (which keeps its last pass in memory);
* after one new commit (an ordinary edit added with plain ``git``, then read with
  the warm cache: the pass is incremental) ≤ 300 ms, the same two ways;
* the floor: ``git log --name-status -- docs/adr`` and the pass's own ``git log``
  (``--raw -z -M``: what a full pass must at least run) on the same repository;
* first paint not delayed: ``load_collection`` (what the list waits for) alone,
  and, the worst case, started at the same time as a cold history pass in a
  thread (the browser starts its worker only once the list is painted, so this
  is what the list would wait if it did not). The load itself never runs git.

Beside each wall time, the CPU seconds spent (this process and the git processes it
waited for): on a shared, loaded machine the wall time says little; the CPU time
is what the work costs (on a quiet machine the wall time is about that, less what
git and Python overlap on two cores).

Cold runs are in this process (module caches warm after the first run), with
``ADRTUI_CACHE_DIR`` in a temporary folder and ``ADRTUI_GIT`` unset.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
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

from benchmarks.make_history_repo import ADR_DIR, add_one_commit, build, clean_env  # noqa: E402

GOALS = {
    "cold": 3.0,
    "warm": 0.150,
    "one commit": 0.300,
    "warm, same process": 0.150,
    "one commit, same process": 0.300,
}


def _fmt(samples: list[float]) -> str:
    median = statistics.median(samples)
    unit, scale = ("s", 1.0) if median >= 1 else ("ms", 1000.0)
    return (
        f"median {median * scale:.{2 if unit == 's' else 0}f} {unit} "
        f"(min {min(samples) * scale:.{2 if unit == 's' else 0}f}, "
        f"max {max(samples) * scale:.{2 if unit == 's' else 0}f}; n={len(samples)})"
    )


def _line(name: str, samples: list[float], cpu: list[float] | None = None) -> None:
    """One figure: wall time (median, min, max), the goal, and CPU seconds when known
    (this process and its git children: what the figure costs on a quiet machine)."""
    goal = GOALS.get(name)
    verdict = ""
    if goal is not None:
        ok = statistics.median(samples) <= goal
        shown = f"{goal:.0f} s" if goal >= 1 else f"{goal * 1000:.0f} ms"
        verdict = f"   goal ≤ {shown}: {'met' if ok else 'OVER'}"
    spent = f"; cpu {statistics.median(cpu) * 1000:.0f} ms" if cpu else ""
    print(f"  {name:<32} {_fmt(samples)}{spent}{verdict}")


#: CPU seconds of the last _timed call (this process and the children it waited for).
CPU: list[float] = [0.0]


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    cpu = _cpu()
    start = time.perf_counter()
    result = fn()
    spent = time.perf_counter() - start
    CPU[0] = _cpu() - cpu
    return spent, result


def _pass_args() -> list[str]:
    """The pass's own ``git log`` arguments, without its pathspec (added by _git_floor)."""
    try:
        from adrtui.domain.gitlog.logpass import log_args
    except ImportError:
        return ["log", "--raw", "--no-abbrev", "-z", "-M"]
    args = log_args("", ["HEAD"])
    return args[: args.index("--")]


def _git_floor(repo: Path, args: list[str], runs: int) -> tuple[list[float], list[float]]:
    env = clean_env(repo.parent)
    times, cpu = [], []
    for _ in range(runs):
        spent, _ = _timed(
            lambda: subprocess.run(
                ["git", *args, "--", ADR_DIR],
                cwd=repo,
                env=env,
                stdout=subprocess.DEVNULL,
                check=True,
            )
        )
        times.append(spent)
        cpu.append(CPU[0])
    return times, cpu


_FRESH = """
import json, os, resource, sys, time
from pathlib import Path
from adrtui.domain.gitlog import read_history
def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
cpu0 = cpu()
start = time.perf_counter()
outcome = read_history(Path(sys.argv[1]), cache_dir=sys.argv[2])
spent = time.perf_counter() - start
print(json.dumps({"spent": spent, "cpu": cpu() - cpu0, "cached": outcome.cached,
                  "new": outcome.new_commits, "note": outcome.note}))
"""


def _fresh(folder: Path, cache: Path, *, cached: bool = False, new_commits: int = 0) -> float:
    """``read_history`` timed in a new process (imports not counted): the app's start."""
    root = Path(__file__).resolve().parents[1]
    env = {key: value for key, value in os.environ.items() if key != "ADRTUI_GIT"}
    done = subprocess.run(
        [sys.executable, "-c", _FRESH, str(folder), str(cache)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["cached"] == cached and result["new"] == new_commits, result
    CPU[0] = float(result["cpu"])
    return float(result["spent"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--repo", type=Path, help="a repository made by make_history_repo.py")
    where.add_argument("--make", action="store_true", help="build one in a temporary folder")
    parser.add_argument("--adrs", type=int, default=2000, help="with --make (2000)")
    parser.add_argument("--commits", type=int, default=20000, help="with --make (20000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (5)")
    parser.add_argument("--no-floor", action="store_true", help="skip the git log floor")
    parser.add_argument("--no-paint", action="store_true", help="skip the first-paint figure")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="adrtui-bench-history-") as tmp:
        work = Path(tmp)
        os.environ["ADRTUI_CACHE_DIR"] = str(work / "cache")
        os.environ.pop("ADRTUI_GIT", None)
        repo = work / "repo"
        if args.make:
            spent, counts = _timed(
                lambda: build(repo, adrs=args.adrs, commits=args.commits, seed=args.seed)
            )
            print(f"built {counts} in {spent:.1f} s")
        else:
            subprocess.run(
                ["git", "clone", "-q", "--local", str(args.repo.resolve()), str(repo)],
                env=clean_env(work),
                check=True,
            )
        return _bench(repo, work, args)


def _bench(repo: Path, work: Path, args: argparse.Namespace) -> int:
    from adrtui.domain.collection.folder import load_collection
    from adrtui.domain.gitlog import HistoryOutcome, read_history

    folder = repo / ADR_DIR
    env = clean_env(work)
    total = subprocess.run(
        ["git", "rev-list", "--count", "HEAD"], cwd=repo, env=env, capture_output=True, text=True
    ).stdout.strip()
    on_folder = subprocess.run(
        ["git", "rev-list", "--count", "--no-merges", "HEAD", "--", ADR_DIR],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.strip()
    adrs = len(list(folder.glob("*.md")))
    print(f"repository: {adrs} ADRs, {total} commits ({on_folder} non-merge on {ADR_DIR})")
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f} at start")

    def read(cache: Path) -> HistoryOutcome:
        outcome = read_history(folder, cache_dir=cache)
        if outcome.history is None:
            raise SystemExit(f"no history: {outcome.note}")
        return outcome

    cold: list[float] = []
    cpu: dict[str, list[float]] = {}

    def settle() -> None:
        """Wait for the cache writes read_history left running (when it has any)."""
        from adrtui.domain.gitlog import reading

        getattr(reading, "wait_for_cache", lambda: None)()

    def note(name: str) -> None:
        cpu.setdefault(name, []).append(CPU[0])

    cache = work / "cold-0"
    for run in range(args.runs):
        if run:
            shutil.rmtree(cache, ignore_errors=True)
        cache = work / f"cold-{run}"
        spent, outcome = _timed(lambda: read(cache))  # noqa: B023
        assert isinstance(outcome, HistoryOutcome) and outcome.history is not None
        assert not outcome.cached
        cold.append(spent)
        note("cold")
        settle()
    history = outcome.history
    transitions = sum(len(item.transitions) for item in history)
    print(
        f"history: {len(history.files)} ADRs, {outcome.new_commits} commits read, "
        f"{transitions} status transitions"
    )

    warm = []
    for _ in range(args.runs):
        warm.append(_fresh(folder, cache, cached=True))
        note("warm")
    warm_here = []
    for _ in range(args.runs):
        spent, outcome = _timed(lambda: read(cache))
        assert isinstance(outcome, HistoryOutcome) and outcome.cached, outcome.note
        warm_here.append(spent)
        note("warm, same process")

    one = []
    one_here = []
    for _ in range(args.runs):
        # Alternately read by a new process (the cache on disk) and by this one (its
        # memory of the last pass, as the running browser has when HEAD moves).
        add_one_commit(repo, seed=args.seed)
        one.append(_fresh(folder, cache, new_commits=1))
        note("one commit")
        read(cache)  # this process catches up with the new process's pass (untimed)
        settle()
        add_one_commit(repo, seed=args.seed)
        spent, outcome = _timed(lambda: read(cache))
        assert isinstance(outcome, HistoryOutcome)
        assert outcome.new_commits == 1, (outcome.new_commits, outcome.cached, outcome.note)
        one_here.append(spent)
        note("one commit, same process")
        settle()  # its cache write done before the next new process reads the cache

    print("read_history:")
    _line("cold", cold, cpu["cold"])
    _line("warm", warm, cpu["warm"])
    _line("one commit", one, cpu["one commit"])
    print("  the same in the process that read it last (its memory of the pass):")
    _line("warm, same process", warm_here, cpu["warm, same process"])
    _line("one commit, same process", one_here, cpu["one commit, same process"])

    if not args.no_floor:
        print("floor (git alone, same repository):")
        _line("git log --name-status", *_git_floor(repo, ["log", "--name-status"], args.runs))
        _line("git log as read_history runs it", *_git_floor(repo, _pass_args(), args.runs))

    if not args.no_paint:
        alone = []
        beside = []
        for run in range(args.runs):
            records = work / f"records-{run}"
            spent, _ = _timed(lambda: load_collection(folder, cache_dir=records))  # noqa: B023
            alone.append(spent)
            note("alone")
            shutil.rmtree(records, ignore_errors=True)
            history_cache = work / f"paint-history-{run}"
            worker = threading.Thread(target=read, args=(history_cache,))
            worker.start()
            spent, _ = _timed(lambda: load_collection(folder, cache_dir=records))  # noqa: B023
            beside.append(spent)
            worker.join()
            shutil.rmtree(history_cache, ignore_errors=True)
            shutil.rmtree(records, ignore_errors=True)
        print("first paint (load_collection, cold record cache):")
        _line("alone", alone, cpu["alone"])
        _line("started with a cold history pass", beside)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
