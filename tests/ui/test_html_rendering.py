"""HTML and images in an ADR's Markdown are shown, never dropped (issue 14, item 3)."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from adrtui.ui.app import AdrApp
from adrtui.ui.rendering.markdown import render_document
from adrtui.ui.theme import build_palette
from adrtui.ui.widgets.detail import DetailPane
from tests.ui.helpers import settle, wait_until

PALETTE = build_palette({}, dark=True)
FIXTURES = Path(__file__).parent.parent / "fixtures" / "html"
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)[^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<\s*/?\s*([A-Za-z][\w:-]*)([^>]*)>")


def _shown_src(src: str) -> str:
    return src.split(",", 1)[0] if src.startswith("data:") else src


def _tag_text(match: re.Match[str]) -> str:
    """What a tag itself contributes to what is shown: an image's alt text and path."""
    if match.group(1).lower() != "img":
        return " "
    attrs = dict(re.findall(r'(\w+)="([^"]*)"', match.group(2)))
    return f" {attrs.get('alt', '')} {_shown_src(attrs.get('src', ''))} "


def words_written(text: str) -> set[str]:
    """Every word a reader wrote: tags, link targets and comments are not words of the text."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = _IMAGE.sub(lambda m: f" {m.group(1)} {_shown_src(m.group(2))} ", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(_tag_text, text)
    return set(re.findall(r"\w+", html.unescape(text)))


def words_shown(text: str, width: int) -> set[str]:
    return set(re.findall(r"\w+", "\n".join(render_document(text, width, PALETTE).plain)))


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.md")), ids=lambda p: p.name)
@pytest.mark.parametrize("width", [60, 100])
def test_every_word_written_is_shown(path: Path, width: int) -> None:
    text = path.read_text(encoding="utf-8")
    missing = words_written(text) - words_shown(text, width)
    assert not missing, f"{path.name} at {width}: lost {sorted(missing)}"


def lines_of(text: str, width: int = 80) -> list[str]:
    return [line.rstrip() for line in render_document(text, width, PALETTE).plain]


def test_an_html_table_is_a_table_with_its_header_row() -> None:
    lines = lines_of(
        "<table><thead><tr><th>Broker</th><th>Cost</th></tr></thead>\n"
        "<tr><td>Kafka</td><td>high</td></tr><tr><td>SQS</td><td>low</td></tr></table>\n"
    )
    header = next(i for i, line in enumerate(lines) if "Broker" in line)
    assert re.search(r"Broker\s+Cost", lines[header])
    assert set(lines[header + 1].strip()) == {"─"}  # the rule under the header row
    assert re.search(r"Kafka\s+high", lines[header + 2])
    assert re.search(r"SQS\s+low", lines[header + 3])
    # Cells line up: each column starts at the same place in every row.
    assert lines[header].index("Cost") == lines[header + 2].index("high")


def test_a_table_without_th_has_no_empty_header_row() -> None:
    lines = [line for line in lines_of("<table><tr><td>a1</td><td>b1</td></tr></table>") if line]
    assert re.search(r"a1\s+b1", lines[0])
    assert not any(set(line.strip()) == {"─"} for line in lines)


def test_a_table_split_by_blank_lines_is_still_one_table() -> None:
    text = (
        "<table>\n<tr>\n<td>\n\nleft cell\n\n</td>\n<td>\n\nright cell\n\n</td>\n</tr>\n</table>\n"
    )
    assert any(re.search(r"left cell\s+right cell", line) for line in lines_of(text))


def test_br_breaks_lines_and_images_show_a_placeholder_with_their_path() -> None:
    lines = lines_of(
        'First<br/>second<br>\nthird <img src="d/q.png" alt="queue map"> ![overview](o.svg)\n'
    )
    assert lines[:3] == [
        "First",
        "second",
        "third [image: queue map] (d/q.png) [image: overview] (o.svg)",
    ]


def test_an_image_in_a_list_item_keeps_its_bullet_content() -> None:
    lines = [
        line for line in lines_of("- <img src='x.png' alt='diagram'>\n- ![pic](p.png)\n") if line
    ]
    assert lines == [" • [image: diagram] (x.png)", " • [image: pic] (p.png)"]


def test_unknown_tags_show_their_text_and_comments_may_go() -> None:
    lines = lines_of(
        "<details><summary>Rejected options</summary>\n\nSQS too.\n\n</details>\n\n"
        '<custom-note kind="x">Custom words</custom-note>\n\n'
        "<!-- hidden -->\n\nInline <span>span words</span> stay.\n"
    )
    text = "\n".join(lines)
    for words in ("Rejected options", "SQS too.", "Custom words", "Inline span words stay."):
        assert words in text
    assert "hidden" not in text and "<" not in text


def test_links_written_in_html_are_links_of_the_document() -> None:
    doc = render_document('<p>See <a href="0002-x.md">two</a>.</p>\n', 60, PALETTE)
    assert doc.links == ("0002-x.md",)


def test_unbalanced_html_never_breaks_the_rest_of_the_document() -> None:
    doc = render_document("Para </b> with <i>open italics.\n\n# Next\n\nPlain text.\n", 60, PALETTE)
    assert not doc.note  # rendered as Markdown, not the plain-text fallback
    last = next(line for line in doc.lines if "Plain text." in "".join(s.text for s in line))
    assert not any(s.style and s.style.italic for s in last if s.text.strip())


async def test_the_detail_shows_an_html_table_and_image(tmp_path: Path) -> None:
    folder = tmp_path / "decisions"
    shutil.copytree(FIXTURES, folder)
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: detail.shown_path == "0001-compare-queues.md", "0001")
        lines = detail.body.document.plain
        assert any(re.search(r"Broker\s+Throughput\s+Ops cost", line) for line in lines)
        assert any(re.search(r"Kafka\s+very high\s+significant", line) for line in lines)
        flowing = " ".join(" ".join(lines).split())  # wrapped lines joined again
        assert "[image: queue topology] (diagrams/queues.png)" in flowing
        assert "• [image: bulleted diagram] (img/bullet.png)" in flowing


def test_words_in_angle_brackets_are_prose_not_markup() -> None:
    text = (
        "Name it default-<module>, tag v<major>.<minor>.\n\n"
        "<module-name>\n\n"
        "<Tabs>\n<TabItem value='a'>Tab text</TabItem>\n</Tabs>\n"
    )
    assert [line for line in lines_of(text) if line] == [
        "Name it default-<module>, tag v<major>.<minor>.",
        "<module-name>",
        "Tab text",
    ]
