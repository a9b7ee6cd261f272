"""The house rules of the code: one direction of imports, guarded commands, one format table."""

from __future__ import annotations

import ast
import importlib
from enum import Enum
from pathlib import Path

import pytest
import typer

import kpiprep
from kpiprep.cli import app
from kpiprep.cli.app import GUARDED
from kpiprep.enums import DebriefFormat, GuideFormat, ListFormat, OutputFormat, TextFormat

SRC = Path(kpiprep.__file__).parent
MAX_MODULE_LINES = 400
# What knows nothing of Typer or Rich: the data, the library and the domain services.
DOMAIN = (
    "term", "schema", "loader", "cache", "locate", "catalog", "search", "library",
    "interview", "practice", "sourcing", "rules", "checks", "report", "validate", "scaffold",
    "files", "errors", "enums", "documents", "vocabulary", "scan", "textfacts",
    "datafile", "role", "roleschema", "panel", "scorecard",
    "cardfile", "scoring", "debrief", "loopchecks", "prebuilt", "printing",
)  # fmt: skip
# What renderers must not touch: they get values and return text, they never read files.
READERS = ("kpiprep.loader", "kpiprep.library", "kpiprep.locate", "kpiprep.cache", "kpiprep.files")


def module_name(path: Path) -> str:
    parts = ["kpiprep", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside functions, but not for type checks."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for child in ast.walk(node)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            # `from kpiprep.cli import params` imports the module kpiprep.cli.params.
            found |= {f"{node.module}.{a.name}" for a in node.names} & set(MODULES)
    return found


GRAPH = {name: imports_of(path) & set(MODULES) for name, path in MODULES.items()}


def test_no_import_circle() -> None:
    # A package's __init__ may import its own modules; the rest must form no cycle.
    def edges(name: str) -> set[str]:
        return {m for m in GRAPH[name] if not (m.startswith(name + ".") or name.startswith(m))}

    state: dict[str, str] = {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for nxt in sorted(edges(name)):
            if state.get(nxt) == "open":
                pytest.fail("import circle: " + " -> ".join([*trail, name, nxt]))
            if nxt not in state:
                visit(nxt, [*trail, name])
        state[name] = "done"

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [])


def test_the_check_finds_a_circle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(GRAPH, "kpiprep.term", GRAPH["kpiprep.term"] | {"kpiprep.library"})
    with pytest.raises(pytest.fail.Exception, match="import circle"):
        test_no_import_circle()


def test_every_module_at_the_top_is_domain() -> None:
    """A module beside the others is held to the domain's rule; the CLI and renderers are not."""
    top = {n.split(".")[1] for n in MODULES if n.count(".") == 1}
    assert len(DOMAIN) == len(set(DOMAIN))
    assert top - set(DOMAIN) == {"__main__", "cli", "render"}


@pytest.mark.parametrize("name", DOMAIN)
def test_domain_knows_nothing_of_typer_rich_or_the_renderers(name: str) -> None:
    imported = imports_of(MODULES[f"kpiprep.{name}"])
    assert not {m for m in imported if m.split(".")[0] in ("typer", "rich", "click")}
    assert not {
        m for m in GRAPH[f"kpiprep.{name}"] if m.startswith(("kpiprep.cli", "kpiprep.render"))
    }


@pytest.mark.parametrize("name", sorted(n for n in MODULES if n.startswith("kpiprep.render.")))
def test_renderers_never_read_files(name: str) -> None:
    assert not GRAPH[name] & set(READERS)


def test_nothing_imports_click_directly() -> None:
    # Typer ships its own click; importing it ourselves would pin us to its internals.
    assert not [
        n for n, p in MODULES.items() if "click" in {m.split(".")[0] for m in imports_of(p)}
    ]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_stay_readable(name: str) -> None:
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines; split it by job"


def every_command(typer_app: typer.Typer) -> list[typer.models.CommandInfo]:
    """The commands of an app and of its groups (`kpiprep role new`), at any depth."""
    found = list(typer_app.registered_commands)
    for group in typer_app.registered_groups:
        assert group.typer_instance is not None
        found += every_command(group.typer_instance)
    return found


def test_every_command_is_registered_through_the_guard() -> None:
    commands = every_command(app)
    assert len(commands) >= 15
    names = {info.name or (info.callback and info.callback.__name__) for info in commands}
    assert {"new", "list", "score", "debrief"} <= names  # groups' commands are counted
    for info in commands:
        assert getattr(info.callback, GUARDED, False), info.callback


def test_the_guard_check_sees_a_group_command_registered_around_it() -> None:
    from kpiprep.cli.app import group

    sneaky = group("sneaky", "Not guarded.")
    sneaky.command("raw")(lambda: None)  # registered without `command`: must be caught
    try:
        with pytest.raises(AssertionError):
            test_every_command_is_registered_through_the_guard()
    finally:
        app.registered_groups[:] = [
            g for g in app.registered_groups if g.typer_instance is not sneaky
        ]


@pytest.mark.parametrize(
    ("module", "table", "formats"),
    [
        ("lookup", "EXPLAIN", OutputFormat),
        ("lookup", "QUESTIONS", OutputFormat),
        ("browse", "LIST", ListFormat),
        ("browse", "SEARCH", ListFormat),
        ("authoring", "REPORT", TextFormat),
        ("exports", "GUIDE", GuideFormat),
        ("kit", "SOURCING", TextFormat),
        ("scan", "SCAN", OutputFormat),
        ("scoring", "DEBRIEF", DebriefFormat),
    ],
)
def test_every_format_has_its_renderer(module: str, table: str, formats: type[Enum]) -> None:
    mapping = getattr(importlib.import_module(f"kpiprep.cli.{module}"), table)
    assert set(mapping) == set(formats)
    assert all(callable(render) for render in mapping.values())


@pytest.mark.parametrize(
    ("argv", "kept"),
    [
        (["explain", "kpi"], ["explain"]),
        (["--content-dir", "x", "list"], ["list_terms"]),
        (["--content-dir=x", "guide", "--help"], ["guide"]),
        (["--help"], "all"),
        (["--version"], "all"),
        ([], "all"),
        (["explian", "kpi"], "all"),  # an unknown name: click suggests from every command
    ],
)
def test_a_run_builds_only_the_command_it_runs(argv: list[str], kept: object) -> None:
    import subprocess
    import sys

    script = (
        "import sys\nfrom kpiprep.cli import app, only_the_command_run\n"
        f"everything = len(app.registered_commands)\nonly_the_command_run({argv!r})\n"
        "names = [c.callback.__name__ for c in app.registered_commands]\n"
        "print('all' if len(names) == everything else ' '.join(names))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)  # fmt: skip
    assert done.stdout.split() == ([kept] if kept == "all" else kept)
