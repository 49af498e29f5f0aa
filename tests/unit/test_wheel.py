"""A real wheel: built from the tree, installed in a throwaway venv, run from elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

from tests.conftest import EXAMPLE_DRAFT, EXAMPLE_MARKDOWN, ROOT


def test_wheel_installs_and_runs(tmp_path: Path):
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("tdd_tui-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "tdd_tui/templates/default.yaml" in names
    assert "tdd_tui/styles/app.tcss" in names
    assert "tdd_tui/examples/rate-limiting.yaml" in names
    assert not any(n.startswith(("tests/", "styles/")) for n in names)

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    purelib = subprocess.run(
        [str(bin_dir / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Dependencies come from this test environment (no network needed); tdd_tui itself only from the wheel.
    Path(purelib, "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(bin_dir / "python"),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}

    def tdd_tui(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_dir / "tdd-tui"), *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )

    version = tdd_tui("--version")
    assert version.returncode == 0 and version.stdout.startswith("tdd-tui ")
    export = tdd_tui("export", str(EXAMPLE_DRAFT), "-o", "-")
    assert export.returncode == 0, export.stderr
    assert export.stdout == EXAMPLE_MARKDOWN.read_text(encoding="utf-8")
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import tdd_tui.locations as l; print(l.styles_dir())"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(purelib) and Path(where, "app.tcss").is_file()
