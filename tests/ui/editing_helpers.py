"""Helpers for driving the editor handoff in Pilot: a fake editor on $EDITOR, notifications."""

from __future__ import annotations

import json
import shlex
import sys
from pathlib import Path

import pytest

from adrtui.ui.app import AdrApp
from adrtui.ui.screens.main import MainScreen
from adrtui.ui.services.editor import direct_launcher
from adrtui.ui.widgets.adr_list import AdrList
from adrtui.ui.widgets.detail import DetailPane
from tests.ui.helpers import settle, wait_until

FAKE_EDITOR = Path(__file__).resolve().parents[1] / "fixtures" / "fake_editor.py"


class FakeEditor:
    """``$EDITOR`` set to ``tests/fixtures/fake_editor.py``; what it did is in ``calls``.

    ``as_vim=True`` names the editor ``vim`` (a wrapper script), so the app passes
    ``+LINE`` as it would to a real vim.
    """

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, as_vim: bool = False):
        self.log = tmp_path / "editor-calls.jsonl"
        self.monkeypatch = monkeypatch
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("FAKE_EDITOR_LOG", str(self.log))
        for name in ("FAKE_EDITOR_REPLACE", "FAKE_EDITOR_APPEND", "FAKE_EDITOR_EXIT"):
            monkeypatch.delenv(name, raising=False)
        command = f"{shlex.quote(sys.executable)} {shlex.quote(str(FAKE_EDITOR))}"
        if as_vim:
            bin_dir = tmp_path / "editor-bin"
            bin_dir.mkdir(exist_ok=True)
            wrapper = bin_dir / "vim"
            wrapper.write_text(f'#!/bin/sh\nexec {command} "$@"\n')
            wrapper.chmod(0o755)
            command = shlex.quote(str(wrapper))
        monkeypatch.setenv("EDITOR", command)

    def will(self, *, replace: str | None = None, append: str | None = None, exit: int = 0):
        if replace is not None:
            self.monkeypatch.setenv("FAKE_EDITOR_REPLACE", replace)
        if append is not None:
            self.monkeypatch.setenv("FAKE_EDITOR_APPEND", append)
        self.monkeypatch.setenv("FAKE_EDITOR_EXIT", str(exit))

    @property
    def calls(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [json.loads(line)["argv"] for line in self.log.read_text().splitlines()]


class Notes(list[str]):
    """Every notification the app shows, as ``title: message`` text."""

    def attach(self, app: AdrApp) -> Notes:
        original = app.notify

        def notify(message: str, *args: object, **kwargs: object) -> None:
            title = kwargs.get("title") or ""
            self.append(f"{title}: {message}" if title else str(message))
            original(message, *args, **kwargs)  # type: ignore[arg-type]

        app.notify = notify  # type: ignore[method-assign]
        return self


def make_app(folder: Path, **kwargs: object) -> AdrApp:
    """The app with the editor run directly (Pilot cannot suspend the terminal)."""
    return AdrApp(folder, launcher=direct_launcher, **kwargs)  # type: ignore[arg-type]


def main_screen(app: AdrApp) -> MainScreen:
    for screen in app.screen_stack:
        if isinstance(screen, MainScreen):
            return screen
    raise AssertionError("no main screen")


def listed(app: AdrApp) -> list[str]:
    return [adr.rel_path for adr in main_screen(app).query_one(AdrList).listing.adrs]


def shown(app: AdrApp):
    return main_screen(app).query_one(DetailPane).adr


async def select(pilot, rel_path: str) -> None:
    """Put the list cursor on ``rel_path`` as a user would (j from the top)."""
    app = pilot.app
    rows = listed(app)
    await pilot.press("g", *(["j"] * rows.index(rel_path)))
    await settle(pilot)
    assert shown(app).rel_path == rel_path


async def wait_index(pilot) -> None:
    screen = main_screen(pilot.app)
    await wait_until(pilot, lambda: screen.feed.index_state == "ready", "the index")


async def watching(pilot) -> None:
    """Wait until the watcher is live: a probe file written now is reported."""
    app = pilot.app
    screen = main_screen(app)
    folder = screen.folder
    probe = folder / "0099-probe.md"
    probe.write_text("# 99. Probe\n")
    await wait_until(pilot, lambda: "0099-probe.md" in listed(app), "the watcher to start")
    probe.unlink()
    await wait_until(pilot, lambda: "0099-probe.md" not in listed(app), "the probe to go")
    await settle(pilot)
