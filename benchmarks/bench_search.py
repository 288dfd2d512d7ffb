"""Search engine benchmark: build, warm open, per-keystroke queries, one-file update, RSS.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_search               # 10,000 ADRs, 5 runs
    .venv/bin/python -m benchmarks.bench_search --count 2000 --runs 3

It generates the synthetic corpus (:mod:`benchmarks.corpus`) in a temporary
directory (or reuses ``--corpus DIR``), then reports the median of ``--runs``
runs for each figure, next to the targets of issue 3:

* full build ≤ 30 s (what the app runs in the background on first open);
* warm open ≤ 1.0 s: a new process loads the records from the record cache,
  opens the index, checks it is up to date and answers a first query;
* per keystroke p95 ≤ 30 ms while typing ``authentication`` letter by letter,
  top 50 hits with their fields, and faster than a plain in-memory substring
  scan of all bodies (measured beside it, over the same keystrokes);
* one changed file re-indexed ≤ 200 ms;
* 100 changed files re-indexed, after which every unchanged ADR is still found
  (issue 12: a deleted document's number once hid a live one);
* peak RSS ≤ 300 MB (this process, and the largest child process);
* one-shot ``adrtui search kafka --dir DIR --json`` with a warm cache ≤ 0.25 s for
  the whole process (issue 13: a script or an editor calls it per keystroke),
  beside ``grep -rli kafka DIR``; with ``--before DIR`` (a checkout of an older
  commit, e.g. ``git worktree add /tmp/before 775bf2f``) the same command run from
  that checkout, in the same run, each with its own cache.
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
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import generate

WORD = "authentication"


def _rss_mb(who: int) -> float:
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    value = resource.getrusage(who).ru_maxrss
    return value / (1024 * 1024) if sys.platform == "darwin" else value / 1024


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _corpus_size(folder: Path) -> tuple[int, int]:
    files = list(folder.glob("*.md"))
    return len(files), sum(f.stat().st_size for f in files)


def bench_build(folder: Path, runs: int, work: Path) -> tuple[list[float], Path]:
    """Full index builds into fresh cache directories; returns times and the last cache."""
    from adrtui.domain.collection.folder import load_collection
    from adrtui.domain.search.service import SearchIndex

    adrs = load_collection(folder, cache_dir=work / "records").adrs
    times = []
    cache = work / "build-0"
    for run in range(runs):
        cache = work / f"build-{run}"
        start = time.perf_counter()
        index = SearchIndex.open(folder, cache_dir=cache)
        report = index.sync(adrs)
        times.append(time.perf_counter() - start)
        assert report.rebuilt and report.added == len(adrs), report
        index.close()
        if run < runs - 1:
            shutil.rmtree(cache, ignore_errors=True)
    return times, cache


_WARM_OPEN = """
import json, sys, time
t0 = time.perf_counter()
from adrtui.domain.collection.folder import load_collection
from adrtui.domain.search.service import SearchIndex
t1 = time.perf_counter()
folder, cache = sys.argv[1], sys.argv[2]
collection = load_collection(folder, cache_dir=cache)
t2 = time.perf_counter()
index = SearchIndex.open(folder, cache_dir=cache)
report = index.sync(collection.adrs)
result = index.search("authentication", limit=50)
t3 = time.perf_counter()
assert report.changed == 0 and not report.rebuilt, report
assert result.total > 0
print(json.dumps({"imports": t1 - t0, "records": t2 - t1, "index": t3 - t2, "ready": t3 - t1}))
"""


def bench_warm_open(folder: Path, cache: Path, runs: int) -> list[dict[str, float]]:
    """Each run is a new process: records from the cache, index opened, first answer."""
    from adrtui.domain.collection.folder import load_collection

    load_collection(folder, cache_dir=cache)  # make sure the record cache is warm
    samples = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _WARM_OPEN, str(folder), str(cache)],
            capture_output=True,
            text=True,
            check=True,
        )
        samples.append(json.loads(out.stdout))
    return samples


def bench_keystrokes(
    folder: Path, cache: Path, runs: int
) -> tuple[list[float], list[float], list[float]]:
    """Per-keystroke query times (top 50 and all hits) and the substring-scan baseline."""
    from adrtui.domain.collection.folder import load_collection
    from adrtui.domain.search.service import SearchIndex

    adrs = load_collection(folder, cache_dir=cache).adrs
    bodies = [adr.body.lower() for adr in adrs]
    top50: list[float] = []
    everything: list[float] = []
    scan: list[float] = []
    prefixes = [WORD[:n] for n in range(1, len(WORD) + 1)]
    for _ in range(runs):
        # A new SearchIndex per run: nothing cached from the previous run.
        index = SearchIndex.open(folder, cache_dir=cache)
        index.sync(adrs)
        for text in prefixes:
            start = time.perf_counter()
            result = index.search(text, limit=50)
            top50.append(time.perf_counter() - start)
            assert len(result.hits) == min(50, result.total)
        index.close()
        index = SearchIndex.open(folder, cache_dir=cache)
        index.sync(adrs)
        for text in prefixes:
            start = time.perf_counter()
            index.search(text, limit=None)
            everything.append(time.perf_counter() - start)
        index.close()
        for text in prefixes:
            start = time.perf_counter()
            hits = [i for i, body in enumerate(bodies) if text in body]
            scan.append(time.perf_counter() - start)
            assert hits is not None
    return top50, everything, scan


def bench_one_change(folder: Path, cache: Path, runs: int) -> list[float]:
    """Edit one file, re-parse it, sync: the time of the sync (the re-index)."""

    from adrtui.domain.collection.folder import load_collection
    from adrtui.domain.parsing import parse_file
    from adrtui.domain.search.service import SearchIndex

    adrs = load_collection(folder, cache_dir=cache).adrs
    index = SearchIndex.open(folder, cache_dir=cache)
    index.sync(adrs)
    times = []
    for run in range(runs):
        position = (run * 997) % len(adrs)
        target = adrs[position]
        with open(target.path, "a", encoding="utf-8") as handle:
            handle.write(f"\nEdited in run {run}: zanzibarquux{run}.\n")
        fresh = parse_file(target.path, folder)
        adrs = [*adrs[:position], fresh, *adrs[position + 1 :]]
        start = time.perf_counter()
        report = index.sync(adrs)
        times.append(time.perf_counter() - start)
        assert report.updated == 1, report
        assert index.search(f"zanzibarquux{run}").total == 1
    index.close()
    return times


def bench_hundred_changes(folder: Path, cache: Path, runs: int) -> list[float]:
    """Append a line to 100 files, sync: the time of the sync, and a check of issue 12.

    After an incremental update every unchanged ADR must still be found (a
    deleted document's number once hid a live one): ``deciding`` finds every
    ADR the corpus gives it to, and each ``number:N`` finds its ADR.
    """
    from adrtui.domain.collection.folder import load_collection
    from adrtui.domain.search.service import SearchIndex

    adrs = load_collection(folder, cache_dir=cache).adrs
    index = SearchIndex.open(folder, cache_dir=cache)
    index.sync(adrs)
    expected = index.search("deciding", limit=None, ranked=False).total
    numbers = sorted(adr.number for adr in adrs if adr.number is not None)
    times = []
    for run in range(runs):
        for position in range(run, len(adrs), max(len(adrs) // 100, 1))[:100]:
            with open(adrs[position].path, "a", encoding="utf-8") as handle:
                handle.write(f"\nAppended in round {run}.\n")
        adrs = load_collection(folder, cache_dir=cache).adrs
        start = time.perf_counter()
        report = index.sync(adrs)
        times.append(time.perf_counter() - start)
        assert report.updated == min(100, len(adrs)) and not report.rebuilt, report
        found = index.search("deciding", limit=None, ranked=False).total
        assert found == expected, f"deciding: {found} of {expected} after round {run}"
        for number in numbers[:: max(len(numbers) // 50, 1)] + [400]:
            if number in numbers:
                assert index.search(f"number:{number}").total == 1, number
    index.close()
    return times


def _compiled(package_root: Path) -> None:
    """Byte-compile a checkout (``PYTHONDONTWRITEBYTECODE`` would leave every run to
    compile every module, which an installed adrtui never does)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package_root / "adrtui")],
        capture_output=True,
        check=False,
    )


