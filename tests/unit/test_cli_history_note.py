"""A command waiting for a first, long history read says why (at a terminal only)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest

from adrtui.cli import history as cli_history
from adrtui.domain import gitlog
from adrtui.domain.collection import load_collection
from adrtui.domain.gitlog import HistoryOutcome


class _Terminal(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def _slow_read(*args: object, **kwargs: object) -> HistoryOutcome:
    time.sleep(0.3)
    return HistoryOutcome(None, note="no git history: not a git repository")


@pytest.mark.parametrize("tty", [True, False])
def test_a_slow_first_read_is_said_on_a_terminal_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tty: bool
) -> None:
    (tmp_path / "0001-a.md").write_text("# 1. A\n\n## Status\n\nAccepted\n", encoding="utf-8")
    collection = load_collection(tmp_path)
    stderr = _Terminal(tty)
    monkeypatch.setattr("sys.stderr", stderr)
    monkeypatch.setattr(cli_history, "SAY_READING_AFTER", 0.01)
    monkeypatch.setattr(gitlog, "read_history", _slow_read)
    outcome = cli_history.history_outcome(collection)
    assert outcome.history is None
    said = "reading the git history" in stderr.getvalue()
    assert said is tty  # pipes and CI logs stay quiet
