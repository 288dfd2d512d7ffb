"""The cache directory and the record cache: reopening a folder re-reads only what changed."""

from __future__ import annotations

import dataclasses
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest

from adrtui.domain import fingerprints, parsing
from adrtui.domain.collection import records as cache_module
from adrtui.domain.collection.discovery import scan
from adrtui.domain.collection.folder import load_collection
from adrtui.domain.collection.records import RECORDS_FILE, RecordCache, load_records
from adrtui.domain.files import cache as cache_dirs
from adrtui.domain.files.cache import cache_root, folder_cache_dir, folder_key
from adrtui.domain.model import FieldSource
from adrtui.domain.parsing import parse_file
from adrtui.domain.relations.resolve import resolve_links

ADR = """---
status: accepted
date: 2024-02-02
deciders: [Ana Lima]
tags: [api]
---
# {title}

We decided on {title}. See [the other one](0002-b.md).
"""


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADRTUI_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "docs" / "adr"
    folder.mkdir(parents=True)
    for name, title in [("0001-a.md", "Alpha"), ("0002-b.md", "Beta"), ("0003-c.md", "Gamma")]:
        write(folder / name, ADR.format(title=title))
    return folder


def write(path: Path, text: str, *, age: float = 60.0) -> None:
    """Write a file as if ``age`` seconds ago (fresh files are re-read on purpose)."""
    path.write_text(text, encoding="utf-8")
    past = time.time() - age
    os.utime(path, (past, past))


class CountingParser:
    """``parse_file`` that counts the files it really reads."""

    def __init__(self) -> None:
        self.read: list[str] = []

    def __call__(self, path: Path, root: Path):
        self.read.append(path.name)
        return parse_file(path, root)


def load(folder: Path, parser: CountingParser):
    return load_records(folder, scan(folder).files, parser, resolve=resolve_links)


