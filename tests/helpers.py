"""Test helpers shared by the test modules (fixtures live in conftest.py)."""

from __future__ import annotations

from collections.abc import Mapping

from typer.testing import CliRunner, Result

from kpiprep.cli import app


class Run:
    """Invoke the CLI and keep stdout and stderr apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(
        self, *args: str, env: Mapping[str, str | None] | None = None, input: str | None = None
    ) -> Result:
        return self.runner.invoke(app, list(args), env=env, input=input, catch_exceptions=False)
