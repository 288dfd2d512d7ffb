"""Issue 7: every CLI command survives a folder of hostile files.

Exit status 0 (lint: 1 for problems found), no traceback, no escape or bell
byte in the output, and nothing written anywhere but the cache directory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import make_hostile_corpus, tree_state

FORBIDDEN_BYTES = (b"\x1b", b"\x07", b"\x9b", b"\x9d")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "adrs"
    make_hostile_corpus(folder)
    cwd = base / "cwd"
    cwd.mkdir()
    return {"base": base, "folder": folder, "cwd": cwd, "cache": base / "cache"}


def _run(hostile: dict[str, Path], *args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ)
    env["ADRTUI_CACHE_DIR"] = str(hostile["cache"])
    env["ADRTUI_CONFIG_DIR"] = str(hostile["base"] / "config")
    env["HOME"] = str(hostile["base"] / "home")
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "adrtui", *args],
        cwd=hostile["cwd"],
        env=env,
        capture_output=True,
        timeout=300,
    )


COMMANDS = [
    (("list", "{dir}", "--json"), 0),
    (("list", "{dir}"), 0),
    (("show", "2", "--dir", "{dir}"), 0),
    (("show", "1", "--dir", "{dir}", "--json"), 0),
    (("index", "{dir}"), 0),
    (("search", "use", "--dir", "{dir}", "--json"), 0),
    (("search", "clear screen", "--dir", "{dir}"), 0),
    (("search", '"unbalanced ( AND * status:', "--dir", "{dir}"), 0),
    (("lint", "{dir}"), 1),
    (("lint", "{dir}", "--json"), 1),
    (("graph", "{dir}", "--format", "mermaid"), 0),
    (("graph", "{dir}", "--format", "dot"), 0),
    (("graph", "{dir}", "--format", "json"), 0),
]


@pytest.mark.parametrize(("args", "expected"), COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_command_survives_hostile_folder(
    hostile: dict[str, Path], args: tuple[str, ...], expected: int
) -> None:
    before = tree_state(hostile["folder"])
    argv = [a.replace("{dir}", str(hostile["folder"])) for a in args]
    result = _run(hostile, *argv)
    assert result.returncode == expected, result.stderr.decode(errors="replace")
    assert b"Traceback" not in result.stderr
    for output in (result.stdout, result.stderr):
        for byte in FORBIDDEN_BYTES:
            assert byte not in output, f"{byte!r} reached the terminal"
    if "--json" in argv or "json" in argv:
        json.loads(result.stdout)
    assert tree_state(hostile["folder"]) == before, "the ADR folder was modified"
    assert list(hostile["cwd"].iterdir()) == [], "a file was created in the working directory"
    assert not Path("/tmp/adrtui-pwned").exists()


def test_every_hostile_file_is_listed_or_reported(hostile: dict[str, Path]) -> None:
    result = _run(hostile, "list", str(hostile["folder"]), "--json")
    records = json.loads(result.stdout)
    paths = {record["path"] for record in records}
    assert "0006-binary.md" in paths and "0005-empty.md" in paths
    assert "sub/0021-nested.md" in paths
    by_path = {record["path"]: record for record in records}
    assert by_path["0004-python-object.md"]["warnings"], "a python tag must be a warning"
    assert by_path["0005-empty.md"]["warnings"]
    assert by_path["0006-binary.md"]["warnings"]
    # Markup stays literal text in JSON.
    assert "[@click=app.quit]" in by_path["0001-markup-title.md"]["title"]
    # Nothing but the cache directory appeared beside the folder.
    assert sorted(p.name for p in hostile["base"].iterdir()) in (
        ["adrs", "cwd"],
        ["adrs", "cache", "cwd"],
    )
