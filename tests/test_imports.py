"""Start-up stays light: what each command imports, checked in a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("yaml", "rich", "pydantic", "markdown_it", "kpiprep.schema", "kpiprep.loader")


def loaded_after(args: list[str], cache: Path, env: dict[str, str] | None = None) -> set[str]:
    script = (
        "import sys, io, contextlib\n"
        f"sys.argv = ['kpiprep', *{args!r}]\n"
        "import kpiprep.cli\n"
        "from kpiprep.cli import main\n"
        # A scan ends its process at once (kpiprep.cli.leave): here it must come back to tell.
        "kpiprep.cli.leave = lambda code: None\n"
        "try:\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "KPIPREP_CACHE_DIR": str(cache), **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    return set(done.stdout.split())


def heavy_in(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY)


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_load_nothing_heavy(tmp_path: Path, args: list[str]) -> None:
    modules = loaded_after(args, tmp_path)
    assert "kpiprep.cli" in modules
    assert heavy_in(modules) == []


def test_command_help_loads_only_what_typer_needs(tmp_path: Path) -> None:
    # Recent typer converts command parameters with pydantic: that cost is the framework's.
    modules = loaded_after(["explain", "--help"], tmp_path)
    assert [m for m in heavy_in(modules) if not m.startswith("pydantic")] == []


def test_warm_explain_loads_neither_yaml_nor_the_schema(tmp_path: Path) -> None:
    loaded_after(["explain", "kpi"], tmp_path)  # fills the cache
    piped = loaded_after(["explain", "kpi"], tmp_path)
    assert "kpiprep.render.text" in piped
    heavy = {"yaml", "kpiprep.schema", "markdown_it", "kpiprep.render.markdown", "rich.table"}
    assert not heavy & piped  # a pipe needs no Rich at all
    on_a_terminal = loaded_after(["explain", "kpi"], tmp_path, env={"FORCE_COLOR": "1"})
    assert "kpiprep.render.terminal" in on_a_terminal and "rich.console" in on_a_terminal
    # The card is drawn line by line: no Rich table to import or lay out.
    assert not {"yaml", "kpiprep.schema", "markdown_it", "rich.table"} & on_a_terminal


def test_guide_does_not_load_rich_tables(tmp_path: Path) -> None:
    loaded_after(["guide"], tmp_path)
    modules = loaded_after(["guide"], tmp_path)
    assert "kpiprep.render.markdown" in modules
    assert not {"yaml", "kpiprep.schema", "rich.table", "kpiprep.render.terminal"} & modules


# What only `scan` may load: the document readers and what they bring.
SCAN_ONLY = ("pypdf", "docx", "lxml", "cryptography", "kpiprep.scan", "kpiprep.documents",
             "kpiprep.textfacts", "kpiprep.vocabulary")  # fmt: skip


def scan_modules(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if m in SCAN_ONLY or m.split(".")[0] in SCAN_ONLY)


@pytest.mark.parametrize(
    "args",
    [
        ["--version"], ["--help"], ["explain", "kpi"], ["questions", "--level", "senior"],
        ["guide"], ["list"], ["search", "kpi"], ["sourcing"], ["practice", "--count", "1"],
        ["validate"], ["scan", "--help"],
    ],
    ids=" ".join,
)  # fmt: skip
def test_other_commands_never_load_what_scan_reads_documents_with(
    tmp_path: Path, args: list[str]
) -> None:
    assert scan_modules(loaded_after(args, tmp_path)) == []


def test_scan_loads_a_reader_only_for_its_format(tmp_path: Path) -> None:
    from docgen import docx, pdf

    text = tmp_path / "cv.txt"
    text.write_text("Built 12 KPIs\n")
    (tmp_path / "cv.pdf").write_bytes(pdf([["Built 12 KPIs"]]))
    (tmp_path / "cv.docx").write_bytes(docx(["Built 12 KPIs"]))
    loaded_after(["scan", str(text)], tmp_path)  # fills the library's cache
    piped = loaded_after(["scan", str(text)], tmp_path)
    assert "kpiprep.scan" in piped and "kpiprep.render.text" in piped
    assert scan_modules(piped) == [
        "kpiprep.documents", "kpiprep.scan", "kpiprep.textfacts", "kpiprep.vocabulary"
    ]  # fmt: skip
    # Piped: no Rich at all, no YAML, no schema (pydantic is typer's, as for every command).
    assert not [m for m in piped if m.split(".")[0] in ("rich", "yaml", "markdown_it")]
    assert "kpiprep.schema" not in piped
    with_pdf = loaded_after(["scan", str(tmp_path / "cv.pdf")], tmp_path)
    assert "pypdf" in with_pdf and "docx" not in with_pdf
    with_docx = loaded_after(["scan", str(tmp_path / "cv.docx")], tmp_path)
    assert "docx" in with_docx and "pypdf" not in with_docx


def test_debrief_builds_no_pydantic_model_and_loads_no_rich_when_piped(tmp_path: Path) -> None:
    """Its budget (benchmarks/loop.py) has no room for building pydantic models (Typer
    imports pydantic itself): scorecards are checked by hand (kpiprep.cardfile), and a pipe
    needs no Rich."""
    card = tmp_path / "card.yaml"
    card.write_text(
        "kind: scorecard\nformat: 1\ncandidate: Alex\ninterviewer: Sam\ndate: 2026-12-01\n"
        "terms: [{slug: kpi, industry: human-resources, name: KPI}]\n"
        "questions: [{id: kpi/human-resources/mid/1, question: Why?, rating: 3}]\n",
        encoding="utf-8",
    )
    modules = loaded_after(["debrief", str(card)], tmp_path)
    assert "kpiprep.debrief" in modules and "yaml" in modules
    assert not {m for m in modules if m.split(".")[0] == "rich"}
    assert "kpiprep.schema" not in modules and "kpiprep.roleschema" not in modules
