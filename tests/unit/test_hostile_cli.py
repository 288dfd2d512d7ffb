"""Issue 7: every CLI command survives a folder of hostile files.

Exit status 0 (lint: 1 for problems found), no traceback, no escape or bell
byte in the output, and nothing written anywhere but the cache directory.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.hostile.capped import FORBIDDEN_BYTES, run_capped
from tests.hostile.corpus import SECRET, make_hostile_corpus, tree_state

#: Names in the corpus that reach outside the folder: never read, reported as ignored.
OUTSIDE = ("0030-passwd.md", "0031-environ.md", "0032-zero.md", "0033-outside.md", "0034-fifo.md")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile")
    folder = base / "adrs"
    make_hostile_corpus(folder, outside=True)
    cwd = base / "cwd"
    cwd.mkdir()
    return {"base": base, "folder": folder, "cwd": cwd, "cache": base / "cache"}


def _run(hostile: dict[str, Path], *args: str) -> subprocess.CompletedProcess[bytes]:
    """One command in a child under a memory cap, with the secret in its environment."""
    return run_capped(
        args,
        hostile["base"] / "run",
        cwd=hostile["cwd"],
        env={"ADRTUI_CACHE_DIR": str(hostile["cache"]), "ADRTUI_TEST_SECRET": SECRET},
        timeout=300,
    )


def _cache_bytes(cache: Path) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(cache.rglob("*")) if path.is_file())


COMMANDS = [
    (("list", "{dir}", "--json"), 0),
    (("list", "{dir}"), 0),
    (("show", "2", "--dir", "{dir}"), 0),
    (("show", "1", "--dir", "{dir}", "--json"), 0),
    (("index", "{dir}"), 0),
    (("search", "use", "--dir", "{dir}", "--json"), 0),
    (("search", "clear screen", "--dir", "{dir}"), 0),
    (("search", '"unbalanced ( AND * status:', "--dir", "{dir}"), 1),  # no match, as grep
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
    for leaked in (SECRET.encode(), b"root:x:0:0"):
        assert leaked not in result.stdout + result.stderr, "a file outside the folder was read"
        assert leaked not in _cache_bytes(hostile["cache"]), "outside content reached the cache"


def test_every_hostile_file_is_listed_or_reported(hostile: dict[str, Path]) -> None:
    result = _run(hostile, "list", str(hostile["folder"]), "--json")
    records = json.loads(result.stdout)
    paths = {record["path"] for record in records}
    assert "0006-binary.md" in paths and "0005-empty.md" in paths
    assert "sub/0021-nested.md" in paths
    assert not paths.intersection(OUTSIDE), "a file outside the folder was listed"
    stderr = result.stderr.decode("utf-8", "replace")
    for name in OUTSIDE:
        assert name in stderr, f"{name} is not reported as ignored"
    by_path = {record["path"]: record for record in records}
    assert by_path["0004-python-object.md"]["warnings"], "a python tag must be a warning"
    assert by_path["0005-empty.md"]["warnings"]
    assert by_path["0006-binary.md"]["warnings"]
    # Front matter that would expand or nest without bound: listed, with a warning.
    for name in ("0022", "0023", "0024", "0025", "0026"):
        (record,) = (r for r in records if r["path"].startswith(name))
        assert record["warnings"], f"{record['path']} has no warning"
    # Markup stays literal text in JSON.
    assert "[@click=app.quit]" in by_path["0001-markup-title.md"]["title"]
    # Nothing but the cache directory appeared beside the folder.
    assert sorted(p.name for p in hostile["base"].iterdir()) in (
        ["adrs", "cwd", "outside-secret.md", "run"],
        ["adrs", "cache", "cwd", "outside-secret.md", "run"],
    )
