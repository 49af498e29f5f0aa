"""A team's own template: from --template or the templates folder, recorded in the draft."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tdd_tui.cli import main
from tdd_tui.draft import overall_progress
from tdd_tui.locations import templates_dir
from tdd_tui.markdown import export_markdown
from tdd_tui.markdown_import import import_markdown
from tdd_tui.store import DraftStore
from tdd_tui.template import TemplateError
from tdd_tui.template_reader import load_template
from tests.conftest import ROOT

TEAM = ROOT / "examples" / "team-template.yaml"


def install_team_template() -> Path:
    folder = templates_dir()
    folder.mkdir(parents=True)
    return Path(shutil.copy(TEAM, folder / "one-pager.yaml"))


def test_the_templates_folder_is_under_the_config_dir(tmp_path: Path) -> None:
    assert templates_dir() == Path(os.environ["TDD_TUI_CONFIG"]) / "templates"


def test_templates_lists_the_built_in_and_the_teams(capsys) -> None:
    install_team_template()
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    assert "default" in out and "Technical Design Doc" in out and "built in" in out
    assert "one_pager" in out and "Design one-pager" in out


def test_a_bad_template_in_the_folder_is_named_with_its_line(capsys) -> None:
    folder = install_team_template().parent
    broken = TEAM.read_text(encoding="utf-8").replace("kind: group", "kind: grid")
    (folder / "broken.yaml").write_text(broken, encoding="utf-8")
    line = broken.splitlines().index("        kind: grid") + 1
    assert main(["templates"]) == 2
    err = capsys.readouterr().err
    assert f"broken.yaml:{line}" in err and "grid" in err and err.startswith("tdd-tui: ")


def test_a_draft_keeps_its_template_for_export_and_check(tmp_path: Path, capsys) -> None:
    install_team_template()
    drafts = tmp_path / "d"
    assert (
        main(["--drafts-dir", str(drafts), "--template", str(TEAM), "new", "--title", "Retry"]) == 0
    )
    draft_id = capsys.readouterr().out.strip()
    draft, _ = DraftStore(drafts).load(draft_id)
    assert (draft.template_id, draft.template_version) == ("one_pager", 1)
    # Later, without --template: the folder's copy of the same template is used.
    assert main(["--drafts-dir", str(drafts), "export", draft_id, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Design One-Pager: Retry")
    assert "## 2. Proposal" in out and "## 2. Problem Statement" not in out
    assert main(["--drafts-dir", str(drafts), "check", draft_id]) == 1
    assert "error missing: nothing written yet [1. Context]" in capsys.readouterr().out


def test_import_with_a_team_template_round_trips(tmp_path: Path, capsys) -> None:
    team = load_template(TEAM)
    source = tmp_path / "retry.md"
    source.write_text(
        "# Design One-Pager: Payment retries\n\n- **Owning team:** Payments\n\n"
        "## Context\n\nDeclines doubled after the sale.\n\n"
        "## Proposal\n\n**The change:** A retry worker.\n\n"
        "| Risk | How we notice | What we do |\n| --- | --- | --- |\n| Double charge | alert | refund |\n",
        encoding="utf-8",
    )
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "--template", str(TEAM), "import", str(source)]) == 0
    draft, _ = DraftStore(drafts).load(capsys.readouterr().out.strip())
    assert draft.template_id == "one_pager"
    assert draft.metadata["team"] == "Payments"
    assert draft.answer("context", "why_now") == "Declines doubled after the sale."
    assert draft.answer("proposal", "risks") == [
        {"risk": "Double charge", "signal": "alert", "response": "refund"}
    ]
    exported = export_markdown(team, draft)
    again = import_markdown(exported, team).draft
    assert again.answers == draft.answers and again.metadata == draft.metadata
    assert export_markdown(team, again) == exported


def _team_draft(store: DraftStore) -> str:
    """A one-pager draft with text in every section: 100% against its own template."""
    team = load_template(TEAM)
    draft = store.create(team, "Payment retries")
    draft.set_metadata("team", "Payments")
    draft.set_answer("context", "why_now", "Declines doubled after the sale.")
    draft.set_answer("proposal", "change", "A retry worker with a per-card budget.")
    draft.set_answer("rollout", "steps", ["Shadow mode for a week", "10% of cards"])
    store.save(draft)
    return draft.id


def test_list_measures_each_draft_against_its_own_template(tmp_path: Path, capsys) -> None:
    install_team_template()
    store = DraftStore(tmp_path / "d")
    draft_id = _team_draft(store)
    team_progress = overall_progress(store.load(draft_id)[0], load_template(TEAM))
    assert main(["--drafts-dir", str(store.root), "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["template"] == "one_pager" and row["progress"] == round(team_progress, 3)
    assert row["progress"] > 0.3  # against the built-in template it would be about 0
    # Even with another template chosen for this run (--template is for new drafts).
    args = ["--drafts-dir", str(store.root), "--template", str(TEAM), "list", "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)[0]["progress"] == round(team_progress, 3)


def test_export_and_check_use_the_drafts_template_not_the_chosen_one(tmp_path, capsys):
    install_team_template()
    store = DraftStore(tmp_path / "d")
    draft_id = _team_draft(store)
    other = tmp_path / "other.yaml"
    other.write_text(
        TEAM.read_text(encoding="utf-8").replace("id: one_pager", "id: other_team"), "utf-8"
    )
    base = ["--drafts-dir", str(store.root), "--template", str(other)]
    assert main([*base, "export", draft_id, "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert "Declines doubled after the sale." in out and "A retry worker" in out
    assert main([*base, "check", draft_id, "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["progress"] > 0.3


def test_a_draft_whose_template_is_missing_is_refused_with_what_to_do(tmp_path, capsys):
    store = DraftStore(tmp_path / "d")
    draft_id = _team_draft(store)  # the team template is not installed
    for command in (["export", draft_id, "-o", "-"], ["check", draft_id]):
        assert main(["--drafts-dir", str(store.root), *command]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""  # nothing half-exported
        assert "template 'one_pager'" in captured.err and "--template" in captured.err
    assert main(["--drafts-dir", str(store.root), "list"]) == 0
    assert "   ?  " in capsys.readouterr().out  # progress unknown, not a misleading 0%


def test_a_section_id_the_app_uses_itself_is_refused_with_file_and_line(tmp_path, capsys):
    for reserved in ("metadata", "document"):
        bad = tmp_path / f"{reserved}.yaml"
        text = TEAM.read_text(encoding="utf-8").replace("  - id: proposal", f"  - id: {reserved}")
        bad.write_text(text, encoding="utf-8")
        line = text.splitlines().index(f"  - id: {reserved}") + 1
        with pytest.raises(TemplateError) as raised:
            load_template(bad)
        assert f"{bad}:{line}" in str(raised.value) and "reserved" in str(raised.value)
    # Ids the sidebar uses for its own entries are ordinary section ids for a template.
    for fine in ("preview", "export"):
        ok = tmp_path / f"{fine}.yaml"
        ok.write_text(
            TEAM.read_text(encoding="utf-8").replace("  - id: proposal", f"  - id: {fine}"),
            "utf-8",
        )
        assert load_template(ok).section(fine) is not None


def test_a_team_template_names_its_sections_and_parts_in_its_own_words(tmp_path, capsys):
    source = tmp_path / "old.md"
    source.write_text(
        "# Payment retries\n\n## Motivation\n\nDeclines doubled.\n\n"
        "## Proposal\n\n**What we will build:** A retry worker.\n",
        encoding="utf-8",
    )
    drafts = tmp_path / "d"
    assert main(["--drafts-dir", str(drafts), "--template", str(TEAM), "import", str(source)]) == 0
    draft, _ = DraftStore(drafts).load(capsys.readouterr().out.strip())
    assert draft.answer("context", "why_now") == "Declines doubled."  # a section's alias
    assert draft.answer("proposal", "change") == "A retry worker."  # a part's alias
    assert not draft.unplaced
