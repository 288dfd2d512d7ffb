"""Search over one ADR folder: the query language, the one evaluator, the Whoosh index.

:class:`SearchIndex` owns the index's life (build, update, recover) and answers
queries; :class:`MemorySearch` answers the same queries the same way from
records in memory (while the first index builds; :class:`StagedSearch` answers
from titles and fields until the bodies are analysed); both return a
:class:`SearchResult`. ``parse_query`` is the one query language;
``normalize_value`` folds a field value the way the index does.

Inside: ``analysis`` (what a word is), ``query`` (the language, highlighting),
``schema`` (a record's document), ``engine`` (the one evaluator, and its postings
in memory), ``reader`` (its postings from a Whoosh index), ``answers`` (results),
``store`` (the cache's files), ``writer`` (rebuilds and updates, in a child
process), ``freshness`` (is the index current, from a stat of the folder),
``service`` (the index's life), ``staged`` (answers while the bodies are analysed).
"""

from __future__ import annotations

from adrtui.domain.search.analysis import normalize_value
from adrtui.domain.search.answers import Hit, MemorySearch, SearchResult, SpanFinder
from adrtui.domain.search.freshness import tree_stamp
from adrtui.domain.search.query import (
    GIT_FIELDS,
    Filter,
    Fragment,
    ParsedQuery,
    date_matches,
    has_phrases,
    parse_query,
    without_filters,
)
from adrtui.domain.search.service import SearchIndex, SyncReport
from adrtui.domain.search.staged import PARTIAL_NOTE, StagedSearch, needs_bodies

__all__ = [
    "GIT_FIELDS",
    "date_matches",
    "Filter",
    "ParsedQuery",
    "without_filters",
    "Fragment",
    "has_phrases",
    "Hit",
    "MemorySearch",
    "needs_bodies",
    "normalize_value",
    "PARTIAL_NOTE",
    "parse_query",
    "SearchIndex",
    "SearchResult",
    "SpanFinder",
    "StagedSearch",
    "SyncReport",
    "tree_stamp",
]
