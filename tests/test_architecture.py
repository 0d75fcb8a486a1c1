"""The shape of the house: dependencies run one way (config → apps → core), the two allowed
readings between apps (home and partners may read projects), no import cycle inside an app,
and no private name imported from another module. Read from the source with ``ast``, so it
sees imports inside functions too (a lazy import is still a dependency)."""

import ast
import itertools
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
APPS = ["core", "home", "projects", "donations", "partners", "newsletters"]
LAYERS = {
    "config": 2, "home": 1, "projects": 1, "donations": 1, "partners": 1, "newsletters": 1, "core": 0,
}
# Readings between apps of the same layer that the design allows: the home page gathers the
# latest project sheets, and partners' dashboards list their projects. The newsletters app
# writes to donations' subscribers (the list, its unsubscribe links) and publishes a sent
# newsletter as one of home's press pages; nothing reads newsletters.
ALLOWED_BETWEEN_APPS = {
    ("home", "projects"), ("partners", "projects"), ("newsletters", "donations"), ("newsletters", "home"),
}


def modules():
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield ".".join(path.relative_to(ROOT).with_suffix("").parts), path


def imports(path, module):
    """(imported module, imported name or None, line, at module level?) for project imports."""
    tree = ast.parse(path.read_text(), filename=str(path))
    top_level = set(map(id, tree.body))
    package = module.rsplit(".", 1)[0] if not path.name == "__init__.py" else module
    for node in ast.walk(tree):
        at_top = id(node) in top_level
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno, at_top
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                yield target, alias.name, node.lineno, at_top


def project_imports():
    for module, path in modules():
        for target, name, line, at_top in imports(path, module):
            if target.split(".")[0] in LAYERS:
                yield module, target, name, line, at_top


def test_nothing_imports_upward_or_sideways_beyond_what_is_allowed():
    wrong = []
    for module, target, _name, line, _top in project_imports():
        source, destination = module.split(".")[0], target.split(".")[0]
        if source == destination:
            continue
        if LAYERS[destination] > LAYERS[source]:
            wrong.append(f"{module}:{line} imports {target} (upward)")
        elif LAYERS[destination] == LAYERS[source] and (source, destination) not in ALLOWED_BETWEEN_APPS:
            wrong.append(f"{module}:{line} imports {target} (between apps)")
    assert not wrong, "\n".join(wrong)


def module_graph(module_level_only):
    known = {module for module, _ in modules()}
    graph = defaultdict(set)
    for module, target, name, _line, at_top in project_imports():
        if module_level_only and not at_top:
            continue
        for candidate in (f"{target}.{name}" if name else None, target):
            if candidate in known and candidate != module:
                graph[module].add(candidate)
                break
    return graph


def find_cycle(graph):
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycle_between_modules():
    """Counting imports inside functions too: a cycle hidden in a lazy import is still a cycle."""
    cycle = find_cycle(module_graph(module_level_only=False))
    assert cycle is None, " -> ".join(cycle)


def test_no_private_name_is_imported_from_another_module():
    wrong = [
        f"{module}:{line} imports {name} from {target}"
        for module, target, name, line, _top in project_imports()
        if name and name.startswith("_") and not name.startswith("__")
    ]
    assert not wrong, "\n".join(wrong)


def private_attributes_of_imported_modules(path, module):
    """``fulfilment._uuid(...)`` after ``from donations import fulfilment``: a private name used
    through a project module imported by name (or ``import x.y as z``)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    known = {name for name, _ in modules()}
    bound = {}
    for target, name, _line, _top in imports(path, module):
        if name and f"{target}.{name}" in known:
            bound[name] = f"{target}.{name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname and alias.name in known:
                    bound[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            yield bound[node.value.id], node.attr, node.lineno


def test_no_private_name_of_another_module_is_used_through_its_module():
    wrong = [
        f"{module}:{line} uses {target}.{name}"
        for module, path in modules()
        for target, name, line in private_attributes_of_imported_modules(path, module)
        if target != module
    ]
    assert not wrong, "\n".join(wrong)


def test_the_checker_sees_a_private_name_used_through_its_module(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("from donations import fulfilment\nfulfilment._secret(1)\nfulfilment.public(2)\n")
    found = list(private_attributes_of_imported_modules(source, "core.example"))
    assert found == [("donations.fulfilment", "_secret", 2)]


@pytest.mark.parametrize("first, second", list(itertools.combinations(APPS, 2)))
def test_apps_do_not_read_each_other_both_ways(first, second):
    readers = defaultdict(set)
    for module, target, _name, _line, _top in project_imports():
        readers[module.split(".")[0]].add(target.split(".")[0])
    assert not (second in readers[first] and first in readers[second])


def test_the_checker_sees_a_cycle():
    """The cycle finder itself, so the test above cannot pass by seeing nothing."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
