"""Search over one ADR folder: the query language, the evaluator, the Whoosh index.

:class:`SearchIndex` owns the index's life (build, update, recover) and answers queries;
``parse_query`` is the one query language; ``normalize_value`` folds a field value the
way the index does.
"""

from __future__ import annotations

from adrtui.domain.search.analysis import (
    normalize_value,
)
from adrtui.domain.search.query import (
    has_phrases,
    parse_query,
)
from adrtui.domain.search.service import (
    SearchIndex,
)

__all__ = [
    "has_phrases",
    "normalize_value",
    "parse_query",
    "SearchIndex",
]
