"""The import graph keeps to the layers of docs/apps.md: arrows point one way.

Every module of ``src/knoten`` is read as text (nothing is imported), every ``import``
in it counted, at the top, inside a function or under ``TYPE_CHECKING`` alike. The
rules (``docs/apps.md`` says them for people):

- A *face* (``web``, ``api``, ``cli``, and in every other app its ``cli``, ``api``,
  ``views``, ``forms`` and ``urls``) may import any domain module, and other faces.
- A *domain* module may import its own app's domain modules and those of the apps
  listed before its own in :data:`APPS` (lower layers, and earlier apps of its layer):
  never a later app, never a face.
- No module takes a ``_private`` name of another app.
- No circle between modules of one app either.

Run it alone for the whole list: ``python tests/test_layers.py``.
"""

from __future__ import annotations

import ast
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
MAP = ROOT / "docs" / "apps.md"

# The domain apps from the bottom up, each with its layer. An app may import the apps
# before it: in its own layer only those listed earlier, so no circle can form there.
APPS: tuple[tuple[str, str], ...] = (
    ("core", "core"),
    ("jobs", "core"),
    ("people", "people"),
    ("journal", "journal"),
    ("reciprocity", "give and take"),
    ("search", "answers"),
    ("upkeep", "answers"),
    ("profiles", "answers"),
    ("graph", "answers"),
    ("expertise", "answers"),
    ("dedupe", "flows"),
    ("imports", "flows"),
    ("mailbox", "flows"),
    ("exports", "flows"),
    ("demo", "flows"),
)
FACE_APPS = ("web", "api", "cli")
FACE_MODULES = ("cli", "api", "views", "forms", "urls")
# Modules of the project itself rather than of an app.
PROJECT_FACES = ("knoten.urls", "knoten.wsgi", "knoten.__main__")
PROJECT_SETUP = ("knoten", "knoten.settings", "knoten.formats")

RANK = {app: rank for rank, (app, _) in enumerate(APPS)}


@dataclass(frozen=True)
class Arrow:
    """An import, or a use of another app's model by its label ("journal.Promise")."""

    source: str  # the importing module
    target: str  # the module imported
    names: tuple[str, ...]  # what is taken from it (``from … import``, ``module._name``)
    line: int

    def __str__(self) -> str:
        taken = f" ({', '.join(self.names)})" if self.names else ""
        return f"{self.source}:{self.line} imports {self.target}{taken}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted((SOURCE / "knoten").rglob("*.py"))}


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


# A model named by its label in code ("journal.Promise" for apps.get_model or a query
# helper) is an arrow like an import; a model field's "app.Model" is the schema's own.
LABEL = re.compile(r"^([a-z]+)\.([A-Z]\w*)$")
MODEL_FIELDS = {"ForeignKey", "OneToOneField", "ManyToManyField"}


@cache
def arrows() -> tuple[Arrow, ...]:
    """Every import of a ``knoten`` module by a ``knoten`` module, and every label."""
    found: list[Arrow] = []
    for module, path in modules().items():
        found.extend(_arrows_of(module, path, ast.parse(path.read_text(), str(path))))
    return tuple(found)


def _arrows_of(module: str, path: Path, tree: ast.Module) -> list[Arrow]:
    known = modules()
    found: list[Arrow] = []
    bound: dict[str, str] = {}  # a local name -> the knoten module it stands for
    fields: set[int] = set()  # ids of the string arguments of model fields
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("knoten"):
                    found.append(Arrow(module, alias.name, (), node.lineno))
                    if alias.asname:
                        bound[alias.asname] = alias.name
        elif isinstance(node, ast.ImportFrom):
            target = _absolute(module, path, node)
            if not target.startswith("knoten"):
                continue
            names = tuple(alias.name for alias in node.names)
            # ``from knoten.people import models`` imports the module people.models.
            submodules = [f"{target}.{name}" for name in names if f"{target}.{name}" in known]
            if submodules and len(submodules) == len(names):
                found.extend(Arrow(module, sub, (), node.lineno) for sub in submodules)
                for alias in node.names:
                    bound[alias.asname or alias.name] = f"{target}.{alias.name}"
            else:
                found.append(Arrow(module, target, names, node.lineno))
        elif isinstance(node, ast.Call):
            called = node.func.attr if isinstance(node.func, ast.Attribute) else None
            called = called or (node.func.id if isinstance(node.func, ast.Name) else None)
            if called in MODEL_FIELDS:
                fields.update(id(arg) for arg in node.args)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in bound
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            found.append(Arrow(module, bound[node.value.id], (node.attr,), node.lineno))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in fields
            and (label := LABEL.match(node.value))
            and label.group(1) in RANK
        ):
            target = f"knoten.{label.group(1)}.models"
            found.append(Arrow(module, target, (label.group(2),), node.lineno))
    return found


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def is_face(module: str) -> bool:
    if module in PROJECT_FACES:
        return True
    parts = module.split(".")
    # A face of one part of an app may say which in its name: views_drawing, api_paths.
    return app_of(module) in FACE_APPS or (
        len(parts) > 2 and parts[2].split("_")[0] in FACE_MODULES
    )


