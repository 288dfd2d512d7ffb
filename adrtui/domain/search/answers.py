"""One query's answer, from whichever engine holds the postings: the result type and its making.

:func:`answer` turns a :class:`~adrtui.domain.search.engine.QueryEngine`'s
evaluation into a :class:`SearchResult` (hits, quoted phrases checked in the
texts, highlighting): the index (:class:`adrtui.domain.search.service.SearchIndex`)
and the records in memory (:class:`MemorySearch`) both answer through it, so an
answer never depends on where the postings live. :class:`SearchResult` is also
what the browser holds (paths in list order, the words to highlight).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from adrtui.domain.model import Adr
from adrtui.domain.search.analysis import indexable, stem
from adrtui.domain.search.engine import MemoryEngine, QueryEngine
from adrtui.domain.search.query import (
    Filter,
    Fragment,
    Highlighter,
    ParsedQuery,
    has_phrases,
    parse_query,
)
from adrtui.domain.search.schema import document

#: Finds the ``(start, end)`` spans of a query's matches in a line of text.
SpanFinder = Callable[[str], list[tuple[int, int]]]


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


@dataclass(frozen=True)
class SearchResult:
    """The answer to one query (from the index or from records in memory)."""

    query: ParsedQuery
    hits: tuple[Hit, ...] = ()
    #: How many ADRs match in all (``hits`` holds the best ``limit`` of them).
    total: int = 0
    #: Words to highlight as word prefixes (typed words and their stem variants).
    words: tuple[str, ...] = ()
    #: True when nothing matched as typed and one-typo variants were used.
    fuzzy: bool = False
    #: With ``fuzzy``: each typed word that matched nothing and the words shown instead
    #: (``(("decisons", ("decisions",)),)``), so the user reads what was replaced.
    corrections: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: True when the answer may be incomplete (a prefix matching too many words).
    approximate: bool = False
    #: A one-line message for the user about this query, if any.
    error: str | None = None
    elapsed: float = 0.0
    highlighter: Highlighter = field(default_factory=Highlighter, repr=False, compare=False)
    #: Every matching path (``limit=None``): the best ones first when ``ranked``,
    #: the rest in index order.
    matched: tuple[str, ...] | None = None
    #: True when the paths are in relevance order (best first).
    ranked: bool = True

    @property
    def text(self) -> str:
        """The query as typed."""
        return self.query.text

    @property
    def paths(self) -> tuple[str, ...]:
        if self.matched is not None:
            return self.matched
        return tuple(hit.rel_path for hit in self.hits)

    @property
    def filters(self) -> tuple[Filter, ...]:
        """The ``field:value`` filters the query was parsed into."""
        return self.query.filters

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where this query's words occur in ``text`` (for a detail view, ``n``/``N``)."""
        return self.highlighter.spans(text)

    def span_finder(self) -> SpanFinder | None:
        """How to find this query's matches in a line of text (None: nothing to find).

        A quoted phrase (``"read model"``) is found as the phrase, its words in
        order with anything but a word between them (the split :func:`has_phrases`
        uses), never as each of its words anywhere; the query's other words are
        found as the highlighter finds them.
        """
        from adrtui.domain.search.analysis import TOKEN, fold_word

        phrases = self.query.phrases
        if not phrases:
            return self.highlighter.spans if self.highlighter else None
        phrase_stems = {stem(word) for phrase in phrases for word in phrase}
        others = Highlighter(self.highlighter.stems - phrase_stems, self.highlighter.prefixes)

        def spans(text: str) -> list[tuple[int, int]]:
            tokens = [(m.start(), m.end(), fold_word(m.group())) for m in TOKEN.finditer(text)]
            found = others.spans(text) if others else []
            for phrase in phrases:
                size = len(phrase)
                for index in range(len(tokens) - size + 1):
                    if all(tokens[index + k][2] == phrase[k] for k in range(size)):
                        found.append((tokens[index][0], tokens[index + size - 1][1]))
            return sorted(found)

        # A phrase may be wrapped over two lines: a line-by-line caller may join them.
        spans.multiword = True  # type: ignore[attr-defined]
        return spans

    def fragments(self, text: str, *, count: int = 3, width: int = 160) -> list[Fragment]:
        return self.highlighter.fragments(text, count=count, width=width)


#: ``text_of(rel_path)``: the title and text of an ADR (for quoted phrases).
TextOf = Callable[[str], str]


