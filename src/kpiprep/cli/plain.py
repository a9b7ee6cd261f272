"""Help and usage errors in plain words: how `--help` names each value and says its limits,
and how a usage mistake is told. Imported only to print help or an error.

Typer writes each value's type (`TERM <str>`, `<list[Path]>`), bounds as algebra
(`[10<=x<=480]`), pydantic's messages ("Input should be greater than or equal to 10") and a
three-line usage block for a mistake. Here a value is a word (TERM, LEVEL, MINUTES), a limit
is "10 to 480", the choices are listed, and a mistake is one `error: ...` line, as any other
error, then where to find help.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

import typer

# Typer ships Click inside itself: its exceptions tell the kinds of mistake apart. This module
# is imported only to print help or a mistake, so they cost no other run anything.
from typer._click import exceptions as mistakes

from kpiprep.cli.console import stderr_line


def value_name(param: Any) -> str:
    """The word for what a parameter takes: its metavar, else its longest option's name
    (--format: FORMAT) or, for an argument, its name; `TERM ...` when it takes several."""
    if param.metavar:
        name = str(param.metavar)
    elif param.param_type_name == "argument" or not param.opts:
        name = str(param.name).upper()
    else:
        name = max(param.opts, key=len).lstrip("-").replace("-", "_").upper()
    return f"{name} ..." if param.nargs != 1 else name


def usage_pieces(command: Any, ctx: typer.Context) -> list[str]:
    """The usage line after the command's name: `[OPTIONS] TERM`, `[OPTIONS] [TERM ...]`."""
    pieces = [command.options_metavar] if command.options_metavar else []
    for param in command.get_params(ctx):
        if param.param_type_name == "argument" and not param.hidden:
            name = value_name(param)
            pieces.append(name if param.required else f"[{name}]")
    return pieces


def choices(param: Any) -> list[str]:
    descriptor = getattr(param, "type_descriptor", None)
    found = getattr(descriptor, "choices", None) or ()
    return [str(c.value if isinstance(c, Enum) else c) for c in found]


