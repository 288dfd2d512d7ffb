"""The outline of a Markdown document: one reading of its block structure, line by line.

Every part of adrtui that needs to know "is this line code, a heading, a comment?"
(the parser's scanner, reference finding in :mod:`adrtui.domain.relations.resolve`, the
status locator in :mod:`adrtui.domain.writing.status` and the templates) asks this module,
so they can no longer disagree about where a fence ends or what a section holds.

Line numbers are **0-based indices** into ``text.split("\\n")`` and every span is
**half-open** (``start`` included, ``end`` excluded), like ``range``. Lines split on
``\\n`` only (a ``\\r`` stays at the end of its line and counts as blank space), so
the numbers agree with editors and with :func:`split_lines` (the lines with their endings).

What it reads, following CommonMark where CommonMark speaks:

* front matter: ``---`` (closed by ``---`` or ``...``) or ``+++`` on the very first
  line; only the span (the content is loaded by :mod:`.frontmatter`);
* ATX headings (up to three spaces, ``#`` to ``######`` then a space or the end, the
  closing ``#`` run dropped only after a space) and setext headings (a paragraph
  underlined by ``===`` or ``---``); each heading's section (to the next heading of
  the same or a higher level) and its own content (to the next heading of any level);
* fenced code: three or more backticks or tildes, up to three spaces of indent (or
  inside a list item, relative to its content), info string (none with a backtick
  for backtick fences), closed by the same character at least as many times with
  nothing after; an unclosed fence runs to the end of its container;
* HTML comments starting a line (``<!--`` … the line holding ``-->``);
* GFM tables (header row, delimiter row with as many cells, rows as cells), list
  items, thematic breaks;
* containers: blockquotes (with lazy continuation lines), GitHub alerts
  (``> [!NOTE]``), Docusaurus directives (``:::note Title`` … ``:::``, nested by
  colon count) and MkDocs admonitions (``!!! note "Title"`` / ``??? note`` with
  four-space content). Lines inside a container are of its kind (``QUOTE`` or
  ``ADMONITION``) except code and comments, which keep ``FENCE``/``CODE``/``COMMENT``
  so "is line i code?" is always right; headings inside containers are no sections.

Not read: indented code blocks (a four-space paragraph in a loose list is far more
common in ADRs than indented code, and telling the two apart needs a full container
parser), inline structure other than code spans (:meth:`Outline.code_ranges`).

**Why our own line pass and not markdown-it-py.** Measured on this machine over the
real corpora (``/work/shared/corpora``, 314 files, 1.85 MB): markdown-it-py 4.0's
block parser alone (``md.block.parse``) reads 3.8 MB/s and the full ``md.parse``
2.3 MB/s (2.4 MB/s block-only on the benchmark's synthetic ADRs), i.e. ~9-14 s for
the 33 MB parse benchmark whose whole budget is 3 s (1.43 s today). This single
pass reads the real corpora at ~55-60 MB/s and the synthetic ADRs at ~85-90 MB/s
(~0.4 s for the 33 MB), and it needs no token stream: the consumers want line
kinds and spans, which one pass over ``str.split`` gives directly. Every step is
linear in the line's length (no backtracking regex on unbounded text), so hostile
input (a 2 MB line, 100,000 unclosed fences) stays linear; it never raises.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple

# ------------------------------------------------------------------ line kinds

#: Line kinds, as stored in :attr:`Outline.kinds` (a ``bytearray``: one byte a line).
BLANK = 0  #: empty or only whitespace (outside code)
TEXT = 1  #: paragraph text (also list continuation lines)
HEADING = 2  #: an ATX heading, or a line of a setext heading's text
UNDERLINE = 3  #: a setext heading's ``===`` / ``---`` line
FENCE = 4  #: an opening or closing code fence line
CODE = 5  #: a line inside a fenced code block
COMMENT = 6  #: a line of an HTML comment block
FRONT_MATTER = 7  #: front matter, its delimiters included
TABLE = 8  #: a GFM table row (header, delimiter and body rows)
LIST = 9  #: the first line of a list item
QUOTE = 10  #: a blockquote or GitHub alert line
ADMONITION = 11  #: a directive (``:::``) or MkDocs admonition line, markers included
RULE = 12  #: a thematic break (``---``, ``***``, ``___``)

KIND_NAMES = (
    "blank",
    "text",
    "heading",
    "underline",
    "fence",
    "code",
    "comment",
    "front-matter",
    "table",
    "list",
    "quote",
    "admonition",
    "rule",
)


# ------------------------------------------------------------------ the parts


class Heading(NamedTuple):
    """A heading. ``line`` is its first line (a setext heading's text may take several);
    ``underline`` is the setext underline's line (-1 for ATX). ``content_end`` is the next
    heading of any level, ``section_end`` the next of the same or a higher level."""

    line: int
    level: int
    text: str
    setext: bool = False
    underline: int = -1
    content_end: int = 0
    section_end: int = 0

    @property
    def last_line(self) -> int:
        """The heading's own last line (the underline of a setext heading)."""
        return self.underline if self.setext else self.line

    @property
    def section(self) -> range:
        """The lines the heading owns, itself and its sub-sections included."""
        return range(self.line, self.section_end)


class Fence(NamedTuple):
    """A fenced code block from its opening line ``line`` to ``end`` (past the closing
    fence, or the end of its container when unclosed)."""

    line: int
    end: int
    char: str
    width: int
    info: str
    indent: int
    closed: bool

    @property
    def lang(self) -> str:
        """The info string's first word, lowercased (``yaml`` for ```` ```yaml title ````)."""
        word = self.info.split(None, 1)[0] if self.info else ""
        return word.strip("{}.").lower()

    @property
    def content(self) -> range:
        """The code lines, fences excluded."""
        return range(self.line + 1, self.end - 1 if self.closed else self.end)


class Span(NamedTuple):
    """A run of lines ``[start, end)`` (an HTML comment)."""

    start: int
    end: int


class FrontMatter(NamedTuple):
    """Front matter lines ``[start, end)`` (delimiters included); ``delimiter`` is
    ``---`` (YAML) or ``+++`` (TOML)."""

    start: int
    end: int
    delimiter: str

    @property
    def content(self) -> range:
        return range(self.start + 1, self.end - 1)


class Table(NamedTuple):
    """A GFM table over lines ``[start, end)``; ``rows`` are the header then the body
    rows (the delimiter row, line ``start + 1``, is left out), each as stripped cells
    (escaped pipes stay escaped)."""

    start: int
    end: int
    rows: tuple[tuple[str, ...], ...]

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0]

    def row_line(self, index: int) -> int:
        """The line of ``rows[index]``."""
        return self.start if index == 0 else self.start + 1 + index


