"""The parser's building blocks: dates, statuses, numbers, links and front matter."""

from __future__ import annotations

import datetime as dt

import pytest

from adrtui.domain.files import decode, detect_newline
from adrtui.domain.parsing import frontmatter
from adrtui.domain.parsing.dates import parse_date
from adrtui.domain.parsing.fields import as_names, match_field, normalize_key
from adrtui.domain.parsing.links import find_refs, kind_of, links_from_line
from adrtui.domain.parsing.numbers import (
    name_date,
    number_from_id,
    number_from_name,
    split_title_number,
    title_from_name,
)
from adrtui.domain.parsing.status import normalize_status


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2025-10-26", "2025-10-26"),
        ("2025-10-26T10:00:00Z", "2025-10-26"),
        ("2025/10/26", "2025-10-26"),
        ("26 October 2025", "2025-10-26"),
        ("26th Oct. 2025", "2025-10-26"),
        ("October 26, 2025", "2025-10-26"),
        ("Sept 3 2024", "2024-09-03"),
        # a month's name with a two-digit year
        ("5 Mar 24", "2024-03-05"),
        ("Mar 5, 24", "2024-03-05"),
        ("21st June 99", "1999-06-21"),
        ("12 March 2024: accepted", "2024-03-12"),
        ("10/04/18", "2018-04-10"),
        ("05/02/2018", "2018-02-05"),
        ("04/25/2018", "2018-04-25"),  # 25 cannot be a month: month first
        ("26.10.2025", "2025-10-26"),
        ("20251026", "2025-10-26"),
        ("**2025-10-26** (last reviewed 2026-01-01)", "2025-10-26"),
        (dt.date(2024, 2, 29), "2024-02-29"),
        (dt.datetime(2024, 2, 29, 12, 0), "2024-02-29"),
    ],
)
def test_dates(value: object, iso: str) -> None:
    result = parse_date(value)
    assert (result.iso, result.problem) == (iso, None)


@pytest.mark.parametrize(
    ("value", "iso", "order"),
    [
        ("07/03/2024 (DD/MM/YYYY)", "2024-03-07", "dmy"),
        ("07/03/2024 (MM/DD/YYYY)", "2024-07-03", "mdy"),
        ("07-03-24 (mm-dd-yy)", "2024-07-03", "mdy"),
        # the date itself proves the other order: the statement is a slip
        ("13/03/2024 (MM/DD/YYYY)", "2024-03-13", "dmy"),
    ],
)
def test_a_date_that_states_its_format_is_read_in_that_order(
    value: str, iso: str, order: str
) -> None:
    result = parse_date(value)
    assert (result.iso, result.problem, result.other, result.order) == (iso, None, None, order)


@pytest.mark.parametrize("value", ["2022-02-30", "2024-13-45", "31/02/2020"])
def test_impossible_dates(value: str) -> None:
    result = parse_date(value)
    assert result.iso is None and "impossible" in (result.problem or "")


@pytest.mark.parametrize(
    "value", ["soon", "Q3", "[YYYY-MM-DD]", "{YYYY-MM-DD when}", {"x": None}, True]
)
def test_unreadable_dates(value: object) -> None:
    result = parse_date(value)
    assert result.iso is None and result.problem


@pytest.mark.parametrize("value", [None, "", "  "])
def test_empty_date_is_no_problem(value: object) -> None:
    result = parse_date(value)
    assert (result.iso, result.problem) == (None, None)


