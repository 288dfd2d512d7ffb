"""Live reload: changes made outside the app arrive as batches of ADR paths, and stop cleanly."""

from __future__ import annotations

import dataclasses
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from watchfiles import Change

from adrtui.domain.collection.settings import DEFAULT_SETTINGS, Settings, load_settings
from adrtui.domain.collection.watch import FolderChanges, WatchError, classify, watch_folder
from adrtui.domain.writing.checked import read_file, write_atomic

#: A hang guard, not a performance assertion: batches normally arrive in ~0.1 s, but a
#: loaded machine (CI, parallel runs) may take seconds. Nothing here sleeps a fixed time:
#: every wait polls for its condition until this deadline.
DEADLINE = 60.0
#: How long to wait for a batch before doing again what should cause one (a file written
#: before the watch on its folder is in place is not reported: it is written again).
RETRY = 0.5
PROBE = "0000-probe.md"


class Watcher:
    """Runs :func:`watch_folder` in a thread, as the app does, and collects its batches."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.stop = threading.Event()
        self.batches: queue.Queue[FolderChanges | BaseException] = queue.Queue()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            for batch in watch_folder(self.root, self.stop, debounce_ms=100, step_ms=20):
                self.batches.put(batch)
        except BaseException as exc:  # surfaced to the test
            self.batches.put(exc)

    def wait_for(
        self,
        done: Callable[[FolderChanges], bool],
        *,
        again: Callable[[], object] | None = None,
        probe: bool = False,
    ) -> list[FolderChanges]:
        """Batches received until one satisfies ``done`` (fails after the deadline).

        ``again`` is called every :data:`RETRY` seconds without a batch: it repeats the
        change awaited, for changes the watch may miss while it settles (a file in a
        folder created a moment ago). The start-up probe is left out of every batch
        (unless ``probe``: the start-up waits for it).
        """
        seen: list[FolderChanges] = []
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            try:
                item = self.batches.get(timeout=RETRY)
            except queue.Empty:
                if again is not None:
                    again()
                continue
            if isinstance(item, BaseException):
                raise item
            if not probe:
                item = _without_probe(item)
                if not item:
                    continue
            seen.append(item)
            if done(item):
                return seen
        pytest.fail(f"no matching batch within {DEADLINE}s; got {seen}")

    def start(self) -> None:
        """Start and wait until the watch is live (a probe file is reported, then its removal)."""
        self.thread.start()
        probe = self.root / PROBE

        def write_probe() -> None:
            probe.write_text(f"probe {time.monotonic()}\n")

        write_probe()
        self.wait_for(lambda b: PROBE in b.changed, again=write_probe, probe=True)
        probe.unlink()
        self.wait_for(lambda b: PROBE in b.deleted, probe=True)


def _without_probe(batch: FolderChanges) -> FolderChanges:
    """The batch without the start-up probe (a late event about it is no test's business)."""
    if PROBE not in (*batch.added, *batch.modified, *batch.deleted):
        return batch
    return dataclasses.replace(
        batch,
        added=tuple(p for p in batch.added if p != PROBE),
        modified=tuple(p for p in batch.modified if p != PROBE),
        deleted=tuple(p for p in batch.deleted if p != PROBE),
    )


@pytest.fixture
def watcher(tmp_path: Path) -> Iterator[Watcher]:
    root = tmp_path / "adr"
    root.mkdir()
    running = Watcher(root)
    running.start()
    yield running
    running.stop.set()
    running.thread.join(DEADLINE)
    assert not running.thread.is_alive(), "the watcher did not stop"


def test_created_modified_and_deleted_files_are_reported(watcher: Watcher) -> None:
    path = watcher.root / "0001-new.md"
    path.write_text("# 1. New\n")
    watcher.wait_for(lambda b: "0001-new.md" in b.added)

    path.write_text("# 1. New, edited\n")
    watcher.wait_for(lambda b: "0001-new.md" in b.changed and not b.deleted)

    path.unlink()
    batches = watcher.wait_for(lambda b: "0001-new.md" in b.deleted)
    assert "0001-new.md" not in batches[-1].changed


def test_files_in_subfolders_have_posix_relative_paths(watcher: Watcher) -> None:
    sub = watcher.root / "team a"
    sub.mkdir()
    target = sub / "0002-x.md"
    writes = [0]

    def write() -> None:
        writes[0] += 1
        target.write_text(f"# 2. X\n\nVersion {writes[0]}.\n")

    # A new folder may arrive as a rescan (which covers a file written into it before
    # the watch on it is in place) or as its file; either way, once the folder is
    # watched, a write to the file is reported by its POSIX path relative to the root.
    write()
    batches = watcher.wait_for(lambda b: "team a/0002-x.md" in b.changed, again=write)
    for batch in batches:
        for path in (*batch.added, *batch.modified, *batch.deleted):
            assert "\\" not in path and not path.startswith("/"), path
            assert path == "team a/0002-x.md", path


def test_a_git_pull_of_many_files_arrives_in_few_batches(watcher: Watcher) -> None:
    for n in range(1, 41):
        (watcher.root / f"{n:04d}-pulled.md").write_text(f"# {n}. Pulled\n")
    expected = {f"{n:04d}-pulled.md" for n in range(1, 41)}
    seen: set[str] = set()

    def all_seen(batch: FolderChanges) -> bool:
        seen.update(batch.changed)
        return expected <= seen

    batches = watcher.wait_for(all_seen)
    assert len(batches) < 40


def test_non_adr_files_and_temp_files_are_not_reported(watcher: Watcher) -> None:
    (watcher.root / "README.md").write_text("readme\n")
    (watcher.root / "diagram.png").write_bytes(b"\x89PNG")
    (watcher.root / ".0003-x.md.swp").write_text("swap\n")
    (watcher.root / "0003-real.md").write_text("# 3. Real\n")
    batches = watcher.wait_for(lambda b: "0003-real.md" in b.changed)
    reported = {path for b in batches for path in (*b.added, *b.modified, *b.deleted)}
    assert reported == {"0003-real.md"}


def test_an_atomic_save_is_one_change_of_the_real_file(watcher: Watcher) -> None:
    path = watcher.root / "0004-saved.md"
    path.write_text("# 4. Saved\n\n## Status\n\nProposed\n")
    watcher.wait_for(lambda b: "0004-saved.md" in b.changed)
    new_text = path.read_text().replace("Proposed", "Accepted")
    write_atomic(path, new_text, expected=read_file(path).snapshot)
    batches = watcher.wait_for(lambda b: "0004-saved.md" in b.changed)
    for batch in batches:
        assert set(batch.changed) | set(batch.deleted) <= {"0004-saved.md"}
        assert "0004-saved.md" not in batch.deleted


def test_a_removed_folder_asks_for_a_rescan(watcher: Watcher) -> None:
    sub = watcher.root / "old"
    sub.mkdir()
    (sub / "0005-x.md").write_text("# 5\n")
    # A new directory may arrive as one "rescan" batch rather than the file in it.
    watcher.wait_for(lambda b: b.rescan or "old/0005-x.md" in b.changed)
    os.rename(sub, watcher.root.parent / "moved-away")
    watcher.wait_for(lambda b: b.rescan or "old/0005-x.md" in b.deleted)


def test_stop_ends_the_watch_promptly(tmp_path: Path) -> None:
    running = Watcher(tmp_path)
    running.start()
    running.stop.set()
    running.thread.join(DEADLINE)
    assert not running.thread.is_alive()


def test_missing_folder_is_a_watch_error(tmp_path: Path) -> None:
    with pytest.raises(WatchError):
        next(watch_folder(tmp_path / "missing", threading.Event()))


def test_classify_uses_the_final_state_on_disk(tmp_path: Path) -> None:
    (tmp_path / "0001-kept.md").write_text("x")
    (tmp_path / "0002-new.md").write_text("x")
    raw = {
        (Change.deleted, str(tmp_path / "0001-kept.md")),
        (Change.added, str(tmp_path / "0001-kept.md")),
        (Change.added, str(tmp_path / "0002-new.md")),
        (Change.modified, str(tmp_path / "0002-new.md")),
        (Change.added, str(tmp_path / "0003-gone.md")),
        (Change.deleted, str(tmp_path / "0003-gone.md")),
        (Change.modified, str(tmp_path / "template.md")),
        (Change.modified, str(tmp_path / ".git" / "0009-x.md")),
        (Change.modified, str(tmp_path.parent / "0010-outside.md")),
    }
    changes = classify(tmp_path, raw)
    assert changes == FolderChanges(
        added=("0001-kept.md", "0002-new.md"), modified=(), deleted=("0003-gone.md",)
    )
    assert not classify(tmp_path, set())


# -- the repository's settings decide which files count -----------------------------------


def settings_for(repo: Path, text: str) -> Settings:
    """The settings ``text`` says, as read from ``repo/.adrtui.toml``."""
    (repo / ".git").mkdir(exist_ok=True)
    (repo / ".adrtui.toml").write_text(text)
    return load_settings(repo)


def touch(root: Path, *rels: str) -> None:
    for rel in rels:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("# x\n")


def test_an_edit_of_a_folder_adr_readme_is_reported(tmp_path: Path) -> None:
    touch(tmp_path, "0001-use-x/README.md", "0002-use-y/index.md")
    raw = {
        (Change.modified, str(tmp_path / "0001-use-x" / "README.md")),
        (Change.modified, str(tmp_path / "0002-use-y" / "index.md")),
    }
    changes = classify(tmp_path, raw)
    assert changes == FolderChanges(modified=("0001-use-x/README.md", "0002-use-y/index.md"))


def test_a_folder_readme_that_appears_or_goes_asks_for_a_rescan(tmp_path: Path) -> None:
    touch(tmp_path, "0003-new/README.md")
    appeared = classify(tmp_path, {(Change.added, str(tmp_path / "0003-new" / "README.md"))})
    assert appeared == FolderChanges(rescan=True)
    gone = classify(tmp_path, {(Change.deleted, str(tmp_path / "0004-old" / "index.md"))})
    assert gone == FolderChanges(rescan=True)


def test_a_file_listed_by_its_neighbours_asks_for_a_rescan(tmp_path: Path) -> None:
    """A translation, an ADR beside its translation or folder, a file in that folder."""
    touch(tmp_path, "0001-a.md", "0001-a.fr.md", "0002-b.md", "0002-b/appendix.md", "0003-c.md")
    touch(tmp_path, "0004-d.md", "0004-d.expired.md")
    for rel in (
        "0001-a.fr.md",
        "0001-a.md",
        "0002-b/appendix.md",
        "0002-b.md",
        "0004-d.expired.md",  # a copy of 0004-d.md, which the scan sets aside
        "0004-d.md",
    ):
        assert classify(tmp_path, {(Change.added, str(tmp_path / rel))}) == FolderChanges(
            rescan=True
        ), rel
    # an ADR with no translation and no folder of its own is reported as itself
    plain = classify(tmp_path, {(Change.added, str(tmp_path / "0003-c.md"))})
    assert plain == FolderChanges(added=("0003-c.md",))


def test_the_top_readme_and_supporting_files_are_not_reported(tmp_path: Path) -> None:
    touch(tmp_path, "README.md", "0001-use-x/assets/notes.md", "resources/0002-x.md")
    touch(tmp_path, "Vendor/0003-x.md", "venv/0004-x.md")
    raw = {
        (Change.modified, str(tmp_path / "Vendor" / "0003-x.md")),
        (Change.modified, str(tmp_path / "venv" / "0004-x.md")),
        (Change.modified, str(tmp_path / "README.md")),
        (Change.added, str(tmp_path / "0001-use-x" / "assets" / "notes.md")),
        (Change.modified, str(tmp_path / "resources" / "0002-x.md")),
    }
    assert not classify(tmp_path, raw)


def test_files_matching_ignore_globs_are_not_reported(tmp_path: Path) -> None:
    root = tmp_path / "docs" / "adr"
    touch(root, "drafts/0005-x.md", "0006-y.wip.md", "wip/0007-z.md", "0008-kept.md")
    settings = settings_for(tmp_path, 'ignore = ["**/drafts/**", "*.wip.md", "docs/adr/wip/**"]')
    raw = {
        (Change.modified, str(root / rel))
        for rel in ("drafts/0005-x.md", "0006-y.wip.md", "wip/0007-z.md", "0008-kept.md")
    }
    assert classify(root, raw, settings) == FolderChanges(modified=("0008-kept.md",))
    # Without the settings, every one of them is an ADR.
    assert len(classify(root, raw).modified) == 4


def test_only_the_settings_folders_are_watched_when_the_root_holds_several(
    tmp_path: Path,
) -> None:
    touch(tmp_path, "docs/decisions/0001-a.md", "rfcs/0002-b.md", "notes/0003-c.md")
    settings = settings_for(tmp_path, 'folders = ["docs/decisions", "rfcs"]')
    raw = {
        (Change.modified, str(tmp_path / rel))
        for rel in ("docs/decisions/0001-a.md", "rfcs/0002-b.md", "notes/0003-c.md")
    }
    changes = classify(tmp_path, raw, settings)
    assert changes.modified == ("docs/decisions/0001-a.md", "rfcs/0002-b.md")


def test_an_edit_of_the_settings_file_in_the_folder_asks_for_a_rescan(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, "ignore = ['*.wip.md']")
    raw = {(Change.modified, str(tmp_path / ".adrtui.toml"))}
    assert classify(tmp_path, raw, settings) == FolderChanges(rescan=True)


def test_the_watch_judges_by_the_settings_of_the_moment(tmp_path: Path) -> None:
    """The app hands the watch its collection's settings once they are read."""
    root = tmp_path / "adr"
    (root / "0001-use-x").mkdir(parents=True)
    readme = root / "0001-use-x" / "README.md"
    readme.write_text("# 1. Use X\n")
    current = [DEFAULT_SETTINGS]
    stop = threading.Event()
    batches: queue.Queue[FolderChanges] = queue.Queue()

    def run() -> None:
        watched = watch_folder(root, stop, settings=lambda: current[0], debounce_ms=100, step_ms=20)
        for batch in watched:
            batches.put(batch)

    def wait_for(rel: str) -> list[FolderChanges]:
        seen: list[FolderChanges] = []
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            try:
                seen.append(batches.get(timeout=RETRY))
            except queue.Empty:
                if rel.endswith("README.md"):  # edits in place until the watch is live
                    with readme.open("a") as handle:
                        handle.write("More.\n")
                continue
            if rel in seen[-1].changed:
                return seen
        pytest.fail(f"{rel} was not reported; got {seen}")

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        wait_for("0001-use-x/README.md")  # an ADR's own folder: its README is the ADR
        current[0] = settings_for(tmp_path, 'ignore = ["**/drafts/**"]')
        touch(root, "drafts/0002-x.md")
        touch(root, "0003-y.md")
        batches_seen = wait_for("0003-y.md")
        assert not any("drafts/0002-x.md" in b.changed for b in batches_seen)
    finally:
        stop.set()
        thread.join(DEADLINE)
