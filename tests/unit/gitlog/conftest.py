"""Fixtures shared by the history tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def git_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """History read again: tests/conftest.py turns git off for every test
    (``ADRTUI_GIT=0``) so that none reads the project's own, ever-changing history."""
    monkeypatch.delenv("ADRTUI_GIT", raising=False)