def one_of(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def span(low: float | None, high: float | None) -> str:
    """A number's limits in words: '10 to 480', '1 or more', '20 or less'."""
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"{low} or more"
    return f"{high} or less" if high is not None else ""


def _default(param: Any, ctx: typer.Context) -> str:
    show = param.show_default
    if isinstance(show, str):
        return show
    if not (show or ctx.show_default) or getattr(param, "is_flag", False):
        return ""
    resilient, ctx.resilient_parsing = ctx.resilient_parsing, True
    try:
        value = param.get_default(ctx, call=False)
    finally:
        ctx.resilient_parsing = resilient
    if value is None or callable(value):
        return ""
    values = value if isinstance(value, (list, tuple)) else [value]
    return ", ".join(str(v.value if isinstance(v, Enum) else v) for v in values)


def help_record(param: Any, ctx: typer.Context) -> tuple[str, str] | None:
    """One line of the Arguments or Options list: the names, then the help with its default,
    limits and choices in words, in brackets."""
    if param.hidden:
        return None
    if param.param_type_name == "argument":
        names = value_name(param)
    else:
        # Short option first (-f, --format), as Click lists them.
        ordered = sorted(param.opts, key=lambda opt: len(opt) - len(opt.lstrip("-")))
        names = ", ".join(ordered)
        if param.secondary_opts:
            names += " / " + ", ".join(param.secondary_opts)
        if not param.is_flag and not param.count:
            names += f" {value_name(param)}"
    text = param.help or ""
    extra = []
    named = choices(param)
    # The choices, unless the help already names them all (`table (default) or json.`).
    if named and not all(re.search(rf"\b{re.escape(c)}\b", text, re.I) for c in named):
        extra.append(one_of(named))
    default = _default(param, ctx)
    if default and "default" not in text:  # `table (default) or json.` says it already
        extra.append(f"default: {default}")
    limits = span(param.min, param.max)
    if limits and not getattr(param, "count", False):
        extra.append(limits)
    if param.required and param.param_type_name == "option":
        extra.append("required")
    if extra:
        text = f"{text}  [{'; '.join(extra)}]" if text else f"[{'; '.join(extra)}]"
    return names, text


def format_params(command: Any, ctx: typer.Context, formatter: Any) -> None:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = help_record(param, ctx)
        if record is not None:
            (arguments if param.param_type_name == "argument" else options).append(record)
    for title, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


def summary(command: Any) -> str:
    """A command's line in the list: its short help, else its help's first paragraph, whole
    (Click cuts it at 45 characters with '...')."""
    if command.short_help:
        return " ".join(str(command.short_help).split())
    first = (command.help or "").split("\n\n")[0]
    return " ".join(word for word in first.split() if word != "\b")


def format_commands(group: Any, ctx: typer.Context, formatter: Any) -> None:
    rows = []
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None and not command.hidden:
            rows.append((name, summary(command)))
    if rows:
        with formatter.section("Commands"):
            formatter.write_dl(rows)


# Usage mistakes


def _hint(exc: Any) -> str | None:
    """The option or argument a mistake is about: --minutes, TERM."""
    hint = exc.param_hint
    if isinstance(hint, (list, tuple)):
        hint = hint[0] if hint else None
    if hint is None and exc.param is not None:
        param = exc.param
        if param.param_type_name == "argument":
            return value_name(param).removesuffix(" ...")
        # The option's first long name, as its help lists it: --to for --to/--format.
        return (
            next((o for o in param.opts if o.startswith("--")), param.opts[0])
            if param.opts
            else str(param.name)
        )
    return str(hint).strip("'\"") if hint is not None else None


def _shown(value: Any) -> str:
    text = str(value)
    return text if re.fullmatch(r"-?\d+(\.\d+)?", text) else repr(text)


NUMBER_ERRORS = ("int_", "float_", "greater_than", "less_than", "finite_number")


def _value_words(exc: Any) -> str:
    """What was wrong with a value, in words: Typer converts values with pydantic, whose
    first error says what was given and why it was refused."""
    cause = exc.__cause__
    errors = cause.errors(include_url=False) if hasattr(cause, "errors") else []
    first = errors[0] if errors else {}
    given = first.get("input", None)
    param = exc.param
    named = choices(param) if param is not None else []
    if named and first:
        return f"{_shown(given)} is not one of {one_of(named)}"
    if first and str(first.get("type", "")).startswith(NUMBER_ERRORS) and param is not None:
        limits = span(param.min, param.max)
        what = "a whole number" if "float" not in str(first["type"]) else "a number"
        if limits:
            both = param.min is not None and param.max is not None
            what += f" from {limits}" if both else f", {limits}"
        return f"use {what} (not {_shown(given)})"
    message = str(first.get("msg", exc.message)) if first else str(exc.message)
    return plain_sentence(message)


def plain_sentence(message: str) -> str:
    """A message from Click or pydantic as one plain line: no "Value error, " or "Input",
    no trailing full stop, lower case first (unless it starts with a name or a quote)."""
    message = " ".join(message.split())
    message = re.sub(r"^Value error, ", "", message)
    message = re.sub(r"^(Input|String|Value|List) should", "should", message)
    message = re.sub(r"^dir ", "folder ", message)
    message = message.removesuffix(".")
    if message[:1].isupper() and not message[1:2].isupper():
        message = message[0].lower() + message[1:]
    return message


def words(exc: Any) -> str:
    """A mistake in plain words, on one line."""
    if isinstance(exc, mistakes.MissingParameter):
        hint = _hint(exc)
        named = choices(exc.param) if exc.param is not None else []
        also = f": {one_of(named)}" if named else ""
        return f"{hint} is missing{also}" if hint else "a value is missing"
    if isinstance(exc, mistakes.BadParameter):
        text = _value_words(exc)
        hint = _hint(exc)
        return text if hint is None or hint in text else f"{hint}: {text}"
    if isinstance(exc, mistakes.NoSuchOption):
        text = f"unknown option {exc.option_name}"
        if exc.possibilities:
            text += f"; did you mean {one_of(sorted(exc.possibilities))}?"
        return text
    if isinstance(exc, mistakes.BadOptionUsage):
        if "requires" in exc.message:
            return f"{exc.option_name} needs a value"
        if "does not take a value" in exc.message:
            return f"{exc.option_name} takes no value"
    message = " ".join(str(exc.format_message()).split())
    unknown = re.fullmatch(r"No such command '(.*)'\.(?: Did you mean (.*)\?)?", message)
    if unknown:
        text = f"unknown command {unknown[1]!r}"
        return text + (f"; did you mean {unknown[2]}?" if unknown[2] else "")
    extra = re.fullmatch(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if extra:
        return f"unexpected extra words: {extra[1]}"
    return plain_sentence(message)


def command_path(exc: Any, root: Any, args: list[str]) -> str:
    """The command a mistake is about, as typed: `kpiprep role new`."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        return str(ctx.command_path)
    path, command = [str(root.name or "kpiprep")], root
    index = 0
    while index < len(args) and hasattr(command, "commands"):
        arg = args[index]
        index += 1
        if arg == "--content-dir":
            index += 1
        elif not arg.startswith("-") and arg in command.commands:
            path.append(arg)
            command = command.commands[arg]
        elif not arg.startswith("-"):
            break
    return " ".join(path)


def report(exc: typer.TyperException, root: Any, args: list[str]) -> int:
    """Print a mistake as every error is printed (`error: ...`), and, for a usage mistake,
    where to find help; return the exit code (2 for usage, 1 otherwise)."""
    if isinstance(exc, mistakes.NoArgsIsHelpError):
        exc.show()  # no arguments at all: the help itself
        return exc.exit_code
    stderr_line(f"error: {words(exc)}")
    if isinstance(exc, mistakes.UsageError):
        stderr_line(f"Try '{command_path(exc, root, args)} -h' for help.")
    return exc.exit_code
