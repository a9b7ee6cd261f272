"""Where output goes: stdout and stderr, terminal or pipe, width, colour, and prompts."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, TextIO

from kpiprep.errors import KpiprepError

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

# Widths outside this range are a mistake in $COLUMNS (0, 1, 10000000), not a request.
MIN_WIDTH = 20
MAX_WIDTH = 500
MAX_REPLY = 1000
# Set by a command whose run leaves many objects behind and nothing to close (a batch
# scan): the console-script entry point then ends the process at once (see cli.leave).
LEAVE_AT_ONCE = False


def leave_at_once() -> None:
    global LEAVE_AT_ONCE
    LEAVE_AT_ONCE = True


# What a stream that cannot encode a character gets instead: the nearest plain ASCII.
_ASCII = str.maketrans({
    "•": "*", "☐": "[ ]", "☑": "[x]", "…": "...", "·": "-", "⚑": "!", "→": "->", "←": "<-",
    "─": "-", "━": "-", "│": "|", "┃": "|", "╭": "+", "╮": "+", "╰": "+", "╯": "+", "├": "+",
    "┤": "+", "┬": "+", "┴": "+", "┼": "+", "‘": "'", "’": "'", "“": '"', "”": '"', "–": "-",
    "—": "-", "×": "x", "≈": "~", "≥": ">=", "≤": "<=", "✓": "v", "\u00a0": " ",
})  # fmt: skip


def fit(text: str, encoding: str | None) -> str:
    """`text` as `encoding` can carry it: unchanged where it can, else with plain ASCII
    stand-ins for the symbols kpiprep prints, accents dropped, and '?' for the rest."""
    if not encoding or encoding.lower().replace("-", "").replace("_", "") in ("utf8", "utf16"):
        return text
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        pass
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.translate(_ASCII))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    try:
        return plain.encode(encoding, "replace").decode(encoding)
    except LookupError:
        return plain.encode("ascii", "replace").decode("ascii")


class Fitted:
    """A text stream that never fails on a character its encoding lacks (a Windows code page,
    PYTHONIOENCODING=ascii, LC_ALL=C): it writes the ASCII stand-in instead."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.encoding = stream.encoding

    def write(self, text: str) -> int:
        return self._stream.write(fit(text, self.encoding))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def fit_streams() -> None:
    """Wrap stdout and stderr in Fitted where their encoding cannot carry all of Unicode."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        encoding = getattr(stream, "encoding", None)
        if stream is not None and encoding and fit("•☐…", encoding) != "•☐…":
            setattr(sys, name, Fitted(stream))


def stderr_line(message: str) -> None:
    """One message on stderr; unsafe characters from file names or keys shown as escapes."""
    from kpiprep.term import visible

    stream = sys.stderr
    if stream is None:  # started with stderr closed: messages have nowhere to go
        return
    try:
        stream.write(visible(message.rstrip("\n")) + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # a closed or full stderr must not turn a message into a traceback


def clamp_width(width: int) -> int:
    return max(MIN_WIDTH, min(MAX_WIDTH, width))


def make_console(*, stderr: bool = False) -> Console:
    """The console for terminal output (or, with `stderr`, for what goes to standard error);
    NO_COLOR (no-color.org) drops all styling."""
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR"))
    console = Console(
        highlight=False,
        emoji=False,
        markup=False,
        color_system=None if no_color else "auto",
        stderr=stderr,
    )
    console.width = clamp_width(console.width)
    return console


def is_terminal(*, stderr: bool = False) -> bool:
    """Is standard output (or error) a terminal? Rich's own answer (FORCE_COLOR,
    TTY_COMPATIBLE...), without importing Rich for a pipe."""
    if os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE"):
        return make_console(stderr=stderr).is_terminal
    try:
        return os.isatty((sys.stderr if stderr else sys.stdout).fileno())
    except (AttributeError, OSError, ValueError):  # a stream with no file descriptor
        return False


def ansi_terminal() -> bool:
    """May styled output be written as escape codes directly, without Rich? On a POSIX
    terminal, yes; a Windows console, or FORCE_COLOR / TTY_COMPATIBLE (Rich's own switches),
    take the Rich path."""
    forced = os.environ.get("FORCE_COLOR") or os.environ.get("TTY_COMPATIBLE")
    return sys.platform != "win32" and not forced


def terminal_style() -> tuple[int, bool]:
    """Width, and whether colour and box lines are wanted, for the escape-code path: NO_COLOR
    asks for neither, and a dumb terminal gets no colour (as Rich decides)."""
    import shutil

    width = clamp_width(shutil.get_terminal_size((80, 24)).columns)
    plain = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") in ("dumb", "unknown")
    return width, not plain


def plain_width() -> int:
    """Columns for piped output: $COLUMNS if it is a number, else 80 (as Rich does)."""
    try:
        return clamp_width(int(os.environ.get("COLUMNS", "")))
    except ValueError:
        return 80


def boxed(console: Console) -> bool:
    """Box lines only on a terminal, and not with NO_COLOR: plain output means plain."""
    return console.is_terminal and not os.environ.get("NO_COLOR")


def show(renderable: RenderableType, console: Console, *, crop: bool = True) -> None:
    """Print on the terminal, or lay out in memory and write plain lines to a pipe.

    Callers make the console once (it reads the environment and the terminal) and pass it.
    Without `crop`, a line laid out wider than the console (one marked no_wrap) is kept
    whole: the terminal folds it, a pipe gets it as one line.
    """
    if console.is_terminal:
        try:
            console.print(renderable, crop=crop)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise KpiprepError(f"cannot write the output: {exc.strerror or exc}") from None
        return
    # Piped: render into memory (Rich never touches stdout), then plain lines without the
    # padding Rich adds to fill table cells; write() handles a full disk or a closed pipe.
    import io

    from rich.console import Console

    buffer = io.StringIO()
    Console(file=buffer, width=console.width, highlight=False, emoji=False, markup=False,
            color_system=None).print(renderable, crop=crop)  # fmt: skip
    text = "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())
    if console.stderr:
        stderr_text(text)
    else:
        write(text)


def stderr_text(text: str) -> None:
    """Lines for the person at the keyboard (a question being scored), on stderr."""
    from kpiprep.term import visible

    try:
        sys.stderr.write(visible(text))
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


def write(data: str | bytes) -> None:
    """Data to stdout, text or a binary file (a Word document); a full disk or an unwritable
    stream is one clear error."""
    if sys.stdout is None:  # started with stdout closed (`kpiprep explain kpi >&-`)
        raise KpiprepError("standard output is closed; nothing can be written to it")
    binary: Any = getattr(sys.stdout, "buffer", None)
    try:
        if isinstance(data, str):
            sys.stdout.write(data)
        elif binary is None:  # replaced by a text-only stream
            raise KpiprepError("standard output takes no binary data; give --export FILE instead")
        else:
            sys.stdout.flush()  # text written before the bytes comes first
            binary.write(data)
            binary.flush()
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as exc:  # a full disk; a closed stream (ValueError)
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "it is closed"
        raise KpiprepError(f"cannot write the output: {reason}") from None


def ask(prompt: str) -> str | None:
    """One line from standard input, None at its end; the prompt goes to stderr.

    Prompts on stderr keep stdout a clean transcript (`kpiprep practice > drill.txt`).
    Piped replies are not echoed by a terminal, so they are echoed here after the prompt.
    """
    sys.stderr.write(prompt)
    sys.stderr.flush()
    stdin = sys.stdin
    line = stdin.readline(MAX_REPLY) if stdin is not None else ""
    tail = line
    while len(tail) == MAX_REPLY and not tail.endswith("\n"):
        tail = stdin.readline(MAX_REPLY)  # the rest of an over-long line is dropped
    if not line:
        sys.stderr.write("\n")
        return None
    reply = line.rstrip("\r\n")
    if not stdin.isatty():
        stderr_line(reply)
    return reply
