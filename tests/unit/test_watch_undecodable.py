"""A file name that is not UTF-8 must not switch live reload off.

watchfiles stops for good ("Unable to decode path") as soon as anything
touches such a file, even a read; the watcher then says "rescan" once and goes
on by polling, reporting the same batches.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from adrtui.domain.collection import watch as watch
from tests.unit.test_watch import Watcher


@pytest.fixture
def odd_watcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Watcher]:
    monkeypatch.setattr(watch, "POLL_SECONDS", 0.1)
    root = tmp_path / "adr"
    root.mkdir()
    odd = os.fsencode(root) + b"/0002-caf\xe9.md"
    with open(odd, "wb") as handle:
        handle.write(b"# 2. Caf\xe9\n")
    running = Watcher(root)
    running.start()
    yield running
    running.stop.set()
    running.thread.join(timeout=5)


def test_reading_a_non_utf8_named_file_keeps_live_reload_on(odd_watcher: Watcher) -> None:
    root = odd_watcher.root
    odd = os.fsencode(root) + b"/0002-caf\xe9.md"
    with open(odd, "rb") as handle:
        handle.read()  # what parsing it does: watchfiles gives up here (when told of reads)
    with open(odd, "ab") as handle:
        handle.write(b"\nEdited.\n")  # an edit of it stops watchfiles in any case
    odd_watcher.wait_for(lambda batch: batch.rescan)
    (root / "0003-new.md").write_text("# 3. New\n")
    odd_watcher.wait_for(lambda batch: "0003-new.md" in batch.added)
    (root / "0003-new.md").write_text("# 3. New, longer title\n")
    odd_watcher.wait_for(lambda batch: "0003-new.md" in batch.modified)
    os.unlink(os.fsencode(root) + b"/0002-caf\xe9.md")
    odd_watcher.wait_for(lambda batch: "0002-caf\udce9.md" in batch.deleted)
    assert odd_watcher.thread.is_alive()
