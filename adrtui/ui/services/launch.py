"""``adrtui [DIR]``: find the ADR folder, then run the browser on it.

No folder found: the browser opens the example collection shipped in the
package and says so. A path that is not a directory is a usage error: a
message on stderr and exit status 2, before any screen is drawn.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from adrtui.domain.collection import EXAMPLE_DIR, find_adr_dir
from adrtui.domain.text import clean_line


def choose_folder(directory: str | None) -> tuple[Path, bool, str, tuple[str, ...]] | str:
    """``(folder, is_example, notice, refused)`` to open, or an error message for stderr.

    ``refused``: the repository's marker files that were read and not used, and why
    (shown with the settings' own problems)."""
    start = Path(directory) if directory else Path.cwd()
    if directory is not None and not start.is_dir():
        what = "no such directory" if not start.exists() else "not a directory"
        return f"adrtui: {what}: {clean_line(str(start))}"
    found = find_adr_dir(start)
    if found.folder is not None:
        return found.folder, False, "", found.refused
    notice = (
        f"No ADR folder found in {clean_line(str(start))} "
        "or the folders above it up to the repository root "
        "(tried .adr-dir, .log4brains.yml, doc/adr, docs/decisions, …). "
        "Showing the example collection shipped with adrtui."
    )
    return EXAMPLE_DIR, True, notice, found.refused


def cache_dir_from_env() -> Path | None:
    value = os.environ.get("ADRTUI_CACHE_DIR")
    return Path(value) if value else None


def run_browser(directory: str | None) -> int:
    """Run the app; returns the process exit status."""
    choice = choose_folder(directory)
    if isinstance(choice, str):
        print(choice, file=sys.stderr)
        return 2
    folder, is_example, notice, refused = choice
    from adrtui.ui.app import AdrApp

    app = AdrApp(
        folder,
        is_example=is_example,
        notice=notice,
        cache_dir=cache_dir_from_env(),
        refused=refused,
    )
    result = app.run()
    return int(result or 0)
