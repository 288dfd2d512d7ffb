"""How long resolving references takes on a large collection (goal: 10,000 ADRs ≤ 1 s).

Generates N synthetic ADRs of mixed styles with ~3 links each
(:mod:`benchmarks.corpus`), parses them once (not timed), then times, each as
the median of 5 runs: :func:`resolve_links` (stated links, inverses and the
prose scan for mentions), :func:`build_graph` and :func:`lint`.

Run: ``.venv/bin/python -m benchmarks.bench_relations [--count 10000] [--seed 0]``.
When the parser is not importable the records are built by a small stand-in
(file name number, ``Supersedes``/``Related`` lines as stated links, the text as body).
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adrtui.domain.model import Adr, Link  # noqa: E402
from adrtui.domain.relations import lint  # noqa: E402
from adrtui.domain.relations.resolve import build_graph, forget, resolve_links  # noqa: E402
from benchmarks.corpus import generate  # noqa: E402

RUNS = 5
_STATED = re.compile(r"^\W*(Supersedes|Related)\W*\s*(\[[^\]]*\]\([^)]*\))", re.MULTILINE)


def _stand_in(path: Path, root: Path) -> Adr:
    """A record as the parser would give it, for when the parser is not available."""
    text = path.read_text(encoding="utf-8")
    title = next((line.lstrip("# ") for line in text.splitlines() if line.startswith("# ")), "")
    links = tuple(
        Link(
            m[1].lower().replace("related", "relates-to"),
            m[2],
            line=text.count("\n", 0, m.start()) + 1,
        )
        for m in _STATED.finditer(text)
    )
    return Adr(
        path,
        path.relative_to(root).as_posix(),
        number=int(path.name[:4]),
        title=title,
        links=links,
        body=text,
        title_line=1,
    )


def load(folder: Path) -> tuple[list[Adr], str]:
    files = sorted(folder.glob("*.md"))
    try:
        from adrtui.domain.parsing import parse_file
    except ImportError:
        return [_stand_in(path, folder) for path in files], "stand-in records"
    return [parse_file(path, folder) for path in files], "parse_file records"


def median_of(runs: int, work: Callable[[], object]) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        # Cold runs: nothing remembered from the last one (resolve_links reuses its
        # last answer), and freeing that answer is not part of the timed work.
        forget()
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.count, args.seed)
        adrs, how = load(folder)
    stated = sum(len(adr.links) for adr in adrs)
    resolved = resolve_links(adrs)
    edges = sum(len(adr.links) for adr in resolved)
    size_mb = sum(len(adr.body) for adr in adrs) / 1e6
    print(
        f"corpus: {len(adrs)} ADRs ({how}), {size_mb:.1f} MB of body text, "
        f"{stated} stated links, {edges} links after resolution (incl. derived)"
    )

    def load_pipeline() -> None:
        # What loading a collection costs on top of parsing: resolve, graph, lint.
        records = resolve_links(adrs)
        lint(records, build_graph(records))

    def graph_cold() -> None:
        # build_graph on records it did not just resolve (re-scans every body).
        build_graph(list(adrs))

    for name, work in (
        ("resolve_links", lambda: resolve_links(adrs)),
        ("build_graph (cold)", graph_cold),
        ("resolve+graph+lint", load_pipeline),
    ):
        median, times = median_of(RUNS, work)
        runs = ", ".join(f"{t:.3f}" for t in times)
        print(f"{name:>18}: median {median:.3f} s of {RUNS} runs ({runs})")


if __name__ == "__main__":
    main()
