"""The relations an ADR states: ``Superseded by [5. X](0005-x.md)``, ``* Amends ADR-0004``.

Only stated relations are read here: front-matter keys, status values, metadata
fields and table rows, the bullets of ``Related``/``Links`` sections, relation
sentences in the metadata areas ("this ADR supersedes some aspects of ADR-15")
and admonitions ("has been superseded by [ADR014](…)"). Which words name which
kind is the vocabulary's (:mod:`adrtui.domain.vocabulary`); a sentence counts
only when a relation phrase stands at most a few words before the reference,
unnegated, in the same clause. Each target is kept as written (a relative file,
``ADR-12``, ``decision:0003:v1``, a docs-site URL); resolving it to a record,
deriving inverse links and finding plain mentions in prose is the job of
:mod:`adrtui.domain.relations.resolve`, which sees the whole collection.
"""

from __future__ import annotations

import re
from typing import Any

from adrtui.domain.model import Link
from adrtui.domain.parsing.fields import (
    LINK,
    STATUS,
    classify_key,
    normalize_key,
    split_items,
    strip_markup,
)
from adrtui.domain.vocabulary import (
    FREE_LINK_KINDS,
    INVERSE_KINDS,
    LINK_SYNONYMS,
    STATUS_WORDS,
    status_meaning,
)

#: Only this much of one line is searched for references (bounds regex work).
MAX_LINE = 2000
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")

_MD_LINK = re.compile(
    r"\[([^\]\n]{0,300})\]\([ \t]*<?([^)\s>]{1,500})>?(?:[ \t]+[\"'(][^)\n]{0,200})?[ \t]*\)"
)
_AUTOLINK = re.compile(r"<([^<>\s]{1,500})>")
_URL = re.compile(r"\b(?:https?|ftp)://[^\s)>\]]{1,500}|\bwww\.[^\s)>\]]{1,500}", re.IGNORECASE)
_WIKI_LINK = re.compile(
    r"\[\[([^\[\]|#\n]{1,200})(?:#[^\[\]|\n]{0,200})?(?:\|[^\[\]\n]{0,200})?\]\](?!\()"
)
_BRACKETED = re.compile(r"\[([^\[\]\n]{1,100})\](?!\()")
_ADR_REF = re.compile(r"(?<![\w-])ADR[-_ ]?#?\d{1,6}(?![\w])", re.IGNORECASE)
_FILE_REF = re.compile(r"(?<![\w/.-])(?:\.{0,2}/)?[\w][\w./-]{0,200}\.(?:mdx?|markdown)(?![\w])")
_ID_REF = re.compile(r"(?<![\w:-])[A-Za-z][\w-]{0,30}:\d{1,6}(?::[\w.-]{1,20})?(?![\w:])")
_NEXT_TOKEN = re.compile(r"[ \t:]*([^\W_][\w./-]{0,100})(?![^\s,;)])")
_LEADING_NUMBER = re.compile(
    r"[ \t]*(?:#|no\.?\s*|number\s*)?(\d{1,6})(?!\d)(?![\w.-]\w)", re.IGNORECASE
)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]{1,15}://|mailto:|www\.|tel:|data:)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_BULLET = re.compile(r"^[ \t]*(?:[*+-]|\d{1,3}[.)])[ \t]+")

#: Status words (the one vocabulary's, in every language) never name a free link kind.
_STATUS_WORDS = frozenset(STATUS_WORDS) | {"status"}
_NOT_VERBS = frozenset(
    {"this", "that", "the", "a", "an", "we", "it", "our", "they", "and", "or", "also", "see"}
)
_MAX_FREE_WORDS = 3


def is_external(target: str) -> bool:
    """A URL or other scheme: it leaves the collection."""
    return bool(_EXTERNAL.match(target))


def find_refs(text: str, *, external: bool = False) -> list[str]:
    """The references in ``text``, in order: link targets, ``[ids]``, ``ADR-12``, ``x.md``."""
    return [target for _start, _end, target in _refs_at(text, external=external)]


