"""Resolution of references between ADRs: every link form, inverses, prose mentions."""

from __future__ import annotations

import builtins
from dataclasses import replace
from pathlib import Path

import pytest

from adrtui.domain.model import Adr, Link
from adrtui.domain.relations.resolve import (
    Resolver,
    build_graph,
    normalize_kind,
    resolve_links,
    scan_body,
)


def adr(
    rel: str,
    number: int | None,
    title: str,
    *,
    status: str | None = "accepted",
    links: tuple[Link, ...] = (),
    body: str = "",
    adr_id: str | None = None,
    title_line: int | None = None,
    body_line: int = 1,
) -> Adr:
    return Adr(
        Path("/adrs") / rel,
        rel,
        number=number,
        title=title,
        body_line=body_line,
        status=status,
        links=links,
        body=body,
        adr_id=adr_id,
        title_line=title_line,
    )


FOLDER = [
    adr("0001-record-decisions.md", 1, "Record decisions"),
    adr("0002-use-postgres.md", 2, "Use PostgreSQL for persistence"),
    adr("0003-http-json.md", 3, "Services talk over HTTP JSON", adr_id="decision:0003:v1"),
    adr("sub/0004-nested.md", 4, "A nested decision"),
]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("0002-use-postgres.md", "0002-use-postgres.md"),
        ("./0002-use-postgres.md", "0002-use-postgres.md"),
        ("./0002-use-postgres.md#consequences", "0002-use-postgres.md"),
        ("[2. Use PostgreSQL for persistence](0002-use-postgres.md)", "0002-use-postgres.md"),
        ("<0002-use-postgres.md>", "0002-use-postgres.md"),
        ('0002-use-postgres.md "the title"', "0002-use-postgres.md"),
        ("0002-use-postgres", "0002-use-postgres.md"),
        ("2", "0002-use-postgres.md"),
        ("0002", "0002-use-postgres.md"),
        ("ADR-2", "0002-use-postgres.md"),
        ("ADR 002", "0002-use-postgres.md"),
        ("adr_0002", "0002-use-postgres.md"),
        ("#2", "0002-use-postgres.md"),
        ("2. Use PostgreSQL for persistence", "0002-use-postgres.md"),
        ("Use PostgreSQL for persistence", "0002-use-postgres.md"),
        ('"use postgresql  for persistence"', "0002-use-postgres.md"),
        ("decision:0003:v1", "0003-http-json.md"),
        ("[decision:0003:v1]", "0003-http-json.md"),
        ("decision:0003:v2", "0003-http-json.md"),
        ("sub/0004-nested.md", "sub/0004-nested.md"),
        ("0004-nested.md", "sub/0004-nested.md"),
    ],
)
def test_each_written_form_names_its_adr(target: str, expected: str | None) -> None:
    resolution = Resolver(FOLDER).resolve(target, "0001-record-decisions.md")
    assert resolution.path == expected
    assert not resolution.external


def test_percent_encoded_links_resolve() -> None:
    spaced = adr("0005 with spaces.md", 5, "Spaces")
    resolution = Resolver([*FOLDER, spaced]).resolve("0005%20with%20spaces.md", "0001-x.md")
    assert resolution.path == "0005 with spaces.md"


def test_relative_links_resolve_from_the_linking_file_folder() -> None:
    resolver = Resolver(FOLDER)
    assert resolver.resolve("../0002-use-postgres.md", "sub/0004-nested.md").path == (
        "0002-use-postgres.md"
    )
    assert resolver.resolve("./0004-nested.md", "sub/0004-nested.md").path == "sub/0004-nested.md"


@pytest.mark.parametrize(
    "target",
    [
        "https://example.com/adr/0002-use-postgres.md",
        "http://thinkrelevance.com/blog",
        "mailto:team@example.com",
        "../../etc/passwd",
        "../0002-use-postgres.md",
        "/etc/passwd",
        "file:///etc/passwd",
    ],
)
def test_targets_leaving_the_collection_are_external(target: str) -> None:
    resolution = Resolver(FOLDER).resolve(target, "0001-record-decisions.md")
    assert resolution.external
    assert resolution.path is None


