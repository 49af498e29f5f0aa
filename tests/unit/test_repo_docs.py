"""Design docs in a repository: the pre-commit hook and the CI command, as the README gives them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLE_MARKDOWN, ROOT

CORPUS = ROOT / "tests" / "data" / "review"
TDD_TUI = Path(sys.executable).parent / "tdd-tui"
README = (ROOT / "README.md").read_text(encoding="utf-8")

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "service"
    (repo / "docs" / "design").mkdir(parents=True)
    (repo / "src").mkdir()
    (repo / "src" / "notes.md").write_text("Not a design doc: TODO everything.\n")
    git(repo, "init", "-q")
    return repo


def run_hook(repo: Path, args: list[str]) -> subprocess.CompletedProcess[str]:
    """What `pre-commit run tdd-tui-check` does with the hook as this repository ships it:
    the staged files its `files` pattern matches, after its entry and the user's args."""
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    staged = git(repo, "diff", "--cached", "--name-only").split()
    files = [f for f in staged if re.search(hook["files"], f)]
    assert "src/notes.md" not in files  # only design docs
    entry = hook["entry"].split()
    assert entry[0] == "tdd-tui"
    command = [str(TDD_TUI), *entry[1:], *args, *files]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True)


def readme_block(after: str, language: str) -> str:
    start = README.index(after)
    found = re.search(rf"```{language}\n(.*?)```", README[start:], re.S)
    assert found, f"no {language} block after {after!r}"
    return found.group(1)


def test_the_pre_commit_hook_passes_a_good_doc_and_fails_a_bad_one(repo):
    config = yaml.safe_load(readme_block("### pre-commit", "yaml"))
    [hook] = config["repos"][0]["hooks"]
    assert hook["id"] == "tdd-tui-check"
    (repo / "docs" / "design" / "rate-limiting.md").write_text(EXAMPLE_MARKDOWN.read_text())
    git(repo, "add", ".")
    passed = run_hook(repo, hook.get("args", []))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    bad = (CORPUS / "bad-backout-turn-off-the-flag.md").read_text()
    (repo / "docs" / "design" / "checkout.md").write_text(bad)
    git(repo, "add", ".")
    failed = run_hook(repo, hook.get("args", []))
    assert failed.returncode == 1
    assert "docs/design/checkout.md:" in failed.stdout and "error backout:" in failed.stdout


def test_the_ci_command_in_the_readme_annotates_the_pull_request(repo):
    step = readme_block("### GitHub Actions", "yaml")
    command = next(line for line in step.splitlines() if "tdd-tui check" in line)
    args = command.split("run:", 1)[1].split()
    assert args[:3] == ["tdd-tui", "check", "docs/design"]
    (repo / "docs" / "design" / "good.md").write_text(EXAMPLE_MARKDOWN.read_text())
    result = subprocess.run([str(TDD_TUI), *args[1:]], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    (repo / "docs" / "design" / "bad.md").write_text((CORPUS / "bad-vague-goal.md").read_text())
    result = subprocess.run([str(TDD_TUI), *args[1:]], cwd=repo, capture_output=True, text=True)
    assert result.returncode == 1  # --strict: the warnings fail it
    assert result.stdout.startswith("::warning file=docs/design/bad.md,line=")
