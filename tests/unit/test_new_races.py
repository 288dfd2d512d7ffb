"""A new ADR's number is reserved atomically, whoever else is writing the folder.

The collection a writer holds may be minutes old (the app loaded it at start),
another ``adrtui new`` may be choosing the same number this instant, and a tool
that takes no lock (adr-tools, a shell ``touch``) may create a file with that
number meanwhile. Each new ADR still gets a number of its own, and nothing
anyone else wrote is lost. (The same races between processes are in
``tests/hostile/test_racing_writers.py``.)
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from adrtui.domain.collection.folder import load_collection
from adrtui.domain.writing import new as new_module
from adrtui.domain.writing.checked import (
    FileChangedError,
    Snapshot,
    create_file,
    folder_write_lock,
    remove_created,
)
from adrtui.domain.writing.new import NewAdrIncomplete, new_adr

RECORD = "# {n}. Record {n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy {n}.\n"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ADR_TEMPLATE", raising=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Three Nygard records, 0001-0003."""
    path = tmp_path / "repo" / "docs" / "adr"
    path.mkdir(parents=True)
    for n in (1, 2, 3):
        (path / f"{n:04d}-record-{n}.md").write_text(RECORD.format(n=n))
    return path


def numbers(folder: Path) -> list[str]:
    return sorted(p.name[:4] for p in folder.glob("[0-9][0-9][0-9][0-9]-*.md"))


def test_a_file_created_after_the_collection_was_read_keeps_its_number(folder: Path) -> None:
    collection = load_collection(folder)
    (folder / "0004-written-by-someone-else.md").write_text(RECORD.format(n=4))
    path = new_adr(collection, "Mine")
    assert path.name == "0005-mine.md"
    assert numbers(folder) == ["0001", "0002", "0003", "0004", "0005"]


