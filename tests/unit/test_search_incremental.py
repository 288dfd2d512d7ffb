"""After any sequence of incremental updates, search answers what a fresh rebuild answers.

Whoosh keeps deleted documents in their segment (marked by the segment's own
document numbers) and merges small segments in size order, so after a few
updates a small segment can come before a big one with deletions: the
numbering a query mixes up there once lost unchanged ADRs. These tests edit a
folder at random between incremental syncs and compare every query of a bank
(words, prefixes, phrases, fields, negation) with a rebuild of the same folder.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.search.service import SearchIndex

WORDS = [
    "deciding",
    "decision",
    "decided",
    "kafka",
    "queue",
    "broker",
    "payment",
    "invoice",
    "invoices",
    "deploy",
    "deployment",
    "deployed",
    "cache",
    "caching",
    "schema",
    "migration",
    "tenant",
    "tenants",
    "search",
    "index",
    "authentication",
    "token",
    "session",
    "gateway",
    "retry",
    "timeout",
    "observability",
    "tracing",
]
STATUSES = ("accepted", "proposed", "rejected", "superseded", "deprecated", "Akzeptiert", "")
TAGS = ("security", "data", "platform", "payments", "ops")
PEOPLE = ("Ana Lima", "Bo Chen", "Chloé Martin", "Dev Patel")

QUERIES = (
    "deciding",
    "deciding ",
    "decision kafka ",
    "kafka -payment",
    "dep",
    "de",
    "k",
    "invoices ",
    "tenant",
    '"retry timeout"',
    "status:accepted",
    "status:acc",
    "-status:rejected",
    "status:none",
    "tag:security",
    "tag:pay cache",
    "-tag:data deploy",
    "decider:lima",
    'decider:"bo chen"',
    "number:7",
    "number:5..20",
    "number:>=30",
    "date:2024",
    "date:2023..2024-06",
    "title:kafka",
    "12",
    "tracng",
    "observabilty ",
    "",
)


def render(rng: random.Random, number: int) -> str:
    """One small ADR in MADR-ish style with front matter."""
    title = " ".join(rng.sample(WORDS, rng.randint(1, 3))).capitalize()
    status = rng.choice(STATUSES)
    tags = rng.sample(TAGS, rng.randint(0, 2))
    deciders = rng.sample(PEOPLE, rng.randint(0, 2))
    date = f"20{rng.randint(22, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 25)))
    lines = ["---"]
    if status:
        lines.append(f"status: {status}")
    lines.append(f"date: {date}")
    if tags:
        lines.append(f"tags: [{', '.join(tags)}]")
    if deciders:
        lines.append(f"deciders: [{', '.join(deciders)}]")
    lines += ["---", f"# {number}. {title}", "", "## Context", "", body, ""]
    return "\n".join(lines)


def slug(number: int, rng: random.Random) -> str:
    return f"{number:04d}-{rng.choice(WORDS)}.md"


class Folder:
    """A folder of ADRs edited at random: add, modify, append, delete, rename."""

    def __init__(self, path: Path, rng: random.Random, count: int) -> None:
        self.path = path
        self.rng = rng
        self.next = 1
        path.mkdir(parents=True)
        for _ in range(count):
            self.add()

    def files(self) -> list[Path]:
        return sorted(self.path.glob("*.md"))

    def add(self) -> None:
        (self.path / slug(self.next, self.rng)).write_text(render(self.rng, self.next))
        self.next += 1

    def edit(self) -> None:
        files = self.files()
        if len(files) < 3:
            self.add()
            return
        victim = self.rng.choice(files)
        action = self.rng.choice(("modify", "append", "delete", "rename", "add"))
        if action == "modify":
            victim.write_text(render(self.rng, int(victim.name[:4])))
        elif action == "append":
            with victim.open("a", encoding="utf-8") as handle:
                handle.write(f"\n{self.rng.choice(WORDS)} appended.\n")
        elif action == "delete":
            victim.unlink()
        elif action == "rename":
            victim.rename(victim.with_name(slug(int(victim.name[:4]), self.rng)))
        else:
            self.add()


def answers(index: SearchIndex) -> dict[str, tuple[list[str], int]]:
    """Every query's ranked paths and total."""
    found = {}
    for query in QUERIES:
        result = index.search(query, limit=None)
        found[query] = (list(result.paths), result.total)
    return found