def bench_one_shot(
    folder: Path, work: Path, runs: int, before: Path | None
) -> dict[str, list[float]]:
    """Whole-process times of ``adrtui search kafka --dir DIR --json``, warm cache, next
    to ``grep -rli kafka DIR`` (and the same command from ``before``'s checkout).

    Each variant has its own cache, warmed by a first run that is not counted (it
    builds the index; for this checkout it also records the folder's stamp)."""
    here = Path(__file__).resolve().parent.parent
    variants = {"after": here} if before is None else {"before": before, "after": here}
    samples: dict[str, list[float]] = {name: [] for name in (*variants, "grep")}
    outputs: dict[str, str] = {}
    for checkout in variants.values():
        _compiled(checkout)
    command = [sys.executable, "-m", "adrtui", "search", "kafka", "--dir", str(folder), "--json"]
    for run in range(runs + 1):  # the first run warms each cache (and is not counted)
        for name, checkout in variants.items():
            env = dict(os.environ)
            env["ADRTUI_CACHE_DIR"] = str(work / f"oneshot-{name}")
            env["PYTHONPATH"] = str(checkout)
            start = time.perf_counter()
            # From a neutral directory: ``-m`` puts the current one first on the path.
            out = subprocess.run(
                command, capture_output=True, text=True, env=env, check=True, cwd=work
            )
            if run:
                samples[name].append(time.perf_counter() - start)
            outputs[name] = out.stdout
        if shutil.which("grep"):
            start = time.perf_counter()
            subprocess.run(["grep", "-rli", "kafka", str(folder)], capture_output=True, check=False)
            if run:
                samples["grep"].append(time.perf_counter() - start)
    if before is not None:
        assert outputs["before"] == outputs["after"], "the JSON output changed"
    assert json.loads(outputs["after"]), "kafka found nothing"
    return samples


