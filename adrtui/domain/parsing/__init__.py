"""Parse one ADR file into an :class:`~adrtui.domain.model.Adr`, whatever style it is in.

Public API (both never raise; a file that cannot be read as an ADR still gives a
record, with what could be read and a warning)::

    parse_file(path, root) -> Adr
    parse_bytes(data, path, root, *, mtime_ns=0) -> Adr

How a file is read (:mod:`.reader`), in one pass: bytes are decoded, YAML front
matter is split off and loaded safely (:mod:`.frontmatter`), then the Markdown body
is scanned once (:mod:`.scanner`) for the title, metadata fields in every style
(:mod:`.fields`), ``Status`` sections and related-ADR links (:mod:`.links`). The
candidates found are then ranked and normalised: status (:mod:`.status`), dates
(:mod:`.dates`) and numbers (:mod:`.numbers`).
"""

from __future__ import annotations

from adrtui.domain.parsing.explanation import Explanation, explain, format_explanation
from adrtui.domain.parsing.frontmatter import describe_error, load_toml, load_yaml
from adrtui.domain.parsing.frontmatter import parse as read_front_matter
from adrtui.domain.parsing.numbers import number_series, plain_name
from adrtui.domain.parsing.reader import (
    MAX_BYTES,
    parse_bytes,
    parse_file,
    settle_date_order,
    settle_year_names,
)

__all__ = [
    "MAX_BYTES",
    "Explanation",
    "describe_error",
    "explain",
    "format_explanation",
    "load_toml",
    "load_yaml",
    "number_series",
    "parse_bytes",
    "parse_file",
    "plain_name",
    "read_front_matter",
    "settle_date_order",
    "settle_year_names",
]
