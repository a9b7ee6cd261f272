"""Plain-text layout: the fast path for plain ASCII wraps exactly as the general one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kpiprep.render.text import cells, wrap


def reference(text: str, width: int) -> list[str]:
    """Greedy wrapping by columns, as `wrap` does for any text (no word wider than a line)."""
    width = max(width, 8)
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and cells(line) + 1 + cells(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines or [""]


@given(
    words=st.lists(st.text("abcdefgh-", min_size=1, max_size=8), max_size=30),
    spaces=st.sampled_from([" ", "  ", "\n", " \t "]),
    width=st.integers(0, 60),
)
def test_ascii_fast_path_wraps_as_the_general_one(
    words: list[str], spaces: str, width: int
) -> None:
    text = spaces.join(words)
    assert wrap(text, width) == reference(text, width)
    assert wrap(text + " é", width)[:-1] == reference(text + " é", width)[:-1]
