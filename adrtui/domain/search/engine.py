"""The query engine: the one evaluator of a parsed query, over postings from anywhere.

:class:`QueryEngine` evaluates; its subclasses only hold postings: the Whoosh
index (:class:`adrtui.domain.search.reader.Engine`) or records in memory
(:class:`MemoryEngine`). Each term's postings are a ``{docnum: weight}`` map,
cached, combined with set operations, so totals are exact and typing a word
letter by letter costs one posting read per new term. Scores are BM25F: each
posting's weight already holds its BM25 term-frequency factor (computed at index
time, see :class:`adrtui.domain.search.schema.RankedText`); a query multiplies it
by the term's IDF and its field boost, and sums over fields and words.

A prefix expands through the index's vocabulary (every indexed word and its
stem) to the stems of the words it starts, at most :data:`MAX_EXPANSION` of
them (the most frequent). One- and two-letter prefixes match title words only
(the ``tprefix`` field), since they would match nearly every ADR's body.

:class:`MemoryEngine` answers the same queries, the same way, from records in
memory: while the first index builds, and when no index on disk is usable (an
unwritable or full cache, another process building it, a damaged index).
"""

from __future__ import annotations

import bisect
import contextlib
import heapq
import itertools
import math
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from adrtui.domain.collection import number_order
from adrtui.domain.search.analysis import indexable, stem
from adrtui.domain.search.query import (
    _COMPARISONS,
    GIT_FIELDS,
    Filter,
    ParsedQuery,
    Word,
    date_matches,
    within_one_edit,
)
from adrtui.domain.search.schema import (
    BODY_AVERAGE,
    TITLE_AVERAGE,
    make_schema,
    number_term,
    ranked_terms,
    stored_fields,
)

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


class DocMeta(NamedTuple):
    """What a hit shows and a sync compares, for one document (its stored fields).

    A named tuple: a warm ``adrtui search`` makes one per indexed ADR, and a
    frozen dataclass costs twice as much to make."""

    path: str
    number: int | None
    title: str
    status: str | None
    date: str | None
    stat: tuple[int, int, str]
    #: The body's ``(length, CRC-32)`` (see :func:`adrtui.domain.search.schema.body_check`).
    body: tuple[int, int] | None = None


