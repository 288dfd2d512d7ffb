"""Moved to :mod:`adrtui.ui.state`; kept only for search_service, loading, live_reload."""

from adrtui.ui.state import SearchOutcome, SpanFinder, sort_adrs  # noqa: F401
