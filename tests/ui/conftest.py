"""Fixtures for driving the browser: an isolated config/cache, a small ADR folder, settling."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURE_DECISIONS = Path(__file__).parent / "fixtures" / "decisions"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Every UI test gets its own cache and config dirs (never the user's)."""
    cache = tmp_path / "cache"
    config = tmp_path / "config"
    cache.mkdir()
    config.mkdir()
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(cache))
    monkeypatch.setenv("ADRTUI_CONFIG_DIR", str(config))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return cache, config


@pytest.fixture
def decisions(tmp_path: Path) -> Path:
    """A copy of the six fixture ADRs (chain 2→5, a broken link, a markup title)."""
    folder = tmp_path / "repo" / "docs" / "decisions"
    shutil.copytree(FIXTURE_DECISIONS, folder)
    return folder
