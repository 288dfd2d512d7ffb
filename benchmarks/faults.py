"""The heavy fault runs of issue 12: kill -9 at random points of ``adrtui index``, and
racing writers, many rounds, on a generated collection. Exit 1 on any wrong answer.

Run from the repository root (minutes; ``tests/hostile`` runs a few rounds of each)::

    .venv/bin/python -m benchmarks.faults                       # 2,000 ADRs, 40 kills, 20 races
    .venv/bin/python -m benchmarks.faults --count 500 --kills 10 --races 5

Kills: each round starts ``adrtui index`` (every fourth ``--rebuild``) and, after a
random delay within the time such a run last took, kills it with SIGKILL: its
whole process group (a power cut: the index-building child dies too) or only the
parent (its child builder lives on, holding the lock). Between kills a few ADRs
are appended to, deleted and added. Every few rounds, and at the end,
``adrtui search`` answers a bank of queries (words, stems, prefixes, fields,
negation, ``number:``) with the cache the kills left, and each answer must equal
the one of a fresh ``index --rebuild`` in a cache of its own.

Races: each round starts two to four ``adrtui new`` at once with different titles,
on a folder whose next number is known: every new ADR must get its own number
and no file may be lost or written twice.

Every child runs under the memory cap and time limit of
:mod:`tests.hostile.capped`, with its own cache, config and home.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import generate
from tests.hostile.capped import isolated_env, limits, run_capped

#: Seconds one capped run may take: a rebuild of thousands of ADRs on a loaded machine
#: takes minutes (tests/hostile's two minutes are for its small collections).
PATIENCE = 900

QUERIES = (
    "deciding",
    "decision kafka",
    "kafka -payment",
    "deploy*",
    "status:accepted",
    "tag:security",
    "number:400",
    '"event sourcing"',
    "appended",
    "zanzibar",
)


def answers(base: Path, cache: Path) -> dict[str, list[str]]:
    """Every query's hits (paths, in order) from ``cache``; raises on a failed run."""
    found = {}
    for query in QUERIES:
        done = run_capped(
            ["search", query, "--json", "--limit", "100000", "--dir", "adrs"],
            base,
            env={"ADRTUI_CACHE_DIR": str(cache)},
            timeout=PATIENCE,
        )
        if done.returncode not in (0, 1):  # 1: nothing found
            raise RuntimeError(f"search {query!r}: {done.stderr.decode(errors='replace')}")
        found[query] = [hit["path"] for hit in json.loads(done.stdout or b"[]")]
    return found


def fresh(base: Path) -> dict[str, list[str]]:
    cache = base / "fresh-cache"
    shutil.rmtree(cache, ignore_errors=True)
    env = {"ADRTUI_CACHE_DIR": str(cache)}
    done = run_capped(["index", "--rebuild", "adrs"], base, env=env, timeout=PATIENCE)
    if done.returncode != 0:
        raise RuntimeError(f"fresh rebuild: {done.stderr.decode(errors='replace')}")
    return answers(base, cache)


def edit(folder: Path, rng: random.Random, turn: int) -> None:
    """Append to a few ADRs, delete one, add one (numbered past the generated ones)."""
    files = sorted(folder.glob("*.md"))
    for victim in rng.sample(files, min(5, len(files))):
        with victim.open("a", encoding="utf-8") as handle:
            handle.write(f"\nAppended in turn {turn}: zanzibar {rng.random():.6f}.\n")
    rng.choice(files).unlink()
    number = 90_000 + turn
    (folder / f"{number}-added-in-turn-{turn}.md").write_text(
        f"# {number}. Added in turn {turn}\n\n## Status\n\nAccepted\n\n"
        "## Context\n\nWe are deciding on kafka.\n",
        encoding="utf-8",
    )


