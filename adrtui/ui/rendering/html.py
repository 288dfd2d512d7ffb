"""HTML inside an ADR's Markdown, turned into the Markdown tokens Rich knows how to draw.

Rich's Markdown renderer (markdown-it underneath) drops every ``html_block`` and
``html_inline`` token: a ``<table>`` comparing the options, an ``<img>`` diagram
or a ``<br/>`` simply vanished from the detail. Here an HTML fragment is parsed
with the standard library's :class:`html.parser.HTMLParser` and re-emitted as
ordinary markdown-it tokens (paragraphs, tables, lists, headings, code blocks,
links, emphasis), so the one renderer lays it out like the rest of the document.
What no token stands for (``<span>``, ``<details>``, an MDX component) is shown
as its text content; only comments are dropped. Images become a visible
``[image: alt] (path)`` placeholder, never an empty line.

Every fragment's tokens are balanced on their own (what a fragment opens, it
closes), because Rich's element stack must match the Markdown around it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it.token import Token

from adrtui.ui.rendering.html_inline import (
    InlineStyles,
    close_token,
    convert_inline,
    image_tokens,
    is_placeholder,
    make_token,
    text_token,
    trimmed,
)

#: Tags that end a paragraph (their text starts a new block).
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "body", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header",
        "hgroup", "html", "main", "nav", "p", "section", "summary",
    }
)  # fmt: skip
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))
_VERBATIM = frozenset({"pre", "script", "style", "textarea", "xmp", "listing"})
_SPACE = re.compile(r"\s+")


def convert_block(html: str) -> list[Token]:
    """An HTML fragment (one or more ``html_block`` tokens' text) as balanced block tokens."""
    converter = _BlockConverter()
    converter.feed(html)
    converter.close()
    return converter.finish()


class _Table:
    def __init__(self) -> None:
        #: Rows of cells; a cell is ``(inline tokens, is_header)``.
        self.rows: list[list[tuple[list[Token], bool]]] = []
        self.in_head = False
        self.head_rows: set[int] = set()

    def tokens(self) -> list[Token]:
        rows = [row for row in self.rows if row]
        if not rows:
            return []
        out = [make_token("table_open", "table", 1)]
        first_is_head = 0 in self.head_rows or all(header for _, header in rows[0])
        body = rows
        if first_is_head:
            out.append(make_token("thead_open", "thead", 1))
            out.extend(_row(rows[0], "th"))
            out.append(make_token("thead_close", "thead", -1))
            body = rows[1:]
        out.append(make_token("tbody_open", "tbody", 1))
        for row in body:
            out.extend(_row(row, "td"))
        out.append(make_token("tbody_close", "tbody", -1))
        out.append(make_token("table_close", "table", -1))
        return out


def _row(cells: list[tuple[list[Token], bool]], tag: str) -> list[Token]:
    out = [make_token("tr_open", "tr", 1)]
    for children, header in cells:
        out.append(make_token(f"{tag}_open", tag, 1))
        inner = trimmed(children)
        if header and tag == "td":  # a header cell below the first row: bold
            inner = [make_token("strong_open", "strong", 1), *inner, close_token("strong")]
        out.append(make_token("inline", "", 0, children=inner or [text_token("")]))
        out.append(make_token(f"{tag}_close", tag, -1))
    out.append(make_token("tr_close", "tr", -1))
    return out


class _BlockConverter(HTMLParser):
    """HTML parser events → block tokens (see :func:`convert_block`)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[Token] = []
        self.inline: list[Token] = []
        self.styles = InlineStyles()
        #: Block tokens opened and not yet closed: ``(html tag, close token type)``.
        self.blocks: list[tuple[str, str]] = []
        self.heading: str | None = None
        self.verbatim: str | None = None
        self.verbatim_text: list[str] = []
        self.table: _Table | None = None
        self.table_depth = 0
        self.cell: list[Token] | None = None
        #: Lowercase words written in angle brackets (``<module>``), shown as text.
        self.placeholders: set[str] = set()

    # -- text ---------------------------------------------------------------------

    def handle_data(self, data: str) -> None:
        if self.verbatim is not None:
            self.verbatim_text.append(data)
            return
        text = _SPACE.sub(" ", data)
        if not text or (text == " " and self.table is not None and self.cell is None):
            return  # the indentation between a table's tags
        target = self._target()
        if target and target[-1].type == "text":
            target[-1] = text_token(target[-1].content + text)
        else:
            target.append(text_token(text))

    def unknown_decl(self, data: str) -> None:  # ``<![CDATA[…]]>``: its text
        self.handle_data(data.removeprefix("CDATA["))

    def _target(self) -> list[Token]:
        if self.table is not None:
            if self.cell is None:
                self._start_cell(header=False)
            assert self.cell is not None
            return self.cell
        return self.inline

    # -- tags ---------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.verbatim is not None:
            return
        written = self.get_starttag_text() or f"<{tag}>"
        name = written[1:].split(None, 1)[0].rstrip("/>")
        if is_placeholder(name, closed=f"</{tag}" in self.rawdata.lower()):
            self.placeholders.add(tag)
            self.handle_data(written)  # ``<module>``: prose, shown as written
            return
        named = dict(attrs)
        if tag == "br":
            self._target().append(make_token("hardbreak", "br", 0))
        elif tag == "img":
            self._target().extend(image_tokens(named.get("src") or "", named.get("alt") or ""))
        elif (self.table is not None and self._table_start(tag)) or self.styles.start(
            tag, named, self._target()
        ):
            return
        elif tag in _VERBATIM:
            self._flush()
            self.verbatim, self.verbatim_text = tag, []
        elif tag == "table":
            self._flush()
            self.table, self.table_depth = _Table(), 1
        elif tag == "hr":
            self._flush()
            self._wrap_in_item()
            self.out.append(make_token("hr", "hr", 0, markup="---"))
        elif tag in _HEADINGS:
            self._flush()
            self.heading = tag
        elif tag in {"ul", "ol", "menu"}:
            self._flush()
            self._wrap_in_item()
            ordered = tag == "ol"
            start = named.get("start") or "1"
            attrs_out: dict[str, str | int | float] = (
                {"start": int(start)} if ordered and start.isdigit() else {}
            )
            kind = "ordered_list" if ordered else "bullet_list"
            self.out.append(make_token(f"{kind}_open", tag, 1, attrs=attrs_out))
            self.blocks.append((tag, f"{kind}_close"))
        elif tag == "li":
            self._flush()
            self._end_item()
            if not self.blocks or self.blocks[-1][0] not in {"ul", "ol", "menu"}:
                self.out.append(make_token("bullet_list_open", "ul", 1))
                self.blocks.append(("", "bullet_list_close"))
            self.out.append(make_token("list_item_open", "li", 1))
            self.blocks.append(("li", "list_item_close"))
        elif tag == "blockquote":
            self._flush()
            self._wrap_in_item()
            self.out.append(make_token("blockquote_open", "blockquote", 1))
            self.blocks.append((tag, "blockquote_close"))
        elif tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self.verbatim is not None:
            if tag == self.verbatim:
                self._end_verbatim()
            return
        if tag in self.placeholders:
            self.handle_data(f"</{tag}>")
            return
        if self.table is not None and self._table_end(tag):
            return
        if self.styles.end(tag, self._target()):
            return
        if tag in _HEADINGS and self.heading is not None:
            self._flush()
        elif tag in {"ul", "ol", "menu", "li", "blockquote"}:
            self._flush()
            if any(name == tag for name, _ in self.blocks):
                while self.blocks:
                    name, close = self.blocks.pop()
                    self.out.append(make_token(close, "", -1))
                    if name == tag:
                        break
        elif tag in _BLOCKS or tag == "p":
            self._flush()

    # -- tables -------------------------------------------------------------------

    def _table_start(self, tag: str) -> bool:
        table = self.table
        assert table is not None
        if tag == "table":  # a table in a cell: its rows become lines of the cell
            self.table_depth += 1
            return True
        if self.table_depth > 1:
            if tag in {"tr", "br", "p", "div", "li"}:
                self._target().append(make_token("hardbreak", "br", 0))
            elif tag in {"td", "th"}:
                self._target().append(text_token(" | "))
            return tag in {"tr", "td", "th", "thead", "tbody", "tfoot", "p", "div", "li"}
        if tag == "thead":
            table.in_head = True
        elif tag in {"tbody", "tfoot"}:
            table.in_head = False
        elif tag == "tr":
            self._end_cell()
            table.rows.append([])
            if table.in_head:
                table.head_rows.add(len(table.rows) - 1)
        elif tag in {"td", "th"}:
            self._start_cell(header=tag == "th" or table.in_head)
        elif tag in {"p", "div", "li", "ul", "ol"} | _HEADINGS | _BLOCKS:
            cell = self._target()
            if cell:
                cell.append(make_token("hardbreak", "br", 0))
        else:
            return False
        return True

    def _table_end(self, tag: str) -> bool:
        table = self.table
        assert table is not None
        if tag == "table":
            self.table_depth -= 1
            if self.table_depth == 0:
                self._end_cell()
                self.table = None
                self.out.extend(self._wrapped(table.tokens()))
            return True
        if tag in {"td", "th"} and self.table_depth == 1:
            self._end_cell()
            return True
        if tag == "thead":
            table.in_head = False
        return tag in {"tr", "td", "th", "thead", "tbody", "tfoot"}

    def _start_cell(self, *, header: bool) -> None:
        table = self.table
        assert table is not None
        self._end_cell()
        if not table.rows:
            table.rows.append([])
        self.cell = []
        table.rows[-1].append((self.cell, header))

    def _end_cell(self) -> None:
        if self.cell is not None:
            self.styles.close_all(self.cell)
        self.cell = None

    # -- blocks -------------------------------------------------------------------

    def _end_verbatim(self) -> None:
        text = "".join(self.verbatim_text).strip("\n")
        self.verbatim, self.verbatim_text = None, []
        if text.strip():
            self._wrap_in_item()
            self.out.append(make_token("code_block", "code", 0, content=text + "\n"))

    def _wrap_in_item(self) -> None:
        """Open a list item when a block lands directly in a list (Rich wants items there)."""
        if self.blocks and self.blocks[-1][0] in {"ul", "ol", "menu", ""}:
            self.out.append(make_token("list_item_open", "li", 1))
            self.blocks.append(("li", "list_item_close"))

    def _end_item(self) -> None:
        if self.blocks and self.blocks[-1][0] == "li":
            self.out.append(make_token(self.blocks.pop()[1], "li", -1))

    def _wrapped(self, tokens: list[Token]) -> list[Token]:
        if tokens:
            self._wrap_in_item()
        return tokens

    def _flush(self) -> None:
        """The pending inline text as a paragraph (or the pending heading)."""
        self.styles.close_all(self.inline)
        children = trimmed(self.inline)
        self.inline = []
        heading, self.heading = self.heading, None
        if not any(c.type != "text" or c.content.strip() for c in children):
            return
        self._wrap_in_item()
        tag = heading or "p"
        kind = "heading" if heading else "paragraph"
        self.out.append(make_token(f"{kind}_open", tag, 1))
        self.out.append(make_token("inline", "", 0, children=children))
        self.out.append(make_token(f"{kind}_close", tag, -1))

    def finish(self) -> list[Token]:
        """Everything still open is closed: the fragment's tokens are balanced."""
        if self.verbatim is not None:
            self._end_verbatim()
        if self.table is not None:
            self._end_cell()
            table, self.table = self.table, None
            self.out.extend(self._wrapped(table.tokens()))
        self._flush()
        while self.blocks:
            self.out.append(make_token(self.blocks.pop()[1], "", -1))
        return self.out


def _unclosed_tables(html: str) -> int:
    lowered = html.lower()
    return lowered.count("<table") - lowered.count("</table")


def show_html(tokens: list[Token], source: str) -> list[Token]:
    """``tokens`` (markdown-it's parse of ``source``) with HTML and images made visible.

    A ``<table>`` split by blank lines (GitHub's way of putting Markdown in
    cells) spans several blocks: from the block that opens it to the one that
    closes it, the source lines are read as one HTML fragment.
    """
    out: list[Token] = []
    lines: list[str] | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        kind = token.type
        if kind == "inline":
            if token.children and any(c.type in {"html_inline", "image"} for c in token.children):
                token.children = convert_inline(token.children)
            out.append(token)
        elif kind != "html_block":
            out.append(token)
        else:
            html = token.content
            if token.level == 0 and token.map and _unclosed_tables(html) > 0:
                end = _table_end(tokens, index, _unclosed_tables(html))
                if end is not None:
                    if lines is None:
                        lines = source.split("\n")
                    last = tokens[end]
                    assert last.map is not None
                    html = "\n".join(lines[token.map[0] : last.map[1]])
                    index = end + 1
            out.extend(convert_block(html))
    return out


def _table_end(tokens: list[Token], start: int, depth: int) -> int | None:
    """The index of the top-level HTML block that closes the open tables, if any."""
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.type == "html_block" and token.level == 0 and token.map:
            depth += _unclosed_tables(token.content)
            if depth <= 0:
                return index
    return None
