"""How fast the browser feels on 10,000 ADRs (median of 5 runs, measured with Pilot).

Goals (issue 4):

* first paint of the list: ≤ 1.0 s with a warm cache, ≤ 1.5 s cold (index still building);
* a keystroke in the search box to the updated list: p95 ≤ 50 ms;
* moving the selection to a 30 KB ADR to its rendered detail: ≤ 100 ms.

The corpus is :func:`benchmarks.corpus.generate` (N mixed-style ~3 KB ADRs) plus
one 30 KB ADR. "First paint" is the time from creating the app to the first
frame showing rows (process start-up and imports are not included). "Cold"
uses an empty cache directory; "warm" reuses the cache the cold run left
(records and the search index). Keystrokes are delivered one by one like a
terminal's, with a typing pause between them; each is timed until the list
holds the answer to the text typed so far ("updated") and until the first
frame after that ("painted"). The 30 KB detail is timed from the key that
moves the selection onto it to the first frame showing its body.

A frame is what Textual hands to the terminal: the benchmark runs headless,
so it also turns each frame into the terminal's escape sequences (the part a
headless app skips) to count that cost where a user pays it.

Run: ``.venv/bin/python -m benchmarks.bench_ui [--count 10000] [--runs 5]``.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402

from adrtui.ui.app import AdrApp  # noqa: E402
from adrtui.ui.screens.main import MainScreen  # noqa: E402
from adrtui.ui.widgets.adr_list import AdrList  # noqa: E402
from adrtui.ui.widgets.detail import DetailPane  # noqa: E402
from benchmarks.corpus import generate  # noqa: E402

SIZE = (120, 36)
LARGE_NAME = "99999-a-very-long-decision.md"
KEY_NAMES = {" ": "space", ":": "colon"}
QUERIES = ("authentication", "kafka retention", "status:accepted cache")


def write_large_adr(folder: Path, size: int = 30 * 1024) -> Path:
    """A 30 KB ADR: many sections, lists, a table and code, like a real long one."""
    parts = [
        "# 99999. A very long decision about authentication\n\nDate: 2024-05-05\n\n"
        "## Status\n\nAccepted\n\n"
    ]
    section = 0
    while sum(map(len, parts)) < size:
        section += 1
        parts.append(
            f"## Consideration {section}\n\n"
            "We compared token lifetimes, refresh flows and **session storage** across "
            "services; `authentication` happens at the gateway, and [ADR 3](0003-x.md) "
            "covers transport.\n\n"
            "- Pro: fewer round trips\n- Con: *more* state in the gateway\n"
            "- Open question: key rotation cadence\n\n"
            "| Option | Cost | Risk |\n|---|---|---|\n| A | low | high |\n| B | mid | mid |\n\n"
            "```python\ndef verify(token):\n    return token.valid\n```\n\n"
        )
    path = folder / LARGE_NAME
    path.write_text("".join(parts), encoding="utf-8")
    return path


async def wait_until(pilot, condition, timeout: float = 60.0) -> None:  # noqa: ANN001
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.001)


def main_screen(app: AdrApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen)
    return screen


class Frames:
    """Times of the frames the app draws (see the module docstring)."""

    def __init__(self, app: AdrApp) -> None:
        self.times: list[float] = []
        display = app._display

        def recorded(screen, renderable) -> None:  # noqa: ANN001
            display(screen, renderable)
            if renderable is not None and not app._batch_count:
                if hasattr(renderable, "render_segments"):
                    renderable.render_segments(app.console)
                self.times.append(time.perf_counter())

        app._display = recorded  # type: ignore[method-assign]

    async def first_after(self, moment: float, timeout: float = 10.0) -> float:
        """The time of the first frame drawn at or after ``moment``."""
        deadline = time.perf_counter() + timeout
        while True:
            index = bisect.bisect_left(self.times, moment)  # frame times only grow
            if index < len(self.times):
                return self.times[index]
            if time.perf_counter() > deadline:
                raise TimeoutError("no frame drawn")
            await asyncio.sleep(0.001)


async def first_paint(folder: Path, cache: Path, *, wait_index: bool) -> float:
    os.environ["ADRTUI_CACHE_DIR"] = str(cache)
    start = time.perf_counter()
    app = AdrApp(folder)
    frames = Frames(app)
    async with app.run_test(size=SIZE) as pilot:
        listed: list[float] = []

        def painted() -> bool:
            screen = app.screen
            if not isinstance(screen, MainScreen):
                return False
            if not listed and screen.query_one(AdrList).table.row_count > 0:
                listed.append(time.perf_counter())
            return bool(listed)

        await wait_until(pilot, painted)
        elapsed = await frames.first_after(listed[0]) - start
        if wait_index:
            await wait_until(pilot, lambda: main_screen(app).feed.index_state != "building", 600)
            await app.workers.wait_for_complete()
        app.exit()
    return elapsed


def send_key(app: AdrApp, char: str) -> None:
    """Deliver one key like a terminal would, without Pilot's wait-for-idle.

    ``Pilot.press`` waits until the app is idle, which includes filling the rest
    of a long list in the background; a user sees the list as soon as the first
    screenful is painted, so that is what is timed.
    """
    key = KEY_NAMES.get(char, char)
    event = events.Key(key, char)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)


async def keystrokes_and_detail(
    folder: Path, cache: Path
) -> tuple[list[float], list[float], float]:
    os.environ["ADRTUI_CACHE_DIR"] = str(cache)
    app = AdrApp(folder)
    frames = Frames(app)
    listed: list[float] = []
    painted: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.feed.index_state != "building", 600)
        await app.workers.wait_for_complete()
        await pilot.pause()
        adr_list = screen.query_one(AdrList)
        changes: list[tuple[float, object]] = []
        screen.watch(
            adr_list,
            "listing",
            lambda listing: changes.append((time.perf_counter(), listing)),
            init=False,
        )
        for query in QUERIES:
            await pilot.press("slash")
            typed = ""
            for char in query:
                typed += char
                previous = screen.browse.search_text
                expected = typed.strip()
                changes.clear()
                start = time.perf_counter()
                send_key(app, char)
                if not expected or expected == previous:
                    await pilot.pause()
                    continue  # e.g. a trailing space: the query did not change

                def answered(expected=expected) -> bool:  # noqa: ANN001
                    search = screen.browse.search
                    return bool(
                        changes
                        and search is not None
                        and search.text == expected
                        and adr_list.listing is changes[-1][1]
                        and adr_list.listing.note != "searching…"
                    )

                await wait_until(pilot, answered)
                updated = changes[-1][0]
                listed.append(updated - start)
                painted.append(await frames.first_after(updated) - start)
                await pilot.pause(0.15)  # a typing pause: background work settles
            await pilot.press("escape")
            await pilot.pause()
        # Selection to a 30 KB detail: from the row above it to it.
        detail = screen.query_one(DetailPane)
        rows = [adr.rel_path for adr in adr_list.listing.adrs]
        index = rows.index(LARGE_NAME)
        screen.navigate(rows[index - 1], record=False)
        await wait_until(pilot, lambda: detail.shown_path == rows[index - 1])
        await pilot.pause(0.3)  # let the selection rest, as a user's would
        shown: list[float] = []
        screen.watch(
            detail.body,
            "document",
            lambda _document: shown.append(time.perf_counter()),
            init=False,
        )
        start = time.perf_counter()
        send_key(app, "j")
        await wait_until(pilot, lambda: detail.shown_path == LARGE_NAME and bool(shown))
        detail_time = await frames.first_after(shown[0]) - start
        app.exit()
    return listed, painted, detail_time


async def live_edits(folder: Path, cache: Path, edits: int = 3) -> list[float]:
    """An ADR edited on disk (by an editor, git) to the list holding the new record.

    Live reload: the folder watcher's debounce, re-reading the file, the one update
    path (links re-resolved) and the list's new listing. Each edit appends a marker
    to one ADR's body and waits until the record in the listing carries it.
    """
    os.environ["ADRTUI_CACHE_DIR"] = str(cache)
    app = AdrApp(folder)
    times: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.feed.index_state != "building", 600)
        await app.workers.wait_for_complete()
        await pilot.pause(1.0)  # the watcher is running
        adr_list = screen.query_one(AdrList)
        names = sorted(p.name for p in folder.glob("*.md"))
        for edit in range(edits):
            target = folder / names[10 + edit]
            marker = f"edited{edit}x{time.time_ns()}"
            original = target.read_bytes()
            start = time.perf_counter()
            target.write_bytes(original + f"\n\n{marker}\n".encode())

            def updated(name: str = target.name, marker: str = marker) -> bool:
                listing = adr_list.listing
                return listing is not None and any(
                    adr.rel_path == name and marker in adr.body for adr in listing.adrs
                )

            await wait_until(pilot, updated, 60)
            times.append(time.perf_counter() - start)
            await pilot.pause(0.5)
            target.write_bytes(original)
            await pilot.pause(2.5)  # the restore settles before the next edit
        app.exit()
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="reuse/keep this corpus dir")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="adrtui-bench-ui-"))
    folder = args.keep or work / "adrs"
    try:
        if not (folder.is_dir() and any(folder.glob("*.md"))):
            generate(folder, args.count)
        if not (folder / LARGE_NAME).exists():
            write_large_adr(folder)
        os.environ["ADRTUI_CONFIG_DIR"] = str(work / "config")
        count = len(list(folder.glob("*.md")))
        print(f"corpus: {count} ADRs in {folder} (+ one 30 KB ADR)")

        colds, warms, p95s, paints, details, edits = [], [], [], [], [], []
        for run in range(args.runs):
            cache = work / f"cache-{run}"
            colds.append(asyncio.run(first_paint(folder, cache, wait_index=True)))
            warms.append(asyncio.run(first_paint(folder, cache, wait_index=False)))
            latencies, painted, detail = asyncio.run(keystrokes_and_detail(folder, cache))
            p95s.append(p95(latencies))
            paints.append(p95(painted))
            details.append(detail)
            edits.append(statistics.median(asyncio.run(live_edits(folder, cache))))
            print(
                f"run {run + 1}: cold {colds[-1]:.3f} s, warm {warms[-1]:.3f} s, "
                f"keystroke→list p95 {p95s[-1] * 1000:.1f} ms (n={len(latencies)}, "
                f"max {max(latencies) * 1000:.1f} ms), painted p95 {paints[-1] * 1000:.1f} ms, "
                f"30 KB detail {detail * 1000:.1f} ms, edit on disk → list {edits[-1]:.2f} s"
            )
            shutil.rmtree(cache, ignore_errors=True)

        def report(name: str, values: list[float], goal: float, unit: str = "s") -> None:
            median = statistics.median(values)
            scale = 1000 if unit == "ms" else 1
            verdict = "ok" if median <= goal else "OVER GOAL"
            print(
                f"{name}: median {median * scale:.1f} {unit} of {len(values)} runs "
                f"(goal ≤ {goal * scale:g} {unit}) {verdict}"
            )

        print(f"--- {count} ADRs, median of {args.runs} runs ---")
        report("first paint, cold", colds, 1.5)
        report("first paint, warm", warms, 1.0)
        report("keystroke → list updated, p95", p95s, 0.050, "ms")
        report("keystroke → list painted, p95", paints, 0.050, "ms")
        report("selection → 30 KB detail", details, 0.100, "ms")
        report("ADR edited on disk → list updated (live reload)", edits, 2.0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
