"""Make dataset text safe to show: nothing in the data may drive the terminal or break a line."""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, the bidirectional embedding, override and isolate characters (which
# can make text read backwards: "Trojan Source"), and the invisible zero-width space, word joiner
# and byte-order mark. Shown as escapes, never dropped. (Zero-width joiners stay: emoji need them.)
_HIDDEN = "\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff"
_UNSAFE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{_HIDDEN}]")
_UNSAFE_KEEP_NEWLINES = re.compile(f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{_HIDDEN}]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, keep_newlines: bool = False) -> str:
    """`text` with control and direction-changing characters written out as escapes."""
    pattern = _UNSAFE_KEEP_NEWLINES if keep_newlines else _UNSAFE
    return pattern.sub(_escape, text)
