"""Reading a template file (the built-in one, a team's, a folder of them) into the
frozen Template, through PyYAML's node tree, so that every mistake is reported with
the file and the line it is on."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from tdd_tui.files import NotAFile, TooBig, read_regular
from tdd_tui.template import (
    CHECK_ID_PATTERN,
    FIELD_KINDS,
    ID_PATTERN,
    KINDS,
    REQUIRED_METADATA,
    RESERVED_IDS,
    RULE_IDS,
    SEVERITIES,
    WORD_LISTS,
    ChecklistItem,
    Field,
    Kind,
    Part,
    ReviewSettings,
    Section,
    Template,
    TemplateError,
)
from tdd_tui.yamlio import SafeLoader, UnsafeYaml, check_safe

TYPE_CHECKING = False  # typing.TYPE_CHECKING; typing itself is not imported by the CLI
if TYPE_CHECKING:
    from typing import Any


MAX_TEMPLATE_BYTES = 2_000_000
DEFAULT_TEMPLATE = Path(__file__).parent / "templates" / "default.yaml"


def load_template(path: Path | str | None = None) -> Template:
    """Load and validate a template file; the default one when path is None."""
    file = Path(path) if path is not None else DEFAULT_TEMPLATE
    source = str(file) if path is not None else "default template"
    try:
        data = read_regular(file, MAX_TEMPLATE_BYTES)
    except FileNotFoundError:
        raise TemplateError(str(file), None, "no such file") from None
    except IsADirectoryError:
        raise TemplateError(str(file), None, "is a folder, not a template file") from None
    except NotAFile:
        raise TemplateError(
            str(file), None, "is not a regular file (a pipe or a device?)"
        ) from None
    except TooBig:
        raise TemplateError(source, None, "is larger than 2 MB; is it really a template?") from None
    except OSError as exc:
        raise TemplateError(str(file), None, exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise TemplateError(source, None, f"is not UTF-8 text (byte {exc.start})") from None
    return parse_template(text, source)


def load_templates(folder: Path) -> tuple[list[Template], list[TemplateError]]:
    """Every *.yaml template in a folder, and what is wrong with the ones that are not usable."""
    found: list[Template] = []
    errors: list[TemplateError] = []
    if not folder.is_dir():
        return found, errors
    for file in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            found.append(load_template(file))
        except TemplateError as exc:
            errors.append(exc)
    return found, errors


_default_metadata: tuple[Part, ...] | None = None


def default_metadata() -> tuple[Part, ...]:
    """The built-in template's metadata: what a team template without its own gets."""
    global _default_metadata
    if _default_metadata is None:
        _default_metadata = load_template().metadata
    return _default_metadata