def fresh_answers(folder: Path, adrs: list, cache: Path) -> dict[str, tuple[list[str], int]]:
    """The answers of an index built from scratch from the same records."""
    shutil.rmtree(cache, ignore_errors=True)
    with SearchIndex.open(folder, cache_dir=cache) as index:
        report = index.sync(adrs)
        assert report.rebuilt and not report.read_only
        return answers(index)


def test_unchanged_adrs_survive_a_small_segment_merged_before_a_big_one(tmp_path: Path) -> None:
    """Whoosh's merge policy puts an unmerged 60-document segment before the first
    200-document one, whose deletions are then numbered past the offset: a
    quarter of the unchanged ADRs used to disappear from every search."""
    folder = Folder(tmp_path / "adrs", random.Random(1), 200)
    cache = tmp_path / "cache"
    files = folder.files()
    random.Random(2).shuffle(files)
    edited = 0
    for size in (0, 60, 1, 1, 1, 1, 1, 1):
        for path in files[edited : edited + size]:
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\nAppended line.\n")
        edited += size
        adrs = load_collection(folder.path, use_cache=False).adrs
        with SearchIndex.open(folder.path, cache_dir=cache) as index:
            report = index.sync(adrs)
            assert not report.read_only and report.updated == size
            assert index.search("", limit=None).total == 200
            assert index.search("appended", limit=None).total == edited
            for number in (7, 40, 123, 200):
                assert index.search(f"number:{number}").total == 1, number


@pytest.mark.parametrize("seed", range(12))
def test_search_after_random_incremental_updates_equals_a_fresh_rebuild(
    tmp_path: Path, seed: int
) -> None:
    """About 1,400 random edits over the seeds, synced in rounds of 1 to 60 (so that
    segments of every size pile up and merge), compared with a rebuild now and then."""
    rng = random.Random(seed)
    folder = Folder(tmp_path / "adrs", rng, rng.choice((10, 30, 120)))
    cache = tmp_path / "cache"
    with SearchIndex.open(folder.path, cache_dir=cache) as index:
        for round_ in range(12):
            for _ in range(rng.choice((1, 1, 1, 1, 2, 3, 8, 60))):
                folder.edit()
            adrs = load_collection(folder.path, cache_dir=cache).adrs
            report = index.sync(adrs)
            assert not report.read_only
            if round_ % 3 == 2:
                expected = fresh_answers(folder.path, adrs, tmp_path / "fresh")
                got = answers(index)
                for query in QUERIES:
                    assert got[query] == expected[query], (seed, round_, query)


def test_capped_prefixes_pick_the_stems_a_rebuild_picks(tmp_path: Path) -> None:
    """A prefix expanding to more than 40 stems keeps the 40 most frequent: counted
    over live documents only (Whoosh's counts include deleted ones), after deletions
    the choice, and so the answer, is a fresh rebuild's."""
    from benchmarks.corpus import generate

    folder = tmp_path / "adrs"
    generate(folder, 240, seed=11)
    rng = random.Random(3)
    with SearchIndex.open(folder, cache_dir=tmp_path / "cache") as index:
        index.sync(load_collection(folder, use_cache=False).adrs)
        files = sorted(folder.glob("*.md"))
        for path in rng.sample(files, 60):  # deletions concentrated on some words
            path.write_text(path.read_text().replace("a", "e"))
        for path in rng.sample(files, 20):
            path.unlink()
        adrs = load_collection(folder, use_cache=False).adrs
        assert not index.sync(adrs).rebuilt
        with SearchIndex.open(folder, cache_dir=tmp_path / "fresh") as fresh:
            fresh.sync(adrs)
            capped = 0
            for prefix in ("con", "pel", "mar", "ser", "bel", "tra", "per", "ka", "de"):
                got, want = index.search(prefix, limit=None), fresh.search(prefix, limit=None)
                assert got.paths == want.paths and got.approximate == want.approximate, prefix
                capped += want.approximate
            assert capped >= 2  # the cap was exercised
