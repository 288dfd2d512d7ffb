"""One search's answer as the browser holds it, and how its matches are found in text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

#: Finds the ``(start, end)`` spans of search matches in a line of text.
SpanFinder = Callable[[str], list[tuple[int, int]]]


class SearchAnswer(Protocol):
    """What the browser reads from the answer to a search (whoever produced it)."""

    @property
    def text(self) -> str:
        """The query as typed."""

    @property
    def paths(self) -> tuple[str, ...]:
        """The matching ADRs, best first when ``ranked``."""

    @property
    def error(self) -> str | None: ...

    @property
    def approximate(self) -> bool: ...

    @property
    def fuzzy(self) -> bool: ...

    @property
    def ranked(self) -> bool: ...

    def span_finder(self) -> SpanFinder | None:
        """How to find the matches in a line of text (``None``: nothing to find)."""


@dataclass(frozen=True)
class SearchOutcome:
    """The answer to one search: matching paths (best first) and the words to highlight."""

    text: str
    paths: tuple[str, ...]
    words: tuple[str, ...] = ()
    total: int = 0
    #: A message for the user when the query could not be run as written.
    error: str | None = None
    #: True when the answer may be incomplete (answered from memory, capped prefix).
    approximate: bool = False
    #: Finds the matched words in any text (the index's own analysis); when
    #: ``None``, ``words`` are highlighted as word prefixes.
    spans: SpanFinder | None = field(default=None, compare=False)
    #: True when nothing matched as typed and one-typo variants were used.
    fuzzy: bool = False
    #: True when ``paths`` are in relevance order (asked for only by the relevance sort).
    ranked: bool = False

    def span_finder(self) -> SpanFinder | None:
        """How to locate this search's matches in a line of text (None: nothing to find)."""
        if self.spans is not None:
            return self.spans
        return spans_of_words(self.words)


def spans_of_words(words: Iterable[str]) -> SpanFinder | None:
    """A span finder matching ``words`` as case-insensitive word prefixes."""
    pattern = words_pattern(words)
    if pattern is None:
        return None
    return lambda text: [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern matching any search word as a word prefix."""
    cleaned = sorted({w.strip() for w in words if w and w.strip()}, key=len, reverse=True)
    if not cleaned:
        return None
    alternatives = "|".join(re.escape(w) for w in cleaned)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)