@pytest.mark.parametrize(
    "target", ["0009-missing.md", "ADR-9", "9", "decision:0009:v1", "Some other title", "#x"]
)
def test_unknown_targets_stay_unresolved_not_external(target: str) -> None:
    resolution = Resolver(FOLDER).resolve(target, "0001-record-decisions.md")
    assert resolution.path is None
    assert not resolution.external


def test_clashing_numbers_prefer_the_file_named_as_written_else_stay_ambiguous() -> None:
    adrs = [
        adr("002-python-stack.md", 2, "Python stack"),
        adr("ADR-002-core-stack.md", 2, "Core stack"),
        adr("other/002-x.md", 2, "X"),
    ]
    resolver = Resolver(adrs)
    assert resolver.resolve("ADR-002", "a.md").path == "ADR-002-core-stack.md"
    assert resolver.resolve("2. Python stack", "a.md").path == "002-python-stack.md"
    ambiguous = resolver.resolve("#2", "a.md")
    assert ambiguous.path is None
    assert ambiguous.candidates == (
        "002-python-stack.md",
        "ADR-002-core-stack.md",
        "other/002-x.md",
    )
    assert resolver.resolve("2", "other/a.md").path == "other/002-x.md"


def _links(records: list[Adr], rel: str) -> set[tuple[str, str | None, bool]]:
    record = next(r for r in records if r.rel_path == rel)
    return {(link.kind, link.path, link.derived) for link in record.links}


def test_inverse_links_are_derived() -> None:
    records = resolve_links(
        [
            adr("0001-a.md", 1, "A", status="superseded"),
            adr("0002-b.md", 2, "B", links=(Link("supersedes", "0001-a.md", line=5),)),
        ]
    )
    assert _links(records, "0001-a.md") == {("superseded-by", "0002-b.md", True)}
    assert _links(records, "0002-b.md") == {("supersedes", "0001-a.md", False)}


def test_stated_and_derived_sides_are_reconciled_not_doubled() -> None:
    records = resolve_links(
        [
            adr(
                "0005-help.md",
                5,
                "Help comments",
                links=(Link("amended-by", "[9. Help scripts](0009-help.md)", line=9),),
                body="Amended by [9. Help scripts](0009-help.md)\n",
            ),
            adr(
                "0009-help.md",
                9,
                "Help scripts",
                links=(Link("amends", "[5. Help comments](0005-help.md)", line=9),),
                body="Amends [5. Help comments](0005-help.md)\n",
            ),
        ]
    )
    assert _links(records, "0005-help.md") == {("amended-by", "0009-help.md", False)}
    assert _links(records, "0009-help.md") == {("amends", "0005-help.md", False)}
    graph = build_graph(records)
    assert [e.path for e in graph.outgoing("0005-help.md")["amended-by"]] == ["0009-help.md"]
    assert [e.source for e in graph.incoming("0005-help.md")["amends"]] == ["0009-help.md"]


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Supersedes", "supersedes"),
        ("Supercedes", "supersedes"),
        ("Superceded by", "superseded-by"),
        ("superseded_by", "superseded-by"),
        ("Clarified by", "clarified-by"),
        ("Refined by", "refined-by"),
        ("Depends on", "depends-on"),
        ("Related to", "relates-to"),
        ("Blocks release", "blocks-release"),
    ],
)
def test_kinds_are_normalized_and_free_kinds_kept(written: str, kind: str) -> None:
    assert normalize_kind(written) == kind


def test_free_kinds_keep_their_inverse_or_show_as_incoming() -> None:
    records = resolve_links(
        [
            adr("0001-a.md", 1, "A", links=(Link("Clarifies", "2"), Link("blocks-release", "3"))),
            adr("0002-b.md", 2, "B"),
            adr("0003-c.md", 3, "C", links=(Link("Depends on", "2"),)),
        ]
    )
    assert _links(records, "0002-b.md") == {
        ("clarified-by", "0001-a.md", True),
        ("depended-on-by", "0003-c.md", True),
    }
    graph = build_graph(records)
    assert graph.outgoing("0003-c.md").keys() == {"depends-on"}
    assert [e.source for e in graph.incoming("0003-c.md")["blocks-release"]] == ["0001-a.md"]
    assert "blocks-release" in graph.outgoing("0001-a.md")


