"""Finding the ADR folder the way adr-tools and log4brains do, and scanning it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from adrtui.domain.discovery import CONVENTIONAL_DIRS, find_adr_dir, scan


def _adr(folder: Path, name: str = "0001-first.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("# 1. First\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n", encoding="utf-8")
    return path


def test_adr_dir_file_wins_over_conventional_folders(tmp_path: Path) -> None:
    _adr(tmp_path / "doc" / "adr")
    _adr(tmp_path / "architecture" / "records")
    (tmp_path / ".adr-dir").write_text("architecture/records\n", encoding="utf-8")
    found = find_adr_dir(tmp_path)
    assert found.folder == (tmp_path / "architecture" / "records").resolve()
    assert found.how == ".adr-dir"


def test_log4brains_config_names_the_folder(tmp_path: Path) -> None:
    _adr(tmp_path / "docs" / "adr")
    _adr(tmp_path / "knowledge" / "decisions")
    (tmp_path / ".log4brains.yml").write_text(
        "project:\n  name: x\n  tz: Europe/Paris\n  adrFolder: ./knowledge/decisions\n",
        encoding="utf-8",
    )
    found = find_adr_dir(tmp_path)
    assert found.folder == (tmp_path / "knowledge" / "decisions").resolve()


def test_broken_log4brains_config_falls_back_to_conventions(tmp_path: Path) -> None:
    _adr(tmp_path / "docs" / "decisions")
    (tmp_path / ".log4brains.yml").write_text("project: [unclosed\n", encoding="utf-8")
    assert find_adr_dir(tmp_path).folder == (tmp_path / "docs" / "decisions").resolve()


@pytest.mark.parametrize("name", CONVENTIONAL_DIRS)
def test_each_conventional_folder_is_found(tmp_path: Path, name: str) -> None:
    _adr(tmp_path / name)
    assert find_adr_dir(tmp_path).folder == (tmp_path / name).resolve()


def test_conventional_order_prefers_doc_adr(tmp_path: Path) -> None:
    _adr(tmp_path / "decisions")
    _adr(tmp_path / "doc" / "adr")
    assert find_adr_dir(tmp_path).folder == (tmp_path / "doc" / "adr").resolve()


def test_an_adr_folder_given_directly_is_used(tmp_path: Path) -> None:
    _adr(tmp_path)
    assert find_adr_dir(tmp_path).folder == tmp_path.resolve()


def test_nothing_found_names_every_place_tried(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# hi\n", encoding="utf-8")
    found = find_adr_dir(tmp_path)
    assert found.folder is None
    assert any(t.endswith(".adr-dir") for t in found.tried)
    assert any(t.endswith("docs/decisions") for t in found.tried)
    assert len(found.tried) == len(CONVENTIONAL_DIRS) + 3


def test_scan_skips_templates_readme_index_and_images_with_reasons(tmp_path: Path) -> None:
    for name in ["0001-a.md", "notes.markdown"]:
        _adr(tmp_path, name)
    for name in [
        "template.md",
        "adr-template.md",
        "adr-template-short.md",
        "0000-template.md",
        "README.md",
        "index.md",
        "diagram.png",
    ]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / ".TEMPLATE.md").write_text("tpl", encoding="utf-8")
    result = scan(tmp_path)
    assert [p.name for p in result.files] == ["0001-a.md", "notes.markdown"]
    reasons = {item.rel_path: item.reason for item in result.ignored}
    assert reasons == {
        ".TEMPLATE.md": "a template",
        "0000-template.md": "a template",
        "README.md": "a README",
        "adr-template-short.md": "a template",
        "adr-template.md": "a template",
        "diagram.png": "an image",
        "index.md": "an index page",
        "template.md": "a template",
    }


def test_scan_is_recursive_and_symlink_loop_safe(tmp_path: Path) -> None:
    _adr(tmp_path / "a", "0001-a.md")
    _adr(tmp_path / "a" / "b", "0002-b.md")
    os.symlink(tmp_path / "a", tmp_path / "a" / "b" / "loop")
    result = scan(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in result.files] == [
        "a/0001-a.md",
        "a/b/0002-b.md",
    ]
    assert any("symlink loop" in item.reason for item in result.ignored)


def test_scan_reports_broken_symlinks(tmp_path: Path) -> None:
    _adr(tmp_path)
    os.symlink(tmp_path / "missing.md", tmp_path / "0002-gone.md")
    result = scan(tmp_path)
    assert [p.name for p in result.files] == ["0001-first.md"]
    assert {i.rel_path: i.reason for i in result.ignored} == {"0002-gone.md": "broken symlink"}
