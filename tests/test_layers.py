"""Each layer imports only the layers below it (DESIGN.md): cli -> outputs -> readiness ->
schedule -> load -> model -> diagnostics. An upward import is a design error, caught here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src" / "launchkit"
ORDER = ["diagnostics", "model", "load", "schedule", "readiness", "outputs", "cli"]


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "launchkit" or len(parts) < 2:
        return None
    return parts[1] if parts[1] in ORDER else None


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
    return found


FILES = sorted(
    p for p in SRC.rglob("*.py") if p.relative_to(SRC).parts[0].removesuffix(".py") in ORDER
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_only_downward(path):
    own = path.relative_to(SRC).parts[0].removesuffix(".py")
    upward = [
        f"{path.relative_to(SRC)}:{line} imports {module}"
        for line, module in _imports(path)
        if (layer := _layer(module)) is not None and ORDER.index(layer) > ORDER.index(own)
    ]
    assert upward == []
