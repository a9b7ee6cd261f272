"""The completion scripts for bash, zsh and fish, and `--install-completion`.

Installing writes the script to the file the shell loads completions from and, for bash and
zsh, one marked line to the shell's start-up file, once: a second install changes nothing,
and nothing else in the user's files (no global zstyle, no blank lines) is touched. Each
script runs nothing when kpiprep is not on PATH, and says nothing at the prompt.
"""

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from kpiprep.errors import ExportError, KpiprepError

PROG = "kpiprep"
MARK = "# kpiprep shell completion (kpiprep --install-completion)"

BASH = r"""
_kpiprep_completion() {
    local line
    COMPREPLY=()
    command -v "$1" >/dev/null 2>&1 || return 0
    while IFS= read -r line; do
        [[ -n $line ]] && COMPREPLY+=("$line")
    done < <(_KPIPREP_COMPLETE=complete_bash _KPIPREP_COMPLETE_LINE="${COMP_LINE:0:COMP_POINT}" \
             _KPIPREP_COMPLETE_BREAKS="$COMP_WORDBREAKS" "$1" 2>/dev/null)
    return 0
}

complete -o default -o nosort -F _kpiprep_completion kpiprep 2>/dev/null \
    || complete -o default -F _kpiprep_completion kpiprep
"""

# Autoloaded from fpath (its file is named _kpiprep) or sourced: either way no eval, and
# compadd (through _describe) quotes each value for the line.
ZSH = r"""
#compdef kpiprep

_kpiprep() {
  local -a response described plain
  local value help
  (( $+commands[kpiprep] )) || return 1
  response=("${(@f)$(_KPIPREP_COMPLETE=complete_zsh \
                      _KPIPREP_COMPLETE_LINE="${words[1,CURRENT]}" kpiprep 2>/dev/null)}")
  for value help in "${response[@]}"; do
    [[ -z $value ]] && continue
    if [[ -n $help ]]; then
      described+=("${value//:/\\:}:$help")
    else
      plain+=("$value")
    fi
  done
  if (( ! ${#described} && ! ${#plain} )); then
    _files
    return
  fi
  (( ${#described} )) && _describe -V kpiprep described -U
  (( ${#plain} )) && compadd -V kpiprep -U -a plain
  return 0
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _kpiprep "$@"
else
  compdef _kpiprep kpiprep
fi
"""

FISH = r"""
function __kpiprep_complete
    if not command -q kpiprep
        __fish_complete_path (commandline -ct)
        return
    end
    set -l line (commandline -cp | string join \n)
    set -l offers (env _KPIPREP_COMPLETE=complete_fish _KPIPREP_COMPLETE_LINE=$line kpiprep \
        2>/dev/null | string match -v '')
    if set -q offers[1]
        printf '%s\n' $offers
    else
        __fish_complete_path (commandline -ct)
    end
end

complete --command kpiprep --no-files --keep-order --arguments '(__kpiprep_complete)'
"""

SHELLS = ("bash", "zsh", "fish")


def script(shell: str) -> str:
    """The completion script for `shell` (bash, zsh or fish; PowerShell gets Typer's)."""
    scripts = {"bash": BASH, "zsh": ZSH, "fish": FISH}
    if shell in scripts:
        return scripts[shell].strip() + "\n"
    if shell in ("powershell", "pwsh"):
        from typer._completion_shared import get_completion_script

        return get_completion_script(prog_name=PROG, complete_var="_KPIPREP_COMPLETE", shell=shell)
    raise _unknown(shell)


def _names() -> str:
    return "bash, zsh and fish"


def _unknown(shell: str) -> KpiprepError:
    if not shell:
        return KpiprepError(
            "cannot tell which shell this is; kpiprep has completion for " + _names()
        )
    return KpiprepError(f"no completion for the shell {shell!r}; kpiprep has it for " + _names())


class Setup(NamedTuple):
    """Where a shell's completion goes: the script, and the start-up file line that loads
    it (None where the shell finds the script by itself)."""

    script: Path
    rc: Path | None
    line: str | None
    also_accepted: tuple[str, ...]  # a line an older kpiprep wrote that does the same


def setup(shell: str, home: Path, environ: Mapping[str, str]) -> Setup:
    if shell == "bash":
        path = home / ".bash_completions" / f"{PROG}.sh"
        line = f"[ -f ~/.bash_completions/{PROG}.sh ] && . ~/.bash_completions/{PROG}.sh"
        return Setup(path, home / ".bashrc", line, (f"source '{path}'",))
    if shell == "zsh":
        # The line Typer's installer wrote, without the global zstyle it added too.
        line = "fpath+=~/.zfunc; autoload -Uz compinit; compinit"
        rc = Path(environ.get("ZDOTDIR") or home) / ".zshrc"
        return Setup(home / ".zfunc" / f"_{PROG}", rc, line, ())
    if shell == "fish":
        config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
        return Setup(config / "fish" / "completions" / f"{PROG}.fish", None, None, ())
    if shell in ("powershell", "pwsh"):
        raise KpiprepError(
            "kpiprep does not edit the PowerShell profile; add this line to it ($PROFILE): "
            "kpiprep --show-completion | Out-String | Invoke-Expression"
        )
    raise _unknown(shell)


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "it is not UTF-8 text"
        raise KpiprepError(f"cannot read {path}: {reason}") from None


def install(shell: str, home: Path, environ: Mapping[str, str]) -> tuple[Setup, list[Path]]:
    """Install completion for `shell` under `home`; the setup and the files changed (none
    when it was installed already)."""
    from kpiprep.files import write_text

    where = setup(shell, home, environ)
    changed: list[Path] = []
    text = script(shell)
    if _read(where.script) != text:
        try:
            where.script.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KpiprepError(f"cannot make {where.script.parent}: {exc.strerror}") from None
        write_text(where.script, text, force=True, action="install completion in")
        changed.append(where.script)
    if where.rc is None or where.line is None:
        return where, changed
    current = _read(where.rc)
    lines = (current or "").splitlines()
    if any(line.strip() in (where.line, *where.also_accepted) for line in lines):
        return where, changed
    added = ("" if not current or current.endswith("\n") else "\n") + f"{MARK}\n{where.line}\n"
    try:
        write_text(where.rc, (current or "") + added, force=current is not None,
                   action="add completion to")  # fmt: skip
    except ExportError as exc:
        raise KpiprepError(f"{exc}; add this line to it yourself: {where.line}") from None
    changed.append(where.rc)
    return where, changed


def detect_shell(environ: Mapping[str, str] | None = None) -> str:
    """The shell kpiprep runs in (the nearest one among its parent processes), or the
    user's login shell ($SHELL) when that cannot be told."""
    environ = os.environ if environ is None else environ
    name = ""
    try:
        import shellingham  # type: ignore[import-untyped]

        name = shellingham.detect_shell()[0]
    except (ImportError, OSError):  # shellingham missing, or no shell among the parents
        name = Path(environ.get("SHELL", "")).name
    return name.lower()
