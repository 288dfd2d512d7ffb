"""Reading a folder for the browser, in the order that paints soonest.

The list needs only each record's number, title, status and date, so records
come first (from the record cache when the files are unchanged, parsed
otherwise; on a slow cold start the first few hundred are painted while the
rest are parsed) and the list paints; relationships (the graph, the link
resolver) are built next and arrive a moment later. This mirrors
:func:`adrtui.domain.cache.load_records`, adding the early partial result. Called from
thread workers only: everything here reads the disk.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adrtui.domain.collection import Collection
from adrtui.domain.discovery import scan
from adrtui.domain.model import Adr
from adrtui.domain.relations import RelationGraph, Resolver, build_graph
from adrtui.ui.view_state import sort_adrs

Progress = Callable[[int, int], None]

#: A cold read that takes longer than this paints what it has read so far.
PARTIAL_AFTER = 0.3


def read_collection(
    folder: Path,
    *,
    progress: Progress | None = None,
    is_example: bool = False,
    cache_dir: Path | None = None,
    on_partial: Callable[[Collection], None] | None = None,
    partial_after: float = PARTIAL_AFTER,
) -> Collection:
    """The folder's records (sorted by number), links not yet resolved.

    Unchanged files come from the record cache without being opened. When
    reading takes longer than ``partial_after`` seconds (a cold start on a big
    folder), ``on_partial`` gets the records read so far, once, so the list
    can paint while the rest is parsed.
    """
    from adrtui.domain.parsing import parse_file

    root = Path(folder).resolve()
    found = scan(root)
    cache = _record_cache(root, cache_dir)
    adrs: list[Adr] = []
    seen: set[str] = set()
    total = len(found.files)
    started = time.perf_counter()
    partial_sent = on_partial is None
    for done, path in enumerate(found.files, 1):
        adrs.append(_read_one(path, root, cache, seen, parse_file))
        if progress is not None and (done % 250 == 0 or done == total):
            progress(done, total)
        if (
            not partial_sent
            and done < total * 0.8
            and time.perf_counter() - started > partial_after
        ):
            partial_sent = True
            assert on_partial is not None
            on_partial(Collection(root, sort_adrs(adrs, "number"), found.ignored, is_example))
    if cache is not None:
        cache.retain(seen)
        cache.save()
    return Collection(root, sort_adrs(adrs, "number"), found.ignored, is_example)


def _record_cache(root: Path, cache_dir: Path | None) -> Any:
    try:
        from adrtui.domain.cache import RecordCache
    except ImportError:  # no record cache: every file is parsed
        return None
    cache = RecordCache(root, cache_dir)
    cache.load()
    return cache


def _read_one(
    path: Path, root: Path, cache: Any, seen: set[str], parse: Callable[[Path, Path], Adr]
) -> Adr:
    """One record: from the cache when the file's (mtime, size) is unchanged, else parsed."""
    if cache is None:
        return parse(path, root)
    try:
        rel_path = path.relative_to(root).as_posix()
    except ValueError:
        rel_path = path.as_posix()
    seen.add(rel_path)
    try:
        info = os.stat(path)
    except OSError:
        return parse(path, root)  # the parser reports why it cannot be read
    adr = cache.get(rel_path, info.st_mtime_ns, info.st_size)
    if adr is None or adr.path != path:
        adr = parse(path, root)
        cache.put(rel_path, info.st_mtime_ns, info.st_size, adr)
    return adr


def build_relations(collection: Collection) -> tuple[RelationGraph, Resolver]:
    """The relation graph and a resolver for links clicked in a document."""
    adrs = list(collection.adrs)
    return build_graph(adrs), Resolver(adrs)


def lint_findings(
    collection: Collection, graph: RelationGraph
) -> tuple[list[Any], dict[str, tuple[str, ...]]]:
    """Every lint problem, and per ADR one line each (parser warnings left out: shown already)."""
    try:
        from adrtui.domain.lint import lint, problems_by_file
    except ImportError:
        return [], {}
    found = lint(collection.adrs, graph)
    findings: dict[str, tuple[str, ...]] = {}
    for rel_path, problems in problems_by_file(found).items():
        lines = tuple(
            f"line {p.line}: {p.message} — {p.hint}" for p in problems if p.rule != "parser-warning"
        )
        if lines:
            findings[rel_path] = lines
    return found, findings
