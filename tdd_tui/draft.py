"""The Draft: what the author has written so far, and how far along it is.

Pure data and pure functions: no files, no Textual. The store turns a Draft
into YAML and back through `to_data` and `from_data`.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata

from tdd_tui.template import Part, Section, Template

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any

FORMAT_VERSION = 1
# The key of an unplaced note that belongs to the whole document, not a section.
DOCUMENT = "document"
# The part id the wizard shows an unplaced note under (template ids cannot start with _).
UNPLACED = "_unplaced"
STATUSES = ("Draft", "In Review", "Approved")

Record = dict[str, str]
Answer = str | list[str] | list[Record]


class DraftError(ValueError):
    """A draft file whose contents do not make a draft."""


class Progress(enum.Enum):
    EMPTY = "empty"
    STARTED = "started"
    COMPLETE = "complete"
    NOT_APPLICABLE = "not applicable"


class Position:
    """Where the author was: a section id (or "metadata") and a part id."""

    __slots__ = ("part", "section")

    def __init__(self, section: str = "metadata", part: str | None = None) -> None:
        self.section = section
        self.part = part

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Position):
            return NotImplemented
        return (self.section, self.part) == (other.section, other.part)

    def __repr__(self) -> str:
        return f"Position({self.section!r}, {self.part!r})"


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Draft:
    """One design doc being written: its answers, ticks, N/A reasons and where the author was.

    A plain class rather than a dataclass: importing `dataclasses` (it imports
    `inspect`) and building the classes was a sixth of a `tdd-tui list`.
    """

    FIELDS = (
        "id",
        "template_id",
        "template_version",
        "created",
        "updated",
        "metadata",
        "answers",
        "ticks",
        "not_applicable",
        "position",
        "unplaced",
    )

    def __init__(
        self,
        id: str,
        template_id: str = "default",
        template_version: int = 1,
        created: str | None = None,
        updated: str | None = None,
        metadata: dict[str, Answer] | None = None,
        answers: dict[str, dict[str, Answer]] | None = None,
        ticks: dict[str, list[str]] | None = None,
        not_applicable: dict[str, str] | None = None,
        position: Position | None = None,
        unplaced: dict[str, str] | None = None,
    ) -> None:
        self.id = id
        self.template_id = template_id
        self.template_version = template_version
        self.created = created if created is not None else now()
        self.updated = updated if updated is not None else now()
        self.metadata: dict[str, Answer] = metadata if metadata is not None else {}
        self.answers: dict[str, dict[str, Answer]] = answers if answers is not None else {}
        self.ticks: dict[str, list[str]] = ticks if ticks is not None else {}
        self.not_applicable: dict[str, str] = not_applicable if not_applicable is not None else {}
        self.position = position if position is not None else Position()
        # Imported text that matched no part: section id (or DOCUMENT) -> Markdown.
        self.unplaced: dict[str, str] = unplaced if unplaced is not None else {}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Draft):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.FIELDS)

    def __repr__(self) -> str:
        return f"Draft(id={self.id!r}, title={self.title!r})"

    # -- reading ---------------------------------------------------------

    @property
    def title(self) -> str:
        title = self.metadata.get("title")
        return title if isinstance(title, str) else ""

    @property
    def status(self) -> str:
        status = self.metadata.get("status")
        return status if isinstance(status, str) and status else "Draft"

    def answer(self, section_id: str, part_id: str) -> Answer:
        return self.answers.get(section_id, {}).get(part_id, "")

    def not_applicable_reason(self, section_id: str, part_id: str | None = None) -> str | None:
        key = section_id if part_id is None else f"{section_id}.{part_id}"
        return self.not_applicable.get(key)

    def ticked(self, section_id: str) -> list[str]:
        return self.ticks.get(section_id, [])

    # -- editing ---------------------------------------------------------

    def set_answer(self, section_id: str, part_id: str, value: Answer) -> None:
        section = self.answers.setdefault(section_id, {})
        if is_answered(value):
            section[part_id] = value
        else:
            section.pop(part_id, None)
            if not section:
                del self.answers[section_id]

    def set_metadata(self, key: str, value: Answer) -> None:
        if is_answered(value):
            self.metadata[key] = value
        else:
            self.metadata.pop(key, None)

    def set_not_applicable(self, section_id: str, part_id: str | None, reason: str | None) -> None:
        """Mark (reason given) or unmark (reason None) a section or a part."""
        key = section_id if part_id is None else f"{section_id}.{part_id}"
        if reason is None:
            self.not_applicable.pop(key, None)
        else:
            self.not_applicable[key] = reason

    def set_unplaced(self, key: str, text: str) -> None:
        if text.strip():
            self.unplaced[key] = text
        else:
            self.unplaced.pop(key, None)

    def set_tick(self, section_id: str, item_id: str, ticked: bool) -> None:
        items = [i for i in self.ticks.get(section_id, []) if i != item_id]
        if ticked:
            items.append(item_id)
        if items:
            self.ticks[section_id] = items
        else:
            self.ticks.pop(section_id, None)

    # -- file format -----------------------------------------------------

    def to_data(self) -> dict[str, Any]:
        """The draft as plain data, keys in a stable, readable order."""
        data: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "id": self.id,
            "template": self.template_id,
            "template_version": self.template_version,
            "created": self.created,
            "updated": self.updated,
            "metadata": dict(self.metadata),
            "answers": {s: dict(parts) for s, parts in self.answers.items()},
            "checklist": {s: list(items) for s, items in self.ticks.items()},
            "not_applicable": dict(self.not_applicable),
            "position": {"section": self.position.section, "part": self.position.part},
        }
        if self.unplaced:
            data["unplaced"] = dict(self.unplaced)
        return data

    @classmethod
    def from_data(cls, data: Any) -> Draft:
        if not isinstance(data, dict):
            raise DraftError("is not a draft (expected a mapping at the top)")
        version = data.get("format")
        if version != FORMAT_VERSION:
            if isinstance(version, int) and version > FORMAT_VERSION:
                raise DraftError(
                    f"was written by a newer tdd-tui (format {version}); upgrade to open it"
                )
            raise DraftError(f"has an unknown format version: {version!r}")
        draft_id = _text(data, "id")
        if not valid_id(draft_id):
            raise DraftError(f"has an invalid id: {draft_id!r}")
        position = _mapping(data, "position")
        section = position.get("section") or "metadata"
        part = position.get("part")
        return cls(
            id=draft_id,
            template_id=_text(data, "template"),
            template_version=_int(data, "template_version"),
            created=_text(data, "created"),
            updated=_text(data, "updated"),
            metadata={
                k: _answer(v, f"metadata.{k}") for k, v in _mapping(data, "metadata").items()
            },
            answers={
                str(s): {
                    str(p): _answer(v, f"answers.{s}.{p}")
                    for p, v in _mapping(_mapping(data, "answers"), s).items()
                }
                for s in _mapping(data, "answers")
            },
            ticks={
                str(s): [str(i) for i in _list(_mapping(data, "checklist"), s)]
                for s in _mapping(data, "checklist")
            },
            not_applicable={
                str(k): str(v) if v is not None else ""
                for k, v in _mapping(data, "not_applicable").items()
            },
            position=Position(str(section), str(part) if part is not None else None),
            unplaced={
                str(k): _scalar(v, f"unplaced.{k}") for k, v in _mapping(data, "unplaced").items()
            },
        )


# -- validation helpers for from_data ----------------------------------------


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise DraftError(f"is missing '{key}' or it is not text")
    return value


def _int(data: dict[str, Any], key: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise DraftError(f"is missing '{key}' or it is not a whole number")
    return value


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DraftError(f"has '{key}' that should be a mapping")
    return value


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise DraftError(f"has '{key}' that should be a list")
    return value


def _scalar(value: Any, where: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        raise DraftError(f"has {where} that should be text, not {value!r}")
    if isinstance(value, int | float):
        return str(value)
    raise DraftError(f"has {where} that should be text")


def _answer(value: Any, where: str) -> Answer:
    if isinstance(value, list):
        if all(isinstance(v, dict) for v in value) and value:
            return [{str(k): _scalar(v, f"{where}.{k}") for k, v in rec.items()} for rec in value]
        return [_scalar(v, where) for v in value]
    return _scalar(value, where)


# -- ids ---------------------------------------------------------------------

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


def valid_id(value: str) -> bool:
    return bool(_ID.match(value))


def export_name(draft: Draft) -> str:
    """The file an export goes to unless told otherwise, from the CLI and the UI alike.

    The id, not the title: two drafts with one title have two ids, so their
    exports never propose the same file.
    """
    return f"{draft.id}.md"


def slugify(title: str, limit: int = 48) -> str:
    """A file-name-safe slug of a title: "Payments [v2]" -> "payments-v2"."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:limit].rstrip("-") or "untitled"


