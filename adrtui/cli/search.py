"""``adrtui search`` and ``adrtui index``: full-text search from scripts, and the index itself.

Both bring the folder's index up to date first (incrementally: only changed
files are re-read and re-indexed); ``search`` skips even that when a stat of the
folder shows nothing changed since the last sync (the index answers alone).
Progress and notices go to stderr, results to stdout. Neither imports Textual;
the search package (Whoosh) is imported only when one of them runs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from adrtui.cli.common import (
    print_json,
    print_table,
    report_settings_problems,
    resolve_folder,
    styled,
)
from adrtui.domain.collection import Collection, load_collection, load_settings
from adrtui.domain.text import clean, clean_line

#: ``adrtui search`` exits as grep does: 0 with hits, 1 without, 2 on errors
#: (no ADR folder, a bad option: :class:`adrtui.cli.common.CliError` and argparse).
EXIT_MATCHES = 0
EXIT_NO_MATCH = 1


def register(sub: argparse._SubParsersAction) -> None:
    search = sub.add_parser(
        "search",
        help="full-text search the ADRs of a folder",
        description="Search the ADRs of DIR (default: here). QUERY words are matched stemmed "
        "(deciding finds decision), the last one as a prefix; filters: status:S tag:T "
        "decider:NAME author:NAME consulted:NAME informed:NAME date:2024 (or 2023..2024, "
        '>=2024-06) number:12 title:WORD; -word excludes; "event sourcing" in quotes must '
        "occur as a phrase.",
        epilog="Exit status, as grep's: 0 when an ADR matches, 1 when none does, "
        "2 on errors (no ADR folder, a bad option).",
    )
    search.add_argument("query", metavar="QUERY", help="the query (quote it for the shell)")
    search.add_argument("--dir", dest="directory", default=None, metavar="DIR")
    search.add_argument("--json", action="store_true", help="print JSON hits")
    search.add_argument(
        "--limit", type=_positive, default=20, metavar="N", help="at most N hits (default 20)"
    )
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
    from adrtui.domain.search import SearchIndex

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
                index.sync(collection.adrs, progress("indexing"))
                index.remember_tree(stamp)
                result = index.search(args.query, limit=args.limit, highlight=True)
                if index.needs_rebuild:  # found damaged while answering: rebuild it now
                    index.sync(collection.adrs, progress("indexing"))
        finally:
            progress.done()
        _print_notices(index.notices)
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
            report = index.sync(collection.adrs, progress("indexing"), rebuild=args.rebuild)
            index.remember_tree(stamp)
        finally:
            progress.done()
        _print_notices(index.notices)
        count = index.doc_count
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
    how = " (rebuilt)" if report.rebuilt else ""
    print(
        f"{report.files} files, {report.added} added, {report.updated} updated, "
        f"{report.removed} removed, {count} indexed{how}, {elapsed:.2f} s"
    )
    if report.read_only:
        print("adrtui: the index could not be updated (see above)", file=sys.stderr)
        return 1
    return 0
