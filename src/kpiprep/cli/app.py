"""The Typer app, its root options, and `command`: the one way a command is registered.

`command` registers a function and wraps it in the error guard, so every command turns an
expected failure into a one-line message and an exit code in the same place.
"""

# No `from __future__ import annotations` in the cli modules: Typer reads every command's
# signature at each start, and resolving string annotations costs it about three times as long.

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup

from kpiprep import __version__
from kpiprep.cli.console import stderr_line
from kpiprep.errors import ContentError, KpiprepError

F = TypeVar("F", bound=Callable[..., Any])
GUARDED = "__kpiprep_guarded__"


class Root(TyperGroup):
    """The root command, which answers shell completion with kpiprep's own classes (see
    cli/completion.py): Typer's send bash values unquoted."""

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        if any(key.startswith("_KPIPREP_COMPLETE") for key in os.environ):
            from kpiprep.cli.completion import register

            register()
        super()._main_shell_completion(*args, **kwargs)


app = typer.Typer(
    name="kpiprep",
    cls=Root,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # --install-completion and --show-completion are kpiprep's own (below): Typer's installer
    # added a global zstyle to ~/.zshrc and a blank line to ~/.bashrc at every run.
    add_completion=False,
)


def guard(function: F) -> F:
    """The one place where an expected failure becomes a message on stderr and exit 1."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except ContentError as exc:
            stderr_line(str(exc))  # already `path:line: field: problem`, one per line
        except KpiprepError as exc:
            stderr_line(f"error: {exc}")
        except BrokenPipeError:
            # Piped into `head` and the reader left: stop quietly, as `cat` does (128 + SIGPIPE).
            # Later writes (the flush at exit) go nowhere instead of raising again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(141) from None
        except OSError as exc:
            # The file system said no somewhere no command expected it (a name too long, a
            # folder without search permission...): its own words, on one line.
            where = f": {exc.filename}" if exc.filename else ""
            stderr_line(f"error: {exc.strerror or exc}{where}")
        raise typer.Exit(1)

    setattr(wrapper, GUARDED, True)
    return wrapper  # type: ignore[return-value]


def command(name: str | None = None, under: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command under `name` (default: the function's name), guarded; `under` a
    group of commands (see `group`) rather than at the top."""

    def register(function: F) -> F:
        (under or app).command(name)(guard(function))
        return function

    return register


def group(name: str, help: str) -> typer.Typer:
    """A family of commands, `kpiprep NAME COMMAND`; register each with command(under=...)."""
    sub = typer.Typer(
        name=name,
        help=help,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
        rich_markup_mode=None,
    )
    app.add_typer(sub, name=name)
    return sub


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kpiprep {__version__}\n")
        raise typer.Exit()


def _install_completion(value: bool) -> None:
    if value:
        from kpiprep.cli.shellsetup import detect_shell, install

        shell = detect_shell()
        where, changed = install(shell, Path.home(), os.environ)
        if not changed:
            sys.stdout.write(f"{shell} completion is installed already in {where.script}\n")
        for path in changed:
            sys.stdout.write(f"wrote {path}\n")
        if changed:
            sys.stdout.write(
                "open a new shell to use it (kpiprep must be on PATH there: see the README)\n"
            )
        raise typer.Exit()


def _show_completion(value: bool) -> None:
    if value:
        from kpiprep.cli.shellsetup import detect_shell, script

        sys.stdout.write(script(detect_shell()))
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    content_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--content-dir",
            metavar="DIR",
            help="A folder of your own content files, searched before the shipped ones. "
            "Repeatable; the first folder wins.",
            exists=True,
            file_okay=False,
            dir_okay=True,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", callback=_version, is_eager=True
        ),
    ] = False,
    install_completion: Annotated[
        bool,
        typer.Option(
            "--install-completion",
            help="Install completion for the current shell (bash, zsh or fish); once is enough.",
            callback=guard(_install_completion),
            is_eager=True,
            expose_value=False,
        ),
    ] = False,
    show_completion: Annotated[
        bool,
        typer.Option(
            "--show-completion",
            help="Show the completion script for the current shell, to install it by hand.",
            callback=guard(_show_completion),
            is_eager=True,
            expose_value=False,
        ),
    ] = False,
) -> None:
    """Interview prep for recruiters: business terms in plain language, questions by
    seniority, and printable interview guides.

    Examples:

    \b
      kpiprep explain kpi
    """
    # The options are read where they are needed: see params.content_dirs.
