"""Search in the detail: phrases highlighted as phrases, n/N with "3/17", a snippet (item 8)."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from adrtui.ui.app import AdrApp
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import DocumentView
from tests.ui.helpers import settle, wait_until

FIXTURES = Path(__file__).parent.parent / "fixtures" / "links"


async def test_a_phrase_is_highlighted_as_the_phrase_and_n_says_where_it_is(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "decisions"
    shutil.copytree(FIXTURES, folder)
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"read model"', "enter")
        await settle(pilot)
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: detail.shown_path == "0001-links.md", "the match")
        await pilot.press("enter")  # open: the focus moves to the detail
        await settle(pilot)
        body = app.screen.query_one(DocumentView)
        assert app.focused is body
        doc = body.document
        found = {doc.plain[line][start:end].lower() for line, start, end in doc.hits}
        # Never "model" alone ("write model"); "read" only where the phrase wraps.
        assert "read model" in found and found <= {"read model", "read"}
        meta = app.screen.query_one("#detail-meta", Static)
        total = len(doc.hits)
        assert meta.border_subtitle == f"{total} hits · n/N"
        await pilot.press("n", "n", "n")
        assert meta.border_subtitle == f"hit {body.current_hit + 1}/{total} · n/N"
        await pilot.press("N")
        assert meta.border_subtitle.startswith(f"hit {body.current_hit + 1}/{total}")
        # The best hit, on one line of the header.
        header = meta.content.plain.splitlines()
        snippet = next(line for line in header if line.startswith("› "))
        assert "read model" in snippet.lower() and len(snippet) <= 2 + 102
        # n is offered in the footer because there are hits.
        assert body.check_action("next_hit", ()) is True


def test_a_phrase_wrapped_over_two_lines_is_one_hit_marked_on_both() -> None:
    from adrtui.domain.model import Adr
    from adrtui.domain.search import MemorySearch
    from adrtui.ui.rendering.markdown import render_document
    from adrtui.ui.theme import build_palette

    palette = build_palette({}, dark=True)
    body = "The read model is apart; " + "filler words here " * 3 + "the read model again."
    adr = Adr(Path("/x/0001-x.md"), "0001-x.md", 1, "T", "accepted", body=body)
    finder = MemorySearch([adr]).search('"read model"').span_finder()
    for width in range(12, 40):
        doc = render_document(body, width, palette, finder)
        assert len(doc.hits) == 2, width  # wrapped or not, each phrase is one hit
        for line, start, _end in doc.hits:
            assert doc.plain[line][start:].lower().startswith("read")
            following = doc.plain[line][start:].strip().lower()
            if following == "read":  # wrapped: "model" starts the next line, also marked
                nxt = doc.lines[line + 1]
                first = next(seg for seg in nxt if seg.text.strip())
                assert first.text.lower().startswith("model")
                assert first.style is not None and first.style.bgcolor == palette.hit.bgcolor
