"""Rendering ADR bodies, the palette's status colours, and palette-safe highlighting."""

from __future__ import annotations

from rich.style import Style
from textual.command import Matcher
from textual.content import Content

from adrtui.ui.rendering.markdown import (
    DISPLAY_LIMIT,
    MARKDOWN_LIMIT,
    head_of,
    render_document,
    restyle,
)
from adrtui.ui.state import spans_of_words
from adrtui.ui.state.links import strip_fragment
from adrtui.ui.theme import STATUS_COLOURS, build_palette
from adrtui.ui.widgets.command_palette import highlighted

PALETTE = build_palette({}, dark=True)


def test_links_become_in_app_targets_not_terminal_hyperlinks() -> None:
    doc = render_document(
        "See [five](0005-x.md#ctx) and [web](https://example.com).\n", 60, PALETTE
    )
    assert doc.links == ("0005-x.md#ctx", "https://example.com")
    styles = [seg.style for line in doc.lines for seg in line if seg.style]
    assert all(not style.link for style in styles)
    assert {s.meta.get("href") for s in styles if s.meta} == {0, 1}


def test_search_words_are_located_and_highlighted() -> None:
    doc = render_document(
        "# Auth\n\nAuthentication first.\n\n```\nauth = True\n```\n",
        60,
        PALETTE,
        spans_of_words(["auth"]),
    )
    found = [doc.plain[line][start:end] for line, start, end in doc.hits]
    assert [w.lower() for w in found] == ["auth", "auth", "auth"]
    line, start, _end = doc.hits[1]
    offset = 0
    for segment in doc.lines[line]:
        if offset <= start < offset + len(segment.text):
            assert segment.style is not None and segment.style.bgcolor == PALETTE.hit.bgcolor
        offset += len(segment.text)


def test_restyle_splits_segments_at_span_edges() -> None:
    from rich.segment import Segment

    line = (Segment("hello ", Style(bold=True)), Segment("world", None))
    result = restyle(line, [(3, 8)], Style(italic=True))
    assert "".join(s.text for s in result) == "hello world"
    italic = "".join(s.text for s in result if s.style and s.style.italic)
    assert italic == "lo wo"


def test_huge_documents_are_cut_or_shown_as_plain_text() -> None:
    plain = render_document("x " * (MARKDOWN_LIMIT // 2 + 10), 80, PALETTE)
    assert "plain text" in plain.note
    cut = render_document("y\n" * (DISPLAY_LIMIT // 2 + 10), 80, PALETTE)
    assert "first 1024 KB" in cut.note


def test_pathological_nesting_still_renders() -> None:
    text = "".join("  " * i + "- level\n" for i in range(300)) + ">" * 300 + " quote\n"
    doc = render_document(text, 40, PALETTE)
    assert doc.lines


def test_head_of_cuts_outside_code_fences() -> None:
    text = "para\n\n" * 2000
    head = head_of(text, 100)
    assert head is not None and text.startswith(head) and 100 <= len(head) < 200
    fenced = "```\n" + "code\n\n" * 100 + "```\n\nafter\n\n" + "tail\n\n" * 200
    head = head_of(fenced, 50)
    assert head is not None and head.count("```") == 2
    assert head_of("short", 100) is None


def test_strip_fragment() -> None:
    assert strip_fragment("0005-x.md#context") == "0005-x.md"
    assert strip_fragment("#top") == ""


def test_every_status_badge_is_readable_in_light_and_dark_themes() -> None:
    for dark in (True, False):
        palette = build_palette({}, dark=dark)
        for status in STATUS_COLOURS:
            style = palette.status(status)
            assert style.color != style.bgcolor
        assert palette.status("some team word") == palette.unknown_status


def test_palette_highlight_keeps_markup_literal() -> None:
    matcher = Matcher("quit")
    content = highlighted(matcher, "Open ADR 0004: [@click=app.quit]quit[/]")
    assert isinstance(content, Content)
    assert content.plain == "Open ADR 0004: [@click=app.quit]quit[/]"
