"""The evaluator over one open Whoosh index generation: postings read from disk.

:class:`Engine` gives :class:`~adrtui.domain.search.engine.QueryEngine` (the one
evaluator) the postings of one index generation: each term's postings are read
once, block by block (:func:`drain_postings`), into a ``{docnum: weight}`` map
cached for the life of the reader; the stored fields of every document are read
once per segment (segments are immutable, so after an update only the new one is
read), which also proves the index readable end to end.
"""

from __future__ import annotations

import contextlib
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any

from adrtui.domain.search._whoosh import STORED_COLUMN, TermNotFound, W3LeafMatcher
from adrtui.domain.search.engine import DocMeta, QueryEngine, stored_meta
from adrtui.domain.search.schema import encode
from adrtui.domain.search.store import read_vocab, vocab_stamp


def drain_postings(matcher: Any) -> tuple[list[int], list[float]]:
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


class Engine(QueryEngine):
    """Queries against one open Whoosh searcher (one index generation)."""

    def __init__(
        self,
        ix: Any,
        index_dir: Path,
        previous: Engine | None = None,
    ) -> None:
        self.ix = ix
        self.searcher = ix.searcher()
        self.reader = self.searcher.reader()
        # The vocabulary only changes when new words were indexed: reuse it otherwise.
        self.vocab_stamp = vocab_stamp(index_dir)
        unchanged = self.vocab_stamp is not None and (
            previous is not None and previous.vocab_stamp == self.vocab_stamp
        )
        if previous is not None and unchanged:
            self.vocab, self.stems = previous.vocab, previous.stems
            self.vocab_set, self.by_stem = previous.vocab_set, previous.by_stem
        else:
            self._set_vocab(*read_vocab(index_dir))
        self.leaves = []
        for leaf, offset in self.reader.leaf_readers():
            # Deleted documents by global number: Whoosh numbers them within their
            # leaf, and comparing those with global ids once hid live documents.
            deleted: frozenset[int] = frozenset()
            if leaf.has_deletions():
                is_deleted = leaf.is_deleted
                deleted = frozenset(
                    offset + d for d in range(leaf.doc_count_all()) if is_deleted(d)
                )
            self.leaves.append((leaf, offset, deleted))
        self.has_deletions = any(deleted for _, _, deleted in self.leaves)
        # Stored fields of every document, read once per segment (segments are
        # immutable, so after an update only the new segment is read). Reading
        # them all also proves the index is readable end to end.
        self.segment_meta: dict[str, list[DocMeta]] = {}
        meta: dict[int, DocMeta] = {}
        reuse = previous.segment_meta if previous is not None else {}
        for leaf, offset, deleted in self.leaves:
            segment = leaf.segment() if hasattr(leaf, "segment") else None
            key = segment.segment_id() if segment is not None else None
            metas = reuse.get(key) if key is not None else None
            if metas is None or len(metas) != leaf.doc_count_all():
                metas = [stored_meta(stored) for stored in _all_stored(leaf)]
            if key is not None:
                self.segment_meta[key] = metas
            for docnum, item in enumerate(metas, offset):
                if docnum not in deleted:
                    meta[docnum] = item
        self._set_meta(meta)

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
            ids, weights = drain_postings(matcher)
            if offset:
                ids = [docnum + offset for docnum in ids]
            part = dict(zip(ids, weights, strict=True))
            for docnum in deleted.intersection(part) if deleted else ():
                del part[docnum]  # both global numbers
            found.update(part)
        self._postings.put(key, found, len(found) + 1)
        return found

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """How many live documents hold ``term``: what a fresh rebuild would count.

        Whoosh's own count includes deleted documents, which after incremental
        updates would rank a prefix's expansions differently from a rebuild.
        """
        if not self.has_deletions:
            return self.upper_frequency(fieldname, term)
        key = (fieldname, term)
        if key not in self._df:
            self._df[key] = len(self.postings(fieldname, term))
        return self._df[key]

    def upper_frequency(self, fieldname: str, term: str) -> int:
        """Whoosh's count, deleted documents included (read from the term index)."""
        key = (fieldname, term)
        if key not in self._upper:
            try:
                self._upper[key] = self.reader.doc_frequency(fieldname, encode(term))
            except Exception:  # noqa: BLE001 - an absent term
                self._upper[key] = 0
        return self._upper[key]

    def lexicon(self, fieldname: str) -> list[str]:
        if fieldname not in self._lexicons:
            self._lexicons[fieldname] = sorted(
                term.decode("utf-8", "replace") for term in self.reader.lexicon(fieldname)
            )
        return self._lexicons[fieldname]


def _all_stored(leaf: Any) -> list[dict[str, Any]]:
    """The stored fields of every document of a segment, deleted ones included.

    Whoosh 2.7.4 keeps them pickled in one column: iterating the column reads them
    in one pass, twice as fast as asking document by document (a warm one-shot
    ``adrtui search`` reads all of them); other readers use the public API.
    """
    count = leaf.doc_count_all()
    cached = getattr(getattr(leaf, "_perdoc", None), "_cached_reader", None)
    if cached is not None:
        with contextlib.suppress(Exception):
            values = [stored or {} for stored in cached("_stored", STORED_COLUMN)]
            if len(values) == count:
                return values
    return [leaf.stored_fields(docnum) for docnum in range(count)]
