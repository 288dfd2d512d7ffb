"""An ADR folder as a whole: where it is, which files are ADRs, their records, their changes.

``find_adr_dir`` finds the folder, ``scan`` lists its files (and what it skipped, with
why), ``load_collection`` is the one loader (the CLI and the browser call it: the record
cache, settings and link resolution are its business) and ``apply_changes`` the one
update path (watcher, editor, new ADR), both ending in ``finish`` (settings, links).
``by_number`` and ``RecordFilter`` are the one number order and the one status / tag /
decider / author filter. ``watch_folder`` reports what changed on disk; a repository's
own ``.adrtui.toml`` is read by ``load_settings``. The caches' fingerprints live in
:mod:`adrtui.domain.fingerprints` and are re-exported here.
"""

from __future__ import annotations

from adrtui.domain.collection.discovery import (
    MARKDOWN_SUFFIXES,
    Discovery,
    find_adr_dir,
    path_skip_reason,
    scan,
    skip_reason,
)
from adrtui.domain.collection.folder import (
    EXAMPLE_DIR,
    PARTIAL_AFTER,
    Collection,
    apply_changes,
    finish,
    load_collection,
)
from adrtui.domain.collection.select import (
    NO_STATUS,
    RecordFilter,
    by_number,
    number_order,
)
from adrtui.domain.collection.settings import (
    DEFAULT_SETTINGS,
    MAX_BYTES,
    SETTINGS_FILE,
    Settings,
    StatusColour,
    apply_settings,
    load_settings,
)
from adrtui.domain.collection.watch import (
    WatchError,
    watch_folder,
)
from adrtui.domain.fingerprints import (
    index_fingerprint,
    parser_fingerprint,
    relations_fingerprint,
)

__all__ = [
    "apply_changes",
    "apply_settings",
    "by_number",
    "Collection",
    "DEFAULT_SETTINGS",
    "Discovery",
    "EXAMPLE_DIR",
    "find_adr_dir",
    "finish",
    "index_fingerprint",
    "load_collection",
    "load_settings",
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "NO_STATUS",
    "number_order",
    "parser_fingerprint",
    "PARTIAL_AFTER",
    "path_skip_reason",
    "RecordFilter",
    "relations_fingerprint",
    "scan",
    "Settings",
    "SETTINGS_FILE",
    "skip_reason",
    "StatusColour",
    "watch_folder",
    "WatchError",
]
