"""Search words as highlights where the domain gives no highlighter (word prefixes).

The answer to a search is the domain's one result type,
:class:`adrtui.domain.search.SearchResult`, from the index or from memory alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from adrtui.domain.search import SpanFinder


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