def _refs_at(text: str, *, external: bool) -> list[tuple[int, int, str]]:
    """Each reference with where its written form starts and ends (``[`` … ``)`` of a link).

    The ends let :func:`links_from_line` read the words *between* references, so
    ``Supersedes [A](a.md), amended by [B](b.md)`` gives each target its own kind.
    """
    text = text[:MAX_LINE]
    found: list[tuple[int, int, str]] = []
    blanked = text
    if "](" in text:
        for match in _MD_LINK.finditer(text):
            href = match[2]
            if not href.startswith("#") and (external or not is_external(href)):
                found.append((match.start(), match.end(), href))
        blanked = _MD_LINK.sub(lambda m: " " * len(m[0]), text)
    if "<" in blanked:
        for match in _AUTOLINK.finditer(blanked):
            target = match[1]
            named = ":" in target or target.endswith(_MARKDOWN_SUFFIXES)
            if named and (external or not is_external(target)):
                found.append((match.start(), match.end(), target))
        blanked = _AUTOLINK.sub(lambda m: " " * len(m[0]), blanked)
    if "://" in blanked or "www." in blanked:
        if external:
            for m in _URL.finditer(blanked):
                url = m[0].rstrip(".,;:")
                found.append((m.start(), m.start() + len(url), url))
        blanked = _URL.sub(lambda m: " " * len(m[0]), blanked)
    if "[[" in blanked:
        # ``[[0005-use-x]]``, ``[[Use PostgreSQL|the database]]``: a wiki link names its page.
        for match in _WIKI_LINK.finditer(blanked):
            found.append((match.start(), match.end(), match[1].strip()))
        blanked = _WIKI_LINK.sub(lambda m: " " * len(m[0]), blanked)
    if "[" in blanked:
        for match in _BRACKETED.finditer(blanked):
            inner = match[1].strip()
            if any(c.isdigit() for c in inner) and " " not in inner.strip():
                found.append((match.start(), match.end(), inner))
        blanked = _BRACKETED.sub(lambda m: " " * len(m[0]), blanked)
    # Each pattern only where its literal occurs: most prose lines hold none, and
    # the look-behinds would otherwise be tried at every character.
    lower = blanked.lower()
    if "adr" in lower:
        for match in _ADR_REF.finditer(blanked):
            found.append((match.start(), match.end(), match[0]))
        if found:
            blanked = _ADR_REF.sub(lambda m: " " * len(m[0]), blanked)
    if ".md" in lower or ".markdown" in lower:
        found.extend((m.start(), m.end(), m[0]) for m in _FILE_REF.finditer(blanked))
    if ":" in blanked:
        found.extend((m.start(), m.end(), m[0]) for m in _ID_REF.finditer(blanked))
    found.sort(key=lambda item: item[0])
    seen: set[str] = set()
    unique: list[tuple[int, int, str]] = []
    for start, end, target in found:
        if target not in seen:
            seen.add(target)
            unique.append((start, end, target))
    return unique


def kind_of(phrase: str, *, free: bool = True) -> str | None:
    """The relation a phrase names: ``Superseded by`` → ``superseded-by``; else ``None``.

    With ``free``, another short verb phrase (``Clarifies``, ``Depends on``) becomes
    a free kind, dash-joined; status words and sentence starts never do.
    """
    text = strip_markup(_BULLET.sub("", phrase[:200]))
    start = 0
    while start < len(text) and not text[start].isalpha():
        start += 1
    text = text[start:].rstrip(" \t:-–—|")
    if not text:
        return None
    norm = normalize_key(text)
    for suffix in ("-adrs", "-adr", "-decisions", "-decision"):
        if norm.endswith(suffix) and norm[: -len(suffix)] in LINK_SYNONYMS:
            norm = norm[: -len(suffix)]
    kind = LINK_SYNONYMS.get(norm)
    if kind is not None:
        return kind
    if norm in FREE_LINK_KINDS:
        return norm
    if not free:
        return None
    words = text.lower().split()
    if (
        1 <= len(words) <= _MAX_FREE_WORDS
        and all(word.isalpha() for word in words)
        and words[0] not in _STATUS_WORDS
        and words[0] not in _NOT_VERBS
    ):
        return "-".join(words)
    return None