class ListItem(NamedTuple):
    """A list item's first line: ``marker`` is ``-``/``*``/``+``, or ``.``/``)`` after
    ``number`` for an ordered item; ``text`` follows the marker."""

    line: int
    indent: int
    marker: str
    number: int | None
    text: str


class Block(NamedTuple):
    """A container over lines ``[start, end)``. ``kind``: ``quote``, ``alert``
    (``> [!NOTE]``), ``directive`` (``:::note``) or ``admonition`` (``!!! note``);
    ``type`` the lowercased word (``note``, ``warning``; empty for a plain quote)
    and ``title`` what follows it (``Superseded`` in ``:::note Superseded``)."""

    kind: str
    start: int
    end: int
    type: str = ""
    title: str = ""


# ------------------------------------------------------------------ the outline


class Outline:
    """The block structure of one document (see the module docstring for the rules).

    ``kinds[i]`` answers "what is line i" in O(1); the lists give each part with
    its lines. Offsets (``line_starts``) are computed on first use only.
    """

    __slots__ = (
        "text",
        "lines",
        "kinds",
        "front_matter",
        "_raw_headings",
        "_headings",
        "fences",
        "comments",
        "tables",
        "_items",
        "_list_items",
        "blocks",
        "_starts",
        "_heading_lines",
        "_by_line",
        "_fence_lines",
    )

    def __init__(
        self,
        text: str,
        lines: list[str],
        kinds: bytearray,
        front_matter: FrontMatter | None = None,
        headings: Sequence[tuple[int, int, str, int]] = (),
        fences: tuple[Fence, ...] = (),
        comments: tuple[Span, ...] = (),
        tables: tuple[Table, ...] = (),
        list_items: Sequence[tuple[int, int, str, int | None, str | None]] = (),
        blocks: tuple[Block, ...] = (),
    ) -> None:
        self.text = text
        self.lines = lines
        self.kinds = kinds
        self.front_matter = front_matter
        self._raw_headings = headings  # (line, level, text, underline or -1)
        self._headings: tuple[Heading, ...] | None = None
        self.fences = fences
        self.comments = comments
        self.tables = tables
        self._items = list_items
        self._list_items: tuple[ListItem, ...] | None = None
        self.blocks = blocks
        self._starts: list[int] | None = None
        self._heading_lines: list[int] | None = None
        self._by_line: dict[int, Heading] | None = None
        self._fence_lines: list[int] | None = None

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def headings(self) -> tuple[Heading, ...]:
        """Every document heading, in order, with its section (made on first use:
        a caller asking only line kinds or code ranges never pays for them)."""
        headings = self._headings
        if headings is None:
            headings = self._headings = _sections(self._raw_headings, len(self.lines))
        return headings

    @property
    def heading_marks(self) -> Sequence[tuple[int, int, str, int]]:
        """Each heading as ``(line, level, text, underline or -1)``, in order: the
        headings without their sections, for a single pass that needs no more."""
        return self._raw_headings

    @property
    def list_items(self) -> tuple[ListItem, ...]:
        """Every list item's first line, in order (made on first use: most callers
        only ask the line kinds, and ADRs are mostly lists)."""
        items = self._list_items
        if items is None:
            lines = self.lines
            items = self._list_items = tuple(
                ListItem(i, indent, marker, number, lines[i].lstrip(" \t")[1:].strip())
                if text is None
                else ListItem(i, indent, marker, number, text)
                for i, indent, marker, number, text in self._items
            )
        return items

    def kind(self, line: int) -> int:
        return self.kinds[line]

    def is_code(self, line: int) -> bool:
        """Inside a fenced code block (its fence lines included)."""
        return self.kinds[line] in (FENCE, CODE)

    # -- headings ------------------------------------------------------------

    def heading_at(self, line: int) -> Heading | None:
        """The heading written on ``line`` (any line of a setext heading, underline too)."""
        by_line = self._by_line
        if by_line is None:
            by_line = {}
            for heading in self.headings:
                for i in range(heading.line, heading.last_line + 1):
                    by_line[i] = heading
            self._by_line = by_line
        return by_line.get(line)

    def fence_at(self, line: int) -> Fence | None:
        """The fenced block holding ``line`` (its fence lines included), if any."""
        if self.kinds[line] not in (FENCE, CODE):
            return None
        starts = self._fence_lines
        if starts is None:
            starts = self._fence_lines = [f.line for f in self.fences]
        index = bisect_right(starts, line) - 1
        return self.fences[index] if index >= 0 else None

    def section_of(self, line: int) -> Heading | None:
        """The innermost heading whose section holds ``line`` (``None`` before the first)."""
        lines = self._heading_lines
        if lines is None:
            lines = self._heading_lines = [h.line for h in self.headings]
        index = bisect_right(lines, line) - 1
        return self.headings[index] if index >= 0 else None

    def first_heading(self, level: int = 1, *, setext: bool = False) -> Heading | None:
        """The first heading of ``level`` (ATX only unless ``setext``)."""
        for heading in self.headings:
            if heading.level == level and (setext or not heading.setext):
                return heading
        return None

    # -- offsets -------------------------------------------------------------

    @property
    def line_starts(self) -> list[int]:
        """Character offset of each line's first character in ``text``."""
        starts = self._starts
        if starts is None:
            starts = list(accumulate(map((1).__add__, map(len, self.lines)), initial=0))
            starts.pop()
            self._starts = starts
        return starts

    def line_of(self, offset: int) -> int:
        """The line holding character ``offset``."""
        return max(bisect_right(self.line_starts, offset) - 1, 0)

    def offset_of(self, line: int) -> int:
        """Offset of ``line``'s first character (``len(text)`` past the last line)."""
        if line >= len(self.lines):
            return len(self.text)
        return self.line_starts[max(line, 0)]

    def code_ranges(self, *, comments: bool = False) -> list[tuple[int, int]]:
        """Character ranges ``[start, end)`` of code: fenced blocks and inline code spans,
        and HTML comment blocks too with ``comments`` (text no reader sees).

        A code span opens with a run of backticks and closes at the next run of
        exactly as many, within one block (it never crosses a blank line, a
        heading, a table row or a fence). Sorted and non-overlapping.
        """
        text = self.text
        ranges: list[tuple[int, int]] = []
        for fence in self.fences:
            ranges.append((self.offset_of(fence.line), self.offset_of(fence.end)))
        if comments and self.comments:
            for span in self.comments:
                ranges.append((self.offset_of(span.start), self.offset_of(span.end)))
            ranges.sort()
        if "`" not in text:
            return ranges
        classes = self.kinds.translate(_SPAN_CLASSES)
        starts = self.line_starts
        n = len(self.lines)
        spans: list[tuple[int, int]] = []
        for group in _SPAN_GROUP.finditer(classes):
            a = starts[group.start()]
            b = starts[group.end()] if group.end() < n else len(text)
            if text.find("`", a, b) < 0:
                continue
            spans.extend(_code_spans(text, a, b))
        if spans:
            ranges = sorted(ranges + spans)
        return ranges


