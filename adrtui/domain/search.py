"""Search-as-you-type over one ADR folder: the query language, ranking, highlights.

Public API (all thread-safe; every call may block on disk, so the UI calls them
from worker threads)::

    index = SearchIndex.open(folder, cache_dir=None)   # cheap; never raises
    report = index.sync(adrs, progress)                # bring the index up to date
    result = index.search("kafka ord", limit=50)       # one keystroke's query
    result.hits, result.total, result.words            # ranked hits, count, highlight words
    result.fragments(text) / result.spans(text)        # highlight a detail view
    parse_query(text) -> ParsedQuery                   # pure; never raises

**The query language.** Words are matched stemmed (``deciding`` finds
``decision``); all must match. The last word is matched as a prefix while it is
being typed (``authen`` finds ``authentication``); one- and two-letter prefixes
only match title words (anything longer would match nearly every ADR). A
trailing ``*`` makes any word a prefix; ``"quoted words"`` are never prefixes;
``-word`` or ``NOT word`` excludes. ``field:value`` filters combine with words:
``status:accepted``, ``tag:security``, ``decider:alice``, ``date:2024``
(a prefix of the ISO date; also ``date:2023..2024``, ``date:>=2024-06``),
``number:12`` (also ``10..20``), and ``title:word``. Several values of one
field are alternatives, different fields must all match; ``-status:rejected``
excludes. Anything else (``AND``, ``OR``, ``(``, ``*``, unknown ``foo:``) is
treated as plain text, and no input raises.

**Ranking.** BM25F: each word's score sums its title (boosted) and body BM25
scores; ADRs with more query words in their title always come first. Digits
also match the ADR number. When a query finds nothing, words of five or more
letters are retried allowing one typo (``result.fuzzy``).

**Speed.** The Whoosh index stores the postings; the query engine here reads
each term's postings once (block by block) into a ``{docnum: weight}`` map,
caches it for the life of the searcher, and combines maps with set
operations, so totals are exact and typing a word letter by letter costs one
posting read per new term. A prefix expands through the index's vocabulary
to the stems of the words it starts (at most :data:`MAX_EXPANSION`, the most
frequent first).
"""

from __future__ import annotations

import bisect
import contextlib
import heapq
import math
import operator
import os
import re
import shutil
import tempfile
import threading
import time
import warnings
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

from adrtui.domain.cache import ensure_dir, folder_cache_dir, note_use
from adrtui.domain.indexer import (
    NO_STATUS,
    TOKEN,
    IndexState,
    IndexStore,
    Job,
    JobResult,
    StateError,
    check_files,
    content_key,
    document,
    encode,
    execute,
    fold_word,
    indexable,
    normalize_value,
    number_term,
    open_index,
    read_vocab,
    run_job_in_subprocess,
    stem,
    vocab_stamp,
    words,
)
from adrtui.domain.model import Adr
from adrtui.domain.text import clean, clean_line

with warnings.catch_warnings():
    warnings.simplefilter("ignore", SyntaxWarning)
    warnings.simplefilter("ignore", DeprecationWarning)
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.reading import TermNotFound

__all__ = [
    "Filter",
    "Fragment",
    "Highlighter",
    "Hit",
    "ParsedQuery",
    "SearchIndex",
    "SearchResult",
    "SyncReport",
    "Word",
    "parse_query",
]

Progress = Callable[[int, int], None]
Notice = Callable[[str], None]

# -- the query language -------------------------------------------------------------

