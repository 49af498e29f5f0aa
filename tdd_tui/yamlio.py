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

_STANDARD_TAG = "tag:yaml.org,2002:"
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def _line(event: Any) -> str:
    mark = getattr(event, "start_mark", None)
    return f" (line {mark.line + 1})" if mark is not None else ""


def check_depth(text: str, limit: int, *, allow_aliases: bool = False) -> str | None:
    """Why this YAML must not be loaded, or None when it is safe to load."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > limit:
                    return f"nested deeper than {limit} levels{_line(event)}"
            elif isinstance(event, _CLOSE):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent) and not allow_aliases:
                return f"uses a YAML alias (*{event.anchor}), which is not allowed{_line(event)}"
            tag = getattr(event, "tag", None)
            if tag and tag not in ("!", "?") and not tag.startswith(_STANDARD_TAG):
                return f"uses the YAML tag {tag}, which is not allowed{_line(event)}"
    except yaml.YAMLError:
        return None  # the loader reports syntax errors with their line
    return None


def _represent_str(dumper: Any, value: str) -> Any:
    # Multi-line text as a block scalar, so a draft reads and diffs like prose.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


class DraftDumper(SafeDumper):  # type: ignore[misc, valid-type]
    """The safe dumper, with block scalars for multi-line text."""


DraftDumper.add_representer(str, _represent_str)


def dump(data: Any) -> str:
    text: str = yaml.dump(
        data,
        Dumper=DraftDumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,
    )
    return text


def load(text: str) -> Any:
    return yaml.load(text, Loader=SafeLoader)
