"""Parse throughput: N synthetic ADRs (~3 KB, every supported style) read and parsed.

    python benchmarks/bench_parse.py --count 10000

Writes the ADRs to a temporary folder, then times ``parse_file`` over all of them
(reading included), ``parse_bytes`` over bytes already in memory and the Markdown
outline alone (:mod:`adrtui.domain.markdown`) over the decoded texts, five
runs each, and reports the median. The target from issue 2: 10,000 ADRs of ~3 KB in
under 3 s on a 2-core machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adrtui.domain.markdown import outline  # noqa: E402
from adrtui.domain.parsing import parse_bytes, parse_file  # noqa: E402

WORDS = [
    "service",
    "cache",
    "latency",
    "queue",
    "schema",
    "tenant",
    "cluster",
    "deploy",
    "rollback",
    "token",
    "audit",
    "database",
    "replica",
    "index",
    "shard",
    "gateway",
    "contract",
    "event",
    "stream",
    "budget",
    "policy",
]
STATUSES = ["Accepted", "Proposed", "Superseded by ADR-0003", "✅ Accepted", "Deprecated", "draft"]


def _paragraph(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[:1].upper() + text[1:] + "."


def _body(rng: random.Random, target: int) -> str:
    parts: list[str] = []
    size = 0
    sections = ["Context", "Decision", "Consequences", "Alternatives", "Notes"]
    index = 0
    while size < target:
        heading = f"## {sections[index % len(sections)]}"
        para = _paragraph(rng, 60)
        bullets = "\n".join(f"* {_paragraph(rng, 8)}" for _ in range(3))
        chunk = f"{heading}\n\n{para}\n\n{bullets}\n"
        parts.append(chunk)
        size += len(chunk)
        index += 1
    return "\n".join(parts)


def make_adr(number: int, rng: random.Random, size: int = 3000) -> tuple[str, str]:
    """One synthetic ADR (file name, text) in one of twelve styles, ~``size`` bytes."""
    style = number % 12
    title = _paragraph(rng, 5).rstrip(".")
    date = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    status = rng.choice(STATUSES)
    body = _body(rng, size - 400)
    name = f"{number:04d}-{'-'.join(title.lower().split()[:4])}.md"
    if style == 0:  # Nygard / adr-tools
        head = f"# {number}. {title}\n\nDate: {date}\n\n## Status\n\n{status}\n\n"
    elif style == 1:  # MADR 3/4 front matter
        head = (
            f"---\nstatus: {status.split()[0].lower()}\ndate: {date}\n"
            f"deciders: [Ana Lima, Bo Chen]\ntags: [api, data]\nsupersedes: [{number - 1}]\n---\n"
            f"# {title}\n\n"
        )
    elif style == 2:  # MADR 2 bullets
        head = f"# {title}\n\n* Status: {status}\n* Date: {date}\n* Deciders: Ana, Bo\n\n"
    elif style == 3:  # log4brains, date-prefixed name
        name = f"{date.replace('-', '')}-{number}-{'-'.join(title.lower().split()[:3])}.md"
        head = f"# {title}\n\n- Status: {status.lower()}\n- Date: {date}\n- Tags: api data\n\n"
    elif style == 4:  # bold fields
        head = f"# ADR-{number:04d}: {title}\n\n**Status:** {status}\n**Date:** {date}\n\n"
    elif style == 5:  # fenced yaml block
        head = (
            f"# ADR-{number:03d}: {title}\n\n```yaml\nStatus: {status}\n"
            f"Date Created: {date}\nRelated ADRs: ADR-001, ADR-002\n```\n\n"
        )
    elif style == 7:  # change log instead of a status (EdgeX)
        head = (
            f"# {title}\n\n### Submitters\n- Ana (Org)\n\n## Change Log\n"
            f"- [original](https://example.org/pull/{number}) - approved ({date})\n\n"
        )
    elif style == 8:  # Portuguese, emoji headings, id in the title
        head = (
            f"# 🎨 ADR-{number:03d}: {title}\n\nData: {date}\n\n## ⚡ Status\n\n"
            f"{rng.choice(['Proposto', 'Aceito', 'Rejeitado'])}\n\n## 🎯 Contexto\n\n"
        )
    elif style == 9:  # front matter title and status history (Letterbook)
        head = (
            f"---\ntitle: {title}\ncode: adr-{number}\nstatusHistory:\n- status: decided\n"
            f"  date: {date}\n---\n\n# Subject\n\n"
        )
    elif style == 10:  # year-month name, pipe-joined bold fields
        name = f"{date[:7]}-{'-'.join(title.lower().split()[:3])}-{number}.md"
        head = f"# {title}\n\n**Status:** [{status.split()[0].lower()}] | **Date:** {date}\n\n"
    elif style == 11:  # ids with letters, metadata table without header words
        name = f"ODH-ADR-MS-{number:04d}-{'-'.join(title.lower().split()[:3])}.md"
        head = (
            f"# ODH-ADR-MS-{number:04d}: {title}\n\n|  |  |\n|---|---|\n"
            f"| Date | {date} |\n| Status | {status} |\n| Authors | Ana, Bo |\n\n"
        )
    else:  # table
        day, month, year = date[8:], date[5:7], date[:4]
        head = (
            f"# {number}. {title}\n\n| Field | Value |\n|---|---|\n| Status | {status} |\n"
            f"| Date | {day}/{month}/{year} |\n\n"
        )
    tail = "\n## Related\n\n* Amends [ADR-0001](0001-x.md)\n"
    return name, head + body + tail


def write_corpus(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for number in range(1, count + 1):
        name, text = make_adr(number, rng)
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _time(fn) -> float:  # noqa: ANN001
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="number of ADRs (10000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs; the median is reported")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="adrtui-bench-") as tmp:
        folder = Path(tmp)
        paths = write_corpus(folder, args.count)
        total_bytes = sum(p.stat().st_size for p in paths)
        blobs = [(p, p.read_bytes()) for p in paths]

        def parse_files() -> None:
            for path in paths:
                parse_file(path, folder)

        def parse_blobs() -> None:
            for path, data in blobs:
                parse_bytes(data, path, folder)

        texts = [data.decode("utf-8") for _, data in blobs]

        def outline_texts() -> None:
            for text in texts:
                outline(text)

        parse_files()  # warm the page cache and the regex caches
        file_times = [_time(parse_files) for _ in range(args.runs)]
        byte_times = [_time(parse_blobs) for _ in range(args.runs)]
        outline_times = [_time(outline_texts) for _ in range(args.runs)]
    median_files = statistics.median(file_times)
    median_bytes = statistics.median(byte_times)
    print(
        f"corpus: {args.count} synthetic ADRs, {total_bytes / 1e6:.1f} MB "
        f"(mean {total_bytes / args.count / 1024:.1f} KiB), 7 styles"
    )
    print(
        f"parse_file  (read + parse): median {median_files:.3f} s over {args.runs} runs "
        f"({args.count / median_files:,.0f} ADRs/s; runs: "
        + ", ".join(f"{t:.3f}" for t in file_times)
        + ")"
    )
    print(
        f"parse_bytes (parse only):   median {median_bytes:.3f} s over {args.runs} runs "
        f"({args.count / median_bytes:,.0f} ADRs/s)"
    )
    median_outline = statistics.median(outline_times)
    print(
        f"outline     (structure only): median {median_outline:.3f} s over {args.runs} runs "
        f"({total_bytes / 1e6 / median_outline:,.0f} MB/s; part of parsing once the "
        "scanner reads it)"
    )
    target = 3.0 * args.count / 10_000
    verdict = "OK" if median_files < target else "TOO SLOW"
    print(f"target: < {target:.2f} s for {args.count} ADRs -> {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
