"""A resize re-renders the detail at the new width and keeps the reader's place (item 2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from adrtui.ui.app import AdrApp
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.document import DocumentView
from tests.ui.helpers import settle, wait_until

FIXTURES = Path(__file__).parent.parent / "fixtures" / "links"


def paragraphs_on_screen(body: DocumentView) -> set[int]:
    top = int(body.scroll_y)
    height = body.scrollable_content_region.height
    shown = body.document.plain[top : top + height]
    return {int(n) for line in shown for n in re.findall(r"Background paragraph (\d+)", line)}


async def test_the_place_the_hit_and_the_link_survive_a_resize(tmp_path: Path) -> None:
    folder = tmp_path / "decisions"
    shutil.copytree(FIXTURES, folder)
    words = " ".join(["wrapping words differ with the width of the pane"] * 4)
    long = "\n\n".join(f"Background paragraph {n}: {words}." for n in range(60))
    (folder / "0002-other.md").write_text(f"# 2. Long\n\n{long}\n", encoding="utf-8")
    app = AdrApp(folder)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        detail = app.screen.query_one(DetailPane)
        await pilot.press("j")
        await wait_until(pilot, lambda: detail.shown_path == "0002-other.md", "0002")
        await pilot.press("tab")
        await settle(pilot)
        body = detail.body
        assert app.focused is body
        await pilot.press("ctrl+d", "ctrl+d", "ctrl+d", "ctrl+d")
        await settle(pilot)
        before = paragraphs_on_screen(body)
        assert before and min(before) > 5
        width = body.document.width
        await pilot.resize_terminal(120, 36)
        await wait_until(pilot, lambda: body.document.width != width, "the re-render")
        await settle(pilot)
        assert paragraphs_on_screen(body) & before  # still reading the same paragraphs
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert paragraphs_on_screen(body) & before
        assert app.focused is body
