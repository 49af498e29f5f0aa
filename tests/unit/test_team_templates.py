"""A team's own template: from --template or the templates folder, recorded in the draft."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tdd_tui.cli import main
from tdd_tui.locations import templates_dir
from tdd_tui.markdown import export_markdown
from tdd_tui.markdown_import import import_markdown
from tdd_tui.store import DraftStore
from tdd_tui.template import load_template
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
    assert "1. Context: nothing written yet" in capsys.readouterr().out


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