def answer(
    engine: QueryEngine,
    query: ParsedQuery,
    text_of: TextOf,
    *,
    limit: int | None,
    ranked: bool = True,
    depth: int | None = None,
) -> SearchResult:
    """``query`` evaluated by ``engine``: the one way every search is answered.

    ``limit`` caps ``hits`` (``None``: every match); ``ranked=False`` skips
    ranking (``paths`` lists every match in index order, ``hits`` is empty);
    ``depth`` (with ``limit=None``) ranks only the best ``depth`` matches, which
    come first in ``paths``, the rest following in index order: what a list
    sorted by relevance needs per keystroke. A quoted phrase is checked in the
    texts of the matches (``text_of``), all of them, before the limit.
    """
    phrases = query.phrases
    if not ranked:
        limit = depth = None
    elif limit is not None:
        depth = None
    pairs, total, approximate, shown, fuzzy = engine.run(
        query,
        None if phrases else limit,
        ranked_order=ranked,
        depth=None if phrases else depth,
    )
    meta = engine.meta
    if phrases:
        pairs = [pair for pair in pairs if has_phrases(text_of(meta[pair[0]].path), phrases)]
        total = len(pairs)
        if limit is not None:
            pairs = pairs[:limit]
        elif depth is not None and len(pairs) > depth:
            pairs = [*pairs[:depth], *sorted(pairs[depth:])]
    hits: list[Hit] = []
    matched = None
    if ranked:
        for docnum, score in pairs if depth is None else pairs[:depth]:
            item = meta[docnum]
            hits.append(Hit(item.path, score, item.number, item.title, item.status, item.date))
    if not ranked or depth is not None:
        matched = tuple(meta[docnum].path for docnum, _ in pairs)
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
    return SearchResult(
        query,
        tuple(hits),
        total,
        tuple(dict.fromkeys(shown)),
        fuzzy=fuzzy,
        corrections=corrections(engine, query, shown) if fuzzy else (),
        approximate=approximate,
        highlighter=Highlighter(roots, prefixes),
        matched=matched,
        ranked=ranked,
    )


#: At most this many replacement words are named per typed word.
MAX_CORRECTIONS = 3


def corrections(
    engine: QueryEngine, query: ParsedQuery, shown: Sequence[str]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Which typed words matched nothing, and which of the words ``shown`` replaced them.

    Derived from the engine's own steps (the word's postings, its one-edit
    neighbours) so the note names exactly the words the typo fallback used; one
    word per stem (``decision`` and ``decisions`` read as one correction). Only
    called for a fuzzy answer, which is rare: the cost of a second look is small.
    """
    offered = set(shown)
    found: list[tuple[str, tuple[str, ...]]] = []
    required, _, _, _ = engine.groups(query)
    for group in required:
        scores, _ = engine.score_group(group)
        if scores:
            continue
        typed = group.word.text
        by_stem: dict[str, str] = {}
        for word in engine.fuzzy_words(typed, group.word.prefix):
            if word in offered:
                by_stem.setdefault(stem(word), word)
        if by_stem:
            found.append((typed, tuple(list(by_stem.values())[:MAX_CORRECTIONS])))
    return tuple(found)


def finish(
    result: SearchResult, text_of: TextOf | None, highlight: bool, start: float
) -> SearchResult:
    """Excerpts for every hit (``highlight``), the too-long-query note, the time taken."""
    if highlight and result.hits and text_of is not None:
        hits = []
        for hit in result.hits:
            text = text_of(hit.rel_path)
            fragments = result.fragments(text) if text else []
            hits.append(replace(hit, highlights=tuple(fragments)))
        result = replace(result, hits=tuple(hits))
    if result.query.truncated and result.error is None:
        result = replace(result, error="the query is too long: only its start was used")
    return replace(result, elapsed=time.perf_counter() - start)


class MemorySearch:
    """Search over records in memory, without an index: the same documents, the same
    evaluator (:class:`MemoryEngine`) and the same answers as the index.

    Building costs about a third of an index build (analysing every record), in
    this process: build it once per set of records, then each query takes
    milliseconds. Not thread-safe (callers serialise, like :class:`SearchIndex`).
    """

    def __init__(self, adrs: Sequence[Adr]) -> None:
        self.records: dict[str, Adr] = {}
        for adr in adrs:
            self.records[adr.rel_path] = adr  # one document per path, the last one wins
        self.engine = MemoryEngine([document(adr) for adr in self.records.values()])

    def search(
        self,
        text: str,
        *,
        limit: int | None = 50,
        highlight: bool = False,
        ranked: bool = True,
        depth: int | None = None,
    ) -> SearchResult:
        """Like :meth:`SearchIndex.search`, over these records."""
        start = time.perf_counter()
        query = parse_query(text if isinstance(text, str) else "")
        if limit is not None:
            limit = max(int(limit), 0)
        result = answer(self.engine, query, self.full_text, limit=limit, ranked=ranked, depth=depth)
        return finish(result, self.body, highlight, start)

    def full_text(self, rel_path: str) -> str:
        adr = self.records.get(rel_path)
        return f"{adr.title}\n{adr.body or ''}" if adr is not None else ""

    def body(self, rel_path: str) -> str:
        adr = self.records.get(rel_path)
        return (adr.body or "") if adr is not None else ""
