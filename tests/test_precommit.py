"""The README's pre-commit config, run by the real pre-commit tool on the first commit of a
fresh content repository made with `kpiprep new`.

The config is read from the README (tests/test_docs.py checks the guide shows the same one),
so the documentation cannot drift from what passes here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # where pip put the `kpiprep` script of this environment

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def readme_config() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    writing = text.split("\n## Writing content\n", 1)[1].split("\n## ", 1)[0]
    (config,) = re.findall(r"```yaml\n(.*?)```", writing, re.S)
    return str(config)


@pytest.fixture
def content_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A new git repository holding what `kpiprep new` writes and the README's config, with
    the hook installed; and the environment to commit in (kpiprep on PATH, as the guide
    asks, and pre-commit's own folder inside the test's)."""
    repo = tmp_path / "team-content"
    repo.mkdir()
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.name", "Content Writer")
    git("config", "user.email", "writer@example.org")
    git("config", "commit.gpgsign", "false")
    made = subprocess.run(
        [str(BIN / "kpiprep"), "new", "okr-cycle", "--dir", "my-terms"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert (repo / "my-terms" / "kpiprep.schema.json").is_file()  # new wrote it
    (repo / "my-terms" / "README.md").write_text("Our team's terms.\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(readme_config(), encoding="utf-8")
    installed = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo, env


def commit(repo: Path, env: dict[str, str], message: str) -> subprocess.CompletedProcess[str]:
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True)
    return subprocess.run(
        ["git", "commit", "-m", message],
        cwd=repo, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_first_commit_of_a_new_content_repository_passes(
    content_repo: tuple[Path, dict[str, str]],
) -> None:
    repo, env = content_repo
    first = commit(repo, env, "First terms")
    output = first.stdout + first.stderr
    assert first.returncode == 0, output
    assert re.search(r"^kpiprep validate\.+Passed$", output, re.M), output
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=repo, env=env, capture_output=True, text=True
    )
    assert log.stdout == "First terms\n"


def test_the_hook_stops_a_commit_with_an_error(
    content_repo: tuple[Path, dict[str, str]],
) -> None:
    repo, env = content_repo
    assert commit(repo, env, "First terms").returncode == 0
    term = repo / "my-terms" / "okr-cycle" / "human-resources.yaml"
    term.write_text(
        term.read_text(encoding="utf-8") + "analogie: a misspelt field\n", encoding="utf-8"
    )
    second = commit(repo, env, "Broken")
    output = second.stdout + second.stderr
    assert second.returncode != 0
    assert "my-terms/okr-cycle/human-resources.yaml" in output
    assert "KP002 analogie: unknown field" in output
