"""Bytes to text: encoding detection, binary sniffing and newline/Unicode normalisation."""

from __future__ import annotations

import codecs
import unicodedata

#: Bytes sniffed for NUL/control characters before a file is called binary.
SNIFF_BYTES = 8192

#: Single-byte Latin encodings that charset detection often confuses with Windows-1252 on short
#: English text; when one of them wins and cp1252 decodes cleanly, cp1252 is preferred.
_LATIN_LOOKALIKES = frozenset({
    "cp1252", "windows-1252", "latin_1", "latin-1", "iso8859_1", "iso-8859-1", "iso8859_15",
    "iso-8859-15", "cp1250", "windows-1250", "iso8859_2", "iso-8859-2", "mac_roman",
    "mac_latin2", "cp1257", "iso8859_9", "cp1254", "cp850", "cp437", "ascii",
})


class DecodeError(ValueError):
    """The bytes are not readable text; the message is a one-line reason such as "binary file"."""


def looks_binary(data: bytes) -> bool:
    """True when the first bytes hold a NUL byte or mostly control characters (images, PDFs...).

    UTF-16/32 text with a byte-order mark is not binary.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


def decode_bytes(data: bytes) -> str:
    """Decode file bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else detected charset.

    Falls back to charset-normalizer's best guess, preferring Windows-1252 among look-alike
    Latin code pages, and finally to Windows-1252 with replacement characters.

    RAISES DecodeError: for binary content.
    """
    if looks_binary(data):
        raise DecodeError("binary file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodeError(f"invalid UTF-16: {exc.reason}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        cp1252: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    guess = _detect(data)
    if guess is not None:
        enc = codecs.lookup(guess).name
        if cp1252 is not None and (enc in _LATIN_LOOKALIKES or guess in _LATIN_LOOKALIKES):
            return cp1252
        try:
            return data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    if cp1252 is not None:
        return cp1252
    return data.decode("cp1252", errors="replace")


def _detect(data: bytes) -> str | None:
    """charset-normalizer's best encoding name for ``data``, or None when unavailable."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer ships with requests
        return None
    best = from_bytes(data[:200_000]).best()
    return best.encoding if best is not None else None


def normalize_text(text: str) -> str:
    """The canonical article text: NFC, ``\\n`` newlines, no BOM/NUL, outer whitespace stripped.

    Every evidence offset indexes the string this returns, so readers call it exactly once.
    """
    text = text.replace("\ufeff", "").replace("\x00", "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return text.strip()
