"""YAML in and out, safely and fast.

PyYAML's `safe_load` and `safe_dump` never use libyaml even when it is
installed, and are about 50 times slower on a large draft, so the C classes
are named explicitly. Untrusted text is walked as an event stream first
(libyaml's parser is iterative, its composer is not), which refuses deep
nesting, aliases and object-constructing tags before anything is built.
"""

from __future__ import annotations

from typing import Any

import yaml

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
# which a save thread would take from the UI. Above this, a save thread uses the
# Python emitter: many times slower, but it yields the GIL every few milliseconds.
LARGE_TEXT = 256 * 1024


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
    dumper = PureDraftDumper if in_thread and _longest_text(data) >= LARGE_TEXT else DraftDumper
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
