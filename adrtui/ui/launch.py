"""Moved to :mod:`adrtui.ui.services.launch`; kept until the CLI imports it there."""

from adrtui.ui.services.launch import run_browser  # noqa: F401