def test_threads_sharing_one_old_collection_get_distinct_numbers(folder: Path) -> None:
    collection = load_collection(folder)
    count = 6
    start = threading.Barrier(count)
    made: list[Path] = []
    errors: list[BaseException] = []

    def create(i: int) -> None:
        start.wait()
        try:
            made.append(new_adr(collection, f"Thread {i}"))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion
            errors.append(error)

    threads = [threading.Thread(target=create, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(p.name[:4] for p in made) == [f"{n:04d}" for n in range(4, 4 + count)]
    assert numbers(folder) == [f"{n:04d}" for n in range(1, 4 + count)]


def test_a_rival_file_with_the_same_number_wins_and_ours_moves_on(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writer without the lock creates ``0004-rival.md`` as we create ``0004-mine.md``."""
    rival = folder / "0004-rival.md"
    real_create = new_module.create_file

    def create_with_a_rival(path: Path, text: str) -> Snapshot:
        written = real_create(path, text)
        if not rival.exists():
            rival.write_text("# 4. Rival\n\nNot ours.\n")
        return written

    monkeypatch.setattr(new_module, "create_file", create_with_a_rival)
    path = new_adr(load_collection(folder), "Mine")
    assert path.name == "0005-mine.md"
    assert not (folder / "0004-mine.md").exists()
    assert rival.read_text() == "# 4. Rival\n\nNot ours.\n"
    assert numbers(folder) == ["0001", "0002", "0003", "0004", "0005"]


def test_without_a_usable_cache_the_number_is_still_checked(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(blocker))
    collection = load_collection(folder)
    (folder / "0004-written-by-someone-else.md").write_text(RECORD.format(n=4))
    assert new_adr(collection, "Mine").name == "0005-mine.md"
    assert blocker.read_text() == "a file where the cache folder should be"


def test_the_lock_lives_in_the_cache_and_excludes_a_second_writer(
    folder: Path, tmp_path: Path
) -> None:
    before = sorted(p.name for p in folder.iterdir())
    with folder_write_lock(folder) as held:
        assert held
        with folder_write_lock(folder, timeout=0) as second:
            assert not second
    with folder_write_lock(folder, timeout=0) as again:
        assert again  # released on exit
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing beside the ADRs
    assert list((tmp_path / "cache").rglob("adr-files.lock"))


def test_giving_a_number_back_never_deletes_someone_elses_bytes(tmp_path: Path) -> None:
    path = tmp_path / "0004-mine.md"
    written = create_file(path, "# 4. Mine\n")
    path.write_text("# 4. Mine\n\nAn editor already saved this.\n")
    assert not remove_created(path, written)
    assert path.read_text() == "# 4. Mine\n\nAn editor already saved this.\n"
    path.write_text("# 4. Mine\n")
    assert remove_created(path, written)
    assert not path.exists()


def test_supersede_refuses_an_old_adr_changed_between_read_and_write(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer saves the old ADR after the new one is created: nothing is lost."""
    collection = load_collection(folder)
    old = collection.find("2")[0]
    theirs = RECORD.format(n=2).replace("Why 2.", "Why 2, as edited by someone else.")
    real_create = new_module.create_file

    def create_then_someone_edits(path: Path, text: str) -> Snapshot:
        written = real_create(path, text)
        old.path.write_text(theirs)
        return written

    monkeypatch.setattr(new_module, "create_file", create_then_someone_edits)
    with pytest.raises(NewAdrIncomplete) as caught:
        new_adr(collection, "Replacement", supersedes=old)
    message = str(caught.value)
    assert "0004-replacement.md" in message and "not marked superseded" in message
    assert "changed on disk" in message
    assert isinstance(caught.value.__cause__, FileChangedError)
    assert old.path.read_text() == theirs  # their save is kept, byte for byte
    assert caught.value.path.read_text().startswith("# 4. Replacement")


def test_supersede_of_an_old_adr_changed_before_the_key_creates_nothing(folder: Path) -> None:
    collection = load_collection(folder)
    old = collection.find("2")[0]
    theirs = RECORD.format(n=2) + "\nSaved by another editor.\n"
    old.path.write_text(theirs)
    with pytest.raises(FileChangedError, match="changed on disk"):
        new_adr(collection, "Replacement", supersedes=old)
    assert old.path.read_text() == theirs
    assert numbers(folder) == ["0001", "0002", "0003"]


async def test_in_app_a_takes_the_next_free_number_after_another_writer(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app read the folder at start; ``adrtui new`` in another terminal took 0004 since."""
    from adrtui.ui.screens.main import MainScreen
    from tests.ui.editing_helpers import FakeEditor, make_app
    from tests.ui.helpers import settle

    editor = FakeEditor(tmp_path, monkeypatch)
    app = make_app(folder, watch=False)  # the app must not learn of it by watching
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        (folder / "0004-from-another-terminal.md").write_text(RECORD.format(n=4))
        await pilot.press("a", *"Mine", "enter")
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, MainScreen)
    assert (folder / "0005-mine.md").is_file()
    assert (folder / "0004-from-another-terminal.md").read_text() == RECORD.format(n=4)
    assert numbers(folder) == ["0001", "0002", "0003", "0004", "0005"]
    assert editor.calls[-1][-1] == str(folder / "0005-mine.md")


def test_supersede_writes_titles_as_typed_not_as_displayed(folder: Path) -> None:
    """Link labels written into files keep bidi and zero-width characters (shown ⟨U+…⟩
    on screen, but the file gets what the author typed)."""
    title = "Zero\u200bwidth \u202eoverride"
    collection = load_collection(folder)
    old = collection.find("2")[0]
    path = new_adr(collection, title, supersedes=old)
    assert f"# 4. {title}\n" in path.read_text(encoding="utf-8")
    assert f"[4. {title}]" in old.path.read_text(encoding="utf-8")
    assert "U+" not in path.read_text(encoding="utf-8") + old.path.read_text(encoding="utf-8")
