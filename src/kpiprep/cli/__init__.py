"""The command line: parse, pick a renderer and a destination, turn errors into exit codes.

Modules: app (the Typer app, root options, the guarded `command` decorator), console
(where output goes), params (shared options and completion), and one module per family
of commands: lookup, browse, kit, authoring, scan, and the interview loop (loop: role files
and the debrief; scoring: live scorecards).
"""

import os
import sys

# The order commands register in is the order `kpiprep --help` lists them: a recruiter's
# first commands first, the content writers' last.
# isort: off
from kpiprep.cli import lookup, browse, kit, scan, loop, scoring, authoring
from kpiprep.cli.app import app

# isort: on

__all__ = [
    "app", "main", "authoring", "browse", "kit", "lookup", "loop", "scan", "scoring",
]  # fmt: skip


def invoked(argv: list[str]) -> str | None:
    """The command a command line runs, past the root options; None for --help, --version
    or no command at all."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--content-dir":
            index += 2
        elif arg.startswith("--content-dir="):
            index += 1
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None


def only_the_command_run(argv: list[str]) -> None:
    """Keep in the app just the command (or group) `argv` runs, if it names one.

    Typer builds every registered command's parameters at each start, a cost that grows with
    every command added; a run of one command needs only that one. --help, --version, shell
    completion and an unknown name still get the whole app, so they list every command.
    """
    from typer.main import get_command_name

    name = invoked(argv)
    if name is None or any(key.startswith("_KPIPREP_COMPLETE") for key in os.environ):
        return
    commands = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or get_command_name(info.callback.__name__)) == name
    ]
    groups = [info for info in app.registered_groups if info.name == name]
    if commands or groups:
        app.registered_commands = commands
        app.registered_groups = groups


def main() -> None:
    """Console-script entry point."""
    from kpiprep.cli import console

    console.fit_streams()
    only_the_command_run(sys.argv[1:])
    try:
        app(prog_name="kpiprep")
    except SystemExit as done:
        if console.LEAVE_AT_ONCE and (done.code is None or isinstance(done.code, int)):
            leave(done.code or 0)
        raise


def leave(code: int) -> None:
    """End the process without freeing its memory one object at a time: after a batch of
    scans that is a tenth of the run (the operating system takes it back whole). Only once
    the command has written everything, and only where nothing waits for the exit (no file
    left open, no exit handler of kpiprep's); output still to flush must reach its stream."""
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return  # let the usual exit report it
    os._exit(code)
