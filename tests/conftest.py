"""Shared fixtures: where the real ADR corpora are (and skipping cleanly without them)."""

from __future__ import annotations

from pathlib import Path

import pytest

#: ``../shared/corpora`` beside the repository (CI clones it there; users don't have it).
CORPORA = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The real ADR corpora folder (read-only); the test is skipped when it is absent."""
    if not CORPORA.is_dir():
        pytest.skip("../shared/corpora is not present beside the repository")
    return CORPORA.resolve()


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Keep every test's cache and config out of the real user's directories.

    Loading a collection writes a record cache and an index; tests must neither
    read a developer's cache nor leave files in ``~/.cache``. Tests that need a
    specific location set the variables again themselves.
    """
    base = tmp_path_factory.mktemp("user-dirs")
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", str(base / "config"))
    # The project is itself a git repository, so its fixtures have a history that
    # changes with every commit: no test reads it. History tests build their own
    # repository under tmp_path and delete this variable.
    monkeypatch.setenv("ADRTUI_GIT", "0")
