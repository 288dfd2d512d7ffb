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
    # The hit's line with its neighbours of the same paragraph (a wrapped line is short).
    pieces: list[str] = []
    offsets: dict[int, int] = {}  # rendered line → where its text starts in ``line``
    for index in (best - 1, best, best + 1):
        if 0 <= index < len(plain) and plain[index].strip():
            own = plain[index]
            position = sum(len(piece) + 1 for piece in pieces)
            offsets[index] = position - (len(own) - len(own.lstrip()))
            pieces.append(own.strip())
        elif index < best:
            continue
        else:
            break
    line = " ".join(pieces)
    spans = [(a + offsets[i], b + offsets[i]) for i, a, b in hits if i in offsets]
    first = next(a + offsets[best] for i, a, _b in hits if i == best)
    start = max(0, min(first - limit // 4, len(line) - limit))
    if start:
        space = line.find(" ", start, first)
        start = space + 1 if space >= 0 else start  # begin with a whole word
    end = min(len(line), start + limit)
    text = Text(("…" if start else "") + line[start:end] + ("…" if end < len(line) else ""))
    shift = 1 if start else 0
    for span_start, span_end in spans:
        a, b = max(span_start, start), min(span_end, end)
        if a < b:
            text.stylize(style, a - start + shift, b - start + shift)
    return text
