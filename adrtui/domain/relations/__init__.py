"""How ADRs refer to each other: links resolved both ways, the graph, its export, its lint.

``resolve_links`` turns every stated reference into a link to a record (or a dangling
one) and derives the inverse; :class:`RelationGraph` answers "what points here" and
walks supersession chains; ``export`` writes the graph as Mermaid, DOT or JSON; ``lint``
checks the decision log's consistency, each problem with a fix hint.
"""

from __future__ import annotations

from adrtui.domain.relations.checks import (
    ERROR,
    RULES,
    WARNING,
    Problem,
    lint,
    problems_by_file,
)
from adrtui.domain.relations.exporting import (
    FORMATS,
    export,
)
from adrtui.domain.relations.resolve import (
    PASSIVE_KINDS,
    ChainNode,
    Edge,
    RelationGraph,
    Resolver,
    SupersessionChain,
    build_graph,
    kind_sort_key,
    resolve_links,
)

__all__ = [
    "build_graph",
    "ChainNode",
    "Edge",
    "ERROR",
    "export",
    "FORMATS",
    "kind_sort_key",
    "lint",
    "PASSIVE_KINDS",
    "Problem",
    "problems_by_file",
    "RelationGraph",
    "resolve_links",
    "Resolver",
    "RULES",
    "SupersessionChain",
    "WARNING",
]
