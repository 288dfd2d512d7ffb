"""File names handed out (clipboard, editor, scripts) whatever bytes they hold.

A file name that is not valid UTF-8 reaches Python as lone surrogates; the
clipboard (OSC 52) carries UTF-8, so ``y`` copying it raw crashed the app. It is
copied shell-quoted (``$'…'``, ``\\xNN`` per raw byte, which bash, zsh and ksh
read back as the real name) and the user is told the copy differs. The editor
gets the real bytes as its argument.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from adrtui.ui.app import AdrApp
from adrtui.ui.state.paths import copyable_path
from tests.ui.editing_helpers import FakeEditor, make_app, shown
from tests.ui.helpers import settle

BODY = b"# 3. Cafe\n\n## Status\n\nAccepted\n\n## Context\n\nBytes in the name.\n"


def bytes_named(folder: Path, name: bytes) -> Path:
    """Create an ADR whose file name is ``name`` (raw bytes), the only one in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
        handle.write(BODY)
    return Path(os.fsdecode(os.path.join(os.fsencode(folder), name)))


def messages(app: AdrApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_y_on_a_latin1_file_name_copies_a_shell_quoted_path_and_says_so(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "repo" / "docs" / "adr"
    path = bytes_named(folder, b"0003-caf\xe9.md")
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.is_running
        expected = "$'" + str(folder) + "/0003-caf\\xe9.md'"
        assert app.clipboard == expected
        assert any("not valid UTF-8" in m and expected in m for m in messages(app))
        # The copy, pasted into a shell, names the real file.
        assert _shell_reads(app.clipboard) == os.fsencode(path)


async def test_y_on_a_plain_name_copies_it_unchanged_and_without_a_warning(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "repo" / "docs" / "adr"
    path = bytes_named(folder, "0003-café [draft].md".encode())
    app = AdrApp(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == str(path)
        assert messages(app)[-1] == f"Copied {path}"  # brackets shown, not read as markup


async def test_e_on_a_latin1_file_name_hands_the_editor_the_real_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = FakeEditor(tmp_path, monkeypatch)
    editor.will(replace="Accepted=>Deprecated")
    folder = tmp_path / "repo" / "docs" / "adr"
    path = bytes_named(folder, b"0003-caf\xe9.md")
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running
        assert shown(app).status == "deprecated"
    assert [os.fsencode(arg) for arg in editor.calls[-1]] == [os.fsencode(path)]
    assert os.listdir(os.fsencode(folder)) == [b"0003-caf\xe9.md"]


def test_control_characters_are_escaped_not_copied_raw() -> None:
    text, differs = copyable_path(Path("/adr/0004-a\x1b[31mred\tb'c.md"))
    assert differs
    assert text == "$'/adr/0004-a\\x1b[31mred\\x09b\\'c.md'"
    assert "\x1b" not in text


def _shell_reads(quoted: str) -> bytes:
    """What bash makes of ``quoted`` as one word (skipped without bash)."""
    bash = "/bin/bash"
    if not os.path.exists(bash):
        pytest.skip("bash is not installed")
    done = subprocess.run(
        [bash, "-c", f"printf %s {quoted}"], capture_output=True, check=True, timeout=30
    )
    return done.stdout


def test_adrtui_new_prints_the_real_bytes_of_a_non_utf8_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    """``$(adrtui new …)`` must name the file that exists, not one with U+FFFD in it."""
    from adrtui.cli import main

    monkeypatch.delenv("ADR_TEMPLATE", raising=False)
    folder = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9", b"adr")))
    bytes_named(folder, b"0001-first.md")
    assert main(["new", "Second", "--dir", str(folder), "--no-edit"]) == 0
    printed = capsysbinary.readouterr().out
    assert printed == os.fsencode(folder) + b"/0002-second.md\n"
    assert os.path.isfile(printed.rstrip(b"\n"))
