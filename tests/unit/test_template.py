"""The default template follows the seed; bad templates are refused with file, line and reason."""

from __future__ import annotations

import marshal
import re
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tdd_tui import catalog as catalog_module
from tdd_tui import template_cache
from tdd_tui.catalog import default_template
from tdd_tui.template import KINDS, Template, TemplateError
from tdd_tui.template_reader import load_template, parse_template
from tests.conftest import DATA

SEED = (DATA / "seed-template.md").read_text(encoding="utf-8")


def seed_sections() -> list[tuple[str, list[str], list[str]]]:
    """(## heading, ### headings, bullets) for each numbered section of the seed."""
    out: list[tuple[str, list[str], list[str]]] = []
    for line in SEED.splitlines():
        if line.startswith("## "):
            out.append((line[3:].strip(), [], []))
        elif out and line.startswith("### "):
            out[-1][1].append(line[4:].strip())
        elif out and line.startswith("- ") and line[2:].strip() != "…":
            out[-1][2].append(line[2:].strip())
    return out


def test_sections_follow_the_seed_in_order(template):
    assert [s.heading for s in template.sections] == [h for h, _, _ in seed_sections()]
    assert len(template.sections) == 15


def test_every_seed_subheading_is_a_heading_of_parts(template):
    for section, (_, subheadings, _) in zip(template.sections, seed_sections(), strict=True):
        assert [h for h, _ in section.headings() if h] == subheadings, section.title


def test_every_seed_bullet_is_a_part_or_a_group_field(template):
    instructions = {"Explicitly state what this design will NOT address."}
    for section, (_, _, bullets) in zip(template.sections, seed_sections(), strict=True):
        labels = [p.label for p in section.parts] + [
            f.label for p in section.parts for f in p.fields
        ]
        for bullet in bullets:
            if bullet in instructions:
                continue
            assert any(bullet.lower().startswith(label.lower()) for label in labels), (
                f"{section.heading}: no part for seed bullet {bullet!r}"
            )


def test_section_parts_named_in_the_seed(template):
    requirements = template.section("requirements")
    architecture = template.section("architecture")
    assert requirements is not None and architecture is not None
    # functional + the seven non-functional kinds of the seed + usability and accessibility
    assert len(requirements.parts) == 9
    assert len(architecture.parts) == 11  # overview, boundaries, 4 data model, 4 API, workflow
    failure = template.section("failure_modes")
    assert failure is not None
    assert [f.label for f in failure.parts[0].fields] == [
        "Failure scenario",
        "Detection mechanism",
        "Impact (blast radius)",
        "Mitigation strategy",
        "Recovery procedure",
    ]


def test_metadata_block_matches_the_seed(template):
    seed_labels = re.findall(r"^- \*\*(.+?):\*\*", SEED, flags=re.M)
    labels = [p.label for p in template.metadata if p.id != "title"]
    # The seed's block, in its order, then who approves and the note sent for review.
    assert labels == [*seed_labels, "Approvers", "Review note"]
    status = template.metadata_part("status")
    assert status is not None
    assert status.choices == ("Draft", "In Review", "Approved", "Implemented", "Superseded")


def test_every_part_has_guidance_and_every_section_a_checklist(template):
    kinds_used = set()
    for section in template.sections:
        assert section.purpose and section.checklist, section.title
        for part in section.parts:
            kinds_used.add(part.kind)
            assert part.question and part.example and part.why, f"{section.id}.{part.id}"
    assert kinds_used | {"choice", "multi", "date", "line"} == set(KINDS)


def test_templates_are_frozen(template):
    with pytest.raises(AttributeError):
        template.sections[0].title = "changed"  # type: ignore[misc]


GOOD = """\
id: team
version: 3
sections:
  - id: summary
    title: Summary
    parts:
      - id: summary
        label: Summary
        kind: text
        question: What is it?
"""


def test_a_minimal_custom_template_loads():
    t = parse_template(GOOD, "team.yaml")
    assert (t.id, t.version, t.sections[0].heading) == ("team", 3, "1. Summary")
    assert t.metadata_part("title") is not None  # metadata falls back to the default block


def bad(text: str) -> TemplateError:
    with pytest.raises(TemplateError) as info:
        parse_template(textwrap.dedent(text), "team.yaml")
    return info.value


def test_syntax_error_names_the_line():
    err = bad(GOOD.replace("    title: Summary", "    title: [Summary"))
    assert err.line is not None and err.line >= 5
    assert str(err).startswith("team.yaml:") and "not valid YAML" in str(err)


