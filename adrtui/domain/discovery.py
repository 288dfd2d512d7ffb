"""Find the ADR folder the way users' own tools do, and list its ADR files.

Order of precedence (first hit wins): adr-tools' ``.adr-dir`` file,
log4brains' ``.log4brains.yml`` (``project.adrFolder``), then the folder names
conventionally used across ADR tooling. A folder that itself holds ADR-like
Markdown files is taken as the ADR folder directly.

Scanning is recursive, follows symlinks but never the same directory twice
(loop-safe), and reports every file it skips with the reason, so nothing is
dropped silently.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from adrtui.domain.model import IgnoredFile

#: Conventional ADR folder names, in the order they are tried.
CONVENTIONAL_DIRS: tuple[str, ...] = (
    "doc/adr",
    "docs/adr",
    "docs/decisions",
    "docs/architecture/decisions",
    "docs/adrs",
    "adr",
    "decisions",
    "architecture-decision-record",
)

MARKDOWN_SUFFIXES = (".md", ".markdown")
_TEMPLATE_NAMES = re.compile(
    r"^(?:template|adr-template.*|0+-template|\.template|_?template-.*)\.(?:md|markdown)$",
    re.IGNORECASE,
)
_NON_ADR_NAMES = {
    "readme.md": "a README",
    "index.md": "an index page",
    "readme.markdown": "a README",
}
_IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp", ".ico"}
_SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv"}


@dataclass(frozen=True)
class Discovery:
    """Where the ADR folder is (``folder``) and every place that was tried."""

    folder: Path | None
    tried: tuple[str, ...] = ()
    how: str = ""


@dataclass
class ScanResult:
    """The ADR files of a folder (sorted) and the files skipped, with reasons."""

    files: list[Path] = field(default_factory=list)
    ignored: list[IgnoredFile] = field(default_factory=list)


def _read_adr_dir_file(root: Path) -> Path | None:
    marker = root / ".adr-dir"
    try:
        text = marker.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    if not text:
        return None
    candidate = (root / text.splitlines()[0].strip()).resolve()
    return candidate if candidate.is_dir() else None


def _read_log4brains(root: Path) -> Path | None:
    config = root / ".log4brains.yml"
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8", errors="replace"))
    except (OSError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    project = data.get("project")
    folder = project.get("adrFolder") if isinstance(project, dict) else None
    if not isinstance(folder, str) or not folder.strip():
        return None
    candidate = (root / folder.strip()).resolve()
    return candidate if candidate.is_dir() else None


def _looks_like_adr_folder(folder: Path) -> bool:
    """True when the folder directly holds at least one Markdown file that is not skipped."""
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if name.lower().endswith(MARKDOWN_SUFFIXES) and skip_reason(name) is None:
                    return True
    except OSError:
        return False
    return False


def find_adr_dir(start: Path | str | None = None) -> Discovery:
    """Locate the ADR folder from ``start`` (a repo root or the ADR folder itself)."""
    root = Path(start) if start is not None else Path.cwd()
    tried: list[str] = []
    if not root.is_dir():
        return Discovery(None, (f"{root} (not a directory)",))
    root = root.resolve()

    tried.append(str(root / ".adr-dir"))
    found = _read_adr_dir_file(root)
    if found:
        return Discovery(found, tuple(tried), ".adr-dir")

    tried.append(str(root / ".log4brains.yml"))
    found = _read_log4brains(root)
    if found:
        return Discovery(found, tuple(tried), ".log4brains.yml")

    for name in CONVENTIONAL_DIRS:
        candidate = root / name
        tried.append(str(candidate))
        if candidate.is_dir():
            return Discovery(candidate, tuple(tried), name)

    tried.append(f"{root} itself")
    if _looks_like_adr_folder(root):
        return Discovery(root, tuple(tried), "the folder itself")
    return Discovery(None, tuple(tried))


def skip_reason(name: str) -> str | None:
    """Why a file with this name is not an ADR, or ``None`` when it may be one."""
    lower = name.lower()
    if _TEMPLATE_NAMES.match(name):
        return "a template"
    if lower in _NON_ADR_NAMES:
        return _NON_ADR_NAMES[lower]
    if Path(lower).suffix in _IMAGE_SUFFIXES:
        return "an image"
    if not lower.endswith(MARKDOWN_SUFFIXES):
        return "not Markdown"
    return None


def scan(folder: Path) -> ScanResult:
    """List ADR files under ``folder`` recursively; never raises on odd trees.

    Symlinked directories are followed once each (by their real path), so a
    symlink loop ends. Unreadable directories are reported as ignored. Hidden
    files and directories (``.adr-dir``, ``.git``) are skipped without a
    report, as every file tool does.
    """
    result = ScanResult()
    folder = Path(folder)
    seen: set[str] = set()
    stack: list[Path] = [folder]
    while stack:
        current = stack.pop()
        try:
            real = os.path.realpath(current)
        except (OSError, ValueError):
            continue
        if real in seen:
            rel = _rel(current, folder)
            result.ignored.append(
                IgnoredFile(rel + "/", "a directory already scanned (symlink loop)")
            )
            continue
        seen.add(real)
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            result.ignored.append(
                IgnoredFile(_rel(current, folder) + "/", f"unreadable directory ({exc.strerror})")
            )
            continue
        subdirs: list[Path] = []
        for entry in entries:
            name = entry.name
            path = Path(entry.path)
            if name.startswith(".") and not _TEMPLATE_NAMES.match(name):
                continue
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                if name not in _SKIP_DIRS:
                    subdirs.append(path)
                continue
            reason = skip_reason(name)
            if reason is None and not _is_file(entry):
                reason = "broken symlink" if entry.is_symlink() else "not a regular file"
            if reason is not None:
                result.ignored.append(IgnoredFile(_rel(path, folder), reason))
                continue
            result.files.append(path)
        stack.extend(reversed(subdirs))
    result.files.sort(key=lambda p: _rel(p, folder))
    result.ignored.sort(key=lambda i: i.rel_path)
    return result


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file(follow_symlinks=True)
    except OSError:
        return False


def _rel(path: Path, folder: Path) -> str:
    try:
        rel = path.relative_to(folder).as_posix()
    except ValueError:
        rel = path.as_posix()
    return rel or "."
