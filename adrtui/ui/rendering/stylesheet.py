"""Widgets keep their styles in a ``.tcss`` file beside their module."""

from __future__ import annotations

from pathlib import Path


def stylesheet(module_file: str) -> str:
    """The text of ``<module>.tcss`` next to ``module_file`` (for ``DEFAULT_CSS``)."""
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
