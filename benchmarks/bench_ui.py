"""How fast the browser feels on 10,000 ADRs (median of 5 runs, measured with Pilot).

Goals (issues 4 and 14, :data:`GOALS`):

* first paint of the list: ≤ 1.0 s with a warm cache, ≤ 1.5 s cold (index still building);
* a keystroke in the search box to the updated list: p95 ≤ 50 ms, to its frame ≤ 33 ms;
* the same keystrokes typed while the first index builds (empty cache, the whole
  collection read, the index not ready): to the frame, p95 ≤ 100 ms; the run line
  says how many answers were partial (titles and fields only, said so);
* moving the selection to a 30 KB ADR to its rendered detail: ≤ 100 ms;
* a terminal resize with 10,000 ADRs listed (a 3 KB ADR shown) to the first frame
  at the new size: ≤ 100 ms (the worst of four sizes).

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

Run: ``.venv/bin/python -m benchmarks.bench_ui [--count 10000] [--runs 5]``
(``--keep DIR`` reuses a corpus, ``--no-edits`` skips the live-reload edits,
``--verbose`` prints every keystroke's time).
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
from textual.drivers.headless_driver import HeadlessDriver  # noqa: E402
from textual.geometry import Size  # noqa: E402

from adrtui.ui.app import AdrApp  # noqa: E402
from adrtui.ui.screens.main import MainScreen  # noqa: E402
from adrtui.ui.widgets.adr_list import AdrList  # noqa: E402
from adrtui.ui.widgets.detail import DetailPane  # noqa: E402
from benchmarks.corpus import generate  # noqa: E402

SIZE = (120, 36)
LARGE_NAME = "99999-a-very-long-decision.md"
KEY_NAMES = {" ": "space", ":": "colon"}
QUERIES = ("authentication", "kafka retention", "status:accepted cache")
#: Print every keystroke's latency (``--verbose``).
VERBOSE = False


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


async def first_paint(
    folder: Path, cache: Path, *, wait_index: bool, typing: Typed | None = None
) -> float:
    """First paint; with ``wait_index``, also ``typing`` while the index first builds."""
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
            screen = main_screen(app)
            # The whole collection is on screen (a slow cold start paints the first
            # records early), the index still builds: the user starts typing.
            await wait_until(pilot, lambda: loaded(screen), 600)
            if typing is not None and screen.feed.index_state == "building":
                await type_queries(
                    app, pilot, frames, typing, during=lambda: screen.feed.index_state == "building"
                )
            await wait_until(pilot, lambda: screen.feed.index_state != "building", 600)
            await app.workers.wait_for_complete()
        app.exit()
    return elapsed


def loaded(screen: MainScreen) -> bool:
    """The whole collection has been read (not just the first records of a cold start)."""
    feed = screen.feed
    return feed.collection is not None and not screen.jobs.updates.loading


class Typed:
    """Keystroke latencies: to the list holding the answer, and to its frame."""

    def __init__(self) -> None:
        self.listed: list[float] = []
        self.painted: list[float] = []
        #: Answers marked partial (the full text not searchable yet).
        self.partial = 0
        #: Keystrokes typed while the ``during`` condition held, and not.
        self.skipped = 0


async def type_queries(
    app: AdrApp,
    pilot,  # noqa: ANN001
    frames: Frames,
    typed: Typed,
    during=None,  # noqa: ANN001
) -> None:
    """Type :data:`QUERIES` key by key (see the module docstring), timing each."""
    screen = main_screen(app)
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
        text = ""
        for char in query:
            text += char
            previous = screen.browse.search_text
            expected = text.strip()
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

            await wait_until(pilot, answered, 600)
            updated = changes[-1][0]
            if VERBOSE:
                print(f"  {expected!r}: {(updated - start) * 1000:.1f} ms", flush=True)
            if during is not None and not during():
                typed.skipped += 1
            else:
                typed.listed.append(updated - start)
                typed.painted.append(await frames.first_after(updated) - start)
                search = screen.browse.search
                typed.partial += bool(search is not None and search.error)
            await pilot.pause(0.15)  # a typing pause: background work settles
        await pilot.press("escape")
        await pilot.pause()


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


async def keystrokes_and_detail(folder: Path, cache: Path) -> tuple[Typed, float, list[float]]:
    """Warm keystrokes, the 30 KB detail, then resizes of the whole list."""
    os.environ["ADRTUI_CACHE_DIR"] = str(cache)
    app = AdrApp(folder)
    frames = Frames(app)
    typed = Typed()
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, MainScreen))
        screen = main_screen(app)
        await wait_until(pilot, lambda: screen.feed.index_state != "building", 600)
        await app.workers.wait_for_complete()
        await pilot.pause()
        adr_list = screen.query_one(AdrList)
        await type_queries(app, pilot, frames, typed)
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
        # Resizes with a typical (3 KB) ADR shown: the list's redraw, not the 30 KB body's.
        screen.navigate(rows[0], record=False)
        await wait_until(pilot, lambda: detail.shown_path == rows[0])
        await pilot.pause(0.3)
        resizes = await resize_times(app, pilot, frames)
        app.exit()
    return typed, detail_time, resizes


#: Terminal sizes a resize goes through (and back to :data:`SIZE`).
RESIZES = ((200, 50), (80, 24), (160, 40), SIZE)


async def resize_times(app: AdrApp, pilot, frames: Frames) -> list[float]:  # noqa: ANN001
    """Terminal resizes with all ADRs listed: the resize to the first frame at the new size.

    Like a terminal's: the driver's size changes, then a ``Resize`` event arrives.
    Each is followed by a pause (a window is not dragged at 60 Hz over 10,000 rows).
    """
    times: list[float] = []
    driver = app._driver
    for width, height in RESIZES:
        size = Size(width, height)
        if isinstance(driver, HeadlessDriver):
            driver._size = size
        start = time.perf_counter()
        app.post_message(events.Resize(size, size))
        await wait_until(pilot, lambda size=size: app.screen.size == size)
        times.append(await frames.first_after(time.perf_counter()) - start)
        await pilot.pause(0.5)
    return times


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


#: Each figure's goal, in seconds (issues 4 and 14).
GOALS = {
    "first paint, cold": 1.5,
    "first paint, warm": 1.0,
    "keystroke → list updated, p95": 0.050,
    "keystroke → list painted, p95": 0.033,
    "keystroke → list painted while the index builds, p95": 0.100,
    "selection → 30 KB detail": 0.100,
    "resize → first frame at the new size, worst of 4": 0.100,
    "ADR edited on disk → list updated (live reload)": 2.0,
}


def p95(values: list[float]) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="reuse/keep this corpus dir")
    parser.add_argument("--no-edits", action="store_true", help="skip the live-reload edits")
    parser.add_argument("--verbose", action="store_true", help="print every keystroke")
    args = parser.parse_args()
    global VERBOSE  # noqa: PLW0603 - a command-line switch
    VERBOSE = args.verbose

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

        figures: dict[str, list[float]] = {name: [] for name in GOALS}
        for run in range(args.runs):
            cache = work / f"cache-{run}"
            cold_typing = Typed()
            cold = asyncio.run(first_paint(folder, cache, wait_index=True, typing=cold_typing))
            warm = asyncio.run(first_paint(folder, cache, wait_index=False))
            typed, detail, resizes = asyncio.run(keystrokes_and_detail(folder, cache))
            edit = (
                float("nan")
                if args.no_edits
                else statistics.median(asyncio.run(live_edits(folder, cache)))
            )
            run_figures = {
                "first paint, cold": cold,
                "first paint, warm": warm,
                "keystroke → list updated, p95": p95(typed.listed),
                "keystroke → list painted, p95": p95(typed.painted),
                "keystroke → list painted while the index builds, p95": p95(cold_typing.painted),
                "selection → 30 KB detail": detail,
                "resize → first frame at the new size, worst of 4": max(resizes),
                "ADR edited on disk → list updated (live reload)": edit,
            }
            for name, value in run_figures.items():
                figures[name].append(value)
            print(
                f"run {run + 1}: cold {cold:.3f} s, warm {warm:.3f} s, "
                f"keystroke→list p95 {p95(typed.listed) * 1000:.1f} ms (n={len(typed.listed)}, "
                f"max {max(typed.listed) * 1000:.1f} ms), "
                f"painted p95 {p95(typed.painted) * 1000:.1f} ms, "
                f"while building: painted p95 {p95(cold_typing.painted) * 1000:.1f} ms "
                f"(n={len(cold_typing.painted)}, "
                f"max {max(cold_typing.painted, default=0) * 1000:.1f} ms, "
                f"{cold_typing.partial} partial, {cold_typing.skipped} after the build), "
                f"30 KB detail {detail * 1000:.1f} ms, "
                f"resizes {' / '.join(f'{t * 1000:.0f}' for t in resizes)} ms, "
                f"edit on disk → list {edit:.2f} s",
                flush=True,
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
        for name, values in figures.items():
            unit = "s" if GOALS[name] >= 0.5 else "ms"
            report(name, values, GOALS[name], unit)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