@pytest.mark.parametrize(
    ("raw", "status"),
    [
        ("✅ Accepted", "accepted"),
        ("Accepted — stands for the MVP", "accepted"),
        ("ACCEPTED", "accepted"),
        ("Superseded by ADR-12", "superseded"),
        ("Superceded by [3. X](0003-x.md)", "superseded"),
        ("⌛️ Superseded by [036](036-x.md)", "superseded"),
        ("approved", "accepted"),
        ("Adopted.", "accepted"),
        ("pending", "proposed"),
        ("**Deprecated**", "deprecated"),
        ("🤔 Proposed", "proposed"),
        ("Draft", "draft"),
        ("Rejected (see [019](019-x.md))", "rejected"),
        ("living", "living"),
        ("Final", "final"),
        ("on hold", "on hold"),
        ("Work in progress", "work in progress"),
        ("Incomplete - waiting for the spike", "incomplete"),
        ("2020-04-13 accepted", "accepted"),  # the day it happened, then the status
        ("12/03/2021: Approved", "accepted"),
        ("2021-03-04", None),
        (
            "[![Generic badge](https://badgen.net/badge/ADR/proposed/orange/)](README.md)",
            "proposed",
        ),
        ("![Status](https://img.shields.io/badge/status-accepted-green)", "accepted"),
        ("![diagram](img/flow.png) Accepted", "accepted"),  # an image is decoration
        ("![logo](https://example.org/logo.png)", None),
        ("{proposed | rejected | accepted}", None),
        ("[draft | proposed]", None),
        ("", None),
        ("✅", None),
        (None, None),
        (["accepted"], None),
    ],
)
def test_status(raw: object, status: str | None) -> None:
    assert normalize_status(raw) == status


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("0001-x.md", 1),
        ("000-x.md", 0),
        ("ADR-12-x.md", 12),
        ("adr_007_x.md", 7),
        ("adr0042-x.md", 42),
        ("12.md", 12),
        ("20201016-x.md", None),
        ("2026-06-12-x.md", None),
        ("20201016123000-x.md", None),
        ("x-0001.md", None),
        ("readme.md", None),
    ],
)
def test_number_from_name(name: str, number: int | None) -> None:
    assert number_from_name(name) == number


def test_name_date() -> None:
    assert name_date("20201016-x.md") == "2020-10-16"
    assert name_date("2026-06-12-x.md") == "2026-06-12"
    assert name_date("20201399-x.md") is None
    assert name_date("0001-x.md") is None


@pytest.mark.parametrize(
    ("title", "bare", "expected"),
    [
        ("12. Use X", False, (12, "Use X")),
        ("ADR 002: Use X", False, (2, "Use X")),
        ("ADR-0008 Use X", False, (8, "Use X")),
        ("ADR-005: A - B", False, (5, "A - B")),
        ("[ADR-7] Use X", False, (7, "Use X")),
        ("0012 - Use X", False, (12, "Use X")),
        ("23 Logging", True, (23, "Logging")),
        ("23 Logging", False, (None, "23 Logging")),
        ("3.5 release notes", False, (None, "3.5 release notes")),
        ("Adding ADR support", False, (None, "Adding ADR support")),
        ("2021-05-11 decision", True, (None, "2021-05-11 decision")),
    ],
)
def test_split_title_number(title: str, bare: bool, expected: tuple) -> None:
    assert split_title_number(title, bare=bare) == expected


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (117, 117),
        ("117", 117),
        ("decision:0004:v1", 4),
        ("ADR-0004", 4),
        ("ADR0004", 4),
        ("123e4567-e89b-12d3-a456-426614174000", None),
        ("use-postgres", None),
        (True, None),
        (None, None),
    ],
)
def test_number_from_id(value: object, number: int | None) -> None:
    assert number_from_id(value) == number


def test_title_from_name() -> None:
    assert title_from_name("0005-use-dashes-in-filenames") == "Use dashes in filenames"
    assert title_from_name("20201016-use_slug") == "Use slug"
    assert title_from_name("ADR-12-cache") == "Cache"


@pytest.mark.parametrize(
    ("key", "norm"),
    [
        ("Decision Makers", "decision-makers"),
        ("decision_makers", "decision-makers"),
        ("decisionMakers", "decision-makers"),
        ("Decision Maker(s)", "decision-maker-s"),
        ("superseded_by", "superseded-by"),
    ],
)
def test_normalize_key(key: str, norm: str) -> None:
    assert normalize_key(key) == norm


@pytest.mark.parametrize(
    ("line", "key", "value", "form"),
    [
        ("Status: accepted", "Status", "accepted", "plain"),
        ("* Status: accepted", "Status", "accepted", "bullet"),
        ("- Date: 2024-01-01 <!-- optional -->", "Date", "2024-01-01", "bullet"),
        ("**Status:** Accepted", "Status", "Accepted", "bold"),
        ("**Status**: Accepted", "Status", "Accepted", "bold"),
        ("__Deciders:__ Ana", "Deciders", "Ana", "bold"),
        ("* **Tags:** a, b", "Tags", "a, b", "bullet"),
        ("| Status | Accepted |", "Status", "Accepted", "table"),
        ("Date 09/04/2018", "date", "09/04/2018", "plain"),
        ("Date Created: 2025-11-17", "Date Created", "2025-11-17", "plain"),
    ],
)
def test_field_shapes(line: str, key: str, value: str, form: str) -> None:
    field = match_field(line)
    assert field is not None
    assert (field.key, field.value, field.form) == (key, value, form)


