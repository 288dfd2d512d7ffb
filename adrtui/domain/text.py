"""Make untrusted text safe to show: ADR content is data, never terminal control.

File content, file names and user input can carry ESC/CSI/OSC sequences, BEL and
other C0/C1 controls. Printed raw they would clear the screen, retitle the
window or leave the alternate screen. :func:`scrub` removes whole escape
sequences first (so no half-sequence remains), then every other control
character except tab and newline: records and files keep what is left.

Text can also read differently from its bytes ("Trojan Source"): bidi overrides
and isolates reorder what follows them, zero-width characters hide inside words.
:func:`clean` (for everything shown: the app, the text output of the commands)
scrubs *and* shows each such character as ``⟨U+202E⟩``. The rule for what is
shown (:data:`HIDDEN`): every bidi control and every character that draws
nothing, except a zero-width joiner or non-joiner between two characters that
join (letters and marks of the scripts from Hebrew on, where Persian and Indic
spelling needs them, and emoji, as in 👨‍👩‍👧), and tag characters inside an emoji
flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿). :func:`hidden_characters` finds the same characters for lint.

JSON keeps the exact characters: :func:`json_text` writes every control,
invisible character and lone surrogate as a ``\\uXXXX`` escape, so scripts get
the real data and a terminal showing the JSON gets no control.

Rich markup safety is the UI's concern (it passes ``Content``/``Text`` objects,
never markup strings).
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

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

_ZWNJ, _ZWJ = "\u200c", "\u200d"

#: Characters that reorder text or draw nothing (a regex character class).
HIDDEN = (
    "\u00ad"  # soft hyphen (terminals draw nothing)
    "\u034f"  # combining grapheme joiner
    "\u061c"  # Arabic letter mark (bidi)
    "\u115f\u1160\u3164\uffa0"  # Hangul fillers (blank "letters")
    "\u17b4\u17b5"  # Khmer inherent vowels (invisible)
    "\u180e"  # Mongolian vowel separator
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; LRM, RLM (bidi)
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u206f"  # word joiner, invisible operators, bidi isolates, deprecated formats
    "\ufeff"  # zero-width no-break space (a BOM inside text)
    "\ufff9-\ufffb"  # interlinear annotation
    "\U0001d173-\U0001d17a"  # musical formatting
    "\U000e0000-\U000e007f"  # tag characters (invisible ASCII "smuggling")
)
# An emoji flag of a region (🏴 + tag letters + cancel tag) is one visible picture.
_HIDDEN_OR_FLAG = re.compile("(\U0001f3f4[\U000e0020-\U000e007e]{1,32}\U000e007f)|[" + HIDDEN + "]")


def _joins(char: str) -> bool:
    """Whether ``char`` can sit on either side of a ZWJ/ZWNJ in real writing.

    Letters and marks of the scripts from Hebrew (U+0590) on, where Persian,
    Arabic and Indic spelling use the joiners, and emoji and their modifiers
    (symbols, skin tones, the emoji variation selector). Latin, Greek and Cyrillic
    never need one, so a joiner inside an English word is shown.
    """
    category = unicodedata.category(char)
    if category in ("So", "Sk") or char == "\ufe0f":
        return True
    return category[0] in "LM" and ord(char) >= 0x0590


def _shown(match: re.Match[str]) -> bool:
    """Whether the hidden character at ``match`` must be made visible."""
    if match.group(1):
        return False  # an emoji flag
    char = match.group()
    if char not in (_ZWNJ, _ZWJ):
        return True
    text, at = match.string, match.start()
    return not (0 < at < len(text) - 1 and _joins(text[at - 1]) and _joins(text[at + 1]))


def _visible(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩" if _shown(match) else match.group()


def reveal(text: str) -> str:
    """``text`` with each bidi control and invisible character written as ``⟨U+XXXX⟩``."""
    if text.isascii():
        return text
    return _HIDDEN_OR_FLAG.sub(_visible, text)


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """``(offset, character)`` of every character :func:`reveal` would make visible."""
    if text.isascii():
        return []
    return [(m.start(), m.group()) for m in _HIDDEN_OR_FLAG.finditer(text) if _shown(m)]


def describe(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: a character as a person can look it up."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} ({name})" if name else f"U+{ord(char):04X}"


def scrub(text: str) -> str:
    """``text`` without escape sequences or control characters (tab, LF kept).

    For text that is kept or written back (records, new files): everything else,
    bidi and zero-width characters included, stays exactly as it was.
    """
    if not text or (text.isascii() and text.isprintable()):
        return text  # nothing to remove (most titles, names and values): no regex run
    text = text.replace("\r\n", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def scrub_line(text: str) -> str:
    """Like :func:`scrub`, and fold the result onto one line."""
    return " ".join(scrub(text).split())


def clean(text: str) -> str:
    """Text to show: :func:`scrub`-bed, hidden characters made visible (:func:`reveal`)."""
    return reveal(scrub(text))


def clean_line(text: str) -> str:
    """Like :func:`clean`, and fold the result onto one line (for table cells)."""
    return " ".join(clean(text).split())


# JSON escapes C0 itself; these pass through ``ensure_ascii=False`` untouched.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff\u2028\u2029" + HIDDEN + "]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # a JSON \u escape holds 16 bits: write the UTF-16 pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as JSON that is safe on a terminal and valid UTF-8, and loses nothing.

    Readable text stays as it is (``ensure_ascii=False``); controls (C1 such as
    U+009B CSI), bidi and invisible characters, line separators and lone
    surrogates (undecodable file-name bytes) become ``\\uXXXX`` escapes, which
    a JSON parser turns back into the very same string.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE.sub(_json_escape, text)
