"""The browser's way into the search index, with an in-memory answer while it builds.

Every method here may block (disk, Whoosh), so the screen calls them only from
thread workers, never from a key handler. Until the index is ready (first
start, a rebuild, or an index that cannot be opened) queries are answered by
scanning the records already in memory, so search-as-you-type works from the
first frame; the answer is marked ``approximate``.
"""

from __future__ import annotations

import re
import shlex
import threading
from collections.abc import Callable, Sequence
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
    "title": "title",
    "number": "number",
    "num": "number",
    "date": "date",
}


def _terms(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unbalanced quote while the user is still typing
        return text.replace('"', " ").replace("'", " ").split()


def memory_search(adrs: Sequence[Adr], text: str) -> SearchOutcome:
    """Answer a query by scanning records: every word must start a word somewhere.

    ``field:value`` terms (status, tag, decider, title, number, date) must match
    that field. Results keep the collection order (the list sorts them anyway).
    """
    words: list[str] = []
    checks: list[Callable[[Adr], bool]] = []
    for term in _terms(text):
        field, sep, value = term.partition(":")
        key = _FIELD_ALIASES.get(field.lower()) if sep else None
        if key is not None and value:
            checks.append(_field_check(key, value))
            if key == "title":
                words.append(value)
            continue
        word = term.strip()
        if word:
            words.append(word)
    patterns = [re.compile(rf"(?<!\w){re.escape(w)}", re.IGNORECASE) for w in words]
    paths: list[str] = []
    for adr in adrs:
        if not all(check(adr) for check in checks):
            continue
        haystack = f"{adr.title}\n{' '.join(adr.tags)}\n{adr.body}"
        if all(p.search(haystack) for p in patterns):
            paths.append(adr.rel_path)
    return SearchOutcome(
        text=text, paths=tuple(paths), words=tuple(words), total=len(paths), approximate=True
    )


def _field_check(key: str, value: str) -> Callable[[Adr], bool]:
    wanted = value.casefold()
    if key == "number":
        digits = wanted.lstrip("0") or "0"
        return lambda adr: adr.number is not None and str(adr.number) == digits
    if key in {"tags", "deciders"}:
        return lambda adr: any(item.casefold().startswith(wanted) for item in getattr(adr, key))
    if key == "status":
        return lambda adr: (adr.status or "none").startswith(wanted)
    if key == "date":
        return lambda adr: (adr.date or "").startswith(wanted)
    return lambda adr: wanted in adr.title.casefold()


class SearchService:
    """Owns the search index of one folder for the app's lifetime (thread-safe)."""

    def __init__(self, folder: Path, cache_dir: Path | None = None) -> None:
        self.folder = folder
        self.cache_dir = cache_dir
        self._index: Any = None
        self._lock = threading.Lock()
        self._syncing = False
        self.error: str | None = None

    @property
    def ready(self) -> bool:
        return self._index is not None and not self._syncing

    def sync(self, adrs: Sequence[Adr], progress: Callable[[int, int], None]) -> str:
        """Bring the index up to date with ``adrs``; returns a one-line summary."""
        from adrtui.domain.search import SearchIndex

        self._syncing = True
        try:
            with self._lock:
                if self._index is None:
                    self._index = SearchIndex.open(self.folder, cache_dir=self.cache_dir)
                report = self._index.sync(list(adrs), progress)
            self.error = None
            return _summary(report)
        finally:
            self._syncing = False

    def search(self, text: str, adrs: Sequence[Adr]) -> SearchOutcome:
        """The ADRs matching ``text``, from the index when it is ready, else from memory."""
        if not self.ready:
            return memory_search(adrs, text)
        with self._lock:
            result = self._index.search(text, limit=max(len(adrs), 1), highlight=False)
        paths = tuple(hit.rel_path for hit in result.hits)
        words = tuple(getattr(result, "words", ()) or ())
        error = getattr(result, "error", None)
        return SearchOutcome(
            text=text,
            paths=paths,
            words=words,
            total=getattr(result, "total", len(paths)),
            error=error,
        )

    def close(self) -> None:
        with self._lock:
            index, self._index = self._index, None
        closer = getattr(index, "close", None)
        if callable(closer):
            closer()


def _summary(report: Any) -> str:
    if report is None:
        return ""
    parts = []
    for name in ("added", "updated", "removed"):
        value = getattr(report, name, None)
        count = len(value) if isinstance(value, (list, tuple, set, frozenset)) else value
        if isinstance(count, int) and count:
            parts.append(f"{count} {name}")
    return ", ".join(parts)
