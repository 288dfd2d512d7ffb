"""The outline of a Markdown document: one reading of its block structure for every consumer.

Hand-written fixtures for each CommonMark rule the outline follows (fences, ATX
and setext headings, sections), the GFM and admonition extensions ADRs use, and
property tests: any text gives an outline, never an exception, in linear time.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adrtui.domain.markdown import (
    ADMONITION,
    BLANK,
    CODE,
    COMMENT,
    FENCE,
    FRONT_MATTER,
    HEADING,
    LIST,
    QUOTE,
    RULE,
    TABLE,
    TEXT,
    UNDERLINE,
    first_heading,
    outline,
)

PROFILE = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------- headings


def test_atx_headings_with_levels_text_and_closing_sequence() -> None:
    o = outline("# Title #\n\n## Status ##\n###### Six\n####### seven\n#no\n   ### Indented\n")
    assert [(h.line, h.level, h.text) for h in o.headings] == [
        (0, 1, "Title"),
        (2, 2, "Status"),
        (3, 6, "Six"),
        (6, 3, "Indented"),
    ]
    assert o.kinds[4] == TEXT and o.kinds[5] == TEXT


def test_closing_hashes_need_a_space_before_them() -> None:
    o = outline("# C#\n# Use C# #\n#\n# #\n")
    assert [h.text for h in o.headings] == ["C#", "Use C#", "", ""]


def test_four_spaces_is_not_a_heading() -> None:
    assert outline("    # not a heading\n").headings == ()


def test_setext_headings_own_the_whole_paragraph() -> None:
    o = outline("Title\n=====\n\nSome words\nmore words\n---\n\ntext\n\n---\n")
    assert [(h.line, h.level, h.text, h.setext) for h in o.headings] == [
        (0, 1, "Title", True),
        (3, 2, "Some words more words", True),
    ]
    assert o.headings[1].underline == 5
    assert list(o.kinds[:6]) == [HEADING, UNDERLINE, BLANK, HEADING, HEADING, UNDERLINE]
    assert o.kinds[9] == RULE  # after a blank line, ``---`` is a thematic break


def test_a_list_item_is_not_a_setext_heading() -> None:
    o = outline("- item\n---\n")
    assert o.headings == () and o.kinds[1] == RULE


def test_sections_run_to_the_next_heading_of_the_same_or_higher_level() -> None:
    text = "# T\nintro\n## A\na\n### A1\na1\n## B\nb\n# U\n"
    o = outline(text)
    spans = {h.text: (h.line, h.section_end, h.content_end) for h in o.headings}
    assert spans == {
        "T": (0, 8, 2),
        "A": (2, 6, 4),
        "A1": (4, 6, 6),
        "B": (6, 8, 8),
        "U": (8, 10, 10),
    }
    assert o.section_of(5).text == "A1"
    assert o.section_of(7).text == "B"
    assert outline("before\n# H\n").section_of(0) is None


def test_heading_at_a_line() -> None:
    o = outline("Status\n------\n\n## Related\n")
    assert o.heading_at(0).text == "Status"
    assert o.heading_at(1).text == "Status"  # its underline
    assert o.heading_at(3).text == "Related"
    assert o.heading_at(2) is None


# ------------------------------------------------------------------------ fences


def test_fence_info_string_and_content() -> None:
    o = outline("a\n```yaml title\nstatus: x\n# not heading\n```\nb\n")
    (fence,) = o.fences
    assert (fence.line, fence.end, fence.info, fence.lang, fence.closed) == (
        1,
        5,
        "yaml title",
        "yaml",
        True,
    )
    assert list(o.kinds) == [TEXT, FENCE, CODE, CODE, FENCE, TEXT, BLANK]
    assert o.headings == ()
    assert o.is_code(2) and o.is_code(1) and not o.is_code(5)


def test_fence_at_a_line() -> None:
    o = outline("a\n```yaml\nstatus: x\n```\nb\n~~~\n")
    assert o.fence_at(2).lang == "yaml" and o.fence_at(1) is o.fence_at(3)
    assert o.fence_at(0) is None and o.fence_at(4) is None
    assert o.fence_at(5).char == "~" and list(o.fence_at(2).content) == [2]


def test_fence_closes_with_same_char_and_at_least_as_many() -> None:
    o = outline("````\n```\n~~~~\n`````\nafter\n")
    (fence,) = o.fences
    assert fence.end == 4 and o.kinds[4] == TEXT


def test_closing_fence_takes_no_info_string() -> None:
    o = outline("```\n```python\n```\nx\n")
    assert o.fences[0].end == 3


def test_unclosed_fence_runs_to_the_end() -> None:
    o = outline("# T\n```\n# inside\n\ntext")
    assert o.fences[0].end == 5 and not o.fences[0].closed
    assert [h.text for h in o.headings] == ["T"]


def test_backtick_info_string_with_a_backtick_is_inline_code() -> None:
    o = outline("```x``` is inline\n# H\n")
    assert o.fences == () and o.kinds[0] == TEXT and o.headings[0].text == "H"


def test_fence_indent_rules() -> None:
    assert outline("   ```\ncode\n   ```\n").fences[0].end == 3
    assert outline("    ```\ncode\n").fences == ()
    # inside a list item, relative to the item's content
    o = outline("- item\n\n    ```sh\n    # run\n    ```\n- next\n")
    assert o.fences[0].line == 2 and o.fences[0].end == 5 and o.headings == ()
    assert o.kinds[5] == LIST


def test_an_empty_item_ends_at_a_blank_line() -> None:
    o = outline("-\n\n   ```\n# One\n")
    assert o.fences[0].line == 2 and not o.fences[0].closed and o.headings == ()


def test_tilde_fence_and_crlf() -> None:
    o = outline("~~~\r\ncode\r\n~~~\r\n# H\r\n")
    assert o.fences[0].end == 3 and o.headings[0].text == "H"


# --------------------------------------------------------------- front matter


def test_yaml_and_toml_front_matter_spans() -> None:
    o = outline("---\ntitle: x\n# c\n---\n# Title\n")
    assert (o.front_matter.start, o.front_matter.end, o.front_matter.delimiter) == (0, 4, "---")
    assert list(o.kinds[:4]) == [FRONT_MATTER] * 4
    assert o.headings[0].line == 4
    toml = outline('+++\ntitle = "x"\n# comment\n+++\n\n# T\n')
    assert toml.front_matter.end == 4 and toml.front_matter.delimiter == "+++"
    assert [h.text for h in toml.headings] == ["T"]
    assert outline("---\ntitle: x\n...\nbody\n").front_matter.end == 3


def test_a_body_can_be_read_without_front_matter() -> None:
    o = outline("---\nStatus: x\n---\n", front_matter=False)
    assert o.front_matter is None and o.kinds[0] == RULE and o.headings[0].text == "Status: x"


def test_no_front_matter_when_unclosed_or_not_at_top() -> None:
    assert outline("---\ntitle: x\n").front_matter is None
    assert outline("\n---\na: b\n---\n").front_matter is None
    assert outline("\ufeff---\na: b\n---\n").front_matter is not None


# ---------------------------------------------------------------- comments, html


def test_html_comment_spans() -> None:
    o = outline("<!-- one -->\n<!--\n# hidden\n-->\n# shown\n")
    assert [(c.start, c.end) for c in o.comments] == [(0, 1), (1, 4)]
    assert list(o.kinds[:4]) == [COMMENT] * 4
    assert [h.text for h in o.headings] == ["shown"]


def test_unclosed_comment_runs_to_the_end() -> None:
    o = outline("# T\n<!-- open\n# hidden\n")
    assert o.comments[0].end == 4 and [h.text for h in o.headings] == ["T"]


# ------------------------------------------------------------------------ tables


def test_gfm_table_rows_as_cells() -> None:
    o = outline(
        "Intro\n| Field | Value |\n|---|:--:|\n| Status | Accepted |\n"
        "| a \\| b | `c` |\nafter\n\nx\n"
    )
    (table,) = o.tables
    assert (table.start, table.end) == (1, 6)
    assert table.rows == (
        ("Field", "Value"),
        ("Status", "Accepted"),
        ("a \\| b", "`c`"),
        ("after",),
    )
    assert list(o.kinds[1:6]) == [TABLE] * 5 and o.kinds[0] == TEXT


def test_table_needs_a_matching_delimiter_row() -> None:
    assert outline("| a | b |\n|---|\n").tables == ()
    assert outline("| Status | Accepted |\n").tables == ()
    assert outline("a | b\n--|--\n").tables[0].rows == (("a", "b"),)


# ------------------------------------------------------------------------- lists


def test_list_items() -> None:
    o = outline("* Status: ok\n- [x] task\n  + nested\n1. one\n2) two\n-no\n***\n")
    items = [(i.line, i.indent, i.marker, i.number, i.text) for i in o.list_items]
    assert items == [
        (0, 0, "*", None, "Status: ok"),
        (1, 0, "-", None, "[x] task"),
        (2, 2, "+", None, "nested"),
        (3, 0, ".", 1, "one"),
        (4, 0, ")", 2, "two"),
    ]
    assert o.kinds[5] == TEXT and o.kinds[6] == RULE


# ------------------------------------------------------------ quotes, admonitions


def test_blockquote_and_github_alert() -> None:
    o = outline(
        "> [!WARNING]\n> Superseded by [ADR-5](0005-x.md)\nlazy line\n\n> plain\n> ```\n> code\n"
    )
    alert, quote = o.blocks
    assert (alert.kind, alert.type, alert.start, alert.end) == ("alert", "warning", 0, 3)
    assert (quote.kind, quote.type, quote.start, quote.end) == ("quote", "", 4, 7)
    assert list(o.kinds[:3]) == [QUOTE] * 3
    assert o.kinds[5] == FENCE and o.kinds[6] == CODE


def test_quote_content_is_not_a_document_heading() -> None:
    o = outline("> # Quoted\n# Real\n")
    assert [h.text for h in o.headings] == ["Real"]


def test_docusaurus_admonition() -> None:
    o = outline(":::note Superseded\nThis ADR was superseded by ADR-3.\n## In box\n:::\n# After\n")
    (block,) = o.blocks
    assert (block.kind, block.type, block.title, block.start, block.end) == (
        "directive",
        "note",
        "Superseded",
        0,
        4,
    )
    assert list(o.kinds[:4]) == [ADMONITION] * 4
    assert [h.text for h in o.headings] == ["After"]
    assert outline(":::warning[Old]\nx\n:::\n").blocks[0].title == "Old"


def test_nested_directives_close_by_colon_count() -> None:
    o = outline("::::note\n:::tip\nx\n:::\ny\n::::\nz\n")
    assert [(b.type, b.start, b.end) for b in o.blocks] == [("note", 0, 6), ("tip", 1, 4)]
    assert o.kinds[6] == TEXT


def test_mkdocs_admonition() -> None:
    o = outline(
        '!!! note "Superseded"\n    Replaced by ADR-9.\n\n    ```\n    x\n    ```\n\nafter\n'
    )
    (block,) = o.blocks
    assert (block.kind, block.type, block.title, block.start, block.end) == (
        "admonition",
        "note",
        "Superseded",
        0,
        6,
    )
    assert o.kinds[1] == ADMONITION and o.kinds[4] == CODE and o.kinds[7] == TEXT


# ------------------------------------------------------------------- offsets


def test_line_offsets_and_line_of() -> None:
    text = "ab\ncd\r\n\nef"
    o = outline(text)
    assert o.line_starts[:4] == [0, 3, 7, 8]
    assert o.line_of(0) == 0 and o.line_of(4) == 1 and o.line_of(8) == 3
    assert o.offset_of(3) == 8 and o.offset_of(4) == len(text)


def test_code_ranges_cover_fences_and_inline_spans() -> None:
    text = "a `ADR-1` b ``x ` y`` c\n```\nADR-2\n```\nd `open\n\nADR-3 `\n"
    o = outline(text)
    ranges = o.code_ranges()
    covered = [text[s:e] for s, e in ranges]
    assert "`ADR-1`" in covered and "``x ` y``" in covered
    assert any("ADR-2" in c for c in covered)
    assert not any("ADR-3" in c for c in covered)  # a span never crosses a blank line


def test_first_heading_is_the_first_atx_h1_outside_code_and_front_matter() -> None:
    assert first_heading("---\n# c: x\n---\n```\n# no\n```\n## two\n# Title\n") == (7, "Title")
    assert first_heading("no heading\n") is None


# ------------------------------------------------------------------- properties

_line = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "```",
            "````",
            "~~~",
            "```yaml",
            "# H",
            "## Status",
            "===",
            "---",
            "+++",
            "<!--",
            "-->",
            "| a | b |",
            "|---|---|",
            "> q",
            "> [!NOTE]",
            ":::note x",
            ":::",
            "!!! note",
            "    x",
            "- item",
            "1. one",
            "   ```",
            "\r",
            "",
            "#" * 8,
            "`" * 40,
            "> " * 30,
            ":" * 30,
        ]
    ),
)


@PROFILE
@given(lines=st.lists(_line, max_size=60), newline=st.sampled_from(["\n", "\r\n"]))
def test_any_text_gives_a_consistent_outline(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    o = outline(text)
    n = len(text.split("\n"))
    assert len(o.kinds) == n == len(o.lines)
    for h in o.headings:
        assert o.kinds[h.line] == HEADING and 1 <= h.level <= 6
        assert h.line < h.content_end <= h.section_end <= n
    for f in o.fences:
        assert o.kinds[f.line] == FENCE and f.line < f.end <= n
        assert all(o.is_code(i) for i in range(f.line, f.end))
    for c in o.comments:
        assert all(o.kinds[i] == COMMENT for i in range(c.start, c.end))
    starts = o.line_starts
    for s, e in o.code_ranges():
        assert 0 <= s < e <= len(text)
    assert len(starts) == n


@PROFILE
@given(text=st.text(max_size=500))
def test_any_characters_never_raise(text: str) -> None:
    o = outline(text)
    assert len(o.kinds) == text.count("\n") + 1


def _timed(text: str) -> float:
    start = time.perf_counter()
    outline(text).code_ranges()
    return time.perf_counter() - start


def test_hostile_inputs_stay_linear() -> None:
    """Each input takes well under a second here; a path quadratic in its lines or
    characters would take hours at these sizes. The bound is a hang guard, generous
    enough that a loaded machine (two test suites at once took 2.05 s) cannot trip it."""
    cases = {
        "huge line": "#" * 2_000_000,
        "backticks": "`" * 2_000_000,
        "quotes": "> " * 1_000_000,
        "many lines": "# h\n" * 100_000,
        "unclosed fences": "```\n" + "~~~\n" * 100_000,
        "table": "| a | b |\n|---|---|\n" + "| x | y |\n" * 100_000,
        "tick runs": " ".join("`" * k for k in range(1, 2000)),
        "colons": ":::note\n" * 50_000,
        "comment opens": "<!--\n" * 100_000,
        "nested bullets": "".join(" " * (i % 60) + "- a\n" for i in range(100_000)),
        "setext paragraph": "word\n" * 100_000 + "===\n",
        "lazy quote": "> a\n" + "b\n" * 100_000,
        "mkdocs": "!!! note\n" + "    x\n" * 100_000,
        "spans over lines": "a `b\n" * 100_000,
        "tabs": "\t" * 1_000_000 + "```",
        "list fence": "- a\n    ```\n" + "  x\n" * 100_000,
    }
    for name, text in cases.items():
        assert _timed(text) < 30.0, name


def test_code_ranges_can_include_comments() -> None:
    text = 'a\n<!--\n```\n"Hidden"\n```\n-->\nb `c`\n'
    o = outline(text)
    assert [text[s:e] for s, e in o.code_ranges()] == ["`c`"]
    hidden = [text[s:e] for s, e in o.code_ranges(comments=True)]
    assert hidden[0].startswith("<!--") and '"Hidden"' in hidden[0] and hidden[1] == "`c`"


# ------------------------------------------- agreement with a CommonMark parser

#: Top-level lines only (no lists, quotes, HTML or four-space indents, where the
#: outline knowingly reads less than CommonMark): there it must agree exactly.
_top_line = st.sampled_from(
    [
        "",
        "text",
        "more text",
        "# One",
        "## Two ##",
        "###### Six",
        "####### 7",
        "#no",
        "# C#",
        "   # three",
        "```",
        "```py",
        "``` `x`",
        "````",
        "~~~",
        "~~~~ yaml",
        "   ```",
        "```  ",
        "===",
        "---",
        "--",
        "= =",
        "***",
        "___",
        "  text",
    ]
)


@PROFILE
@given(lines=st.lists(_top_line, max_size=25))
def test_headings_and_fences_agree_with_markdown_it(lines: list[str]) -> None:
    from markdown_it import MarkdownIt

    text = "\n".join(["start", "", *lines])  # never front matter
    tokens = MarkdownIt("commonmark").parse(text)
    o = outline(text)
    seen = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
    expected_headings = [
        (t.map[0], int(t.tag[1])) for t in tokens if t.type == "heading_open" and t.map
    ]
    assert [(h.line, h.level) for h in o.headings] == expected_headings
    expected_fences = [
        (t.map[0], t.map[1], t.info.strip()) for t in tokens if t.type == "fence" and t.map
    ]
    assert [(f.line, min(f.end, seen), f.info) for f in o.fences] == expected_fences
