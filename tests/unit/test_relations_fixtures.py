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

from adrtui.domain.collection import load_collection
from adrtui.domain.relations import build_graph

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