#: How each reference of a line got its kind: a relation phrase written right
#: before it (``Superseded by``), a guessed free kind (``Clarifies``), a relation
#: verb a few words before it ("this ADR supersedes some aspects of"), or nothing.
_PHRASE_KIND, _FREE_KIND, _PROSE_KIND = "phrase", "free", "prose"
#: Kinds that say which record is in force: worth keeping even when the target is
#: a URL and the kind was read from a sentence.
_STRONG_KINDS = frozenset({"supersedes", "superseded-by", "amends", "amended-by"})
#: At most this many words between a relation verb and its reference
#: ("supersedes *some aspects of* ADR-15"); more is prose about something else.
_MAX_GAP = 4
#: Longest relation phrase, in words ("deprecated in favour of").
_MAX_PHRASE = 4
#: Longest text read as a relation label (``- **Superseded by:** ``), in characters.
_MAX_LABEL = 120
_WORD = re.compile(r"[^\W\d_]+")
#: A clause ends here: what comes before is about something else.
_CLAUSE_END = re.compile(r"[.;!?:](?=\s|$)|[。；！？：]")
_NEGATIONS = frozenset(
    {
        "not",
        "never",
        "no",
        "nor",
        "cannot",
        "doesn",
        "don",
        "isn",
        "wasn",
        "won",
        "didn",
        "hasn",
        "haven",
        "aren",
        "weren",
        "nicht",
        "kein",
        "keine",
        "nie",
        "pas",
        "jamais",
        "nunca",
        "non",
        "niet",
        "geen",
    }
)
#: Words that may stand between a subject and a passive verb (``has been superseded``).
_AUXILIARIES = frozenset({"has", "have", "had", "been", "is", "was", "are", "will", "also", "now"})
#: The text after a reference that turns it round: "[ADR-9](…) supersedes this".
_THIS = frozenset({"this", "it", "the", "these"})


def _phrase_ends() -> frozenset[str]:
    """The last word of every relation phrase: only there can a phrase end."""
    return frozenset(phrase.rpartition("-")[2] for phrase in (*LINK_SYNONYMS, *FREE_LINK_KINDS))


_PHRASE_ENDS = _phrase_ends()


def _phrase_kind(words: list[str], end: int) -> tuple[str, int] | None:
    """The kind of the longest relation phrase ending at ``words[end - 1]``, and its length."""
    if words[end - 1] not in _PHRASE_ENDS:
        return None
    for size in range(min(_MAX_PHRASE, end), 0, -1):
        phrase = "-".join(words[end - size : end])
        kind = LINK_SYNONYMS.get(phrase)
        if kind is None and phrase in FREE_LINK_KINDS:
            kind = phrase
        if kind is not None:
            return kind, size
    return None


def _clause_words(text: str) -> list[str]:
    """The lowercased words of the last clause of ``text`` (markup and comments off)."""
    # A label's own colon ends nothing: "Related:" before its reference still counts.
    plain = strip_markup(text[-400:]).rstrip(" \t:：")
    ends = list(_CLAUSE_END.finditer(plain))
    if ends:
        plain = plain[ends[-1].end() :]
    return [word.lower() for word in _WORD.findall(plain)]


def prose_kind(text: str) -> str | None:
    """The relation a sentence states about the reference that follows it, or ``None``.

    A relation verb, then at most a few words, then the reference: "this ADR
    supersedes some aspects of", "has been superseded by", "Deprecate in favor
    of". Only the last clause counts, and a negation ("does not supersede")
    states nothing. Phrases are the vocabulary's (:data:`LINK_SYNONYMS` and the
    free kinds), so every language listed there works when written with spaces.
    """
    words = _clause_words(text)
    count = len(words)
    for gap in range(min(_MAX_GAP, count - 1) + 1):
        end = count - gap
        found = _phrase_kind(words, end)
        if found is None:
            continue
        kind, size = found
        if gap and kind == "relates-to" and size == 1:
            return None  # "we see the point of ADR-3": a lone "see" far away names nothing
        nearby = words[max(0, end - size - 2) : end - size] + words[end:]
        if any(word in _NEGATIONS for word in nearby):
            return None
        return kind
    return None