def test_an_adr_may_be_superseded_by_several() -> None:
    records = resolve_links(
        [
            adr("0001-a.md", 1, "A", status="superseded"),
            adr("0002-b.md", 2, "B", links=(Link("Supersedes", "1"),)),
            adr("0003-c.md", 3, "C", links=(Link("Supercedes", "ADR-1"),)),
        ]
    )
    graph = build_graph(records)
    assert graph.successors("0001-a.md") == ["0002-b.md", "0003-c.md"]
    chain = graph.supersession_chain("0001-a.md")
    assert [node.path for node in chain.successors] == ["0002-b.md", "0003-c.md"]
    assert chain.latest() == ["0002-b.md", "0003-c.md"]


def test_supersession_chain_walks_both_ways() -> None:
    records = resolve_links(
        [
            adr("0001-a.md", 1, "A", status="superseded"),
            adr("0002-b.md", 2, "B", status="superseded", links=(Link("supersedes", "1"),)),
            adr("0003-c.md", 3, "C", links=(Link("supersedes", "2"),)),
        ]
    )
    chain = build_graph(records).supersession_chain("0002-b.md")
    assert [n.path for n in chain.predecessors] == ["0001-a.md"]
    assert [n.path for n in chain.successors] == ["0003-c.md"]
    full = build_graph(records).supersession_chain("0001-a.md")
    assert full.successors[0].path == "0002-b.md"
    assert full.successors[0].children[0].path == "0003-c.md"
    assert full.successors[0].children[0].title == "C"
    assert full.latest() == ["0003-c.md"]
    assert build_graph(records).supersession_chain("0003-c.md").successors == ()


def test_supersession_chain_is_safe_on_cycles_and_self_links() -> None:
    records = resolve_links(
        [
            adr("0001-a.md", 1, "A", links=(Link("supersedes", "3"),)),
            adr("0002-b.md", 2, "B", links=(Link("supersedes", "1"),)),
            adr("0003-c.md", 3, "C", links=(Link("supersedes", "2"), Link("supersedes", "3"))),
        ]
    )
    chain = build_graph(records).supersession_chain("0001-a.md")
    # 1 is superseded by 2, 2 by 3, 3 by 1 again: shown once, marked, not expanded.
    node = chain.successors[0]
    assert node.path == "0002-b.md"
    assert node.children[0].path == "0003-c.md"
    assert node.children[0].children[0].path == "0001-a.md"
    assert node.children[0].children[0].repeated
    # A self-link is kept as stated (lint reports it) but derives nothing.
    assert ("supersedes", "0003-c.md", False) in _links(records, "0003-c.md")
    assert ("superseded-by", "0003-c.md", True) not in _links(records, "0003-c.md")


def test_long_chains_do_not_hit_the_recursion_limit() -> None:
    count = 3000
    records = resolve_links(
        [
            adr(f"{i:05d}-x.md", i, f"X {i}", links=(Link("supersedes", str(i - 1)),))
            for i in range(1, count)
        ]
        + [adr("00000-x.md", 0, "X 0")]
    )
    chain = build_graph(records).supersession_chain("00000-x.md")
    depth, node = 0, chain.successors[0]
    while node.children:
        depth, node = depth + 1, node.children[0]
    assert depth == count - 2


# ----------------------------------------------------------------- prose mentions


def _mentions(body: str, *others: Adr) -> set[tuple[str, str | None]]:
    me = adr("0010-me.md", 10, "Me", body=body)
    records = resolve_links([*FOLDER, *others, me])
    return {(link.kind, link.path) for link in records[-1].links}


