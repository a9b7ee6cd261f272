"""Completion as bash, zsh and fish use it: each value reaches kpiprep as one argument, each
term is offered once, and installing touches only kpiprep's own lines."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kpiprep.cli import app
from kpiprep.cli.completion import split_line
from kpiprep.cli.shellsetup import MARK, install, script
from shells import (
    SHELLS,
    Tmux,
    logged,
    needs,
    run_lines,
    shell_env,
    stand_in,
    term_file,
    wait,
)  # fmt: skip

BASH_BREAKS = " \t\n\"'@><=;|&(:"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """Terms whose names show each case: a multi-word alias with a unique start, the same
    alias again in other case and spacing, a colon, and another term's aliases."""
    folder = tmp_path / "content"
    term_file(folder, "zulu-rate", "Zulu rate",
              ["zebra crossing rate", "zebra  crossing  rate", "Zebra Crossing Rate",
               "ZR:index"])  # fmt: skip
    term_file(folder, "quagga-index", "Quagga index", ["zebra-like index", "zebra crossing"])
    return folder


def complete(shell: str, line: str, folder: Path) -> list[str]:
    """What kpiprep sends `shell` for `line` (the command line up to the cursor)."""
    env = {
        "KPIPREP_CONTENT_PATH": str(folder),
        "_KPIPREP_COMPLETE": f"complete_{shell}",
        "_KPIPREP_COMPLETE_LINE": line,
        "_KPIPREP_COMPLETE_BREAKS": BASH_BREAKS,
    }
    result = CliRunner().invoke(app, [], prog_name="kpiprep", env=env)
    return [out for out in result.stdout.split("\n") if out]


def test_the_line_is_split_as_bash_splits_it() -> None:
    assert split_line("kpiprep explain ") == (["kpiprep", "explain"], "", None, 0)
    assert split_line("kpiprep explain zebra\\ c") == (["kpiprep", "explain"], "zebra c", None, 0)
    assert split_line("kpiprep explain 'a b' \"c") == (["kpiprep", "explain", "a b"], "c", '"', 0)
    assert split_line("kpiprep explain ab'c d", BASH_BREAKS) == (["kpiprep", "explain"],
                                                                 "abc d", "'", 2)  # fmt: skip
    assert split_line("x LTV:C", BASH_BREAKS).replaced_from == 4
    assert split_line("x 'LTV:C", BASH_BREAKS).replaced_from == 0  # quoted: no break
    assert split_line("x --industry=s", BASH_BREAKS).replaced_from == len("--industry=")


def test_an_empty_tab_offers_each_term_once_by_its_slug(content: Path) -> None:
    from kpiprep.library import Library
    from kpiprep.locate import search_path

    offered = complete("bash", "kpiprep explain ", content)
    slugs = {r.slug for r in Library(search_path()).records()} | {"zulu-rate", "quagga-index"}
    assert sorted(offered) == sorted(slugs)  # the shipped library's and the folder's
    assert offered == sorted(offered)
    assert "360-degree-feedback" in offered and "360-Degree Feedback" not in offered


def test_a_term_is_offered_by_its_slug_first_then_its_other_names_once(content: Path) -> None:
    # zulu-rate matches by its slug, so none of its aliases is offered; quagga-index matches
    # only by aliases, each once (the two spellings of "zebra crossing rate" are one name).
    values = [line.split("\t")[0] for line in complete("fish", "kpiprep explain z", content)]
    assert "zulu-rate" in values and "zebra crossing rate" not in values
    assert values.index("zulu-rate") < values.index("zebra crossing")
    assert complete("bash", "kpiprep explain zeb", content) == [
        "zebra\\ crossing", "zebra\\ crossing\\ rate", "zebra-like\\ index"
    ]  # fmt: skip


def test_case_and_spacing_duplicates_are_offered_once(content: Path) -> None:
    offered = complete("bash", "kpiprep explain zebra\\ cr", content)
    assert offered == ["zebra\\ crossing", "zebra\\ crossing\\ rate"]
    assert complete("bash", "kpiprep explain Zeb", content) == ["Zebra\\ Crossing\\ Rate"]


@pytest.mark.parametrize(
    ("line", "bash", "zsh_fish"),
    [
        ("kpiprep explain zebra\\ crossing\\ r", "zebra\\ crossing\\ rate", "zebra crossing rate"),
        ('kpiprep explain "zebra crossing r', "zebra crossing rate", "zebra crossing rate"),
        ("kpiprep explain 'zebra crossing r", "zebra crossing rate", "zebra crossing rate"),
        ("kpiprep explain ZR:i", "index", "ZR:index"),  # bash replaces what follows the colon
        ("kpiprep explain kpi --industry=sa", "sales", "--industry=sales"),
    ],
)
def test_each_shell_gets_values_it_takes_as_one_word(
    content: Path, line: str, bash: str, zsh_fish: str
) -> None:
    assert complete("bash", line, content) == [bash]
    zsh = complete("zsh", line, content)
    assert zsh[0] == zsh_fish and len(zsh) == 2  # a value, then its help line
    assert complete("fish", line, content)[0].split("\t")[0] == zsh_fish


