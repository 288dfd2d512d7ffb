"""A record cache others could write is refused, and the person using adrtui is told.

The refusal itself lives in the domain (``tests/unit/test_cache_safety.py``);
here: the browser says so once, and the command line prints it on stderr,
while every ADR is still read and listed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from adrtui.domain.files import folder_cache_dir
from adrtui.ui.app import AdrApp
from adrtui.ui.widgets.adr_list import AdrList
from tests.ui.helpers import settle


def _shared_cache(folder: Path, cache: Path) -> Path:
    """The folder's cache directory, made writable by everyone (as a careless setup would)."""
    target = folder_cache_dir(folder.resolve(), cache)
    target.mkdir(parents=True)
    target.chmod(0o777)
    return target


async def test_the_browser_warns_once_that_the_cache_was_refused(
    decisions: Path, isolated_dirs: tuple[Path, Path]
) -> None:
    cache, _config = isolated_dirs
    _shared_cache(decisions, cache)
    app = AdrApp(decisions)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        assert len(app.screen.query_one(AdrList).listing.adrs) == 6
        warnings = [str(n.message) for n in app._notifications if "refused" in str(n.message)]
        assert len(warnings) == 1, warnings
        assert "writable by others" in warnings[0]


def test_the_command_line_warns_that_the_cache_was_refused(
    decisions: Path, isolated_dirs: tuple[Path, Path]
) -> None:
    cache, _config = isolated_dirs
    target = _shared_cache(decisions, cache)
    done = subprocess.run(
        [sys.executable, "-m", "adrtui", "list", str(decisions)],
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ),
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "adrtui: warning: cache folder" in done.stderr
    assert "writable by others" in done.stderr
    assert done.stdout.count("\n") >= 7  # header and every ADR
    assert not any(target.iterdir()), "nothing may be written into a refused cache"