@pytest.mark.parametrize(
    "body",
    [
        "As ADR-2 says, we keep data.",
        "As ADR 002 says, we keep data.",
        "As adr-0002 says.",
        "See [the database](0002-use-postgres.md).",
        "See [the database](./0002-use-postgres.md#consequences).",
        "See [db][1].\n\n[1]: 0002-use-postgres.md\n",
        'We follow "Use PostgreSQL for persistence" here.',
        "We follow “Use PostgreSQL for persistence” here.",
        "Like [decision:0002]... no: like [ADR-2](https://github.com/x/y/blob/main/x.md).",
    ],
)
def test_prose_mentions_become_mentions_edges(body: str) -> None:
    assert ("mentions", "0002-use-postgres.md") in _mentions(body)


def test_bracketed_ids_in_prose_are_mentions() -> None:
    assert _mentions("Follows [decision:0003:v1].") == {("mentions", "0003-http-json.md")}


@pytest.mark.parametrize(
    "body",
    [
        "It supersedes no ADR.",
        "This decision supercedes nothing; see our ADR process.",
        "Issue #2 and PR #3 in the tracker.",
        "Run `adr-2 link` or\n\n```\nADR-2\n[x](0002-use-postgres.md)\n```\n",
        "Badges like superseeded-by-ADR-0002 are ugly.",
        "![diagram](0002-use-postgres.md)",
        "The file adr-0002-use-postgres.md.",
        'He said "hello world" twice.',
        "[Kubernetes](https://kubernetes.io/docs/0002-use-postgres.md)",
    ],
)
def test_prose_without_a_reference_creates_nothing(body: str) -> None:
    assert _mentions(body) == set()


def test_related_lines_and_sections_give_relates_to() -> None:
    body = (
        "Context text, issue #3.\n\nRelated: #2, ADR-3\n\n"
        "## Related decisions\n\n- #1\n\n## Notes\n\n#4 is not a reference here.\n"
    )
    assert _mentions(body) == {
        ("relates-to", "0002-use-postgres.md"),
        ("relates-to", "0003-http-json.md"),
        ("relates-to", "0001-record-decisions.md"),
    }


def test_a_number_on_an_item_linking_elsewhere_is_that_trackers() -> None:
    """``- [org/repo#10334](https://…/issues/10334) - Report … #1033``: not ADR 1033 or 1."""
    body = (
        "## Related Discussions\n\n"
        "- [org/tool#10334](https://example.org/tool/issues/10334) - Report spans, see #1\n"
        "- #2\n"
    )
    assert _mentions(body) == {("relates-to", "0002-use-postgres.md")}


def test_a_related_label_covers_its_nested_list() -> None:
    body = "- **Related ADRs:**\n  - ADR-001: Records\n  - ADR-003: HTTP\n\nADR-2 in prose.\n"
    assert _mentions(body) == {
        ("relates-to", "0001-record-decisions.md"),
        ("relates-to", "0003-http-json.md"),
        ("mentions", "0002-use-postgres.md"),
    }


def test_mentions_are_dropped_where_a_stated_link_joins_the_pair() -> None:
    records = resolve_links(
        [
            adr("0001-a.md", 1, "A", status="superseded", body="Superseded by ADR-2.\n"),
            adr(
                "0002-b.md",
                2,
                "B",
                links=(Link("supersedes", "1", line=3),),
                body="Supersedes [1](0001-a.md). Unlike ADR-1 we ...\n",
            ),
        ]
    )
    assert _links(records, "0001-a.md") == {("superseded-by", "0002-b.md", True)}
    assert _links(records, "0002-b.md") == {("supersedes", "0001-a.md", False)}


def test_an_adr_naming_itself_in_prose_creates_nothing() -> None:
    me = adr("0002-me.md", 2, "Me", body="# ADR 002: Me\n\nThis ADR-2 decides...\n")
    assert resolve_links([me])[0].links == ()


def test_the_id_opening_the_title_is_the_records_own_even_when_mistyped() -> None:
    """adr-49.md titled '# ADR 48: X' (a copy-paste slip) does not mention ADR 48."""
    other = adr("adr-48.md", 48, "Other", body="# ADR 48: Other\n")
    me = adr("adr-49.md", 49, "Me", body="# ADR 48: Me\n\nUnlike ADR 48, we ...\n", title_line=1)
    links = resolve_links([other, me])[1].links
    assert [(link.kind, link.path, link.line) for link in links] == [
        ("mentions", "adr-48.md", 3)  # the prose still mentions it
    ]
    # Another record named in the title's own words stays a mention.
    revert = adr("0018-revert.md", 18, "R", body="# 18. Revert ADR 48. X\n", title_line=1)
    assert {(link.kind, link.path) for link in resolve_links([other, revert])[1].links} == {
        ("mentions", "adr-48.md")
    }