def test_the_scripts_never_eval_what_kpiprep_sends() -> None:
    for shell in SHELLS:
        assert not re.search(r"\beval\b", script(shell))
        # Click's way of asking for the script gives the same one.
        env = {"_KPIPREP_COMPLETE": f"source_{shell}"}
        assert (
            CliRunner().invoke(app, [], prog_name="kpiprep", env=env).stdout == script(shell) + "\n"
        )


def bash_completes(
    line: str, kept: str, path: str, folder: Path
) -> subprocess.CompletedProcess[str]:
    """Call kpiprep's bash completion function as bash does at TAB, then run the line as
    readline makes it: `kept` (the line up to the text it replaces), the reply, and the
    closing quote of a quote the user opened (tests below check readline really does so)."""
    code = (
        'source "$SCRIPT"\n'
        "COMP_LINE=$LINE; COMP_POINT=${#LINE}; COMP_WORDS=(kpiprep); COMP_CWORD=1\n"
        "_kpiprep_completion kpiprep '' ''\n"
        'printf "reply:%s\\n" "${COMPREPLY[@]}"\n'
        "(( ${#COMPREPLY[@]} == 1 )) || exit 0\n"
        "quote=${KEPT: -1}; case $quote in [\\\"\\']) ;; *) quote= ;; esac\n"
        'eval "$KEPT${COMPREPLY[0]}$quote"\n'
    )
    env = {
        "PATH": path, "HOME": str(folder), "LANG": "C.UTF-8", "SCRIPT": str(folder / "k.bash"),
        "LINE": line, "KEPT": kept, "KPIPREP_CONTENT_PATH": str(folder / "content"),
        "KPIPREP_CACHE_DIR": os.environ["KPIPREP_CACHE_DIR"],
    }  # fmt: skip
    (folder / "k.bash").write_text(script("bash"), encoding="utf-8")
    return subprocess.run(["bash", "--norc", "--noprofile", "-c", code], env=env, text=True,
                          capture_output=True, timeout=60, check=True)  # fmt: skip


@needs("bash")
@pytest.mark.parametrize(
    ("line", "kept", "argument"),
    [
        ("kpiprep explain zebra\\ crossing\\ r", "kpiprep explain ", "zebra crossing rate"),
        ('kpiprep explain "zebra crossing r', 'kpiprep explain "', "zebra crossing rate"),
        ("kpiprep explain 'zebra crossing r", "kpiprep explain '", "zebra crossing rate"),
        ("kpiprep explain ZR:i", "kpiprep explain ZR:", "ZR:index"),
    ],
)
def test_bash_passes_a_completed_alias_as_one_argument(
    tmp_path: Path, content: Path, line: str, kept: str, argument: str
) -> None:
    log = tmp_path / "args.log"
    bin_dir = stand_in(tmp_path / "bin", log)
    done = bash_completes(line, kept, f"{bin_dir}:/usr/bin:/bin", tmp_path)
    assert done.stdout.count("reply:") == 1, done.stdout
    assert logged(log) == [["explain", argument]]


@needs("bash")
def test_bash_completion_without_kpiprep_on_path_is_silent(tmp_path: Path, content: Path) -> None:
    done = bash_completes("kpiprep explain k", "kpiprep explain ", "/usr/bin:/bin", tmp_path)
    assert done.stdout == "reply:\n" and done.stderr == ""  # nothing offered, nothing said


@needs("fish")
def test_fish_offers_a_multi_word_alias_as_one_completion(tmp_path: Path, content: Path) -> None:
    log = tmp_path / "args.log"
    bin_dir = stand_in(tmp_path / "bin", log)
    (tmp_path / "k.fish").write_text(script("fish"), encoding="utf-8")
    code = (
        f"source {tmp_path / 'k.fish'}\n"
        "set -l offers (complete -C 'kpiprep explain zebra\\ crossing\\ r')\n"
        "printf 'offer:%s\\n' $offers\n"
        "set -l value (string split -f1 \\t -- $offers[1])\n"
        "eval kpiprep explain (string escape -- $value)\n"
    )
    env = shell_env(tmp_path, bin_dir, KPIPREP_CONTENT_PATH=str(content),
                    KPIPREP_CACHE_DIR=os.environ["KPIPREP_CACHE_DIR"])  # fmt: skip
    done = subprocess.run(["fish", "--no-config", "-c", code], env=env, text=True,
                          capture_output=True, timeout=60, check=True)  # fmt: skip
    assert done.stdout.splitlines() == ["offer:zebra crossing rate\tZulu rate (Human Resources)"]
    assert logged(log) == [["explain", "zebra crossing rate"]]


