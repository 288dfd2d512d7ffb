"""One pass over the Markdown body: title, metadata fields, status sections, related links.

The body is read line by line, once. Fenced code is skipped (an example
``status: accepted`` inside a code block is not this ADR's status), except a
fenced ``yaml`` block near the top, which some teams use for their metadata.

Where a field may come from decides how much it is trusted, so every value is
offered with a *rank* and the best rank wins (first come within a rank):

0. front matter (read before this pass);
1. the preamble: lines between the title and the first section heading
   (``Date:``, ``* Status:``, ``**Status:**``, ``| Status | … |``, a ``yaml`` block,
   a table whose header row names the fields: ``| Status | Date | Author(s) |``);
2. a ``Status`` section (its first line; adr-tools' ``## Status``, or a late
   ``### Status``), a metadata section, or a section named by a field's label
   (``## Date`` / ``2025-11-23``, ``## Deciders`` / ``- alice``);
3. a bold ``**Status:**`` label anywhere else.

Prose is never read for metadata, so "it supersedes no ADR" changes nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from adrtui.domain import vocabulary as V
from adrtui.domain.markdown import (
    BLANK,
    FENCE,
    FRONT_MATTER,
    HEADING,
    TABLE,
    TEXT,
    UNDERLINE,
    Outline,
    Table,
)
from adrtui.domain.model import CANONICAL_STATUSES, Link
from adrtui.domain.parsing import fields as F
from adrtui.domain.parsing.dates import parse_date
from adrtui.domain.parsing.history import entry_from_text
from adrtui.domain.parsing.links import (
    kind_of,
    links_from_line,
    links_from_status,
    links_from_table_row,
    links_from_value,
)
from adrtui.domain.parsing.status import is_placeholder, normalize_status, status_clauses
from adrtui.domain.parsing.titles import tidy_title

RANK_FRONT_MATTER, RANK_PREAMBLE, RANK_SECTION, RANK_ANYWHERE = 0, 1, 2, 3
#: A status word in the title's prefix (``[superseded] X``): below every field.
RANK_TITLE_TAG = 4

# Regions of the document the current line is in.
_PRE, _STATUS, _META, _RELATED, _HISTORY, _FIELD, _OTHER = range(7)

_STATUS_HEADINGS = V.STATUS_HEADINGS
_META_HEADINGS = V.META_HEADINGS
_RELATED_HEADINGS = V.RELATED_HEADINGS
_MADR_HEADINGS = V.MADR_HEADINGS
#: Section names that are never a document's title (when it has no ``#`` heading).
_SECTION_NAMES = V.SECTION_NAMES

#: Longest heading text read (a title is never longer; bounds the work on hostile lines).
_MAX_HEADING = 1000

_LIST_CATEGORIES = frozenset({*F.PEOPLE, F.TAGS, F.LINK})

#: How many non-empty lines each metadata area is read for before it counts as prose
#: (bounds the work on huge files whose whole text sits under ``## Status``).
_BUDGET = {
    _PRE: 300,
    _STATUS: 40,
    _META: 100,
    _RELATED: 300,
    _HISTORY: 100,
    _FIELD: 40,
    _OTHER: 0,
}
#: Fields a heading may state with its value (``### **Date:** 30th March 2021``).
_HEADING_FIELDS = frozenset({F.STATUS, F.DATE, *F.PEOPLE})
#: Fields a section of their own may hold (``## Date``, ``## Deciders``, ``## Tags``);
#: a ``## Status`` section is read as before, a title or id never comes from one.
_SECTION_FIELDS = frozenset({F.DATE, *F.PEOPLE, F.TAGS})


class Candidate:
    """A value offered for one field, with where it came from (for ranking and editing)."""

    __slots__ = ("rank", "detail", "order", "value", "line", "form", "label")

    def __init__(
        self,
        rank: int,
        detail: int,
        order: int,
        value: object,
        line: int | None,
        form: str,
        key: str = "",
    ) -> None:
        self.label = key  # the label as written (``Status``, ``Datum``), for provenance
        self.rank = rank
        self.detail = detail
        self.order = order
        self.value = value
        self.line = line
        self.form = form

    def key(self) -> tuple[int, int, int]:
        return (self.rank, self.detail, self.order)


class Findings:
    """Everything the scan found, before choosing: candidates per field, links, headings."""

    def __init__(self) -> None:
        self.status: list[Candidate] = []
        self.date: list[Candidate] = []
        self.deciders: list[Candidate] = []
        self.authors: list[Candidate] = []
        self.consulted: list[Candidate] = []
        self.informed: list[Candidate] = []
        self.tags: list[Candidate] = []
        self.titles: list[Candidate] = []
        self.ids: list[Candidate] = []
        self.links: list[Link] = []
        #: Entries of a change log / status history: (status text, date value, line).
        self.history: list[tuple[str | None, str | None, int | None, str]] = []
        #: A change log entry's text by line, so that its date is read again with what
        #: it says about day/month order (``5/9/2023`` is ambiguous, ``6/13/23`` is not).
        self.history_text: dict[int, str] = {}
        self.h1: tuple[str, int] | None = None
        self.h2: tuple[str, int] | None = None
        self.madr = False
        self.status_section = False
        #: The candidate a list of items under one label is gathered into
        #: (``* Deciders:`` then ``  * Alice`` / ``  * Bob``: one candidate, both names).
        self.open_list: Candidate | None = None
        self._order = 0
        self._lists: dict[str, list[Candidate]] = {
            F.STATUS: self.status,
            F.DATE: self.date,
            F.DECIDERS: self.deciders,
            F.AUTHORS: self.authors,
            F.CONSULTED: self.consulted,
            F.INFORMED: self.informed,
            F.TAGS: self.tags,
            F.TITLE: self.titles,
            F.ID: self.ids,
        }

    def offer(self, field: F.Field, rank: int, line: int | None, form: str | None = None) -> None:
        """Record a field found on ``line`` (1-based) at ``rank``."""
        category = field.category
        if category == F.LINK:
            self.links.extend(links_from_value(str(field.detail), field.value, line))
            return
        detail = field.detail if isinstance(field.detail, int) else 0
        self.offer_value(category, rank, field.value, line, form or field.form, detail, field.key)
        # ``Status: superseded by [X](x.md)``, ``Superseded (ADR-5)``, ``Deprecated in
        # favor of ADR-37`` state a link too.
        if category == F.STATUS and not is_placeholder(field.value):
            self.links.extend(links_from_status(field.value, line))
            if line is not None:  # ``**Status:** Approved 2021-03-04``
                _offer_status_date(self, field.value, line, rank)

    def rank(self) -> None:
        """Order every field's candidates best first, once, for the choice and its explanation."""
        for candidates in self._lists.values():
            candidates.sort(key=Candidate.key)

    def offer_value(
        self,
        category: str,
        rank: int,
        value: object,
        line: int | None,
        form: str,
        detail: int = 0,
        key: str = "",
    ) -> Candidate:
        self._order += 1
        candidate = Candidate(rank, detail, self._order, value, line, form, key)
        self._lists[category].append(candidate)
        return candidate


