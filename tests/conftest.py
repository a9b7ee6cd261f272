"""Shared fixtures: a clean environment, a CLI runner, and content files to play with."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpers import Run
from kpiprep.library import Library
from kpiprep.locate import Folder, shipped_content_dir

DATA = Path(__file__).parent / "data"
# A schema 2 file frozen for tests that edit it line by line (the shipped one keeps
# changing as content is reviewed); the shipped file, and a schema 1 file that must load.
KPI_FILE = DATA / "v2" / "kpi" / "human-resources.yaml"
SHIPPED_KPI = shipped_content_dir() / "kpi" / "human-resources.yaml"
V1_KPI_FILE = DATA / "v1" / "kpi" / "human-resources.yaml"
# The shipped library as it was when the drill, sourcing and guide-kit tests were written
# (schema 1, two or three questions a level): those tests check mechanics against it, so
# that reviewing the shipped content never changes what they assert.
FROZEN = DATA / "frozen"


def frozen_library() -> Library:
    return Library([Folder(FROZEN, "frozen")])


@pytest.fixture
def frozen_content(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads the frozen library first (KPIPREP_CONTENT_PATH)."""
    monkeypatch.setenv("KPIPREP_CONTENT_PATH", str(FROZEN))


GOLDEN = Path(__file__).parent / "golden"
KPI_ALIASES = (
    "Key Performance Indicator",
    "performance metrics",
    "success indicators",
    "business metrics",
)


def renamed_kpi(kpi_text: str, slug: str, name: str, alias_prefix: str) -> str:
    """Another term made from the KPI file: a slug, a name and aliases of its own."""
    text = kpi_text.replace("slug: kpi", f"slug: {slug}").replace("name: KPI", f"name: {name}")
    for alias in KPI_ALIASES:
        text = text.replace(f"  - {alias}\n", f"  - {alias_prefix} {alias}\n")
    return text


def as_json(data: Any) -> Any:
    """YAML data as an editor's YAML support sees it: a date is a string."""
    if isinstance(data, dict):
        return {key: as_json(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_json(item) for item in data]
    return data.isoformat() if isinstance(data, dt.date) else data


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests see no user configuration, a cache of their own, and plain 80-column output."""
    for name in ("KPIPREP_CONTENT_PATH", "KPIPREP_INDUSTRY", "NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("KPIPREP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def run() -> Run:
    """Invoke the CLI in-process: run("explain", "kpi", env=..., input=...)."""
    return Run()


@pytest.fixture
def kpi_text() -> str:
    return KPI_FILE.read_text(encoding="utf-8")


@pytest.fixture
def frozen_kpi_text() -> str:
    return (FROZEN / "kpi" / "human-resources.yaml").read_text(encoding="utf-8")


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "user-content"
    folder.mkdir()
    return folder


@pytest.fixture
def write_term(user_dir: Path) -> Callable[..., Path]:
    """Write a content file into the user folder, by default a copy of the shipped KPI file."""

    def write(
        text: str | bytes | None = None, slug: str = "kpi", industry: str = "human-resources"
    ) -> Path:
        path = user_dir / slug / f"{industry}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            shutil.copyfile(KPI_FILE, path)
        elif isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return write
