"""The real editor handoff, in a real terminal: adrtui in tmux, ``e``, the app comes back.

Pilot cannot suspend the app, so this is the one test of ``App.suspend()``
around the editor: the terminal is handed over, the editor edits the file,
and the app redraws with the ADR re-read. Skipped where tmux is not installed.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.ui.helpers import poll_until

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=False, capture_output=True, text=True, timeout=10
    ).stdout


def wait_for(session: str, text: str) -> str:
    screens = [""]

    def shows() -> bool:
        screens.append(tmux("capture-pane", "-t", session, "-p"))
        return text in screens[-1]

    try:
        poll_until(shows, f"{text!r} on screen")
    except pytest.fail.Exception:
        pytest.fail(f"{text!r} never appeared on screen:\n{screens[-1]}")
    return screens[-1]


def test_e_hands_the_terminal_to_the_editor_and_takes_it_back(
    decisions: Path, tmp_path: Path
) -> None:
    # The "editor": a script that waits for a key (it owns the terminal), then edits.
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        'echo "EDITOR RUNNING ON $1"\n'
        "read answer\n"
        "sed -i 's/Proposed/Deprecated/' \"$1\"\n"
    )
    editor.chmod(0o755)
    session = f"adrtui-test-{uuid.uuid4().hex[:8]}"
    env = {
        "ADRTUI_CACHE_DIR": os.environ["ADRTUI_CACHE_DIR"],
        "ADRTUI_CONFIG_DIR": os.environ["ADRTUI_CONFIG_DIR"],
        "EDITOR": str(editor),
        "TERM": "xterm-256color",
    }
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    command = (
        f"cd {shlex.quote(str(decisions))} && env -u VISUAL {exports} "
        f"{shlex.quote(sys.executable)} -m adrtui"
    )
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", command)
    try:
        wait_for(session, "Record architecture decisions")
        tmux("send-keys", "-t", session, "j", "j", "j")
        wait_for(session, "ADR 0004")
        tmux("send-keys", "-t", session, "e")
        wait_for(session, "EDITOR RUNNING ON")
        tmux("send-keys", "-t", session, "Enter")
        # Back in the app: redrawn, same ADR selected, its new status read back
        # (the list and the header show the status word, lower case).
        screen = wait_for(session, "deprecated")
        assert "ADR 0004" in screen and "Decisions" in screen
        tmux("send-keys", "-t", session, "q")
        poll_until(lambda: session not in tmux("list-sessions"), "adrtui to quit")
    finally:
        tmux("kill-session", "-t", session)
    assert "Deprecated" in (decisions / "0004-markup-in-title.md").read_text()


def test_p_hands_the_terminal_to_the_pager_and_takes_it_back(
    decisions: Path, tmp_path: Path
) -> None:
    # The "pager": waits for a key (it owns the terminal), like less until `q`.
    pager = tmp_path / "pager.sh"
    pager.write_text('#!/bin/sh\necho "PAGER RUNNING ON $1"\nread answer\n')
    pager.chmod(0o755)
    session = f"adrtui-test-{uuid.uuid4().hex[:8]}"
    env = {
        "ADRTUI_CACHE_DIR": os.environ["ADRTUI_CACHE_DIR"],
        "ADRTUI_CONFIG_DIR": os.environ["ADRTUI_CONFIG_DIR"],
        "PAGER": str(pager),
        "PATH": f"{tmp_path / 'no-glow'}:/usr/bin:/bin",  # no glow: $PAGER is used
        "TERM": "xterm-256color",
    }
    exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
    command = (
        f"cd {shlex.quote(str(decisions))} && env {exports} {shlex.quote(sys.executable)} -m adrtui"
    )
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "36", command)
    try:
        wait_for(session, "Record architecture decisions")
        tmux("send-keys", "-t", session, "j")
        wait_for(session, "ADR 0002")
        tmux("send-keys", "-t", session, "p")
        screen = wait_for(session, "PAGER RUNNING ON")
        assert str(decisions / "0002-use-postgresql.md") in screen.replace("\n", "")
        tmux("send-keys", "-t", session, "Enter")
        screen = wait_for(session, "Decisions")  # the app is back, redrawn
        assert "ADR 0002" in screen
        tmux("send-keys", "-t", session, "q")
        poll_until(lambda: session not in tmux("list-sessions"), "adrtui to quit")
    finally:
        tmux("kill-session", "-t", session)
