"""The package's layers (docs/architecture.md): a module imports only from its own layer or the
layers below it, no two modules import each other (directly or round a loop), and imports inside
functions are kept for heavy libraries loaded only when needed.

Every `import` statement is read with `ast`, at any depth (function-level ones included).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SIM = Path(__file__).resolve().parents[1] / "sim"

#: Bottom to top. `sim/__init__.py` (the public API) and `sim/__main__.py` sit above them all.
LAYERS = ("core", "inputs", "model", "engines", "runs", "analysis", "reports", "interfaces")

#: The entry points — the package root and the interfaces layer — may import the project lazily,
#: each import commented: `python -m sim` imports the package root first, and a verb loads only
#: its own stack (sim/interfaces/cli.py says why).

#: Libraries that may be imported inside a function: each is heavy to import (0.1-1 s) and only
#: some commands need it. A project module that imports one of them at its top (a chart module
#: imports matplotlib) counts as heavy too. Such an import carries a comment saying why.
LAZY_ALLOWED = {"pysd", "matplotlib", "dask", "distributed", "SALib", "scipy"}


def module_name(path: Path, root: Path = SIM) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int | None:
    """Index of the layer of `sim.<layer>...`; None for the package root (above every layer)."""
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return None
    return LAYERS.index(parts[1])


def imports_of(path: Path, root: Path = SIM):
    """(imported sim module, line, inside a function?, statement) for every import in `path`;
    `from sim.x import y` counts as importing sim.x.y when that is a module, else sim.x."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    known = {module_name(p, root) for p in root.rglob("*.py")}
    functions = [n for n in ast.walk(tree)
                 if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    nested = {id(n) for f in functions for n in ast.walk(f) if n is not f}
    for node in ast.walk(tree):
        lazy = id(node) in nested
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, lazy, node
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                yield "<relative>", node.lineno, lazy, node
                continue
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                yield (full if full in known else node.module), node.lineno, lazy, node


def heavy_modules(root: Path = SIM) -> set[str]:
    """Project modules that import a heavy library at module level."""
    heavy = set()
    for path in root.rglob("*.py"):
        for target, _, lazy, _ in imports_of(path, root):
            if not lazy and target.split(".")[0] in LAZY_ALLOWED:
                heavy.add(module_name(path, root))
    return heavy


def violations(root: Path = SIM) -> list[str]:
    found = []
    graph: dict[str, set[str]] = {}
    heavy = heavy_modules(root)
    for path in sorted(root.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        me = module_name(path, root)
        mine = layer_of(me)
        where = path.relative_to(root.parent)
        for target, line, lazy, node in imports_of(path, root):
            if lazy and "#" not in " ".join(lines[node.lineno - 1:node.end_lineno]):
                found.append(f"{where}:{line}: import inside a function without a comment "
                             "saying why it is deferred")
            if target == "<relative>":
                found.append(f"{where}:{line}: relative import (write sim.<layer>.<module>)")
                continue
            top = target.split(".")[0]
            if top == root.name:
                theirs = layer_of(target)
                if mine is not None and (theirs is None or theirs > mine):
                    found.append(f"{where}:{line}: {me} ({LAYERS[mine]}) imports {target} "
                                 f"({'the package root' if theirs is None else LAYERS[theirs]}), "
                                 "a higher layer")
                if target != me:
                    graph.setdefault(me, set()).add(target)
                entry = me == root.name or mine == LAYERS.index("interfaces")
                if lazy and target not in heavy and not entry:
                    found.append(f"{where}:{line}: {me} imports {target} inside a function "
                                 "(import project modules at the top)")
            elif lazy and top not in LAZY_ALLOWED:
                found.append(f"{where}:{line}: {me} imports {target} inside a function "
                             f"(only {', '.join(sorted(LAZY_ALLOWED))} may be)")
    found += [f"import cycle: {' -> '.join(c)}" for c in cycles(graph)]
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each as a loop."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component) + [sorted(component)[0]])

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_every_module_is_in_a_layer():
    loose = [module_name(p) for p in SIM.rglob("*.py")
             if layer_of(module_name(p)) is None and module_name(p) not in ("sim", "sim.__main__")]
    assert loose == []


def test_imports_run_downward_without_cycles():
    assert violations() == []


def _planted(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "sim"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [root, *[p for p in root.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return root


@pytest.mark.parametrize("files, expected", [
    ({"core/errors.py": "from sim.reports import labels\n", "reports/labels.py": ""},
     "a higher layer"),
    ({"inputs/region.py": "def f():\n    from sim.analysis import verdicts\n",
      "analysis/verdicts.py": ""}, "a higher layer"),
    ({"runs/a.py": "from sim.runs import b\n", "runs/b.py": "import sim.runs.a\n"},
     "import cycle"),
    ({"runs/a.py": "def f():\n    import shutil  # why\n"}, "inside a function"),
    ({"runs/a.py": "def f():\n    import matplotlib\n"}, "without a comment"),
    ({"runs/a.py": "def f():\n    from sim.core import b  # why\n", "core/b.py": ""},
     "inside a function"),
    ({"runs/a.py": "from . import b\n", "runs/b.py": ""}, "relative import"),
])
def test_a_planted_violation_is_caught(tmp_path, files, expected):
    root = _planted(tmp_path, files)
    found = violations(root)
    assert any(expected in v for v in found), found


def test_a_clean_planted_tree_passes(tmp_path):
    root = _planted(tmp_path, {"reports/a.py": "from sim.core import errors\n"
                                               "def f():\n    import matplotlib  # heavy\n"
                                            "    from sim.reports import charts  # heavy\n",
                               "core/errors.py": "", "reports/charts.py": "import matplotlib\n"})
    assert violations(root) == []