def _trailing_kind(text: str) -> str | None:
    """The kind stated *after* references: "[ADR-9](…) supersedes this" → superseded-by."""
    plain = strip_markup(text[:200])
    cut = _CLAUSE_END.search(plain)
    words = [word.lower() for word in _WORD.findall(plain[: cut.start() if cut else None])]
    start = 0
    while start < len(words) and words[start] in _AUXILIARIES:
        start += 1
    for size in range(min(_MAX_PHRASE, len(words) - start - 1), 0, -1):
        end = start + size
        if words[end] not in _THIS:
            continue
        found = _phrase_kind(words, end)
        if found is not None and found[1] == size:
            inverse = INVERSE_KINDS.get(found[0])
            if inverse is not None and inverse != found[0]:
                return inverse
    return None


def _segment_kind(segment: str, *, free: bool) -> tuple[str, str] | None:
    """The kind the words right before a reference name, and how it was read."""
    if not segment.strip(" \t,;&/|-–—()[]*_`"):
        return None
    # A label is short; a longer segment can only be a sentence.
    kind = kind_of(segment, free=False) if len(segment) <= _MAX_LABEL else None
    if kind is not None:
        return kind, _PHRASE_KIND
    kind = prose_kind(segment)
    if kind is not None:
        return kind, _PROSE_KIND
    if free:
        kind = kind_of(segment, free=True)
        if kind is not None:
            return kind, _FREE_KIND
    return None


def _joins(segment: str) -> bool:
    """Does the text between two references join them ("A, B and C"), not start anew?"""
    if _CLAUSE_END.search(strip_markup(segment)):
        return False
    return len(_WORD.findall(segment)) <= 3


def links_from_line(
    text: str, line: int | None, default_kind: str | None, *, free: bool = True
) -> list[Link]:
    """The links one line states: the words before each reference name its kind.

    ``Superseded by [5. X](0005-x.md)``, ``Supersedes ADR-1, amended by ADR-7``,
    "Note: this ADR supersedes some aspects of [ADR-15](…) and [ADR-16](…)",
    "[ADR-9](…) supersedes this decision". A reference joined to the previous one
    ("A, B and C") shares its kind. References without a stated kind get
    ``default_kind`` (``relates-to`` in a Related section), or nothing when it is
    ``None``. A URL counts only after a relation phrase: a guessed free kind
    ("FastAPI documentation: https://…") is a label, not a relation, and a URL
    without a phrase is left out (the prose scan in :mod:`relations` still keeps
    one that turns out to be a record's docs page).
    """
    text = text[:MAX_LINE]
    if "<!--" in text:
        text = _COMMENT.sub(" ", text)
    located = _refs_at(text, external=True)
    if not located:
        return _unreferenced(text, line)
    named: list[tuple[str, str] | None] = []
    previous_end = 0
    current: tuple[str, str] | None = None
    for index, (start, end, _target) in enumerate(located):
        segment = text[previous_end:start]
        stated = _segment_kind(segment, free=free and index == 0)
        if stated is not None:
            current = stated
        elif index and not _joins(segment):
            current = None
        named.append(current)
        previous_end = end
    if all(item is None for item in named):
        trailing = _trailing_kind(text[previous_end:])
        if trailing is not None:
            named = [(trailing, _PROSE_KIND)] * len(located)
    links: list[Link] = []
    for (_start, _end, target), stated in zip(located, named, strict=True):
        kind = stated[0] if stated is not None else None
        if stated is not None and is_external(target):
            how = stated[1]
            if how == _FREE_KIND or (how == _PROSE_KIND and kind not in _STRONG_KINDS):
                kind = None  # a label or a loose sentence before a URL: not a relation
        if kind is None:
            if default_kind is None or is_external(target):
                continue  # a URL is a relation only when a phrase says so
            kind = default_kind
        links.append(Link(kind, target, line=line))
    return links


