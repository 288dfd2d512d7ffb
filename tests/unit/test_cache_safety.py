"""A cache someone else can write is never trusted: it could run code as the user.

Whoosh unpickles its table of contents and the record cache is a pickle, so a
cache folder or file that is not the user's own, or that group or others may
write, is refused (as git refuses a repository it does not own).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from adrtui.domain.cache import (
    ensure_dir,
    private_dir,
    unsafe_reason,
)

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
