"""The browser's way into the search index, with an in-memory answer while it builds.

Every method here may block (disk, Whoosh), so the screen calls them only from
thread workers, never from a key handler. Until the first sync has run (first
start: the index builds in a child process) queries are answered by scanning
the records already in memory, so search-as-you-type works from the first
frame; that answer is marked ``approximate`` (the list says "index building").
After a sync, answers are the index's, even when the cache could not be
written (the search module then answers from the records, the same way).
"""

from __future__ import annotations

import re
import shlex
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from adrtui.domain.model import Adr
from adrtui.ui.view_state import SearchOutcome

#: Fields understood in ``field:value`` terms by the in-memory fallback.
_FIELD_ALIASES = {
    "status": "status",
    "tag": "tags",
    "tags": "tags",
    "decider": "deciders",
    "deciders": "deciders",
    "author": "authors",
    "authors": "authors",
    "consulted": "consulted",
    "informed": "informed",
    "title": "title",
    "number": "number",
    "num": "number",
    "date": "date",
}


#: Fields of people's names: a name matches by any of its words, accents folded.
_PEOPLE = frozenset({"deciders", "authors", "consulted", "informed"})

#: How many of the best matches are put in relevance order; the rest follow in
#: index order (nobody scrolls past a few hundred ranked results).
RELEVANCE_DEPTH = 200


def _terms(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote while the user is still typing
        return text.replace('"', " ").replace("'", " ").split()


def memory_search(adrs: Sequence[Adr], text: str) -> SearchOutcome:
    """Answer a query by scanning records: every word must start a word somewhere.

    ``field:value`` terms (status, tag, decider, author, consulted, informed, title,
    number, date) must match that field, ``-field:value`` must not. Results keep the
    collection order (the list sorts them anyway).
    """
    # (Imported here: the query module loads Whoosh's analysis, which start-up does not need.)
    from adrtui.domain.search import has_phrases, parse_query

    words: list[str] = []
    checks: list[Callable[[Adr], bool]] = []
    for term in _terms(text):
        negated = term.startswith("-") and ":" in term
        field, sep, value = (
            term.removeprefix("-").partition(":") if negated else term.partition(":")
        )
        key = _FIELD_ALIASES.get(field.lower()) if sep else None
        if key is not None and value:
            check = _field_check(key, value)
            checks.append(_negated(check) if negated else check)
            if key == "title" and not negated:
                words.append(value)
            continue
        words.extend(term.split())  # a quoted phrase's words, each required
    # A closed pair of quotes is a phrase, as the index reads it (same parser).
    phrases = parse_query(text).phrases
    patterns = [re.compile(rf"(?<!\w){re.escape(w)}", re.IGNORECASE) for w in words]
    paths: list[str] = []
    for adr in adrs:
        if not all(check(adr) for check in checks):
            continue
        haystack = f"{adr.title}\n{' '.join(adr.tags)}\n{adr.body}"
        if all(p.search(haystack) for p in patterns) and (
            not phrases or has_phrases(haystack, phrases)
        ):
            paths.append(adr.rel_path)
    return SearchOutcome(
        text=text, paths=tuple(paths), words=tuple(words), total=len(paths), approximate=True
    )


def _field_check(key: str, value: str) -> Callable[[Adr], bool]:
    wanted = value.casefold()
    if key == "number":
        digits = wanted.lstrip("0") or "0"
        return lambda adr: adr.number is not None and str(adr.number) == digits
    if key in _PEOPLE:
        return _name_check(key, value)
    if key == "tags":
        return lambda adr: any(item.casefold().startswith(wanted) for item in getattr(adr, key))
    if key == "status":
        return lambda adr: (adr.status or "none").startswith(wanted)
    if key == "date":
        return lambda adr: (adr.date or "").startswith(wanted)
    return lambda adr: wanted in adr.title.casefold()


def _negated(check: Callable[[Adr], bool]) -> Callable[[Adr], bool]:
    return lambda adr: not check(adr)


def _name_check(key: str, value: str) -> Callable[[Adr], bool]:
    """A person matches when their folded name, or a word of it, starts with ``value``."""
    from adrtui.domain.search import normalize_value

    wanted = normalize_value(value)

    def check(adr: Adr) -> bool:
        for name in getattr(adr, key):
            folded = normalize_value(name)
            if folded.startswith(wanted) or any(w.startswith(wanted) for w in folded.split()):
                return True
        return False

    return check


class SearchService:
    """Owns the search index of one folder for the app's lifetime (thread-safe).

    The index answers as soon as it is opened when a previous run left one in
    the cache (a sync then only applies what changed, and searches keep being
    answered from the previous generation meanwhile); on a first run queries
    are answered from memory until the first build completes.
    """

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = folder
        self.cache_dir = cache_dir
        self._index: Any = None
        self._lock = threading.Lock()
        self.error: str | None = None

    @property
    def ready(self) -> bool:
        index = self._index
        return index is not None and bool(index.ready)

    def open(self) -> None:
        """Open the cached index (cheap; never raises per the search module's contract)."""
        from adrtui.domain.search import SearchIndex

        with self._lock:
            if self._index is None:
                self._index = SearchIndex.open(self.folder, cache_dir=self.cache_dir)

    def sync(self, adrs: Sequence[Adr], progress: Callable[[int, int], None]) -> SyncSummary:
        """Bring the index up to date with ``adrs``."""
        self.open()
        report = self._index.sync(list(adrs), progress)
        return SyncSummary.of(report)

    def search(self, text: str, adrs: Sequence[Adr], *, ranked: bool = True) -> SearchOutcome:
        """The ADRs matching ``text``, from the index when it is ready, else from memory.

        ``ranked=False`` only asks which ADRs match (what a list sorted by number,
        date, title or status needs): ranking thousands of matches of a one- or
        two-letter prefix costs as much again as finding them.
        """
        index = self._index
        if index is None or not index.ready:
            return memory_search(adrs, text)
        result = index.search(text, limit=None, highlight=False, ranked=False)
        if index.needs_rebuild:
            # Found damaged while answering (the answer came from memory, exact):
            # rebuild it now rather than at the next change of a file.
            index.sync(list(adrs))
        paths = tuple(result.paths)
        if ranked and result.total:
            # The best ones in relevance order, then the rest in index order.
            best = index.search(text, limit=RELEVANCE_DEPTH).paths
            head = set(best)
            paths = best + tuple(path for path in paths if path not in head)
        highlighter = getattr(result, "highlighter", None)
        return SearchOutcome(
            text=text,
            paths=paths,
            words=tuple(result.words),
            total=result.total,
            error=result.error,
            approximate=bool(result.approximate),
            spans=highlighter.spans if highlighter else None,
            fuzzy=bool(getattr(result, "fuzzy", False)),
            ranked=ranked,
        )

    def close(self) -> None:
        with self._lock:
            index, self._index = self._index, None
        if index is not None:
            index.close()


@dataclass(frozen=True)
class SyncSummary:
    """What a sync did, in words for the status bar, plus notices for the user."""

    text: str
    notices: tuple[str, ...] = ()
    read_only: bool = False

    @classmethod
    def of(cls, report: Any) -> SyncSummary:
        parts = []
        if getattr(report, "rebuilt", False):
            parts.append(f"built from {getattr(report, 'files', 0)} ADRs")
        else:
            for name in ("added", "updated", "removed"):
                count = getattr(report, name, 0)
                if count:
                    parts.append(f"{count} {name}")
        read_only = bool(getattr(report, "read_only", False))
        if read_only:
            parts.append("read-only")
        return cls(", ".join(parts), tuple(getattr(report, "notices", ())), read_only)