#: ``Status - Accepted``: a label, a spaced dash, then its value.
_DASHED_LABEL = re.compile(r"^\s*([^\W\d_][\w ]{0,30}?)\s+[-–—]\s+(?=\S)")
_NUMBERING = re.compile(r"^(?:\d{1,3}|[A-Za-z]|[IVXivx]{1,4})[.)]\s+")


@lru_cache(maxsize=8192)
def heading_key(text: str) -> str:
    """A heading compared as a section name, folded: ``## ⚡ 2. Status:`` → ``status``.

    Emoji, numbering, markup and comments go; ``### ステータス (Status)`` keeps
    both halves (:func:`_classify` tries each).
    """
    text = F.strip_markup(text).rstrip(" :")
    start = 0
    while start < len(text) and not (text[start].isalnum() or text[start] == "("):
        start += 1
    text = _NUMBERING.sub("", text[start:], count=1)
    return V.fold(text)


def _halves(text: str) -> tuple[str, ...]:
    """``Datum (Date)`` → the key of each half, for headings written in two languages."""
    outside, _, inside = text.partition("(")
    return (heading_key(outside), heading_key(inside.rstrip(") ")))


@lru_cache(maxsize=8192)
def _section_key(text: str) -> str:
    """The key of a heading, or of its half that names a known section."""
    key = heading_key(text)
    if "(" in text and key not in _SECTION_NAMES:
        for half in _halves(text):
            if half in _SECTION_NAMES:
                return half
    return key