# -- text that cannot be saved -------------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(value: Answer) -> tuple[Answer, bool]:
    """Replace lone surrogates (a broken paste) with U+FFFD; True if any were found.

    They cannot be encoded as UTF-8, so a draft holding one could never be saved.
    """

    def clean(text: str) -> str:
        return _SURROGATE.sub("\ufffd", text)

    # Called on every keystroke: a search, not a copy, in the usual case of none;
    # and no search at all for ASCII text (CPython knows that without looking).
    if isinstance(value, str):
        if value.isascii():
            return value, False
        return (clean(value), True) if _SURROGATE.search(value) else (value, False)
    texts = [t for v in value for t in (v.values() if isinstance(v, dict) else [v])]
    if not any(_SURROGATE.search(t) for t in texts):
        return value, False
    if all(isinstance(v, str) for v in value):
        return [clean(v) for v in value if isinstance(v, str)], True
    return [{k: clean(v) for k, v in r.items()} for r in value if isinstance(r, dict)], True


def is_empty(draft: Draft) -> bool:
    """Nothing written at all: no answers, no imported notes and no title."""
    return not draft.answers and not draft.unplaced and not draft.title.strip()


# -- progress ----------------------------------------------------------------


def is_answered(value: Answer | None) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    return any(
        (any(v.strip() for v in item.values()) if isinstance(item, dict) else bool(item.strip()))
        for item in value
    )


