"""The checked default template, kept between runs so a command need not read its YAML.

Reading and checking the YAML costs more than the rest of a `tdd-tui list`.
The checked result is kept in the cache folder as `marshal` data (plain
tuples, read back by C code, with no module to import), keyed on the
package version, the layout below, Python's version and the file's size and
time. Any trouble with the cache (missing, stale, unreadable, unwritable)
just means reading the YAML.
"""

from __future__ import annotations

import contextlib
import marshal
import sys
from collections.abc import Callable
from pathlib import Path

from tdd_tui import __version__
from tdd_tui.files import atomic_write
from tdd_tui.template import ChecklistItem, Field, Kind, Part, ReviewSettings, Section, Template

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any

# Bump when the template's classes change shape, so an old cache is read as stale.
LAYOUT = 7  # the shape of plain(): bumped when Template, Section or Part change
NAME = f"default-template.{sys.implementation.cache_tag}.marshal"


def cached(source: Path, folder: Path, load: Callable[[], Template]) -> Template:
    """The template load() would return, from the cache when source has not changed."""
    try:
        info = source.stat()
    except OSError:
        return load()
    key = f"{__version__}:{LAYOUT}:{info.st_mtime_ns}:{info.st_size}"
    cache = folder / NAME
    try:
        stored = marshal.loads(cache.read_bytes())
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key:
            return rebuild(stored[1])
    except Exception:
        pass  # missing, damaged or from another layout: read the YAML instead
    template = load()
    with contextlib.suppress(OSError, ValueError):
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(cache, marshal.dumps((key, plain(template))), fsync=False)
    return template


def plain(template: Template) -> tuple[Any, ...]:
    """The template as nested plain tuples, which marshal can write."""
    return (
        *template[:4],
        tuple(_plain_part(p) for p in template.metadata),
        tuple(_plain_section(s) for s in template.sections),
        template.source,
        tuple(template.review),
    )


def rebuild(data: tuple[Any, ...]) -> Template:
    """The inverse of plain()."""
    return Template._make(
        (
            *data[:4],
            tuple(_part(p) for p in data[4]),
            tuple(_section(s) for s in data[5]),
            data[6],
            ReviewSettings._make(data[7]),
        )
    )


def _plain_part(part: Part) -> tuple[Any, ...]:
    # Kinds as plain strings: marshal writes only the built-in types.
    fields = tuple((f.id, f.label, str(f.kind)) for f in part.fields)
    return (*part[:2], str(part.kind), *part[3:-1], fields)


def _plain_section(section: Section) -> tuple[Any, ...]:
    return (
        *section[:4],
        tuple(_plain_part(p) for p in section.parts),
        tuple(tuple(c) for c in section.checklist),
        section.may_be_na,
        section.aliases,
    )


def _part(data: tuple[Any, ...]) -> Part:
    fields = tuple(Field(f[0], f[1], Kind(f[2])) for f in data[-1])
    return Part._make((*data[:2], Kind(data[2]), *data[3:-1], fields))


def _section(data: tuple[Any, ...]) -> Section:
    return Section._make(
        (
            *data[:4],
            tuple(_part(p) for p in data[4]),
            tuple(ChecklistItem._make(c) for c in data[5]),
            data[6],
            tuple(data[7]),
        )
    )
