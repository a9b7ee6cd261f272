"""Shell completion: what is offered at TAB, and how each shell is sent it.

Each shell gets values it takes as one word and runs none of: bash inserts what it is sent as
typed, so values are escaped (or left bare inside a quote the user opened) here; zsh and fish
quote what they insert themselves, and kpiprep's scripts for them (shellsetup.py) hand the
values to compadd and `complete` without `eval`. Those scripts send the command line up to
the cursor in LINE_VAR; without it (a script installed by an older kpiprep) the Typer formats
are kept, which those scripts read.
"""

import os
import re
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, NamedTuple

from typer import _completion_classes as typer_classes
from typer._click.shell_completion import CompletionItem, add_completion_class

if TYPE_CHECKING:
    from kpiprep.catalog import Record

LINE_VAR = "_KPIPREP_COMPLETE_LINE"
BREAKS_VAR = "_KPIPREP_COMPLETE_BREAKS"
# Characters bash takes literally in an unquoted word; any other is escaped with a backslash.
_BASH_BARE_RE = re.compile(r"[\w./+,:@%-]")
# What ends or changes the meaning of text inside each kind of quote, in bash.
_BASH_IN_QUOTES = {"'": "'", '"': '"$`\\!'}


def term_offers(records: Iterable["Record"], incomplete: str) -> list[tuple[str, str]]:
    """(value, help) for each term with a name that starts with `incomplete`.

    A term is offered once: by its slug when the slug matches, otherwise by each of its other
    names that matches, counted once whatever their case or spacing (the look-up does not
    tell them apart). Slugs come first, then the other names. A name that several terms share
    (the look-up would refuse it) and one a shell would not take literally are not offered.
    As with file names, case counts in `incomplete` (Typer drops any other match anyway).
    """
    from kpiprep.term import normalise, offer_help, offerable

    terms: dict[str, list[Record]] = {}
    owners: dict[str, set[str]] = {}
    for record in records:
        terms.setdefault(record.slug, []).append(record)
        for name in record.names:
            owners.setdefault(normalise(name), set()).add(record.slug)
    slugs: list[tuple[str, str]] = []
    others: dict[str, tuple[str, str]] = {}
    for slug, group in sorted(terms.items()):
        industries = {r.industry for r in group}
        where = group[0].industry_name if len(industries) == 1 else f"{len(industries)} industries"
        help_line = offer_help(f"{group[0].name} ({where})")
        if slug.startswith(incomplete) and offerable(slug):
            slugs.append((slug, help_line))
            continue
        for name in (name for record in group for name in record.names):
            key = normalise(name)
            if name.startswith(incomplete) and owners[key] == {slug} and offerable(name):
                others.setdefault(key, (name, help_line))
    return slugs + sorted(others.values(), key=lambda offer: offer[0].casefold())


class Line(NamedTuple):
    """The command line up to the cursor, split as a POSIX shell splits it."""

    words: list[str]
    incomplete: str  # the word at the cursor, unquoted ("" after a space)
    quote: str | None  # the quote the user opened in it and has not closed
    replaced_from: int  # where in `incomplete` the text bash replaces begins


def split_line(line: str, breaks: str = "") -> Line:
    """Split `line`; `breaks` are bash's COMP_WORDBREAKS, where bash starts the text it
    replaces (after `--industry=` or `LTV:`), unless quoted."""
    breaks = "".join(c for c in breaks if c not in "'\" \t\n")
    words: list[str] = []
    word: list[str] = []
    in_word = False
    quote: str | None = None
    after_break = after_quote = 0
    index = 0
    while index < len(line):
        char = line[index]
        nxt = line[index + 1] if index + 1 < len(line) else ""
        if quote == "'":
            if char == "'":
                quote = None
            else:
                word.append(char)
        elif quote == '"':
            if char == '"':
                quote = None
            elif char == "\\" and nxt in '"\\$`':
                word.append(nxt)
                index += 1
            else:
                word.append(char)
        elif char in " \t\n":
            if in_word:
                words.append("".join(word))
                word, in_word = [], False
        else:
            if not in_word:
                in_word, after_break = True, 0
            if char in "'\"":
                quote, after_quote = char, len(word)
            elif char == "\\":
                word.append(nxt)
                index += 1
            else:
                word.append(char)
                if char in breaks:
                    after_break = len(word)
        index += 1
    if not in_word:
        return Line(words, "", None, 0)
    return Line(words, "".join(word), quote, after_quote if quote else after_break)


