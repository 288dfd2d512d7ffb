"""Render an ADR's Markdown to styled lines, off the UI thread, fast at any size.

Why not Textual's ``Markdown`` widget: it mounts one widget per block, measured
here at ≈0.25 s for a 2 KB ADR and 5.4 s for 30 KB, during which keys queue up.
Rich's Markdown renders the same 30 KB to lines in ≈0.09 s in a thread; the
view then draws only the visible lines (Textual's line API). Rendering to lines
also gives what the detail pane needs: search words highlighted anywhere (code
and tables included), the position of every hit for ``n``/``N``, and links
turned into in-app navigation (their target is kept in the style's meta, never
opened by the terminal).

Everything here is pure: text in, lines out; no Textual widget is touched.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from rich.cells import chop_cells
from rich.console import Console, ConsoleOptions, RenderResult
from rich.markdown import Heading, Markdown, TableElement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table

from adrtui.ui.rendering.html import show_html
from adrtui.ui.rendering.html_inline import convert_inline
from adrtui.ui.rendering.locate import HEADING_MARK, Found, Line, relink, wrapped_hits
from adrtui.ui.rendering.repeated import HeaderFacts, hide_repeated
from adrtui.ui.state import SpanFinder, spans_of_words
from adrtui.ui.state.links import heading_slug
from adrtui.ui.theme import Palette

#: Larger bodies are shown as plain text: Markdown layout of megabytes is not worth the wait.
MARKDOWN_LIMIT = 256 * 1024
#: Larger bodies are cut (with a note saying so); the editor shows the whole file.
DISPLAY_LIMIT = 1024 * 1024
#: The first chunk rendered on its own for big documents, so the top paints at once.
HEAD_CHUNK = 6 * 1024


class _LeftHeading(Heading):
    """Headings aligned left (Rich centres ``h1``), which reads better in a narrow pane."""

    LEVEL_ALIGN = dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "left")  # noqa: RUF012

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # Under any link the heading holds: the first marked line is where ``#slug`` goes.
        self.text.stylize_before(Style(link=HEADING_MARK + heading_slug(self.text.plain)))
        yield from super().__rich_console__(console, options)


class _Table(TableElement):
    """Tables; one written in HTML without a header row is drawn without an empty one."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for table in super().__rich_console__(console, options):
            if isinstance(table, Table) and self.header is None:
                table.show_header = False
            yield table


class AdrMarkdown(Markdown):
    """Rich's Markdown with left headings, and HTML and images made visible (see ``html``)."""

    elements = {**Markdown.elements, "heading_open": _LeftHeading, "table_open": _Table}  # noqa: RUF012

    def __init__(self, markup: str, code_theme: str, facts: HeaderFacts | None = None) -> None:
        super().__init__(markup, code_theme=code_theme, hyperlinks=True)
        #: Body lines (0-based) left out because the header shows them.
        self.hidden: frozenset[int] = frozenset()
        #: The slug of the title heading left out (a ``#slug`` link to it goes to the top).
        self.hidden_title = ""
        parsed = self.parsed
        if facts is not None:
            first = parsed[0] if parsed and parsed[0].type == "heading_open" else None
            parsed, self.hidden = hide_repeated(parsed, facts)
            if first is not None and all(token is not first for token in parsed):
                self.hidden_title = heading_slug(self.parsed[1].content)
        self.parsed = show_html(parsed, markup)


@dataclass(frozen=True, eq=False)
class RenderedDocument:
    """A document as lines of segments, with its links and search hits located."""

    lines: tuple[Line, ...] = ()
    #: Link targets; a link's segments carry ``{"href": index}`` in their style meta.
    links: tuple[str, ...] = ()
    #: Every link as drawn, in reading order: ``(href index, ((line, start, end), …))``
    #: (a link wrapped over two lines has two pieces).
    link_spans: tuple[tuple[int, tuple[tuple[int, int, int], ...]], ...] = ()
    #: Heading slugs (GitHub's, ``-1`` for repeats) → the line the heading starts on.
    anchors: Mapping[str, int] = field(default_factory=dict)
    #: Every search hit as ``(line, start, end)`` character offsets within the line.
    hits: tuple[tuple[int, int, int], ...] = ()
    width: int = 0
    #: Source lines of the body (0-based) not drawn: the header shows them.
    hidden: frozenset[int] = frozenset()
    #: Said above the text when it is not the whole document as Markdown.
    note: str = ""
    #: True when only the head of the document has been rendered so far.
    partial: bool = False
    plain: tuple[str, ...] = field(default=(), repr=False)


def _console(width: int, palette: Palette) -> Console:
    return Console(
        width=max(width, 10),
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        theme=palette.markdown,
        emoji=False,
        highlight=False,
        markup=False,
        soft_wrap=False,
    )


def head_of(text: str, size: int = HEAD_CHUNK) -> str | None:
    """The first ``size``-ish characters cut at a blank line outside code fences, or None."""
    if len(text) <= size * 2:
        return None
    in_fence = False
    position = 0
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            in_fence = not in_fence
        position += len(line)
        if position >= size and not in_fence and not stripped.strip():
            return text[:position]
    return None


