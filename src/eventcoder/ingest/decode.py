"""Bytes to text: encoding detection, binary sniffing and newline/Unicode normalisation."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import InputError

#: Bytes sniffed for NUL/control characters before a file is called binary.
SNIFF_BYTES = 8192
_REPLACEMENT_RUNS = re.compile("\ufffd+")

class DecodeError(InputError):
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

    Mostly-UTF-8 bytes (more valid multi-byte characters than invalid sequences) are decoded
    as UTF-8 with U+FFFD for the stray bytes. Otherwise Windows-1252 is used unless
    charset-normalizer's guess decodes to a non-Latin script (e.g. Windows-1251 Cyrillic);
    bytes Windows-1252 cannot decode get the guess, else replacement characters.

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
    lossy = data.decode("utf-8-sig", errors="replace")
    # one broken sequence (a lone surrogate ED A0 80, a cut character) is replaced byte by
    # byte: count runs of U+FFFD, the invalid sequences, not the characters
    bad = len(_REPLACEMENT_RUNS.findall(lossy))
    good = sum(1 for c in lossy if ord(c) > 127) - lossy.count("\ufffd")
    if good >= max(bad, 1):  # UTF-8 with a few stray bytes: keep it UTF-8
        return lossy
    try:
        cp1252: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    guess = _detect(data)
    guessed: str | None = None
    if guess is not None:
        try:
            guessed = data.decode(guess)
        except (UnicodeDecodeError, LookupError):
            guessed = None
    if cp1252 is not None and (guessed is None or _mostly_latin(guessed)):
        return cp1252  # Latin-script text: Windows-1252 is by far the most common code page
    if guessed is not None:
        return guessed
    if cp1252 is not None:
        return cp1252
    return data.decode("cp1252", errors="replace")


def _mostly_latin(text: str) -> bool:
    """True when most non-ASCII letters of ``text`` are Latin (é, ß, ...), not Cyrillic etc."""
    latin = other = 0
    for c in text:
        if ord(c) > 127 and c.isalpha():
            if unicodedata.name(c, "").startswith("LATIN"):
                latin += 1
            else:
                other += 1
    return latin >= other


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
