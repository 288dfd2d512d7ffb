"""Relations and lint on real ADR collections (../shared/corpora; skipped when absent).

The expected edges were read off the files by hand, not produced by the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.collection import Collection, load_collection
from adrtui.domain.lint import lint
from adrtui.domain.relations import build_graph

CORPORA = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpora"

pytestmark = pytest.mark.corpora


def _load(name: str) -> Collection:
    folder = CORPORA / name
    if not folder.is_dir():
        pytest.skip(f"corpus {name} not available (../shared/corpora)")
    return load_collection(folder)


def _all_edges(collection: Collection) -> set[tuple[str, str, str | None, bool]]:
    return {
        (adr.rel_path, link.kind, link.path, link.derived)
        for adr in collection.adrs
        for link in adr.links
    }


@pytest.fixture(scope="module")
def adr_tools() -> Collection:
    return _load("adr-tools")


@pytest.fixture(scope="module")
def cloud_platform() -> Collection:
    return _load("cloud-platform")


def test_adr_tools_amends_chain_comes_out_exactly(adr_tools: Collection) -> None:
    # 0005 says "Amended by [9. Help scripts](0009-help-scripts.md)" (line 9) and
    # 0009 says "Amends [5. Help comments](0005-help-comments.md)" (line 9). 0004's
    # "when one decision supercedes another" is prose and links nothing; nothing
    # else in the collection names another ADR.
    assert _all_edges(adr_tools) == {
        ("0005-help-comments.md", "amended-by", "0009-help-scripts.md", False),
        ("0009-help-scripts.md", "amends", "0005-help-comments.md", False),
    }
    five = adr_tools.get("0005-help-comments.md")
    assert five is not None
    (link,) = five.links
    assert link.line == 9


def test_adr_tools_graph_sees_the_chain_from_both_ends(adr_tools: Collection) -> None:
    graph = build_graph(adr_tools.adrs)
    assert {k: [e.path for e in v] for k, v in graph.outgoing("0005-help-comments.md").items()} == {
        "amended-by": ["0009-help-scripts.md"]
    }
    assert {
        k: [e.source for e in v] for k, v in graph.incoming("0005-help-comments.md").items()
    } == {"amends": ["0009-help-scripts.md"]}
    assert graph.supersession_chain("0005-help-comments.md").is_empty


def test_adr_tools_lints_clean(adr_tools: Collection) -> None:
    assert lint(adr_tools) == []


def test_cloud_platform_021_is_superseded_by_036(cloud_platform: Collection) -> None:
    edges = _all_edges(cloud_platform)
    assert ("021-Multi-cluster.md", "superseded-by", "036-multi-cluster.md", False) in edges
    assert ("036-multi-cluster.md", "supersedes", "021-Multi-cluster.md", True) in edges
    graph = build_graph(cloud_platform.adrs)
    assert graph.successors("021-Multi-cluster.md") == ["036-multi-cluster.md"]
    assert graph.predecessors("036-multi-cluster.md") == ["021-Multi-cluster.md"]
    chain = graph.supersession_chain("021-Multi-cluster.md")
    assert [node.path for node in chain.successors] == ["036-multi-cluster.md"]
    assert chain.latest() == ["036-multi-cluster.md"]
    # 036 also links [ADR-021](021-Multi-cluster.md) in its context: the same pair,
    # so no extra "mentions" edge beside the supersession.
    assert not any(
        link.kind == "mentions" and link.path == "021-Multi-cluster.md"
        for link in cloud_platform.get("036-multi-cluster.md").links  # type: ignore[union-attr]
    )


def test_cloud_platform_prose_mentions(cloud_platform: Collection) -> None:
    mentions = {
        (adr.rel_path, link.path, link.line)
        for adr in cloud_platform.adrs
        for link in adr.links
        if link.kind == "mentions"
    }
    assert {
        ("008-Support-Deployments-from-Third-Party-CI.md", "003-Use-Concourse-CI.md", 11),
        ("036-multi-cluster.md", "022-EKS.md", 11),
        ("040-use-github-actions.md", "039-AWS-Network-Firewall.md", 13),  # "see ADR 39"
        ("042-use-modernisation-platform-accounts.md", "036-multi-cluster.md", 19),
    } <= mentions
    sources = {source for source, _, _ in mentions}
    # 000 quotes "ADR 1: Record architectural decisions" as a naming example;
    # 012 links 021 only through a github.com URL (external, never resolved).
    assert "000-Record-Architecture-Decisions.md" not in sources
    assert "012-One-cluster-for-dev-staging-prod.md" not in sources


def test_cloud_platform_lint_reports_the_real_gap(cloud_platform: Collection) -> None:
    problems = lint(cloud_platform)
    gaps = [(p.rel_path, p.message) for p in problems if p.rule == "number-gap"]
    assert gaps == [("033-Manager-cluster.md", "no ADR numbered 32 (between 31 and 33)")]
    assert not [p for p in problems if p.rule in ("broken-link", "supersession-cycle")]
    assert not [p for p in problems if "021" in p.rel_path or "036" in p.rel_path]


def test_every_corpus_resolves_and_lints_without_errors_raised() -> None:
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora not available")
    for folder in sorted(p for p in CORPORA.iterdir() if p.is_dir()):
        collection = load_collection(folder)
        graph = build_graph(collection.adrs)
        for adr in collection.adrs:
            for link in adr.links:
                assert link.path is None or collection.get(link.path) is not None
            graph.supersession_chain(adr.rel_path)
        for problem in lint(collection, graph):
            assert problem.line >= 1 and problem.hint
