"""The one-line excerpt of an ADR's best search hit, for the detail header.

Taken from the rendered body (what the reader sees, phrases matched as phrases),
not from the file: the line holding the most hits, cut around its first hit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

#: The excerpt is at most this many characters (the header cuts it to its width too).
SNIPPET_CHARS = 100


def best_snippet(
    plain: Sequence[str],
    hits: Sequence[tuple[int, int, int]],
    style: Style,
    limit: int = SNIPPET_CHARS,
) -> Text | None:
    """The excerpt of the line with the most hits, its hits in ``style`` (None: no hits)."""
    if not hits:
        return None
    counts = Counter(line for line, _start, _end in hits)
    best = max(counts, key=lambda line: (counts[line], -line))
    if not 0 <= best < len(plain):
        return None
    line = plain[best]
    spans = [(start, end) for index, start, end in hits if index == best]
    left = len(line) - len(line.lstrip())
    right = len(line.rstrip())
    first = spans[0][0]
    start = max(left, min(first - limit // 4, right - limit))
    end = min(right, start + limit)
    text = Text(("…" if start > left else "") + line[start:end] + ("…" if end < right else ""))
    shift = 1 if start > left else 0
    for span_start, span_end in spans:
        a, b = max(span_start, start), min(span_end, end)
        if a < b:
            text.stylize(style, a - start + shift, b - start + shift)
    return text