# Installing, in a home folder of the test's own.


def test_bash_install_adds_one_marked_line_once(tmp_path: Path) -> None:
    rc = tmp_path / ".bashrc"
    rc.write_text("alias ll='ls -l'", encoding="utf-8")  # no newline at the end
    where, changed = install("bash", tmp_path, {})
    assert changed == [tmp_path / ".bash_completions" / "kpiprep.sh", rc]
    assert rc.read_text(encoding="utf-8") == (
        "alias ll='ls -l'\n" + MARK + "\n"
        "[ -f ~/.bash_completions/kpiprep.sh ] && . ~/.bash_completions/kpiprep.sh\n"
    )
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (rc, where.script)}
    assert install("bash", tmp_path, {})[1] == []  # again: nothing changes
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before} == before


def test_zsh_install_sets_no_global_style_and_honours_zdotdir(tmp_path: Path) -> None:
    zdot = tmp_path / "zdot"
    zdot.mkdir()
    (zdot / ".zshrc").write_text("setopt autocd\n", encoding="utf-8")
    where, _ = install("zsh", tmp_path, {"ZDOTDIR": str(zdot)})
    text = (zdot / ".zshrc").read_text(encoding="utf-8")
    assert text == f"setopt autocd\n{MARK}\nfpath+=~/.zfunc; autoload -Uz compinit; compinit\n"
    assert "zstyle" not in text and where.script == tmp_path / ".zfunc" / "_kpiprep"
    assert not (tmp_path / ".zshrc").exists()
    assert install("zsh", tmp_path, {"ZDOTDIR": str(zdot)})[1] == []


def test_an_install_by_an_older_kpiprep_is_updated_without_a_second_line(tmp_path: Path) -> None:
    old = f"source '{tmp_path}/.bash_completions/kpiprep.sh'\n"
    (tmp_path / ".bashrc").write_text(old, encoding="utf-8")
    zshrc = "fpath+=~/.zfunc; autoload -Uz compinit; compinit\nzstyle ':completion:*' menu select\n"
    (tmp_path / ".zshrc").write_text(zshrc, encoding="utf-8")
    assert install("bash", tmp_path, {})[1] == [tmp_path / ".bash_completions" / "kpiprep.sh"]
    assert install("zsh", tmp_path, {})[1] == [tmp_path / ".zfunc" / "_kpiprep"]
    assert (tmp_path / ".bashrc").read_text(encoding="utf-8") == old
    assert (tmp_path / ".zshrc").read_text(encoding="utf-8") == zshrc


def test_fish_install_writes_only_its_completion_file(tmp_path: Path) -> None:
    where, changed = install("fish", tmp_path, {"XDG_CONFIG_HOME": str(tmp_path / "cfg")})
    assert changed == [tmp_path / "cfg" / "fish" / "completions" / "kpiprep.fish"]
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == changed


def test_a_linked_start_up_file_is_left_alone_and_the_line_shown(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles-bashrc"
    real.write_text("# mine\n", encoding="utf-8")
    (tmp_path / ".bashrc").symlink_to(real)
    from kpiprep.errors import KpiprepError

    with pytest.raises(KpiprepError, match=r"symbolic link.*add this line to it yourself: \[ -f"):
        install("bash", tmp_path, {})
    assert real.read_text(encoding="utf-8") == "# mine\n"


def from_shell(shell: str, home: Path, option: str = "--install-completion"):  # type: ignore[no-untyped-def]
    """`kpiprep OPTION`, run from `shell` as a user would (kpiprep finds the shell among its
    parent processes)."""
    status = "$status" if shell == "fish" else "$?"  # and no exec in place of the shell
    command = f"{sys.executable} -m kpiprep {option}; exit {status}"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
           "XDG_CONFIG_HOME": str(home / ".config")}  # fmt: skip
    argv = [shell, "--no-config", "-c", command] if shell == "fish" else [shell, "-c", command]
    return subprocess.run(argv, env=env, text=True, capture_output=True, timeout=60)


def install_from(shell: str, home: Path) -> subprocess.CompletedProcess[str]:
    return from_shell(shell, home)  # type: ignore[no-any-return]


