"""Bytes to text and back: which encoding a file uses, which newline, whether it is text.

Repositories hold UTF-8 (sometimes with a BOM), UTF-16 from Windows editors (with or
without a BOM), old Latin-1 files and the odd binary blob with a ``.md`` name.
:func:`decode` is how the parser reads a file: it never raises, and names the encoding
it used. A writer reads the same file the same way (:func:`text_of`: the encoding
:func:`decode` finds, decoded so that nothing is lost) and writes it back with
:func:`encode`: ``encode(*text_of(data), like=data) == data`` for any bytes, so a
change to one line leaves every other byte of the file as it was.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

#: How much of the start of a file is sampled to tell text from binary.
_SAMPLE = 8192
#: Share of control bytes above which a file is taken for binary.
_BINARY_CONTROL_SHARE = 0.10
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x1b")
_CONTROL_BYTES = frozenset(range(32)) - _TEXT_CONTROLS


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text (newlines as in the file, BOM removed) and how it was read."""

    text: str
    encoding: str
    binary: bool = False
    warning: str | None = None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le``/``-be`` when every other byte is NUL (ASCII text in UTF-16)."""
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.6 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.6 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(sample: bytes) -> bool:
    if not sample:
        return False
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls / len(sample) > _BINARY_CONTROL_SHARE


def decode(data: bytes) -> Decoded:
    """Decode ``data``; never raises. Binary data gives empty text and ``binary=True``."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return Decoded(data[3:].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            return Decoded(
                data[3:].decode("utf-8", "replace"),
                "utf-8-sig",
                warning="not valid UTF-8 after its byte-order mark; bad bytes replaced",
            )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
        codecs.BOM_UTF32_LE
    ):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return Decoded(
                data.decode("utf-16", "replace"),
                "utf-16",
                warning="the file has a UTF-16 mark but is not valid UTF-16; bad bytes replaced",
            )
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        wide = _utf16_without_bom(sample)
        if wide is not None:
            try:
                return Decoded(data.decode(wide), wide)
            except UnicodeDecodeError:
                pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if b"\x00" in sample and _looks_binary(sample):
            return Decoded("", "utf-8", binary=True, warning="binary file: not read as an ADR")
        return Decoded(text, "utf-8")
    if _looks_binary(sample):
        return Decoded("", "latin-1", binary=True, warning="binary file: not read as an ADR")
    return Decoded(
        data.decode("latin-1"),
        "latin-1",
        warning="not valid UTF-8: read as Latin-1 (some characters may be wrong)",
    )


def detect_newline(text: str) -> str:
    """The file's dominant line ending: ``\\r\\n`` when most lines end so, else ``\\n``."""
    crlf = text.count("\r\n")
    if not crlf:
        return "\n"
    lf = text.count("\n") - crlf
    return "\r\n" if crlf >= lf else "\n"


def _codec(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


def decode_exactly(data: bytes, encoding: str) -> str:
    """``data`` in ``encoding`` so that :func:`encode` gives the very same bytes back.

    A BOM is dropped (:func:`encode` puts it back); undecodable bytes in UTF-8 are
    kept as lone surrogates. Raises ``UnicodeDecodeError`` (``LookupError`` for an
    unknown encoding) when ``data`` is not in ``encoding``.
    """
    name = _codec(encoding)
    if name == "utf-8-sig" and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if name in ("utf-8", "utf-8-sig"):
        return data.decode("utf-8", "surrogateescape")
    if name == "utf-16":
        return data.decode("utf-16")
    return data.decode(encoding)


def text_of(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and its encoding, read as the parser reads it, losing nothing.

    The encoding is the one :func:`decode` finds; bytes not valid in it (a UTF-16 file
    cut in the middle of a character) are read as Latin-1, which decodes anything.
    Never raises.
    """
    for name in (decode(data).encoding, "latin-1"):
        try:
            return decode_exactly(data, name), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes every byte")  # pragma: no cover


def encode(text: str, encoding: str, like: bytes | None = None) -> bytes:
    """``text`` encoded as the file ``like`` was (same BOM, same UTF-16 byte order).

    Raises ``UnicodeEncodeError`` when a character has no encoding in a legacy codec
    (an emoji in a Latin-1 file): the caller refuses the write rather than mangle it.
    """
    name = _codec(encoding)
    if name == "utf-8":
        return text.encode("utf-8", "surrogateescape")
    if name == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8", "surrogateescape")
    if name == "utf-16":
        if like is not None and like.startswith(codecs.BOM_UTF16_BE):
            return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)
