"""The domain layer: parsing, the collection, the index, relations and editing.

Nothing in this package imports Textual; an import-linter contract in
``pyproject.toml`` enforces it, so the domain can be used and tested without a
terminal (the CLI's ``search`` command relies on that for its start-up time).
"""
