"""Hostile and broken draft files: refused with a reason, in a separate process, never a crash.

Small ones live in tests/data/hostile/; the huge ones (100,000-deep nesting,
a 50 MB file) are made here rather than stored.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdd_tui.draft_file import serialize
from tests.conftest import DATA, EXAMPLE_DRAFT, ROOT

HOSTILE = sorted((DATA / "hostile").glob("*.yaml"))

WORKER = """
import sys
from pathlib import Path
from tdd_tui.draft import DraftError
from tdd_tui.store import read_draft_file
for line in sys.stdin:
    path = Path(line.strip())
    try:
        read_draft_file(path)
        print("loaded", flush=True)
    except DraftError as exc:
        print("refused", str(exc).replace("\\n", " "), flush=True)
"""


class Loader:
    """One long-lived process loading files; if it dies, that is the failure."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", WORKER],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def load(self, path: Path) -> str:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{path}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            error = self.process.stderr.read() if self.process.stderr else ""
            raise AssertionError(
                f"the loader process died on {path}: exit {self.process.wait()}\n{error}"
            )
        return answer.strip()

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=10)


def test_the_hand_written_corpus_is_refused_with_reasons(tmp_path: Path):
    loader = Loader()
    try:
        expected = {
            "object-tag.yaml": "python/object/apply",
            "python-tag.yaml": "python/name",
            "billion-laughs.yaml": "alias",
            "duplicate-keys.yaml": "'summary' twice",
            "wrong-types.yaml": "should be a mapping",
            "hand-edited-bad-indent.yaml": "not valid YAML at line",
            "future-format.yaml": "newer tdd-tui",
            "invalid-utf8.yaml": "not UTF-8",
            "empty.yaml": "not a draft",
        }
        assert {p.name for p in HOSTILE} == set(expected)
        for path in HOSTILE:
            answer = loader.load(path)
            assert answer.startswith("refused") and expected[path.name] in answer, (
                path.name,
                answer,
            )
        deep = tmp_path / "deep.yaml"
        deep.write_text("format: 1\nid: deep\nanswers: " + "[" * 100_000 + "]" * 100_000 + "\n")
        assert "nest" in loader.load(deep)  # ours, or libyaml's own limit: refused either way
        deep_block = tmp_path / "deep-block.yaml"
        deep_block.write_text(
            "format: 1\nid: deep\nanswers:\n"
            + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(2000))
        )
        assert "nested deeper" in loader.load(deep_block)
        huge = tmp_path / "huge.yaml"
        with huge.open("wb") as handle:
            handle.write(b"format: 1\nid: huge\nnotes: |\n")
            line = b"  " + b"x" * 1000 + b"\n"
            for _ in range(50 * 1024):
                handle.write(line)
        assert "over the 20 MB limit" in loader.load(huge)
        assert not Path("/tmp/owned").exists()
    finally:
        loader.close()


GOOD = serialize(
    __import__("tdd_tui.store", fromlist=["read_draft_file"]).read_draft_file(EXAMPLE_DRAFT)
)
SNIPPETS = [
    b"!!python/object:os.system",
    b"&a ",
    b"*a",
    b"[" * 60,
    b"{" * 60,
    b"\x00",
    b"\xff",
    b"\t",
    b": ",
    b"- ",
    b"|",
    b">",
    b"---\n",
    b"...\n",
    b"%YAML 1.1\n",
    b"? ",
    b"!!binary ",
    b"'",
    b'"',
    b"\\",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(GOOD)
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        choice = draw(st.integers(0, 2))
        if choice == 0:
            data[at:at] = draw(st.sampled_from(SNIPPETS))
        elif choice == 1:
            del data[at : at + draw(st.integers(1, 40))]
        else:
            data[at:at] = draw(st.binary(max_size=8))
    return bytes(data)


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(content=mutated())
def test_mutated_drafts_never_crash_the_loader(tmp_path_factory, content: bytes):
    global _loader
    if _loader is None or _loader.process.poll() is not None:
        _loader = Loader()
    path = tmp_path_factory.mktemp("fuzz") / "draft.yaml"
    path.write_bytes(content)
    assert _loader.load(path).split()[0] in ("loaded", "refused")


_loader: Loader | None = None
