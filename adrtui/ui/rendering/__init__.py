"""Turning records into what the terminal draws: Markdown, status colours, styles."""