def test_broken_and_external_references_in_prose_are_kept_marked() -> None:
    links = _mentions("See [gone](0042-gone.md), ADR-77 and [other](../../etc/team.md).")
    assert links == {("mentions", None)}
    me = adr("0010-me.md", 10, "Me", body="See [gone](0042-gone.md) and [x](../../etc/team.md).")
    resolved = resolve_links([me])[0].links
    assert {(link.target, link.external) for link in resolved} == {
        ("0042-gone.md", False),
        ("../../etc/team.md", True),
    }


def test_mention_lines_are_file_lines() -> None:
    body = "# 10. Me\n\nDate: 2024-01-01\n\nSee ADR-2.\n"
    me = adr("0010-me.md", 10, "Me", body=body, title_line=6, body_line=6)  # 5 lines of FM
    (link,) = resolve_links([*FOLDER, me])[-1].links
    assert link.line == 10


def test_scan_reports_references_in_order_with_body_lines() -> None:
    refs = scan_body("ADR-1\n\nsee [x](0002-a.md)\n**ADR-3**: [t](0003-b.md)\n")
    assert [(r.target, r.line) for r in refs] == [
        ("ADR-1", 1),
        ("0002-a.md", 3),
        ("0003-b.md", 4),
    ]


def test_own_number_in_a_collection_with_clashing_numbers_is_not_a_mention() -> None:
    records = resolve_links(
        [
            adr("002-stack.md", 2, "Stack", body="# ADR 002: Stack\n\nWe chose...\n"),
            adr("ADR-002-core.md", 2, "Core", body="# ADR-002: Core\n\nSee ADR 002 above.\n"),
        ]
    )
    assert [r.links for r in records] == [(), ()]


def test_a_quoted_numbered_title_is_a_reference_only_when_the_title_matches() -> None:
    example = 'Titles look like "ADR 1: Record architectural decisions" or "ADR 2: Use X".'
    assert _mentions(example) == set()
    real = 'We keep "ADR 2: Use PostgreSQL for persistence" in mind.'
    assert _mentions(real) == {("mentions", "0002-use-postgres.md")}


def test_a_broken_stated_link_is_not_repeated_as_a_mention() -> None:
    record = adr(
        "0001-a.md",
        1,
        "A",
        links=(Link("amends", "0009-gone.md", line=3),),
        body="# 1. A\n\nAmends [9. Gone](0009-gone.md)\n\nLater: [gone](0009-gone.md#x).\n",
    )
    (link,) = resolve_links([record])[0].links
    assert (link.kind, link.target, link.path) == ("amends", "0009-gone.md", None)


def test_resolution_is_idempotent() -> None:
    records = [
        adr("0001-a.md", 1, "A", status="superseded", body="Mentions ADR-3.\n"),
        adr("0002-b.md", 2, "B", links=(Link("Supercedes", "1", line=4),), body="Related: #3\n"),
        adr("0003-c.md", 3, "C", body='Quoting "A" is too short; see [B](0002-b.md).'),
    ]
    once = resolve_links(records)
    assert resolve_links(once) == once
    assert resolve_links(resolve_links(once)) == once


def test_resolution_never_opens_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("resolve_links opened a file")

    monkeypatch.setattr(builtins, "open", refuse)
    monkeypatch.setattr(Path, "exists", refuse)
    monkeypatch.setattr(Path, "stat", refuse)
    record = adr(
        "0001-a.md",
        1,
        "A",
        links=(Link("relates-to", "../../etc/passwd"), Link("relates-to", "/etc/shadow")),
        body="[p](../../../etc/passwd.md) [q](file:///etc/passwd)",
    )
    links = resolve_links([record])[0].links
    assert all(link.path is None for link in links)
    assert {link.target for link in links if link.external} == {
        "../../etc/passwd",
        "/etc/shadow",
        "../../../etc/passwd.md",
    }