@pytest.mark.parametrize("shell", SHELLS)
def test_show_completion_prints_the_script_for_the_shell_it_is_run_from(
    shell: str, tmp_path: Path
) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"needs {shell}")
    done = from_shell(shell, tmp_path, "--show-completion")
    assert (done.returncode, done.stdout, done.stderr) == (0, script(shell), "")
    written = [p.name for p in tmp_path.rglob("*") if p.is_file()]  # fish makes its folders
    assert not [name for name in written if "kpiprep" in name or name.endswith("rc")]


@needs("dash")
def test_installing_from_another_shell_is_one_clear_line(tmp_path: Path) -> None:
    done = from_shell("dash", tmp_path)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == (
        "error: no completion for the shell 'dash'; kpiprep has it for bash, zsh and fish\n"
    )
    assert not list(tmp_path.iterdir())


def test_powershell_gets_a_value_with_a_space_in_single_quotes(content: Path) -> None:
    env = {
        "KPIPREP_CONTENT_PATH": str(content),
        "_KPIPREP_COMPLETE": "complete_powershell",
        "_TYPER_COMPLETE_ARGS": "kpiprep explain zebra-",
        "_TYPER_COMPLETE_WORD_TO_COMPLETE": "zebra-",
    }
    result = CliRunner().invoke(app, [], prog_name="kpiprep", env=env)
    assert result.stdout == "'zebra-like index':::Quagga index (Human Resources)\n"


@pytest.mark.parametrize("shell", SHELLS)
def test_tab_after_install_completes_an_alias_to_one_argument(
    shell: str, tmp_path: Path, content: Path
) -> None:
    if shutil.which(shell) is None or shutil.which("tmux") is None:
        pytest.skip(f"needs {shell} and tmux")
    home = tmp_path / "home"
    home.mkdir()
    first = install_from(shell, home)
    assert first.returncode == 0 and "wrote " in first.stdout, first
    files = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    again = install_from(shell, home)
    assert again.returncode == 0 and "installed already" in again.stdout, again
    assert {p: p.read_bytes() for p in home.rglob("*") if p.is_file()} == files
    assert not [text for text in files.values() if b"zstyle" in text]

    log = tmp_path / "args.log"
    env = shell_env(home, stand_in(tmp_path / "bin", log), KPIPREP_CONTENT_PATH=str(content),
                    KPIPREP_CACHE_DIR=os.environ["KPIPREP_CACHE_DIR"])  # fmt: skip
    tmux = Tmux([shell, "-i"], env, tmp_path)
    try:
        runs = run_lines(tmux, log, [
            "kpiprep explain zebra\\ crossing\\ r",
            'kpiprep explain "zebra crossing r',
            "kpiprep explain 'zebra crossing r",
            "kpiprep explain ZR:i",
            "kpiprep explain kpi --industry=sa",
        ])  # fmt: skip
        screen = tmux.screen()
        # Without kpiprep on PATH, TAB says nothing at the prompt.
        tmux.type("set PATH /usr/bin /bin" if shell == "fish" else "PATH=/usr/bin:/bin")
        tmux.press("Enter")
        tmux.type("kpiprep explain k")
        tmux.press("Tab")
        wait(lambda: False, 1.5)
        after = tmux.screen()
    finally:
        tmux.close()
    assert runs == [
        ["explain", "zebra crossing rate"],
        ["explain", "zebra crossing rate"],
        ["explain", "zebra crossing rate"],
        ["explain", "ZR:index"],
        ["explain", "kpi", "--industry=sales"],
    ], screen
    assert "not found" not in after and "Unknown command" not in after, after


ROOT = Path(__file__).resolve().parents[2]


def readme_completion_blocks() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("**Shell completion**", 1)[1].split("\n### ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


@needs("bash")
def test_the_readmes_venv_recipe_keeps_kpiprep_on_path_in_a_new_shell(tmp_path: Path) -> None:
    # The README's set-up activates the virtual environment in one shell only; its completion
    # recipe must leave kpiprep on PATH, with completion, in the next one.
    if not (ROOT / ".venv" / "bin" / "kpiprep").exists():
        pytest.skip("needs the set-up's .venv in the repository")
    pipx, venv, completion = readme_completion_blocks()
    assert pipx == "pipx install . && pipx ensurepath"
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}

    def new_shell(command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["bash", "-i", "-c", f"{command}; exit $?"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    subprocess.run(["bash", "-c", venv], cwd=ROOT, env=env, check=True, timeout=60)
    assert new_shell(completion).returncode == 0
    found, loaded = new_shell("command -v kpiprep; complete -p kpiprep").stdout.splitlines()
    assert found == str(ROOT / ".venv" / "bin" / "kpiprep")
    assert loaded.endswith("-F _kpiprep_completion kpiprep")
