"""Where a guide goes: the export formats, chosen by the file's extension (or --to), and the
one function that renders a guide's Markdown in its format and writes it or prints it.
`guide` and `scan --guide` both deliver through it."""

# No `from __future__ import annotations`: see kpiprep.cli.app.

import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from kpiprep.cli.console import stderr_line, write
from kpiprep.enums import GuideFormat

if TYPE_CHECKING:
    from kpiprep.interview import Header


def running_head(header: "Header") -> str | None:
    """What each printed page of a guide repeats: who is interviewed, for what role."""
    parts = [f"{label}: {value}" for label, value in
             (("Candidate", header.candidate), ("Role", header.role)) if value]  # fmt: skip
    return " · ".join(parts) or None


def _html(markdown: str, header: "Header") -> str:
    from kpiprep.render.html import to_html

    return to_html(markdown, running_head(header))


def _pdf(markdown: str, header: "Header") -> bytes:
    from kpiprep.printing import html_to_pdf

    return html_to_pdf(_html(markdown, header))


def _docx(markdown: str, header: "Header") -> bytes:
    from kpiprep.render.docx import to_docx

    return to_docx(markdown, running_head(header))


# Each format to its renderer (tests/test_architecture.py checks every member is there);
# a binary format's renderer returns bytes.
GUIDE: "dict[GuideFormat, Callable[[str, Header], str | bytes]]" = {
    GuideFormat.markdown: lambda markdown, header: markdown,
    GuideFormat.html: _html,
    GuideFormat.docx: _docx,
    GuideFormat.pdf: _pdf,
}
# The export file extensions of each format, the first one also naming a panel's files.
SUFFIXES: "dict[GuideFormat, tuple[str, ...]]" = {
    GuideFormat.markdown: (".md", ".markdown"),
    GuideFormat.html: (".html", ".htm"),
    GuideFormat.docx: (".docx",),
    GuideFormat.pdf: (".pdf",),
}
EXTENSIONS = ", ".join(suffix for suffixes in SUFFIXES.values() for suffix in suffixes)
FORMATS = "|".join(fmt.value for fmt in GuideFormat)


def export_format(
    export: str,
    fmt: GuideFormat | None,
    *,
    option: str | None = "--to",
    inputs: Sequence[Path] = (),
) -> GuideFormat:
    """The format to write `export` in: `fmt` if given, else the one its extension names;
    any other extension is refused, with the list (and `option`, which names a format).
    A path the writer refuses anyway (a folder, device or link, one of the `inputs` the
    output is made from) is left to it: its refusal says what is really wrong."""
    if fmt is not None:
        return fmt
    suffix = Path(export).suffix.lower()
    for known, suffixes in SUFFIXES.items():
        if suffix in suffixes:
            return known
    try:
        if export.endswith(("/", os.sep)) or not stat.S_ISREG(os.lstat(export).st_mode):
            return GuideFormat.markdown
        if any(os.path.samefile(export, source) for source in inputs if source.exists()):
            return GuideFormat.markdown
    except OSError:
        pass
    choose = f" (or choose the format with {option} {FORMATS})" if option else ""
    raise typer.BadParameter(
        f"{export}: the extension does not say which format to write; give a name ending in "
        f"one of {EXTENSIONS}{choose}",
        param_hint="'--export'",
    )


def deliver(
    markdown: str,
    export: str | None,
    fmt: GuideFormat | None,
    *,
    force: bool,
    inputs: Sequence[Path] = (),
    header: "Header | None" = None,
    private: bool = False,
    option: str | None = "--to",
) -> None:
    """A guide to standard output, or to the export file in the format its extension names
    (unless `fmt` is given); `inputs` are the files it was made from, which the export must
    never replace, and a `private` guide (it names a candidate) is readable by its owner
    alone. `option` is the command's option that names a format, if it has one."""
    from kpiprep import files

    to_stdout = export is None or export == "-"
    if to_stdout:
        fmt = fmt or GuideFormat.markdown
    else:
        fmt = export_format(str(export), fmt, option=option, inputs=inputs)
    if fmt is GuideFormat.pdf:
        if to_stdout:
            raise typer.BadParameter(
                "a PDF is written to a file: give --export guide.pdf",
                param_hint=f"'{option or '--export'}'",
            )
        files.check_target(str(export), force=force, inputs=inputs)  # before the browser runs
    if header is None:
        from kpiprep.interview import Header

        header = Header()
    output = GUIDE[fmt](markdown, header)
    if to_stdout:
        if isinstance(output, bytes) and sys.stdout is not None and sys.stdout.isatty():
            # A screenful of binary noise helps no one: say how to get the file.
            name = "guide" + SUFFIXES[fmt][0]
            raise typer.BadParameter(
                f"{fmt.value} is a binary format, not for a terminal: give --export {name}, "
                f"or redirect the output to a file (> {name})",
                param_hint=f"'{option or '--export'}'",
            )
        write(output)
        return
    data = output if isinstance(output, bytes) else output.encode("utf-8")
    mode = 0o600 if private else None
    written = files.write_bytes(str(export), data, force=force, inputs=inputs, mode=mode)
    stderr_line(f"wrote {written}")
