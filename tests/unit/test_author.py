"""The default author: git's user.name, else the login name."""

from __future__ import annotations

import getpass
import subprocess

from tdd_tui import author


def test_git_user_name_wins(monkeypatch):
    monkeypatch.setattr(
        subprocess,
        "run",
        lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout="Dana Okafor\n", stderr=""),
    )
    assert author.default_author() == "Dana Okafor"


def test_login_name_when_git_has_none_or_is_missing(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "dana")
    monkeypatch.setattr(
        subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 1, stdout="", stderr="")
    )
    assert author.default_author() == "dana"

    def missing(*args, **kwargs):
        raise FileNotFoundError("git")

    monkeypatch.setattr(subprocess, "run", missing)
    assert author.default_author() == "dana"