def test_unknown_kind_names_the_line_and_the_kinds():
    err = bad(GOOD.replace("kind: text", "kind: essay"))
    assert err.line == 9
    assert "unknown kind 'essay'" in str(err) and "group" in str(err)


def test_typo_in_a_key_is_refused():
    err = bad(GOOD.replace("question:", "questoin:"))
    assert err.line == 10 and "unknown key 'questoin'" in err.problem


def test_missing_key_is_refused():
    err = bad(GOOD.replace("        question: What is it?\n", ""))
    assert err.line == 7 and "missing 'question'" in err.problem


def test_duplicate_part_id_is_refused():
    doubled = GOOD + GOOD.split("    parts:\n")[1]
    err = bad(doubled)
    assert err.line == 11 and "'summary' is used twice" in err.problem


def test_choice_without_choices_is_refused():
    err = bad(GOOD.replace("kind: text", "kind: choice"))
    assert err.line == 7 and "needs 'choices'" in err.problem


def test_group_without_fields_is_refused():
    assert "needs 'fields'" in bad(GOOD.replace("kind: text", "kind: group")).problem


def test_wrong_type_is_refused():
    err = bad(GOOD.replace("version: 3", "version: three"))
    assert err.line == 2 and "whole number" in err.problem


def test_no_sections_is_refused():
    err = bad("id: team\nversion: 1\nsections: []\n")
    assert "at least one" in err.problem


def test_object_tags_are_refused():
    err = bad(GOOD.replace("title: Summary", "title: !!python/object/apply:os.system [echo hi]"))
    assert err.line == 5 and "python/object/apply" in err.problem and "not allowed" in err.problem


def test_missing_file_and_folder_and_binary(tmp_path: Path):
    with pytest.raises(TemplateError, match="no such file"):
        load_template(tmp_path / "nope.yaml")
    with pytest.raises(TemplateError, match="folder"):
        load_template(tmp_path)
    binary = tmp_path / "t.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(TemplateError, match="not UTF-8"):
        load_template(binary)


@pytest.fixture
def fresh_default(monkeypatch: pytest.MonkeyPatch) -> Callable[[], Template]:
    """The shipped template as a new process would get it; the process's copy is put back after."""

    def load() -> Template:
        monkeypatch.setattr(catalog_module, "_default_cache", None)
        return default_template()

    return load


def _cache(tmp_path: Path) -> Path:
    return tmp_path / "cache" / template_cache.NAME


def test_the_default_template_is_cached_and_the_cache_is_used(tmp_path: Path, fresh_default):
    first = fresh_default()
    key, stored = marshal.loads(_cache(tmp_path).read_bytes())
    assert template_cache.rebuild(stored) == first
    # What the cache holds is what a later start gets, without reading the YAML.
    marked = first._replace(name="from the cache")
    _cache(tmp_path).write_bytes(marshal.dumps((key, template_cache.plain(marked))))
    assert fresh_default().name == "from the cache"


def test_a_right_key_with_a_damaged_body_is_read_as_stale(tmp_path: Path, fresh_default):
    expected = fresh_default()
    key, stored = marshal.loads(_cache(tmp_path).read_bytes())
    _cache(tmp_path).write_bytes(marshal.dumps((key, stored[:3])))
    assert fresh_default() == expected


@pytest.mark.parametrize(
    "content",
    [
        b"not marshal data at all",
        b"",
        marshal.dumps(("0.0.0:1:0:0", "an old cache")),
        marshal.dumps({"some": "other shape"}),
    ],
    ids=["garbage", "empty", "stale key", "other shape"],
)
def test_a_bad_or_stale_cache_is_ignored_and_replaced(
    tmp_path: Path, content: bytes, fresh_default
):
    expected = load_template()
    _cache(tmp_path).parent.mkdir(parents=True)
    _cache(tmp_path).write_bytes(content)
    assert fresh_default() == expected
    assert template_cache.rebuild(marshal.loads(_cache(tmp_path).read_bytes())[1]) == expected


def test_an_unwritable_cache_folder_still_gives_the_template(tmp_path: Path, fresh_default):
    (tmp_path / "cache").write_text("a file where the folder should be")
    assert fresh_default() == load_template()


def test_section_aliases_name_one_section_each(template):
    from tdd_tui.markdown_blocks import key

    seen: dict[str, str] = {}
    for section in template.sections:
        for name in (section.title, *section.aliases):
            assert seen.setdefault(key(name), section.id) == section.id, name
        # Within a section, a part's label or alias names that part alone.
        parts: dict[str, str] = {}
        for part in section.parts:
            for name in (part.label, *part.aliases):
                assert parts.setdefault(key(name), part.id) == part.id, (section.id, name)