def problems(graph: Iterable[Arrow] | None = None) -> list[str]:
    """Every arrow of ``graph`` (the code's) that breaks a rule, as a line saying which."""
    graph = tuple(arrows() if graph is None else graph)
    found = []
    for arrow in graph:
        source, target = app_of(arrow.source), app_of(arrow.target)
        private = [name for name in arrow.names if name.startswith("_")]
        if source != target and private:
            found.append(f"{arrow}: takes another app's private name")
        if is_face(arrow.source) or arrow.source in PROJECT_SETUP:
            continue
        if is_face(arrow.target):
            found.append(f"{arrow}: a domain module imports a face")
        elif source not in RANK:
            found.append(f"{arrow}: {source!r} is in no layer of APPS")
        elif target not in RANK:
            if arrow.target not in PROJECT_SETUP:
                found.append(f"{arrow}: {target!r} is in no layer of APPS")
        elif RANK[target] > RANK[source]:
            found.append(f"{arrow}: {source} ({dict(APPS)[source]}) sits below {target}")
    return found + circles(graph)


def circles(graph: Iterable[Arrow]) -> list[str]:
    """Circles between the modules of one app (between apps, the order forbids them)."""
    within: dict[str, set[str]] = defaultdict(set)
    for arrow in graph:
        if app_of(arrow.source) == app_of(arrow.target) and arrow.source != arrow.target:
            within[arrow.source].add(arrow.target)
    found, done = [], set()
    for start in sorted(within):
        path = _circle_from(start, within)
        if path and frozenset(path) not in done:
            done.add(frozenset(path))
            found.append("a circle of imports: " + " -> ".join([*path, path[0]]))
    return found


def _circle_from(start: str, graph: dict[str, set[str]]) -> list[str] | None:
    stack = [(start, [start])]
    seen = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(graph.get(node, ())):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


# --- the tests -----------------------------------------------------------------------------


def test_the_import_graph_keeps_to_the_layers() -> None:
    found = problems()
    assert not found, "\n".join(found)


def test_every_app_has_a_layer() -> None:
    apps = {app_of(module) for module in modules() if module.count(".") >= 1}
    apps -= {name.split(".")[1] for name in (*PROJECT_FACES, *PROJECT_SETUP) if "." in name}
    assert apps == set(RANK) | set(FACE_APPS)


def test_the_map_in_docs_lists_every_app_in_its_layer() -> None:
    """docs/apps.md has a row per app: `| app/ | layer | … |`, in the order of APPS."""
    rows = re.findall(r"^\| `(\w+)/` \| ([^|]+?) \|", MAP.read_text(), re.MULTILINE)
    domain = [(app, layer) for app, layer in rows if app not in FACE_APPS]
    assert domain == list(APPS)
    assert {app for app, layer in rows if layer == "faces"} == set(FACE_APPS)


def test_the_check_sees_an_arrow_that_runs_back_up() -> None:
    """The rules themselves: an upward, a face and a private import are each caught."""
    cases = {
        Arrow("knoten.people.models", "knoten.journal.models", ("Event",), 1): "sits below",
        Arrow("knoten.people.models", "knoten.web.views", ("home",), 1): "imports a face",
        Arrow("knoten.web.views", "knoten.people.lookup", ("_clean",), 1): "private name",
        Arrow("knoten.people.models", "knoten.people.lookup", (), 1): "a circle",
        Arrow("knoten.people.lookup", "knoten.people.models", (), 1): "a circle",
    }
    found = problems(cases)
    for arrow, rule in cases.items():
        assert any(rule in line and arrow.source in line for line in found), (arrow, found)
    assert problems([Arrow("knoten.journal.models", "knoten.people.models", (), 1)]) == []


if __name__ == "__main__":
    listed = problems()
    print("\n".join(listed) or "The import graph keeps to the layers.")
    sys.exit(1 if listed else 0)
