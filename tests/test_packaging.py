"""The wheel carries the content: install it in a fresh venv and run kpiprep from elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIRST_RUN = (
    "import sys\nfrom kpiprep.cli import main\nsys.argv = ['kpiprep', 'explain', 'kpi']\n"
    "try:\n    main()\nexcept SystemExit:\n    pass\n"
    "heavy = sorted(m for m in ('yaml', 'kpiprep.schema') if m in sys.modules)\n"
    "print('heavy:', heavy, file=sys.stderr)\n"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)]
    built = subprocess.run([*command, str(ROOT)], capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stdout + built.stderr
    (found,) = out.glob("kpiprep-*.whl")
    return found


def test_wheel_prebuilt_data_is_the_content_validated(wheel: Path, tmp_path: Path) -> None:
    from kpiprep.prebuilt import build

    count = build(ROOT / "content", tmp_path)
    archive = zipfile.ZipFile(wheel)
    inside = {n.removeprefix("kpiprep/prebuilt/") for n in archive.namelist() if
              n.startswith("kpiprep/prebuilt/")}  # fmt: skip
    built = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert inside == built and count == len(list((ROOT / "content").glob("*/*.yaml")))
    for name in built:
        assert archive.read(f"kpiprep/prebuilt/{name}") == (tmp_path / name).read_bytes(), name


def test_wheel_contains_the_content(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "kpiprep/content/kpi/human-resources.yaml" in names
    shipped = {
        p.relative_to(ROOT / "content").as_posix() for p in (ROOT / "content").rglob("*.yaml")
    }
    # The editor schema travels with the content its files point at.
    shipped.add("kpiprep.schema.json")
    assert {
        n.removeprefix("kpiprep/content/") for n in names if n.startswith("kpiprep/content/")
    } == shipped


@pytest.mark.slow
def test_installed_wheel_works_from_any_folder(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    installed = subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KPIPREP_", "PYTHON"))}
    kpiprep = str(bindir / "kpiprep")

    def run(
        *args: str, env_extra: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [kpiprep, *args], cwd=elsewhere, env={**env, **(env_extra or {})},
            capture_output=True, text=True, check=False,
        )  # fmt: skip

    # A first run on an empty cache reads the prebuilt data: no YAML, no schema, no cache.
    cache = tmp_path / "empty-cache"
    first = subprocess.run(
        [str(bindir / "python"), "-c", FIRST_RUN],
        cwd=elsewhere, env={**env, "KPIPREP_CACHE_DIR": str(cache)},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert "Performance Management Specialist" in first.stdout
    assert first.stderr.strip().endswith("heavy: []") and not cache.exists()
    listed = run("list").stdout.split()
    assert listed == sorted({p.parent.name for p in (ROOT / "content").glob("*/*.yaml")})
    searched = run("search", "attrition", "--format", "json")
    assert searched.returncode == 0 and '"employee-turnover-rate"' in searched.stdout

    explain = run("explain", "kpi")
    assert explain.returncode == 0, explain.stderr
    assert "Performance Management Specialist" in explain.stdout
    senior = run("questions", "--level", "senior")
    assert senior.returncode == 0 and "Senior (5+ years)" in senior.stdout
    exported = run("guide", "--export", "guide.md")
    assert exported.returncode == 0, exported.stderr
    assert (elsewhere / "guide.md").read_text(encoding="utf-8").startswith("# Interview guide: KPI")
    # The installed copy reads its own content, not this checkout's.
    script = "import kpiprep.locate as lib; print(lib.shipped_content_dir())"
    location = subprocess.run(
        [str(bindir / "python"), "-c", script],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert Path(location).is_relative_to(env_dir)
    # ...and `kpiprep paths` names its own copy of the authoring guide, which is there.
    listed = run("paths", env_extra={"COLUMNS": "400"}).stdout.splitlines()
    guide = Path(next(line.strip() for line in listed if line.strip().endswith("content.md")))
    assert guide.is_relative_to(env_dir) and guide.read_text(encoding="utf-8").startswith(
        "# Writing kpiprep content"
    )


def test_wheel_carries_the_authoring_guides(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    for name in ("content.md", "scorecards.md"):
        assert archive.read(f"kpiprep/docs/{name}") == (ROOT / "docs" / name).read_bytes()


def test_installed_schema_sits_where_the_content_files_point(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "kpiprep/content/kpiprep.schema.json" in names
    first = archive.read("kpiprep/content/kpi/human-resources.yaml").decode().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../kpiprep.schema.json"