#: Kinds mapped to groups a code span may run through (``t`` text continues a ``l``
#: list item or a paragraph; quotes and admonitions continue their own kind).
_SPAN_CLASSES = bytes.maketrans(bytes(range(13)), b".th.....hlqa.")
_SPAN_GROUP = re.compile(rb"[lt]t*|q+|a+|h")
_TICKS = re.compile(r"`+")


def _code_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Inline code spans in ``text[start:end]``: each run pairs with the next run of
    the same length (one pass, so a thousand unmatched runs cost nothing extra)."""
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(text, start, end)]
    if len(runs) < 2:
        return []
    following: list[int] = [-1] * len(runs)
    last: dict[int, int] = {}
    for index in range(len(runs) - 1, -1, -1):
        length = runs[index][1] - runs[index][0]
        following[index] = last.get(length, -1)
        last[length] = index
    spans = []
    index = 0
    while index < len(runs):
        close = following[index]
        if close < 0:
            index += 1
            continue
        spans.append((runs[index][0], runs[close][1]))
        index = close + 1
    return spans


# ------------------------------------------------------------------ building it

#: First characters after which a line may be more than paragraph text.
_SPECIAL = frozenset(" \t\r\f\v#`~<>|:!?=-*+_0123456789") | {""}
_GAP = frozenset(("", " ", "\t", "\r", "-", "*", "_"))
_ORDERED = re.compile(r"(\d{1,9})([.)])(?=[ \t\r]|$)")
_DELIMITER = re.compile(r"\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")
_PIPE = re.compile(r"(?<!\\)\|")
_ALERT = re.compile(r"\[!([A-Za-z][\w-]*)\][+-]?(?:[ \t]+(.*))?$")
_MKDOCS = re.compile(r"(?:!!!|\?\?\?\+?)[ \t]+([A-Za-z][\w-]*)(.*)")
_DIRECTIVE = re.compile(r"([A-Za-z][\w-]*)(.*)")
_QUOTED = re.compile(r"\"([^\"]*)\"|'([^']*)'")


def _cells(row: str) -> tuple[str, ...]:
    text = row.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return tuple(cell.strip() for cell in _PIPE.split(text))


def _indent(line: str, stripped: str) -> int:
    width = len(line) - len(stripped)
    if width and "\t" in line[:width]:
        return len(line[:width].expandtabs(4))
    return width


def _dedent(line: str, columns: int) -> str:
    """``line`` without its first ``columns`` columns of indentation."""
    if "\t" in line[:columns]:
        stripped = line.lstrip(" \t")
        prefix = line[: len(line) - len(stripped)].expandtabs(4)
        return prefix[columns:] + stripped
    return line[columns:]


def _front_matter(lines: list[str]) -> FrontMatter | None:
    first = lines[0].lstrip("\ufeff").rstrip() if lines else ""
    if first not in ("---", "+++") or len(lines) < 2:
        return None
    closers = ("---", "...") if first == "---" else ("+++",)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in closers:
            return FrontMatter(0, index + 1, first)
    return None


def _heading_text(stripped: str) -> tuple[int, str] | None:
    """``(level, text)`` of an ATX heading line (indent already removed), else ``None``."""
    rest = stripped.lstrip("#")
    level = len(stripped) - len(rest)
    if level > 6 or level < 1 or (rest and rest[0] not in " \t\r"):
        return None
    text = rest.strip()
    if text[-1:] == "#":
        bare = text.rstrip("#")
        if not bare or bare[-1] in " \t":
            text = bare.rstrip()
    return level, text


def _fence_open(stripped: str) -> tuple[str, int, str] | None:
    """``(char, width, info)`` when ``stripped`` opens a code fence."""
    char = stripped[:1]
    if char not in ("`", "~"):
        return None
    width = len(stripped) - len(stripped.lstrip(char))
    if width < 3:
        return None
    info = stripped[width:].strip()
    if char == "`" and "`" in info:
        return None
    return char, width, info


def _closes(stripped: str, char: str, width: int) -> bool:
    tail = stripped.rstrip()
    return len(tail) >= width and tail[0] == char and not tail.strip(char)


def _build(text: str, front_matter: bool) -> Outline:
    lines = text.split("\n")
    n = len(lines)
    kinds = bytearray(n)
    headings: list[tuple[int, int, str, int]] = []  # (line, level, text, underline)
    fences: list[Fence] = []
    comments: list[Span] = []
    tables: list[Table] = []
    items: list[tuple[int, int, str, int | None, str | None]] = []
    blocks: list[Block] = []

    front = _front_matter(lines) if front_matter else None
    first = 0
    if front is not None:
        first = front.end
        kinds[0:first] = bytes([FRONT_MATTER]) * first

    # Open fence: (start, char, width, info, indent, base, container kind).
    fence: tuple[int, str, int, str, int, int, int] | None = None
    comment = -1  # first line of an open comment
    para = -1  # first line of the open top-level paragraph
    table: tuple[int, list[tuple[str, ...]]] | None = None
    cols: list[int] = []  # content columns of the open list items
    empty_item = -1  # the line of the last list item with nothing after its marker
    busy = False  # True whenever a fence, comment or container may be open
    quote: list | None = None  # [start, kind, type, title, lazy]
    mkdocs: list | None = None  # [start, type, title, last content line]
    directives: list[list] = []  # [start, colons, type, title]

    def close_fence(end: int, closed: bool) -> None:
        nonlocal fence
        assert fence is not None
        start, char, width, info, indent, _base, _ctx = fence
        fences.append(Fence(start, end, char, width, info, indent, closed))
        fence = None

    def open_inner(content: str, i: int, ctx: int) -> bool:
        """Open a fence or a comment inside a container; True when the line is one."""
        nonlocal fence, comment
        stripped = content.lstrip(" \t")
        if _indent(content, stripped) > 3:
            return False
        opened = _fence_open(stripped)
        if opened is not None:
            fence = (i, opened[0], opened[1], opened[2], 0, 0, ctx)
            kinds[i] = FENCE
            return True
        if stripped.startswith("<!--"):
            kinds[i] = COMMENT
            if "-->" in stripped[4:]:
                comments.append(Span(i, i + 1))
            else:
                comment = i
            return True
        return False

    def end_table(end: int) -> None:
        nonlocal table
        assert table is not None
        tables.append(Table(table[0], end, tuple(table[1])))
        table = None

    for i in range(first, n):
        line = lines[i]

        if busy:  # a fence, comment or container is open (rare: checked once)
            # -- inside a fenced code block ------------------------------------
            if fence is not None:
                ctx, base = fence[6], fence[5]
                content: str | None = line
                if ctx == QUOTE:
                    stripped = line.lstrip(" \t")
                    content = stripped.lstrip(">") if stripped[:1] == ">" else None
                    if content is not None and content[:1] == " ":
                        content = content[1:]
                elif ctx == ADMONITION and mkdocs is not None:
                    stripped = line.lstrip(" \t")
                    if stripped and not stripped.isspace():
                        content = _dedent(line, 4) if _indent(line, stripped) >= 4 else None
                elif base:
                    stripped = line.lstrip(" \t")
                    if stripped and not stripped.isspace() and _indent(line, stripped) < base:
                        content = None
                if content is None:
                    close_fence(i, False)  # its container ended: so does the code
                else:
                    stripped = content.lstrip(" \t")
                    if (
                        stripped[:1] == fence[1]
                        and _indent(content, stripped) - base <= 3
                        and _closes(stripped, fence[1], fence[2])
                    ):
                        kinds[i] = FENCE
                        close_fence(i + 1, True)
                    else:
                        kinds[i] = CODE
                    if ctx == ADMONITION and mkdocs is not None:
                        mkdocs[3] = i
                    continue

            # -- inside an HTML comment ----------------------------------------
            if comment >= 0:
                kinds[i] = COMMENT
                if "-->" in line:
                    comments.append(Span(comment, i + 1))
                    comment = -1
                continue

            # -- containers ----------------------------------------------------
            if quote is not None:
                stripped = line.lstrip(" \t")
                if stripped[:1] == ">" and _indent(line, stripped) <= 3:
                    content = stripped.lstrip(">")
                    if content[:1] == " ":
                        content = content[1:]
                    kinds[i] = QUOTE
                    quote[4] = bool(content.strip())
                    if open_inner(content, i, QUOTE):
                        quote[4] = False
                    continue
                if quote[4] and stripped and not stripped.isspace():
                    lazy = stripped[0] not in "#`~-*+_=<|:!>" and not stripped[0].isdigit()
                    if lazy:
                        kinds[i] = QUOTE
                        continue
                blocks.append(Block(quote[1], quote[0], i, quote[2], quote[3]))
                quote = None

            if mkdocs is not None:
                stripped = line.lstrip(" \t")
                if not stripped or stripped.isspace():
                    continue
                if _indent(line, stripped) >= 4:
                    kinds[i] = ADMONITION
                    mkdocs[3] = i
                    open_inner(_dedent(line, 4), i, ADMONITION)
                    continue
                blocks.append(Block("admonition", mkdocs[0], mkdocs[3] + 1, mkdocs[1], mkdocs[2]))
                mkdocs = None

            if directives:
                stripped = line.lstrip(" \t")
                if not stripped or stripped.isspace():
                    continue
                kinds[i] = ADMONITION
                if stripped.startswith(":::") and _indent(line, stripped) <= 3:
                    colons = len(stripped) - len(stripped.lstrip(":"))
                    rest = stripped[colons:].strip()
                    if not rest:
                        for k in range(len(directives) - 1, -1, -1):
                            if directives[k][1] <= colons:
                                for opened in directives[k:]:
                                    blocks.append(
                                        Block("directive", opened[0], i + 1, opened[2], opened[3])
                                    )
                                del directives[k:]
                                break
                        continue
                    if rest[0].isalpha():
                        directives.append([i, colons, *_directive(rest)])
                        continue
                open_inner(line, i, 0)
                continue
            busy = (
                fence is not None
                or comment >= 0
                or quote is not None
                or mkdocs is not None
                or bool(directives)
            )

        # -- the document's own blocks -------------------------------------
        c = line[:1]
        if c not in _SPECIAL:  # prose at column 0: the common case, decided at once
            if table is not None:
                table[1].append(_cells(line))
                kinds[i] = TABLE
                continue
            kinds[i] = TEXT
            if para < 0:
                para = i
            if cols:
                cols.clear()
            continue
        stripped = line.lstrip(" \t")
        if not stripped or stripped.isspace():
            para = -1
            if table is not None:
                end_table(i)
            if empty_item == i - 1 and cols:
                cols.pop()  # an empty item followed by a blank line has ended
            continue
        indent = len(line) - len(stripped)
        if indent and "\t" in line[:indent]:
            indent = _indent(line, stripped)
        c = stripped[0]
        while cols and indent < cols[-1]:
            cols.pop()
        base = cols[-1] if cols else 0
        if table is not None:
            if indent <= 3 and (
                c in "#`~>" or (c in "-*+" and stripped[1:2] in ("", " ", "\t", "\r"))
            ):
                end_table(i)
            else:
                table[1].append(_cells(stripped))
                kinds[i] = TABLE
                continue
        if indent <= 3 and c == "#":  # the common cases first, without a call
            parsed = _heading_text(stripped)
            if parsed is not None:
                headings.append((i, parsed[0], parsed[1], -1))
                kinds[i] = HEADING
                para = -1
                cols.clear()
                continue
        elif c in "-*+" and stripped[1:2] in (" ", "\t") and (indent <= 3 or cols):
            third = stripped[2:3]
            if third not in _GAP:  # ``* item``: the usual bullet, decided without copies
                filled, spaces = True, 1
            elif not stripped.strip(c + " \t\r"):
                filled, spaces = False, -1  # ``- - -``: a thematic break (below)
            else:
                after = stripped[1:]
                filled = bool(after.strip())
                spaces = len(after) - len(after.lstrip(" \t"))
            if spaces > 0 and (filled or para < 0):  # no empty item interrupts a paragraph
                items.append((i, indent, c, None, None))  # its text: on first use
                while cols and cols[-1] > indent:
                    cols.pop()
                cols.append(indent + 1 + (spaces if spaces <= 4 and filled else 1))
                if not filled:
                    empty_item = i
                kinds[i] = LIST
                para = -1
                continue
        if c not in _SPECIAL:  # indented prose (a list item's continuation, mostly)
            kinds[i] = TEXT
            if para < 0 and not cols:
                para = i
            continue
        kind = TEXT
        if indent <= 3:
            kind = _top_level(stripped, c, indent, i, para, lines, kinds)
        elif c in "`~" and cols and indent - base <= 3:
            kind = FENCE if _fence_open(stripped) else TEXT
        elif cols and (c in "-*+" or c.isdigit()):
            kind = LIST  # a nested item, checked below
        if kind == FENCE:
            marker = _fence_open(stripped)
            if marker is not None:
                fence = (i, marker[0], marker[1], marker[2], indent, base, 0)
                busy = True
        elif kind == HEADING:
            parsed = _heading_text(stripped)
            if parsed is not None:
                headings.append((i, parsed[0], parsed[1], -1))
                cols.clear()
        elif kind == UNDERLINE:
            level = 1 if c == "=" else 2
            words = " ".join(lines[j].strip() for j in range(para, i))
            headings.append((para, level, words, i))
            kinds[para:i] = bytes([HEADING]) * (i - para)
        elif kind == TABLE:
            table = (i - 1, [_cells(lines[i - 1])])
            kinds[i - 1] = TABLE
        elif kind == COMMENT:
            if "-->" in stripped[4:]:
                comments.append(Span(i, i + 1))
            else:
                comment = i
                busy = True
        elif kind == QUOTE:
            content = stripped.lstrip(">")
            if content[:1] == " ":
                content = content[1:]
            alert = _ALERT.match(content.strip())
            if alert:
                quote = [i, "alert", alert.group(1).lower(), (alert.group(2) or "").strip(), True]
            else:
                quote = [i, "quote", "", "", bool(content.strip())]
            kinds[i] = QUOTE
            busy = True
            if open_inner(content, i, QUOTE):
                quote[4] = False
            para = -1
            continue
        elif kind == ADMONITION:
            if c == ":":
                colons = len(stripped) - len(stripped.lstrip(":"))
                directives.append([i, colons, *_directive(stripped[colons:].strip())])
                busy = True
            else:
                match = _MKDOCS.match(stripped)
                assert match is not None
                mkdocs = [i, match.group(1).lower(), _title(match.group(2)), i]
                busy = True
        elif kind == LIST:
            item = _list_item(stripped, indent, i, para)
            if item is None:
                kind = TEXT
            else:
                items.append(item[0])
                while cols and cols[-1] > indent:
                    cols.pop()
                cols.append(item[1])
                if not item[0][4]:
                    empty_item = i
        kinds[i] = kind
        if kind == TEXT:
            if para < 0 and not cols:
                para = i
        else:
            para = -1

    # -- whatever is still open ends with the document -----------------------
    if fence is not None:
        close_fence(n, False)
    if comment >= 0:
        comments.append(Span(comment, n))
    if table is not None:
        end_table(n)
    if quote is not None:
        blocks.append(Block(quote[1], quote[0], n, quote[2], quote[3]))
    if mkdocs is not None:
        blocks.append(Block("admonition", mkdocs[0], mkdocs[3] + 1, mkdocs[1], mkdocs[2]))
    for opened in directives:
        blocks.append(Block("directive", opened[0], n, opened[2], opened[3]))
    blocks.sort(key=lambda block: block.start)
    return Outline(
        text,
        lines,
        kinds,
        front,
        headings,
        tuple(fences),
        tuple(comments),
        tuple(tables),
        items,
        tuple(blocks),
    )


def _top_level(
    stripped: str, c: str, indent: int, i: int, para: int, lines: list[str], kinds: bytearray
) -> int:
    """The kind of a line indented at most three spaces, outside any container."""
    if c == "#":
        return HEADING if _heading_text(stripped) is not None else TEXT
    if c in "`~":
        return FENCE if _fence_open(stripped) is not None else TEXT
    if c == "<":
        return COMMENT if stripped.startswith("<!--") else TEXT
    if c == ">":
        return QUOTE
    if c in "|:-" and para >= 0 and "|" in stripped and kinds[i - 1] == TEXT:
        header = lines[i - 1]
        if (
            "|" in header
            and _DELIMITER.fullmatch(stripped.rstrip())
            and len(_cells(stripped)) == len(_cells(header))
        ):
            return TABLE
    if c == ":":
        if stripped.startswith(":::"):
            rest = stripped.lstrip(":").strip()
            if rest[:1].isalpha():
                return ADMONITION
        return TEXT
    if c in "!?":
        return ADMONITION if _MKDOCS.match(stripped) else TEXT
    if c in "=-" and para >= 0:
        tail = stripped.rstrip()
        if not tail.strip(c):
            return UNDERLINE
    if c in "-*_":
        compact = stripped.replace(" ", "").replace("\t", "").rstrip()
        if len(compact) >= 3 and not compact.strip(c):
            return RULE
    if c in "-*+" or c.isdigit():
        return LIST
    return TEXT


def _list_item(
    stripped: str, indent: int, i: int, para: int
) -> tuple[tuple[int, int, str, int | None, str], int] | None:
    """The item (the fields of a :class:`ListItem`) and its content column, when
    ``stripped`` starts a list item."""
    c = stripped[0]
    if c in "-*+":
        if len(stripped) > 1 and stripped[1] not in " \t\r":
            return None
        marker, number, width = c, None, 1
    else:
        match = _ORDERED.match(stripped)
        if match is None:
            return None
        number = int(match.group(1))
        if para >= 0 and number != 1:
            return None  # only ``1.`` may interrupt a paragraph
        marker, width = match.group(2), match.end()
    after = stripped[width:]
    text = after.strip()
    if para >= 0 and not text:
        return None  # an empty item cannot interrupt a paragraph
    spaces = len(after) - len(after.lstrip(" \t"))
    column = indent + width + (spaces if 1 <= spaces <= 4 and text else 1)
    return (i, indent, marker, number, text), column


def _directive(rest: str) -> tuple[str, str]:
    """``(type, title)`` of ``note Superseded`` / ``warning[Old]`` / ``tip{title="x"}``."""
    match = _DIRECTIVE.match(rest)
    if match is None:
        return "", rest
    title = match.group(2).strip()
    if title.startswith("["):
        close = title.find("]")
        title = title[1:close] if close > 0 else title[1:]
    elif title.startswith("{"):
        quoted = _QUOTED.search(title)
        title = (quoted.group(1) or quoted.group(2) or "") if quoted else ""
    return match.group(1).lower(), title.strip()


def _title(rest: str) -> str:
    """The quoted title of a MkDocs admonition (``!!! note "Title"``), else empty."""
    quoted = _QUOTED.search(rest)
    return (quoted.group(1) or quoted.group(2) or "").strip() if quoted else ""


def _sections(raw: Sequence[tuple[int, int, str, int]], n: int) -> tuple[Heading, ...]:
    """Headings with their content and section ends (one pass, with a stack)."""
    count = len(raw)
    section_end = [n] * count
    open_: list[int] = []
    for index, (line, level, _text, _under) in enumerate(raw):
        while open_ and raw[open_[-1]][1] >= level:
            section_end[open_.pop()] = line
        open_.append(index)
    new = tuple.__new__  # a named tuple built without its Python-level __new__
    return tuple(
        new(
            Heading,
            (
                line,
                level,
                text,
                under >= 0,
                under,
                raw[index + 1][0] if index + 1 < count else n,
                section_end[index],
            ),
        )
        for index, (line, level, text, under) in enumerate(raw)
    )


def split_lines(text: str) -> list[str]:
    """Split on ``\\n`` only, keeping each line's ending (``\\r\\n`` stays with its line).

    Unlike ``str.splitlines`` this never splits on form feeds or U+2028, so
    line numbers agree with editors and with the parser.
    """
    lines = text.split("\n")
    out = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        out.append(lines[-1])
    return out


def outline(text: str, *, front_matter: bool = True) -> Outline:
    """The outline of ``text``. Never raises: on an internal error (a bug) every line
    is plain text, so callers degrade to reading prose rather than failing.

    ``front_matter=False`` for a body whose front matter was already split off (a
    ``---`` block opening the rest is then a thematic break or a setext underline,
    as CommonMark reads it, not a second front matter).
    """
    try:
        return _build(text, front_matter)
    except Exception:  # noqa: BLE001 - the contract is "an outline, never an exception"
        lines = text.split("\n")
        return Outline(text, lines, bytearray([TEXT]) * len(lines))


def first_heading(text: str) -> tuple[int, str] | None:
    """The first ``#`` title heading outside front matter, code and comments:
    ``(line index, text)``. ATX only: a setext title would need its underline
    rewritten too by the callers that replace the line."""
    heading = outline(text).first_heading(1)
    return (heading.line, heading.text) if heading is not None else None
