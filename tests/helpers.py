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


class Replies:
    """Replies typed one by one, as a prompt function reads them: None once they run out, as
    at the end of input; an exception in the list is raised at its turn (Ctrl-C...)."""

    def __init__(self, replies: list[str | BaseException]) -> None:
        self.replies = list(replies)
        self.prompts: list[str] = []

    def ask(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        if not self.replies:
            return None
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply
