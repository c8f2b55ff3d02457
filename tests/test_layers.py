"""The house rules import-linter cannot see: private names stay in their module.

import-linter (``lint-imports``, run by ``make test``) holds the layers of
DESIGN §3 and forbids cycles; these tests read the source of every module of
``graphkit`` and ``loaders`` and check what it leaves out:

- no ``from module import _name`` of another module of the project, and no
  import of a private module of the project from outside its package;
- no access to a private attribute (``x._name``) that the project does not
  define itself: another package's internals are used through its public API.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("graphkit", "loaders")


def _modules() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _trees() -> dict[Path, ast.AST]:
    return {p: ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in _modules()}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _own_names(trees: dict[Path, ast.AST]) -> set[str]:
    """Every name the project defines: functions, classes, attributes it assigns, fields, arguments."""
    names: set[str] = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
            elif isinstance(node, ast.Call):  # setattr-free code; keywords of our own calls
                names.update(k.arg for k in node.keywords if k.arg)
    return names


def test_no_private_name_is_imported_from_another_module() -> None:
    found = []
    for path, tree in _trees().items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            if node.module.split(".")[0] not in PACKAGES:
                continue
            private = [a.name for a in node.names if _private(a.name)]
            if private:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: from {node.module} import {private}")
    assert found == []


def test_no_private_attribute_of_another_package_is_touched() -> None:
    trees = _trees()
    own = _own_names(trees)
    found = []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and _private(node.attr) and node.attr not in own:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: ._{node.attr.lstrip('_')}")
    assert found == []


@pytest.mark.parametrize("module", ["graphkit", "loaders", "loaders.ledger", "graphkit.model"])
def test_light_modules_do_not_load_the_analyses(module: str) -> None:
    # the front door and the loaders import the analyses only when asked for them
    import subprocess
    import sys

    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in sys.modules if m.startswith(('graphkit.analysis', 'graphkit.validate', "
        "'graphkit.report', 'graphkit.draw'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