def stored_meta(stored: dict[str, Any]) -> DocMeta:
    stat: Sequence[Any] = stored.get("stat") or (0, 0, "")
    body = (int(stat[3]), int(stat[4])) if len(stat) >= 5 else None
    return DocMeta(
        stored["path"],
        stored.get("number"),
        stored.get("title") or "",
        stored.get("status"),
        stored.get("date"),
        (int(stat[0]), int(stat[1]), str(stat[2])),
        body,
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


class QueryEngine:
    """Queries against one set of postings (an index generation, or records in memory).

    Subclasses provide :meth:`postings`, :meth:`lexicon` and the documents'
    stored fields (``meta``); every query is evaluated here, one way, so an
    answer does not depend on where the postings live. Not thread-safe:
    :class:`SearchIndex` serialises access.
    """

    vocab: list[str]
    stems: list[str]
    vocab_set: frozenset[str]
    #: Words by stem, filled as asked (see :meth:`variants`).
    by_stem: dict[str, list[str]]
    meta: dict[int, DocMeta]
    has_deletions: bool = False

    def _set_vocab(self, vocab: list[str], stems: list[str]) -> None:
        self.vocab, self.stems = vocab, stems
        self.vocab_set = frozenset(vocab)
        self.by_stem = {}

    def _set_meta(self, meta: dict[int, DocMeta]) -> None:
        self.meta = meta
        self.doc_count = len(meta)
        self.all_docs = frozenset(meta)
        self._postings = _SizedCache(600_000)
        self._groups = _SizedCache(300_000)
        self._results: OrderedDict[Any, Any] = OrderedDict()
        self._lexicons: dict[str, list[str]] = {}
        self._df: dict[tuple[str, str], int] = {}
        self._upper: dict[tuple[str, str], int] = {}
        self._listing: dict[int, int] | None = None

    def close(self) -> None:
        """Release what the postings hold open (nothing, in memory)."""

    def postings(self, fieldname: str, term: str) -> dict[int, float]:
        """``{docnum: weight}`` of the live documents holding ``term``."""
        raise NotImplementedError

    def lexicon(self, fieldname: str) -> list[str]:
        """The sorted terms of ``fieldname`` (may include terms of deleted documents)."""
        raise NotImplementedError

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """How many live documents hold ``term``."""
        key = (fieldname, term)
        if key not in self._df:
            self._df[key] = len(self.postings(fieldname, term))
        return self._df[key]

    def idf(self, df: int) -> float:
        n = max(self.doc_count, 1)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

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
        frequency = self._live_frequencies(roots)
        roots = sorted(
            (root for root, count in frequency.items() if count),
            key=lambda r: (-frequency[r], r),
        )
        if len(roots) <= MAX_EXPANSION:
            return roots, False
        return roots[:MAX_EXPANSION], True

    def _live_frequencies(self, roots: list[str]) -> dict[str, int]:
        """Live document counts (title + body) of enough ``roots`` to rank the top ones.

        The vocabulary keeps words of deleted documents, and only live counts
        (ties by stem) pick the stems a fresh rebuild would pick. Counting live
        documents reads postings, so roots are visited by their cheap upper
        bound (:meth:`upper_frequency`), and the visit stops once more than
        :data:`MAX_EXPANSION` roots have a count and the last of the best ones
        beats every bound left: the roots not visited cannot rank.
        """
        upper = {
            root: self.upper_frequency("body", root) + self.upper_frequency("title", root)
            for root in roots
        }
        if not self.has_deletions:
            return upper  # exact already
        live: dict[str, int] = {}
        best: list[int] = []  # a min-heap of the MAX_EXPANSION best counts so far
        counted = 0
        for root in sorted(roots, key=lambda r: (-upper[r], r)):
            if counted > MAX_EXPANSION and best[0] > upper[root]:
                break
            count = self.doc_frequency("body", root) + self.doc_frequency("title", root)
            live[root] = count
            if count:
                counted += 1
                if len(best) < MAX_EXPANSION:
                    heapq.heappush(best, count)
                elif count > best[0]:
                    heapq.heapreplace(best, count)
        return live

    def upper_frequency(self, fieldname: str, term: str) -> int:
        """At least the number of live documents holding ``term``, cheaply."""
        return self.doc_frequency(fieldname, term)

    def variants(self, root: str, limit: int = 12) -> list[str]:
        """Vocabulary words with this stem (to highlight ``decision`` for ``deciding``)."""
        found = self.by_stem.get(root)
        if found is None:
            # One pass of ``list.index`` (a C loop) over the stems: cheaper than a
            # table of every stem when a process asks for a few (one command line).
            found, stems, at = [], self.stems, -1
            with contextlib.suppress(ValueError):
                while True:
                    at = stems.index(root, at + 1)
                    found.append(self.vocab[at])
            self.by_stem[root] = found
        return found[:limit]

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
            if len(terms) >= 2000:
                # Terms of deleted documents stay in the lexicon: skip them, so the
                # cap keeps the terms a rebuild would keep.
                live = (t for t in terms if self.postings(item.field, t))
                terms = list(itertools.islice(live, 2000))
        else:
            terms = [item.value]
        docs: set[int] = set()
        for term in terms:
            docs.update(self.postings(item.field, term))
        return docs

    def allowed(self, filters: Sequence[Filter]) -> tuple[set[int] | None, set[int]]:
        """Documents the filters allow (``None``: all) and those they exclude.

        The history's filters (``changed:``, ``since:``) are not the index's to
        answer: they are skipped here (never an empty answer for want of git) and
        applied by whoever holds the history (:mod:`adrtui.domain.gitlog`).
        """
        by_field: dict[str, set[int]] = {}
        blocked: set[int] = set()
        for item in filters:
            if item.field in GIT_FIELDS:
                continue
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
        self,
        query: ParsedQuery,
        limit: int | None,
        *,
        ranked_order: bool = True,
        depth: int | None = None,
    ) -> tuple[Sequence[tuple[int, float]], int, bool, list[str], bool]:
        """``(ranked [(docnum, score)], total, approximate, words, fuzzy)``.

        ``ranked_order=False`` returns every match in index order with score 0:
        the cheap answer to "which ADRs match?" when the caller sorts by itself.
        ``depth`` (with ``limit=None``) ranks the best ``depth`` matches and lists
        the others after them, in index order, with score 0.
        """
        required, excluded, approximate, shown = self.groups(query)
        args = (query.filters, limit, ranked_order, depth)
        ranked, total = self._evaluate(required, excluded, *args)
        fuzzy = False
        if total == 0 and required:
            retry, extra = self._fuzzy_groups(required)
            if retry is not None:
                ranked, total = self._evaluate(retry, excluded, *args)
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
            near = [
                word
                for word in self.fuzzy_words(group.word.text, group.word.prefix)
                if self.doc_frequency("body", stem(word)) or self.doc_frequency("title", stem(word))
            ]
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
        ranked_order: bool = True,
        depth: int | None = None,
    ) -> tuple[Sequence[tuple[int, float]], int]:
        if limit is not None or not ranked_order:
            depth = None
        key = (
            tuple(g.alternatives for g in required),
            tuple(g.alternatives for g in excluded),
            tuple(filters),
            limit,
            ranked_order,
            depth,
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
            ordered = sorted(candidates, key=self.listing_position().__getitem__)
            chosen = ordered if limit is None else ordered[:limit]
            answer = (_unscored(chosen), len(candidates))
        else:
            scored = sorted((self.score_group(g) for g in required), key=lambda s: len(s[0]))
            candidates = set(scored[0][0])
            for scores, _ in scored[1:]:
                candidates.intersection_update(scores)
            if allowed is not None:
                candidates &= allowed
            candidates -= blocked
            candidates &= self.all_docs
            if not ranked_order:
                answer = (_unscored(sorted(candidates)), len(candidates))
                self._remember(key, answer)
                return answer

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

            cut = limit if limit is not None else depth
            if cut is not None and cut < len(candidates):
                if len(scored) == 1:
                    best = _best_of_one(cut, candidates, only, titled, rank)
                else:
                    best = heapq.nsmallest(cut, candidates, key=rank)
            else:
                best = sorted(candidates, key=rank)
            pairs = tuple((docnum, sum(s[docnum] for s, _ in scored)) for docnum in best)
            if depth is not None and depth < len(candidates):
                rest = sorted(candidates.difference(best))
                pairs += _unscored(rest)
            answer = (pairs, len(candidates))
        self._remember(key, answer)
        return answer

    def _remember(self, key: Any, answer: tuple[Sequence[tuple[int, float]], int]) -> None:
        # Answers are tuples of (int, float) tuples: once the garbage collector has
        # seen them it stops tracking them, so 256 cached answers of 10,000 matches
        # do not lengthen every full collection (a list is walked every time).
        self._results[key] = answer
        if len(self._results) > 256:
            self._results.popitem(last=False)

    def listing_position(self) -> dict[int, int]:
        """Each document's place in the listing order (by number, then path), computed
        once per generation: sorting matches by it is a lookup each, not a key call."""
        if self._listing is None:
            meta = self.meta
            ordered = sorted(meta, key=lambda d: number_order(meta[d].number, meta[d].path))
            self._listing = {docnum: place for place, docnum in enumerate(ordered)}
        return self._listing


def _unscored(docnums: Iterable[int]) -> tuple[tuple[int, float], ...]:
    """``(docnum, 0.0)`` pairs (matches listed, not ranked), made in C: thousands a keystroke."""
    return tuple(zip(docnums, itertools.repeat(0.0)))


def _best_of_one(
    cut: int,
    candidates: set[int],
    scores: dict[int, float],
    titled: frozenset[int],
    rank: Callable[[int], tuple[Any, ...]],
) -> list[int]:
    """``heapq.nsmallest(cut, candidates, key=rank)`` for one word's ``rank`` (title
    matches first, then the score rounded to 6 places, then the path), without a
    Python call per candidate: the title matches come first, so only as many groups
    as needed are ranked, and within a group the best ``cut`` raw scores (a lookup
    each) bound the ones that can rank; ties at the bound are all kept, then ranked
    exactly."""
    best: list[int] = []
    for group in (candidates & titled, candidates - titled):
        want = cut - len(best)
        if want <= 0:
            break
        if len(group) > want:
            top = heapq.nlargest(want, group, key=scores.__getitem__)
            # round(x, 6) >= round(low, 6) implies x >= low - 1e-6: keep every such x.
            floor = scores[top[-1]] - 2e-6
            group = {docnum for docnum in group if scores[docnum] >= floor}
        best.extend(heapq.nsmallest(want, group, key=rank))
    return best


def _date_terms(lexicon: list[str], value: str) -> list[str]:
    """Dates (ISO strings) a ``date:`` value selects (see :func:`date_matches`)."""
    return [t for t in lexicon if date_matches(t, value)]


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


# -- the same queries over records in memory (no usable index) --------------------------


class MemoryEngine(QueryEngine):
    """The index of a set of records, held in dictionaries instead of Whoosh files.

    The one in-memory evaluator: for the first build (the browser searches while
    the index builds) and for the moments no index on disk can be used (an
    unwritable or full cache, a damaged index, another process building it). The
    documents go through the same schema, analysis and BM25 weights as
    :func:`adrtui.domain.search.schema.document` gives Whoosh (weights rounded to
    Whoosh's 32-bit floats), and queries through the same :class:`QueryEngine`,
    so the answer, ranking included, is the one the index would give.
    """

    def __init__(
        self, docs: Sequence[dict[str, Any]], *, pause: Callable[[], None] | None = None
    ) -> None:
        """``pause`` is called every few dozen documents (see
        :meth:`adrtui.domain.search.staged.StagedSearch.complete`)."""
        schema = make_schema()
        ranked = {"title": TITLE_AVERAGE, "body": BODY_AVERAGE}
        # Exact terms (weight 1), as text: what ``index`` writes for Whoosh, not encoded.
        others = [
            (name, schema[name].terms)
            for name in schema.names()
            if schema[name].indexed and name not in ranked
        ]
        table: dict[str, dict[str, dict[int, float]]] = {name: {} for name in schema.names()}
        meta: dict[int, DocMeta] = {}
        found_words: set[str] = set()
        for docnum, doc in enumerate(docs):
            if pause is not None and docnum % 64 == 63:
                pause()
            for name, average in ranked.items():
                value = doc.get(name)
                if value is None:
                    continue
                postings = table[name]
                terms = ranked_terms(value, average, found_words)
                # What Whoosh stores: 32-bit floats (rounded once, per document).
                rounded = array("f", [weight for _, _, weight in terms])
                for (term, _, _), weight in zip(terms, rounded, strict=True):
                    found = postings.get(term)
                    if found is None:
                        postings[term] = {docnum: weight}
                    else:
                        found[docnum] = weight
            for name, terms_of in others:
                value = doc.get(name)
                if value is None:
                    continue
                postings = table[name]
                for term in terms_of(value):
                    found = postings.get(term)
                    if found is None:
                        postings[term] = {docnum: 1.0}
                    else:
                        found[docnum] = 1.0
            meta[docnum] = stored_meta(stored_fields(doc))
        self._table = table
        self._terms = {name: sorted(terms) for name, terms in table.items() if terms}
        vocab = sorted(word for word in found_words if indexable(word))
        self._set_vocab(vocab, [stem(word) for word in vocab])
        self._set_meta(meta)

    def postings(self, fieldname: str, term: str) -> dict[int, float]:
        return self._table.get(fieldname, {}).get(term, {})

    def lexicon(self, fieldname: str) -> list[str]:
        return self._terms.get(fieldname, [])