def test_a_related_line_inside_a_related_section_keeps_the_whole_section() -> None:
    body = "## Related\n\nRelated: ADR-1\n\n- ADR-2\n- #3\n"
    assert _mentions(body) == {
        ("relates-to", "0001-record-decisions.md"),
        ("relates-to", "0002-use-postgres.md"),
        ("relates-to", "0003-http-json.md"),
    }


def test_graph_of_resolved_records_equals_graph_of_raw_records() -> None:
    raw = [
        adr("0001-a.md", 1, "A", status="superseded", body="See ADR-3 and [b](0002-b.md).\n"),
        adr("0002-b.md", 2, "B", links=(Link("Supercedes", "1", line=4),), body="Related: #3\n"),
        adr("0003-c.md", 3, "C", links=(Link("clarifies", "0009-gone.md", line=2),)),
    ]
    resolved = resolve_links(raw)
    fast = build_graph(resolved)  # reuses the edges resolve_links just built
    cold = build_graph(list(raw))  # resolves from scratch
    again = build_graph([replace(r) for r in resolved])  # resolved records, new objects
    for rel in ("0001-a.md", "0002-b.md", "0003-c.md"):
        assert fast.outgoing(rel) == cold.outgoing(rel) == again.outgoing(rel)
        assert fast.incoming(rel) == cold.incoming(rel) == again.incoming(rel)


# ------------------------------------------------- docs-site pages, rooted paths, other styles

SITE = [
    adr("0005-Service-Self-Config.md", 5, "Service self config"),
    adr("core/0006-Metrics-Collection.md", 6, "Metrics collection"),
    adr("2022-03-15-policy-scopes/README.md", None, "Policy scopes"),
    adr("adr013-use-node-fetch.md", 13, "Node fetch", adr_id="adrs-adr013"),
    adr("adr-004-module-loading.md", 4, "Module loading"),
    adr("a/0007-same-name.md", 7, "Same name in a"),
    adr("b/0007-same-name.md", 7, "Same name in b"),
]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # A docs site's page for a record: its file stem, as the site builds it.
        (
            "https://docs.example.org/2.3/design/adr/0005-Service-Self-Config/",
            "0005-Service-Self-Config.md",
        ),
        ("https://docs.example.org/adr/0005-service-self-config", "0005-Service-Self-Config.md"),
        (
            "https://docs.example.org/adr/0005-Service-Self-Config/#decision",
            "0005-Service-Self-Config.md",
        ),
        (
            "https://docs.example.org/adr/0005-Service-Self-Config.html",
            "0005-Service-Self-Config.md",
        ),
        (
            "https://docs.example.org/adr/0006-Metrics-Collection/",
            "core/0006-Metrics-Collection.md",
        ),
        # …or its front-matter id (Docusaurus), or its folder (one folder per ADR)…
        (
            "https://backstage.io/docs/architecture-decisions/adrs-adr013",
            "adr013-use-node-fetch.md",
        ),
        (
            "https://example.org/decisions/2022-03-15-policy-scopes/",
            "2022-03-15-policy-scopes/README.md",
        ),
        # …or its stem without the number, which some generators drop from slugs.
        ("https://docs.example.org/adr/module-loading/", "adr-004-module-loading.md"),
        # Extension-less folder links, relative, as written for the docs site.
        ("../0005-Service-Self-Config/", "0005-Service-Self-Config.md"),
        ("../../adr/0005-Service-Self-Config/", "0005-Service-Self-Config.md"),
        ("../core/0006-Metrics-Collection", "core/0006-Metrics-Collection.md"),
        ("../2022-03-15-policy-scopes/", "2022-03-15-policy-scopes/README.md"),
        # Written from the repository root, as GitHub reads a leading slash.
        ("/docs/decisions/0005-Service-Self-Config.md", "0005-Service-Self-Config.md"),
        ("/docs/adr/0005-Service-Self-Config/", "0005-Service-Self-Config.md"),
    ],
)
def test_docs_site_and_folder_links_name_the_record(target: str, expected: str) -> None:
    resolution = Resolver(SITE).resolve(target, "core/0006-Metrics-Collection.md")
    assert (resolution.path, resolution.external) == (expected, False)


