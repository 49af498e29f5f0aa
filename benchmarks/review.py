"""`make review`: how well `tdd-tui check` finds what a principal reviewer finds.

Over the labelled corpus in tests/data/review/ (each doc beside the defects a
reviewer would comment on), every finding is matched to a listed defect of
the same rule and section (and part, when the defect names one). Recall is
the share of defects found; precision the share of findings that match one.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

from tdd_tui.catalog import default_template
from tdd_tui.check import Finding, review
from tdd_tui.markdown_import import import_markdown

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "review"


class Score:
    def __init__(self) -> None:
        self.found: Counter[str] = Counter()  # defects found, per rule
        self.listed: Counter[str] = Counter()  # defects listed, per rule
        self.right: Counter[str] = Counter()  # findings that match a defect, per rule
        self.reported: Counter[str] = Counter()  # findings, per rule
        self.missed: list[str] = []
        self.wrong: list[str] = []
        self.docs = 0

    @staticmethod
    def ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    @property
    def recall(self) -> float:
        return self.ratio(sum(self.found.values()), sum(self.listed.values()))

    @property
    def precision(self) -> float:
        return self.ratio(sum(self.right.values()), sum(self.reported.values()))


def _matches(finding: Finding, defect: dict[str, str | None]) -> bool:
    return (
        finding.kind == defect["rule"]
        and finding.section == defect["section"]
        and (defect.get("part") is None or finding.part == defect["part"])
    )


def measure(folder: Path = CORPUS) -> Score:
    template = default_template()
    score = Score()
    for doc in sorted(folder.glob("*.md")):
        score.docs += 1
        defects = yaml.safe_load(doc.with_suffix(".defects.yaml").read_text("utf-8")) or []
        draft = import_markdown(doc.read_text("utf-8"), template).draft
        findings = review(template, draft)
        open_defects = list(defects)
        for defect in defects:
            score.listed[defect["rule"]] += 1
        for finding in findings:
            score.reported[finding.kind] += 1
            match = next((d for d in open_defects if _matches(finding, d)), None)
            if match is None:
                score.wrong.append(f"{doc.stem}: {finding.kind} {finding.where}: {finding.message}")
                continue
            open_defects.remove(match)
            score.right[finding.kind] += 1
            score.found[finding.kind] += 1
        for defect in open_defects:
            score.missed.append(
                f"{doc.stem}: {defect['rule']} in {defect['section']}: {defect['comment']}"
            )
    return score


def table(score: Score) -> str:
    rules = sorted(set(score.listed) | set(score.reported))
    lines = [f"{'rule':22} {'defects':>8} {'found':>6} {'findings':>9} {'right':>6}"]
    for rule in rules:
        lines.append(
            f"{rule:22} {score.listed[rule]:>8} {score.found[rule]:>6} "
            f"{score.reported[rule]:>9} {score.right[rule]:>6}"
        )
    lines.append(
        f"\n{score.docs} docs: recall {score.recall:.0%} "
        f"({sum(score.found.values())} of {sum(score.listed.values())} defects), "
        f"precision {score.precision:.0%} "
        f"({sum(score.right.values())} of {sum(score.reported.values())} findings)"
    )
    lines += [f"missed: {m}" for m in score.missed]
    lines += [f"wrong: {w}" for w in score.wrong]
    return "\n".join(lines)


def main() -> int:
    print(table(measure()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
