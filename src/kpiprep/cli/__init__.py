"""The command line: parse, pick a renderer and a destination, turn errors into exit codes.

Modules: app (the Typer app, root options, the guarded `command` decorator), console
(where output goes), params (shared options and completion), and one module per family
of commands: lookup, browse, kit, authoring, and the interview loop (loop: role files and
the debrief; scoring: live scorecards).
"""

from kpiprep.cli import authoring, browse, kit, lookup, loop, scoring
from kpiprep.cli.app import app

__all__ = ["app", "main", "authoring", "browse", "kit", "lookup", "loop", "scoring"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="kpiprep")