def kill_rounds(base: Path, kills: int, rng: random.Random, check_every: int) -> int:
    """Kill ``adrtui index`` at random points; return the number of wrong answers."""
    cache = base / "cache"
    start = time.monotonic()
    done = run_capped(["index", "adrs"], base, timeout=PATIENCE)
    build = time.monotonic() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode(errors="replace"))
    print(f"first build: {build:.1f} s; killing within {build:.1f} s", flush=True)
    wrong = 0
    #: How long each kind of run last took to finish: kills land within it.
    spans = {True: build, False: build}
    for turn in range(1, kills + 1):
        rebuild = turn % 4 == 0  # now and then a full rebuild is what gets killed
        args = ["index", "--rebuild", "adrs"] if rebuild else ["index", "adrs"]
        child = subprocess.Popen(
            [sys.executable, "-m", "adrtui", *args],
            cwd=base,
            env=isolated_env(base),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=limits(),
            start_new_session=True,
        )
        delay = rng.uniform(0.05, spans[rebuild])
        whole_group = rng.random() < 0.7
        started = time.monotonic()
        try:
            child.wait(timeout=delay)
            spans[rebuild] = time.monotonic() - started
            how = f"finished in {spans[rebuild]:.2f} s"
        except subprocess.TimeoutExpired:
            if whole_group:
                os.killpg(child.pid, signal.SIGKILL)
            else:
                child.kill()
            child.wait()
            how = f"killed at {delay:.2f} s ({'group' if whole_group else 'parent'})"
        edit(base / "adrs", rng, turn)
        if turn % check_every and turn != kills:
            print(f"turn {turn}: {how}", flush=True)
            continue
        got, expected = answers(base, cache), fresh(base)
        bad = [query for query in QUERIES if got[query] != expected[query]]
        wrong += len(bad)
        print(f"turn {turn}: {how}; search after it: {'WRONG ' + str(bad) if bad else 'same'}")
    return wrong


def race_rounds(base: Path, races: int, rng: random.Random) -> int:
    """Parallel ``adrtui new``; return the number of rounds with a lost or shared number."""
    bad = 0
    for turn in range(races):
        folder = base / f"race-{turn}" / "docs" / "adr"
        folder.mkdir(parents=True)
        existing = rng.randint(1, 30)
        for number in range(1, existing + 1):
            (folder / f"{number:04d}-record-{number}.md").write_text(
                f"# {number}. Record {number}\n\n## Status\n\nAccepted\n", encoding="utf-8"
            )
        racers = rng.randint(2, 4)
        children = [
            subprocess.Popen(
                [sys.executable, "-m", "adrtui", "new", f"Racer {r} of turn {turn}"]
                + ["--dir", str(folder), "--no-edit"],
                cwd=base,
                env=isolated_env(base),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=limits(),
            )
            for r in range(racers)
        ]
        codes = [child.wait(timeout=PATIENCE) for child in children]
        for child in children:
            assert child.stderr is not None
            child.stderr.close()
        names = sorted(path.name for path in folder.glob("*.md"))
        numbers = [name[:4] for name in names]
        new = [name for name in names if int(name[:4]) > existing]
        ok = (
            codes == [0] * racers
            and len(names) == existing + racers
            and len(set(numbers)) == len(numbers)
            and len(new) == racers
            and max(int(name[:4]) for name in new) == existing + racers
        )
        if not ok:
            bad += 1
            print(
                f"race {turn}: {racers} racers, exit codes {codes}, files {names[existing - 1 :]}"
            )
    print(f"races: {races - bad} of {races} rounds gave every new ADR its own number")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000, help="ADRs in the collection")
    parser.add_argument("--kills", type=int, default=40, help="index runs killed")
    parser.add_argument("--races", type=int, default=20, help="rounds of parallel adrtui new")
    parser.add_argument("--check-every", type=int, default=5, help="compare searches every N kills")
    parser.add_argument("--seed", type=int, default=12)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    with tempfile.TemporaryDirectory(prefix="adrtui-faults-") as work:
        base = Path(work)
        generate(base / "adrs", options.count, seed=options.seed)
        wrong = kill_rounds(base, options.kills, rng, options.check_every) if options.kills else 0
        bad = race_rounds(base, options.races, rng) if options.races else 0
    print(f"kills: {wrong} wrong answers; races: {bad} bad rounds")
    sys.exit(1 if wrong or bad else 0)


if __name__ == "__main__":
    main()
