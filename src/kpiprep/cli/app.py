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
from typer.core import TyperCommand, TyperGroup

from kpiprep import __version__
from kpiprep.cli.console import stderr_line
from kpiprep.errors import ContentError, KpiprepError

F = TypeVar("F", bound=Callable[..., Any])
GUARDED = "__kpiprep_guarded__"


class PlainCommand(TyperCommand):
    """A command whose help names every value by a word (TERM, LEVEL, MINUTES) and says its
    limits in words, where Typer would print types and bounds (`<str>`, `[10<=x<=480]`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        from kpiprep.cli.plain import usage_pieces

        return usage_pieces(self, ctx)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        from kpiprep.cli.plain import format_params

        format_params(self, ctx, formatter)


class PlainGroup(TyperGroup):
    """A group of commands with help as PlainCommand's, each command's summary whole in the
    list, and (for the app itself) usage errors in the same style as every other error."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        from kpiprep.cli.plain import usage_pieces

        return [*usage_pieces(self, ctx), self.subcommand_metavar]

    def format_options(self, ctx: Any, formatter: Any) -> None:
        from kpiprep.cli.plain import format_commands, format_params

        format_params(self, ctx, formatter)
        format_commands(self, ctx, formatter)

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        # Typer prints a usage error as three lines (usage, hint, "Error: ..."); here it is
        # `error: ...` and the hint, as every other error is printed, with the same exit 2.
        run = functools.partial(super().main, args, prog_name, complete_var, **extra)
        if not standalone_mode:
            return run(standalone_mode=False)
        try:
            code = run(standalone_mode=False)  # a command's typer.Exit comes back as its code
        except typer.TyperException as exc:  # Click's exceptions derive from it
            from kpiprep.cli.plain import report

            code = report(exc, self, sys.argv[1:] if args is None else list(args))
        except typer.Abort:
            stderr_line("error: stopped")
            code = 1
        sys.exit(code if isinstance(code, int) else 0)

    def _main_shell_completion(self, *args: Any, **kwargs: Any) -> None:
        # Shell completion is answered by kpiprep's own classes (see cli/completion.py):
        # Typer's send bash values unquoted.
        if any(key.startswith("_KPIPREP_COMPLETE") for key in os.environ):
            from kpiprep.cli.completion import register

            register()
        super()._main_shell_completion(*args, **kwargs)


app = typer.Typer(
    name="kpiprep",
    cls=PlainGroup,
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


def command(
    name: str | None = None,
    under: typer.Typer | None = None,
    *,
    short_help: str | None = None,
    words: bool = False,
) -> Callable[[F], F]:
    """Register a command under `name` (default: the function's name), guarded; `under` a
    group of commands (see `group`) rather than at the top. `short_help` is its line in the
    list of commands, whole: it should fit one line of 80 columns. With `words`, the words
    after the command's arguments are left in ctx.args (see params.words)."""

    def register(function: F) -> F:
        settings = {"allow_extra_args": True} if words else None
        (under or app).command(
            name, cls=PlainCommand, short_help=short_help, context_settings=settings
        )(guard(function))
        return function

    return register


def group(name: str, help: str, *, short_help: str | None = None) -> typer.Typer:
    """A family of commands, `kpiprep NAME COMMAND`; register each with command(under=...)."""
    sub = typer.Typer(
        name=name,
        cls=PlainGroup,
        help=help,
        short_help=short_help,
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