def _unreferenced(text: str, line: int | None) -> list[Link]:
    """The link a line without a reference may still state: ``Superseded by 12``, a
    relation phrase then a bare number (or a file's stem: ``Superseded by 0005-use-x``)."""
    plain = strip_markup(text)
    phrase = _PHRASE.match(plain)
    if phrase is None:
        return []
    number = _LEADING_NUMBER.match(plain, phrase.end())
    if number is not None:
        return [Link(kind_of(phrase[0]) or "relates-to", number[1], line=line)]
    token = _NEXT_TOKEN.match(plain, phrase.end())
    if token is None or not any(c.isdigit() for c in token[1]):
        return []
    return [Link(kind_of(phrase[0]) or "relates-to", token[1].rstrip("./-"), line=line)]


_PHRASE = re.compile(
    r"^[^A-Za-z]*(?:superseded|superceded|amended|replaced|obsoleted)\s+by\b|"
    r"^[^A-Za-z]*(?:supersedes|supercedes|amends|replaces|obsoletes|relates\s+to|related\s+to)\b",
    re.IGNORECASE,
)


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def table_cells(row: str) -> list[str]:
    r"""The cells of a Markdown table row (``| a | b |`` → ``["a", "b"]``; ``\|`` kept)."""
    text = row.strip()[:MAX_LINE]
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    return [cell.strip() for cell in _CELL_SPLIT.split(text)]


def links_from_table_row(cells: list[str] | str, line: int | None) -> list[Link]:
    """The links a metadata table row states.

    ``| Supersedes | [ADR-3](…) |``, ``| Updates | ADR-8 |``, ``| Superseded by: | N/A |``
    (a relation label, then its targets), and rows whose cell is a sentence:
    ``| Deprecated | Deprecate in favor of ADR-37 |``, ``| Status | Superseded by
    [ADR-9](…) |``. A row that starts with a reference (``| [ADR-5](…) |
    Superseded by ADR-7 |``) describes that other record, as in an index table,
    so it states nothing about this one. ``cells`` may be the row itself.
    """
    if isinstance(cells, str):
        cells = table_cells(cells)
    cells = [cell.strip() for cell in cells[:20]]
    filled = [cell for cell in cells if cell]
    if not filled or all(not cell.strip("-: ") for cell in filled):
        return []  # an empty or separator row
    first_refs = _refs_at(filled[0], external=True)
    if len(filled) >= 2 and not first_refs:
        label = filled[0]
        kind = kind_of(label, free=False)
        links: list[Link] = []
        if kind is not None:
            for cell in filled[1:]:
                links.extend(links_from_value(kind, cell, line))
            return links
        meaning = classify_key(strip_markup(label).rstrip(" :"))
        if meaning is not None and meaning[0] == STATUS:
            # ``| Status | Superseded (ADR-5) |``: a status value.
            for cell in filled[1:]:
                links.extend(links_from_status(cell, line))
            return links
        if _means_superseded(label):
            # ``| Superseded | ADR-5 |``: the status word as the label.
            return links_from_status(" ".join(filled), line)
    if first_refs and not _segment_kind(filled[0][: first_refs[0][0]], free=False):
        return []
    links = []
    for cell in filled:
        links.extend(links_from_line(cell, line, None, free=False))
    return links


def links_from_table_columns(
    header: list[str] | str, row: list[str] | str, line: int | None
) -> list[Link]:
    """The links of a row under a header that names relations, one field per column.

    ``| Status | Supersedes | Superseded by |`` then ``| Accepted | ADR-3 | – |``:
    the row's ``Supersedes`` cell states what this record supersedes.
    """
    if isinstance(header, str):
        header = table_cells(header)
    if isinstance(row, str):
        row = table_cells(row)
    links: list[Link] = []
    for name, cell in zip(header[:20], row[:20], strict=False):
        kind = kind_of(name, free=False) if name.strip() and len(name) <= _MAX_LABEL else None
        if kind is not None and cell.strip():
            links.extend(links_from_value(kind, cell.strip(), line))
    return links