def test_cache_root_follows_the_environment_and_the_override(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert cache_root() == tmp_path / "cache"
    assert cache_root(tmp_path / "elsewhere") == tmp_path / "elsewhere"
    monkeypatch.delenv("ADRTUI_CACHE_DIR")
    assert cache_root().name.lower() in {"adrtui", "cache"}
    assert "adrtui" in str(cache_root()).lower()


def test_each_folder_has_its_own_directory_outside_the_repository(tmp_path: Path) -> None:
    one = tmp_path / "a" / "docs" / "adr"
    two = tmp_path / "b" / "docs" / "adr"
    assert folder_key(one) != folder_key(two)  # same name, different checkouts
    assert folder_key(one) == folder_key(Path(str(one) + "/"))
    assert folder_key(one).startswith("adr-")
    assert not str(folder_cache_dir(one)).startswith(str(tmp_path / "a"))


def test_a_symlinked_path_shares_the_cache_of_its_target(tmp_path: Path, folder: Path) -> None:
    link = tmp_path / "link"
    link.symlink_to(folder, target_is_directory=True)
    assert folder_key(link) == folder_key(folder)


def test_a_second_load_of_an_unchanged_folder_reads_no_file(folder: Path) -> None:
    first = CountingParser()
    records = load(folder, first)
    assert sorted(first.read) == ["0001-a.md", "0002-b.md", "0003-c.md"]
    second = CountingParser()
    again = load(folder, second)
    assert second.read == []
    assert again == records
    assert [dict(a.front_matter) for a in again] == [dict(a.front_matter) for a in records]
    assert [a.provenance for a in again] == [a.provenance for a in records]  # not compared by ==


def test_load_collection_uses_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_collection(folder)
    counting = CountingParser()
    monkeypatch.setattr(parsing, "parse_file", counting)
    second = load_collection(folder)
    assert counting.read == []
    assert second.adrs == first.adrs
    assert [link.path for link in second.adrs[0].links] == [
        link.path for link in first.adrs[0].links
    ]


def test_only_changed_and_new_files_are_read_and_removed_ones_forgotten(folder: Path) -> None:
    load(folder, CountingParser())
    write(folder / "0002-b.md", ADR.format(title="Beta, revised"), age=30)
    write(folder / "0004-d.md", ADR.format(title="Delta"))
    (folder / "0003-c.md").unlink()
    counting = CountingParser()
    records = load(folder, counting)
    assert sorted(counting.read) == ["0002-b.md", "0004-d.md"]
    assert [a.title for a in records] == ["Alpha", "Beta, revised", "Delta"]
    cache = RecordCache(folder)
    cache.load()
    assert sorted(cache.entries) == ["0001-a.md", "0002-b.md", "0004-d.md"]


def test_links_are_resolved_again_when_another_file_changes(folder: Path) -> None:
    load(folder, CountingParser())
    (folder / "0002-b.md").rename(folder / "0002-b-renamed.md")
    records = load(folder, CountingParser())
    alpha = records[0]
    (link,) = [link for link in alpha.links if link.target == "0002-b.md"]
    assert link.path is None  # the target is gone: not a stale resolution


def test_a_damaged_cache_file_is_a_cold_start(folder: Path) -> None:
    load(folder, CountingParser())
    target = folder_cache_dir(folder) / RECORDS_FILE
    target.write_bytes(b"\x80\x05garbage")
    counting = CountingParser()
    assert len(load(folder, counting)) == 3
    assert len(counting.read) == 3
    again = CountingParser()
    load(folder, again)
    assert again.read == []  # rewritten


class _Exploit:
    def __reduce__(self):
        return (os.system, ("touch pwned-by-cache",))


def test_a_planted_pickle_never_runs_code(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder_cache_dir(folder) / RECORDS_FILE
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps(({"format": 1}, None, {"x": _Exploit()})))
    monkeypatch.chdir(tmp_path)
    counting = CountingParser()
    assert len(load(folder, counting)) == 3
    assert not (tmp_path / "pwned-by-cache").exists()
    assert len(counting.read) == 3


def test_records_of_another_parser_version_are_not_served(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(folder, CountingParser())
    monkeypatch.setitem(fingerprints._memo, "parser", "another-parser")
    counting = CountingParser()
    load(folder, counting)
    assert len(counting.read) == 3


def test_an_unwritable_cache_still_loads(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    records = load_records(folder, scan(folder).files, parse_file, cache_dir=blocker)
    assert [a.title for a in records] == ["Alpha", "Beta", "Gamma"]


def test_nothing_is_written_in_the_adr_folder(folder: Path) -> None:
    before = sorted(p.name for p in folder.iterdir())
    load_collection(folder)
    load_collection(folder)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_a_file_rewritten_within_one_clock_tick_is_read_again(folder: Path) -> None:
    """Same size, same mtime (a coarse file-system clock): the cache must not be trusted."""
    target = folder / "0002-b.md"
    write(target, ADR.format(title="Beta 1"), age=0)
    stamp = target.stat().st_mtime_ns
    load(folder, CountingParser())
    target.write_text(ADR.format(title="Beta 2"), encoding="utf-8")
    os.utime(target, ns=(stamp, stamp))  # the second write kept the first one's mtime
    counting = CountingParser()
    assert [a.title for a in load(folder, counting)][1] == "Beta 2"
    assert counting.read == ["0002-b.md"]


def test_caches_of_deleted_or_long_unused_folders_are_pruned(tmp_path: Path) -> None:
    live, gone, stale = (tmp_path / name for name in ("live", "gone", "stale"))
    for folder in (live, gone, stale):
        folder.mkdir()
        write(folder / "0001-a.md", ADR.format(title="Alpha"))
        load_records(folder, scan(folder).files, parse_file)
    old = time.time() - cache_dirs.UNUSED_SECONDS - 3600
    os.utime(folder_cache_dir(stale) / cache_dirs.FOLDER_FILE, (old, old))
    shutil.rmtree(gone)
    later = time.time() + cache_dirs.PRUNE_EVERY_SECONDS + 1
    removed = cache_dirs.prune(now=later)
    assert sorted(removed) == sorted([folder_cache_dir(gone), folder_cache_dir(stale)])
    assert folder_cache_dir(live).is_dir()
    assert cache_dirs.prune(now=later + 60) == []  # at most once a day


def _with_provenance(adr):
    """The record as the parser describes it: where each field came from."""
    return dataclasses.replace(
        adr,
        provenance=(
            FieldSource("number", "1", "file name 0001-a.md", (("3", "line 7: # ADR 3: heading"),)),
            FieldSource("status", "accepted", "front matter status:"),
            FieldSource("title", "Alpha \x1b[31m", "line 6: # heading", (("", "front matter"),)),
        ),
    )


class ExplainingParser(CountingParser):
    """``parse_file`` that fills ``provenance`` (until the parser does it itself)."""

    def __call__(self, path: Path, root: Path):
        return _with_provenance(super().__call__(path, root))


def test_provenance_survives_the_cache_and_a_warm_load_reads_no_file(folder: Path) -> None:
    first = ExplainingParser()
    records = load(folder, first)
    assert len(first.read) == 3
    second = ExplainingParser()
    again = load(folder, second)
    assert second.read == []  # provenance must not make every warm start cold
    assert again == records
    assert [a.provenance for a in again] == [a.provenance for a in records]
    assert all(isinstance(s, FieldSource) for a in again for s in a.provenance)
    assert again[0].provenance[0].rejected == (("3", "line 7: # ADR 3: heading"),)


def test_provenance_survives_a_fresh_cache_object(folder: Path) -> None:
    """Unresolved records (``RecordCache.get``) carry provenance too, not only resolved ones."""
    load(folder, ExplainingParser())
    cache = RecordCache(folder)
    cache.load()
    entry = cache.entries["0001-a.md"]
    adr = cache.get("0001-a.md", entry[0], entry[1])
    assert adr is not None
    assert adr.provenance[1] == FieldSource("status", "accepted", "front matter status:")


def test_the_cache_file_holds_no_class_but_dates(folder: Path) -> None:
    """Provenance is stored as plain tuples: the safe unpickler still refuses every class."""
    load(folder, ExplainingParser())
    data = (folder_cache_dir(folder) / RECORDS_FILE).read_bytes()
    header, _, entries = cache_module.safe_loads(data)
    assert header["format"] == cache_module.RECORD_FORMAT
    with pytest.raises(pickle.UnpicklingError):
        cache_module.safe_loads(pickle.dumps(FieldSource("status", "x", "y")))
