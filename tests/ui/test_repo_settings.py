"""The browser honours the repository's ``.adrtui.toml``: its status colours, its problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.color import Color
from rich.segment import Segment
from rich.text import Text
from textual.color import Color as TextualColor
from textual.widgets import Static

from adrtui.domain.collection.settings import parse_settings
from adrtui.ui.rendering.repo_settings import build_status_styles
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.relations import RelationList
from tests.ui.editing_helpers import Notes, listed, main_screen, make_app, select
from tests.ui.helpers import settle

IMPLEMENTED = (
    "# 7. Cache rendered pages\n\nDate: 2024-05-01\n\n## Status\n\nImplemented\n\n"
    "## Context\n\nSlow.\n"
)
SETTINGS = """\
[statuses]
implemented = "accepted"

[colours]
implemented = "#00ff00"
rejected = { colour = "white", background = "#aa0000", bold = true }
superseded = "magenta"
"""


def with_settings(decisions: Path, text: str) -> Path:
    """Put ``text`` in the repository's ``.adrtui.toml`` (the repository root holds ``.git``)."""
    repo = decisions.parent.parent
    (repo / ".git").mkdir(exist_ok=True)
    (repo / ".adrtui.toml").write_text(text)
    (decisions / "0007-cache-rendered-pages.md").write_text(IMPLEMENTED)
    return repo


def status_segment(app, rel_path: str, word: str) -> Segment:
    """The drawn segment of ``rel_path``'s row that holds its status word."""
    table = main_screen(app).query_one(AdrList).table
    row = listed(app).index(rel_path)
    strip = table._line(row)  # the row as drawn, before the cursor's highlight
    for segment in strip:
        if segment.text.strip() == word:
            return segment
    raise AssertionError(f"no {word!r} in {strip.text!r}")


def header_style(app, word: str):
    """The style of ``word`` in the detail header as drawn."""
    header = main_screen(app).query_one("#detail-meta", Static)
    text = header.content
    assert isinstance(text, Text)
    plain = text.plain
    start = plain.index(word)
    return text.get_style_at_offset(app.console, start)


async def test_a_status_word_of_the_repository_gets_its_colour(decisions: Path) -> None:
    with_settings(decisions, SETTINGS)
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        # The word means "accepted" (filters and the list say so) and looks as the
        # repository asked, while a plain "accepted" keeps the theme's badge.
        implemented = status_segment(app, "0007-cache-rendered-pages.md", "accepted")
        assert implemented.style.color == Color.parse("#00ff00")
        plain = status_segment(app, "0001-record-architecture-decisions.md", "accepted")
        assert plain.style.color != Color.parse("#00ff00")
        assert plain.style.bgcolor is not None
        rejected = status_segment(app, "0006-authenticate-with-oidc.md", "rejected")
        assert rejected.style.bgcolor == Color.parse("#aa0000")
        assert rejected.style.color == Color.parse("white")
        assert rejected.style.bold

        await select(pilot, "0007-cache-rendered-pages.md")
        # The detail header's badge holds the vocabulary's word in the repository's
        # colour, and the word as written beside it (issue 14 item 4).
        assert header_style(app, " accepted ").color == Color.parse("#00ff00")
        assert "Implemented" in main_screen(app).query_one("#detail-meta", Static).content.plain

        # The relations pane: 0005 replaced 0002, whose badge is the repository's.
        await select(pilot, "0005-use-managed-postgresql.md")
        options = main_screen(app).query_one(RelationList)
        labels = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        label = next(t for t in labels if isinstance(t, Text) and "Use PostgreSQL" in t.plain)
        start = label.plain.index("superseded")
        assert label.get_style_at_offset(app.console, start).color == Color.parse("magenta")


async def test_without_settings_the_theme_colours_stay(decisions: Path) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        rejected = status_segment(app, "0006-authenticate-with-oidc.md", "rejected")
        assert rejected.style.bgcolor != Color.parse("#aa0000")


async def test_a_broken_settings_file_is_notified_once(decisions: Path) -> None:
    with_settings(decisions, "[statuses\nimplemented = 'accepted'\n")
    app = make_app(decisions)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        settings_notes = [n for n in notes if n.startswith("Repository settings")]
        assert len(settings_notes) == 1
        assert ".adrtui.toml: not valid TOML" in settings_notes[0]
        # Broken, the defaults apply: the word is not mapped, and the app works.
        assert "0007-cache-rendered-pages.md" in listed(app)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len([n for n in notes if n.startswith("Repository settings")]) == 1


async def test_a_colour_rich_cannot_draw_is_reported_and_dropped(decisions: Path) -> None:
    with_settings(decisions, '[colours]\nrejected = "grean"\naccepted = "#0f0"\n')
    app = make_app(decisions)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert any("'grean' is not a colour" in n for n in notes)
        rejected = status_segment(app, "0006-authenticate-with-oidc.md", "rejected")
        assert rejected.style.bgcolor is not None  # the theme's badge, as without settings
        # A short hex colour is widened, not refused.
        accepted = status_segment(app, "0001-record-architecture-decisions.md", "accepted")
        assert accepted.style.color == Color.parse("#00ff00")


async def test_no_color_still_wins(decisions: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with_settings(decisions, SETTINGS)
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        table = main_screen(app).query_one(AdrList).table
        row = listed(app).index("0007-cache-rendered-pages.md")
        segments = list(table._line(row))
        for output_filter in app._filters:
            segments = output_filter.apply(segments, TextualColor.parse("black"))
        colours = {s.style.color for s in segments if s.style} | {
            s.style.bgcolor for s in segments if s.style
        }
        assert Color.parse("#00ff00") not in colours


def test_styles_are_resolved_once_per_settings() -> None:
    settings = parse_settings({"colours": {"implemented": "green"}}, Path("."))
    styles = build_status_styles(settings)
    assert styles is not None
    first = styles.style_for("Implemented", "accepted")
    assert first is not None and first.color == Color.parse("green")
    assert styles.style_for("Implemented", "accepted") is first
    assert styles.style_for("Accepted", "accepted") is None
    assert build_status_styles(parse_settings({}, Path("."))) is None


async def test_an_unusable_log4brains_config_is_notified_with_the_settings(
    decisions: Path,
) -> None:
    """The browser says what ``adrtui list`` says: the broken marker file names itself."""
    from adrtui.ui.services.launch import choose_folder

    with_settings(decisions, "[statuses\nimplemented = 'accepted'\n")
    repo = decisions.parent.parent
    (repo / ".log4brains.yml").write_text("project:\n  adrFolder: [docs\n", encoding="utf-8")
    choice = choose_folder(str(repo))
    assert not isinstance(choice, str)
    folder, _example, _notice, refused = choice
    assert folder == decisions.resolve()
    app = make_app(folder, refused=refused)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        settings_notes = [n for n in notes if n.startswith("Repository settings")]
        assert len(settings_notes) == 1
        assert ".adrtui.toml: not valid TOML" in settings_notes[0]
        assert ".log4brains.yml: not valid YAML" in settings_notes[0]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert len([n for n in notes if n.startswith("Repository settings")]) == 1
