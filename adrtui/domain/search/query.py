"""The query language of the search box, and highlighting what a query matched.

Pure functions over text: nothing here touches the index, so the UI may call
them anywhere. :func:`parse_query` turns every keystroke's text into words and
filters and never raises; :class:`Highlighter` finds the words a query matched
in any text, with the same analysis (folding, stemming) as the index.

**The language.** Words are matched stemmed (``deciding`` finds ``decision``);
all must match. The last word is matched as a prefix while it is being typed
(no trailing space). A trailing ``*`` makes any word a prefix; ``"quoted
words"`` are never prefixes, and several of them in one pair of quotes must
also occur together, in that order (a phrase: ``"event sourcing"``; an unclosed
quote is still being typed, so its words are not a phrase yet); ``-word``
or ``NOT word`` excludes. ``field:value`` filters: ``status:accepted``,
``tag:security``, ``decider:alice`` (or ``decider:"ana lima"``; ``author:``,
``consulted:`` and ``informed:`` likewise), ``date:2024``
(a prefix of the ISO date; ``date:2023..2024``, ``date:>=2024-06``),
``number:12`` (``10..20``, ``>100``) and ``title:word``; a filter still being
typed matches as a prefix (``status:acc``). Several values of one field are
alternatives, different fields must all match; ``-status:rejected`` excludes.
Anything else (``AND``, ``OR``, ``(``, ``*``, unknown ``foo:``) is plain text.

Two filters read the repository's history (:data:`GIT_FIELDS`; the index does
not hold it, so the index skips them and :mod:`adrtui.domain.gitlog` evaluates
them): ``changed:`` the day of the ADR's last commit, written like ``date:``
plus spans back from today (``changed:2024``, ``changed:2023..2024``,
``changed:>=2024-01-01``, ``changed:<30d``: within the last 30 days; ``d``, ``w``,
``m``, ``y``), and ``since:`` created or changed since a day, a span or a
revision (``since:30d``, ``since:2024-01-01``, ``since:v1.2``). With the history
read, ``author:`` also finds everyone who committed to the ADR, and ``date:`` the
dates git filled in.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from adrtui.domain.search.analysis import TOKEN, fold_word, normalize_value, stem, words
from adrtui.domain.text import clean, clean_line

__all__ = [
    "GIT_FIELDS",
    "Filter",
    "Fragment",
    "Highlighter",
    "ParsedQuery",
    "Word",
    "date_matches",
    "parse_query",
    "within_one_edit",
    "without_filters",
]


# -- the query language -------------------------------------------------------------

#: ``field:`` names users may type, and the index field each one filters.
FIELD_ALIASES: dict[str, str] = {
    "status": "status",
    "tag": "tags",
    "tags": "tags",
    "decider": "deciders",
    "deciders": "deciders",
    "author": "authors",
    "authors": "authors",
    "consulted": "consulted",
    "informed": "informed",
    "date": "date",
    "number": "number",
    "num": "number",
    "title": "title",
    "changed": "changed",
    "since": "since",
}
#: Filters the repository's history answers, not the index (see the module docstring).
GIT_FIELDS: frozenset[str] = frozenset({"changed", "since"})
#: Only this much of the typed text is read (a paste of a whole document is not a query).
MAX_QUERY_CHARS = 1000
MAX_WORDS = 32
MAX_FILTERS = 16
#: Quoted phrases checked per query (each one means reading the matching texts).
MAX_PHRASES = 4
_FIELD = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


@dataclass(frozen=True)
class Word:
    """One query word, folded (``text``), and how it must match."""

    text: str
    prefix: bool = False
    negated: bool = False
    title_only: bool = False


@dataclass(frozen=True)
class Filter:
    """A ``field:value`` filter; ``prefix`` when its value is still being typed."""

    field: str
    value: str
    negated: bool = False
    prefix: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    """What the typed text asks for."""

    text: str
    words: tuple[Word, ...] = ()
    filters: tuple[Filter, ...] = ()
    #: True when words or filters beyond the limits were ignored.
    truncated: bool = False
    #: Quoted word sequences that must occur together, in order (folded words).
    phrases: tuple[tuple[str, ...], ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """Words matched whole (stemmed)."""
        return tuple(w.text for w in self.words if not w.prefix and not w.negated)

    @property
    def prefix(self) -> str | None:
        """The word matched as a prefix (the last one being typed), if any."""
        prefixes = [w.text for w in self.words if w.prefix]
        return prefixes[-1] if prefixes else None

    @property
    def excluded(self) -> tuple[str, ...]:
        return tuple(w.text for w in self.words if w.negated)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.filters


def _split(text: str) -> list[tuple[str, bool, bool, bool]]:
    """Whitespace-separated tokens: ``(text, starts_quoted, has_quotes, quote_closed)``."""
    return [token for token, _, _ in _split_spans(text)]


def _split_spans(text: str) -> list[tuple[tuple[str, bool, bool, bool], int, int]]:
    """:func:`_split`'s tokens with the ``(start, end)`` of each in ``text``."""
    tokens: list[tuple[tuple[str, bool, bool, bool], int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        begin = i
        parts: list[str] = []
        starts_quoted = text[i] == '"'
        quoted, closed = False, True
        while i < n and not text[i].isspace():
            if text[i] == '"':
                end = text.find('"', i + 1)
                quoted = True
                if end < 0:
                    parts.append(text[i + 1 :])
                    i, closed = n, False
                    break
                parts.append(text[i + 1 : end])
                i = end + 1
            else:
                parts.append(text[i])
                i += 1
        tokens.append((("".join(parts), starts_quoted, quoted, closed), begin, i))
    return tokens


def parse_query(text: str) -> ParsedQuery:
    """Parse typed text into words and filters. Pure, and never raises on any string."""
    try:
        return _parse(text)
    except Exception:  # noqa: BLE001 - a keystroke must never break search
        return ParsedQuery(text if isinstance(text, str) else "")


def _parse(text: str) -> ParsedQuery:
    raw_text = text
    text = text[:MAX_QUERY_CHARS].translate(_QUOTES)
    typing = bool(text) and not text[-1].isspace()
    tokens = _split(text)
    out_words: dict[tuple[str, bool, bool], Word] = {}
    filters: list[Filter] = []
    phrases: list[tuple[str, ...]] = []
    truncated = len(raw_text) > MAX_QUERY_CHARS
    pending_not = False
    for index, (token, starts_quoted, quoted, closed) in enumerate(tokens):
        last = index == len(tokens) - 1
        open_end = last and typing and (not quoted or not closed)
        negated = pending_not
        pending_not = False
        if not starts_quoted and len(token) > 1 and token.startswith("-"):
            negated, token = True, token[1:]
        if not quoted and token in {"AND", "OR"}:
            continue
        if not quoted and token == "NOT":
            pending_not = True
            continue
        title_only = False
        match = None if starts_quoted else _FIELD.match(token)
        if match and match.group(1).lower() in FIELD_ALIASES:
            name = FIELD_ALIASES[match.group(1).lower()]
            value = match.group(2)
            if name == "title":
                title_only, token = True, value
            else:
                normalized = _filter_value(name, value)
                if normalized:
                    if len(filters) < MAX_FILTERS:
                        filters.append(Filter(name, normalized, negated, open_end and not negated))
                    else:
                        truncated = True
                continue
        explicit_prefix = not quoted and token.endswith("*")
        found = words(token)
        if starts_quoted and closed and not negated and len(found) > 1:
            if len(phrases) < MAX_PHRASES:
                phrases.append(tuple(found[:MAX_WORDS]))
            else:
                truncated = True
        for position, word in enumerate(found):
            final = position == len(found) - 1
            prefix = final and not negated and (open_end or explicit_prefix)
            item = Word(word, prefix, negated, title_only)
            key = (word, negated, title_only)
            if key in out_words:
                if prefix and not out_words[key].prefix:
                    out_words[key] = item
                continue
            if len(out_words) >= MAX_WORDS:
                truncated = True
                break
            out_words[key] = item
    return ParsedQuery(
        raw_text,
        tuple(out_words.values()),
        tuple(filters),
        truncated,
        tuple(dict.fromkeys(phrases)),
    )


def has_phrases(text: str, phrases: Iterable[tuple[str, ...]]) -> bool:
    """True when every phrase occurs in ``text`` as consecutive words (same split as the index).

    Punctuation between the words does not matter (``event-sourcing`` has the
    phrase ``"event sourcing"``), nor does case or accents.
    """
    joined = f" {' '.join(words(text))} "
    return all(f" {' '.join(phrase)} " in joined for phrase in phrases)


def _filter_value(name: str, value: str) -> str:
    if name in {"date", "number", "changed"}:
        return "".join(value.split()).lower()
    if name == "since":
        return "".join(value.split())  # a revision's name keeps its case (``v1.2-RC``)
    return normalize_value(value)


def without_filters(text: str, fields: Iterable[str]) -> str:
    """``text`` without its ``field:value`` filters on ``fields`` (index field names).

    What the index is asked when another evaluator answers those filters (the
    history answers ``author:`` over committers too): a ``NOT`` before one goes
    with it, everything else is kept as typed, so the words mean what they meant.
    """
    names = frozenset(fields)
    text = text[:MAX_QUERY_CHARS].translate(_QUOTES)
    cut: list[tuple[int, int]] = []
    not_at: int | None = None
    for (token, starts_quoted, _, _), start, end in _split_spans(text):
        bare = token[1:] if not starts_quoted and len(token) > 1 and token[0] == "-" else token
        match = None if starts_quoted else _FIELD.match(bare)
        if match and FIELD_ALIASES.get(match.group(1).lower()) in names:
            cut.append((start if not_at is None else not_at, end))
            not_at = None
            continue
        not_at = start if token == "NOT" and not starts_quoted else None
    for start, end in reversed(cut):
        text = f"{text[:start]} {text[end:]}"
    return text


#: ``date:`` comparisons, longest symbol first.
_COMPARISONS = (
    (">=", operator.ge),
    ("<=", operator.le),
    (">", operator.gt),
    ("<", operator.lt),
)


def date_matches(day: str, value: str) -> bool:
    """True when the ISO ``day`` is one a ``date:`` (or ``changed:``) value selects.

    A prefix (``2024``, ``2024-06``), a range (``2023..2024``, either end open) or
    a comparison (``>=2024-06``, ``<2024``). Bounds compare as prefixes:
    ``..2023`` includes every day of 2023, ``>2023`` starts in 2024.
    """
    if ".." in value:
        low, _, high = value.partition("..")
        return (not low or day >= low) and (not high or day[: len(high)] <= high)
    for symbol, compare in _COMPARISONS:
        if value.startswith(symbol):
            bound = value[len(symbol) :]
            if symbol in {">=", "<"}:
                return bool(compare(day, bound))
            return bool(compare(day[: len(bound)], bound))
    return day.startswith(value)


# -- highlighting ---------------------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """A short excerpt of an ADR and the ``(start, end)`` spans of its matching words.

    ``text`` is plain text (control characters removed, whitespace folded); the
    UI styles the spans itself, so nothing in the document becomes markup.
    """

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "matches": [list(span) for span in self.spans]}


#: Excerpts are taken from at most this many characters of a document.
MAX_EXCERPT_SOURCE = 200_000


class Highlighter:
    """Finds the words a query matched in any text (same analysis as the index)."""

    def __init__(self, stems: Iterable[str] = (), prefixes: Iterable[str] = ()) -> None:
        self.stems = frozenset(stems)
        self.prefixes = tuple(sorted(set(prefixes)))
        # A stem keeps its word's first letter (Porter2 and our rules only rewrite
        # endings): a word with another first letter need not be stemmed at all.
        self._initials = frozenset(root[:1] for root in self.stems)

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes)

    def matches(self, word: str) -> bool:
        """True when the (raw) word would be highlighted."""
        folded = fold_word(word)
        if self.prefixes and folded.startswith(self.prefixes):
            return True
        return folded[:1] in self._initials and stem(folded) in self.stems

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` character offsets of every matching word in ``text``."""
        if not self:
            return []
        matches = self.matches
        return [m.span() for m in TOKEN.finditer(text) if matches(m.group())]

    def fragments(self, text: str, *, count: int = 3, width: int = 160) -> list[Fragment]:
        """Up to ``count`` excerpts of about ``width`` characters around the matches."""
        # Escape sequences would hide words from the tokenizer; a huge document is
        # only excerpted from its start (the cost must not grow with the file).
        text = clean(text[:MAX_EXCERPT_SOURCE])
        starts = [start for start, _ in self.spans(text)]
        chosen: list[tuple[int, int]] = []
        while starts and len(chosen) < count:
            # The window of ``width`` characters starting at a match that covers the
            # most matches (two pointers: linear in the number of matches).
            best_at, best_count, right = 0, 0, 0
            for left, begin in enumerate(starts):
                right = max(right, left)
                while right < len(starts) and starts[right] < begin + width:
                    right += 1
                if right - left > best_count:
                    best_at, best_count = left, right - left
            start = max(0, starts[best_at] - width // 4)
            end = min(len(text), start + width)
            chosen.append((start, end))
            # Drop the matches this excerpt shows, and those whose excerpt would overlap it.
            starts = [s for s in starts if not (start - width + width // 4 <= s < end)]
        out = []
        for start, end in sorted(chosen):
            # Widen to whole words (bounded: a "word" may be a 100 KB blob).
            for _ in range(40):
                if start == 0 or not text[start - 1].isalnum():
                    break
                start -= 1
            for _ in range(40):
                if end >= len(text) or not text[end].isalnum():
                    break
                end += 1
            lead = "…" if start > 0 else ""
            tail = "…" if end < len(text) else ""
            excerpt = clean_line(text[start:end])
            inner = [(s + len(lead), e + len(lead)) for s, e in self.spans(excerpt)]
            if inner:
                out.append(Fragment(f"{lead}{excerpt}{tail}", tuple(inner)))
        return out


def within_one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one edit (Damerau: swaps count one)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]
