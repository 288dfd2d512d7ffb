"""The parser on one fixture per ADR style, and on files that are not well-formed ADRs.

Fixtures live in tests/fixtures/styles (written for these tests, one per style
family); byte-level cases (encodings, CRLF, binary) are built here so no odd
bytes sit in git.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.domain.parsing import parse_bytes, parse_file

STYLES = Path(__file__).resolve().parents[1] / "fixtures" / "styles"


def _fixture(name: str) -> Adr:
    return parse_file(STYLES / name, STYLES)


def _links(adr: Adr) -> set[tuple[str, str]]:
    return {(link.kind, link.target) for link in adr.links}


def _parse(text: str, name: str = "0001-x.md") -> Adr:
    return parse_bytes(text.encode("utf-8"), Path("/adrs") / name, Path("/adrs"))


# number, title, status, date, style — read off each fixture by hand.
FIXTURES = {
    "0001-nygard-adr-tools.md": (
        1,
        "Keep configuration in environment variables",
        "superseded",
        "2023-03-14",
        "nygard",
    ),
    "0003-madr2-bullets.md": (3, "Use bullets for metadata", "accepted", "2025-10-26", "madr"),
    "0004-madr4-front-matter.md": (
        4,
        "Load configuration from a vault",
        "superseded",
        "2025-01-31",
        "madr",
    ),
    "20240105-log4brains-bullets.md": (
        None,
        "Publish the ADRs as a static site",
        "draft",
        "2024-01-05",
        "madr",
    ),
    "ADR-12-bold-fields.md": (12, "Cache rendered pages", "accepted", "2025-10-26", "bold"),
    "adr_007-yaml-block.md": (
        7,
        "Split the monolith along team lines",
        "proposed",
        "2025-10-26",
        "yaml-block",
    ),
    "0008-late-status-section.md": (8, "Adopt trunk-based development", "accepted", None, "nygard"),
    "0009-table.md": (9, "Store events in an append-only log", "deprecated", "2018-04-10", "table"),
    "decision-record-front-matter-id.md": (
        10,
        "Use an id instead of a numbered file name",
        "living",
        "2024-02-29",
        "frontmatter",
    ),
    "2026-06-12-date-prefixed.md": (
        None,
        "Decision: archive stale records",
        "proposed",
        "2026-06-12",
        "nygard",
    ),
    "front-matter-number.md": (117, "Rewrite everything in Rust", "rejected", None, "frontmatter"),
    "0013-invalid-yaml.md": (13, "Salvaged from broken front matter", None, None, "madr"),
    "plain-no-metadata.md": (None, "Plain no metadata", None, None, "plain"),
}


def test_every_fixture_has_an_expectation() -> None:
    assert sorted(p.name for p in STYLES.glob("*.md")) == sorted(FIXTURES)


@pytest.mark.parametrize(("name", "expected"), sorted(FIXTURES.items()))
def test_style_fixture(name: str, expected: tuple) -> None:
    adr = _fixture(name)
    assert (adr.number, adr.title, adr.status, adr.date, adr.style) == expected
    assert adr.rel_path == name
    assert adr.path == STYLES / name


# --- per-style details -------------------------------------------------------------------


def test_nygard_status_section_links_and_prose() -> None:
    adr = _fixture("0001-nygard-adr-tools.md")
    # The status as the header shows it: the words as written, Markdown reduced to text.
    assert adr.status_raw == "Superceded by 4. Load configuration from a vault"
    assert adr.status_line == 7 and adr.title_line == 1
    # "Rejected" in a code block and "Status: …" in a later paragraph change nothing;
    # "it supersedes no ADR" in the Context is prose, not a link.
    assert _links(adr) == {
        ("superseded-by", "0004-madr4-front-matter.md"),
        ("amended-by", "0003-madr2-bullets.md"),
    }
    link = next(link for link in adr.links if link.kind == "amended-by")
    assert link.line == 9 and link.path is None


def test_madr2_bullets_deciders_and_links_section() -> None:
    adr = _fixture("0003-madr2-bullets.md")
    assert adr.status_raw == "ACCEPTED"
    assert adr.deciders == ("Ana Lima", "Bo Chen", "Chidi Okafor")
    assert _links(adr) == {
        ("amends", "0001-nygard-adr-tools.md"),
        ("refined-by", "0005-yaml-block.md"),
        ("depends-on", "ADR-0002"),
    }


def test_madr4_front_matter_lists_and_relation_keys() -> None:
    adr = _fixture("0004-madr4-front-matter.md")
    assert adr.deciders == ("Ana Lima", "Bo Chen")
    assert adr.tags == ("security", "config")
    assert adr.status_raw == "superseded by ADR-0006"
    assert adr.status_line == 2
    assert _links(adr) == {
        ("supersedes", "0001-nygard-adr-tools.md"),
        ("superseded-by", "6"),
        ("superseded-by", "ADR-0006"),
        ("clarifies", "ADR-0003"),
    }
    assert adr.front_matter["consulted"] == "Dana"
    assert not adr.warnings
    assert "# Load configuration from a vault" in adr.body
    assert "decision-makers" not in adr.body


def test_log4brains_tags_and_related_link() -> None:
    adr = _fixture("20240105-log4brains-bullets.md")
    assert adr.tags == ("docs", "publishing")
    assert adr.deciders == ("Ana Lima",)
    assert _links(adr) == {("relates-to", "0003-madr2-bullets.md")}


def test_bold_fields_and_approved_means_accepted() -> None:
    adr = _fixture("ADR-12-bold-fields.md")
    assert adr.status_raw == "✅ Approved" and adr.status_line == 3
    assert adr.deciders == ("Bo Chen",) and adr.tags == ("performance",)


def test_yaml_block_pending_and_related_adrs() -> None:
    adr = _fixture("adr_007-yaml-block.md")
    assert adr.status_raw == "Pending"
    assert _links(adr) == {("relates-to", "ADR-003"), ("relates-to", "ADR-0012")}


def test_late_status_section_first_line() -> None:
    adr = _fixture("0008-late-status-section.md")
    assert adr.status_raw == "Accepted — this decision stands until the team doubles in size."
    assert adr.status_line == 13
    assert adr.title_line == 1


def test_table_fields_with_day_first_two_digit_year() -> None:
    adr = _fixture("0009-table.md")
    assert adr.deciders == ("Ana Lima", "Bo Chen")
    assert _links(adr) == {("supersedes", "0001-nygard-adr-tools.md")}


def test_front_matter_id_gives_number_and_id() -> None:
    adr = _fixture("decision-record-front-matter-id.md")
    assert adr.adr_id == "decision:0010:v2"
    # links.supersedes names an ADR; links.external's "GitHub issue #32" does not.
    assert _links(adr) == {("supersedes", "decision:0002:v1")}
    assert adr.title_line is None


def test_front_matter_adr_number_and_comma_deciders() -> None:
    adr = _fixture("front-matter-number.md")
    assert adr.adr_id == "117"
    assert adr.deciders == ("Ana Lima", "Bo Chen")
    assert adr.warnings == ("impossible date '2025-13-01'",)


def test_invalid_front_matter_is_read_line_by_line_with_warnings() -> None:
    adr = _fixture("0013-invalid-yaml.md")
    assert adr.tags == ("a", "b")
    assert adr.deciders == ()  # "{list everyone …}" is a template placeholder
    assert adr.front_matter["title"] == "Salvaged from broken front matter"
    assert any("not valid YAML" in w for w in adr.warnings)
    assert any("placeholder" in w for w in adr.warnings)
    assert any("2022-02-30" in w for w in adr.warnings)


def test_date_prefixed_name_is_a_date_not_a_number() -> None:
    adr = _fixture("2026-06-12-date-prefixed.md")
    assert adr.number is None and adr.date == "2026-06-12"


# --- titles and numbers ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "number", "title"),
    [
        ("0012-x.md", "# 12. Use X\n", 12, "Use X"),
        ("x.md", "# ADR 002: Use X\n", 2, "Use X"),
        ("x.md", "# ADR-0008 Use X\n", 8, "Use X"),
        ("x.md", "# 12. \n", 12, "12."),
        ("x.md", "## ADR 42: Use X\n\n## Context\n", 42, "Use X"),
        ("ADR-12-use-x.md", "# Use X\n", 12, "Use X"),
        ("adr_007_use_x.md", "# Use X\n", 7, "Use X"),
        ("20201016-use-x.md", "# Use X\n", None, "Use X"),
        ("2026-06-12-use-x.md", "# 3. Use X\n", 3, "Use X"),
        ("0005-use-dashes.md", "No heading at all.\n", 5, "Use dashes"),
        ("x.md", "## Context\n\nNo title heading.\n", None, "X"),
        ("x.md", "Use X\n=====\n\nText.\n", None, "Use X"),
        ("x.md", "```\n# not a title\n```\n# Real title\n", None, "Real title"),
        (
            "x.md",
            "# Use `snake_case` and **bold** [links](y.md)\n",
            None,
            "Use snake_case and bold links",
        ),
        ("0023-x.md", "# 23 Logging\n", 23, "Logging"),
        ("x.md", "# 2024 roadmap\n", None, "2024 roadmap"),
        ("x.md", "# C# coding style #\n", None, "C# coding style"),
    ],
)
def test_titles_and_numbers(name: str, text: str, number: int | None, title: str) -> None:
    adr = _parse(text, name)
    assert (adr.number, adr.title) == (number, title)


def test_front_matter_title_wins_over_a_body_heading() -> None:
    # The title a docs site shows; the body's H1 may be a section (``# Subject``).
    adr = _parse("---\ntitle: Code Style\n---\n# Formatting\n\nText.\n")
    assert adr.title == "Code Style"
    explained = {source.field: source for source in adr.provenance}["title"]
    assert explained.source == "front matter title:"
    assert ("Formatting", "line 4: # heading") in explained.rejected
    assert _parse("---\ntitle: Errors\n---\n# Subject\n").title == "Errors"


# --- statuses ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("## Status\n\n✅ Accepted\n", "accepted"),
        ("## Status\n\nACCEPTED\n", "accepted"),
        ("## Status\n\nSuperseded by ADR-12\n", "superseded"),
        ("## Status\n\nSuperceded by [3. X](0003-x.md)\n", "superseded"),
        ("* Status: adopted\n", "accepted"),
        ("* Status: Pending review\n", "proposed"),
        ("Status: Living\n", "living"),
        ("**Status:** final\n", "final"),
        ("---\nstatus: on hold\n---\n", "on hold"),
        ("## Status\n\n~~Proposed~~ Accepted\n", "accepted"),
        ("## Context\n\nThe old status was accepted, it supersedes no ADR.\n", None),
        ("## Status\n\nSupersedes [1. X](0001-x.md)\n", None),
    ],
)
def test_status_normalisation(text: str, status: str | None) -> None:
    assert _parse("# T\n\n" + text if not text.startswith("---") else text).status == status


def test_front_matter_status_beats_a_status_section() -> None:
    adr = _parse("---\nstatus: proposed\n---\n# T\n\n## Status\n\nAccepted\n")
    assert adr.status == "proposed" and adr.status_line == 2


def test_preamble_field_beats_a_late_bold_label() -> None:
    adr = _parse("# T\n\n## Context\n\n**Status:** rejected\n\n## Status\n\nAccepted\n")
    assert adr.status == "accepted"


# --- dates -------------------------------------------------------------------------------


def test_unreadable_date_is_none_with_a_warning() -> None:
    adr = _parse("# T\n\nDate: sometime last spring\n")
    assert adr.date is None
    assert adr.warnings == ("unreadable date 'sometime last spring'",)


def test_a_broken_date_falls_back_to_a_later_readable_one() -> None:
    adr = _parse("---\ndate: 2024-02-30\n---\n# T\n\n**Date:** 2024-03-01\n")
    assert adr.date == "2024-03-01"
    assert any("2024-02-30" in w for w in adr.warnings)


def test_yaml_dates_and_datetimes() -> None:
    assert _parse("---\ndate: 2024-01-02 10:30:00\n---\n# T\n").date == "2024-01-02"


# --- safety and odd files ----------------------------------------------------------------


def test_python_yaml_tag_is_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = (
        f"---\nstatus: !!python/object/apply:os.system ['touch {marker}']\n"
        "title: !!python/object:builtins.dict {}\ndate: 2024-01-01\n---\n# T\n"
    )
    adr = _parse(text)
    assert not marker.exists()
    assert adr.status is None and adr.date == "2024-01-01"
    assert any("Python object tag" in w for w in adr.warnings)


def test_empty_file() -> None:
    adr = parse_bytes(b"", Path("/adrs/0005-empty.md"), Path("/adrs"))
    assert (adr.number, adr.title, adr.warnings) == (5, "Empty", ("empty file",))
    assert adr.sha1 == hashlib.sha1(b"").hexdigest() and adr.size == 0


def test_binary_file() -> None:
    data = bytes(range(256)) * 16
    adr = parse_bytes(data, Path("/adrs/0006-blob.md"), Path("/adrs"))
    assert adr.body == "" and adr.number == 6
    assert any("binary" in w for w in adr.warnings)


def test_utf16_with_bom_and_crlf() -> None:
    text = "# 8. Wide\r\n\r\n* Status: accepted\r\n* Date: 2024-01-08\r\n"
    adr = parse_bytes(text.encode("utf-16"), Path("/adrs/0008-w.md"), Path("/adrs"))
    assert (adr.title, adr.status, adr.date) == ("Wide", "accepted", "2024-01-08")
    assert (adr.encoding, adr.newline) == ("utf-16", "\r\n")
    assert "\r" not in adr.body


def test_utf16_without_bom() -> None:
    data = "# 8. Wide\n\nStatus: draft\n".encode("utf-16-le")
    adr = parse_bytes(data, Path("/adrs/0008-w.md"), Path("/adrs"))
    assert (adr.encoding, adr.status) == ("utf-16-le", "draft")


def test_utf8_bom() -> None:
    data = codecs.BOM_UTF8 + "---\nstatus: accepted\n---\n# Café\n".encode()
    adr = parse_bytes(data, Path("/adrs/x.md"), Path("/adrs"))
    assert (adr.encoding, adr.status, adr.title) == ("utf-8-sig", "accepted", "Café")


def test_latin1_is_read_with_a_warning() -> None:
    data = "# 7. Café décision\n\n## Status\n\nAccepté\n".encode("latin-1")
    adr = parse_bytes(data, Path("/adrs/0007-c.md"), Path("/adrs"))
    assert (adr.encoding, adr.title, adr.status) == ("latin-1", "Café décision", "accepted")
    assert adr.status_raw == "Accepté"
    assert any("Latin-1" in w for w in adr.warnings)


def test_nul_bytes_and_escape_sequences_never_reach_fields() -> None:
    data = b"# 16. Controls \x00\x1b[2J\x07here\n\n## Status\n\nAccepted\x1b]0;x\x07\n"
    adr = parse_bytes(data, Path("/adrs/0016-c.md"), Path("/adrs"))
    assert adr.title == "Controls here"
    assert adr.status == "accepted"
    assert "\x1b" not in (adr.status_raw or "")


def test_record_metadata(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "0003-x.md"
    path.parent.mkdir()
    data = b"# 3. X\r\n\r\nDate: 2024-01-01\r\n"
    path.write_bytes(data)
    adr = parse_file(path, tmp_path)
    assert adr.rel_path == "sub/0003-x.md"
    assert adr.size == len(data) and adr.sha1 == hashlib.sha1(data).hexdigest()
    assert adr.mtime_ns == path.stat().st_mtime_ns
    assert adr.newline == "\r\n"


def test_missing_file_gives_a_record_with_a_warning(tmp_path: Path) -> None:
    adr = parse_file(tmp_path / "0009-gone.md", tmp_path)
    assert adr.rel_path == "0009-gone.md" and adr.number == 9
    assert adr.warnings and "cannot read" in adr.warnings[0]


def test_directory_instead_of_a_file(tmp_path: Path) -> None:
    (tmp_path / "0010-dir.md").mkdir()
    adr = parse_file(tmp_path / "0010-dir.md", tmp_path)
    assert adr.warnings and adr.rel_path == "0010-dir.md"


def test_relative_path_is_taken_under_root() -> None:
    adr = parse_bytes(b"# X\n", Path("sub/0001-x.md"), Path("/adrs"))
    assert adr.rel_path == "sub/0001-x.md" and adr.path == Path("/adrs/sub/0001-x.md")


def test_links_in_code_blocks_and_comments_are_ignored() -> None:
    text = (
        "# T\n\n## Status\n\nAccepted\n\n<!--\nSuperseded by [9](0009-x.md)\n-->\n\n"
        "## Related\n\n```\n* [0002](0002-x.md)\n```\n* [0003](0003-x.md) <!-- [4](0004-x.md) -->\n"
    )
    assert _links(_parse(text)) == {("relates-to", "0003-x.md")}


def test_section_heading_names_the_relation() -> None:
    text = "# T\n\n## Superseded by\n\n* [2. Y](0002-y.md)\n\n## Links\n\n* Clarifies ADR-3\n"
    assert _links(_parse(text)) == {("superseded-by", "0002-y.md"), ("clarifies", "ADR-3")}


@pytest.mark.parametrize(
    "front",
    [
        "status: " + "[" * 30_000,
        "a: " + "{" * 30_000,
        "- " * 30_000 + "x",
        "a:\n" + "? " * 30_000 + "x",
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences", "complex-keys"],
)
def test_deeply_nested_front_matter_does_not_crash_the_process(front: str) -> None:
    # libyaml overflows the C stack on such input (a segfault, not an exception), so
    # the parser must keep it away from the loader. Run in a child process: a crash
    # there fails this test instead of killing the test session.
    code = (
        "import sys; from pathlib import Path; from adrtui.domain.parsing import parse_bytes; "
        "adr = parse_bytes(sys.stdin.buffer.read(), Path('/a/0001-x.md'), Path('/a')); "
        "print(any('nests too deeply' in w for w in adr.warnings))"
    )
    data = f"---\n{front}\n---\n# T\n".encode()
    result = subprocess.run(
        [sys.executable, "-c", code], input=data, capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    assert result.stdout.strip() == b"True"


def test_a_fifo_is_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "0011-pipe.md"
    os.mkfifo(fifo)
    adr = parse_file(fifo, tmp_path)  # would block forever if it were opened
    assert adr.number == 11 and "not a regular file" in adr.warnings[0]


def test_status_written_in_its_heading(tmp_path: Path) -> None:
    """``## Status: Accepted`` is a status field written as a heading."""
    path = tmp_path / "0003-heading-status.md"
    path.write_text("# 3. Heading status\n\n## Status: Accepted\n\n## Context\n\nx\n", "utf-8")
    adr = parse_file(path, tmp_path)
    assert (adr.status, adr.status_raw, adr.status_line) == ("accepted", "Accepted", 3)
