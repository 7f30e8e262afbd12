"""The lint checks of scripts/: they catch what they are for (make lint and CI run them)."""

import grimp

from scripts.check_module_size import LIMIT, too_long
from scripts.import_contracts import cycles_among


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported)
    return graph


def test_a_package_and_its_child_importing_each_other_is_a_cycle():
    """The shape an import hidden inside a function dodges; acyclic_siblings misses it."""
    graph = _graph(
        ("app.backends", "app.backends.twilio"),
        ("app.backends.twilio", "app.backends"),
        ("app.views", "app.backends"),
    )
    modules = {"app.backends", "app.backends.twilio", "app.views"}
    assert cycles_among(graph, modules) == [{"app.backends", "app.backends.twilio"}]


def test_modules_that_import_downwards_only_have_no_cycle():
    graph = _graph(
        ("app.tasks", "app.services.delivery"),
        ("app.services.delivery", "app.services.claims"),
        ("app.receivers", "app.tasks"),
    )
    modules = {"app.tasks", "app.services.delivery", "app.services.claims", "app.receivers"}
    assert cycles_among(graph, modules) == []


def test_a_long_module_is_reported_but_not_migrations_or_demo_content(tmp_path):
    for path in ["app/long.py", "app/migrations/0001_initial.py", "cms/demo_content/data.py"]:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "app/short.py").write_text("x = 1\n" * LIMIT)
    paths = [
        "app/long.py",
        "app/short.py",
        "app/migrations/0001_initial.py",
        "cms/demo_content/data.py",
    ]
    assert too_long(paths, root=tmp_path) == [("app/long.py", LIMIT + 1)]
