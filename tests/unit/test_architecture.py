"""The project's structural rules, enforced as tests so CI fails when they break."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_domain_never_imports_textual_or_the_ui() -> None:
    """The import-linter contract in pyproject.toml holds (domain stays UI-free)."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint_imports is None:
        pytest.skip("import-linter is not installed (install the test extras)")
    result = subprocess.run(
        [lint_imports, "--config", str(REPO / "pyproject.toml")],
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


def test_code_is_ruff_clean() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    if ruff is None:
        pytest.skip("ruff is not installed (install the test extras)")
    result = subprocess.run(
        [ruff, "check", "adrtui", "tests", "benchmarks"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
