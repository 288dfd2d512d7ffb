"""What the detail body need not repeat: the title, status and date its header shows.

Most ADRs open with ``# 12. Use Kafka``, ``Date: 2020-01-01`` and a ``## Status``
section holding one word; the detail header above the body already shows all
three, so drawing them again costs a person four or five lines of a small pane.
The parser says on which file line it read each field (``title_line``,
``status_line``, the date's provenance), so only those exact lines are
candidates, and only when they hold nothing more than the field: a status
section that says "Superseded by ADR-5 because…" or a date line with a
remark stays. Everything here works on markdown-it tokens before Rich draws them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markdown_it.token import Token

from adrtui.domain.model import Adr
from adrtui.domain.vocabulary import DATE_LABELS, STATUS_LABELS, fold

_LINE_SOURCE = re.compile(r"line (\d+):")
_LABELLED = re.compile(r"^\W*([^\W\d][\w ()-]{0,30}?)\s*[:：]\s*(.*)$")
_DATE_VALUE = re.compile(r"^[\w ,./-]{4,40}$")
_EDGES = re.compile(r"^\W+|\W+$")


@dataclass(frozen=True)
class HeaderFacts:
    """The fields the header shows and the 0-based body lines they were read from."""

    title: str = ""
    status: str | None = None
    status_raw: str | None = None
    title_index: int | None = None
    status_index: int | None = None
    date_index: int | None = None

    @classmethod
    def of(cls, adr: Adr) -> HeaderFacts:
        def index(line: int | None) -> int | None:
            return line - adr.body_line if line is not None and line >= adr.body_line else None

        date_line = None
        for source in adr.provenance:
            if source.field == "date":
                found = _LINE_SOURCE.match(source.source)
                date_line = int(found.group(1)) if found and adr.date else None
        return cls(
            adr.title,
            adr.status,
            adr.status_raw,
            index(adr.title_line),
            index(adr.status_line),
            index(date_line),
        )


def _plain(children: Sequence[Token]) -> str:
    return "".join(c.content for c in children if c.type in {"text", "code_inline"})


def _lines(children: Sequence[Token]) -> list[list[Token]]:
    lines: list[list[Token]] = [[]]
    for child in children:
        if child.type in {"softbreak", "hardbreak"}:
            lines.append([])
        else:
            lines[-1].append(child)
    return lines


def _words(text: str) -> str:
    return " ".join(_EDGES.sub("", text).casefold().split())


def _is_status_value(value: str, facts: HeaderFacts) -> bool:
    """Just the status word(s): no digits (dates, ADR numbers), at most three words."""
    words = _words(value)
    if not words or any(ch.isdigit() for ch in words) or len(words.split()) > 3:
        return False
    return words in {_words(facts.status or ""), _words(facts.status_raw or "")}


def _is_date_value(value: str) -> bool:
    value = value.strip()
    return any(ch.isdigit() for ch in value) and bool(_DATE_VALUE.match(value))


def _line_is_field(line: list[Token], facts: HeaderFacts, field: str, *, bare: bool) -> bool:
    """The line is ``Label: value`` (or, when ``bare``, the value alone) for ``field``."""
    if any(c.type == "link_open" for c in line):
        return False
    text = _plain(line)
    labelled = _LABELLED.match(text)
    if labelled is not None:
        label, value = fold(labelled.group(1)), labelled.group(2)
        labels = STATUS_LABELS if field == "status" else DATE_LABELS
        if label not in labels:
            return False
    elif bare:
        value = text
    else:
        return False
    return _is_status_value(value, facts) if field == "status" else _is_date_value(value)


def hide_repeated(tokens: list[Token], facts: HeaderFacts) -> tuple[list[Token], frozenset[int]]:
    """``tokens`` without the title heading and the plain status and date lines, and
    the source lines (0-based, in the body) no longer drawn (for ``e`` at a search hit)."""
    drop: set[int] = set()
    hidden: set[int] = set()
    blocks = [i for i, t in enumerate(tokens) if t.level == 0 and t.nesting >= 0]
    if blocks and tokens[blocks[0]].type == "heading_open":
        first = blocks[0]
        token, heading = tokens[first], _words(tokens[first + 1].content)
        read_there = token.map is not None and token.map[0] == facts.title_index
        if (read_there and _words(facts.title) in heading) or (
            token.tag == "h1" and heading == _words(facts.title)  # a front-matter title
        ):
            drop.update((first, first + 1, first + 2))
    for index, token in enumerate(tokens):
        # A ``## Status`` section holding only the status word, wherever the parser read it.
        if token.type == "paragraph_open" and token.level == 0 and index + 1 < len(tokens):
            inline = tokens[index + 1]
            section = _status_section(tokens, index + 1)
            parts = _lines(inline.children or ())
            if (
                section is not None
                and len(parts) == 1
                and _line_is_field(parts[0], facts, "status", bare=True)
            ):
                drop.update((*section, index, index + 1, index + 2))
    lines: dict[int, set[int]] = {}
    for field, line in (("status", facts.status_index), ("date", facts.date_index)):
        if line is not None:
            _hide_line(tokens, line, field, facts, drop, lines)
    for index, offsets in lines.items():
        token = tokens[index]
        if token.map:
            hidden.update(token.map[0] + offset for offset in offsets)
        kept = [
            part
            for number, part in enumerate(_lines(token.children or ()))
            if number not in offsets
        ]
        if not kept:
            drop.update((index - 1, index, index + 1))
            continue
        children: list[Token] = []
        for number, part in enumerate(kept):
            if number:
                children.append(Token("softbreak", "br", 0))
            children.extend(part)
        token.children = children
    for index in drop:
        line_map = tokens[index].map
        if line_map and tokens[index].nesting >= 0:
            hidden.update(range(line_map[0], line_map[1]))
    if not drop:
        return tokens, frozenset(hidden)
    kept_tokens = [token for index, token in enumerate(tokens) if index not in drop]
    return kept_tokens, frozenset(hidden)


def _hide_line(
    tokens: list[Token],
    line: int,
    field: str,
    facts: HeaderFacts,
    drop: set[int],
    lines: dict[int, set[int]],
) -> None:
    """Hide paragraph line ``line`` (its list item, its section) if it holds only ``field``."""
    for index, token in enumerate(tokens):
        if token.type != "inline" or not token.map or not token.map[0] <= line < token.map[1]:
            continue
        opener = tokens[index - 1] if index else None
        if opener is None or opener.type != "paragraph_open" or not token.children:
            return
        parts = _lines(token.children)
        offset = line - token.map[0]
        if offset >= len(parts) or len(parts) != token.map[1] - token.map[0]:
            return
        section = _status_section(tokens, index) if field == "status" else None
        alone = len(parts) == 1
        if not _line_is_field(parts[offset], facts, field, bare=alone and section is not None):
            return
        item = _list_item(tokens, index - 1) if alone else None
        if item is not None:
            drop.update(range(item[0], item[1] + 1))
            _drop_empty_list(tokens, item, drop)
        elif token.level == 1:
            lines.setdefault(index, set()).add(offset)
            if section is not None:
                drop.update(section)
        return


def _status_section(tokens: list[Token], inline: int) -> tuple[int, int, int] | None:
    """The ``## Status`` heading before the paragraph at ``inline``, if it holds only that."""
    start = inline - 4
    if start < 0 or tokens[start].type != "heading_open" or tokens[start].level != 0:
        return None
    if fold(tokens[start + 1].content) not in STATUS_LABELS:
        return None
    after = inline + 2
    if after < len(tokens) and tokens[after].type != "heading_open":
        return None
    return (start, start + 1, start + 2)


def _list_item(tokens: list[Token], paragraph: int) -> tuple[int, int] | None:
    """``(open, close)`` of the list item holding only the paragraph at ``paragraph``."""
    opener = paragraph - 1
    close = paragraph + 3
    if (
        opener < 0
        or tokens[opener].type != "list_item_open"
        or close >= len(tokens)
        or tokens[close].type != "list_item_close"
    ):
        return None
    return opener, close


def _drop_empty_list(tokens: list[Token], item: tuple[int, int], drop: set[int]) -> None:
    """Drop the list too when every one of its items is dropped."""
    level = tokens[item[0]].level - 1
    start = item[0] - 1
    while start >= 0 and not (tokens[start].level == level and tokens[start].nesting == 1):
        start -= 1
    end = item[1] + 1
    while end < len(tokens) and not (tokens[end].level == level and tokens[end].nesting == -1):
        end += 1
    if start < 0 or end >= len(tokens):
        return
    items = [
        i
        for i in range(start + 1, end)
        if tokens[i].type == "list_item_open" and tokens[i].level == level + 1
    ]
    if all(i in drop for i in items):
        drop.update(range(start, end + 1))
