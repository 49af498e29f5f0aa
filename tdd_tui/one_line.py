"""Text for one line of terminal output, safe to print."""

from __future__ import annotations

# Bidirectional controls reorder what a terminal shows ("trojan source"): shown as escapes too.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def one_line(text: str | None) -> str:
    """Text for one line of terminal output: control characters (an escape sequence in a
    title would drive the terminal) are printed as \\x1b-style escapes, never raw."""
    flat = " ".join((text or "").split())
    if flat.isprintable():
        return flat
    return "".join(_escaped(c) if not c.isprintable() or c in _BIDI else c for c in flat)


def _escaped(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