def _classify(key: str) -> int:
    if key in _STATUS_HEADINGS:
        return _STATUS
    if key in _META_HEADINGS:
        return _META
    if key in _RELATED_HEADINGS or key.startswith("related"):
        return _RELATED
    if key in V.HISTORY_HEADINGS:
        return _HISTORY
    return _OTHER


_TASK = re.compile(r"\[([ xX✓✔])\][ \t]+")


def _task_item(stripped: str) -> tuple[bool, str] | None:
    """``- [x] Accepted`` → ``(True, "Accepted")``; ``- [ ] Rejected`` → ``(False, …)``."""
    item = _bullet_item(stripped)
    if item is None:
        return None
    task = _TASK.match(item)
    if task is None:
        return None
    return task[1] != " ", item[task.end() :].strip()


def _bullet_item(stripped: str) -> str | None:
    if stripped[:1] in "*-+" and stripped[1:2] in (" ", "\t"):
        return stripped[2:].strip()
    return None


def scan(doc: Outline, first_line: int, findings: Findings) -> None:
    """Scan a body's outline (its first line is file line ``first_line + 1``) into ``findings``.

    The outline says what each line is (code, comment, heading, …); this pass
    decides what the lines mean.
    """
    lines = doc.lines
    kinds = doc.kinds
    marks = {mark[0]: mark for mark in doc.heading_marks}
    tables = {table.start: table for table in doc.tables}
    skip_to = -1  # the end of a field table already read
    # ``**Title**: Functions should report errors using`` / ``throwing exceptions.``:
    # a title field's paragraph goes on over the lines that follow it.
    title: tuple[Candidate, int] | None = None
    region = _PRE
    seen_heading = False
    #: A section name written as a ``#`` heading (``# Summary``, ``# Motivation``): this
    #: document's ``#`` headings are its sections, so none later is its title.
    h1_sections = False
    status_value_seen = False
    pending: tuple[F.Field, int, int] | None = None  # (field, rank, indent)
    budget = _BUDGET[_PRE]
    related_kind = "relates-to"
    section_field: F.Field | None = None  # the field a ``## Date``-like section holds
    last_heading_h1 = False  # the heading just read was the document's title
    for index, line in enumerate(lines):
        kind = kinds[index]
        if kind == BLANK or index < skip_to:
            continue
        if region == _OTHER and pending is None and kind != HEADING and _is_prose(line):
            continue  # an ordinary section's prose: only headings and marked lines matter there
        number = first_line + index + 1
        if FENCE <= kind <= FRONT_MATTER:  # code, fences, comments: never this ADR's metadata
            if kind == FENCE and region in (_PRE, _META):
                # ...except a fenced ``yaml`` block near the top: some teams' metadata.
                block = doc.fence_at(index)
                if block is not None and block.line == index and block.lang in ("yaml", "yml"):
                    meta = [(first_line + j + 1, lines[j]) for j in block.content]
                    _read_meta_block(meta, findings, region)
            continue
        stripped = line.lstrip()
        if stripped[:1] == ">" and region != _OTHER:
            # ``> **Status:** Accepted``: metadata kept in a blockquote near the top.
            stripped = stripped.lstrip("> \t")
        if not stripped:  # whitespace the outline keeps inside a list item
            continue
        indent = len(line) - len(stripped)
        if kind == TABLE and stripped[0] != "|":
            # ``Status | Accepted`` over ``:--|:--``: a table row without its outer pipes.
            stripped = f"| {stripped.rstrip()} |"
        first = stripped[0]

        if title is not None:
            candidate, last = title
            title = None
            if kind == TEXT and index == last + 1 and not _fields(stripped):
                candidate.value = f"{candidate.value} {stripped}"
                title = (candidate, index)
                continue

        if pending is not None:
            item = _bullet_item(stripped)
            field, rank, field_indent = pending
            if item is not None and (indent > field_indent or field.form in (F.PLAIN, F.BOLD)):
                _offer_item(findings, field, item, rank, number)
                continue
            pending = None
            findings.open_list = None

        if indent <= 3:
            if kind == UNDERLINE:
                continue  # a setext heading's ``===`` / ``---``: its text line said it all
            if kind == HEADING:
                mark = marks.get(index)
                if mark is not None and _is_heading(mark, index, stripped):
                    level, text = mark[1], mark[2][:_MAX_HEADING]
                    key = _section_key(text)
                    if level > 1 and (":" in text or _DASHED_LABEL.match(text)):
                        # ``## Status: Accepted``, ``### **Date:** 30th March 2021``,
                        # ``## Status - Accepted``: a field written as a heading (its value
                        # on the heading's line).
                        written = text if ":" in text else _DASHED_LABEL.sub(r"\1: ", text, 1)
                        as_field = F.match_field(written.strip(), plain=True)
                        if (
                            as_field is not None
                            and as_field.category in _HEADING_FIELDS
                            and (as_field.value or as_field.category == F.STATUS)
                        ):
                            _take(findings, as_field, RANK_SECTION, number, indent)
                            seen_heading = True
                            continue
                    if key in _MADR_HEADINGS:
                        findings.madr = True
                    if level == 1 and key in _SECTION_NAMES:
                        h1_sections = True
                    if (
                        level == 1
                        and findings.h1 is None
                        and not h1_sections
                        and key not in _SECTION_NAMES
                    ):
                        findings.h1 = (text, number)
                        region = _PRE
                        budget = _BUDGET[_PRE]
                    elif (
                        level == 2
                        and key not in _SECTION_NAMES
                        and (
                            (not seen_heading and findings.h1 is None)
                            # ``# ADR-012`` then ``## Use Kafka``: the heading under an
                            # id-only title says what the record decides
                            or (last_heading_h1 and _only_an_id(findings.h1))
                        )
                    ):
                        findings.h2 = (text, number)
                        region = _PRE
                        budget = _BUDGET[_PRE]
                    else:
                        region = _classify(key)
                        findings.open_list = None
                        if region == _OTHER and level > 1:
                            section_field = _field_section(text, key)
                            if section_field is not None:
                                region = _FIELD
                        budget = _BUDGET[region]
                        if region == _RELATED:
                            # ``## Superseded by`` lists what supersedes this one.
                            related_kind = kind_of(key, free=False) or "relates-to"
                        if region == _STATUS:
                            findings.status_section = True
                            status_value_seen = False
                    seen_heading = True
                    last_heading_h1 = findings.h1 is not None and findings.h1[1] == number
                    continue

        last_heading_h1 = False  # text came between the title and the next heading
        if region != _OTHER:
            budget -= 1
            if budget < 0:
                region = _OTHER  # a metadata area is short; the rest is prose
        if first in ":!" and stripped.startswith((":::", "!!! ", "???")):
            # ``:::note Superseded`` / ``!!! warning "Deprecated"``: an admonition's title.
            _offer_admonition(findings, stripped, number)
        if region == _OTHER:
            if first in "*_-+":
                for field in _fields(stripped, plain=False):
                    pending = _take(findings, field, RANK_ANYWHERE, number, indent)
            continue

        if region == _FIELD and section_field is not None:
            # ``## Date`` then ``2025-11-23``; ``## Deciders`` then ``- alice`` lines.
            field = section_field
            item = _bullet_item(stripped)
            if item is not None and field.category in _LIST_CATEGORIES:
                _offer_item(findings, field, item, RANK_SECTION, number)
                continue
            value = item or stripped
            if findings.open_list is None and (field.category != F.DATE or len(value) <= 60):
                findings.offer(
                    F.Field(field.category, field.detail, field.key, value, field.form),
                    RANK_SECTION,
                    number,
                )
            findings.open_list = None
            region = _OTHER  # one value, one line of names or one list: the rest is prose
            continue

        if region == _HISTORY:
            # ``- 2023-02-14: accepted``, ``2023-02-14 accepted``, ``| 2023-02-14 | Accepted |``
            if first in "*-+|" or first.isdigit():
                entry = _bullet_item(stripped) or stripped
                status, date = entry_from_text(entry)
                if status or date:
                    findings.history.append((status, date, number, "change log"))
                    if date is not None:
                        findings.history_text[number] = entry
            continue

        if region == _RELATED:
            bold = F.match_field(stripped, plain=False) if first in "*_-+" else None
            if bold is not None:
                pending = _take(findings, bold, RANK_ANYWHERE, number, indent)
            else:
                findings.links.extend(links_from_line(stripped, number, related_kind))
            continue

        if first == "|" and index in tables and region in (_PRE, _STATUS, _META):
            rank = RANK_PREAMBLE if region == _PRE else RANK_SECTION
            if _read_field_table(tables[index], findings, rank, first_line):
                skip_to = tables[index].end
                continue
        fields = _fields(stripped)
        if first == "|" and not fields:
            # ``| Deprecated | Deprecate in favor of ADR-37 |``, ``| Other docs | Related: … |``
            findings.links.extend(links_from_table_row(stripped, number))
            continue
        if fields:
            rank = RANK_PREAMBLE if region == _PRE else RANK_SECTION
            for field in fields:
                pending = _take(findings, field, rank, number, indent)
            if fields[-1].category == F.TITLE and findings.titles and fields[-1].value:
                title = (findings.titles[-1], index)
        elif region == _STATUS and (task := _task_item(stripped)) is not None:
            # ``- [x] Accepted (date: 2025-06-10)`` / ``- [ ] Rejected``: a checklist of
            # statuses; the ticked ones are the ADR's history, the others mere options.
            status_value_seen = True
            checked, text = task
            if checked:
                status, date = entry_from_text(text)
                if status is None and len(text) <= 30:
                    status = text.split("(")[0].strip(" .:") or None
                if status or date:
                    findings.history.append((status, date, number, "ticked box"))
        elif region == _STATUS:
            links = links_from_status(stripped, number)
            findings.links.extend(links)
            if first != "|":
                value = _bullet_item(stripped) or stripped
                if "~~" in value:
                    # ``~~Proposed~~ Accepted``: a struck-out status no longer holds.
                    value = _STRUCK.sub("", value).strip()
                    if not value:
                        continue
                if value[:1].isdigit():
                    # ``2020-05-02 proposed`` then ``2020-05-20 accepted``: a dated log of
                    # the status, read as a change log (the latest entry holds).
                    entry_status, entry_date = entry_from_text(value)
                    if entry_status and entry_date:
                        findings.history.append((entry_status, entry_date, number, "Status"))
                        findings.history_text[number] = value
                        status_value_seen = True
                        continue
                # ``Supersedes [1. X](…)`` states a link; it is not the status itself.
                stated = bool(links) and links[0].kind in _NOT_STATUS_KINDS
                if not status_value_seen and (not stated or _is_status_word(value)):
                    status_value_seen = True
                    findings.offer_value(F.STATUS, RANK_SECTION, value, number, "section")
                elif status_value_seen and _replaced(value) and (links or len(value.split()) <= 3):
                    # ``Accepted`` then ``Superseded by [3. X](…)``: the line added later
                    # says where the decision stands now (a reference or a bare status
                    # word; "Deprecated features are listed below" is prose).
                    findings.offer_value(F.STATUS, RANK_SECTION, value, number, "section", -1)
                _offer_status_date(findings, value, number)
        elif region in (_PRE, _META):
            if region == _PRE and kind == TEXT and _is_date_line(stripped):
                # ``July 25, 2018`` alone under the title: the record's date, unlabelled.
                findings.offer_value(F.DATE, RANK_PREAMBLE, stripped, number, "date-line", 1)
                continue
            # "Note: this ADR supersedes some aspects of [ADR-15](…)", "This ADR has been
            # superseded by [ADR014](…)": only a relation phrase before a reference counts.
            findings.links.extend(links_from_line(stripped, number, None, free=False))