def parse_template(text: str, source: str = "<template>") -> Template:
    """A template from its YAML text; TemplateError names the line of a mistake."""
    try:
        check_safe(text, 32)
    except UnsafeYaml as exc:
        raise TemplateError(source, exc.line, exc.problem) from None
    try:
        root = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise TemplateError(source, line, f"not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise TemplateError(source, None, f"not valid YAML: {exc}") from None
    if root is None:
        raise TemplateError(source, None, "is empty")
    return Reader(source).template(root)


class Reader:
    """Builds the template from YAML nodes, naming the line of each mistake."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node: yaml.Node, problem: str) -> TemplateError:
        return TemplateError(self.source, node.start_mark.line + 1, problem)

    def mapping(
        self, node: yaml.Node, what: str, required: tuple[str, ...], optional: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} should be a mapping of keys to values")
        out: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in out:
                raise self.fail(key_node, f"{what} has '{key}' twice")
            if key not in required and key not in optional:
                allowed = ", ".join(required + optional)
                raise self.fail(key_node, f"{what} has an unknown key '{key}' (allowed: {allowed})")
            out[key] = value_node
        for key in required:
            if key not in out:
                raise self.fail(node, f"{what} is missing '{key}'")
        return out

    def string(self, node: yaml.Node, what: str, *, empty_ok: bool = False) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            if isinstance(node, yaml.ScalarNode) and node.tag in (
                "tag:yaml.org,2002:int",
                "tag:yaml.org,2002:float",
            ):
                return str(node.value)
            raise self.fail(node, f"{what} should be text")
        value = str(node.value)
        if not value.strip() and not empty_ok:
            raise self.fail(node, f"{what} is empty")
        return value.rstrip("\n")

    def integer(self, node: yaml.Node, what: str) -> int:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int":
            raise self.fail(node, f"{what} should be a whole number")
        return int(node.value)

    def boolean(self, node: yaml.Node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            raise self.fail(node, f"{what} should be true or false")
        return node.value.lower() in ("true", "yes", "on")

    def identifier(self, node: yaml.Node, what: str, pattern: re.Pattern[str] = ID_PATTERN) -> str:
        value = self.string(node, what)
        if not pattern.match(value):
            raise self.fail(
                node,
                f"{what} '{value}' should be lower-case letters, digits and underscores, "
                "starting with a letter",
            )
        return value

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} should be a list")
        return list(node.value)

    def unique(
        self, items: list[Any], key: Callable[[Any], str], nodes: list[yaml.Node], what: str
    ) -> None:
        seen: set[str] = set()
        for item, node in zip(items, nodes, strict=True):
            value = key(item)
            if value in seen:
                raise self.fail(node, f"{what} '{value}' is used twice")
            seen.add(value)

    def template(self, root: yaml.Node) -> Template:
        keys = self.mapping(
            root,
            "the template",
            ("id", "version", "sections"),
            ("name", "doc_title", "metadata", "review"),
        )
        template_id = self.identifier(keys["id"], "the template id")
        version = self.integer(keys["version"], "the template version")
        name = self.string(keys["name"], "name") if "name" in keys else template_id
        doc_title = self.string(keys["doc_title"], "doc_title") if "doc_title" in keys else name
        metadata: tuple[Part, ...]
        if "metadata" in keys:
            nodes = self.sequence(keys["metadata"], "metadata")
            meta_parts = [self.part(n, "a metadata field") for n in nodes]
            self.unique(meta_parts, lambda p: p.id, nodes, "metadata field id")
            ids = {p.id for p in meta_parts}
            for needed in REQUIRED_METADATA:
                if needed not in ids:
                    raise self.fail(keys["metadata"], f"metadata is missing the '{needed}' field")
            metadata = tuple(meta_parts)
        else:
            metadata = default_metadata()
        nodes = self.sequence(keys["sections"], "sections")
        if not nodes:
            raise self.fail(keys["sections"], "sections is empty; a template needs at least one")
        sections = [self.section(n, i + 1) for i, n in enumerate(nodes)]
        self.unique(sections, lambda s: s.id, nodes, "section id")
        review = self.review(keys["review"]) if "review" in keys else ReviewSettings()
        return Template(
            template_id, version, name, doc_title, metadata, tuple(sections), self.source, review
        )

    def review(self, node: yaml.Node) -> ReviewSettings:
        """`review: {off: [ids], severity: {id: error}, words: {vague: [...]}}`."""
        keys = self.mapping(node, "review", (), ("off", "severity", "words"))
        off: list[str] = []
        if "off" in keys:
            for item in self.sequence(keys["off"], "review.off"):
                off.append(self.rule_id(item))
        severity: list[tuple[str, str]] = []
        if "severity" in keys:
            for key_node, value_node in self.pairs(keys["severity"], "review.severity"):
                level = self.string(value_node, f"the severity of {key_node.value}")
                if level not in SEVERITIES:
                    raise self.fail(value_node, f"a severity is error or warning, not '{level}'")
                severity.append((self.rule_id(key_node), level))
        words: list[tuple[str, tuple[str, ...]]] = []
        if "words" in keys:
            for key_node, value_node in self.pairs(keys["words"], "review.words"):
                name = self.string(key_node, "a word list's name")
                if name not in WORD_LISTS:
                    raise self.fail(
                        key_node,
                        f"review.words has no list '{name}' (use one of {', '.join(WORD_LISTS)})",
                    )
                items = self.sequence(value_node, f"review.words.{name}")
                words.append((name, tuple(self.string(n, "a word").lower() for n in items)))
        return ReviewSettings(tuple(off), tuple(severity), tuple(words))

    def rule_id(self, node: yaml.Node) -> str:
        rule_id = self.string(node, "a rule id")
        if rule_id not in RULE_IDS:
            raise self.fail(
                node, f"there is no review rule '{rule_id}' (rules: {', '.join(RULE_IDS)})"
            )
        return rule_id

    def pairs(self, node: yaml.Node, what: str) -> list[tuple[yaml.Node, yaml.Node]]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} should be a mapping")
        return list(node.value)

    def section(self, node: yaml.Node, number: int) -> Section:
        keys = self.mapping(
            node,
            f"section {number}",
            ("id", "title", "parts"),
            ("purpose", "checklist", "may_be_na", "aliases"),
        )
        section_id = self.identifier(keys["id"], f"section {number}'s id")
        if section_id in RESERVED_IDS:
            raise self.fail(
                keys["id"],
                f"section {number}'s id '{section_id}' is reserved for the app's own use "
                f"({', '.join(RESERVED_IDS)}); choose another",
            )
        title = self.string(keys["title"], f"section {number}'s title")
        purpose = (
            self.string(keys["purpose"], f"section {number}'s purpose") if "purpose" in keys else ""
        )
        part_nodes = self.sequence(keys["parts"], f"section {number}'s parts")
        if not part_nodes:
            raise self.fail(keys["parts"], f"section {number} ({title}) has no parts")
        parts = [self.part(n, f"a part of section {number}") for n in part_nodes]
        self.unique(parts, lambda p: p.id, part_nodes, f"section {number}'s part id")
        checklist: list[ChecklistItem] = []
        if "checklist" in keys:
            item_nodes = self.sequence(keys["checklist"], f"section {number}'s checklist")
            for item_node in item_nodes:
                item = self.mapping(item_node, "a checklist item", ("id", "text"), ())
                checklist.append(
                    ChecklistItem(
                        self.identifier(item["id"], "a checklist item id", CHECK_ID_PATTERN),
                        self.string(item["text"], "a checklist item's text"),
                    )
                )
            self.unique(checklist, lambda c: c.id, item_nodes, "checklist item id")
        may_be_na = self.boolean(keys["may_be_na"], "may_be_na") if "may_be_na" in keys else False
        aliases = self.aliases(keys, f"section {number}'s aliases")
        return Section(
            number, section_id, title, purpose, tuple(parts), tuple(checklist), may_be_na, aliases
        )

    def aliases(self, keys: dict[str, yaml.Node], what: str) -> tuple[str, ...]:
        if "aliases" not in keys:
            return ()
        return tuple(self.string(n, "an alias") for n in self.sequence(keys["aliases"], what))

    def part(self, node: yaml.Node, what: str) -> Part:
        keys = self.mapping(
            node,
            what,
            ("id", "label", "kind", "question"),
            (
                "why",
                "example",
                "placeholder",
                "required",
                "heading",
                "choices",
                "aliases",
                "fields",
            ),
        )
        part_id = self.identifier(keys["id"], "a part id")
        label = self.string(keys["label"], f"part '{part_id}''s label")
        kind_name = self.string(keys["kind"], f"part '{part_id}''s kind")
        if kind_name not in KINDS:
            raise self.fail(
                keys["kind"],
                f"part '{part_id}' has an unknown kind '{kind_name}' "
                f"(use one of {', '.join(KINDS)})",
            )
        kind = Kind(kind_name)

        def text(key: str) -> str:
            return (
                self.string(keys[key], f"part '{part_id}''s {key}", empty_ok=True)
                if key in keys
                else ""
            )

        choices: tuple[str, ...] = ()
        if kind in ("choice", "multi"):
            if "choices" not in keys:
                raise self.fail(node, f"part '{part_id}' is a {kind} and needs 'choices'")
            choice_nodes = self.sequence(keys["choices"], f"part '{part_id}''s choices")
            if not choice_nodes:
                raise self.fail(keys["choices"], f"part '{part_id}' has an empty list of choices")
            choices = tuple(self.string(n, "a choice") for n in choice_nodes)
        elif "choices" in keys:
            raise self.fail(
                keys["choices"], f"part '{part_id}' is a {kind}; only choice and multi take choices"
            )
        fields: tuple[Field, ...] = ()
        if kind == "group":
            if "fields" not in keys:
                raise self.fail(node, f"part '{part_id}' is a group and needs 'fields'")
            field_nodes = self.sequence(keys["fields"], f"part '{part_id}''s fields")
            if not field_nodes:
                raise self.fail(keys["fields"], f"part '{part_id}' has no fields")
            field_list = []
            for field_node in field_nodes:
                fkeys = self.mapping(field_node, "a group field", ("id", "label"), ("kind",))
                fkind = self.string(fkeys["kind"], "a field kind") if "kind" in fkeys else "line"
                if fkind not in FIELD_KINDS:
                    raise self.fail(
                        fkeys["kind"], f"a group field's kind should be line or text, not '{fkind}'"
                    )
                field_list.append(
                    Field(
                        self.identifier(fkeys["id"], "a field id"),
                        self.string(fkeys["label"], "a field label"),
                        Kind(fkind),
                    )
                )
            self.unique(field_list, lambda f: f.id, field_nodes, "field id")
            fields = tuple(field_list)
        elif "fields" in keys:
            raise self.fail(
                keys["fields"], f"part '{part_id}' is a {kind}; only group parts take fields"
            )
        return Part(
            id=part_id,
            label=label,
            kind=kind,
            question=self.string(keys["question"], f"part '{part_id}''s question"),
            why=text("why"),
            example=text("example"),
            placeholder=text("placeholder"),
            required=self.boolean(keys["required"], "required") if "required" in keys else False,
            heading=self.string(keys["heading"], "heading") if "heading" in keys else None,
            choices=choices,
            aliases=self.aliases(keys, f"part '{part_id}''s aliases"),
            fields=fields,
        )