def render_document(
    text: str,
    width: int,
    palette: Palette,
    find_spans: SpanFinder | None = None,
    *,
    partial: bool = False,
    facts: HeaderFacts | None = None,
) -> RenderedDocument:
    """Render cleaned Markdown ``text`` at ``width`` cells, search matches highlighted.

    ``facts`` (what the detail header shows) leaves out the title heading and the
    status and date lines that say nothing more than the header.
    """
    note = ""
    if len(text) > DISPLAY_LIMIT:
        note = f"first {DISPLAY_LIMIT // 1024} KB of {len(text) // 1024} KB shown, as text"
        text = text[:DISPLAY_LIMIT]
    console = _console(width, palette)
    options = console.options.update(width=max(width, 10))
    raw_lines: list[list[Segment]]
    hidden: frozenset[int] = frozenset()
    hidden_title = ""
    if len(text) > MARKDOWN_LIMIT:
        note = note or f"over {MARKDOWN_LIMIT // 1024} KB: shown as plain text"
        raw_lines = plain_lines(text, width)
    else:
        try:
            markdown = AdrMarkdown(text, palette.code_theme, facts)
            raw_lines = console.render_lines(markdown, options, pad=False)
            hidden, hidden_title = markdown.hidden, markdown.hidden_title
        except Exception:  # noqa: BLE001 - pathological Markdown (deep nesting) must still show
            note = "Markdown layout failed: shown as plain text"
            raw_lines = plain_lines(text, width)
    while raw_lines and not "".join(segment.text for segment in raw_lines[0]).strip():
        del raw_lines[0]  # Rich opens a list (or a left-out title) with a blank line
    links: list[str] = []
    found = Found()
    lines = [relink(line, links, y, found) for y, line in enumerate(raw_lines)]
    plain = ["".join(segment.text for segment in line) for line in lines]
    hits: list[tuple[int, int, int]] = []
    if find_spans is not None:
        marked: dict[int, list[tuple[int, int]]] = {}
        for index, line_text in enumerate(plain):
            spans = [(a, b) for a, b in find_spans(line_text) if b > a]
            if spans:
                hits.extend((index, start, end) for start, end in spans)
                marked[index] = spans
        if getattr(find_spans, "multiword", False):
            hits.extend(wrapped_hits(plain, find_spans, marked))
            hits.sort()
        for index, spans in marked.items():
            lines[index] = restyle(lines[index], spans, palette.hit)
    return RenderedDocument(
        lines=tuple(lines),
        links=tuple(links),
        link_spans=found.link_spans(plain),
        hidden=hidden,
        anchors={hidden_title: 0, **found.anchors} if hidden_title else found.anchors,
        hits=tuple(hits),
        width=width,
        note=note,
        partial=partial,
        plain=tuple(plain),
    )


_INLINE = MarkdownIt("commonmark")


def inline_plain(text: str) -> str:
    """One line of inline Markdown as the text a reader sees: links as their text,
    emphasis and code markers gone, images as their placeholder, on one line."""
    try:
        tokens = _INLINE.parseInline(text[:2000])
    except Exception:  # noqa: BLE001 - a header must show whatever the file holds
        return " ".join(text.split())
    pieces: list[str] = []
    for token in tokens:
        for child in convert_inline(token.children or ()):
            if child.type in {"text", "code_inline"}:
                pieces.append(child.content)
            elif child.type in {"softbreak", "hardbreak"}:
                pieces.append(" ")
    return " ".join("".join(pieces).split())


def plain_lines(text: str, width: int) -> list[list[Segment]]:
    """Hard-wrap text at ``width`` cells, fast enough for megabytes (no word wrapping)."""
    width = max(width, 10)
    lines: list[list[Segment]] = []
    for raw in text.expandtabs(4).split("\n"):
        if len(raw) <= width and raw.isascii():
            lines.append([Segment(raw)])
        elif raw.isascii():
            lines.extend([Segment(piece)] for piece in _wrap_ascii(raw, width))
        else:
            lines.extend([Segment(piece)] for piece in chop_cells(raw, width) or [""])
    return lines


def _wrap_ascii(line: str, width: int) -> list[str]:
    """Break at the last space that fits (or hard, for a word longer than the line)."""
    pieces = []
    start = 0
    while len(line) - start > width:
        cut = line.rfind(" ", start, start + width + 1)
        if cut <= start:
            cut = start + width
            pieces.append(line[start:cut])
            start = cut
        else:
            pieces.append(line[start:cut])
            start = cut + 1
    pieces.append(line[start:])
    return pieces


def restyle(line: Iterable[Segment], spans: Sequence[tuple[int, int]], style: Style) -> Line:
    """``line`` with ``style`` added over the character ranges in ``spans``."""
    result: list[Segment] = []
    offset = 0
    for segment in line:
        text = segment.text
        end = offset + len(text)
        cuts = {0, len(text)}
        for start, stop in spans:
            if start < end and stop > offset:
                cuts.add(max(start, offset) - offset)
                cuts.add(min(stop, end) - offset)
        ordered = sorted(cuts)
        for left, right in zip(ordered, ordered[1:], strict=False):
            piece = text[left:right]
            if not piece:
                continue
            absolute = offset + left
            inside = any(start <= absolute < stop for start, stop in spans)
            base = segment.style or Style()
            result.append(Segment(piece, base + style if inside else base, segment.control))
        offset = end
    return tuple(result)


_WARM_UP = """# Warm-up

Some *text* with `code`, a [link](x.md) and a list:

- one
- two

| a | b |
|---|---|
| 1 | 2 |

```python
def f():
    return 1
```
"""


def warm_up(palette: Palette) -> None:
    """Render a tiny document once so the first real one does not pay for imports.

    Rich's Markdown and Pygments' lexers load lazily on first use (≈0.1 s here);
    the app calls this from a worker at start-up.
    """
    render_document(_WARM_UP, 60, palette, spans_of_words(["text"]))
