"""References in prose, where the outline decides what is code, a comment or a heading.

The structure rules themselves are tested in ``test_outline.py``; these check that
reference finding follows them (one reading of Markdown for every consumer).
"""

from __future__ import annotations

from adrtui.domain.relations.resolve import scan_body


def _refs(body: str) -> list[tuple[str, str]]:
    return [(ref.kind, ref.target) for ref in scan_body(body)]


def test_inline_code_with_triple_backticks_at_line_start_is_no_fence() -> None:
    # ````` ```--registry``` ````` opens no fence (a backtick info string has no
    # backtick): the reference after it is prose, not code.
    body = "Use the\n```--registry``` option.\n\nSee ADR-7.\n"
    assert _refs(body) == [("mentions", "ADR-7")]


def test_references_in_an_html_comment_do_not_count() -> None:
    body = "<!--\nADR-3 is an example\n-->\nADR-4 is not.\n"
    assert _refs(body) == [("mentions", "ADR-4")]


def test_a_heading_inside_code_is_no_related_section() -> None:
    body = "```\n## Related\n```\n\nADR-5 here.\n"
    assert _refs(body) == [("mentions", "ADR-5")]


def test_an_underlined_related_heading_is_a_related_section() -> None:
    body = "Context.\n\nRelated decisions\n-----------------\n\n- ADR-2\n\n## Notes\n\nADR-9\n"
    assert _refs(body) == [("relates-to", "ADR-2"), ("mentions", "ADR-9")]


def test_an_indented_related_heading_is_a_related_section() -> None:
    body = "  ## Related\n\n- ADR-2\n"
    assert _refs(body) == [("relates-to", "ADR-2")]


def test_a_fence_in_a_list_item_is_code() -> None:
    body = "- step:\n\n    ```sh\n    adr link ADR-1\n    ```\n- ADR-6\n"
    assert _refs(body) == [("mentions", "ADR-6")]
