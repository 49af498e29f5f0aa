"""YAML in and out, safely and fast.

PyYAML's `safe_load` and `safe_dump` never use libyaml even when it is
installed, and are about 50 times slower on a large draft, so the C classes
are named explicitly. Untrusted text is walked as an event stream first
(libyaml's parser is iterative, its composer is not), which refuses deep
nesting, aliases and object-constructing tags before anything is built.
"""

from __future__ import annotations

import os
import re

import yaml

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any

SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper: type[Any] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
)
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class UnsafeYaml(ValueError):
    """YAML that must not be loaded: too deep, aliased, or tagged to build objects."""

    def __init__(self, problem: str, line: int | None) -> None:
        super().__init__(problem)
        self.problem = problem
        self.line = line


def check_safe(text: str, max_depth: int, *, allow_aliases: bool = False) -> None:
    """Raise UnsafeYaml if this text must not reach the loader.

    Refuses nesting deeper than max_depth, aliases (billion laughs), tags that
    build objects, and a key given twice in one mapping (the loader would keep
    the last silently, and a hand edit would lose the first).
    """
    # One frame per open collection: a mapping's keys seen and whether a key is due.
    frames: list[tuple[set[str], list[bool]] | None] = []

    def completed() -> None:
        if frames and frames[-1] is not None:
            expecting = frames[-1][1]
            expecting[0] = not expecting[0]

    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            tag = getattr(event, "tag", None)
            if tag and tag not in ("!", "?") and tag not in _PLAIN_TAGS:
                raise UnsafeYaml(f"uses the YAML tag {tag}, which is not allowed", line)
            if isinstance(event, _OPEN):
                if len(frames) >= max_depth:
                    raise UnsafeYaml(f"is nested deeper than {max_depth} levels", line)
                frames.append(
                    (set(), [True]) if isinstance(event, yaml.MappingStartEvent) else None
                )
            elif isinstance(event, _CLOSE):
                frames.pop()
                completed()
            elif isinstance(event, yaml.AliasEvent):
                if not allow_aliases:
                    raise UnsafeYaml(
                        f"uses a YAML alias (*{event.anchor}), which is not allowed", line
                    )
                completed()
            elif isinstance(event, yaml.ScalarEvent):
                frame = frames[-1] if frames else None
                if frame is not None and frame[1][0]:
                    if event.value in frame[0]:
                        raise UnsafeYaml(f"has the key '{event.value}' twice in one mapping", line)
                    frame[0].add(event.value)
                completed()
    except yaml.YAMLError:
        return  # the loader reports syntax errors with their line


def _represent_str(dumper: Any, value: str) -> Any:
    # Multi-line text as a block scalar, so a draft reads and diffs like prose.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class DraftDumper(SafeDumper):  # type: ignore[misc]
    """The safe dumper, with block scalars for multi-line text."""


DraftDumper.add_representer(str, _represent_str)


class PureDraftDumper(yaml.SafeDumper):
    """The same output from PyYAML's Python emitter, which lets other threads run."""


PureDraftDumper.add_representer(str, _represent_str)

# libyaml's C emitter holds the GIL for the whole of one scalar: about 25 ms per MB,
# which a save thread would take from the UI. A text this long is written by
# literal_block() instead (a few ms per MB, in steps the GIL can switch between).
LARGE_TEXT = 256 * 1024

# What a literal block cannot hold exactly: characters YAML does not print, and line
# breaks other than "\n" (\r, \x85, \u2028, \u2029); \ufeff is a byte order mark.
_NOT_LITERAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)


def _literal_safe(text: str, step: int = 64 * 1024) -> bool:
    """No character a literal block cannot hold. Searched a piece at a time: one search
    of 1 MB holds the GIL for about 10 ms, which the UI thread would wait out."""
    return not any(_NOT_LITERAL.search(text, i, i + step) for i in range(0, len(text), step))


def literal_block(text: str, indent: int) -> str:
    """text as a YAML literal block (header line and content) whose content sits at indent.

    The header's hints are libyaml's own: an indentation indicator when the text
    starts with a space or a line break (and a tab, which libyaml's reader will not
    take where it guesses the indentation), and "-" or "+" to strip or keep the
    final line breaks. Empty lines stay empty; every other line keeps all of its
    characters, trailing spaces and tabs included.
    """
    hints = "2" if text[:1] in (" ", "\n", "\t") else ""
    if not text.endswith("\n"):
        hints += "-"
        lines = text.split("\n")
    else:
        if len(text) == 1 or text[-2] == "\n":
            hints += "+"
        lines = text[:-1].split("\n")
    pad = " " * indent
    body = "\n".join([pad + line if line else line for line in lines])
    return f"|{hints}\n{body}\n"


def _set_aside(data: Any, blocks: list[str], token: str) -> Any:
    """data with each long text that a literal block can hold replaced by token + its number."""
    if isinstance(data, str):
        if len(data) >= LARGE_TEXT and _literal_safe(data):
            blocks.append(data)
            return f"{token}{len(blocks) - 1}x"
        return data
    if isinstance(data, dict):
        return {k: _set_aside(v, blocks, token) for k, v in data.items()}
    if isinstance(data, list):
        return [_set_aside(v, blocks, token) for v in data]
    return data


def _put_back(skeleton: str, blocks: list[str], token: str) -> str | None:
    """The skeleton with each token replaced by its text as a literal block; None if unsure."""
    pieces = re.split(f"{token}(\\d+)x\n", skeleton)
    if len(pieces) != 2 * len(blocks) + 1:
        return None  # a token went missing or appeared twice: let the emitter do it all
    out: list[str] = []
    for i in range(0, len(pieces) - 1, 2):
        before, number = pieces[i], int(pieces[i + 1])
        out.append(before)
        line = before[before.rfind("\n") + 1 :]  # "  key: ", "  - " or "  - key: "
        if line.endswith(": "):
            column = len(line) - len(line.lstrip(" -"))  # where the key starts
        elif line.endswith("- "):
            column = len(line) - 2  # where the entry's dash is
        else:
            return None
        out.append(literal_block(blocks[number], column + 2))
    if not pieces[-1] and out[-1].startswith(("|+", "|2+")):
        out.append("...\n")  # kept line breaks end the file: mark the end, as libyaml does
    out.append(pieces[-1])
    return "".join(out)


def _longest_text(data: Any) -> int:
    if isinstance(data, str):
        return len(data)
    if isinstance(data, dict):
        return max((_longest_text(v) for v in data.values()), default=0)
    if isinstance(data, list):
        return max((_longest_text(v) for v in data), default=0)
    return 0


def dump(data: Any, *, in_thread: bool = False) -> str:
    """A draft as YAML. in_thread: the caller is a background thread the UI must not wait on."""
    if _longest_text(data) < LARGE_TEXT:  # nearly every save: libyaml does it all
        return _emit(data, DraftDumper)
    blocks: list[str] = []
    token = f"tddtuiblock{os.urandom(8).hex()}n"  # no text holds it: _put_back checks
    skeleton = _set_aside(data, blocks, token)
    if blocks:
        text = _put_back(_emit(skeleton, DraftDumper), blocks, token)
        if text is not None:
            return text
    # A long text a literal block cannot hold (control characters, say) is rare: the
    # Python emitter is many times slower than libyaml's, but yields the GIL.
    return _emit(data, PureDraftDumper if in_thread else DraftDumper)


def _emit(data: Any, dumper: type[Any]) -> str:
    text: str = yaml.dump(
        data,
        Dumper=dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return text


def load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)
