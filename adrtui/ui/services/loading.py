"""Reading a folder for the browser, in the order that paints soonest.

The browser loads with the same :func:`adrtui.domain.collection.load_collection` as
the CLI (the record cache, the settings, the links), in a thread worker, with
progress; on a slow cold start the first few hundred records are painted while the
rest are parsed. Relationships (the graph, the resolver for clicked links) and lint
are built next and arrive a moment later. Called from thread workers only:
everything here reads the disk or walks the whole collection.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from adrtui.domain.collection import PARTIAL_AFTER, Collection, load_collection
from adrtui.domain.relations import RelationGraph, Resolver, build_graph

Progress = Callable[[int, int], None]


def read_collection(
    folder: Path,
    *,
    progress: Progress | None = None,
    is_example: bool = False,
    cache_dir: Path | None = None,
    on_partial: Callable[[Collection], None] | None = None,
    partial_after: float = PARTIAL_AFTER,
) -> Collection:
    """The folder's collection, as :func:`~adrtui.domain.collection.load_collection` loads it.

    ``on_partial`` gets, once, the records read so far when a cold read takes
    longer than ``partial_after`` seconds, so the list can paint while the rest is
    parsed (their links are not resolved yet: the graph comes with the full load).
    """
    return load_collection(
        folder,
        progress=progress,
        is_example=is_example,
        cache_dir=cache_dir,
        on_partial=on_partial,
        partial_after=partial_after,
    )


def build_relations(collection: Collection) -> tuple[RelationGraph, Resolver]:
    """The relation graph and a resolver for links clicked in a document."""
    adrs = list(collection.adrs)
    return build_graph(adrs), Resolver(adrs)


def lint_findings(
    collection: Collection, graph: RelationGraph
) -> tuple[list[Any], dict[str, tuple[str, ...]]]:
    """Every lint problem, and per ADR one line each (parser warnings left out: shown already)."""
    try:
        from adrtui.domain.relations import lint, problems_by_file
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