#: First characters of a line that, in an ordinary section, can be nothing but prose: not
#: indentation, and not the marks that start a bold field (``**Status:**``, ``- **Status:**``)
#: or an admonition (``:::note``, ``!!! warning``), the only things read there besides headings.
_PROSE_START = frozenset(
    c for c in map(chr, range(0x80)) if c.isprintable() and not c.isspace() and c not in ":!*_-+"
)


def _is_prose(line: str) -> bool:
    """A line that cannot hold a field or an admonition: prose, or a bullet of prose
    (``* Replica index…``, not ``* **Status:** …``). Decided on its first characters."""
    first = line[:1]
    if first in _PROSE_START:
        return True
    return first in "-*+" and line[1:2] == " " and line[2:3] in _PROSE_START


#: Link kinds that a line of a Status section states instead of a status.
_NOT_STATUS_KINDS = frozenset(V.INVERSE_KINDS) - {"superseded-by", "deprecated-by"}
#: What joins several fields on one line: ``**Status:** Accepted | **Date:** …``,
#: ``**Status**: Accepted · **Date**: …`` (a middle dot or a bullet).
_PIPE = re.compile(r"\s[|·•]\s")


#: Fields a table's header row may name (a column of links is read as links elsewhere).
_TABLE_FIELDS = frozenset({F.STATUS, F.DATE, *F.PEOPLE, F.TAGS})