@pytest.mark.parametrize(
    "line",
    [
        "Web: to build its URL",
        "**Status** A decision may be proposed",
        "| Status | Date |",
        "| Date | Status | Notes |",
        "Status of the project is fine",
        "https://example.com/status: x",
    ],
)
def test_not_fields(line: str) -> None:
    assert match_field(line) is None


def test_as_names() -> None:
    assert as_names("Navin (Founder), Claude (Architect, Reviewer)") == [
        "Navin (Founder)",
        "Claude (Architect, Reviewer)",
    ]
    assert as_names(["Ana", "Bo", {"x": 1}, 3]) == ["Ana", "Bo", "3"]
    assert as_names("api data", spaces=True) == ["api", "data"]
    assert as_names("#api, #data", spaces=True) == ["api", "data"]
    assert as_names("{list everyone involved}") == []
    assert as_names(None) == []


def test_find_refs_in_order() -> None:
    text = "See [5. X](0005-x.md), ADR-7, [decision:0003:v1] and <0009-y.md> or docs/0010-z.md"
    assert find_refs(text) == [
        "0005-x.md",
        "ADR-7",
        "decision:0003:v1",
        "0009-y.md",
        "docs/0010-z.md",
    ]


def test_find_refs_skips_urls_unless_asked() -> None:
    assert find_refs("[w](https://x.org/0001-a.md) https://y.org/b.md") == []
    assert find_refs("[w](https://x.org/0001-a.md)", external=True) == ["https://x.org/0001-a.md"]


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("Superseded by", "superseded-by"),
        ("superceded by", "superseded-by"),
        ("* Supersedes:", "supersedes"),
        ("Replaced by", "superseded-by"),
        ("Amended by", "amended-by"),
        ("Relates to", "relates-to"),
        ("Related ADRs:", "relates-to"),
        ("Clarifies", "clarifies"),
        ("Depends on", "depends-on"),
        ("Refined by", "refined-by"),
        ("Accepted", None),
        ("This builds on", None),
        ("We decided, because of", None),
    ],
)
def test_kind_of(phrase: str, kind: str | None) -> None:
    assert kind_of(phrase) == kind


def test_links_from_line() -> None:
    [link] = links_from_line("Superseded by [5. X](0005-x.md)", 7, None)
    assert (link.kind, link.target, link.line, link.path) == ("superseded-by", "0005-x.md", 7, None)
    assert [(x.kind, x.target) for x in links_from_line("Superseded by 12", 1, None)] == [
        ("superseded-by", "12")
    ]
    assert links_from_line("Accepted", 1, None) == []
    assert links_from_line("- [Guide](https://example.com)", 1, "relates-to") == []
    assert [x.target for x in links_from_line("- [0002](0002-x.md)", 1, "relates-to")] == [
        "0002-x.md"
    ]


def test_front_matter_split_and_lines() -> None:
    text = "---\nstatus: accepted\ndate: 2024-01-01\n---\n# T\n"
    front = frontmatter.parse(text)
    assert front.present and front.mapping["status"] == "accepted"
    assert front.lines == {"status": 2, "date": 3}
    assert text[front.body_offset :] == "# T\n" and front.body_line == 4


def test_front_matter_needs_a_closing_fence() -> None:
    assert not frontmatter.parse("---\nstatus: accepted\n# T\n").present


def test_a_rule_above_text_is_not_front_matter() -> None:
    assert not frontmatter.parse("---\nJust text\n---\n# T\n").present


def test_line_by_line_reading() -> None:
    raw = (
        'status: "{proposed | rejected\ndate: 2022-02-30  # comment\n'
        "tags: [a, b\ndeciders:\n  - Ana\n  - 'Bo'\nevil: !!python/object:x {}\n"
    )
    assert frontmatter.read_line_by_line(raw) == {
        "status": "{proposed | rejected",
        "date": "2022-02-30",
        "tags": ["a", "b"],
        "deciders": ["Ana", "Bo"],
        "evil": None,
    }


def test_decode_and_newline() -> None:
    assert decode(b"abc").encoding == "utf-8"
    assert decode("é".encode("latin-1")).encoding == "latin-1"
    assert decode(b"\x00\x01\x02\x03" * 100).binary
    assert detect_newline("a\r\nb\r\n") == "\r\n"
    assert detect_newline("a\nb\r\nc\n") == "\n"