def _offered(items: Iterable[CompletionItem], incomplete: str) -> Iterator[tuple[str, str]]:
    """Each item as (whole word, help), once; `--industry=` kept before a value of it."""
    from kpiprep.term import CONTROL_RE, offer_help

    before = ""
    if incomplete.startswith("-") and "=" in incomplete:  # as click splits it
        before = incomplete[: incomplete.index("=") + 1]
    seen: set[str] = set()
    for item in items:
        value = before + str(item.value)
        if value in seen or not value or CONTROL_RE.search(value):
            continue
        seen.add(value)
        yield value, offer_help(str(item.help or ""))


def bash_word(value: str, line: Line) -> str | None:
    """What bash must put in place of the text it replaces so that the word reads `value`;
    None if that cannot be done safely."""
    typed = line.replaced_from
    if value[:typed].casefold() != line.incomplete[:typed].casefold():
        return None  # bash keeps what comes before the text it replaces
    rest = value[typed:]
    if line.quote is not None:  # bash inserts after the quote and closes it
        return None if set(rest) & set(_BASH_IN_QUOTES[line.quote]) else rest
    return "".join(c if _BASH_BARE_RE.fullmatch(c) else "\\" + c for c in rest)


def _line() -> Line | None:
    line = os.environ.get(LINE_VAR)
    return None if line is None else split_line(line, os.environ.get(BREAKS_VAR, ""))


class _Sourced:
    """`_KPIPREP_COMPLETE=source_SHELL kpiprep` prints kpiprep's script, not Typer's."""

    name: str

    def source(self) -> str:
        from kpiprep.cli.shellsetup import script

        return script(self.name)


class BashComplete(_Sourced, typer_classes.BashComplete):
    def get_completion_args(self) -> tuple[list[str], str]:
        line = _line()
        if line is None:  # a script from an older kpiprep: the words, without quoting
            words = os.environ.get("COMP_WORDS", "")
            split = words.split("\n") if "\n" in words else words.split(" ")
            cword = int(os.environ.get("COMP_CWORD", "0"))
            line = split_line(" ".join(split[: cword + 1]))
        self.line = line
        return line.words[1:], line.incomplete

    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        words = (bash_word(value, self.line) for value, _ in _offered(items, incomplete))
        return "\n".join(word for word in words if word)


class ZshComplete(_Sourced, typer_classes.ZshComplete):
    """Lines of value then help, which kpiprep's script hands to _describe (no eval)."""

    def complete(self) -> str:
        line = _line()
        if line is None:
            return super().complete()
        items = self.get_completions(line.words[1:], line.incomplete)
        return "\n".join(f"{value}\n{help}" for value, help in _offered(items, line.incomplete))


class FishComplete(_Sourced, typer_classes.FishComplete):
    """Lines of value, a tab, help: fish escapes what it inserts."""

    def complete(self) -> str:
        line = _line()
        if line is None:
            line = split_line(os.environ.get("_TYPER_COMPLETE_ARGS", ""))
        offers = list(_offered(self.get_completions(line.words[1:], line.incomplete),
                               line.incomplete))  # fmt: skip
        if os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":  # an older script
            sys.exit(0 if offers else 1)
        return "\n".join(f"{value}\t{help}" if help else value for value, help in offers)


class PowerShellComplete(typer_classes.PowerShellComplete):
    """PowerShell inserts the text as sent: a value with anything but plain characters goes
    in single quotes, where only a quote is special (and is doubled)."""

    def format_completion(self, item: CompletionItem) -> str:
        from kpiprep.term import offer_help

        value = str(item.value)
        if not all(_BASH_BARE_RE.fullmatch(c) for c in value):
            value = "'" + value.replace("'", "''") + "'"
        return f"{value}:::{offer_help(str(item.help or '')) or ' '}"


def register() -> None:
    """Make kpiprep's classes the ones shell completion uses."""
    for cls, names in (
        (BashComplete, ["bash"]),
        (ZshComplete, ["zsh"]),
        (FishComplete, ["fish"]),
        (PowerShellComplete, ["powershell", "pwsh"]),
    ):
        for name in names:
            add_completion_class(cls, name)
