"""Issue 11: the metadata styles of company and public-sector collections.

Tables at the top (``| Status | `Decided` |``), ids that are dates
(``ADR-2021-09-x``), a front-matter title that is only the record's id, a
``## Date`` section: each fixture in ``tests/fixtures/enterprise`` stands for a
class seen in real collections, and the expectations are what the list shows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.domain.parsing import parse_bytes, parse_file

ENTERPRISE = Path(__file__).resolve().parents[1] / "fixtures" / "enterprise"

# file: (number, title, status, date)
EXPECTED: dict[str, tuple[int | None, str, str | None, str | None]] = {
    # an id word, then the month or day the record was written: a date, never number 2021
    "ADR-2021-09-event-schemas.md": (None, "Versioned event schemas", "accepted", None),
    "adr-20230105-feature-flags.md": (
        None,
        "Feature flags live in the config service",
        "accepted",
        "2023-01-05",
    ),
    # a metadata table whose status (``Decided``) is also a date label; a front-matter
    # title that is only the id, above the heading that says what was decided
    "adr-005-runbooks.md": (5, "Keep runbooks beside the code", "accepted", "2024-03-14"),
    # a Status section that is a sentence about a pull request states no status
    "0013-status-sentence.md": (13, "Staged rollouts", None, None),
    # several fields on one line joined by a middle dot
    "ADR-0021-dotted-fields.md": (21, "Retire the nightly batch export", "accepted", "2025-02-17"),
    # ``## Date`` as a section of its own, right under the title
    "0012-date-section.md": (12, "Archive uploads in cold storage", None, "2024-11-05"),
    # fields written as headings, the value on the heading's line (an ordinal date)
    "0024-fields-as-headings.md": (24, "Nightly restore drills", "accepted", "2021-03-30"),
    # a metadata table written without its outer pipes (GFM allows it)
    "ADR-0025-table-without-pipes.md": (
        25,
        "Rotate database credentials daily",
        "accepted",
        "2024-06-07",
    ),
    # a bold label alone above its list of names; the DRI is the record's owner
    "0026-label-above-list.md": (26, "Cap the retry budget of background jobs", "accepted", None),
    # a title that is only the id, the subject in the heading right under it
    "ADR-0027-id-only-title.md": (
        27,
        "Serve product images from the CDN",
        "accepted",
        "2025-01-20",
    ),
    # a status history kept as a table: the latest status, the date it was accepted
    "0022-status-history-table.md": (22, "Signed webhooks", "accepted", "2023-02-14"),
    # a Confluence export: the page byline carries the author and the date
    "ADR-0023-confluence-export.md": (23, "Store sessions in Redis", "accepted", "2023-03-03"),
    # front matter kept under a namespace (Dublin Core's ``dct:`` with title and issued)
    "0031-namespaced-front-matter.md": (
        31,
        "Publish grid data under our own domain",
        None,
        "2025-12-30",
    ),
    # a file named by its title only, the id after the title's words
    "kafka-domain-events.md": (14, "Publish domain events on Kafka", "accepted", "2024-09-12"),
    # a title that mentions another record's id keeps its words
    "0015-mentions-an-id.md": (15, "Retire the ADR-12 approval flow", "proposed", None),
    # a decision log entry: bullets with the date and who made the decision
    "2024-02-09-decision-made-by.md": (
        None,
        "Keep the design tokens in one package",
        None,
        "2024-02-09",
    ),
}


def _read(name: str) -> Adr:
    return parse_file(ENTERPRISE / name, ENTERPRISE)


@pytest.mark.parametrize(("name", "expected"), sorted(EXPECTED.items()))
def test_the_list_reads_each_style_as_its_authors_mean_it(
    name: str, expected: tuple[int | None, str, str | None, str | None]
) -> None:
    adr = _read(name)
    assert (adr.number, adr.title, adr.status, adr.date) == expected


def test_every_fixture_is_expected() -> None:
    names = {p.relative_to(ENTERPRISE).as_posix() for p in ENTERPRISE.rglob("*.md")}
    assert names == set(EXPECTED)


def test_a_dated_id_gives_a_readable_fallback_title() -> None:
    from adrtui.domain.parsing.numbers import title_from_name

    assert title_from_name("ADR-2020-04-code-generation") == "Code generation"
    assert title_from_name("2021-03-serverless") == "Serverless"


def test_a_status_word_that_is_also_a_label_is_a_value_not_a_column() -> None:
    from adrtui.domain.parsing.fields import match_field

    decided = match_field("| Status | `Decided` |")
    assert decided is not None and (decided.category, decided.value) == ("status", "`Decided`")
    assert match_field("| Status | Date |") is None  # a header row names its columns


def test_an_id_only_front_matter_title_gives_way_to_the_heading() -> None:
    sources = {source.field: source for source in _read("adr-005-runbooks.md").provenance}
    assert sources["title"].source == "line 7: ## heading"
    assert ("ADR-005", "front matter title:") in sources["title"].rejected
    assert sources["status"].source == "line 12: | Status |"


def test_a_status_phrase_is_cut_at_a_date_not_at_an_id() -> None:
    from adrtui.domain.parsing.status import normalize_status

    assert normalize_status("Completed 2/6/21") == "completed"
    assert normalize_status("on hold (2024-01-02)") == "on hold"
    assert normalize_status("Pipeline introduced in PR#171.") is None
    assert normalize_status("Introduced in PR#88.") is None
    assert normalize_status("Implemented in v2") is None
    assert normalize_status("Accepted in v2") == "accepted"


def test_fields_joined_by_a_middle_dot_are_each_read() -> None:
    assert _read("ADR-0021-dotted-fields.md").deciders == ("Ana Lima", "Ben Ort")


def test_a_status_history_table_names_its_rows() -> None:
    sources = {s.field: s for s in _read("0022-status-history-table.md").provenance}
    assert sources["status"].source == "line 8: change log entry (change log)"
    assert sources["date"].source == "line 8: change log entry (change log)"


def test_a_confluence_byline_gives_author_and_date() -> None:
    adr = _read("ADR-0023-confluence-export.md")
    assert adr.authors == ("Jane Roe",)
    sources = {s.field: s for s in adr.provenance}
    assert sources["date"].source == "line 3: page byline (Created by …)"
    written = parse_bytes(
        b"# Queues\n\nCreated by Ola Berg on 12 May 2022\n", Path("/d/0001-q.md"), Path("/d")
    )
    assert (written.date, written.authors) == ("2022-05-12", ("Ola Berg",))


def test_namespaced_front_matter_is_named_in_the_explanation() -> None:
    sources = {s.field: s for s in _read("0031-namespaced-front-matter.md").provenance}
    assert sources["title"].source == "front matter dct.title:"
    assert sources["date"].source == "front matter dct.issued:"
    # top-level keys win over a namespace's
    adr = parse_bytes(
        b"---\ntitle: Top\ndc:\n  title: Inner\n---\n# H\n", Path("/d/0001-t.md"), Path("/d")
    )
    assert adr.title == "Top"


def test_who_made_the_decision_is_a_decider() -> None:
    assert _read("2024-02-09-decision-made-by.md").deciders == ("Noor", "Eli")


def test_an_id_after_the_title_is_its_number_not_its_words() -> None:
    from adrtui.domain.parsing.titles import tidy_title

    for raw in ("Use Kafka (ADR-0012)", "Use Kafka [ADR 12]", "Use Kafka — ADR-0012"):
        tidy = tidy_title(raw)
        assert (tidy.text, tidy.number) == ("Use Kafka", 12)
    # a standard's number in brackets is part of the title
    assert tidy_title("Use CIM (IEC 61970) as domain language").number is None
    assert tidy_title("Project ADR 12: Audit log").text == "Audit log"


def test_a_date_section_is_named_as_the_source() -> None:
    sources = {source.field: source for source in _read("0012-date-section.md").provenance}
    assert (sources["date"].value, sources["date"].source) == ("2024-11-05", "line 4: Date section")


def test_a_heading_states_its_field() -> None:
    adr = _read("0024-fields-as-headings.md")
    assert adr.deciders == ("Ops guild",)
    sources = {s.field: s for s in adr.provenance}
    assert sources["date"].source == "line 3: **Date:**"


def test_governance_status_words_mean_the_canonical_statuses() -> None:
    from adrtui.domain.parsing.status import normalize_status

    # A council's 'REFUSED'; boards that ratify or endorse; the common misspelling of
    # deprecated. 'RFC' names a kind of document ('[RFC] Move the CLI to Rust') as often
    # as a state, so it stays a word of its own.
    assert normalize_status("`RFC`") == "rfc"
    assert normalize_status("REFUSED") == "rejected"
    assert normalize_status("Ratified by the architecture board") == "accepted"
    assert normalize_status("Endorsed") == "accepted"
    assert normalize_status("Depreciated") == "deprecated"


def test_a_bold_label_above_a_list_collects_the_names() -> None:
    adr = _read("0026-label-above-list.md")
    assert adr.deciders == ("Lena Park", "Jobs platform owners")
    assert adr.authors == ("Lena Park",)
    # a bold paragraph that is no field stays prose
    plain = parse_bytes(b"# X\n\n**Decision**\n\n- do it\n", Path("/d/0001-x.md"), Path("/d"))
    assert plain.deciders == () and plain.tags == ()


def test_a_heading_under_an_id_only_title_is_the_title() -> None:
    sources = {s.field: s for s in _read("ADR-0027-id-only-title.md").provenance}
    assert sources["title"].source == "line 3: ## heading"
    # text between them makes the second heading a section, not the title
    later = parse_bytes(b"# ADR-15\n\nSome intro.\n\n## Background\n", Path("/d/x.md"), Path("/d"))
    assert later.title == "ADR-15"
