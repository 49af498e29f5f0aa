"""The Draft model: YAML round trips exactly, and progress is what a user would expect."""

from __future__ import annotations

from unittest.mock import patch

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tdd_tui import yamlio
from tdd_tui.draft import Draft, Position, Progress, overall_progress, section_progress
from tdd_tui.draft_file import parse_draft, serialize

AWKWARD = st.sampled_from(
    [
        "no",
        "null",
        "~",
        "1e3",
        "0x1F",
        "true",
        "- item",
        "# not a comment",
        "key: value",
        "|",
        ">",
        "  leading",
        "trailing  ",
        "\n",
        "\n\n",
        "a\nb\n",
        "\ttab",
        "'",
        '"',
        "&anchor",
        "*alias",
        "!tag",
        "%YAML",
        "---",
        "...",
        "@",
        "`",
        "2026-11-25",
        "12:30",
        "é\u0301",
        "שלום",
        "表",
        "\u200b",
        "\x85",
        "\u2028",
        "\ufeff",
        "\x7f",
        "\x00",
    ]
)
TEXT = st.one_of(
    st.text(), AWKWARD, st.lists(st.one_of(AWKWARD, st.text()), max_size=5).map("".join)
)
KEY = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
ANSWER = st.one_of(
    TEXT,
    st.lists(TEXT, max_size=4),
    st.lists(st.dictionaries(KEY, TEXT, min_size=1, max_size=4), min_size=1, max_size=3),
)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    return Draft(
        id=draw(st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        metadata=draw(st.dictionaries(KEY, ANSWER, max_size=4)),
        answers=draw(
            st.dictionaries(KEY, st.dictionaries(KEY, ANSWER, min_size=1, max_size=4), max_size=4)
        ),
        ticks=draw(st.dictionaries(KEY, st.lists(KEY, min_size=1, max_size=3), max_size=3)),
        not_applicable=draw(st.dictionaries(KEY, TEXT, max_size=3)),
        position=Position(draw(KEY), draw(st.none() | KEY)),
    )


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_yaml_round_trip_keeps_every_character(draft: Draft):
    assert parse_draft(serialize(draft)) == draft


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(drafts())
def test_every_text_written_as_a_literal_block_round_trips(draft: Draft):
    # Long texts are written as literal blocks by our own code; with the threshold at
    # zero every text that a literal block can hold goes that way, in every position.
    with patch.object(yamlio, "LARGE_TEXT", 0):
        written = serialize(draft)
    assert parse_draft(written) == draft
    assert yaml.load(written, Loader=yaml.SafeLoader) == draft.to_data()  # the Python loader too


def _libyaml_writes_literal(text: str) -> bool:
    return yamlio._emit({"k": text}, yamlio.DraftDumper).startswith("k: |")


# Multi-line prose without trailing spaces or tabs: what libyaml writes as a literal block.
LITERAL_TEXT = st.builds(
    lambda lines, end: "\n".join(lines) + end,
    st.lists(
        st.sampled_from(
            ["", "a", "b c", "  indented", "é 🚀", "# not a comment", "- not a list", "k: v", "|"]
        ),
        min_size=2,
        max_size=6,
    ),
    st.sampled_from(["", "\n", "\n\n"]),
)


@given(st.lists(LITERAL_TEXT, min_size=1, max_size=3))
def test_literal_blocks_are_written_as_libyaml_writes_them(texts: list[str]):
    # Where libyaml itself writes a literal block, our writer must give the same bytes,
    # so a draft's file keeps its shape when a text grows past LARGE_TEXT.
    assume(all(_libyaml_writes_literal(text) for text in texts))
    data = {"answers": {"s": {"text": texts[0], "list": texts, "rows": [{"f": texts[-1]}]}}}
    with patch.object(yamlio, "LARGE_TEXT", 0):
        ours = yamlio.dump(data)
    assert ours == yamlio._emit(data, yamlio.DraftDumper)


def test_file_is_readable_and_stable(sample):
    text = serialize(sample).decode()
    keys = [line.split(":")[0] for line in text.splitlines() if line and not line.startswith(" ")]
    assert keys == [
        "format",
        "id",
        "template",
        "template_version",
        "created",
        "updated",
        "metadata",
        "answers",
        "checklist",
        "not_applicable",
        "position",
    ]
    assert "overview: |" in text  # multi-line text as a block scalar
    assert serialize(sample) == serialize(parse_draft(serialize(sample)))


def test_the_c_classes_are_used_when_present():
    import yaml

    if yaml.__with_libyaml__:
        assert yamlio.SafeLoader is yaml.CSafeLoader
        assert issubclass(yamlio.DraftDumper, yaml.CSafeDumper)


def test_section_progress(template):
    section = template.section("problem")
    assert section is not None
    draft = Draft(id="d")
    assert section_progress(draft, section) is Progress.EMPTY
    draft.set_answer("problem", "current_limitations", "Only a global limit.")
    assert section_progress(draft, section) is Progress.STARTED
    draft.set_answer("problem", "business_context", "Revenue.")
    draft.set_answer("problem", "user_impact", "Timeouts.")
    assert section_progress(draft, section) is Progress.COMPLETE  # every required part answered
    draft.set_not_applicable("problem", None, "Covered by the RFC")
    assert section_progress(draft, section) is Progress.NOT_APPLICABLE


def test_whitespace_is_not_an_answer(template):
    section = template.section("summary")
    assert section is not None
    draft = Draft(id="d")
    draft.set_answer("summary", "summary", "   \n ")
    assert section_progress(draft, section) is Progress.EMPTY
    assert "summary" not in draft.answers


def test_overall_progress(template, sample):
    assert overall_progress(Draft(id="d"), template) == 0
    assert overall_progress(sample, template) == 1
    draft = Draft(id="d")
    for section in template.sections:
        draft.set_not_applicable(section.id, None, "n/a")
    assert overall_progress(draft, template) == 1


def test_ticks_toggle():
    draft = Draft(id="d")
    draft.set_tick("goals", "measurable", True)
    draft.set_tick("goals", "measurable", True)
    assert draft.ticked("goals") == ["measurable"]
    draft.set_tick("goals", "measurable", False)
    assert draft.ticks == {}
