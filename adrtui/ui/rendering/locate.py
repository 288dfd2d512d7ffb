"""Where things are in a rendered document: its links, its headings, phrases across lines.

Rich draws links as terminal hyperlinks; :func:`relink` replaces each by an index
in the style's meta (the app follows links itself, never the terminal) and notes
where every link and heading was drawn, so ``f``/``F`` can step through links and
``#heading`` links can scroll. Pure functions over segments, run in the render worker.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.segment import Segment
from rich.style import Style

from adrtui.domain.search import SpanFinder

Line = tuple[Segment, ...]

#: A heading's text carries this link (under any link it holds) so its line can be found.
HEADING_MARK = "adrtui-heading:"


#: How much of each side of a line break a phrase wrapped over two lines is looked for in.
_WRAP_WINDOW = 80


def wrapped_hits(
    plain: Sequence[str], find_spans: SpanFinder, marked: dict[int, list[tuple[int, int]]]
) -> list[tuple[int, int, int]]:
    """Phrases wrapped over a line end: the hit is the piece on the first line; the piece
    on the next line is marked too (``marked`` gains both)."""
    hits = []
    for index in range(len(plain) - 1):
        before, after = plain[index].rstrip(), plain[index + 1]
        indent = len(after) - len(after.lstrip())
        if not before or indent == len(after):
            continue
        tail = before[-_WRAP_WINDOW:]
        cut = len(tail)
        for start, end in find_spans(f"{tail} {after[indent : indent + _WRAP_WINDOW]}"):
            if start < cut < end:
                first = (len(before) - cut + start, len(before))
                hits.append((index, *first))
                marked.setdefault(index, []).append(first)
                marked.setdefault(index + 1, []).append((indent, indent + end - cut - 1))
    return hits


class Found:
    """Links and headings met while relinking, in drawing order."""

    def __init__(self) -> None:
        self.pieces: list[tuple[int, int, int, int]] = []  # (href, line, start, end)
        self.anchors: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        self.last_heading: tuple[str, int] | None = None

    def heading(self, slug: str, line: int) -> None:
        last, self.last_heading = self.last_heading, (slug, line)
        if last is not None and last[0] == slug and last[1] >= line - 1:
            return  # the same heading, wrapped onto another line
        seen = self.counts.get(slug, 0)
        self.counts[slug] = seen + 1
        self.anchors[f"{slug}-{seen}" if seen else slug] = line

    def link_spans(
        self, plain: Sequence[str]
    ) -> tuple[tuple[int, tuple[tuple[int, int, int], ...]], ...]:
        """Pieces joined into links: touching pieces of one href, or one wrapped at a line end."""
        spans: list[tuple[int, list[tuple[int, int, int]]]] = []
        for href, line, start, end in self.pieces:
            if spans and spans[-1][0] == href:
                last_line, _last_start, last_end = spans[-1][1][-1]
                same_line = last_line == line and last_end == start
                wrapped = (
                    last_line == line - 1
                    and not plain[last_line][last_end:].strip()
                    and not plain[line][:start].strip()
                )
                if same_line:
                    spans[-1][1][-1] = (line, _last_start, end)
                    continue
                if wrapped:
                    spans[-1][1].append((line, start, end))
                    continue
            spans.append((href, [(line, start, end)]))
        return tuple((href, tuple(pieces)) for href, pieces in spans)


def relink(line: Iterable[Segment], links: list[str], y: int, found: Found) -> Line:
    """Replace terminal hyperlinks by an index in the style meta (handled in-app on click);
    note where each link and heading is drawn."""
    result: list[Segment] = []
    offset = 0
    for segment in line:
        style = segment.style
        size = len(segment.text)
        if style is not None and style.link:
            href = style.link
            style = style.update_link(None)
            if href.startswith(HEADING_MARK):
                found.heading(href[len(HEADING_MARK) :], y)
            else:
                try:
                    index = links.index(href)
                except ValueError:
                    index = len(links)
                    links.append(href)
                style += Style.from_meta({"href": index})
                if segment.text.strip():
                    found.pieces.append((index, y, offset, offset + size))
            segment = Segment(segment.text, style, segment.control)
        result.append(segment)
        offset += size
    return tuple(result)