_ADMONITION_OPEN = re.compile(
    r"^[ \t]*(?::{3,}|[!?]{3}\+?)[ \t]*(?P<type>[\w-]*)[ \t]*(?P<title>.*)$"
)
#: Lines of an admonition read (a note is short; bounds the work on hostile files).
_MAX_ADMONITION = 60
_ADMONITION_CLOSE = re.compile(r"^[ \t]*:{3,}[ \t]*$")
_QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_ALERT = re.compile(r"^\[!(?P<type>\w+)\][ \t]*(?P<title>.*)$")


def _admonition_parts(lines: list[str]) -> tuple[str, list[tuple[int, str]]]:
    """The title words of an admonition and its text lines (index, text), markers off.

    Docusaurus ``:::note Superseded`` … ``:::``, MkDocs ``!!! warning "Superseded"``
    (text indented under it), GitHub ``> [!NOTE]`` and ``> **Note** …`` quotes.
    """
    title = ""
    text: list[tuple[int, str]] = []
    for index, raw in enumerate(lines[:_MAX_ADMONITION]):
        line = raw[:MAX_LINE]
        if _ADMONITION_CLOSE.match(line):
            continue
        opening = _ADMONITION_OPEN.match(line) if index == 0 else None
        if opening is not None:
            title = f"{opening['type']} {opening['title']}".strip(" \"'")
            continue
        quoted = _QUOTE_MARKS.match(line)
        if quoted is not None:
            line = line[quoted.end() :]
            alert = _ALERT.match(line.strip()) if index == 0 else None
            if alert is not None:
                title = f"{alert['type']} {alert['title']}"
                continue
        if line.strip():
            text.append((index, line.strip()))
    return title, text


def _means_superseded(text: str) -> bool:
    return any(status_meaning(word) == "superseded" for word in _WORD.findall(strip_markup(text)))


def links_from_admonition(lines: list[str], first_line: int | None) -> list[Link]:
    """The links an admonition states ("This ADR has been superseded by [ADR014](…)").

    ``lines`` are the block's lines as written, opening and closing markers
    included; the first is file line ``first_line``. Under a title that means
    superseded (``:::note Superseded``), a reference with no relation phrase of
    its own ("See [ADR014](…)") is what superseded this record.
    """
    title, text = _admonition_parts(lines)
    superseded = _means_superseded(title)
    links: list[Link] = []
    for index, line in text:
        number = None if first_line is None else first_line + index
        found = links_from_line(line, number, "superseded-by" if superseded else None, free=False)
        if superseded:
            found = [
                Link("superseded-by", link.target, line=link.line)
                if link.kind == "relates-to"
                else link
                for link in found
            ]
        links.extend(found)
    return links


def admonition_status(lines: list[str]) -> str | None:
    """The status an admonition gives its record: ``superseded`` when it says so, else None.

    ``:::note Superseded``, ``> **Superseded** by ADR-9``, or a text stating what
    superseded this record ("has been superseded by [ADR014](…)"). For the
    parser, which decides how much this outranks other status candidates.
    """
    title, text = _admonition_parts(lines)
    if _means_superseded(title):
        return "superseded"
    for _index, line in text:
        if any(link.kind == "superseded-by" for link in links_from_line(line, None, None)):
            return "superseded"
    return None


