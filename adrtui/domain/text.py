"""Make untrusted text safe to show: ADR content is data, never terminal control.

File content, file names and user input can carry ESC/CSI/OSC sequences, BEL and
other C0/C1 controls. Printed raw they would clear the screen, retitle the
window or leave the alternate screen. :func:`clean` removes whole escape
sequences first (so no half-sequence remains), then every other control
character except tab and newline. Rich markup safety is the UI's concern
(it passes ``Content``/``Text`` objects, never markup strings).
"""

from __future__ import annotations

import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC (ESC P|X|^|_ ... ST),
# then any other two-byte ESC sequence, and the 8-bit C1 CSI/OSC introducers.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                       # CSI
    | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)               # OSC
    | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f]).*?(?:\x1b\\|\x9c|$)  # DCS, SOS, PM, APC
    | \x1b[ -/]*[0-~]?                                       # other ESC sequences
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Lone surrogates come from undecodable file-name bytes (surrogateescape); printed
# back they would become raw bytes again, so display shows U+FFFD instead.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean(text: str) -> str:
    """Return ``text`` without escape sequences or control characters (tab, LF kept)."""
    if not text:
        return text
    text = text.replace("\r\n", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def clean_line(text: str) -> str:
    """Like :func:`clean`, and fold the result onto one line (for table cells)."""
    return " ".join(clean(text).split())
