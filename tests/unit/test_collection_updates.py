"""One loader and one update path: a change folds in the same way, links re-resolved,
whichever way it arrives (the watcher's paths, the editor's records, a new ADR, a
reload), and the browser loads with the CLI's loader."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from adrtui.domain.collection import (
    Collection,
    RecordFilter,
    apply_changes,
    by_number,
    load_collection,
    number_order,
)
from adrtui.domain.model import Adr
from adrtui.domain.parsing import parse_file

FIRST = "# 1. First\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nOne.\n"
SECOND = "# 2. Second\n\nDate: 2024-01-02\n\n## Status\n\n{status}\n\n## Context\n\nTwo.\n"
SUPERSEDES = "Accepted\n\nSupersedes [1. First](0001-first.md)"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "adr"
    folder.mkdir()
    write(folder / "0001-first.md", FIRST)
    write(folder / "0002-second.md", SECOND.format(status="Accepted"))
    return folder


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    past = time.time() - 60  # fresh files are re-read on purpose (racy stats)
    os.utime(path, (past, past))


def links(collection: Collection) -> dict[str, list[tuple[str, str | None, bool]]]:
    return {
        adr.rel_path: sorted((link.kind, link.path, link.derived) for link in adr.links)
        for adr in collection
    }


def superseded_by(collection: Collection) -> list[str | None]:
    first = collection.get("0001-first.md")
    assert first is not None
    return [link.path for link in first.links_of("superseded-by")]


def test_an_edit_gives_the_same_links_from_the_watcher_and_from_the_editor(folder: Path) -> None:
    before = load_collection(folder)
    assert superseded_by(before) == []
    write(folder / "0002-second.md", SECOND.format(status=SUPERSEDES))

    # The watcher reports a path: the file is re-read.
    watched = apply_changes(before, ["0002-second.md"])
    # The editor hands back the record it parsed after writing.
    record = parse_file(folder / "0002-second.md", folder.resolve())
    edited = apply_changes(before, ["0002-second.md"], records={"0002-second.md": record})
    # A new record given whole, and a full reload.
    replaced = before.replace([before.adrs[0], record])
    reloaded = load_collection(folder)

    assert watched is not None and edited is not None
    for collection in (watched, edited, replaced, reloaded):
        assert superseded_by(collection) == ["0002-second.md"]  # the inverse appears
    assert links(watched) == links(edited) == links(replaced) == links(reloaded)

    # And it goes away again the same way.
    write(folder / "0002-second.md", SECOND.format(status="Accepted"))
    undone = apply_changes(watched, ["0002-second.md"])
    assert undone is not None and superseded_by(undone) == []
    assert links(undone) == links(load_collection(folder))


def test_a_deleted_or_new_adr_re_resolves_the_others(folder: Path) -> None:
    write(folder / "0002-second.md", SECOND.format(status=SUPERSEDES))
    collection = load_collection(folder)
    assert superseded_by(collection) == ["0002-second.md"]
    (folder / "0002-second.md").unlink()
    gone = apply_changes(collection, ["0002-second.md"])
    assert gone is not None and superseded_by(gone) == []
    write(folder / "0003-third.md", SECOND.format(status=SUPERSEDES).replace("2. Second", "3. T"))
    added = apply_changes(gone, ["0003-third.md"])
    assert added is not None and superseded_by(added) == ["0003-third.md"]
    assert [adr.rel_path for adr in added] == ["0001-first.md", "0003-third.md"]


def test_nothing_changed_is_none(folder: Path) -> None:
    collection = load_collection(folder)
    assert apply_changes(collection, ["0001-first.md"]) is None
    assert apply_changes(collection, ["0099-never.md"]) is None


def test_settings_apply_to_every_update(folder: Path) -> None:
    (folder / ".adrtui.toml").write_text('[statuses]\nadopted = "accepted"\n')
    collection = load_collection(folder)
    write(folder / "0002-second.md", SECOND.format(status="Adopted"))
    updated = apply_changes(collection, ["0002-second.md"])
    assert updated is not None
    second = updated.get("0002-second.md")
    assert second is not None and second.status == "accepted"


def test_the_browser_loads_with_the_same_loader(folder: Path) -> None:
    from adrtui.ui.services.loading import read_collection

    write(folder / "0002-second.md", SECOND.format(status=SUPERSEDES))
    assert links(read_collection(folder)) == links(load_collection(folder))


def test_a_slow_cold_load_shows_the_records_read_so_far(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for number in range(3, 60):
        write(folder / f"{number:04d}-more.md", f"# {number}. More\n")
    partial: list[Collection] = []

    def slow(path: Path, root: Path) -> Adr:
        time.sleep(0.002)
        return parse_file(path, root)

    monkeypatch.setattr("adrtui.domain.collection.folder._parse_file", slow)
    done = load_collection(folder, on_partial=partial.append, partial_after=0.01)
    # The records read so far, then every record while links are resolved.
    assert len(partial) == 2 and 0 < len(partial[0]) < len(done) == len(partial[1]) == 59
    assert partial[0].adrs == sorted(partial[0].adrs, key=by_number)
    assert [adr.rel_path for adr in partial[1]] == [adr.rel_path for adr in done]
    partial.clear()
    # A warm load of an unchanged folder has its links cached: no partial collection.
    again = load_collection(folder, on_partial=partial.append, partial_after=0.01)
    assert partial == [] and links(again) == links(done)


def test_one_number_order_and_one_filter(folder: Path) -> None:
    collection = load_collection(folder)
    assert [by_number(adr) for adr in collection] == sorted(
        number_order(adr.number, adr.rel_path) for adr in collection
    )
    assert RecordFilter(status="ACCEPTED").select(collection) == collection.adrs
    assert RecordFilter(status="none").select(collection) == []
    assert not RecordFilter().active
    assert RecordFilter(tag="api").select(collection) == []
