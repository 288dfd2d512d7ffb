"""The detail header's status: the vocabulary's word in the badge, the rest as plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.model import Adr
from adrtui.ui.theme import build_palette
from adrtui.ui.widgets.detail import build_header, status_rest

PALETTE = build_palette({}, dark=True)


@pytest.mark.parametrize(
    ("raw", "status", "rest"),
    [
        ("⌛️ Superseded by [036. Multi-cluster](036-x.md)", "superseded", "by 036. Multi-cluster"),
        ("**Accepted** — stands for the *MVP*", "accepted", "stands for the MVP"),
        ("Approved", "accepted", "Approved"),  # the word as written stays beside the badge
        ("Approved (by TSC vote on 3/25/21)", "accepted", "Approved (by TSC vote on 3/25/21)"),
        ("❌ Rejected (see 019)", "rejected", "(see 019)"),
        ("Implemented", "accepted", "Implemented"),
        ("On hold until Q3", "on hold", "until Q3"),
        (None, None, ""),
    ],
)  # fmt: skip
def test_status_rest_is_plain_text_without_the_word(raw: str, status: str, rest: str) -> None:
    assert status_rest(raw, status) == rest


def test_a_sentence_status_is_one_cut_line_beside_a_one_word_badge() -> None:
    raw = (
        "Superseded by [ADR 36](0036-x.md) because the *multi-cluster* design\n"
        "replaced it, see the migration notes in the platform handbook\n"
        "and the follow-up decisions on ingress and DNS."
    )
    adr = Adr(Path("/a/0007-x.md"), "0007-x.md", 7, "Use X", "superseded", raw, "2024-01-02")
    text = build_header(adr, (), PALETTE, "", width=60)
    status_line = text.plain.splitlines()[1]
    assert status_line.startswith(" superseded  by ADR 36 because the multi")
    assert "…" in status_line and "[" not in status_line and "*" not in status_line
    assert status_line.endswith("2024-01-02")
    assert len(status_line) <= 60
    start = text.plain.index(" superseded ")
    badge = [span.style for span in text.spans if span.start <= start < span.end]
    assert PALETTE.status("superseded") in badge


def test_the_snippet_is_the_best_hit_in_its_sentence_on_one_line() -> None:
    from rich.style import Style

    from adrtui.ui.rendering.snippet import best_snippet

    plain = [
        "",
        "move the workloads first, then test that  ",
        "moving to the new ingress controller works   ",
        "for every ingress in the cluster",
        "",
        "an ingress elsewhere",
    ]
    hits = [(2, 18, 36), (3, 10, 17), (5, 3, 10)]
    text = best_snippet(plain, hits, Style(bold=True))
    assert text is not None
    # Three rendered lines joined (118 characters), cut to 100 at a word, before the hit.
    assert text.plain == (
        "…first, then test that moving to the new ingress controller works for every "
        "ingress in the cluster"
    )
    marked = [text.plain[span.start : span.end] for span in text.spans]
    assert marked == ["ingress controller", "ingress"]
    assert best_snippet(plain, [], Style()) is None
