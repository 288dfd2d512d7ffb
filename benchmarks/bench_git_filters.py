"""What a history filter adds to a keystroke in the search box (issue 15).

    python benchmarks/make_history_repo.py /tmp/adr-history --adrs 2000 --commits 20000
    python benchmarks/bench_git_filters.py /tmp/adr-history/docs/adr

Reads the history once (cached in a private temporary folder), fills the records,
then times what the search worker does per keystroke beyond the index's answer:
splitting the query, resolving the filters (``since:`` a tag runs git once per
value and HEAD, then remembered), and keeping the matches that pass, over every
ADR (the worst case: a query of filters only matches them all). Median of 21 runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adrtui.domain.collection import load_collection  # noqa: E402
from adrtui.domain.gitlog import (  # noqa: E402
    GitMatcher,
    fill_from_history,
    read_history,
    split_query,
)
from adrtui.domain.search import parse_query  # noqa: E402

QUERIES = (
    "changed:2023",
    "changed:<30d",
    "changed:2021..2022",
    "since:1y",
    "author:ana",
    "-changed:2024",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the ADR folder of a generated repository")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        collection = load_collection(args.folder, cache_dir=Path(cache))
        start = time.perf_counter()
        outcome = read_history(args.folder, records=collection.adrs, cache_dir=Path(cache))
        print(f"history read (cold): {time.perf_counter() - start:.2f} s")
        history = outcome.history
        if history is None:
            sys.exit(f"no history: {outcome.note}")
        start = time.perf_counter()
        adrs = fill_from_history(collection.adrs, history)
        print(f"fill_from_history: {(time.perf_counter() - start) * 1000:.1f} ms")
        paths = tuple(adr.rel_path for adr in adrs)
        records = {adr.rel_path: adr for adr in adrs}
        print(f"{len(adrs)} ADRs, {len(history.files)} with history")
        for text in QUERIES:
            times, kept = [], 0
            for _ in range(21):
                start = time.perf_counter()
                git = split_query(parse_query(text), with_history=True)
                matcher = GitMatcher.of(git, history)
                kept = len(matcher.keep(paths, records, history))
                times.append(time.perf_counter() - start)
            median = statistics.median(times) * 1000
            print(f"{text:22} {median:6.2f} ms per keystroke ({kept} kept)")


if __name__ == "__main__":
    main()
