"""`tdd-tui check PATH...` as a linter: Markdown files, folders and drafts, with lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tdd_tui.cli import main
from tests.conftest import EXAMPLE_DRAFT, EXAMPLE_MARKDOWN

CORPUS = Path(__file__).resolve().parent.parent / "data" / "review"


def run(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_markdown_files_and_drafts_together_exit_0_when_clean(capsys):
    code, out, _ = run(capsys, "check", str(EXAMPLE_MARKDOWN), str(EXAMPLE_DRAFT), "--strict")
    assert code == 0 and out.strip() == "2 file(s) checked: clean"


def test_each_finding_is_file_line_severity_rule_message(capsys):
    doc = CORPUS / "bad-vague-goal.md"
    code, out, _ = run(capsys, "check", str(doc))
    assert code == 0  # warnings only; --strict fails on them
    item = line_of(doc, "- Make onboarding faster.")
    assert out.splitlines()[0].startswith(f"{doc}:{item}: warning vague: 'faster' with no")
    assert out.splitlines()[0].endswith("[3. Goals and Non-Goals › Goals]")
    assert run(capsys, "check", str(doc), "--strict")[0] == 1


def test_a_row_finding_is_on_its_row_and_a_part_on_its_label(capsys):
    doc = CORPUS / "bad-failure-no-mitigation.md"
    code, out, _ = run(capsys, "check", str(doc))
    assert code == 1
    row = line_of(doc, "| Postgres (the `limits` table) is unreachable.")
    assert f"{doc}:{row}: error failure-mitigation:" in out
    doc = CORPUS / "bad-backout-one-line.md"
    out = run(capsys, "check", str(doc))[1]
    assert f"{doc}:{line_of(doc, '**Backout plan:**')}: error backout:" in out


def test_a_folder_is_every_markdown_file_in_it(capsys, tmp_path):
    folder = tmp_path / "docs" / "design"
    folder.mkdir(parents=True)
    (folder / "good.md").write_text(EXAMPLE_MARKDOWN.read_text())
    (folder / "bad.md").write_text((CORPUS / "bad-backout-one-line.md").read_text())
    (folder / "notes.txt").write_text("not a doc")
    code, out, _ = run(capsys, "check", str(tmp_path / "docs"))
    assert code == 1
    assert "bad.md:" in out and "good.md:" not in out
    assert out.splitlines()[-1] == "2 file(s) checked: 1 error(s), 0 warning(s)"


def test_github_format_makes_annotations(capsys):
    doc = CORPUS / "bad-hand-backout-na.md"
    code, out, _ = run(capsys, "check", str(doc), "--format", "github")
    first = out.splitlines()[0]
    assert code == 1
    assert first.startswith(f"::error file={doc},line={line_of(doc, '**Backout plan:**')},")
    assert "title=filler (10. Rollout & Migration Plan › Backout plan)::" in first


def test_github_format_escapes_what_would_break_the_command():
    from tdd_tui.check import Finding
    from tdd_tui.doc_check import Placed, github_line

    finding = Finding("A, b: c", "50% of\nit", "s", "p", "vague", "warning")
    line = github_line("docs/x,y.md", Placed(finding, 3))
    assert line == (
        "::warning file=docs/x%2Cy.md,line=3,title=vague (A%2C b%3A c)::A, b: c: 50%25 of%0Ait"
    )


def test_json_carries_file_line_rule_severity_section_and_part(capsys):
    doc = CORPUS / "bad-open-question-unowned.md"
    code, out, _ = run(capsys, "check", str(doc), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["errors"] == 1 and report["warnings"] == 1
    owner = next(f for f in report["files"][0]["findings"] if f["rule"] == "open-question-owner")
    assert owner["file"] == str(doc) and owner["severity"] == "error"
    assert (owner["section"], owner["part"]) == ("open_questions", "questions")
    assert owner["line"] == line_of(doc, "| Should Enterprise customers")


def test_a_finding_is_silenced_where_it_stands_with_its_reason(capsys, tmp_path):
    doc = tmp_path / "x.md"
    text = (CORPUS / "bad-fast-at-p99.md").read_text()
    doc.write_text(
        text.replace(
            "Fast at p99, even at the Monday peak.",
            "Fast at p99, even at the Monday peak. "
            "<!-- tdd-tui: ignore vague: the target is set in ADR-0051 -->",
        )
    )
    code, out, _ = run(capsys, "check", str(doc), "--strict")
    assert code == 0 and out.strip() == "1 file(s) checked: clean"
    code, out, _ = run(capsys, "check", str(doc), "--show-silenced")
    assert "warning vague:" in out and "(silenced: the target is set in ADR-0051)" in out
    # With no reason, nothing is silenced.
    doc.write_text(text.replace("Monday peak.", "Monday peak. <!-- tdd-tui: ignore vague -->"))
    assert run(capsys, "check", str(doc), "--strict")[0] == 1


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing.md", "does not exist"),
        (lambda p: (p / "empty").mkdir() or p / "empty", "has no Markdown files"),
        (lambda p: (p / "bin.md").write_bytes(b"\x00\x01PNG") and p / "bin.md", "binary file"),
    ],
)
def test_unreadable_input_is_one_line_and_exit_2_and_the_rest_is_still_checked(
    capsys, tmp_path, make, message
):
    bad = make(tmp_path)
    code, out, err = run(capsys, "check", str(bad), str(EXAMPLE_MARKDOWN))
    assert code == 2
    assert message in err and len(err.strip().splitlines()) == 1
    assert "1 file(s) checked: clean" in out
