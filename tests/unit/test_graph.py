"""Graph export: each relationship once, nodes with number/title/status, safe labels."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from adrtui.domain.model import Adr, Link
from adrtui.domain.relations.exporting import dot_escape, export, mermaid_escape, select
from adrtui.domain.relations.resolve import resolve_links


def adr(rel: str, number: int, title: str, status: str = "accepted", links=(), body="") -> Adr:
    return Adr(
        Path("/adrs") / rel,
        rel,
        number=number,
        title=title,
        status=status,
        links=tuple(links),
        body=body,
    )


RECORDS = resolve_links(
    [
        adr("0001-a.md", 1, "Old way", "superseded", [Link("superseded-by", "2")], "See ADR-3."),
        adr("0002-b.md", 2, "New way", links=[Link("supersedes", "1")], body="Not ADR-1."),
        adr("0003-c.md", 3, "Other", "proposed", [Link("Clarifies", "2")]),
    ]
)


def test_json_has_nodes_and_each_relationship_once() -> None:
    data = json.loads(export(RECORDS, "json"))
    assert data["nodes"] == [
        {"id": "0001-a.md", "number": 1, "title": "Old way", "status": "superseded"},
        {"id": "0002-b.md", "number": 2, "title": "New way", "status": "accepted"},
        {"id": "0003-c.md", "number": 3, "title": "Other", "status": "proposed"},
    ]
    edges = {(e["source"], e["kind"], e["target"]) for e in data["edges"]}
    assert edges == {
        ("0002-b.md", "supersedes", "0001-a.md"),
        ("0001-a.md", "mentions", "0003-c.md"),
        ("0003-c.md", "clarifies", "0002-b.md"),
    }
    assert len(data["edges"]) == 3


def test_status_filter_keeps_edges_between_kept_nodes_only() -> None:
    nodes, edges = select(RECORDS, statuses=["accepted", "superseded"])
    assert [n.rel_path for n in nodes] == ["0001-a.md", "0002-b.md"]
    assert [(e.source, e.kind, e.path) for e in edges] == [("0002-b.md", "supersedes", "0001-a.md")]


def test_kind_filter_accepts_either_side_of_a_pair() -> None:
    _, edges = select(RECORDS, kinds=["superseded-by"])
    assert [(e.source, e.kind) for e in edges] == [("0002-b.md", "supersedes")]


def test_mermaid_output_is_a_flowchart_with_labelled_edges() -> None:
    text = export(RECORDS, "mermaid")
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    assert '    adr0["0001 Old way<br/>superseded"]' in lines
    assert '    adr1 -->|"supersedes"| adr0' in lines
    assert '    adr0 -.->|"mentions"| adr2' in lines  # prose references drawn dotted
    assert "    class adr0 superseded" in lines


def test_dot_output_is_a_digraph() -> None:
    text = export(RECORDS, "dot")
    assert text.startswith("digraph adrs {")
    assert '"0002-b.md" -> "0001-a.md" [label="supersedes"];' in text
    assert '"0001-a.md" [label="0001 Old way\\n(superseded)", style="rounded,dashed"];' in text


HOSTILE = 'X"] --> evil["pwn\x1b[2J\n%%{init: {}}%% <img src=x onerror=alert(1)> \\" #quot;'


def test_mermaid_labels_cannot_break_out() -> None:
    escaped = mermaid_escape(HOSTILE)
    assert re.fullmatch(r"[A-Za-z0-9 .,:_\-/()'!?+#;]*", escaped)
    assert '"' not in escaped and "<" not in escaped and "[" not in escaped
    assert "\x1b" not in escaped and "\n" not in escaped
    # Entities are well formed: every '#' opens a '#NNN;' code.
    assert re.fullmatch(r"(?:[^#]|#\d+;)*", escaped)
    text = export([adr("0001-a.md", 1, HOSTILE)], "mermaid")
    assert len(text.splitlines()) == 4  # header, one node, classDef, class


def test_dot_labels_cannot_break_out() -> None:
    escaped = dot_escape(HOSTILE)
    assert re.fullmatch(r'(?:[^"\\\x00-\x1f]|\\["\\])*', escaped)
    text = export([adr("0001-a.md", 1, HOSTILE)], "dot")
    assert len(text.splitlines()) == 5
    assert "\x1b" not in text


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown graph format"):
        export(RECORDS, "svg")


def test_self_links_are_not_drawn() -> None:
    records = resolve_links([adr("0001-a.md", 1, "A", links=[Link("supersedes", "1")])])
    assert json.loads(export(records, "json"))["edges"] == []
