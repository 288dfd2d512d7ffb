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