def part_progress(draft: Draft, section: Section, part: Part) -> Progress:
    if section.id in draft.not_applicable or f"{section.id}.{part.id}" in draft.not_applicable:
        return Progress.NOT_APPLICABLE
    return Progress.COMPLETE if is_answered(draft.answer(section.id, part.id)) else Progress.EMPTY


def section_progress(draft: Draft, section: Section) -> Progress:
    """Complete when every required part is answered or not applicable."""
    if section.id in draft.not_applicable:
        return Progress.NOT_APPLICABLE
    states = [(p, part_progress(draft, section, p)) for p in section.parts]
    if all(s is Progress.NOT_APPLICABLE for _, s in states):
        return Progress.NOT_APPLICABLE
    if not any(s is Progress.COMPLETE for _, s in states):
        return Progress.EMPTY
    needed = [s for p, s in states if p.required] or [s for _, s in states]
    if all(s is not Progress.EMPTY for s in needed):
        return Progress.COMPLETE
    return Progress.STARTED


def metadata_progress(draft: Draft, template: Template) -> Progress:
    required = [p for p in template.metadata if p.required]
    done = [p for p in required if is_answered(draft.metadata.get(p.id))]
    if len(done) == len(required):
        return Progress.COMPLETE
    return (
        Progress.STARTED if any(is_answered(v) for v in draft.metadata.values()) else Progress.EMPTY
    )


def overall_progress(draft: Draft, template: Template) -> float:
    """Share of the sections' required parts that are answered or not applicable."""
    total = 0
    done = 0
    for section in template.sections:
        parts = [p for p in section.parts if p.required] or list(section.parts)
        total += len(parts)
        done += sum(part_progress(draft, section, p) is not Progress.EMPTY for p in parts)
    return done / total if total else 1.0
