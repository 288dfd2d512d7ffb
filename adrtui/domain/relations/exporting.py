"""The decision graph as text other tools draw: Mermaid, Graphviz DOT, or JSON.

Each relationship is exported once, in its active orientation (``A supersedes
B`` rather than also ``B superseded-by A``). Titles come from files, so they
are untrusted: Mermaid labels encode every character outside a small safe set
as ``#NNN;`` entities, DOT strings escape quotes and backslashes, and control
characters are removed (JSON: escaped), so no title can end a label, inject a
directive or a link, or reach a terminal as an escape sequence. Bidi controls
and invisible characters are shown as ``⟨U+202E⟩`` in Mermaid and DOT labels
(a drawn graph must not read differently from its files); JSON keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from typing import Any

from adrtui.domain.model import CANONICAL_STATUSES, Adr
from adrtui.domain.relations.resolve import (
    INVERSES,
    PASSIVE_KINDS,
    Edge,
    RelationGraph,
    build_graph,
    kind_sort_key,
    normalize_kind,
)
from adrtui.domain.text import clean_line, json_text

FORMATS: tuple[str, ...] = ("mermaid", "dot", "json")

#: Drawn dotted: references in prose, not decisions about each other.
_LOOSE_KINDS = frozenset({"mentions", "relates-to"})


def select(
    adrs: Iterable[Adr],
    graph: RelationGraph | None = None,
    *,
    statuses: Collection[str] = (),
    kinds: Collection[str] = (),
) -> tuple[list[Adr], list[Edge]]:
    """The nodes and relationships to draw: ADRs with one of ``statuses`` (all when
    empty), and the relationships between them of one of ``kinds`` (all when empty)."""
    adrs = list(adrs)
    if graph is None:
        graph = build_graph(adrs)
    wanted = {s.strip().lower() for s in statuses if s.strip()}
    nodes = [a for a in adrs if not wanted or (a.status or "") in wanted]
    keep = {a.rel_path for a in nodes}
    kind_set = set()
    for kind in kinds:
        if kind.strip():
            kind = normalize_kind(kind)
            kind_set.add(INVERSES[kind] if kind in PASSIVE_KINDS else kind)
    edges = [
        e
        for e in graph.relationships()
        if e.source in keep and e.path in keep and (not kind_set or e.kind in kind_set)
    ]
    edges.sort(key=lambda e: (e.source, kind_sort_key(e.kind), e.path or ""))
    return nodes, edges


def _label(adr: Adr) -> str:
    title = clean_line(adr.title) or adr.rel_path
    return f"{adr.display_number} {title}" if adr.number is not None else title


# ------------------------------------------------------------------------ Mermaid

_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 .,:_\-/()'!?+]")


def mermaid_escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label: anything unusual becomes ``#NNN;``."""
    return "".join(ch if _MERMAID_SAFE.fullmatch(ch) else f"#{ord(ch)};" for ch in clean_line(text))


def to_mermaid(nodes: list[Adr], edges: list[Edge]) -> str:
    ids = {adr.rel_path: f"adr{i}" for i, adr in enumerate(nodes)}
    lines = ["flowchart LR"]
    for adr in nodes:
        status = f"<br/>{mermaid_escape(adr.status)}" if adr.status else ""
        lines.append(f'    {ids[adr.rel_path]}["{mermaid_escape(_label(adr))}{status}"]')
    for edge in edges:
        kind = mermaid_escape(edge.kind)
        arrow = "-.->" if edge.kind in _LOOSE_KINDS else "-->"
        lines.append(f'    {ids[edge.source]} {arrow}|"{kind}"| {ids[edge.path or ""]}')
    classes: dict[str, list[str]] = {}
    for adr in nodes:
        if adr.status in CANONICAL_STATUSES:
            classes.setdefault(adr.status, []).append(ids[adr.rel_path])
    styles = {
        "superseded": "stroke-dasharray: 5 5,color:#777",
        "deprecated": "stroke-dasharray: 5 5,color:#777",
        "rejected": "stroke:#c33,color:#777",
        "proposed": "stroke:#c90",
        "draft": "stroke:#c90",
        "accepted": "stroke:#393",
    }
    for status, members in classes.items():
        lines.append(f"    classDef {status} {styles[status]}")
        lines.append(f"    class {','.join(members)} {status}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- DOT


def dot_escape(text: str) -> str:
    """Text safe inside a double-quoted DOT string (no escape sequence survives)."""
    return clean_line(text).replace("\\", "\\\\").replace('"', '\\"')


def to_dot(nodes: list[Adr], edges: list[Edge]) -> str:
    lines = [
        "digraph adrs {",
        "    rankdir=LR;",
        '    node [shape=box, style="rounded", fontname="Helvetica"];',
    ]
    for adr in nodes:
        label = dot_escape(_label(adr)) + (
            "\\n(" + dot_escape(adr.status) + ")" if adr.status else ""
        )
        style = ', style="rounded,dashed"' if adr.status in ("superseded", "deprecated") else ""
        lines.append(f'    "{dot_escape(adr.rel_path)}" [label="{label}"{style}];')
    for edge in edges:
        lines.append(
            f'    "{dot_escape(edge.source)}" -> "{dot_escape(edge.path or "")}" '
            f'[label="{dot_escape(edge.kind)}"'
            + (", style=dashed" if edge.kind in _LOOSE_KINDS else "")
            + "];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- JSON


def to_data(nodes: list[Adr], edges: list[Edge]) -> dict[str, Any]:
    """``{"nodes": [...], "edges": [...]}``; node ids are ADR-folder-relative paths."""
    return {
        "nodes": [
            {
                "id": adr.rel_path,
                "number": adr.number,
                "title": adr.title,
                "status": adr.status,
            }
            for adr in nodes
        ],
        "edges": [
            {"source": e.source, "target": e.path, "kind": e.kind, "stated_in": e.stated_in}
            for e in edges
        ],
    }


def to_json(nodes: list[Adr], edges: list[Edge]) -> str:
    """The JSON export: exact titles and paths, controls and hidden characters escaped."""
    return json_text(to_data(nodes, edges)) + "\n"


def export(
    adrs: Iterable[Adr],
    fmt: str,
    graph: RelationGraph | None = None,
    *,
    statuses: Collection[str] = (),
    kinds: Collection[str] = (),
) -> str:
    """The graph of ``adrs`` in ``fmt`` (one of :data:`FORMATS`)."""
    nodes, edges = select(adrs, graph, statuses=statuses, kinds=kinds)
    if fmt == "mermaid":
        return to_mermaid(nodes, edges)
    if fmt == "dot":
        return to_dot(nodes, edges)
    if fmt == "json":
        return to_json(nodes, edges)
    raise ValueError(f"unknown graph format {fmt!r} (use {', '.join(FORMATS)})")
