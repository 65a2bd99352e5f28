"""Text pasted raw from a mail client, its quoted-printable encoding left in: « S=E9gur », « =E2=82=AC » for €,
« = » ending a line the client wrapped. Decoded back to the text the vendor wrote, but only when the text really
is quoted-printable (several encoded accented letters or symbols): a quote that merely writes « = » is untouched."""

from __future__ import annotations

import re
from itertools import islice

# a byte beyond ASCII (an accent, €, °): what a French text in quoted-printable cannot do without, and what a
# plain quote never writes (« =E9 », « =C3=A9 », uppercase hexadecimal digits right after « = »)
_HIGH_BYTE = re.compile(r"=[89A-F][0-9A-F]")
_EVIDENCE = 3
# « = » ending a line: the client wrapped it there (a soft line break); « =20 » ending a line: a space there, which
# in a « format=flowed » message also joins the line to the next (not to a « > » quoted reply line)
_SOFT_BREAK = re.compile(r"=\r?\n|(?<==20)\r?\n(?!>)")
_ENCODED_RUN = re.compile(r"(?:=[0-9A-F]{2})+")


def decode_quoted_printable(text: str) -> str:
    """`text` decoded when it is quoted-printable, else `text` itself."""
    if sum(1 for _ in islice(_HIGH_BYTE.finditer(text), _EVIDENCE)) < _EVIDENCE:
        return text
    return _ENCODED_RUN.sub(_decoded, _SOFT_BREAK.sub("", text))


def _decoded(m: re.Match[str]) -> str:
    """A run of encoded bytes: UTF-8 when it is (« =E2=82=AC »), else Windows-1252 (« =E9 », « =80 » for €), as
    mail clients write either."""
    raw = bytes.fromhex(m.group().replace("=", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
