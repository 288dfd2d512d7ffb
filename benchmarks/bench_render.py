"""How long the detail's renderer takes for one 30 KB ADR (median of 5, CPU and wall time).

The detail renders in a worker (the head of a long ADR on the UI thread first),
so this is what a selection waits for before the body appears. Two documents:
the 30 KB ADR of ``bench_ui`` (sections, lists, a table and code: plain
Markdown) and one as long written with HTML (``<table>``, ``<br/>``, ``<img>``,
``<b>``: what ``rendering/html.py`` turns into Markdown tokens), each rendered at
80 columns with a search highlighted and the header's fields left out.

CPU time is reported beside wall time because the figure is read on shared
machines, where wall time swings with other processes' load.

Run: ``.venv/bin/python -m benchmarks.bench_render [--runs 5]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adrtui.domain.text import clean  # noqa: E402
from adrtui.ui.rendering.markdown import render_document, warm_up  # noqa: E402
from adrtui.ui.rendering.repeated import HeaderFacts  # noqa: E402
from adrtui.ui.state import spans_of_words  # noqa: E402
from adrtui.ui.theme import build_palette  # noqa: E402
from benchmarks.bench_ui import write_large_adr  # noqa: E402

SIZE = 30 * 1024


def html_adr(size: int = SIZE) -> str:
    """An ADR as long, written with HTML tables, breaks, images and bold."""
    parts = ["# 99998. A decision written in HTML\n\nDate: 2024-05-05\n\n## Status\n\nAccepted\n\n"]
    section = 0
    while sum(map(len, parts)) < size:
        section += 1
        parts.append(
            f"## Option {section}\n\nWe compared<br/>the <b>authentication</b> gateways "
            f"<img src='diagrams/gw{section}.png' alt='gateway {section}'>.\n\n"
            "<table><thead><tr><th>Option</th><th>Cost</th><th>Risk</th></tr></thead>"
            "<tbody><tr><td>A</td><td>low</td><td>high</td></tr>"
            "<tr><td>B</td><td>mid<br>(after year one)</td><td>mid</td></tr></tbody></table>\n\n"
            "- a list item with ![the picture](img/p.png)\n- another item\n\n"
        )
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    palette = build_palette({}, dark=True)
    warm_up(palette)
    with tempfile.TemporaryDirectory() as folder:
        markdown = clean(write_large_adr(Path(folder), SIZE).read_text(encoding="utf-8"))
    facts = HeaderFacts(title="A decision", status="accepted", status_raw="Accepted")
    finder = spans_of_words(["authentication"])
    for name, text in (("30 KB Markdown ADR", markdown), ("30 KB HTML ADR", html_adr())):
        cpu, wall = [], []
        lines = 0
        for _ in range(args.runs):
            start_cpu, start_wall = time.process_time(), time.perf_counter()
            document = render_document(text, 80, palette, finder, facts=facts)
            cpu.append(time.process_time() - start_cpu)
            wall.append(time.perf_counter() - start_wall)
            lines = len(document.lines)
        print(
            f"{name} ({len(text) // 1024} KB, {lines} lines): "
            f"median {statistics.median(cpu) * 1000:.0f} ms CPU, "
            f"{statistics.median(wall) * 1000:.0f} ms wall (median of {args.runs})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