#: ``field:`` names users may type, and the index field each one filters.
FIELD_ALIASES: dict[str, str] = {
    "status": "status",
    "tag": "tags",
    "tags": "tags",
    "decider": "deciders",
    "deciders": "deciders",
    "date": "date",
    "number": "number",
    "num": "number",
    "title": "title",
}
#: Only this much of the typed text is read (a paste of a whole document is not a query).
MAX_QUERY_CHARS = 1000
MAX_WORDS = 32
MAX_FILTERS = 16
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
    tokens: list[tuple[str, bool, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
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
        tokens.append(("".join(parts), starts_quoted, quoted, closed))
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
    return ParsedQuery(raw_text, tuple(out_words.values()), tuple(filters), truncated)


def _filter_value(name: str, value: str) -> str:
    if name in {"date", "number"}:
        return "".join(value.split()).lower()
    return normalize_value(value)


# -- results -------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Hit:
    """One matching ADR, with the fields a result list shows."""

    rel_path: str
    score: float
    number: int | None = None
    title: str = ""
    status: str | None = None
    date: str | None = None
    #: Excerpts with the matches marked (only when asked for: ``highlight=True``).
    highlights: tuple[Fragment, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.rel_path,
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "score": round(self.score, 4),
            "highlights": [fragment.to_json() for fragment in self.highlights],
        }


#: Excerpts are taken from at most this many characters of a document.
MAX_EXCERPT_SOURCE = 200_000


class Highlighter:
    """Finds the words a query matched in any text (same analysis as the index)."""

    def __init__(self, stems: Iterable[str] = (), prefixes: Iterable[str] = ()) -> None:
        self.stems = frozenset(stems)
        self.prefixes = tuple(sorted(set(prefixes)))

    def __bool__(self) -> bool:
        return bool(self.stems or self.prefixes)

    def matches(self, word: str) -> bool:
        """True when the (raw) word would be highlighted."""
        folded = fold_word(word)
        if self.prefixes and folded.startswith(self.prefixes):
            return True
        return stem(folded) in self.stems

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


@dataclass(frozen=True)
class SearchResult:
    """The answer to one query."""

    query: ParsedQuery
    hits: tuple[Hit, ...] = ()
    #: How many ADRs match in all (``hits`` holds the best ``limit`` of them).
    total: int = 0
    #: Words to highlight as word prefixes (typed words and their stem variants).
    words: tuple[str, ...] = ()
    #: True when nothing matched as typed and one-typo variants were used.
    fuzzy: bool = False
    #: True when the answer may be incomplete (capped prefix, no index yet).
    approximate: bool = False
    #: A one-line message for the user about this query, if any.
    error: str | None = None
    elapsed: float = 0.0
    highlighter: Highlighter = field(default_factory=Highlighter, repr=False, compare=False)

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(hit.rel_path for hit in self.hits)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where this query's words occur in ``text`` (for a detail view, ``n``/``N``)."""
        return self.highlighter.spans(text)

    def fragments(self, text: str, *, count: int = 3, width: int = 160) -> list[Fragment]:
        return self.highlighter.fragments(text, count=count, width=width)


@dataclass(frozen=True)
class SyncReport:
    """What :meth:`SearchIndex.sync` did."""

    files: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    seconds: float = 0.0
    #: The whole index was (re)built.
    rebuilt: bool = False
    #: Changes could not be written (another process holds the lock, or an
    #: error); searches use the last complete index or scan records in memory.
    read_only: bool = False
    notices: tuple[str, ...] = ()

    @property
    def changed(self) -> int:
        return self.added + self.updated + self.removed


# -- the query engine ------------------------------------------------------------------

#: Weight of a title match relative to a body match (on top of title-first ordering).
TITLE_BOOST = 3.0
NUMBER_BOOST = 4.0
#: Prefixes shorter than this match title words only.
MIN_BODY_PREFIX = 3
#: A prefix expands to at most this many stems (the most frequent).
MAX_EXPANSION = 40
#: Typo tolerance applies to words at least this long.
FUZZY_MIN = 5
#: Fields whose match counts as "in the title" for ordering.
_TITLE_FIELDS = frozenset({"title", "tprefix", "number"})

Alternative = tuple[str, str, float]  # (field, term, boost)


@dataclass(frozen=True)
class _Group:
    """One query word as alternatives: a document matches if any alternative does."""

    word: Word
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True)
class _Meta:
    path: str
    number: int | None
    title: str
    status: str | None
    date: str | None
    stat: tuple[int, int, str]


def _meta(stored: dict[str, Any]) -> _Meta:
    stat = stored.get("stat") or (0, 0, "")
    return _Meta(
        stored["path"],
        stored.get("number"),
        stored.get("title") or "",
        stored.get("status"),
        stored.get("date"),
        (int(stat[0]), int(stat[1]), str(stat[2])),
    )


class _SizedCache:
    """An LRU cache bounded by the total size (``len``) of its values."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self._items: OrderedDict[Any, Any] = OrderedDict()

    def get(self, key: Any) -> Any:
        value = self._items.get(key)
        if value is not None:
            self._items.move_to_end(key)
        return value

    def put(self, key: Any, value: Any, size: int) -> None:
        if size > self.budget // 4:
            return
        if key in self._items:
            return
        self._items[key] = (value, size)
        self.size += size
        while self.size > self.budget and self._items:
            _, (_, old) = self._items.popitem(last=False)
            self.size -= old

    def lookup(self, key: Any) -> Any:
        entry = self.get(key)
        return None if entry is None else entry[0]


def _drain(matcher: Any) -> tuple[list[int], list[float]]:
    """All ``(ids, weights)`` of a posting list.

    For Whoosh 2.7.4's block matcher this decodes whole blocks at once
    (``accumulate`` runs the delta decoding in C) instead of stepping through
    postings one method call at a time; other matchers use the public API.
    """
    ids: list[int] = []
    weights: list[float] = []
    if type(matcher) is W3LeafMatcher and not matcher._byteids:
        while matcher.is_active():
            if matcher._data is None:
                matcher._read_data()
            raw_ids, raw_weights = matcher._data[0], matcher._data[1]
            count = len(raw_ids)
            ids.extend(accumulate(raw_ids))
            if raw_weights is None:
                weights.extend(repeat(1.0, count))
            elif isinstance(raw_weights, float):
                weights.extend(repeat(raw_weights, count))
            else:
                weights.extend(raw_weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


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


class _Engine:
    """Queries against one open searcher (one index generation). Not thread-safe:
    :class:`SearchIndex` serialises access."""

    def __init__(
        self,
        ix: Any,
        index_dir: Path,
        previous: _Engine | None = None,
    ) -> None:
        self.ix = ix
        self.searcher = ix.searcher()
        self.reader = self.searcher.reader()
        # The vocabulary only changes when new words were indexed: reuse it otherwise.
        self.vocab_stamp = vocab_stamp(index_dir)
        if previous is not None and previous.vocab_stamp == self.vocab_stamp is not None:
            self.vocab, self.stems = previous.vocab, previous.stems
            self.vocab_set, self.by_stem = previous.vocab_set, previous.by_stem
        else:
            self.vocab, self.stems = read_vocab(index_dir)
            self.vocab_set = frozenset(self.vocab)
            self.by_stem = defaultdict(list)
            for word, root in zip(self.vocab, self.stems, strict=True):
                self.by_stem[root].append(word)
        self.leaves = []
        for leaf, offset in self.reader.leaf_readers():
            deleted: frozenset[int] = frozenset()
            if leaf.has_deletions():
                is_deleted = leaf.is_deleted
                deleted = frozenset(d for d in range(leaf.doc_count_all()) if is_deleted(d))
            self.leaves.append((leaf, offset, deleted))
        # Stored fields of every document, read once per segment (segments are
        # immutable, so after an update only the new segment is read). Reading
        # them all also proves the index is readable end to end.
        self.segment_meta: dict[str, list[_Meta]] = {}
        self.meta: dict[int, _Meta] = {}
        reuse = previous.segment_meta if previous is not None else {}
        for leaf, offset, deleted in self.leaves:
            segment = leaf.segment() if hasattr(leaf, "segment") else None
            key = segment.segment_id() if segment is not None else None
            metas = reuse.get(key) if key is not None else None
            if metas is None or len(metas) != leaf.doc_count_all():
                metas = [_meta(leaf.stored_fields(d)) for d in range(leaf.doc_count_all())]
            if key is not None:
                self.segment_meta[key] = metas
            for local, meta in enumerate(metas):
                if local not in deleted:
                    self.meta[offset + local] = meta
        self.doc_count = len(self.meta)
        self.all_docs = frozenset(self.meta)
        self._postings = _SizedCache(600_000)
        self._groups = _SizedCache(300_000)
        self._results: OrderedDict[Any, Any] = OrderedDict()
        self._lexicons: dict[str, list[str]] = {}
        self._df: dict[tuple[str, str], int] = {}

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.searcher.close()
        with contextlib.suppress(Exception):
            self.ix.close()

    # postings ---------------------------------------------------------------------

    def postings(self, fieldname: str, term: str) -> dict[int, float]:
        key = (fieldname, term)
        cached = self._postings.lookup(key)
        if cached is not None:
            return cached
        found: dict[int, float] = {}
        btext = encode(term)
        for leaf, offset, deleted in self.leaves:
            try:
                matcher = leaf.postings(fieldname, btext)
            except TermNotFound:
                continue
            ids, weights = _drain(matcher)
            if offset:
                ids = [docnum + offset for docnum in ids]
            part = dict(zip(ids, weights, strict=True))
            for docnum in deleted.intersection(part) if deleted else ():
                del part[docnum]
            found.update(part)
        self._postings.put(key, found, len(found) + 1)
        return found

    def doc_frequency(self, fieldname: str, term: str) -> int:
        key = (fieldname, term)
        if key not in self._df:
            try:
                self._df[key] = self.reader.doc_frequency(fieldname, encode(term))
            except Exception:  # noqa: BLE001 - an absent term
                self._df[key] = 0
        return self._df[key]

    def idf(self, df: int) -> float:
        n = max(self.doc_count, 1)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    def lexicon(self, fieldname: str) -> list[str]:
        if fieldname not in self._lexicons:
            self._lexicons[fieldname] = sorted(
                term.decode("utf-8", "replace") for term in self.reader.lexicon(fieldname)
            )
        return self._lexicons[fieldname]

    # vocabulary ---------------------------------------------------------------------

    def _vocab_range(self, prefix: str) -> tuple[int, int]:
        lo = bisect.bisect_left(self.vocab, prefix)
        hi = bisect.bisect_left(self.vocab, prefix + "\U0010ffff", lo)
        return lo, hi

    def expand(self, prefix: str) -> tuple[list[str], bool]:
        """The stems of vocabulary words starting with ``prefix`` (capped, most frequent)."""
        lo, hi = self._vocab_range(prefix)
        found = dict.fromkeys(self.stems[lo:hi])
        found.setdefault(stem(prefix))
        roots = list(found)
        if len(roots) <= MAX_EXPANSION:
            return roots, False
        roots.sort(
            key=lambda r: self.doc_frequency("body", r) + self.doc_frequency("title", r),
            reverse=True,
        )
        return roots[:MAX_EXPANSION], True

    def variants(self, root: str, limit: int = 12) -> list[str]:
        """Vocabulary words with this stem (to highlight ``decision`` for ``deciding``)."""
        return self.by_stem.get(root, [])[:limit]

    def fuzzy_words(self, word: str, as_prefix: bool) -> list[str]:
        """Vocabulary words one edit away from ``word`` (or from its start, for a prefix)."""
        if len(word) < FUZZY_MIN:
            return []
        lo, hi = self._vocab_range(word[0])
        size = len(word)
        found = []
        for candidate in self.vocab[lo:hi]:
            if as_prefix:
                ok = any(
                    within_one_edit(word, candidate[:cut]) for cut in (size - 1, size, size + 1)
                )
            else:
                ok = within_one_edit(word, candidate)
            if ok:
                found.append(candidate)
        return found

    # building and running queries -------------------------------------------------------

    def groups(self, query: ParsedQuery) -> tuple[list[_Group], list[_Group], bool, list[str]]:
        """``(required, excluded, approximate, highlight words)`` for the query's words."""
        required: list[_Group] = []
        excluded: list[_Group] = []
        approximate = False
        shown: list[str] = []
        for word in query.words:
            alternatives, capped, variants = self._alternatives(word)
            approximate = approximate or capped
            if not alternatives:
                continue
            (excluded if word.negated else required).append(_Group(word, alternatives))
            if not word.negated:
                shown.append(word.text)
                shown.extend(variants)
        return required, excluded, approximate, shown

    def _alternatives(self, word: Word) -> tuple[tuple[Alternative, ...], bool, list[str]]:
        text = word.text
        fields = (
            (("title", TITLE_BOOST),)
            if word.title_only
            else (
                ("title", TITLE_BOOST),
                ("body", 1.0),
            )
        )
        numbers: list[Alternative] = []
        if text.isdigit() and len(text) <= 10 and not word.title_only:
            numbers.append(("number", number_term(int(text)), NUMBER_BOOST))
        if word.prefix:
            if len(text) < MIN_BODY_PREFIX:
                return (("tprefix", text, TITLE_BOOST), *numbers), False, []
            roots, capped = self.expand(text)
            variants = self.variants(stem(text)) if text in self.vocab_set else []
        else:
            if not indexable(text):
                return tuple(numbers), False, []
            roots, capped = [stem(text)], False
            variants = self.variants(roots[0])
        alternatives = [(name, root, boost) for root in roots for name, boost in fields]
        return (*alternatives, *numbers), capped, variants

    def score_group(self, group: _Group) -> tuple[dict[int, float], frozenset[int]]:
        """``({docnum: score}, docnums matched in the title)`` for one word."""
        cached = self._groups.lookup(group.alternatives)
        if cached is not None:
            return cached
        scores: dict[int, float] = {}
        in_title: set[int] = set()
        for fieldname, term, boost in group.alternatives:
            found = self.postings(fieldname, term)
            if not found:
                continue
            factor = boost * self.idf(len(found))
            if not scores:
                scores = {docnum: factor * weight for docnum, weight in found.items()}
            else:
                get = scores.get
                for docnum, weight in found.items():
                    scores[docnum] = get(docnum, 0.0) + factor * weight
            if fieldname in _TITLE_FIELDS:
                in_title.update(found)
        result = (scores, frozenset(in_title))
        self._groups.put(group.alternatives, result, len(scores) + 1)
        return result

    def filter_docs(self, item: Filter) -> set[int]:
        """The documents a filter selects (before negation)."""
        terms: Iterable[str]
        if item.field == "date":
            terms = _date_terms(self.lexicon("date"), item.value)
        elif item.field == "number":
            terms = _number_terms(self.lexicon("number"), item.value)
        elif item.prefix:
            lexicon = self.lexicon(item.field)
            lo = bisect.bisect_left(lexicon, item.value)
            terms = [t for t in lexicon[lo:] if t.startswith(item.value)]
            terms = terms if len(terms) < 2000 else terms[:2000]
        else:
            terms = [item.value]
        docs: set[int] = set()
        for term in terms:
            docs.update(self.postings(item.field, term))
        return docs

    def allowed(self, filters: Sequence[Filter]) -> tuple[set[int] | None, set[int]]:
        """Documents the filters allow (``None``: all) and those they exclude."""
        by_field: dict[str, set[int]] = {}
        blocked: set[int] = set()
        for item in filters:
            docs = self.filter_docs(item)
            if item.negated:
                blocked |= docs
            else:
                by_field.setdefault(item.field, set()).update(docs)
        allowed: set[int] | None = None
        for docs in by_field.values():
            allowed = docs if allowed is None else allowed & docs
        return allowed, blocked

    def run(
        self, query: ParsedQuery, limit: int | None
    ) -> tuple[list[tuple[int, float]], int, bool, list[str], bool]:
        """``(ranked [(docnum, score)], total, approximate, words, fuzzy)``."""
        required, excluded, approximate, shown = self.groups(query)
        ranked, total = self._evaluate(required, excluded, query.filters, limit)
        fuzzy = False
        if total == 0 and required:
            retry, extra = self._fuzzy_groups(required)
            if retry is not None:
                ranked, total = self._evaluate(retry, excluded, query.filters, limit)
                if total:
                    fuzzy = True
                    shown = shown + extra
        return ranked, total, approximate, shown, fuzzy

    def _fuzzy_groups(self, required: list[_Group]) -> tuple[list[_Group] | None, list[str]]:
        changed = False
        groups: list[_Group] = []
        extra: list[str] = []
        for group in required:
            scores, _ = self.score_group(group)
            if scores or len(group.word.text) < FUZZY_MIN:
                groups.append(group)
                continue
            near = self.fuzzy_words(group.word.text, group.word.prefix)
            if not near:
                return None, []
            roots = list(dict.fromkeys(stem(w) for w in near))[:MAX_EXPANSION]
            names = (
                (("title", TITLE_BOOST),)
                if group.word.title_only
                else (
                    ("title", TITLE_BOOST),
                    ("body", 1.0),
                )
            )
            alternatives = tuple((n, r, b) for r in roots for n, b in names)
            groups.append(_Group(group.word, alternatives))
            extra.extend(near[:12])
            changed = True
        return (groups if changed else None), extra

    def _evaluate(
        self,
        required: list[_Group],
        excluded: list[_Group],
        filters: Sequence[Filter],
        limit: int | None,
    ) -> tuple[list[tuple[int, float]], int]:
        key = (
            tuple(g.alternatives for g in required),
            tuple(g.alternatives for g in excluded),
            tuple(filters),
            limit,
        )
        cached = self._results.get(key)
        if cached is not None:
            self._results.move_to_end(key)
            return cached
        allowed, blocked = self.allowed(filters)
        for group in excluded:
            blocked |= self.score_group(group)[0].keys()
        if not required:
            candidates = set(self.all_docs if allowed is None else allowed & self.all_docs)
            candidates -= blocked
            ordered = sorted(candidates, key=self._listing_key)
            chosen = ordered if limit is None else ordered[:limit]
            answer = ([(docnum, 0.0) for docnum in chosen], len(candidates))
        else:
            scored = sorted((self.score_group(g) for g in required), key=lambda s: len(s[0]))
            candidates = set(scored[0][0])
            for scores, _ in scored[1:]:
                candidates.intersection_update(scores)
            if allowed is not None:
                candidates &= allowed
            candidates -= blocked
            candidates &= self.all_docs

            meta = self.meta
            # Best first: more query words in the title, then score, then path
            # (not docnum, which depends on the index's history).
            if len(scored) == 1:
                ((only, titled),) = scored

                def rank(docnum: int) -> tuple[Any, ...]:
                    return (docnum not in titled, -round(only[docnum], 6), meta[docnum].path)

            else:

                def rank(docnum: int) -> tuple[Any, ...]:
                    in_title = sum(1 for _, titled in scored if docnum in titled)
                    score = round(sum(s[docnum] for s, _ in scored), 6)
                    return (-in_title, -score, meta[docnum].path)

            if limit is not None and limit < len(candidates):
                best = heapq.nsmallest(limit, candidates, key=rank)
            else:
                best = sorted(candidates, key=rank)
            answer = (
                [(docnum, sum(s[docnum] for s, _ in scored)) for docnum in best],
                len(candidates),
            )
        self._results[key] = answer
        if len(self._results) > 256:
            self._results.popitem(last=False)
        return answer

    def _listing_key(self, docnum: int) -> tuple[bool, int, str]:
        meta = self.meta[docnum]
        return (meta.number is None, meta.number or 0, meta.path)


_COMPARISONS = (
    (">=", operator.ge),
    ("<=", operator.le),
    (">", operator.gt),
    ("<", operator.lt),
)


def _date_terms(lexicon: list[str], value: str) -> list[str]:
    """Dates (ISO strings) a ``date:`` value selects: a prefix, a range or a comparison.

    Bounds compare as prefixes: ``date:..2023`` includes every day of 2023,
    ``date:>2023`` starts in 2024.
    """
    if ".." in value:
        low, _, high = value.partition("..")
        return [
            t for t in lexicon if (not low or t >= low) and (not high or t[: len(high)] <= high)
        ]
    for symbol, compare in _COMPARISONS:
        if value.startswith(symbol):
            bound = value[len(symbol) :]
            if symbol in {">=", "<"}:
                return [t for t in lexicon if compare(t, bound)]
            return [t for t in lexicon if compare(t[: len(bound)], bound)]
    return [t for t in lexicon if t.startswith(value)]


def _as_number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) <= 12 else None


