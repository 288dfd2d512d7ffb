"""Processes racing to write one ADR folder: distinct numbers, no lost bytes.

Two ``adrtui new`` started together used to both take ``0012`` (12 runs of 13).
Here several children (each under :func:`~tests.hostile.capped.run_capped`'s
memory cap and time limit) create ADRs in the same folder at the same moment,
round after round. Every round is released by a "go" file only once every
racer is ready, so the race is as tight as the machine allows; the assertions
hold for any interleaving (no timing is assumed).

Children that load their collection *before* the go file hold a collection
older than the other racers' files, like an app that has been open a while:
without the number reservation they all pick the same number, every round.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import Collection, load_collection
from adrtui.domain.writing import new_adr
from tests.hostile.capped import assert_clean, run_capped

ROUNDS = 10
RECORD = "# {n}. Record {n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"
#: Seconds any wait may take before the test gives up (a hang guard, not a timing).
PATIENCE = 120
#: The ADRs each round's folder starts with.
ORIGINAL = [f"{n:04d}-record-{n}.md" for n in (1, 2, 3)]

# One racer: ROUNDS times, get ready, wait for "go", create one ADR, report.
# argv: control folder, racer name, mode (cli | loaded | supersede), rounds.
RACER = r"""
import json, sys, time
from pathlib import Path

control, name, mode, rounds = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
from adrtui.cli import main
from adrtui.domain.collection.folder import Collection, load_collection
from adrtui.domain.writing import EditingError
from adrtui.domain.writing import new_adr


def wait(path):
    deadline = time.monotonic() + 120
    while not path.exists():
        if time.monotonic() > deadline:
            sys.exit(f"{name}: {path.name} never came")
        time.sleep(0.001)


for r in range(rounds):
    folder = control / f"round-{r}" / "docs" / "adr"
    collection = None if mode == "cli" else load_collection(folder)
    (control / f"{name}.{r}.ready").touch()
    wait(control / f"round-{r}.go")
    title = f"{name} round {r}"
    if mode == "cli":
        try:
            result = {"code": main(["new", title, "--dir", str(folder), "--no-edit"])}
        except SystemExit as exit:
            result = {"code": exit.code}
    else:
        old = collection.find("1")[0] if mode == "supersede" else None
        try:
            result = {"path": str(new_adr(collection, title, supersedes=old))}
        except EditingError as error:
            result = {"error": str(error), "kind": type(error).__name__}
    done = control / f"{name}.{r}.done"
    done.with_suffix(".tmp").write_text(json.dumps(result))
    done.with_suffix(".tmp").rename(done)  # seen whole or not at all
"""


def prepare(control: Path, rounds: int) -> list[Path]:
    """One folder per round, each with ADRs 0001-0003."""
    folders = []
    for r in range(rounds):
        folder = control / f"round-{r}" / "docs" / "adr"
        folder.mkdir(parents=True)
        for n, name in enumerate(ORIGINAL, start=1):
            (folder / name).write_text(RECORD.format(n=n))
        folders.append(folder)
    return folders


def wait_all(paths: list[Path], racers: list[Future[subprocess.CompletedProcess[bytes]]]) -> None:
    """Wait for each racer's file in ``paths``; fail with its output if it ended without."""
    deadline = time.monotonic() + PATIENCE
    while not all(path.exists() for path in paths):
        for path, racer in zip(paths, racers, strict=True):
            if racer.done() and not path.exists():
                done = racer.result()
                pytest.fail(f"a racer ended early: {done.stderr.decode(errors='replace')[-2000:]}")
        assert time.monotonic() < deadline, f"racers never wrote {paths}"
        time.sleep(0.002)


