"""The command line: parse, pick a renderer and a destination, turn errors into exit codes.

Modules: app (the Typer app, root options, the guarded `command` decorator), console
(where output goes), params (shared options and completion), and one module per family
of commands: lookup, browse, kit, authoring, scan.
"""

from kpiprep.cli import authoring, browse, kit, lookup, scan
from kpiprep.cli.app import app

__all__ = ["app", "main", "authoring", "browse", "kit", "lookup", "scan"]


def main() -> None:
    """Console-script entry point."""
    from kpiprep.cli.console import fit_streams

    fit_streams()
    app(prog_name="kpiprep")