@pytest.mark.parametrize(
    "target",
    [
        "https://docs.example.org/2.3/design/ucr/0001-System-Events-for-Devices/",
        "https://github.com/o/r/issues/5",  # a number alone names no page
        "https://github.com/o/r/blob/main/docs/adr/0005-Service-Self-Config.md",  # a source file
        "https://docs.example.org/adr/0007-same-name/",  # two records: which?
        "../../legacy-design/Registry-Abstraction.pdf",
        "/docs/testing.md",
        "/etc/passwd",
        "../0007-same-name/",
    ],
)
def test_pages_naming_no_single_record_stay_external(target: str) -> None:
    resolution = Resolver(SITE).resolve(target, "0005-Service-Self-Config.md")
    assert resolution.path is None
    assert resolution.external


def test_a_missing_page_inside_the_collection_is_broken() -> None:
    resolution = Resolver(SITE).resolve("./0099-nothing/", "0005-Service-Self-Config.md")
    assert (resolution.path, resolution.external) == (None, False)


def test_a_path_out_of_the_collection_folder_and_back_in() -> None:
    # The collection is /repo/docs/adr: ``../adr/x.md`` from it is x.md itself.
    records = [
        Adr(Path("/repo/docs/adr/0001-a.md"), "0001-a.md", number=1, title="A"),
        Adr(Path("/repo/docs/adr/sub/0002-b.md"), "sub/0002-b.md", number=2, title="B"),
    ]
    resolver = Resolver(records)
    assert resolver.resolve("../adr/sub/0002-b.md", "0001-a.md").path == "sub/0002-b.md"
    assert resolver.resolve("../../adr/0001-a.md", "sub/0002-b.md").path == "0001-a.md"
    assert resolver.resolve("../../docs/adr/0001-a.md", "sub/0002-b.md").external
    assert resolver.resolve("../../adr/0001-a.md", "0001-a.md").external
    assert resolver.resolve("../other/0001-a.md", "0001-a.md").external


def test_id_style_references_to_a_record_of_another_style() -> None:
    # 0004 writes ids (``decision:0004:v1``); 0003 in the same folder has none.
    records = [
        adr("0003-spa.md", 3, "React SPA"),
        adr("0004-api.md", 4, "FastAPI backend", adr_id="decision:0004:v1"),
    ]
    resolver = Resolver(records)
    assert resolver.resolve("decision:0003:v1", "0004-api.md").path == "0003-spa.md"
    assert resolver.resolve("[decision:0003:v1]", "0004-api.md").path == "0003-spa.md"
    assert resolver.resolve("decision:0009:v1", "0004-api.md").path is None
    # Two records numbered 3 elsewhere: only the one in the same folder is safe.
    clash = [*records, adr("other/003-x.md", 3, "X")]
    assert Resolver(clash).resolve("decision:0003:v1", "0004-api.md").path == "0003-spa.md"
    clash = [*clash, adr("003-y.md", 3, "Y")]
    assert Resolver(clash).resolve("decision:0003:v1", "0004-api.md").path is None
    # An id of some other kind (an issue tracker's) is not an ADR number.
    assert Resolver(records).resolve("jira:3", "0004-api.md").path is None


def test_docs_site_links_in_prose_and_related_sections() -> None:
    body = (
        "We reuse the [bus](https://docs.example.org/2.2/design/adr/0006-Metrics-Collection/).\n"
        "The [UCR](https://docs.example.org/2.3/design/ucr/0001-System-Events/) asks for it.\n\n"
        "## Other Related ADRs\n\n"
        "- [Self config](../../adr/0005-Service-Self-Config/)\n"
    )
    me = adr("0024-events.md", 24, "Events", body=body)
    (resolved,) = [r for r in resolve_links([*SITE, me]) if r.rel_path == "0024-events.md"]
    assert {(link.kind, link.path, link.external) for link in resolved.links} == {
        ("mentions", "core/0006-Metrics-Collection.md", False),
        ("relates-to", "0005-Service-Self-Config.md", False),
    }