PHASES = ("build", "warm", "keys", "change", "hundred", "oneshot")


def run_phase(
    phase: str, folder: Path, work: Path, runs: int, before: Path | None = None
) -> dict[str, object]:
    """One benchmark phase, in this (fresh) process; returns its samples and peak RSS."""
    cache = work / "cache"
    data: dict[str, object] = {}
    if phase == "build":
        times, last = bench_build(folder, runs, work)
        if cache.exists():
            shutil.rmtree(cache)
        last.rename(cache)
        data["build"] = times
    elif phase == "warm":
        data["warm"] = bench_warm_open(folder, cache, runs)
    elif phase == "keys":
        data["top50"], data["all"], data["scan"] = bench_keystrokes(folder, cache, runs)
    elif phase == "change":
        data["change"] = bench_one_change(folder, cache, runs)
    elif phase == "hundred":
        data["hundred"] = bench_hundred_changes(folder, cache, runs)
    elif phase == "oneshot":
        data["oneshot"] = bench_one_shot(folder, work, runs, before)
    data["rss_self"] = _rss_mb(resource.RUSAGE_SELF)
    data["rss_children"] = _rss_mb(resource.RUSAGE_CHILDREN)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--before", type=Path, help="a checkout of an older commit: one-shot search from it too"
    )
    parser.add_argument("--only", choices=PHASES, action="append", help="run only these phases")
    parser.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:  # a child run by the orchestrator below
        data = run_phase(args.phase, args.work / "adrs", args.work, args.runs, args.before)
        print(json.dumps(data))
        return

    work = Path(tempfile.mkdtemp(prefix="adrtui-bench-"))
    try:
        folder = work / "adrs"
        generate(folder, args.count, args.seed)
        files, size = _corpus_size(folder)
        print(f"corpus: {files} ADRs, {size / 1e6:.1f} MB ({size / files / 1024:.1f} KiB each)")
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.runs}")
        results: dict[str, dict[str, object]] = {}
        phases = [p for p in PHASES if not args.only or p in args.only]
        for phase in phases:
            # Each phase in a new process: figures and peak RSS are its own.
            extra = ["--before", str(args.before.resolve())] if args.before else []
            out = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "benchmarks.bench_search",
                    "--phase",
                    phase,
                    "--work",
                    str(work),
                    "--runs",
                    str(args.runs),
                    *extra,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                sys.exit(f"phase {phase} failed:\n{out.stderr}")
            results[phase] = json.loads(out.stdout.strip().splitlines()[-1])
        _report(results)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _report(results: dict[str, dict[str, Any]]) -> None:
    if "warm" not in results:  # --only oneshot
        _report_one_shot(results)
        return
    build = results["build"]["build"]
    print(f"full build:            {statistics.median(build):6.2f} s   (target ≤ 30 s)")
    warm = results["warm"]["warm"]
    print(
        f"warm open, ready:      {statistics.median(s['ready'] for s in warm):6.2f} s   "
        f"(target ≤ 1.0 s; records {statistics.median(s['records'] for s in warm):.2f} s "
        f"+ index {statistics.median(s['index'] for s in warm):.2f} s; imports "
        f"{statistics.median(s['imports'] for s in warm):.2f} s not counted)"
    )
    keys = results["keys"]
    for label, name, note in (
        ("keystroke, top 50:   ", "top50", "(target p95 ≤ 30 ms)"),
        ("keystroke, all hits: ", "all", "(what the browser asks for)"),
        ("substring scan:      ", "scan", "(baseline)"),
    ):
        samples = keys[name]
        print(
            f"{label}  p50 {_ms(statistics.median(samples))}, "
            f"p95 {_ms(_percentile(samples, 0.95))}, max {_ms(max(samples))}   {note}"
        )
    change = results["change"]["change"]
    print(f"one changed file:      {_ms(statistics.median(change))}   (target ≤ 200 ms)")
    hundred = results["hundred"]["hundred"]
    print(f"100 changed files:     {_ms(statistics.median(hundred))}   (every ADR still found)")
    _report_one_shot(results)
    print("peak RSS (MB)          this process / largest child   (target ≤ 300 MB)")
    for phase in PHASES:
        if phase in results:
            data = results[phase]
            print(f"  {phase:<8}             {data['rss_self']:5.0f} / {data['rss_children']:5.0f}")


def _report_one_shot(results: dict[str, dict[str, Any]]) -> None:
    if "oneshot" not in results:
        return
    shots = results["oneshot"]["oneshot"]
    for name, label in (("before", "before"), ("after", "now"), ("grep", "grep -rli")):
        if shots.get(name):
            note = "(target ≤ 0.25 s)" if name == "after" else ""
            median = statistics.median(shots[name])
            print(f"one-shot search, {label + ':':<11}{median:5.2f} s   {note}")


if __name__ == "__main__":
    main()
