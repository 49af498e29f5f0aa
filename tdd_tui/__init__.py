"""tdd-tui: a terminal wizard for Technical Design Docs."""

__version__ = "0.1.0"
