"""Titles as their authors mean them: the id, label and date prefixes go, the words stay."""

from __future__ import annotations

import pytest

from adrtui.domain.parsing.titles import tidy_title

CASES = [
    # (as written, title, number carried, status carried)
    ("ODH-ADR-MS-0002: MaaS Tenant", "MaaS Tenant", 2, None),
    ("Architecture Decision Record: Use ADRs", "Use ADRs", None, None),
    ("Architectural Decision Record - Use ADRs", "Use ADRs", None, None),
    ("Arachne Architecture Decision Record #9: Foo bar", "Foo bar", 9, None),
    (
        "Open Data Hub - ODH-ADR-0003 - Default licence",
        "Open Data Hub - Default licence",
        None,
        None,
    ),
    (
        "Open Data Hub - Architecture Decision Record: Metrics Scraping",
        "Open Data Hub - Metrics Scraping",
        None,
        None,
    ),
    ("🎨 ADR-021: Arquitetura de Micro-frontends", "🎨 Arquitetura de Micro-frontends", 21, None),
    ("029 - 🤖 Observabilidade", "🤖 Observabilidade", 29, None),
    ("2021-06: Proposal Process", "Proposal Process", None, None),
    ("2021-06-09 Jinja split", "Jinja split", None, None),
    ("ADR013: [superseded] Proper use of HTTP", "Proper use of HTTP", 13, "superseded"),
    ("[Deprecated] Use Moment.js", "Use Moment.js", None, "Deprecated"),
    ("Rename bb\\_worker", "Rename bb_worker", None, None),
    ('ADR RHAISTRAT-979 "(feat) Core"', 'RHAISTRAT-979 "(feat) Core"', None, None),
    ("ADR - Eval-Hub multi-tenancy", "Eval-Hub multi-tenancy", None, None),
    ("12. Use X", "Use X", 12, None),
    ("ADR 002: X", "X", 2, None),
    ("[ADR-0007] Cache tokens", "Cache tokens", 7, None),
    # the title field's label written into the heading goes; a title that starts with the word stays
    ("Title – Send receipts by email", "Send receipts by email", None, None),
    ("ADR 8: Title: Retry uploads", "Retry uploads", 8, None),
    ("Titel - Nachrichten über Kafka", "Nachrichten über Kafka", None, None),
    ("Title of a record stays", "Title of a record stays", None, None),
    # a number not given yet (a draft from the template) goes, and is no number
    ("xx. Organize the Python code", "Organize the Python code", None, None),
    ("ADR-XXX: Cache tokens", "Cache tokens", None, None),
    ("NNNN - Cache tokens", "Cache tokens", None, None),
    # another record named in the title's own words stays (only the leading id goes)
    ("18. Revert ADR 3. Update the builder", "Revert ADR 3. Update the builder", 18, None),
    ("Supersede ADR 4 with a queue", "Supersede ADR 4 with a queue", None, None),
    ("Letterbook ADR 7: Posts model", "Posts model", 7, None),
    # the label alone in brackets; the id written after the words
    ("[ADR] Sign release artefacts", "Sign release artefacts", None, None),
    ("Cache tokens (ADR-0002)", "Cache tokens", 2, None),
    ("Cache tokens [ADR 13]", "Cache tokens", 13, None),
    ("Upgrade to Python 3 (phase 2)", "Upgrade to Python 3 (phase 2)", None, None),
    # left alone: words that only look like prefixes
    ("Decision to use X", "Decision to use X", None, None),
    ("Adopt Kafka - a review", "Adopt Kafka - a review", None, None),
    ("XX century design rules", "XX century design rules", None, None),
    ("2024 roadmap", "2024 roadmap", None, None),
    ("[RFC] Move the CLI to Rust", "[RFC] Move the CLI to Rust", None, None),
    ("[WIP] Move the CLI to Rust", "Move the CLI to Rust", None, "WIP"),  # WIP: a draft
    # a standard named in the title is no id: only words joined to it by - or _ are
    ("5. Use rfc3339 for date formatting", "Use rfc3339 for date formatting", 5, None),
    ("Adopt RFC 7807 problem details", "Adopt RFC 7807 problem details", None, None),
    ("Keep ADR 5 as the base", "Keep ADR 5 as the base", None, None),
]


@pytest.mark.parametrize(("written", "title", "number", "status"), CASES)
def test_titles_lose_their_bookkeeping(
    written: str, title: str, number: int | None, status: str | None
) -> None:
    tidy = tidy_title(written, bare=True)
    assert (tidy.text, tidy.number, tidy.status) == (title, number, status)


def test_a_title_that_is_only_a_prefix_keeps_its_text() -> None:
    assert tidy_title("ADR 12:").text == "ADR 12:"
    assert tidy_title("").text == ""
