"""Styled runs as ANSI escape codes, for `explain` and `questions` on a POSIX terminal.

Only the few styles the cards use, as plain SGR codes every ANSI terminal reads. The CLI
uses this where Rich would do the same work at the cost of importing its console (Windows
consoles, FORCE_COLOR and other special cases stay with Rich).
"""

from __future__ import annotations

from collections.abc import Iterable

from kpiprep.render.styled import Run

_SGR = {"bold": "1", "dim": "2", "italic": "3", "red": "31", "magenta": "35", "cyan": "36"}
RESET = "\x1b[0m"


def sgr(style: str) -> str:
    """The escape sequence that turns `style` ("bold cyan") on."""
    return "\x1b[" + ";".join(_SGR[word] for word in style.split()) + "m"


def to_ansi(runs: Iterable[Run], *, colour: bool = True) -> str:
    """Runs as one string: styled runs wrapped in their codes, each line closed with a reset
    (a terminal that is resized or scrolled never carries a style over)."""
    out = []
    for text, style in runs:
        if not colour or style is None or not text.strip():
            out.append(text)
            continue
        body = text.rstrip("\n")
        out.append(f"{sgr(style)}{body}{RESET}{text[len(body) :]}")
    joined = "".join(out)
    return joined if joined.endswith("\n") else joined + "\n"
