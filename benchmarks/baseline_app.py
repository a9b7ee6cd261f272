"""The yardstick: a minimal Typer command that reads a small JSON file and prints one Rich table."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def show(path: Path) -> None:
    """Print the rows of a JSON file as a table."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    table = Table("Term", "Meaning")
    for row in rows:
        table.add_row(row["term"], row["meaning"])
    Console().print(table)


if __name__ == "__main__":
    app()
