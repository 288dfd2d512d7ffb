"""An ADR folder as a whole: where it is, which files are ADRs, their records, their changes.

``find_adr_dir`` finds the folder, ``scan`` lists its files (and what it skipped, with
why), ``load_records`` parses them through the record cache, ``load_collection`` gives the
:class:`Collection` the CLI and the browser hold (links resolved), ``watch_folder`` reports
what changed on disk. A repository's own ``.adrtui.toml`` is read by ``load_settings``.
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
    Collection,
    finish_reading,
    load_collection,
)
from adrtui.domain.collection.records import (
    RecordCache,
    index_fingerprint,
    load_records,
    parser_fingerprint,
    relations_fingerprint,
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

__all__ = [
    "apply_settings",
    "Collection",
    "DEFAULT_SETTINGS",
    "Discovery",
    "EXAMPLE_DIR",
    "find_adr_dir",
    "finish_reading",
    "index_fingerprint",
    "load_collection",
    "load_records",
    "load_settings",
    "MARKDOWN_SUFFIXES",
    "MAX_BYTES",
    "parser_fingerprint",
    "path_skip_reason",
    "RecordCache",
    "relations_fingerprint",
    "scan",
    "Settings",
    "SETTINGS_FILE",
    "skip_reason",
    "StatusColour",
    "watch_folder",
    "WatchError",
]
