"""The relations one line, table row or admonition states, read as their authors mean them.

Each case is a way real ADR collections write a relation that adrtui missed:
a table row (``| Updates | ADR-8 |``), a sentence ("this ADR supersedes some
aspects of ADR-15"), a label in another language, an admonition ("has been
superseded by [ADR014](…)"). The kind is what a reader of the line would say.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adrtui.domain.parsing.links import (
    admonition_status,
    links_from_admonition,
    links_from_line,
    links_from_status,
    links_from_table_columns,
    links_from_table_row,
    links_from_value,
    prose_kind,
    table_cells,
)


def _pairs(links: list) -> list[tuple[str, str]]:
    return [(link.kind, link.target) for link in links]


# --------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Note: this ADR supersedes some aspects of [ADR-15](adr-015-model.md) and "
            "[ADR-16](adr-016-migrations.md).",
            [("supersedes", "adr-015-model.md"), ("supersedes", "adr-016-migrations.md")],
        ),
        (
            "This ADR has been superseded by [ADR014](./adr014-use-fetch.md) and no longer "
            "applies.",
            [("superseded-by", "./adr014-use-fetch.md")],
        ),
        ("Deprecate in favor of ADR-37", [("superseded-by", "ADR-37")]),
        ("Deprecated in favour of ADR-37.", [("superseded-by", "ADR-37")]),
        ("It partially replaces [the old one](0003-old.md).", [("supersedes", "0003-old.md")]),
        ("This decision updates ADR-8.", [("amends", "ADR-8")]),
        ("[ADR-9](0009-x.md) supersedes this decision.", [("superseded-by", "0009-x.md")]),
        ("ADR-4 and ADR-5 amend this record.", [("amended-by", "ADR-4"), ("amended-by", "ADR-5")]),
        (
            "Supersedes ADR-1, amended by ADR-7",
            [("supersedes", "ADR-1"), ("amended-by", "ADR-7")],
        ),
        ("Ersetzt durch [ADR-9](0009-x.md)", [("superseded-by", "0009-x.md")]),
        ("Esta decisión fue reemplazada por ADR-9", [("superseded-by", "ADR-9")]),
        ("Substituído por ADR-9", [("superseded-by", "ADR-9")]),
        ("Remplacée par [ADR-9](0009-x.md)", [("superseded-by", "0009-x.md")]),
        ("Vervangen door ADR-9", [("superseded-by", "ADR-9")]),
        ("Basato su ADR-2", [("relates-to", "ADR-2")]),
    ],
)
def test_a_relation_sentence_names_the_kind(line: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(links_from_line(line, 3, None)) == expected


@pytest.mark.parametrize(
    "line",
    [
        "It does not supersede ADR-3.",
        "This has not been superseded by ADR-3.",
        "It supersedes nothing. We read ADR-3 for background.",
        "We supersede the old cron jobs with a queue; the design of ADR-3 stays.",
        "Accepted",
        "The team reviewed the proposal in ADR-3 with several colleagues today.",
    ],
)
def test_prose_without_a_relation_to_the_reference_states_nothing(line: str) -> None:
    assert links_from_line(line, 3, None) == []


def test_a_relation_verb_too_far_from_the_reference_is_prose() -> None:
    line = "This ADR supersedes the old manual deployment process described at length in ADR-3"
    assert links_from_line(line, 1, None) == []
    assert prose_kind("this ADR supersedes some aspects of") == "supersedes"
    assert prose_kind("this ADR supersedes many of the aspects described in") is None


def test_references_after_a_new_sentence_do_not_inherit_the_kind() -> None:
    line = "Accepted. Supersedes [X](0003-x.md). We later used [Y](0004-y.md) too."
    assert _pairs(links_from_line(line, 1, None)) == [("supersedes", "0003-x.md")]
    assert _pairs(links_from_line(line, 1, "relates-to")) == [
        ("supersedes", "0003-x.md"),
        ("relates-to", "0004-y.md"),
    ]


def test_urls_after_labels_are_not_relations() -> None:
    # "FastAPI Documentation:" is a label, not a kind of relation.
    assert links_from_line("- FastAPI Documentation: https://fastapi.tiangolo.com", 1, None) == []
    assert (
        links_from_line(
            "Please see a [prior PR](https://github.com/o/r/pull/605) on this topic", 1, None
        )
        == []
    )
    # A relation phrase still makes a URL a relation (it may be a docs-site page).
    assert _pairs(links_from_line("Superseded by https://docs.x.org/adr/0005-a/", 1, None)) == [
        ("superseded-by", "https://docs.x.org/adr/0005-a/")
    ]


def test_free_kinds_still_come_from_short_labels() -> None:
    assert _pairs(links_from_line("- Clarifies: [4](0004-x.md)", 1, None)) == [
        ("clarifies", "0004-x.md")
    ]
    # …but only before the first reference: a title between two is not a kind.
    assert _pairs(links_from_line("- [ADR-2](0002.md) Postgres [ADR-3](0003.md)", 1, None)) == []


# -------------------------------------------------------------------- table rows


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("| Updates | ADR-8 |", [("amends", "ADR-8")]),
        ("| Amends | [ADR-8](0008-x.md) |", [("amends", "0008-x.md")]),
        (
            "| Supersedes | [ADR-3](0003-x.md), ADR-4 |",
            [("supersedes", "0003-x.md"), ("supersedes", "ADR-4")],
        ),
        ("| **Superseded by** | [ADR-3](0003-x.md) |", [("superseded-by", "0003-x.md")]),
        ("| Superseded by: | N/A |", []),
        ("| Related | ADR-2, ADR-5 |", [("relates-to", "ADR-2"), ("relates-to", "ADR-5")]),
        (
            "| Based On | [2021-08 Cookies](2021-08-13-cookies.md) |",
            [("relates-to", "2021-08-13-cookies.md")],
        ),
        ("| Deprecated | Deprecate in favor of ADR-37 |", [("superseded-by", "ADR-37")]),
        ("| Deprecate in favor of ADR-37 |", [("superseded-by", "ADR-37")]),
        ("| Status | Superseded by [ADR-9](0009-x.md) |", [("superseded-by", "0009-x.md")]),
        ("| **Status:** | Superseded (ADR-9) |", [("superseded-by", "ADR-9")]),
        ("| Superseded | ADR-9 |", [("superseded-by", "ADR-9")]),
        ("| Status | Rejected, see ADR-9 |", [("relates-to", "ADR-9")]),
        ("| Ersetzt durch | ADR-9 |", [("superseded-by", "ADR-9")]),
        # An index table describes other records, not this one.
        ("| [ADR-5](0005-x.md) | Superseded by ADR-7 |", []),
        ("| Supersedes | Superseded by |", []),
        ("|---|:---:|", []),
        ("| Status | Accepted |", []),
    ],
)
def test_metadata_table_rows(row: str, expected: list[tuple[str, str]]) -> None:
    links = links_from_table_row(row, 9)
    assert _pairs(links) == expected
    assert all(link.line == 9 for link in links)


def test_table_cells_keep_escaped_pipes() -> None:
    assert table_cells("| a | b \\| c |") == ["a", "b \\| c"]
    assert table_cells("a | b") == ["a", "b"]
    assert links_from_table_row(["Updates", "ADR-8"], 2)[0].kind == "amends"


# ------------------------------------------------------------------- admonitions

DOCUSAURUS = [
    ":::note Superseded",
    "",
    "This ADR has been superseded by [ADR014](./adr014-use-fetch.md) and no longer applies.",
    "",
    ":::",
]


def test_docusaurus_admonition() -> None:
    (link,) = links_from_admonition(DOCUSAURUS, 7)
    assert (link.kind, link.target, link.line) == ("superseded-by", "./adr014-use-fetch.md", 9)
    assert admonition_status(DOCUSAURUS) == "superseded"


@pytest.mark.parametrize(
    "block",
    [
        ['!!! warning "Superseded"', "    See [ADR-14](0014-x.md)."],
        ["> [!NOTE]", "> This decision was replaced by [ADR-14](0014-x.md)."],
        ["> **Note** This ADR is superseded by [ADR-14](0014-x.md)."],
        ["> **Superseded** by [ADR-14](0014-x.md)"],
        [":::caution Remplacée", "Voir [ADR-14](0014-x.md).", ":::"],
    ],
)
def test_admonitions_in_other_styles(block: list[str]) -> None:
    assert _pairs(links_from_admonition(block, 1)) == [("superseded-by", "0014-x.md")]
    assert admonition_status(block) == "superseded"


def test_an_ordinary_note_is_no_supersession() -> None:
    block = [":::note", "See [ADR-3](0003-x.md) for the background.", ":::"]
    assert _pairs(links_from_admonition(block, 1)) == [("relates-to", "0003-x.md")]
    assert admonition_status(block) is None
    assert links_from_admonition(["> **Note** Mind the gap."], 1) == []


# ---------------------------------------------------------------------- robustness

_PIECES = st.sampled_from(
    [
        "Superseded by ",
        "supersedes some aspects of ",
        "this ",
        "not ",
        "ADR-12",
        "[x](0005-x.md)",
        "https://docs.x.org/adr/0005-x/",
        "|",
        ":::",
        "> ",
        "[",
        "](",
        "\\",
        ". ",
        "`",
        "ü",
        "置き換え先",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from([None, "relates-to"]))
def test_reading_links_never_raises(text: str, default: str | None) -> None:
    for link in links_from_line(text, 1, default):
        assert link.kind and link.target
    links_from_table_row(text, 1)
    links_from_admonition(text.split("\n"), 1)
    assert admonition_status(text.split(">")) in (None, "superseded")
    prose_kind(text)


# ------------------------------------------------------------------ status values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Superseded by [ADR-5](0005-x.md)", [("superseded-by", "0005-x.md")]),
        ("Superseded (ADR-5)", [("superseded-by", "ADR-5")]),
        ("Superseded, see [ADR-5](0005-x.md)", [("superseded-by", "0005-x.md")]),
        ("**Superseded** — [5. X](0005-x.md)", [("superseded-by", "0005-x.md")]),
        ("Ersetzt (ADR-5)", [("superseded-by", "ADR-5")]),
        ("Remplacée par [ADR-5](0005-x.md)", [("superseded-by", "0005-x.md")]),
        ("Deprecated in favor of ADR-37", [("superseded-by", "ADR-37")]),
        ("Rejected (see [019](019-shared.md))", [("relates-to", "019-shared.md")]),
        ("Accepted; amends ADR-2", [("amends", "ADR-2")]),
        ("Accepted", []),
        ("Superseded", []),
        ("Superseded by 12", [("superseded-by", "12")]),
    ],
)
def test_status_values(value: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(links_from_status(value, 4)) == expected


def test_a_header_row_naming_relations_gives_each_column_its_kind() -> None:
    header = "| Status | Date | Supersedes | Superseded by |"
    row = "| Accepted | 2024-01-02 | [ADR-3](0003-x.md), ADR-4 | – |"
    assert _pairs(links_from_table_columns(header, row, 6)) == [
        ("supersedes", "0003-x.md"),
        ("supersedes", "ADR-4"),
    ]
    assert links_from_table_columns("| Status | Date |", "| Accepted | 2024-01-02 |", 6) == []


def test_wiki_links_and_mdx_files_are_references() -> None:
    assert _pairs(links_from_line("Superseded by [[0005-use-queue|the queue]]", 1, None)) == [
        ("superseded-by", "0005-use-queue")
    ]
    assert _pairs(links_from_line("- [[Use PostgreSQL]]", 1, "relates-to")) == [
        ("relates-to", "Use PostgreSQL")
    ]
    assert _pairs(links_from_line("Amends 0004-cache.mdx", 1, None)) == [
        ("amends", "0004-cache.mdx")
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5. Use a queue", ["5"]),
        ("12 (Replace the database)", ["12"]),
        ("ADR-7, 0009-x.md", ["ADR-7", "0009-x.md"]),
        ("0003", ["0003"]),
        ("N/A", []),
        ("Data Connections (pre-2.16)", []),
        ("2021-03 serverless", []),
        ("3 4 5", []),
    ],
)
def test_field_values_name_records_by_number_or_reference(value: str, expected: list[str]) -> None:
    assert [link.target for link in links_from_value("supersedes", value, 1)] == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Superseded by 0005-use-postgres", [("superseded-by", "0005-use-postgres")]),
        (
            "Superseded by 20201016-use-the-adr-slug.",
            [("superseded-by", "20201016-use-the-adr-slug")],
        ),
        ("Superseded by #12", [("superseded-by", "12")]),
        ("Superseded by the new process", []),
        ("Replaced by v2 of the API", [("superseded-by", "v2")]),
    ],
)
def test_a_relation_phrase_then_a_bare_name(line: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(links_from_line(line, 1, None)) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("置き換え先: [ADR-5](0005-x.md)", [("superseded-by", "0005-x.md")]),
        ("- 関連: ADR-3", [("relates-to", "ADR-3")]),
        ("相关: [ADR-3](0003-x.md)", [("relates-to", "0003-x.md")]),
        ("Siehe auch ADR-3", [("relates-to", "ADR-3")]),
        ("Voir aussi [ADR-3](0003-x.md)", [("relates-to", "0003-x.md")]),
        ("Zie ook ADR-3", [("relates-to", "ADR-3")]),
        ("Gewijzigd door ADR-7", [("amended-by", "ADR-7")]),
        ("Modificado por ADR-7", [("amended-by", "ADR-7")]),
    ],
)
def test_labels_in_other_languages(line: str, expected: list[tuple[str, str]]) -> None:
    assert _pairs(links_from_line(line, 1, None)) == expected


def test_a_status_in_japanese_that_means_superseded() -> None:
    assert _pairs(links_from_status("置換済み ([ADR-5](0005-x.md))", 1)) == [
        ("superseded-by", "0005-x.md")
    ]