def links_from_status(value: str, line: int | None) -> list[Link]:
    """The links a status value states: ``Superseded by [ADR-5](…)``, ``Superseded (ADR-5)``.

    A status that means superseded (in any language the vocabulary knows) makes
    its references what superseded this record: "Superseded, see ADR-5",
    "Ersetzt (ADR-5)" (German ``ersetzt`` is also "replaces", but as a status it
    is "replaced"), ``Remplacée — [ADR-5](…)``. Other statuses keep the phrases'
    own kinds: "Deprecated in favor of ADR-37" (superseded-by), "Rejected (see
    [019](…))" (relates-to), "Accepted; amends ADR-2" (amends).
    """
    text = value[:MAX_LINE]
    located = _refs_at(text, external=True)
    if not located:
        # Found once: the line's own reading would look again (after blanking comments).
        if "<!--" in text:
            return links_from_line(text, line, None, free=False)
        return _unreferenced(text, line)
    words = _WORD.findall(strip_markup(text[: located[0][0]])[:200])
    if words and status_meaning(words[0].lower()) == "superseded":
        found = links_from_line(text, line, "superseded-by", free=False)
        return [
            link
            if link.kind in ("superseded-by", "amends", "amended-by")
            else Link("superseded-by", link.target, line=link.line)
            for link in found
        ]
    return links_from_line(text, line, None, free=False)


def links_from_value(kind: str, value: Any, line: int | None) -> list[Link]:
    """Links from a field or front-matter value: a string, a number or a list of them."""
    if value is None or isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [Link(kind, str(value), line=line)]
    if isinstance(value, list | tuple):
        links: list[Link] = []
        for item in value[:200]:
            # Scalars only: YAML aliases can make a list contain itself.
            if isinstance(item, str | int | float) and not isinstance(item, bool):
                links.extend(links_from_value(kind, item, line))
        return links
    if not isinstance(value, str):
        return []
    links = []
    for item in split_items(value[:MAX_LINE]) if "](" not in value else [value[:MAX_LINE]]:
        refs = find_refs(item, external=True)
        if not refs:
            bare = strip_markup(item).strip()
            if bare and any(c.isdigit() for c in bare) and len(bare) <= 100 and " " not in bare:
                refs = [bare]
            elif bare[:1].isdigit():
                # ``Superseded by: 5. Use a queue``, ``12 (Replace the DB)``: the number.
                number = _LEADING_NUMBER.match(bare)
                if number is not None and not bare[number.end() :].lstrip()[:1].isdigit():
                    refs = [number[1]]
        links.extend(Link(kind, target, line=line) for target in refs)
    return links


def front_matter_links(mapping: dict[str, Any], key_lines: dict[str, int]) -> list[Link]:
    """Links stated in front matter: relation keys, and a ``links:`` mapping or list."""
    links: list[Link] = []
    for key, value in mapping.items():
        if not isinstance(key, str):
            continue
        line = key_lines.get(key)
        meaning = classify_key(key)
        if meaning is not None and meaning[0] == LINK:
            links.extend(links_from_value(str(meaning[1]), value, line))
        elif normalize_key(key) in ("links", "relations", "related-links"):
            links.extend(_links_block(value, line))
    return links


def _links_block(value: Any, line: int | None) -> list[Link]:
    links: list[Link] = []
    if isinstance(value, dict):
        for kind_key, targets in list(value.items())[:100]:
            if not isinstance(kind_key, str):
                continue
            kind = kind_of(kind_key.replace("_", " ").replace("-", " "))
            if kind is None:
                continue
            links.extend(
                link for link in links_from_value(kind, targets, line) if _adr_like(link.target)
            )
    elif isinstance(value, list):
        for item in value[:200]:
            if not isinstance(item, dict):
                continue
            kind_raw = next(
                (item[k] for k in ("kind", "type", "rel", "relation") if k in item), None
            )
            target = next(
                (
                    item[k]
                    for k in ("target", "adr", "id", "ref", "to", "href", "path")
                    if k in item
                ),
                None,
            )
            if isinstance(kind_raw, str) and target is not None:
                kind = kind_of(kind_raw.replace("_", " ").replace("-", " "))
                if kind is not None:
                    links.extend(links_from_value(kind, target, line))
    return links


def _adr_like(target: str) -> bool:
    """A target that can name an ADR (not ``GitHub issue #32``, not a URL)."""
    return (
        not is_external(target)
        and " " not in target.strip()
        and (any(c.isdigit() for c in target) or target.endswith(_MARKDOWN_SUFFIXES))
    )