def _read_field_table(table: Table, findings: Findings, rank: int, first_line: int) -> bool:
    """A table whose header row names fields: ``| Status | Date | Author(s) |`` over values.

    One row of values is the ADR's fields; several rows with a status and a date
    column are its history (``| Proposed | 2024-01-02 |`` then ``| Accepted | … |``).
    Returns False (nothing read) unless most header cells are field labels, two at
    least, one of them the status or the date; a table with a title or id column
    (``| ADR | Title | Status | Date |``) lists other records and is not read.
    """
    header = table.header
    meanings = [F.classify_key(F.strip_markup(cell).strip(" :")) for cell in header]
    known = [m for m in meanings if m is not None and m[0] in _TABLE_FIELDS]
    body = table.rows[1:]
    if (
        not body
        or any(m is not None and m[0] in (F.TITLE, F.ID) for m in meanings)  # a list of ADRs
        or len(known) < 2
        or len(known) * 2 < len(header)
        or not any(m[0] in (F.STATUS, F.DATE) for m in known)
    ):
        return False
    columns = [m[0] if m is not None and m[0] in _TABLE_FIELDS else None for m in meanings]
    if len(body) > 1 and F.STATUS in columns and F.DATE in columns:
        status_at, date_at = columns.index(F.STATUS), columns.index(F.DATE)
        for row_index, row in enumerate(body[:200], start=1):
            status = row[status_at].strip() if status_at < len(row) else ""
            date = parse_date(row[date_at]).iso if date_at < len(row) else None
            if status or date:
                line = first_line + table.row_line(row_index) + 1
                findings.history.append((status or None, date, line, "table"))
        return True
    line = first_line + table.row_line(1) + 1
    for column, meaning, label, cell in zip(columns, meanings, header, body[0], strict=False):
        value = cell.strip()
        if column is None or meaning is None or not value:
            continue
        label = F.strip_markup(label).strip(" :")
        findings.offer(F.Field(column, meaning[1], label, value, F.TABLE), rank, line)
    return True


