"""A cache someone else can write is never trusted: it could run code as the user.

Whoosh unpickles its table of contents and the record cache is a pickle, so a
cache folder or file that is not the user's own, or that group or others may
write, is refused (as git refuses a repository it does not own).
"""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from adrtui.domain.collection.discovery import scan
from adrtui.domain.collection.records import RECORDS_FILE, load_records
from adrtui.domain.files.cache import ensure_dir, folder_cache_dir, private_dir, unsafe_reason
from adrtui.domain.parsing import parse_file
from adrtui.domain.relations.resolve import resolve_links

needs_root = pytest.mark.skipif(
    not hasattr(os, "getuid") or os.getuid() != 0, reason="chown to another uid needs root"
)
OTHER_UID = 4242


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_private_dir_creates_the_folder_and_its_missing_parents_private(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "folders" / "x"
    assert private_dir(target) is None
    assert target.is_dir()
    for folder in (tmp_path / "cache", tmp_path / "cache" / "folders", target):
        assert mode(folder) & 0o077 == 0, oct(mode(folder))
    assert ensure_dir(target)


@pytest.mark.parametrize(
    ("bits", "reason"), [(0o777, "writable by others"), (0o770, "writable by its group")]
)
def test_a_folder_others_can_write_is_refused(tmp_path: Path, bits: int, reason: str) -> None:
    target = tmp_path / "shared"
    target.mkdir()
    target.chmod(bits)
    assert private_dir(target) == reason
    assert not ensure_dir(target)


def test_a_folder_readable_by_others_is_fine(tmp_path: Path) -> None:
    target = tmp_path / "readable"
    target.mkdir()
    target.chmod(0o755)
    assert private_dir(target) is None


def test_a_file_or_symlink_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert private_dir(tmp_path / "file") == "not a directory"
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    assert private_dir(tmp_path / "link") == "a symbolic link"


@needs_root
def test_a_folder_owned_by_someone_else_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "theirs"
    target.mkdir(mode=0o700)
    os.chown(target, OTHER_UID, -1)
    assert private_dir(target) == f"owned by uid {OTHER_UID}"


def test_unsafe_reason_checks_files_too(tmp_path: Path) -> None:
    data = tmp_path / "records.pickle"
    data.write_bytes(b"x")
    data.chmod(0o644)
    assert unsafe_reason(data) is None
    data.chmod(0o666)
    assert unsafe_reason(data) == "writable by others"


# -- the record cache ----------------------------------------------------------------

ADR = "---\nstatus: accepted\n---\n# {title}\n\nWe decided on {title}.\n"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "repo" / "docs" / "adr"
    folder.mkdir(parents=True)
    past = 1_600_000_000
    for name in ("0001-a.md", "0002-b.md"):
        (folder / name).write_text(ADR.format(title=name), encoding="utf-8")
        os.utime(folder / name, (past, past))
    return folder


class Counting:
    """``parse_file`` counting the files it really reads."""

    def __init__(self) -> None:
        self.read = 0

    def __call__(self, path: Path, root: Path):
        self.read += 1
        return parse_file(path, root)


def load(folder: Path, notices: list[str] | None = None) -> int:
    """Load the folder; how many files were parsed (not served from the cache)."""
    parser = Counting()
    records = load_records(
        folder, scan(folder).files, parser, resolve=resolve_links, notices=notices
    )
    assert [adr.name for adr in records] == ["0001-a.md", "0002-b.md"]
    return parser.read


def test_the_cache_root_and_folder_cache_are_created_private(folder: Path) -> None:
    load(folder)
    cache = folder_cache_dir(folder)
    assert (cache / RECORDS_FILE).is_file()
    for path in (cache, cache.parent, cache.parent.parent):
        assert mode(path) & 0o077 == 0, (path, oct(mode(path)))


def test_a_private_cache_is_used_without_notices(folder: Path) -> None:
    assert load(folder) == 2
    notices: list[str] = []
    assert load(folder, notices) == 0
    assert notices == []


@pytest.mark.parametrize("target", ["folder", "file"])
def test_a_cache_others_can_write_is_neither_read_nor_written(folder: Path, target: str) -> None:
    load(folder)
    cache = folder_cache_dir(folder)
    records = cache / RECORDS_FILE
    (cache if target == "folder" else records).chmod(0o777 if target == "folder" else 0o666)
    before = records.stat()
    notices: list[str] = []
    assert load(folder, notices) == 2  # every file read again: nothing trusted
    assert len(notices) == 1
    assert "refused (writable by others): reading every file" in notices[0]
    assert str(cache if target == "folder" else records) in notices[0]
    os.utime(folder / "0001-a.md", (1_600_000_100, 1_600_000_100))
    assert load(folder, notices) == 2
    assert records.stat().st_mtime_ns == before.st_mtime_ns  # not written either
    assert len(notices) == 1  # said once


@needs_root
@pytest.mark.parametrize("target", ["folder", "file"])
def test_a_cache_owned_by_someone_else_is_refused(folder: Path, target: str) -> None:
    load(folder)
    cache = folder_cache_dir(folder)
    owned = cache if target == "folder" else cache / RECORDS_FILE
    os.chown(owned, OTHER_UID, -1)
    notices: list[str] = []
    assert load(folder, notices) == 2
    reason = f"owned by uid {OTHER_UID}"
    assert notices == [f"cache {target} {owned} refused ({reason}): reading every file"]


def test_a_symlink_in_place_of_the_records_file_is_refused(folder: Path, tmp_path: Path) -> None:
    load(folder)
    records = folder_cache_dir(folder) / RECORDS_FILE
    elsewhere = tmp_path / "planted.pickle"
    records.rename(elsewhere)
    records.symlink_to(elsewhere)
    notices: list[str] = []
    assert load(folder, notices) == 2
    assert notices == [f"cache file {records} refused (a symbolic link): reading every file"]


def test_without_a_notices_list_the_refusal_is_logged(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    load(folder)
    folder_cache_dir(folder).chmod(0o777)
    with caplog.at_level("WARNING", logger="adrtui.domain.collection.records"):
        load(folder)
        load(folder)
    assert "refused (writable by others)" in caplog.text
    assert len(caplog.records) == 1  # once per process, however often the folder is loaded


class _Plant:
    """Unpickling this calls ``os.system``: what an attacker would plant."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.mark.parametrize("writable_by_others", [False, True])
def test_a_planted_pickle_never_runs(
    folder: Path, tmp_path: Path, writable_by_others: bool
) -> None:
    load(folder)
    cache = folder_cache_dir(folder)
    marker = tmp_path / "pwned"
    (cache / RECORDS_FILE).write_bytes(pickle.dumps(_Plant(marker)))
    if writable_by_others:
        (cache / RECORDS_FILE).chmod(0o666)
    assert load(folder) == 2
    assert not marker.exists()


def test_a_folders_directory_others_can_write_is_refused_too(folder: Path) -> None:
    """Whoever can write the parent could swap the private folder for one of their own."""
    load(folder)
    parent = folder_cache_dir(folder).parent
    parent.chmod(0o777)
    notices: list[str] = []
    assert load(folder, notices) == 2
    assert notices == [f"cache folder {parent} refused (writable by others): reading every file"]


def test_a_cache_root_others_can_write_is_refused_too(folder: Path) -> None:
    """Whoever can write the cache root could swap ``folders`` for one of their own."""
    load(folder)
    root = folder_cache_dir(folder).parent.parent
    root.chmod(0o777)
    notices: list[str] = []
    assert load(folder, notices) == 2
    assert notices == [f"cache folder {root} refused (writable by others): reading every file"]


def test_a_sticky_cache_root_like_tmp_is_fine(folder: Path) -> None:
    """In a sticky folder (``/tmp``) nobody else may rename our entries."""
    load(folder)
    folder_cache_dir(folder).parent.parent.chmod(0o1777)
    notices: list[str] = []
    assert load(folder, notices) == 0
    assert notices == []
