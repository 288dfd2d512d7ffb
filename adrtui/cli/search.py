"""``adrtui search`` and ``adrtui index``: full-text search from scripts, and the index itself.

Both bring the folder's index up to date first (incrementally: only changed
files are re-read and re-indexed); ``search`` skips even that when a stat of the
folder shows nothing changed since the last sync (the index answers alone).
Progress and notices go to stderr, results to stdout. Neither imports Textual;
the search package (Whoosh) is imported only when one of them runs.

``search`` answers the history's filters as the browser's search box does, with
the same function (:func:`adrtui.domain.gitlog.narrow`): ``changed:``, ``since:``,
and ``author:`` over committers and ``date:`` over the dates git filled in. Only a
query naming one of them reads the history (a plain search never runs git nor
imports the gitlog package). A ``changed:``/``since:`` that cannot be answered (no
history, an unknown revision) exits 2 saying why: the hits without it would be
a wrong answer to the question asked.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from adrtui.cli.common import (
    fail,
    print_json,
    print_table,
    report_settings_problems,
    resolve_folder,
    styled,
)
from adrtui.cli.history import add_no_git, filled, history_outcome
from adrtui.domain.collection import Collection, load_collection, load_settings
from adrtui.domain.model import Adr
from adrtui.domain.text import clean, clean_line

if TYPE_CHECKING:  # the search and gitlog packages are imported when search runs
    from adrtui.domain.search import ParsedQuery, SearchIndex, SearchResult

#: ``adrtui search`` exits as grep does: 0 with hits, 1 without, 2 on errors
#: (no ADR folder, a bad option: :class:`adrtui.cli.common.CliError` and argparse).
EXIT_MATCHES = 0
EXIT_NO_MATCH = 1

#: The fields whose filters the history answers (``changed``, ``since``) or widens
#: (``authors``: committers too; ``date``: dates git filled in). Only a query naming
#: one of them asks :func:`~adrtui.domain.gitlog.split_query`, which decides: the
#: rest never import the gitlog package (~60 ms) nor run git.
HISTORY_FIELDS = frozenset({"changed", "since", "authors", "date"})


def register(sub: argparse._SubParsersAction) -> None:
    search = sub.add_parser(
        "search",
        help="full-text search the ADRs of a folder",
        description="Search the ADRs of DIR (default: here). QUERY words are matched stemmed "
        "(deciding finds decision), the last one as a prefix; filters: status:S tag:T "
        "decider:NAME author:NAME consulted:NAME informed:NAME date:2024 (or 2023..2024, "
        '>=2024-06) number:12 title:WORD; -word excludes; "event sourcing" in quotes must '
        "occur as a phrase. From the git history: changed:2024 (last commit; also "
        "changed:<30d, changed:>1y), since:30d / since:2024-01 / since:v1.2 (created or "
        "changed since), and author: also finds committers, date: the dates git fills in.",
        epilog="Exit status, as grep's: 0 when an ADR matches, 1 when none does, "
        "2 on errors (no ADR folder, a bad option, changed: or since: without a git "
        "history or naming a revision git does not know).",
    )
    search.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    search.add_argument("--dir", dest="directory", default=None, metavar="DIR")
    search.add_argument("--json", action="store_true", help="print JSON hits")
    search.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)"
    )
    add_no_git(search)
    search.set_defaults(func=run_search)

    index = sub.add_parser(
        "index",
        help="build or update the search index of a folder",
        description="Bring the search index of DIR (default: here) up to date and print what "
        "changed. The index lives in the user cache directory ($ADRTUI_CACHE_DIR overrides), "
        "never in the repository.",
    )
    index.add_argument("directory", nargs="?", default=None, metavar="DIR")
    index.add_argument("--rebuild", action="store_true", help="rebuild it from scratch")
    index.add_argument("--json", action="store_true", help="print the summary as JSON")
    index.set_defaults(func=run_index)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


class _Progress:
    """``\\r``-updated progress on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.enabled = styled(sys.stderr)
        self.shown = False
        self._last = 0.0

    def __call__(self, label: str) -> Callable[[int, int], None]:
        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if not self.enabled or (now - self._last < 0.1 and done < total):
                return
            self._last = now
            sys.stderr.write(f"\r{label} {done}/{total}\x1b[K")
            sys.stderr.flush()
            self.shown = True

        return report

    def done(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False


def _open(folder: Path, progress: _Progress) -> Collection:
    try:
        collection = load_collection(folder, progress=progress("reading"))
    finally:
        progress.done()
    report_settings_problems(collection.notices)
    return collection


def _stamp(folder: Path) -> str | None:
    """The folder's tree stamp now (with its settings file's), or ``None`` when the
    index must not answer alone (settings with problems are reported by a full load)."""
    from adrtui.domain.search import tree_stamp

    settings = load_settings(folder)
    if settings.problems:
        return None
    source = settings.source
    extra: tuple[object, ...] = ("no settings",)
    if source is not None:
        try:
            info = os.stat(source)
        except OSError:
            return None
        extra = (os.fspath(source), info.st_mtime_ns, info.st_size)
    return tree_stamp(folder, extra)


def _say(message: str) -> None:
    """One line on stderr now (waiting for another process must not look like a hang)."""
    print(clean_line(f"adrtui: {message}"), file=sys.stderr, flush=True)


def _print_notices(notices: list[str]) -> None:
    for notice in notices:
        print(clean_line(f"adrtui: {notice}"), file=sys.stderr)


def run_search(args: argparse.Namespace) -> int:
    from adrtui.domain.search import SearchIndex, parse_query

    query = parse_query(args.query)
    if any(item.field in HISTORY_FIELDS for item in query.filters):
        return _print_result(args, _search_with_history(args, query))
    progress = _Progress()
    folder = resolve_folder(args.directory)
    # Taken before any record is read: what the index will hold if it is synced now.
    stamp = _stamp(folder)
    with SearchIndex.open(folder, on_wait=_say) as index:
        try:
            result = None
            if index.holds_tree(stamp):
                # Nothing changed since the last sync: the index answers alone.
                result = index.search(args.query, limit=args.limit, highlight=True)
                if index.needs_rebuild or not index.exact_texts:
                    result = None  # damaged, or a file says otherwise: the full path below
            if result is None:
                collection = _open(folder, progress)
                result = _synced_search(index, collection, stamp, progress, args.query, args.limit)
        finally:
            progress.done()
        _print_notices(index.notices)
    return _print_result(args, result)


def _synced_search(
    index: SearchIndex,
    collection: Collection,
    stamp: str | None,
    progress: _Progress,
    text: str,
    limit: int | None,
) -> SearchResult:
    """``text`` answered by the index brought up to date with ``collection`` (the
    best ``limit`` hits with their excerpts; ``None``: every match, no excerpts)."""
    index.sync(collection.adrs, progress("indexing"))
    index.remember_tree(stamp)
    result = index.search(text, limit=limit, highlight=limit is not None)
    if index.needs_rebuild:  # found damaged while answering: rebuild it now
        index.sync(collection.adrs, progress("indexing"))
    return result


def _search_with_history(args: argparse.Namespace, query: ParsedQuery) -> SearchResult:
    """A query with history filters, answered as the browser's search box answers it.

    The index gets the rest of the query (:func:`split_query`); every match is
    asked for, narrowed by :func:`narrow`, then cut to ``--limit``. Without a
    history, ``author:`` and ``date:`` are the files' (the index answers them, as
    with ``--no-git``) and ``changed:``/``since:`` stop the command (exit 2).
    """
    from adrtui.domain.gitlog import Unanswered, history_note, narrow, split_query
    from adrtui.domain.search import SearchIndex

    progress = _Progress()
    folder = resolve_folder(args.directory)
    stamp = _stamp(folder)
    collection = _open(folder, progress)
    history, why = None, "turned off with --no-git"
    if not args.no_git:
        outcome = history_outcome(collection)
        history, why = outcome.history, outcome.note or "no git history"
    if history is None:
        needs = history_note(query, why, left_out=False)
        if needs:  # the hits without the filter would answer another question
            fail(f"adrtui: {needs}")
    git = split_query(query, with_history=history is not None)
    # Without a history author:/date: are the files' (the index holds them): a plain
    # search. With one, every match of the rest, to narrow before the limit.
    text, limit = (git.engine_text, None) if git else (args.query, args.limit)
    with SearchIndex.open(folder, on_wait=_say) as index:
        try:
            result = _synced_search(index, collection, stamp, progress, text, limit)
        finally:
            progress.done()
        _print_notices(index.notices)
    if not git:
        return result
    if git.engine_text != args.query:
        result = replace(result, query=query)  # the answer is to what was typed
    records = filled(collection.adrs, history) if git.reads_records else collection.adrs
    try:
        result = narrow(result, git, records, history, strict=True)
    except Unanswered as error:
        fail(f"adrtui: {error}")
    return _limited(result, args.limit, {adr.rel_path: adr for adr in records})


def _limited(result: SearchResult, limit: int, records: dict[str, Adr]) -> SearchResult:
    """The best ``limit`` hits of ``result``, with their excerpts (as the index gives
    them to a plain search: only for the hits shown, excerpts cost)."""
    hits = []
    for hit in result.hits[:limit]:
        adr = records.get(hit.rel_path)
        text = adr.body if adr is not None and adr.body else ""
        hits.append(replace(hit, highlights=tuple(result.fragments(text)) if text else ()))
    return replace(result, hits=tuple(hits), matched=None)


def _print_result(args: argparse.Namespace, result: SearchResult) -> int:
    """The hits on stdout (a table and excerpts, or JSON), notes on stderr; the exit
    status."""
    if result.error:
        print(clean_line(f"adrtui: {result.error}"), file=sys.stderr)
    if args.json:
        print_json([hit.to_json() for hit in result.hits])
        return EXIT_MATCHES if result.hits else EXIT_NO_MATCH
    if not result.hits:  # as grep does: exit 1, so `adrtui search X && ...` reads right
        print(f"adrtui: no ADR matches {clean_line(args.query)!r}", file=sys.stderr)
        return EXIT_NO_MATCH
    if result.fuzzy:
        print("(no exact match; showing matches with one typo)", file=sys.stderr)
    rows = []
    for hit in result.hits:
        number = f"{hit.number:04d}" if hit.number is not None else "—"
        rows.append([number, hit.status or "—", hit.title or "(untitled)", hit.rel_path])
    print_table(["NUMBER", "STATUS", "TITLE", "FILE"], rows)
    emphasis = styled(sys.stdout)
    for hit in result.hits:
        if hit.highlights:
            print(f"\n{clean_line(hit.rel_path)}:")
            for fragment in hit.highlights:
                print("  " + _marked(fragment.text, fragment.spans, emphasis))
    shown = len(result.hits)
    if result.total > shown:
        print(f"\n{shown} of {result.total} matches (use --limit for more)", file=sys.stderr)
    return EXIT_MATCHES


def _marked(text: str, spans: tuple[tuple[int, int], ...], emphasis: bool) -> str:
    """The fragment with its matches in bold (terminal) or between «» (pipes)."""
    opening, closing = ("\x1b[1m", "\x1b[22m") if emphasis else ("«", "»")
    out: list[str] = []
    last = 0
    for start, end in spans:
        out.append(clean(text[last:start]))
        out.append(opening + clean(text[start:end]) + closing)
        last = end
    out.append(clean(text[last:]))
    return "".join(out)


def run_index(args: argparse.Namespace) -> int:
    from adrtui.domain.search import SearchIndex

    progress = _Progress()
    start = time.perf_counter()
    folder = resolve_folder(args.directory)
    stamp = _stamp(folder)
    collection = _open(folder, progress)
    with SearchIndex.open(collection.root, on_wait=_say) as index:
        try:
            report = index.sync(
                collection.adrs, progress("indexing"), rebuild=args.rebuild, insist=True
            )
            index.remember_tree(stamp)
        finally:
            progress.done()
        _print_notices(index.notices)
        # What the index on disk holds; nothing to claim when it could not be written
        # (the records in memory that answer meanwhile are not "indexed").
        count = None if report.read_only else index.doc_count
    elapsed = time.perf_counter() - start
    if args.json:
        print_json(
            {
                "files": report.files,
                "added": report.added,
                "updated": report.updated,
                "removed": report.removed,
                "indexed": count,
                "rebuilt": report.rebuilt,
                "read_only": report.read_only,
                "seconds": round(elapsed, 3),
            }
        )
        return 1 if report.read_only else 0
    if report.read_only:
        print(f"{report.files} files, index not updated, {elapsed:.2f} s")
        print("adrtui: the index could not be updated (see above)", file=sys.stderr)
        return 1
    how = " (rebuilt)" if report.rebuilt else ""
    print(
        f"{report.files} files, {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {count} indexed{how}, {elapsed:.2f} s"
    )
    return 0