def test_issue_numbers_in_link_texts_are_no_adr_references() -> None:
    body = (
        "## Links\n\n"
        "* **PR:** [feat: modular terraform #476](https://github.com/o/r/pull/476)\n"
        "* [#2](https://github.com/o/r/issues/2)\n"
        "* #3\n"
    )
    assert _mentions(body) == {("relates-to", "0003-http-json.md")}


def test_a_page_elsewhere_named_like_a_record_without_its_number_is_not_it() -> None:
    records = [*SITE, adr("0001-documenting-architecture-decisions.md", 1, "Documenting")]
    resolver = Resolver(records)
    nygard = "http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions"
    assert resolver.resolve(nygard, "0005-Service-Self-Config.md").external
    site = "https://docs.example.org/design/decisions/documenting-architecture-decisions/"
    assert resolver.resolve(site, "0005-Service-Self-Config.md").path == (
        "0001-documenting-architecture-decisions.md"
    )


def test_wiki_links_in_prose_name_records_by_file_or_title() -> None:
    body = (
        "As [[0002-use-postgres|the database ADR]] says; "
        "see also [[Services talk over HTTP JSON]].\n"
        "A [[Glossary]] page is no record, nor is a citation [[2]](https://doi.org/x).\n"
    )
    assert _mentions(body) == {
        ("mentions", "0002-use-postgres.md"),
        ("mentions", "0003-http-json.md"),
    }


def test_mdx_records_are_linked_like_markdown() -> None:
    records = [*FOLDER, adr("0005-widgets.mdx", 5, "Widgets")]
    assert Resolver(records).resolve("./0005-widgets.mdx", "0001-x.md").path == "0005-widgets.mdx"
    me = adr("0010-me.md", 10, "Me", body="See [widgets](0005-widgets.mdx).")
    (resolved,) = [r for r in resolve_links([*records, me]) if r.rel_path == "0010-me.md"]
    assert {(link.kind, link.path) for link in resolved.links} == {("mentions", "0005-widgets.mdx")}


def test_a_link_whose_text_wraps_onto_the_next_line_is_a_reference() -> None:
    body = "This builds on the decision record for [Use\nPostgreSQL](0002-use-postgres.md).\n"
    assert _mentions(body) == {("mentions", "0002-use-postgres.md")}
    # …but a bracket left open across a paragraph is no link text.
    assert _mentions("An [aside\n\nthen](0002-use-postgres.md) later.") == set()
    assert _mentions("An [aside\n\nthen [db](0002-use-postgres.md).") == {
        ("mentions", "0002-use-postgres.md")
    }


def test_file_name_ids_with_letters_name_their_record() -> None:
    records = [
        adr("ODH-ADR-0003-use-apache-licence.md", 3, "Apache licence"),
        adr("mlflow/ODH-ADR-ML-0002-shared-workspace.md", 2, "Shared workspace"),
        adr("operator/ODH-ADR-Operator-0002-operator-scope.md", 2, "Operator scope"),
    ]
    resolver = Resolver(records)
    assert resolver.resolve("ODH-ADR-ML-0002", "x.md").path == (
        "mlflow/ODH-ADR-ML-0002-shared-workspace.md"
    )
    assert resolver.resolve("odh-adr-operator-0002", "x.md").path == (
        "operator/ODH-ADR-Operator-0002-operator-scope.md"
    )
    body = (
        "Builds on ODH-ADR-ML-0002 and ODH-ADR-0003; unlike PROJ-ADR-0009 or "
        "superseeded-by-ADR-0003 badges.\n"
    )
    me = adr("mlflow/ODH-ADR-ML-0001-registries.md", 1, "Registries", body=body)
    (resolved,) = [r for r in resolve_links([*records, me]) if r.rel_path == me.rel_path]
    assert {(link.kind, link.path) for link in resolved.links} == {
        ("mentions", "mlflow/ODH-ADR-ML-0002-shared-workspace.md"),
        ("mentions", "ODH-ADR-0003-use-apache-licence.md"),
    }