def _number_terms(lexicon: list[str], value: str) -> list[str]:
    """Number terms a ``number:`` value selects: ``12``, ``10..20``, ``>=100``."""
    value = value.lstrip("#")
    if ".." in value:
        low_text, _, high_text = value.partition("..")
        low, high = _as_number(low_text), _as_number(high_text)
        if (low_text and low is None) or (high_text and high is None):
            return []
        return [
            t
            for t in lexicon
            if (low is None or int(t) >= low) and (high is None or int(t) <= high)
        ]
    for symbol, compare in _COMPARISONS:
        if value.startswith(symbol):
            bound = _as_number(value[len(symbol) :])
            if bound is None:
                return []
            return [t for t in lexicon if compare(int(t), bound)]
    exact = _as_number(value)
    return [] if exact is None else [number_term(exact)]


# -- the in-memory fallback (no usable index yet) ---------------------------------------


def _scan(records: Sequence[Adr], query: ParsedQuery, limit: int | None) -> SearchResult:
    """Answer from the records themselves: slower and approximate, but always available."""
    prefixes = [w.text for w in query.words if w.prefix]
    required = [w.text for w in query.words if not w.negated and not w.prefix and indexable(w.text)]
    excluded = [w.text for w in query.words if w.negated]
    matched: list[tuple[tuple[int, int, str], Adr]] = []
    for adr in records:
        if not all(_filter_matches(adr, f) != f.negated for f in query.filters):
            continue
        title = set(words(adr.title or ""))
        body = set(words(adr.body or "")) | title
        stems = {stem(w) for w in body}
        if any(stem(w) in stems for w in excluded):
            continue
        if not all(stem(w) in stems for w in required):
            continue
        pool = title if any(len(p) < MIN_BODY_PREFIX for p in prefixes) else body
        if not all(any(w.startswith(p) for w in pool) for p in prefixes):
            continue
        title_stems = {stem(w) for w in title}
        in_title = sum(1 for w in required if stem(w) in title_stems) + sum(
            1 for p in prefixes if any(w.startswith(p) for w in title)
        )
        number = adr.number if adr.number is not None else 1 << 62
        matched.append(((-in_title, number, adr.rel_path), adr))
    matched.sort(key=lambda item: item[0])
    chosen = matched if limit is None else matched[:limit]
    hits = tuple(
        Hit(adr.rel_path, float(-key[0]), adr.number, adr.title, adr.status, adr.date)
        for key, adr in chosen
    )
    words_shown = [w.text for w in query.words if not w.negated]
    highlighter = Highlighter(
        {stem(w) for w in required}, [p for p in prefixes if p] if prefixes else []
    )
    return SearchResult(
        query, hits, len(matched), tuple(words_shown), approximate=True, highlighter=highlighter
    )


