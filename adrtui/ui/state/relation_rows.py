"""The relationship pane's content for one ADR, computed from the relation graph.

Outgoing: what this ADR says about others (supersedes, amends, relates to,
mentions, a team's own kinds). Incoming: what others say about it, seen from
this side (superseded by, amended by, and everything else as "referenced
by"). Each row carries the other ADR's number, title and status, or says the
reference is broken or external. Pure data: the widget only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from adrtui.domain.relations import (
    PASSIVE_KINDS,
    Edge,
    RelationGraph,
    SupersessionChain,
    kind_sort_key,
)

#: Passive kinds shown under their own heading on the incoming side; the others
#: (``mentioned-by``, kinds without a known inverse) are grouped as "referenced by".
_OWN_INCOMING_HEADINGS = frozenset(PASSIVE_KINDS - {"mentioned-by"})


@dataclass(frozen=True)
class RelationRow:
    """One link in the pane. ``path`` is the other ADR, ``None`` when broken or external."""

    kind: str
    target: str
    path: str | None
    number: int | None = None
    title: str = ""
    status: str | None = None
    external: bool = False
    derived: bool = False

    @property
    def broken(self) -> bool:
        return self.path is None and not self.external


@dataclass(frozen=True)
class RelationGroup:
    heading: str
    rows: tuple[RelationRow, ...]


@dataclass(frozen=True)
class RelationsView:
    rel_path: str
    outgoing: tuple[RelationGroup, ...] = ()
    incoming: tuple[RelationGroup, ...] = ()
    chain: SupersessionChain | None = None
    #: The graph this view was computed from (a reload makes a new one).
    graph: RelationGraph | None = field(default=None, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not self.outgoing and not self.incoming


def heading_for(kind: str) -> str:
    """``superseded-by`` → ``superseded by``; ``relates-to`` → ``relates to``."""
    return kind.replace("-", " ")


def _row(graph: RelationGraph, edge: Edge, other: str | None, kind: str) -> RelationRow:
    adr = graph.adrs.get(other) if other is not None else None
    if adr is None:
        return RelationRow(kind, edge.target, None, external=edge.external, derived=edge.derived)
    return RelationRow(
        kind, edge.target, other, adr.number, adr.title, adr.status, derived=edge.derived
    )


def _groups(rows: list[RelationRow], headings: dict[str, str]) -> tuple[RelationGroup, ...]:
    grouped: dict[str, list[RelationRow]] = {}
    order: dict[str, tuple[int, str]] = {}
    for row in rows:
        heading = headings[row.kind]
        grouped.setdefault(heading, [])
        key = (row.path or row.target, row.kind)
        if any((r.path or r.target, r.kind) == key for r in grouped[heading]):
            continue
        grouped[heading].append(row)
        order.setdefault(heading, kind_sort_key(row.kind))
    return tuple(
        RelationGroup(heading, tuple(grouped[heading]))
        for heading in sorted(grouped, key=lambda h: order[h])
    )


def relations_view(graph: RelationGraph, rel_path: str) -> RelationsView:
    """Everything the relationship pane shows for ``rel_path``."""
    outgoing_rows: list[RelationRow] = []
    incoming_rows: list[RelationRow] = []
    headings: dict[str, str] = {}
    known_incoming: set[tuple[str, str]] = set()
    for kind, edges in graph.outgoing(rel_path).items():
        for edge in edges:
            row = _row(graph, edge, edge.path, kind)
            if kind in PASSIVE_KINDS:
                heading = heading_for(kind) if kind in _OWN_INCOMING_HEADINGS else "referenced by"
                headings[kind] = heading
                incoming_rows.append(row)
                if edge.path is not None:
                    known_incoming.add((edge.path, kind))
            else:
                headings[kind] = heading_for(kind)
                outgoing_rows.append(row)
    # Edges arriving from ADRs whose kind has no inverse on this side.
    for kind, edges in graph.incoming(rel_path).items():
        for edge in edges:
            if edge.source == rel_path:
                continue
            stated_here = any(src == edge.source for src, _ in known_incoming)
            if stated_here or kind in PASSIVE_KINDS or kind == "relates-to":
                continue
            label = (
                f"referenced by ({heading_for(kind)})" if kind != "mentions" else "referenced by"
            )
            incoming_kind = f"in:{kind}"
            headings[incoming_kind] = "referenced by" if kind == "mentions" else label
            incoming_rows.append(_row(graph, edge, edge.source, incoming_kind))
    chain = graph.supersession_chain(rel_path)
    return RelationsView(
        rel_path,
        _groups(outgoing_rows, headings),
        _groups(incoming_rows, headings),
        None if chain.is_empty else chain,
        graph,
    )
