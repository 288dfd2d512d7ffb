"""Reading a folder for the browser, in the order that paints soonest.

The list needs only each record's number, title, status and date, so records
come first (from the record cache when the files are unchanged, parsed
otherwise) and the list paints; relationships (the graph, the link resolver)
are built next, in the same worker, and arrive a moment later. Called from
thread workers only: everything here reads the disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from adrtui.domain.collection import Collection
from adrtui.domain.discovery import scan
from adrtui.domain.model import Adr
from adrtui.domain.relations import RelationGraph, Resolver, build_graph
from adrtui.ui.view_state import sort_adrs

Progress = Callable[[int, int], None]


def read_collection(
    folder: Path,
    *,
    progress: Progress | None = None,
    is_example: bool = False,
    cache_dir: Path | None = None,
) -> Collection:
    """The folder's records (sorted by number), links not yet resolved."""
    from adrtui.domain.parsing import parse_file

    root = Path(folder).resolve()
    found = scan(root)
    adrs: list[Adr]
    try:
        from adrtui.domain.cache import load_records
    except ImportError:  # no record cache: parse every file
        adrs = []
        total = len(found.files)
        for done, path in enumerate(found.files, 1):
            adrs.append(parse_file(path, root))
            if progress is not None and (done % 200 == 0 or done == total):
                progress(done, total)
    else:
        adrs = load_records(root, found.files, parse_file, progress=progress, cache_dir=cache_dir)
    return Collection(root, sort_adrs(adrs, "number"), found.ignored, is_example)


def build_relations(collection: Collection) -> tuple[RelationGraph, Resolver]:
    """The relation graph and a resolver for links clicked in a document."""
    adrs = list(collection.adrs)
    return build_graph(adrs), Resolver(adrs)