def _field_section(text: str, key: str) -> F.Field | None:
    """The field a section heading names (``## Date``, ``### Decision Makers``), if any."""
    meaning = F.classify_key(key) or F.classify_key(F.strip_markup(text).strip(" :"))
    if meaning is None or meaning[0] not in _SECTION_FIELDS:
        return None
    return F.Field(meaning[0], meaning[1], F.strip_markup(text).strip(" :#"), "", "field-section")


#: Confluence's page byline, kept by its exports: ``Created by Jane Roe, last modified on
#: Mar 03, 2023`` / ``Created by Jane Roe on Mar 03, 2023``.
_BYLINE = re.compile(
    r"created by (?P<who>[^,\n]{1,80}?)(?P<modified>,? last (?:modified|updated)"
    r"(?: by [^,\n]{1,80}?)?)? on (?P<when>[^\n]{4,40})$",
    re.IGNORECASE,
)


def _fields(stripped: str, *, plain: bool = True) -> list[F.Field]:
    """The fields of a line; ``**Status:** Accepted | **Date:** 2025-02-17`` holds two."""
    field = F.match_field(stripped, plain=plain)
    if field is None and plain and stripped[:1] in "Cc":
        byline = _BYLINE.match(stripped)
        if byline is not None:
            # The page's author, and its date: written (preferred), else last modified.
            modified = 1 if byline["modified"] else 0
            when = F.Field(F.DATE, modified, "Created by", byline["when"].strip(), "byline")
            who = F.Field(F.AUTHORS, 0, "Created by", byline["who"].strip(), "byline")
            return [who, when]
    if field is None or stripped[:1] == "|" or not _PIPE.search(field.value):
        return [field] if field is not None else []
    parts = _PIPE.split(field.value)
    rest = [F.match_field(part.strip(), plain=plain) for part in parts[1:]]
    if not all(rest):
        return [field]
    field.value = parts[0].strip()
    return [field, *(f for f in rest if f is not None)]


def _only_an_id(h1: tuple[str, int] | None) -> bool:
    """A title that is nothing but the record's id (``# ADR-012``)."""
    return h1 is not None and tidy_title(F.strip_markup(h1[0])).only_id


