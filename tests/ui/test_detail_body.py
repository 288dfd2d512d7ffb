"""The detail body does not repeat the title, status and date its header shows (item 11)."""

from __future__ import annotations

from pathlib import Path

from adrtui.domain.parsing import parse_bytes
from adrtui.domain.text import clean
from adrtui.ui.rendering.markdown import render_document
from adrtui.ui.rendering.repeated import HeaderFacts
from adrtui.ui.theme import build_palette

PALETTE = build_palette({}, dark=True)
ROOT = Path("/adrs")


def body_lines(text: str, name: str = "0007-x.md") -> list[str]:
    adr = parse_bytes(text.encode(), ROOT / name, ROOT)
    doc = render_document(clean(adr.body), 80, PALETTE, facts=HeaderFacts.of(adr))
    return [line.strip() for line in doc.plain if line.strip()]


def test_nygard_title_date_and_one_word_status_section_are_not_repeated() -> None:
    lines = body_lines(
        "# 7. Use Kafka\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"
    )
    assert lines == ["Context", "Why."]


def test_a_status_section_that_says_more_stays() -> None:
    lines = body_lines(
        "# 7. Use Kafka\n\n## Status\n\nSuperseded by [ADR 9](0009-x.md) because it scales\n\n"
        "## Context\n\nWhy.\n"
    )
    assert lines[:2] == ["Status", "Superseded by ADR 9 because it scales"]


def test_madr_bullets_lose_status_and_date_but_keep_deciders() -> None:
    lines = body_lines(
        "# Use Kafka\n\n* Status: accepted\n* Deciders: Ana Lima\n* Date: 2024-03-01\n\n"
        "## Context\n\nWhy.\n"
    )
    assert lines == ["• Deciders: Ana Lima", "Context", "Why."]


def test_only_the_repeated_lines_of_a_field_paragraph_go() -> None:
    lines = body_lines(
        "# Use Kafka\n\nStatus: Accepted\nDate: 2024-03-01\nOwner: platform team\n\nWhy.\n"
    )
    assert lines == ["Owner: platform team", "Why."]


def test_a_heading_that_is_not_the_title_and_a_date_with_a_remark_stay() -> None:
    lines = body_lines("Intro first.\n\n# Use Kafka\n\nDate: 2024-03-01 (revised after review)\n")
    assert "Use Kafka" in lines
    assert "Date: 2024-03-01 (revised after review)" in lines


def test_a_one_word_status_section_goes_even_when_the_status_was_read_elsewhere() -> None:
    lines = body_lines(
        "# Use Kafka\n\nStatus: Accepted\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"
    )
    assert lines == ["Context", "Why."]


def test_the_lines_left_out_are_known_so_e_at_a_hit_finds_the_right_line() -> None:
    text = "# 7. Use Kafka\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n## Context\n\nkafka\n"
    adr = parse_bytes(text.encode(), ROOT / "0007-x.md", ROOT)
    doc = render_document(clean(adr.body), 80, PALETTE, facts=HeaderFacts.of(adr))
    assert doc.hidden == {0, 2, 4, 6}


def test_a_front_matter_title_repeated_as_the_first_h1_goes() -> None:
    lines = body_lines("---\ntitle: Razor Pages\nstatus: decided\n---\n\n# Razor Pages\n\nWhy.\n")
    assert lines == ["Why."]
    other = body_lines("---\ntitle: Razor Pages\n---\n\n# Subject\n\nWhy.\n")
    assert other[0] == "Subject"


def test_a_link_to_the_left_out_title_goes_to_the_top() -> None:
    adr = parse_bytes(b"# 7. Use Kafka\n\nUp: [top](#7-use-kafka).\n", ROOT / "0007-x.md", ROOT)
    doc = render_document(clean(adr.body), 80, PALETTE, facts=HeaderFacts.of(adr))
    assert doc.anchors["7-use-kafka"] == 0