def race(
    tmp_path: Path,
    mode: str,
    names: list[str],
    *,
    rounds: int = ROUNDS,
    in_process: Callable[[Collection, int], object] | None = None,
) -> tuple[list[Path], list[dict[str, dict[str, object]]]]:
    """Run ``rounds`` rounds of ``names`` racing, and ``in_process`` in this process too
    (with a collection read before the go).

    Returns the round folders and, per round, each racer's report.
    """
    control = tmp_path / "control"
    folders = prepare(control, rounds)
    reports: list[dict[str, dict[str, object]]] = []
    with ThreadPoolExecutor(len(names)) as pool:
        racers = [
            pool.submit(run_capped, [str(control), name, mode, str(rounds)], tmp_path, code=RACER)
            for name in names
        ]
        try:
            for r, folder in enumerate(folders):
                wait_all([control / f"{name}.{r}.ready" for name in names], racers)
                collection = load_collection(folder) if in_process else None
                (control / f"round-{r}.go").touch()
                if in_process is not None and collection is not None:
                    in_process(collection, r)
                wait_all([control / f"{name}.{r}.done" for name in names], racers)
                reports.append(
                    {name: json.loads((control / f"{name}.{r}.done").read_text()) for name in names}
                )
        finally:
            for r in range(rounds):  # a failed round must not leave racers waiting
                (control / f"round-{r}.go").touch()
        for racer in racers:
            done = racer.result()
            assert done.returncode == 0, done.stderr.decode(errors="replace")[-2000:]
            assert_clean(done)
    return folders, reports


def adr_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_parallel_adrtui_new_gives_every_title_its_own_number(tmp_path: Path) -> None:
    names = ["alpha", "beta", "gamma", "delta"]
    folders, reports = race(tmp_path, "cli", names)
    for folder, report in zip(folders, reports, strict=True):
        assert all(result == {"code": 0} for result in report.values()), report
        files = adr_names(folder)
        assert len(files) == 3 + len(names), files
        assert [name[:4] for name in files] == [f"{n:04d}" for n in range(1, 4 + len(names))]
        assert sorted(name.split("-", 1)[1].split("-round-")[0] for name in files[3:]) == sorted(
            names
        )


def test_new_in_other_processes_and_in_this_one_never_share_a_number(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Racers and this process all hold a collection read before anyone created a file."""
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))  # the racers' cache
    names = ["alpha", "beta", "gamma"]
    made: dict[int, Path] = {}

    def create_here(collection: Collection, r: int) -> None:
        made[r] = new_adr(collection, f"here round {r}")

    folders, reports = race(tmp_path, "loaded", names, in_process=create_here)
    for r, (folder, report) in enumerate(zip(folders, reports, strict=True)):
        paths = [Path(str(result["path"])) for result in report.values()] + [made[r]]
        numbers = sorted(path.name[:4] for path in paths)
        assert numbers == [f"{n:04d}" for n in range(4, 8)], report
        assert adr_names(folder) == sorted([*ORIGINAL, *(p.name for p in paths)])


def test_racing_supersessions_mark_the_old_adr_once_and_lose_nothing(tmp_path: Path) -> None:
    """Three racers supersede ADR 1 at once: one wins, the others are told and create nothing."""
    names = ["alpha", "beta", "gamma"]
    folders, reports = race(tmp_path, "supersede", names)
    for folder, report in zip(folders, reports, strict=True):
        winners = [str(result["path"]) for result in report.values() if "path" in result]
        losers = [result for result in report.values() if "error" in result]
        assert len(winners) == 1 and len(losers) == len(names) - 1, report
        for loser in losers:
            assert loser["kind"] == "FileChangedError", loser
            assert "changed on disk" in str(loser["error"])
        winner = Path(winners[0])
        assert adr_names(folder) == sorted([*ORIGINAL, winner.name])
        old = (folder / "0001-record-1.md").read_text()
        assert "Why 1." in old  # the rest of the old ADR is untouched
        assert winner.name in old and "Superseded" in old
        assert all(name not in old for name in names if name not in winner.name)
        assert "0001-record-1.md" in winner.read_text()
