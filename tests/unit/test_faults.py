"""Fault injection at the OS-call boundary: every call of a save fails in turn, with each errno."""

from __future__ import annotations

import errno
import os
import tempfile
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tdd_tui import files as files_module
from tdd_tui import store as store_module
from tdd_tui.store import DraftStore, StoreError, read_draft_file

ERRNOS = (errno.ENOSPC, errno.EIO, errno.EACCES)


class Faults:
    """Counts the OS calls a save makes, and fails the Nth one."""

    def __init__(self, fail_at: int | None, code: int) -> None:
        self.calls: list[str] = []
        self.fail_at = fail_at
        self.code = code

    def step(self, name: str) -> None:
        self.calls.append(name)
        if self.fail_at is not None and len(self.calls) == self.fail_at:
            raise OSError(self.code, os.strerror(self.code))

    def wrap(self, name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            self.step(name)
            return real(*args, **kwargs)

        return call

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        faults = self

        class File:
            def __init__(self, handle: Any) -> None:
                self.handle = handle

            def __enter__(self) -> File:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                faults.step("write")
                return int(self.handle.write(data))

            def flush(self) -> None:
                faults.step("flush")
                self.handle.flush()

            def fileno(self) -> int:
                return int(self.handle.fileno())

        fake_os = types.SimpleNamespace(
            **{k: getattr(os, k) for k in dir(os) if not k.startswith("__")}
        )
        fake_os.fsync = self.wrap("fsync", os.fsync)
        fake_os.replace = self.wrap("replace", os.replace)
        fake_os.chmod = self.wrap("chmod", os.chmod)
        fake_os.open = self.wrap("open", os.open)
        fake_os.fdopen = lambda fd, *a, **k: File(os.fdopen(fd, *a, **k))
        fake_tempfile = types.SimpleNamespace(mkstemp=self.wrap("mkstemp", tempfile.mkstemp))
        monkeypatch.setattr(store_module, "os", fake_os)
        monkeypatch.setattr(files_module, "os", fake_os)
        monkeypatch.setattr(files_module, "tempfile", fake_tempfile)


def setup(tmp_path: Path, template) -> tuple[DraftStore, Any, Path, bytes]:
    store = DraftStore(tmp_path / "drafts")
    draft = store.create(template, "Faults")
    draft.set_answer("summary", "summary", "the last good text")
    path = store.save(draft)
    draft.set_answer("summary", "summary", "the new text")
    return store, draft, path, path.read_bytes()


def test_every_call_of_a_save_failing_leaves_a_good_file(tmp_path: Path, template, monkeypatch):
    store, draft, path, _ = setup(tmp_path / "count", template)
    counter = Faults(None, 0)
    counter.install(monkeypatch)
    store.save(draft)
    monkeypatch.undo()
    total = len(counter.calls)
    assert total >= 6, counter.calls  # mkstemp, write, flush, fsync, replace, folder open+fsync

    for code in ERRNOS:
        for n in range(1, total + 1):
            store, draft, path, before = setup(tmp_path / f"{code}-{n}", template)
            faults = Faults(n, code)
            faults.install(monkeypatch)
            try:
                store.save(draft)
                outcome = "saved"
            except StoreError as exc:
                outcome = str(exc)
            finally:
                monkeypatch.undo()
            text = read_draft_file(path).answer("summary", "summary")
            failed_call = faults.calls[n - 1]
            if outcome == "saved":
                # Only the folder's fsync may fail without failing the save: the rename is done.
                assert failed_call in ("open", "fsync") and n > faults.calls.index("replace") + 1
                assert text == "the new text"
            else:
                assert text == "the last good text", (code, n, failed_call)
                assert path.read_bytes() == before
                assert "could not save" in outcome
            leftovers = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
            assert leftovers == [], (code, n, failed_call)


def test_messages_say_what_happened_and_what_to_do(tmp_path: Path, template, monkeypatch):
    store, draft, _path, _ = setup(tmp_path, template)
    for code, words in (
        (errno.ENOSPC, "disk is full; free some space"),
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "read-only"),
    ):
        faults = Faults(1, code)
        faults.install(monkeypatch)
        with pytest.raises(StoreError, match=words):
            store.save(draft)
        monkeypatch.undo()
