"""The browser's background work, each run in a thread worker: read, relate, update, index,
search.

Nothing here touches a widget: each function posts messages to ``screen`` (the
one thread-safe call) and the screen's handlers decide what to show. They are
started by :class:`~adrtui.ui.services.jobs.Jobs`, which knows which may run
together.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

from textual.widget import Widget
from textual.worker import get_current_worker

from adrtui.domain.collection import Collection
from adrtui.domain.model import Adr
from adrtui.domain.search import SearchResult, parse_query
from adrtui.ui.messages import (
    CollectionFailed,
    CollectionLoaded,
    IndexFailed,
    IndexProgress,
    IndexReady,
    NothingChanged,
    RelationsBuilt,
    SearchAnswered,
)
from adrtui.ui.services.live_reload import apply_changes
from adrtui.ui.services.loading import build_relations, lint_findings, read_collection
from adrtui.ui.services.search import SearchService

#: A worker waits at most this long for the list's first paint before relating.
FIRST_PAINT_WAIT = 2.0


def load(
    screen: Widget,
    folder: Path,
    *,
    reason: str,
    is_example: bool,
    cache_dir: Path | None,
) -> None:
    """Records first (the list paints), then relationships (the graph, the resolver)."""
    worker = get_current_worker()

    def progress(done: int, total: int) -> None:
        screen.post_message(IndexProgress(done, total, phase="reading"))

    def partial(collection: Collection) -> None:
        if not worker.is_cancelled:
            screen.post_message(CollectionLoaded(collection, reason=reason, partial=True))

    try:
        collection = read_collection(
            folder,
            progress=progress,
            is_example=is_example,
            cache_dir=cache_dir,
            on_partial=partial,
        )
    except Exception as error:  # noqa: BLE001 - any failure is shown, never a traceback
        screen.post_message(CollectionFailed(f"{type(error).__name__}: {error}"))
        return
    if worker.is_cancelled:
        return
    painted = threading.Event()
    screen.post_message(CollectionLoaded(collection, reason=reason, painted=painted))
    painted.wait(timeout=FIRST_PAINT_WAIT)
    relate(screen, collection)


def relate(screen: Widget, collection: Collection) -> None:
    """Relationships, then lint, each posted as soon as it is known."""
    worker = get_current_worker()
    if worker.is_cancelled:
        return
    try:
        graph, resolver = build_relations(collection)
    except Exception as error:  # noqa: BLE001
        screen.log.error(f"relationships could not be resolved: {error!r}")
        return
    if worker.is_cancelled:
        return
    screen.post_message(RelationsBuilt(collection, graph, resolver))
    try:
        problems, findings = lint_findings(collection, graph)
    except Exception as error:  # noqa: BLE001 - lint is extra information, never a crash
        screen.log.error(f"lint failed: {error!r}")
        return
    if not worker.is_cancelled:
        screen.post_message(
            RelationsBuilt(collection, graph, resolver, findings, problems, linted=True)
        )


def update(
    screen: Widget, base: Collection, paths: frozenset[str], records: dict[str, Adr]
) -> None:
    """Fold changed files (or records the app just wrote) into ``base``."""
    applied = frozenset(paths | records.keys())
    try:
        collection = apply_changes(base, sorted(paths), records=records)
    except Exception as error:  # noqa: BLE001 - a bad file must not stop live reload
        screen.log.error(f"update failed: {error!r}")
        collection = None
    if collection is None:
        screen.post_message(NothingChanged(base, applied))
        return
    painted = threading.Event()
    screen.post_message(
        CollectionLoaded(collection, reason="change", painted=painted, base=base, applied=applied)
    )
    painted.wait(timeout=FIRST_PAINT_WAIT)
    relate(screen, collection)


def sync_index(screen: Widget, service: SearchService, adrs: list[Adr]) -> None:
    """Bring the search index up to date with ``adrs``."""

    def progress(done: int, total: int) -> None:
        screen.post_message(IndexProgress(done, total))

    try:
        summary = service.sync(adrs, progress)
    except ImportError:
        screen.post_message(IndexFailed("full-text index not available"))
        return
    except Exception as error:  # noqa: BLE001
        screen.post_message(IndexFailed(f"{type(error).__name__}: {error}"))
        return
    screen.post_message(IndexReady(summary.text, summary.notices))


def search(
    screen: Widget,
    service: SearchService,
    generation: int,
    text: str,
    adrs: Sequence[Adr],
    *,
    ranked: bool,
) -> None:
    """Answer one query (the service answers from memory when the index cannot)."""
    outcome: SearchResult
    try:
        outcome = service.search(text, adrs, ranked=ranked)
    except Exception as error:  # noqa: BLE001 - a bad query must not break typing
        failed = f"search failed ({type(error).__name__})"
        outcome = SearchResult(parse_query(text), matched=(), error=failed, ranked=False)
    screen.post_message(SearchAnswered(generation, outcome))
