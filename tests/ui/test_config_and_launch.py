"""Settings file (keymap, theme) and how `adrtui [DIR]` picks the folder to open."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrtui.domain.collection import EXAMPLE_DIR
from adrtui.ui.app import AdrApp, all_binding_ids
from adrtui.ui.config import load_config
from adrtui.ui.services.launch import choose_folder, run_browser
from adrtui.ui.widgets.detail import DetailPane
from adrtui.ui.widgets.search_bar import SearchBar
from tests.ui.helpers import settle


def write_config(config_dir: Path, text: str) -> Path:
    path = config_dir / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_keymap_and_theme_are_read(isolated_dirs: tuple[Path, Path]) -> None:
    _cache, config_dir = isolated_dirs
    write_config(config_dir, 'theme = "nord"\n[keymap]\nsearch = "f, ctrl+f"\n')
    config = load_config(binding_ids=all_binding_ids())
    assert config.keymap == {"search": "f,ctrl+f"}
    assert config.theme == "nord"
    assert config.problems == []


def test_a_broken_file_is_reported_and_defaults_are_used(isolated_dirs: tuple[Path, Path]) -> None:
    _cache, config_dir = isolated_dirs
    path = write_config(config_dir, "[keymap\nsearch = 'f'\n")
    config = load_config(binding_ids=all_binding_ids())
    assert config.keymap == {}
    assert len(config.problems) == 1
    assert str(path) in config.problems[0] and "not valid TOML" in config.problems[0]


def test_unknown_ids_and_bad_values_are_named(isolated_dirs: tuple[Path, Path]) -> None:
    _cache, config_dir = isolated_dirs
    write_config(config_dir, '[keymap]\nserch = "f"\nquit = 3\nhelp = "h"\n')
    config = load_config(binding_ids=all_binding_ids())
    assert config.keymap == {"help": "h"}
    assert any("'serch'" in p for p in config.problems)
    assert any("quit" in p and "string" in p for p in config.problems)


async def test_remapped_key_works_in_the_app(
    decisions: Path, isolated_dirs: tuple[Path, Path]
) -> None:
    _cache, config_dir = isolated_dirs
    write_config(config_dir, '[keymap]\nsearch = "f"\nstatus-filter = "x"\n')
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")  # no longer bound
        assert not isinstance(app.focused, SearchBar)
        await pilot.press("f")
        assert isinstance(app.focused, SearchBar)
        await pilot.press("escape", "x")
        await settle(pilot)
        assert app.screen.browse.list_filter.status == "proposed"


async def test_app_starts_with_a_broken_config_and_says_so(
    decisions: Path, isolated_dirs: tuple[Path, Path]
) -> None:
    _cache, config_dir = isolated_dirs
    write_config(config_dir, "this is = = not toml")
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        messages = [n.message for n in app._notifications]
        assert any("not valid TOML" in m for m in messages)
        assert app.screen.query_one(DetailPane).adr is not None


def test_choose_folder_finds_the_adr_folder_of_a_repository(decisions: Path) -> None:
    repo = decisions.parent.parent
    assert choose_folder(str(repo)) == (decisions.resolve(), False, "", ())


def test_no_adr_folder_opens_the_example_collection(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    folder, is_example, notice, _refused = choose_folder(str(empty))  # type: ignore[misc]
    assert folder == EXAMPLE_DIR and is_example
    assert "example collection" in notice


def test_a_file_is_not_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "notes.md"
    file.write_text("# hi\n", encoding="utf-8")
    assert run_browser(str(file)) == 2
    assert "not a directory" in capsys.readouterr().err
    assert run_browser(str(tmp_path / "missing")) == 2
    assert "no such directory" in capsys.readouterr().err


async def test_example_collection_says_it_is_the_example(tmp_path: Path) -> None:
    app = AdrApp(EXAMPLE_DIR, is_example=True, notice="No ADR folder found; example shown.")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert "example" in app.sub_title
        assert any("example" in n.message for n in app._notifications)
        assert app.screen.query_one(DetailPane).adr is not None
