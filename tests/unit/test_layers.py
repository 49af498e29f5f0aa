"""The package's layers, read from its source: what may import what, and no import loops.

Top to bottom: the command line, the UI, the editor session, Markdown and the
review rules, the store, the draft and template model, and the plain helpers
under everything. A module imports only from its own layer or below; imports
written inside functions count too (only `if TYPE_CHECKING:` ones do not, as
they never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "tdd_tui"

LAYERS: list[tuple[str, set[str]]] = [
    ("command line", {"__main__", "cli", "cli_commands", "cli_check", "cli_import"}),
    ("ui", {"app", "commands", "screens", "widgets", "leaving"}),
    ("session", {"session", "autosave", "editor", "undo", "linked"}),
    (
        "markdown and review",
        {
            "markdown",
            "markdown_escape",
            "markdown_blocks",
            "markdown_section",
            "markdown_names",
            "markdown_labels",
            "markdown_values",
            "markdown_details",
            "markdown_import",
            "importing",
            "check",
            "doc_check",
            "findings",
            "review_rules",
            "review_design",
            "review_parts",
            "review_text",
        },
    ),
    (
        "store",
        {
            "store",
            "listing",
            "draft_file",
            "history",
            "lock",
            "catalog",
            "template_cache",
            "rescue",
            "trash",
            "links",
        },
    ),
    ("model", {"draft", "template", "template_reader", "shapes", "list_text"}),
    (
        "helpers",
        {"__init__", "record", "yamlio", "files", "locations", "author", "memory", "one_line"},
    ),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts)


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    for number, (_, members) in enumerate(LAYERS):
        if top in members:
            return number
    raise AssertionError(f"tdd_tui.{module} is in no layer: add it to LAYERS in {__file__}")


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(path: Path) -> set[str]:
    """The tdd_tui modules a file imports when it runs (TYPE_CHECKING blocks left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking_only(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("tdd_tui."):
                    found.add(alias.name.removeprefix("tdd_tui."))
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "tdd_tui":
                found.update(alias.name for alias in node.names)
            elif node.module.startswith("tdd_tui."):
                found.add(node.module.removeprefix("tdd_tui."))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    known = {module_name(p) for p in PACKAGE.rglob("*.py")}
    # "from tdd_tui import __version__" names the package itself, not a module.
    return {m if m in known else "__init__" for m in found}


GRAPH = {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_every_import_goes_down_the_layers(module: str) -> None:
    mine = layer_of(module)
    upward = [
        f"{imported} ({LAYERS[layer_of(imported)][0]})"
        for imported in sorted(GRAPH[module])
        if layer_of(imported) < mine
    ]
    assert not upward, f"tdd_tui.{module} ({LAYERS[mine][0]}) imports a layer above: {upward}"


def test_widgets_never_import_screens_or_the_app() -> None:
    # Widgets post messages; the screen applies them through the session.
    for module, imported in GRAPH.items():
        if module.startswith("widgets."):
            bad = {m for m in imported if m.split(".")[0] in ("app", "screens", "commands")}
            assert not bad, f"tdd_tui.{module} imports {sorted(bad)}"


def test_there_are_no_import_loops() -> None:
    def loop_from(start: str) -> list[str] | None:
        stack: list[tuple[str, list[str]]] = [(start, [start])]
        seen: set[str] = set()
        while stack:
            node, path = stack.pop()
            for nxt in GRAPH.get(node, ()):
                if nxt == start:
                    return [*path, start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
        return None

    loops = [loop for module in GRAPH if (loop := loop_from(module))]
    assert not loops, "import loops: " + "; ".join(" -> ".join(loop) for loop in loops)


def test_the_checker_sees_imports_inside_functions_and_skips_type_checking(tmp_path: Path):
    # The control: a checker that missed lazy imports would pass a loop made of them.
    source = tmp_path / "probe.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from tdd_tui.app import TddApp\n"
        "def later():\n"
        "    from tdd_tui.store import DraftStore\n"
        "    from tdd_tui import history\n",
        encoding="utf-8",
    )
    assert imports_of(source) == {"store", "history"}
