"""Reading a folder for the browser, in the order that paints soonest.

The list needs only each record's number, title, status and date, so records
come first (from the record cache when the files are unchanged, parsed
otherwise; on a slow cold start the first few hundred are painted while the
rest are parsed) and the list paints; relationships (the graph, the link
resolver) are built next and arrive a moment later. Called from
thread workers only: everything here reads the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from adrtui.domain.collection import (
    DEFAULT_SETTINGS,
    Collection,
    finish_reading,
    load_settings,
    scan,
)
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

    Unchanged files come from the record cache without being opened
    (:func:`adrtui.domain.collection.records.load_records`). When reading takes longer than
    ``partial_after`` seconds (a cold start on a big folder), ``on_partial``
    gets the records read so far, once, so the list can paint while the rest
    is parsed.
    """
    from adrtui.domain.collection import load_records
    from adrtui.domain.parsing import parse_file

    root = Path(folder).resolve()
    settings = DEFAULT_SETTINGS if is_example else load_settings(root)
    found = scan(root, settings)
    notices: list[str] = []

    def collection(adrs: list[Adr]) -> Collection:
        adrs = finish_reading(adrs, settings)
        return Collection(
            root, sort_adrs(adrs, "number"), found.ignored, is_example, settings, notices
        )

    adrs = load_records(
        root,
        found.files,
        parse_file,
        progress=progress,
        cache_dir=cache_dir,
        on_partial=None if on_partial is None else lambda part: on_partial(collection(part)),
        partial_after=partial_after,
        notices=notices,
    )
    return collection(adrs)


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