def _is_heading(mark: tuple[int, int, str, int], index: int, stripped: str) -> bool:
    """An ATX heading, or a one-line setext heading that is not a metadata field.

    CommonMark makes ``Status: Accepted`` / ``Date: …`` followed by ``---`` one
    heading; those lines are fields to an ADR author, and are read as fields.
    """
    underline = mark[3]
    if underline < 0:
        return True
    return underline == index + 1 and not _fields(stripped)


def _offer_status_date(
    findings: Findings, text: str, number: int, rank: int = RANK_SECTION
) -> None:
    """A date in a status's text: ``Approved by the TSC on 3/2/22``, ``Accepted (2021-03-04)``.

    The date of an approval is the decision's (preferred); another date there
    (``Original proposal 10/24/2020``) is a fallback.
    """
    if not any(char.isdigit() for char in text):
        return
    result = parse_date(text)
    if result.iso is None:
        return
    clauses = status_clauses(text)
    if len(clauses) > 1:
        # ``Proposed (2020-01-01), Accepted (2020-02-03)``: each status its own date.
        for clause in clauses:
            if parse_date(clause).iso is not None:
                detail = 0 if normalize_status(clause) == "accepted" else 2
                findings.offer_value(F.DATE, rank, clause, number, "status-text", detail, "Status")
        return
    meaning = normalize_status(text)
    detail = 0 if meaning == "accepted" else 2
    findings.offer_value(F.DATE, rank, text, number, "status-text", detail, "Status")


def _offer_admonition(findings: Findings, stripped: str, number: int) -> None:
    title = stripped.lstrip(":!?").strip()
    words = title.replace('"', " ").split()
    for word in words[:3]:
        if V.status_meaning(word) in ("superseded", "deprecated", "rejected"):
            findings.offer_value(F.STATUS, RANK_ANYWHERE, word, number, "admonition", 0, "note")
            return


_STRUCK = re.compile(r"~~[^~\n]*~~")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _replaced(text: str) -> bool:
    """A line that starts by saying the decision was superseded or deprecated."""
    word = _FIRST_WORD.search(F.strip_markup(text)[:80])
    return word is not None and V.status_meaning(word[0]) in ("superseded", "deprecated")


def _is_date_line(stripped: str) -> bool:
    """A short line that is nothing but a date (``July 25, 2018``, ``*2019-06-19*``)."""
    text = stripped.strip("*_ ")
    if len(text) > 32 or ":" in text or len(text.split()) > 5:
        return False
    if not any(char.isdigit() for char in text):
        return False
    return parse_date(text).iso is not None


def _is_status_word(text: str) -> bool:
    return normalize_status(text) in CANONICAL_STATUSES


def _take(
    findings: Findings, field: F.Field, rank: int, number: int, indent: int
) -> tuple[F.Field, int, int] | None:
    """Offer ``field``; return it as pending when its list continues on the next lines."""
    if not field.value and field.category in _LIST_CATEGORIES:
        return (field, rank, indent)
    findings.offer(field, rank, number)
    return None


def _offer_item(findings: Findings, field: F.Field, item: str, rank: int, number: int) -> None:
    """One item of a list under a label; the items of one list make one candidate."""
    if field.category == F.LINK:
        findings.links.extend(links_from_value(str(field.detail), item, number))
        return
    gathered = findings.open_list
    if gathered is not None and gathered.label == field.key and isinstance(gathered.value, list):
        gathered.value.append(item)
        return
    findings.open_list = findings.offer_value(
        field.category, rank, [item], number, field.form, 0, field.key
    )


def _read_meta_block(block: list[tuple[int, str]], findings: Findings, region: int) -> None:
    """The ``Key: value`` lines of a fenced ``yaml`` metadata block (read line by line)."""
    rank = RANK_PREAMBLE if region == _PRE else RANK_SECTION
    pending: F.Field | None = None
    for number, line in block[:500]:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0] in " \t-":
            item = _bullet_item(stripped)
            if item is not None and pending is not None:
                _offer_item(findings, pending, item.strip("\"'"), rank, number)
            continue
        field = F.match_field(stripped)
        pending = None
        if field is None:
            continue
        value = field.value.strip()
        if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
            field.value = value[1:-1]
        if not field.value:
            pending = field
            continue
        findings.offer(field, rank, number, form="yaml-block")
