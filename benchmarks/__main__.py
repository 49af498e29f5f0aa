"""`make bench`: every figure as a median over repeated runs, beside its baseline, with the ratio.

`python -m benchmarks --quick` runs each figure fewer times; `--only NAME` runs one group.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys

from benchmarks import imports, inprocess, processes, terminal
from benchmarks.runner import ROWS, table

GROUPS = {
    "first-frame": (processes.first_frame, 11),
    "tmux": (processes.first_frame_tmux, 7),
    "cli": (processes.cli, 11),
    "keystroke": (inprocess.keystroke, 5),
    "sections": (inprocess.section_switch, 5),
    "paced": (inprocess.paced_switch, 5),
    "long-list": (inprocess.long_list, 5),
    "long-list-start": (processes.long_list, 5),
    "preview": (inprocess.preview, 5),
    "autosave": (inprocess.autosave_stall, 5),
    "many-drafts": (processes.many_drafts, 7),
    "load-export": (inprocess.export_and_load, 7),
    "import": (imports.real_docs, 7),
    "memory": (processes.memory, 5),
    "paste": (terminal.paste_by_keys, 2),
    "tmux-sections": (terminal.section_switches, 4),
}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs per figure")
    parser.add_argument("--only", choices=sorted(GROUPS), action="append", help="run only these")
    args = parser.parse_args()
    print(
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; medians ± half the interquartile range, "
        "each run interleaved with its baseline\n"
    )
    for name, (bench, runs) in GROUPS.items():
        if args.only and name not in args.only:
            continue
        print(f"  {name}…", file=sys.stderr, flush=True)
        bench(max(3, runs // 2) if args.quick else runs)
    print(table(ROWS))
    missed = [r.figure for r in ROWS if r.verdict() == "MISSED"]
    if missed:
        print(f"\n{len(missed)} target(s) missed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
