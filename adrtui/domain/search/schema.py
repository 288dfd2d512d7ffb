"""What the index holds of an ADR: the Whoosh schema and each record's document.

:func:`document` turns a record into the fields the index (and the in-memory
evaluator, :class:`adrtui.domain.search.engine.MemoryEngine`) holds: ranked
title and body words with their BM25 term-frequency factors computed here, at
index time (:class:`RankedText`), title word prefixes, exact metadata terms, and
the fields a hit shows without reading the file (:data:`STORED_FIELDS`).
Whoosh's own analyzers are bypassed: words come from
:mod:`adrtui.domain.search.analysis`.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from adrtui.domain.model import Adr
from adrtui.domain.search._whoosh import formats, pack_uint, wfields, whoosh
from adrtui.domain.search.analysis import indexable, normalize_value, stem, words

#: Bumped whenever the schema or the analysis changes: older indexes are rebuilt.
SCHEMA_VERSION = 5


def encode(term: str) -> bytes:
    """A term as index bytes. File names may hold undecodable bytes (surrogate
    escapes): they are kept, never an error."""
    return term.encode("utf-8", "surrogatepass")


#: BM25 parameters; term weights are computed at index time with these.
K1 = 1.2
B = 0.75
#: Typical field lengths in indexed words (the BM25 length normalisation pivot).
TITLE_AVERAGE = 6.0
BODY_AVERAGE = 300.0
#: Title words are indexed for prefixes of this many letters (shorter prefixes
#: than the query engine expands through the vocabulary).
TITLE_PREFIX_LENGTH = 2


class RankedText(wfields.FieldType):
    """Stemmed words, each posting weighted with its BM25 term-frequency factor.

    ``weight = tf·(k1+1) / (tf + k1·(1 − b + b·len/average))`` depends only on
    the document, so it is computed once here; at query time a score is
    ``Σ boost · idf · weight``. Whoosh's own analyzer is bypassed (it is slow
    and would not match :func:`words`): counting is done with ``Counter``.
    """

    def __init__(self, average_length: float, stored: bool = False) -> None:
        super().__init__(
            formats.Frequency(), whoosh.analysis.IDTokenizer(), scorable=False, stored=stored
        )
        self.average_length = average_length

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        return [
            (encode(term), tf, weight, pack_uint(tf))
            for term, tf, weight in ranked_terms(value, self.average_length)
        ]


def ranked_terms(
    text: str, average_length: float, found: set[str] | None = None
) -> list[tuple[str, int, float]]:
    """``(stem, tf, weight)`` of each indexed word of ``text`` (what :class:`RankedText`
    indexes; the in-memory evaluator calls it directly). ``found`` collects the
    words of ``text`` (indexable or not: filter them with :func:`indexable`)."""
    tokens = words(text)
    if found is not None:
        found.update(tokens)
    # Every token through the cached term function, counted by Counter: no Python loop.
    counts: Counter[str | None] = Counter(map(index_term, tokens))
    counts.pop(None, None)
    length = sum(counts.values())
    norm = K1 * (1.0 - B + B * length / average_length)
    return [(term, tf, tf * (K1 + 1.0) / (tf + norm)) for term, tf in counts.items() if term]


@lru_cache(maxsize=200_000)
def index_term(word: str) -> str | None:
    """The term a folded word is indexed as (its stem), or ``None`` when it is not indexed."""
    return stem(word) if indexable(word) else None


class WordPrefixes(wfields.FieldType):
    """The first 1..``max_length`` letters of every word (title prefixes as terms)."""

    def __init__(self, max_length: int) -> None:
        super().__init__(formats.Existence(), whoosh.analysis.IDTokenizer(), scorable=False)
        self.max_length = max_length

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        return [(encode(gram), 1, 1.0, b"") for gram in self.terms(value)]

    def terms(self, value: Any) -> set[str]:
        """The terms :meth:`index` writes, as text (what the in-memory evaluator holds)."""
        return {
            word[:size]
            for word in set(words(value))
            for size in range(1, min(len(word), self.max_length) + 1)
        }


class Keywords(wfields.FieldType):
    """Exact, already-normalised terms (a string or a sequence of strings)."""

    def __init__(self, stored: bool = False) -> None:
        super().__init__(
            formats.Existence(), whoosh.analysis.IDTokenizer(), scorable=False, stored=stored
        )

    def index(self, value: Any, **kwargs: Any) -> list[tuple[bytes, int, float, bytes]]:
        return [(encode(term), 1, 1.0, b"") for term in self.terms(value)]

    def terms(self, value: Any) -> set[str]:
        """The terms :meth:`index` writes, as text (what the in-memory evaluator holds)."""
        terms = {value} if isinstance(value, str) else set(value)
        terms.discard("")
        return terms


def make_schema() -> wfields.Schema:
    return wfields.Schema(
        path=Keywords(stored=True),
        title=RankedText(TITLE_AVERAGE, stored=True),
        body=RankedText(BODY_AVERAGE),
        tprefix=WordPrefixes(TITLE_PREFIX_LENGTH),
        status=Keywords(stored=True),
        date=Keywords(stored=True),
        number=Keywords(stored=True),
        tags=Keywords(),
        deciders=Keywords(),
        authors=Keywords(),
        consulted=Keywords(),
        informed=Keywords(),
        stat=wfields.STORED(),
    )


#: Status term indexed for records without a status (``status:none`` finds them).
NO_STATUS = "none"


def number_term(number: int) -> str:
    """Numbers are indexed zero-padded so that term order is numeric order."""
    return f"{number:010d}"


def content_key(adr: Adr) -> str:
    """The record's content hash: the file's SHA-1, or a hash of its fields."""
    if adr.sha1:
        return adr.sha1
    digest = hashlib.sha1()
    for value in (
        adr.title,
        adr.status,
        adr.date,
        adr.number,
        adr.deciders,
        adr.tags,
        adr.body,
        adr.authors,
        adr.consulted,
        adr.informed,
    ):
        digest.update(repr(value).encode("utf-8", "surrogatepass") + b"\0")
    return "fields:" + digest.hexdigest()


def body_check(body: str) -> tuple[int, int]:
    """``(length, CRC-32)`` of a record's body: its text is the last ``length``
    characters of the file's (newlines as ``\\n``), so excerpts can be taken from
    the file, without parsing it, and proven to be the ones the record gives."""
    return len(body), zlib.crc32(body.encode("utf-8", "surrogatepass"))


#: The fields that hold people's names, each indexed like ``deciders``.
PEOPLE_FIELDS: tuple[str, ...] = ("deciders", "authors", "consulted", "informed")


def name_terms(names: Iterable[str]) -> tuple[str, ...]:
    """Index terms of people's names: each whole name folded, and each of its words.

    ``decider:"ana lima"``, ``decider:lima`` and ``decider:ana`` all find Ana Lima.
    """
    terms: set[str] = set()
    for name in names:
        folded = words(name)
        if folded:
            terms.add(" ".join(folded))
            terms.update(folded)
    return tuple(terms)


def document(adr: Adr) -> dict[str, Any]:
    """The Whoosh document of a record (values Whoosh stores are shown in hits)."""
    title = adr.title or ""
    doc: dict[str, Any] = {
        "path": adr.rel_path,
        "title": title,
        "body": adr.body or "",
        "tprefix": title,
        "status": normalize_value(adr.status) if adr.status else NO_STATUS,
        "_stored_status": adr.status,
        "tags": tuple(normalize_value(tag) for tag in adr.tags),
        "deciders": name_terms(adr.deciders),
        "authors": name_terms(adr.authors),
        "consulted": name_terms(adr.consulted),
        "informed": name_terms(adr.informed),
        "stat": (adr.mtime_ns, adr.size, content_key(adr), *body_check(adr.body or "")),
    }
    if adr.date:
        doc["date"] = adr.date.strip().lower()
        doc["_stored_date"] = adr.date
    if adr.number is not None and adr.number >= 0:
        doc["number"] = number_term(adr.number)
        doc["_stored_number"] = adr.number
    return doc


#: The fields Whoosh stores (shown in hits without reading the file).
STORED_FIELDS: tuple[str, ...] = ("path", "title", "status", "date", "number", "stat")


def stored_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """What Whoosh stores of :func:`document`'s ``doc`` (``_stored_x`` wins over ``x``)."""
    stored = {}
    for name in STORED_FIELDS:
        key = f"_stored_{name}"
        if key in doc:
            stored[name] = doc[key]
        elif name in doc:
            stored[name] = doc[name]
    return stored


def vocabulary(docs: Iterable[dict[str, Any]]) -> set[str]:
    """Every indexable word of the documents' titles and bodies (unstemmed)."""
    found: set[str] = set()
    for doc in docs:
        found.update(words(doc.get("title", "")))
        found.update(words(doc.get("body", "")))
    return {word for word in found if indexable(word)}