def _filter_matches(adr: Adr, item: Filter) -> bool:
    value = item.value
    if item.field == "status":
        status = normalize_value(adr.status) if adr.status else NO_STATUS
        return status.startswith(value) if item.prefix else status == value
    if item.field in {"tags", "deciders"}:
        values = {normalize_value(v) for v in getattr(adr, item.field)}
        if item.field == "deciders":
            values |= {w for v in values for w in v.split()}
        return any(v.startswith(value) if item.prefix else v == value for v in values)
    if item.field == "date":
        return bool(adr.date) and bool(_date_terms([adr.date.strip().lower()], value))
    if item.field == "number":
        if adr.number is None:
            return False
        return bool(_number_terms([number_term(adr.number)], value))
    return False


# -- the index of one folder ----------------------------------------------------------------


class SearchIndex:
    """The search index of one ADR folder: opened from the cache, kept in sync, queried.

    Safe to share between threads: searches are serialised (each takes
    milliseconds) and a sync's slow part (writing) runs outside the lock, so
    searches keep answering from the previous generation meanwhile. Problems
    with the cache (damaged, half-written, older schema, locked by another
    process, unwritable) never raise: they are reported once each as a line in
    :attr:`notices` (and to ``on_notice``) and the index rebuilds or degrades to
    scanning the records in memory.
    """

    #: Writes of more records than this run in a child process.
    subprocess_threshold = 200
    #: An update touching more than this share of a large folder rebuilds instead.
    rebuild_ratio = 0.5
    #: Full builds of at least this many records use two writer processes.
    parallel_threshold = 2000

    def __init__(
        self,
        folder: Path,
        root: Path,
        *,
        lock_timeout: float,
        on_notice: Notice | None,
        temporary: bool,
    ) -> None:
        self.folder = folder
        self.root = root
        self.lock_timeout = lock_timeout
        self.notices: list[str] = []
        self._on_notice = on_notice
        self._temporary = temporary
        self._store = IndexStore(root)
        self._lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._engine: _Engine | None = None
        self._state: IndexState | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._needs_rebuild = False
        self._records: dict[str, Adr] = {}
        self._said: set[str] = set()
        #: True while the last sync could not write (see :class:`SyncReport`).
        self.read_only = False

    # opening -----------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        folder: Path | str,
        *,
        cache_dir: Path | str | None = None,
        lock_timeout: float = 3.0,
        on_notice: Notice | None = None,
    ) -> SearchIndex:
        """Open the cached index of ``folder`` (cheap; nothing is built until :meth:`sync`).

        ``cache_dir`` overrides the cache root (default: ``$ADRTUI_CACHE_DIR`` or the
        platform's user cache directory). ``lock_timeout`` is how long a write waits
        for another process's lock before going read-only.
        """
        folder = Path(folder).expanduser().resolve()
        root = folder_cache_dir(folder, cache_dir)
        temporary = False
        notes: list[str] = []
        if not ensure_dir(root):
            notes.append(
                f"cannot write the search cache in {root}; using a temporary index for this run"
            )
            root = Path(tempfile.mkdtemp(prefix="adrtui-index-"))
            temporary = True
        else:
            note_use(root, folder)
        index = cls(
            folder, root, lock_timeout=lock_timeout, on_notice=on_notice, temporary=temporary
        )
        for note in notes:
            index._notice(note)
        with index._lock:
            index._load()
        return index

    def _notice(self, message: str) -> None:
        if message in self._said:
            return
        self._said.add(message)
        self.notices.append(message)
        if self._on_notice is not None:
            with contextlib.suppress(Exception):
                self._on_notice(message)

    def _load(self) -> None:
        """(Re)open the current index from ``state.json``; flag a rebuild on any problem."""
        previous = self._engine
        self._close_engine()
        self._stamp = self._store.stamp()
        try:
            state = self._store.read_state()
        except StateError as error:
            self._broken(f"search index state is unreadable ({error}); rebuilding")
            return
        if state is None:
            self._state = None
            if self._store.index_dirs():
                self._broken("search index was left half-written; rebuilding")
            else:
                self._needs_rebuild = True  # first use: nothing to report
            return
        if not state.current:
            self._state = state
            self._broken("search index was built by another version of adrtui; rebuilding")
            return
        index_dir = self.root / state.index
        problem = check_files(index_dir, state)
        if problem is not None and self._store.stamp() != self._stamp:
            self._load()  # a writer replaced the index meanwhile: read its new state
            return
        if problem is not None:
            self._state = state
            self._broken(f"search index is damaged ({problem}); rebuilding")
            return
        try:
            engine = _Engine(open_index(index_dir), index_dir, previous)
        except Exception as error:  # noqa: BLE001 - any damage means rebuild
            self._state = state
            self._broken(f"search index is damaged ({type(error).__name__}); rebuilding")
            return
        self._engine, self._state, self._needs_rebuild = engine, state, False

    def _broken(self, message: str) -> None:
        self._close_engine()
        self._needs_rebuild = True
        self._notice(message)

    def _close_engine(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None

    def _refresh(self) -> None:
        """Follow writes by other processes (one stat of ``state.json``)."""
        if self._store.stamp() != self._stamp:
            self._load()

    # properties ----------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True when queries are answered from an index (not a scan of records)."""
        with self._lock:
            return self._engine is not None

    @property
    def doc_count(self) -> int:
        with self._lock:
            return self._engine.doc_count if self._engine is not None else 0

    # syncing -------------------------------------------------------------------------

    def sync(
        self, adrs: Sequence[Adr], progress: Progress | None = None, *, rebuild: bool = False
    ) -> SyncReport:
        """Bring the index up to date with ``adrs``: add, update and delete what changed.

        A record is unchanged when its content hash (``Adr.sha1``, taken when the
        file was read) equals the indexed one: comparing is free, and unlike
        ``(mtime, size)`` it cannot miss two writes within one clock tick. Files
        themselves are only re-read when their ``(mtime, size)`` changed, by the
        record cache (:func:`adrtui.domain.cache.load_records`). Records are
        de-duplicated by path (the last wins). ``progress(done, total)`` is
        called during writes. Never raises; see :class:`SyncReport`.
        """
        start = time.perf_counter()
        records: dict[str, Adr] = {}
        for adr in adrs:
            records[adr.rel_path] = adr  # one document per path, the last one wins
        with self._write_lock:
            with self._lock:
                self._records = records
                self._refresh()
            outcome: JobResult | None = None
            report = SyncReport(len(records))
            for _attempt in range(3):
                outcome = None
                with self._lock:
                    job, report = self._plan(records, rebuild)
                if job is None:
                    break
                outcome = self._run(job, progress)
                if outcome.status != "stale":
                    break
                with self._lock:
                    self._load()
            with self._lock:
                report = self._settle(outcome, report)
        return replace(report, seconds=time.perf_counter() - start, notices=tuple(self.notices))

    def _plan(self, records: dict[str, Adr], rebuild: bool) -> tuple[Job | None, SyncReport]:
        engine = self._engine
        folder = os.fspath(self.folder)
        base = self._state.key if self._state is not None else None
        if rebuild or self._needs_rebuild or engine is None or self._state is None:
            docs = [document(adr) for adr in records.values()]
            job = Job(os.fspath(self.root), "rebuild", docs, folder=folder, base=base)
            job.force = rebuild
            return job, SyncReport(len(records), added=len(docs), rebuilt=True)
        indexed = {meta.path: meta.stat for meta in engine.meta.values()}
        changed: list[Adr] = []
        added = updated = 0
        for path, adr in records.items():
            old = indexed.get(path)
            if old is None:
                added += 1
                changed.append(adr)
                continue
            if content_key(adr) == old[2]:
                continue
            updated += 1
            changed.append(adr)
        removed = sorted(indexed.keys() - records.keys())
        unchanged = len(records) - added - updated
        report = SyncReport(len(records), added, updated, len(removed), unchanged)
        if not changed and not removed:
            return None, report
        large = len(records) >= self.parallel_threshold
        if large and len(changed) + len(removed) > self.rebuild_ratio * len(records):
            docs = [document(adr) for adr in records.values()]
            job = Job(os.fspath(self.root), "rebuild", docs, folder=folder, base=base)
            return job, replace(report, rebuilt=True)
        docs = [document(adr) for adr in changed]
        replaced = set(removed).union(adr.rel_path for adr in changed)
        delete = sorted(
            (docnum, meta.path) for docnum, meta in engine.meta.items() if meta.path in replaced
        )
        return Job(os.fspath(self.root), "update", docs, delete, folder, base), report

    def _run(self, job: Job, progress: Progress | None) -> JobResult:
        job.lock_timeout = self.lock_timeout
        size = len(job.docs) + len(job.delete)
        if job.mode == "rebuild" and size >= self.parallel_threshold and (os.cpu_count() or 1) > 1:
            job.procs = 2
        if size > self.subprocess_threshold:
            return run_job_in_subprocess(job, progress)
        return execute(job, progress)

    def _settle(self, outcome: JobResult | None, report: SyncReport) -> SyncReport:
        if outcome is None:  # nothing to write
            self.read_only = False
            return report
        if outcome.status == "ok":
            self.read_only = False
            self._load()
            if self._engine is None:
                return replace(report, read_only=True)
            return report
        self.read_only = True
        if outcome.status == "locked":
            self._notice(
                "another adrtui process is updating the search index; "
                "results may be out of date until it finishes"
            )
        else:
            self._notice(f"could not write the search index ({outcome.message})")
        self._refresh()
        return replace(report, added=0, updated=0, removed=0, rebuilt=False, read_only=True)

    # searching -----------------------------------------------------------------------

    def search(self, text: str, *, limit: int | None = 50, highlight: bool = False) -> SearchResult:
        """Answer one keystroke's query. Never raises.

        ``limit`` caps ``hits`` (``None``: all matches, ranked); ``total`` is always
        the exact count. ``highlight=True`` adds excerpts to every hit (costly for
        many hits: for a detail view call :meth:`SearchResult.fragments` instead).
        """
        start = time.perf_counter()
        query = parse_query(text if isinstance(text, str) else "")
        if limit is not None:
            limit = max(int(limit), 0)
        with self._lock:
            self._refresh()
            result = None
            if self._engine is not None:
                try:
                    result = self._search_index(self._engine, query, limit)
                except Exception as error:  # noqa: BLE001 - a damaged index must not break typing
                    self._broken(
                        f"search index is damaged ({type(error).__name__}); "
                        "it will be rebuilt at the next sync"
                    )
            if result is None:
                result = _scan(list(self._records.values()), query, limit)
            if highlight and result.hits:
                result = self._highlight(result)
        if query.truncated and result.error is None:
            result = replace(result, error="the query is too long: only its start was used")
        return replace(result, elapsed=time.perf_counter() - start)

    def _search_index(self, engine: _Engine, query: ParsedQuery, limit: int | None) -> SearchResult:
        ranked, total, approximate, shown, fuzzy = engine.run(query, limit)
        hits = []
        for docnum, score in ranked:
            meta = engine.meta[docnum]
            hits.append(Hit(meta.path, score, meta.number, meta.title, meta.status, meta.date))
        roots: set[str] = set()
        prefixes: list[str] = []
        for word in query.words:
            if word.negated:
                continue
            if word.prefix:
                prefixes.append(word.text)
            elif indexable(word.text):
                roots.add(stem(word.text))
        if fuzzy:
            roots.update(stem(w) for w in shown)
        highlighter = Highlighter(roots, prefixes)
        return SearchResult(
            query,
            tuple(hits),
            total,
            tuple(dict.fromkeys(shown)),
            fuzzy=fuzzy,
            approximate=approximate,
            highlighter=highlighter,
        )

    def _highlight(self, result: SearchResult) -> SearchResult:
        hits = []
        for hit in result.hits:
            text = self._text_of(hit.rel_path)
            fragments = result.fragments(text) if text else []
            hits.append(replace(hit, highlights=tuple(fragments)))
        return replace(result, hits=tuple(hits))

    def _text_of(self, rel_path: str) -> str:
        adr = self._records.get(rel_path)
        if adr is not None:
            return adr.body or ""
        path = (self.folder / rel_path).resolve()
        if not path.is_relative_to(self.folder):
            return ""
        try:
            return path.read_text(encoding="utf-8", errors="replace")[:1_000_000]
        except OSError:
            return ""

    # closing --------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._close_engine()
            if self._temporary:
                shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
