"""The package's architecture: sub-packages by concept, layers that run one way, no circles.

Imports are read from the source (function-level ones included, since a lazy import is still
a dependency), so a new module or import is checked without being run.
"""

import ast
import re

import pytest
from conftest import ROOT

PACKAGE = ROOT / "src" / "triggerpoints"
MAX_LINES = 400
# Bottom layer first: a sub-package may import only the ones before it (and the top modules).
LAYERS = ("knowledge", "maps", "finder", "quizzes", "classroom", "review", "handouts")
TOP_MODULES = {"display", "paths"}
WIDGET_MODULES = {"maps.explorer", "finder.page", "quizzes.widget", "quizzes", "classroom.session"}


def _module_name(path):
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path):
    """Names of the package's modules this file imports, and whether it imports ipywidgets."""
    name, tree = _module_name(path), ast.parse(path.read_text(encoding="utf-8"))
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found, widgets = set(), False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            widgets |= any(a.name.split(".")[0] == "ipywidgets" for a in node.names)
            found |= {a.name.removeprefix("triggerpoints.") for a in node.names if a.name.startswith("triggerpoints.")}
        elif isinstance(node, ast.ImportFrom):
            widgets |= (node.module or "").split(".")[0] == "ipywidgets"
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1])
                target = ".".join(p for p in (base, node.module or "") if p)
            elif (node.module or "").startswith("triggerpoints"):
                target = node.module.removeprefix("triggerpoints").lstrip(".")
            else:
                continue
            for alias in node.names:  # `from . import results` names a module
                found.add(f"{target}.{alias.name}".lstrip(".") if _is_module(f"{target}.{alias.name}") else target)
    return {f for f in found if f}, widgets


def _is_module(dotted):
    path = PACKAGE.joinpath(*dotted.strip(".").split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
GRAPH = {}
WIDGETS = set()
for _name, _path in MODULES.items():
    GRAPH[_name], _uses_widgets = _imports(_path)
    if _uses_widgets:
        WIDGETS.add(_name)


def _reach(start):
    seen, todo = set(), [start]
    while todo:
        for nxt in GRAPH.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def _subpackage(module):
    return module.split(".")[0]


def test_the_graph_is_read():
    assert "knowledge.loader" in GRAPH["knowledge"] and "maps.geometry" in GRAPH["maps.figure"]
    assert {"maps.explorer", "quizzes.widget"} <= WIDGETS


def test_at_least_four_sub_packages_each_saying_what_lives_there():
    subs = [p for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()]
    assert len(subs) >= 4
    for sub in subs:
        doc = ast.get_docstring(ast.parse((sub / "__init__.py").read_text(encoding="utf-8")))
        assert doc and len(doc.split()) > 15, f"{sub.name}/__init__.py needs a docstring saying what lives there"


def test_no_module_imports_in_a_circle():
    circles = [m for m in GRAPH if m in _reach(m)]
    assert not circles, f"import circles through: {circles}"


def test_no_sub_packages_import_each_other_in_a_circle():
    edges = {(_subpackage(a), _subpackage(b)) for a, bs in GRAPH.items() for b in bs if _subpackage(a) != _subpackage(b)}
    assert not {(a, b) for a, b in edges if (b, a) in edges}


@pytest.mark.parametrize("layer", LAYERS)
def test_layers_run_one_way(layer):
    allowed = set(LAYERS[: LAYERS.index(layer) + 1]) | TOP_MODULES
    wrong = {(m, t) for m in GRAPH if _subpackage(m) == layer for t in GRAPH[m] if _subpackage(t) not in allowed}
    assert not wrong, f"{layer} imports a layer above it: {sorted(wrong)}"


def test_facts_know_no_drawing_and_drawing_knows_no_widget():
    for module in GRAPH:
        reached = _reach(module) | {module}
        if _subpackage(module) == "knowledge":
            assert not any(_subpackage(r) == "maps" for r in reached), module
            assert not reached & WIDGETS, module
        if module.startswith("maps.") and module != "maps.explorer" and module != "maps":
            assert not reached & (WIDGETS | {"maps.explorer"}), f"{module} reaches a widget"


def test_the_book_plumbing_knows_no_widget():
    book = [m for m in GRAPH if _subpackage(m) == "book"]
    assert book
    for module in book:
        assert not (_reach(module) | {module}) & (WIDGETS | WIDGET_MODULES), module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_is_over_400_lines(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{MODULES[module].relative_to(ROOT)} has {lines} lines; split it by concept"


def test_tests_mirror_the_layout():
    subs = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert subs <= {p.name for p in (ROOT / "tests").iterdir() if p.is_dir()}


def test_the_readme_names_every_sub_package():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for sub in (p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()):
        assert re.search(rf"^\s*{sub}/\s+\S", readme, re.M), f"README's tree has no line for {sub}/"
