"""Each link form, written in real files and read by the real parser, resolves as expected.

tests/fixtures/relations/forms holds one folder where every ADR uses other
forms: front-matter lists (``supersedes: [2, 0004-fourth.md]``), a MADR
``superseded-by`` field, adr-tools' ``Superceded by`` spelling, a free
``Clarifies:`` bullet, ``Related: #2``, a Related section in a sub-folder
(``../0005-fifth.md``), and prose: ``ADR-1``, ``ADR 005``,
``./sub/0006-nested.md#consequences``, ``[decision:0001:v1]``, a quoted title,
an issue number and links leaving the collection.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.relations.resolve import build_graph

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "relations"

# (file, kind, resolved path, line, derived), read off the fixture files by hand.
FORMS = {
    ("0001-first.md", "mentions", None, 12, False),  # ../../etc/passwd.md: external
    ("0001-first.md", "mentioned-by", "0003-third.md", None, True),
    ("0001-first.md", "mentioned-by", "0005-fifth.md", None, True),
    ("0002-second.md", "superseded-by", "0003-third.md", 4, False),  # front matter [3]
    ("0002-second.md", "relates-to", "0005-fifth.md", None, True),
    ("0003-third.md", "supersedes", "0002-second.md", 4, False),
    ("0003-third.md", "supersedes", "0004-fourth.md", 4, False),
    ("0003-third.md", "mentions", "sub/0006-nested.md", 10, False),
    ("0003-third.md", "mentions", "0001-first.md", 10, False),  # ADR-1 (and the quoted title)
    ("0003-third.md", "mentions", "0005-fifth.md", 10, False),  # ADR 005
    ("0004-fourth.md", "superseded-by", "0003-third.md", 7, False),  # "Superceded by"
    ("0004-fourth.md", "clarified-by", "0005-fifth.md", None, True),
    ("0005-fifth.md", "clarifies", "0004-fourth.md", 5, False),
    ("0005-fifth.md", "relates-to", "0002-second.md", 11, False),  # Related: #2
    ("0005-fifth.md", "relates-to", "sub/0006-nested.md", None, True),
    ("0005-fifth.md", "mentions", "0001-first.md", 9, False),  # [decision:0001:v1]
    ("0005-fifth.md", "mentioned-by", "0003-third.md", None, True),
    ("sub/0006-nested.md", "relates-to", "0005-fifth.md", 11, False),
    ("sub/0006-nested.md", "mentioned-by", "0003-third.md", None, True),
}


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


def test_every_link_form_in_real_files() -> None:
    collection = load_collection(FIXTURES / "forms")
    found = {
        (adr.rel_path, link.kind, link.path, link.line, link.derived)
        for adr in collection.adrs
        for link in adr.links
    }
    assert found == FORMS
    first = collection.get("0001-first.md")
    assert first is not None
    (outside,) = [link for link in first.links if link.kind == "mentions"]
    assert outside.external and outside.target == "../../etc/passwd.md"


def test_forms_supersession_chain() -> None:
    graph = build_graph(load_collection(FIXTURES / "forms").adrs)
    chain = graph.supersession_chain("0003-third.md")
    assert [node.path for node in chain.predecessors] == ["0002-second.md", "0004-fourth.md"]
    assert chain.successors == ()
    assert graph.successors("0002-second.md") == ["0003-third.md"]


def test_cycle_fixture_chain_terminates() -> None:
    graph = build_graph(load_collection(FIXTURES / "cycle").adrs)
    chain = graph.supersession_chain("0001-a.md")
    assert [n.path for n in chain.successors] == ["0002-b.md"]
    assert chain.successors[0].children[0].path == "0001-a.md"
    assert chain.successors[0].children[0].repeated


# tests/fixtures/relations/statements: relations written the ways real collections
# write them besides ``Supersedes:`` lines. (file, kind, resolved path, line), the
# links each file states itself, read off the files by hand.
STATED_NOW = {
    # ``- [decision:0003:v1] - …`` in a folder where 0003 has no id: its number.
    "0004-fastapi-backend.md": {("relates-to", "0003-react-spa.md", 16)},
    # A metadata table (``| Updates | ADR-3 |``, ``| Supersedes | [ADR-1](…) |``), then
    # a docs-site URL and an extension-less folder link under "Other Related ADRs";
    # the use-case page (ucr/0001-…) is no record here and makes no edge.
    "0005-metrics.md": {
        ("amends", "0003-react-spa.md", 7),
        ("supersedes", "0001-record-decisions.md", 8),
        ("relates-to", "0002-service-self-config.md", 20),
        ("relates-to", "0004-fastapi-backend.md", 21),
    },
    # A Docusaurus page URL (…/adrs-adr008) names the record whose id is adrs-adr008.
    "0013-http-clients.md": {("mentions", "0008-native-fetch.md", 12)},
    # ``* **Based On:** [3. …](0003-react-spa.md)``.
    "0010-report-queue.md": {("relates-to", "0003-react-spa.md", 4)},
    # ``- Ersetzt durch: [ADR-12](…)``.
    "0011-sprachen.md": {("superseded-by", "0012-tracing.md", 5)},
    # "ADR-11 supersedes nothing here", "is replaced by this one" deep in the body:
    # prose, whose mentions the stated link between the two already covers.
    "0012-tracing.md": set(),
}
# Stated where the scanner hands the line to links.py (see the links report):
STATED_ONCE_WIRED = {
    # "Note: this ADR supersedes some aspects of [ADR-5](…) and [ADR-3](…)." (preamble)
    "0006-simplify-metrics.md": {
        ("supersedes", "0005-metrics.md", 3),
        ("supersedes", "0003-react-spa.md", 3),
    },
    # ``:::note Superseded`` … "has been superseded by [ADR008](./0008-native-fetch.md)".
    "0007-node-fetch.md": {("superseded-by", "0008-native-fetch.md", 8)},
    # ``| Deprecated | Deprecate in favor of ADR-10 |``.
    "0009-cron-jobs.md": {("superseded-by", "0010-report-queue.md", 7)},
}


def _stated(folder: str) -> dict[str, set[tuple[str, str | None, int | None]]]:
    collection = load_collection(FIXTURES / folder)
    return {
        adr.rel_path: {(link.kind, link.path, link.line) for link in adr.links if not link.derived}
        for adr in collection.adrs
    }


def test_relations_written_in_tables_urls_ids_and_other_languages() -> None:
    stated = _stated("statements")
    for rel_path, expected in STATED_NOW.items():
        assert stated[rel_path] == expected, rel_path


def test_relations_written_as_sentences_admonitions_and_table_sentences() -> None:
    stated = _stated("statements")
    for rel_path, expected in STATED_ONCE_WIRED.items():
        assert stated[rel_path] == expected, rel_path


def test_statements_graph_reads_both_ends() -> None:
    graph = build_graph(load_collection(FIXTURES / "statements").adrs)
    assert graph.successors("0011-sprachen.md") == ["0012-tracing.md"]
    assert graph.predecessors("0005-metrics.md") == ["0001-record-decisions.md"]
    incoming = graph.incoming("0002-service-self-config.md")
    assert [edge.source for edge in incoming["relates-to"]] == ["0005-metrics.md"]
    # 0008 names 0007 by its docs page (…/adrs-adr007): joined whatever else joins them.
    assert any(
        {edge.source, edge.path} == {"0007-node-fetch.md", "0008-native-fetch.md"}
        for edge in graph.relationships()
    )


def test_folder_per_adr_links_name_the_folder_record() -> None:
    # One folder per ADR (…/README.md): ``../2022-03-15-policy-scopes/`` is that record,
    # in an ``Amends:`` bullet and in prose; the docs-site URL to the same page is
    # the same pair, already joined.
    stated = _stated("folders")
    assert stated["2022-04-02-scope-audit/README.md"] == {
        ("amends", "2022-03-15-policy-scopes/README.md", 5)
    }
    assert stated["2022-05-20-scope-reports/README.md"] == {
        ("mentions", "2022-04-02-scope-audit/README.md", 8)
    }
