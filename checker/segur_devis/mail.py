"""Text whose encoding shows, as a mail client or a mis-set page leaves it, read back as the vendor wrote it:
quoted-printable left in a raw message (« S=E9gur », « =E2=82=AC » for €, « = » ending a line the client wrapped),
and UTF-8 shown as Windows-1252 (« SÃ©gur », « â‚¬ », « nÂ° »). Each only when the text really is so encoded
(several encoded accented letters or symbols): a quote that merely writes « = » or « Ã » is untouched."""

from __future__ import annotations

import re
from itertools import islice

_EVIDENCE = 3  # encoded characters needed before a text is judged encoded

# a byte beyond ASCII (an accent, €, °): what a French text in quoted-printable cannot do without, and what a
# plain quote never writes (« =E9 », « =C3=A9 », uppercase hexadecimal digits right after « = »)
_HIGH_BYTE = re.compile(r"=[89A-F][0-9A-F]")
# « = » ending a line: the client wrapped it there (a soft line break); « =20 » ending a line: a space there, which
# in a « format=flowed » message also joins the line to the next (not to a « > » quoted reply line)
_SOFT_BREAK = re.compile(r"=\r?\n|(?<==20)\r?\n(?!>)")
_ENCODED_RUN = re.compile(r"(?:=[0-9A-F]{2})+")


def _shown_as_1252(byte: int) -> str:
    """How a byte of UTF-8 shows when read as Windows-1252 (the five bytes it leaves undefined: as Latin-1)."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


# The lead bytes of what a French quote writes beyond ASCII: accented letters (« Ã » for C3, then « Â », « Ä », « Å »)
# and punctuation with € (« â » for E2); so a word like « âge » or « à » before a symbol is never taken for one.
_LEADS = "".join(_shown_as_1252(b) for b in (0xC2, 0xC3, 0xC4, 0xC5, 0xE2))
_CONTINUATIONS = "".join(_shown_as_1252(b) for b in range(0x80, 0xC0))
_BYTE_OF = {_shown_as_1252(b): b for b in range(0x80, 0x100)}
# one character of UTF-8 shown as Windows-1252: its lead byte then its continuation bytes (« Ã© », « â€¬ »)
_MOJIBAKE = re.compile(f"[{re.escape(_LEADS)}][{re.escape(_CONTINUATIONS)}]{{1,2}}")


def as_written(text: str) -> str:
    """`text` with a visible encoding decoded, else `text` itself."""
    return _repair_mojibake(_decode_quoted_printable(text))


def _encoded(pattern: re.Pattern[str], text: str) -> bool:
    return sum(1 for _ in islice(pattern.finditer(text), _EVIDENCE)) >= _EVIDENCE


def _decode_quoted_printable(text: str) -> str:
    if not _encoded(_HIGH_BYTE, text):
        return text
    return _ENCODED_RUN.sub(_decoded_run, _SOFT_BREAK.sub("", text))


def _decoded_run(m: re.Match[str]) -> str:
    """A run of encoded bytes: UTF-8 when it is (« =E2=82=AC »), else Windows-1252 (« =E9 », « =80 » for €), as
    mail clients write either."""
    raw = bytes.fromhex(m.group().replace("=", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _repair_mojibake(text: str) -> str:
    # a lead byte first (a substring search, several times faster than the pattern over a quote)
    if not any(lead in text for lead in _LEADS) or not _encoded(_MOJIBAKE, text):
        return text
    return _MOJIBAKE.sub(_repaired_character, text)


def _repaired_character(m: re.Match[str]) -> str:
    """« Ã© » → « é »; a sequence that is no UTF-8 character (« Ã© » written on purpose?) stays as it is."""
    try:
        return bytes(_BYTE_OF[c] for c in m.group()).decode("utf-8")
    except UnicodeDecodeError:
        return m.group()
