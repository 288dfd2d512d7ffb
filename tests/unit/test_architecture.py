"""The project's structural rules, enforced as tests so CI fails when they break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _tool(name: str) -> str:
    """The test extras' ``name`` beside this Python, or skip (extras not installed)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.skip(f"{name} is not installed (install the test extras)")
    return found


def test_import_contracts_hold() -> None:
    """The import-linter contracts in pyproject.toml hold: the domain never imports
    Textual or the UI, and the UI, the CLI and every other subsystem reach a domain
    package only through its face (``adrtui.domain.<pkg>``, never a module in it)."""
    lint_imports = _tool("lint-imports")
    result = subprocess.run(
        [lint_imports, "--no-logo", "--no-cache", str(REPO / "pyproject.toml")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_search_command_does_not_load_textual() -> None:
    """`adrtui search`/`list` start fast because the CLI path never imports Textual."""
    code = (
        "import sys, adrtui.cli as c; c.build_parser(); "
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_code_is_ruff_clean(command: list[str]) -> None:
    """``ruff check`` and ``ruff format --check`` find nothing to change."""
    result = subprocess.run(
        [_tool("ruff"), *command, "adrtui", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_domain_is_mypy_clean() -> None:
    """mypy (configured in pyproject.toml) finds no error in ``adrtui/domain``."""
    mypy = _tool("mypy")
    result = subprocess.run(
        [mypy, "--config-file", str(REPO / "pyproject.toml"), "adrtui/domain"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


FACES = ("files", "parsing", "collection", "relations", "search", "writing")


@pytest.mark.parametrize("package", FACES)
def test_each_face_lists_what_it_offers(package: str) -> None:
    """A package's face declares ``__all__``, every name in it exists, and none is also
    the name of one of its modules: ``from adrtui.domain.relations import lint`` must
    mean one thing (Python and import-linter would take the module)."""
    import importlib
    import pkgutil

    face = importlib.import_module(f"adrtui.domain.{package}")
    offered = getattr(face, "__all__", None)
    assert offered, f"adrtui.domain.{package} has no __all__"
    assert [name for name in offered if not hasattr(face, name)] == []
    modules = {info.name for info in pkgutil.iter_modules(face.__path__)}
    assert sorted(modules & set(offered)) == []
