"""Taking an ADR elsewhere: `p` pages it (glow, $PAGER, less), `Y` copies its number,
title, a Markdown link or its path; file names never reach a shell."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path

import pytest

from adrtui.domain.parsing import parse_file
from adrtui.ui.screens.copy_menu import CopyMenu
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.services.copying import copy_choices, markdown_link
from adrtui.ui.services.opening import PagerNotFound, pager_argv
from tests.ui.editing_helpers import FAKE_EDITOR, Notes, make_app, select
from tests.ui.helpers import settle, wait_until


def _tool(bin_dir: Path, name: str) -> Path:
    bin_dir.mkdir(exist_ok=True)
    tool = bin_dir / name
    tool.write_text("#!/bin/sh\nexit 0\n")
    tool.chmod(0o755)
    return tool


def test_glow_is_preferred_when_on_path(tmp_path: Path) -> None:
    glow = _tool(tmp_path / "bin", "glow")
    _tool(tmp_path / "bin", "less")
    env = {"PATH": str(tmp_path / "bin"), "PAGER": "most"}
    assert pager_argv("x.md", env) == [str(glow), "-p", os.path.abspath("x.md")]


def test_pager_is_split_and_the_file_is_one_absolute_argument(tmp_path: Path) -> None:
    _tool(tmp_path / "bin", "less")
    name = tmp_path / "-rf $(touch pwned); `x` & y.md"
    env = {"PATH": str(tmp_path / "bin"), "PAGER": "less -R --quit-if-one-screen"}
    assert pager_argv(name, env) == ["less", "-R", "--quit-if-one-screen", str(name)]


def test_without_pager_less_then_more(tmp_path: Path) -> None:
    less = _tool(tmp_path / "bin", "less")
    assert pager_argv("a.md", {"PATH": str(tmp_path / "bin")})[:2] == [str(less), "-R"]
    less.unlink()
    more = _tool(tmp_path / "bin", "more")
    assert pager_argv("a.md", {"PATH": str(tmp_path / "bin")})[0] == str(more)
    more.unlink()
    with pytest.raises(PagerNotFound, match=r"set \$PAGER"):
        pager_argv("a.md", {"PATH": str(tmp_path / "bin")})


def test_markdown_link_escapes_the_title_and_encodes_the_target(tmp_path: Path) -> None:
    path = tmp_path / "0007-a (b) c.md"
    path.write_text("# 7. Use [brackets] \\ here\n\n## Status\n\nAccepted\n", encoding="utf-8")
    adr = parse_file(path, tmp_path)
    assert markdown_link(adr) == (
        "[ADR-0007: Use \\[brackets\\] \\\\ here](0007-a%20%28b%29%20c.md)"
    )
    keys = [(c.key, c.label) for c in copy_choices(adr)]
    assert keys == [("n", "Number"), ("t", "Title"), ("l", "Markdown link"), ("p", "Path")]


def test_an_adr_without_number_offers_no_number(tmp_path: Path) -> None:
    path = tmp_path / "use-x.md"
    path.write_text("# Use X\n", encoding="utf-8")
    adr = parse_file(path, tmp_path)
    assert markdown_link(adr) == "[Use X](use-x.md)"
    assert [c.key for c in copy_choices(adr)] == ["t", "l", "p"]


async def test_p_pages_the_selected_adr_with_its_path_as_one_argument(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "pager.jsonl"
    monkeypatch.setenv("FAKE_EDITOR_LOG", str(log))
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))  # no glow
    monkeypatch.setenv("PAGER", f"{shlex.quote(sys.executable)} {shlex.quote(str(FAKE_EDITOR))}")
    name = "0007-$(touch pwned) `x`.md"
    (decisions / name).write_text("# 7. Shell syntax\n\n## Status\n\nProposed\n")
    before = (decisions / name).read_bytes()
    monkeypatch.chdir(tmp_path)
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, name)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    calls = [json.loads(line)["argv"] for line in log.read_text().splitlines()]
    assert calls == [[str(decisions / name)]]
    assert (decisions / name).read_bytes() == before
    assert not list(tmp_path.rglob("pwned*"))


async def test_a_missing_pager_says_what_to_set(
    decisions: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("PAGER", "no-such-pager-here")
    app = make_app(decisions)
    notes = Notes().attach(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await settle(pilot)
        assert app.is_running
    assert any("no-such-pager-here" in n and "$PAGER" in n for n in notes), notes


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("n", "ADR-0002"),
        ("t", "Use PostgreSQL"),
        ("l", "[ADR-0002: Use PostgreSQL](0002-use-postgresql.md)"),
        ("p", "{folder}/0002-use-postgresql.md"),
        ("enter", "ADR-0002"),  # the first row
    ],
)
async def test_shift_y_copies_what_is_chosen(decisions: Path, key: str, expected: str) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select(pilot, "0002-use-postgresql.md")
        await pilot.press("Y")
        await wait_until(pilot, lambda: isinstance(app.screen, CopyMenu), "the copy menu")
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.clipboard == expected.format(folder=decisions)


async def test_shift_y_then_escape_copies_nothing(decisions: Path) -> None:
    app = make_app(decisions)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("Y")
        await wait_until(pilot, lambda: isinstance(app.screen, CopyMenu), "the copy menu")
        await pilot.press("j", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.clipboard == ""
