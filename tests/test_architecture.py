"""The import rules of CONTRIBUTING.md, enforced: each layer imports only what it may."""

from __future__ import annotations

import ast

import pytest

from conftest import REPO

PACKAGE = REPO / "src" / "kjtimeline"


def _layer(module: str) -> str:
    parts = module.split(".")
    if module == "kjtimeline.__main__" or parts[1:2] == ["cli"]:
        return "cli"
    if parts[1:2] in (["render"], ["formats"]):
        return parts[1]
    return "core"


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        name = ".".join(part for part in relative.parts if part != "__init__")
        found[name] = ast.parse(path.read_text("utf-8"))
    return found


MODULES = _modules()


def _imports(tree: ast.Module) -> set[str]:
    """Every module imported at run time anywhere in the file (type-checking-only imports aside)."""
    names: set[str] = set()
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


MAY_NOT_IMPORT = {
    "core": ("kjtimeline.cli", "kjtimeline.render", "kjtimeline.formats", "typer", "click", "rich"),
    "formats": ("kjtimeline.cli", "kjtimeline.render", "typer", "click", "rich"),
    "render": ("kjtimeline.cli", "kjtimeline.formats", "typer", "click"),
    "cli": ("rich",),
}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_layer_imports_only_what_it_may(module: str) -> None:
    forbidden = MAY_NOT_IMPORT[_layer(module)]
    wrong = sorted(
        name for name in _imports(MODULES[module]) if name.split(".")[0] in forbidden or name.startswith(forbidden)
    )
    assert not wrong, f"{module} ({_layer(module)}) imports {wrong}"


def test_only_the_models_the_decoder_and_the_json_writer_import_msgspec() -> None:
    users = {name for name, tree in MODULES.items() if any(i.startswith("msgspec") for i in _imports(tree))}
    assert users <= {"kjtimeline.models", "kjtimeline.decode", "kjtimeline.text"}


def test_only_validation_imports_pydantic() -> None:
    users = {name for name, tree in MODULES.items() if any(i.startswith("pydantic") for i in _imports(tree))}
    assert users <= {"kjtimeline.validation", "kjtimeline.models"}  # models: pydantic_core, in its schema hook


WRITES_OR_EXITS = ("print", "sys.exit", "sys.stdout", "sys.stderr", "typer.echo")


@pytest.mark.parametrize("module", sorted(name for name in MODULES if _layer(name) != "cli"))
def test_nothing_below_the_cli_prints_or_exits(module: str) -> None:
    if module == "kjtimeline.pager":  # hands the text to the pager, or writes it when there is none
        return
    used = {ast.unparse(node) for node in ast.walk(MODULES[module]) if isinstance(node, ast.Name | ast.Attribute)}
    assert not used & set(WRITES_OR_EXITS), module


def _run_at_import(tree: ast.Module) -> list[ast.AST]:
    """The nodes a module runs when imported: its body, not the bodies of its functions."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = list(tree.body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_compiles_a_pattern_at_import(module: str) -> None:
    """Patterns are compiled on first use (`text.pattern`): each call compiles only what it uses."""
    compiled = [
        node.lineno
        for node in _run_at_import(MODULES[module])
        if isinstance(node, ast.Call) and ast.unparse(node.func) == "re.compile"
    ]
    assert not compiled, f"{module} compiles a pattern at import, line {compiled}"
