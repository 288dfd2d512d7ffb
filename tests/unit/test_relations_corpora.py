"""Relations and lint on real ADR collections (../shared/corpora; skipped when absent).

The expected edges were read off the files by hand, not produced by the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.collection.folder import Collection, load_collection
from adrtui.domain.relations.checks import lint
from adrtui.domain.relations.resolve import build_graph

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


def _stated(collection: Collection) -> set[tuple[str, str, str | None]]:
    return {
        (adr.rel_path, link.kind, link.path)
        for adr in collection.adrs
        for link in adr.links
        if not link.derived
    }


def test_edgex_docs_site_and_folder_links_name_their_records() -> None:
    edgex = _load("edgex")
    stated = _stated(edgex)
    # "## Other Related ADRs" lists docs-site pages (https://docs.edgexfoundry.org/2.2/
    # design/adr/0006-Metrics-Collection/) and an extension-less folder link
    # (../../adr/0005-Service-Self-Config/); the use-case pages (ucr/…) are no ADRs.
    assert {
        ("0024-system-events.md", "relates-to", "0006-Metrics-Collection.md"),
        ("0024-system-events.md", "relates-to", "0023-North-South-Messaging.md"),
        ("0026-Common Configuration.md", "relates-to", "0005-Service-Self-Config.md"),
    } <= stated
    problems = lint(edgex)
    assert not [p for p in problems if p.rule == "broken-link"]


def test_emblem_issue_links_are_not_broken_adr_links() -> None:
    emblem = _load("emblem")
    stated = _stated(emblem)
    # ``[PR #476](https://github.com/…/pull/476)`` under "## Links" is a pull request.
    assert not [s for s in stated if s[0].startswith("2022-06-terraform-folder") and s[2] is None]
    broken = {(p.rel_path, p.line) for p in lint(emblem) if p.rule == "broken-link"}
    assert ("2022-06-terraform-folder-structure.md", 38) not in broken
    assert ("2023-03-31-playwright-dependencies.md", 78) not in broken
    # A path from the repository root (/docs/decisions/x.md) and a ``Based On:`` label.
    assert {
        ("2022-07-test-fixtures.md", "relates-to", "2022-06-cd-pipeline-project-reuse.md"),
        ("2021-11-refreshing-id-tokens.md", "relates-to", "2021-08-13-session-cookies.md"),
    } <= stated


def test_opendatahub_links_from_the_repository_root() -> None:
    stated = _stated(_load("opendatahub"))
    assert (
        "automl/ODH-ADR-0001-automl.md",
        "relates-to",
        "operator/ODH-ADR-Operator-0009-connection-api.md",
    ) in stated


def test_relations_stated_in_sentences_admonitions_and_table_cells() -> None:
    # arachne 017: "Note: this ADR supersedes some aspects of [ADR-15](…) and [ADR-16](…)."
    arachne = _stated(_load("arachne"))
    assert {
        ("adr-017-simplify-chimera-model.md", "supersedes", "adr-015-data-abstraction-model.md"),
        ("adr-017-simplify-chimera-model.md", "supersedes", "adr-016-db-migrations.md"),
    } <= arachne
    # backstage 013: ":::note Superseded" / "has been superseded by [ADR014](…)".
    backstage = _stated(_load("backstage"))
    assert ("adr013-use-node-fetch.md", "superseded-by", "adr014-use-fetch.md") in backstage
    # opendatahub: "| Other docs | Related: [ODH-ADR-Operator-0014 — …](…) |".
    odh = _stated(_load("opendatahub"))
    assert (
        "operator/ODH-ADR-Operator-0013-extending-rhai-to-non-openshift-kubernetes.md",
        "relates-to",
        "operator/ODH-ADR-Operator-0014-decouple-cert-manager-installation.md",
    ) in odh
