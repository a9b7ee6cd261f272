"""The named tuples the renderers use stay in step with the schema; the cache is honest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from conftest import KPI_FILE
from kpiprep import schema as model
from kpiprep import term
from kpiprep.cache import TermCache
from kpiprep.loader import load_file, read_bytes


def tuple_shape(cls: type) -> dict[str, object]:
    hints = typing.get_type_hints(cls)
    shape: dict[str, object] = {}
    for name in cls._fields:  # type: ignore[attr-defined]
        hint = hints[name]
        if isinstance(hint, types.UnionType):  # `Anchors | None`: schema 1 files have none
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        inner = typing.get_args(hint)[0] if typing.get_origin(hint) is tuple else hint
        shape[name] = tuple_shape(inner) if hasattr(inner, "_fields") else "leaf"
    return shape


def model_shape(cls: type[BaseModel]) -> dict[str, object]:
    shape: dict[str, object] = {}
    for name, info in cls.model_fields.items():
        hint = info.annotation
        inner = typing.get_args(hint)[0] if typing.get_origin(hint) is list else hint
        is_model = isinstance(inner, type) and issubclass(inner, BaseModel)
        shape[name] = model_shape(inner) if is_model else "leaf"
    return shape


def test_named_tuples_mirror_the_schema_field_by_field() -> None:
    shape = tuple_shape(term.Term)
    assert shape == model_shape(model.TermSchema)
    assert isinstance(shape["questions"], dict) and "listen_for" in str(shape["questions"])


def test_round_trip_through_data() -> None:
    loaded = load_file(KPI_FILE)
    again = term.from_data(json.loads(json.dumps(term.to_data(loaded))))
    assert again == loaded


def test_cache_hit_skips_yaml_and_the_schema(tmp_path: Path) -> None:
    # (pydantic itself is not checked: recent typer imports it to convert parameters.)
    env = {**os.environ, "KPIPREP_CACHE_DIR": str(tmp_path)}
    script = (
        "import sys\nfrom kpiprep.cli import main\n"
        "sys.argv = ['kpiprep', 'explain', 'kpi']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('yaml', 'kpiprep.schema') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
        for _ in range(2)
    ]
    assert "HEAVY ['kpiprep.schema', 'yaml']" in runs[0].stderr  # cold: validates
    assert "HEAVY []" in runs[1].stderr  # warm: from the cache
    assert runs[0].stdout == runs[1].stdout != ""


def copy_kpi(tmp_path: Path) -> Path:
    path = tmp_path / "kpi.yaml"
    path.write_bytes(KPI_FILE.read_bytes())
    return path


def test_changed_file_is_validated_again(tmp_path: Path) -> None:
    cache = TermCache(tmp_path / "cache")
    path = copy_kpi(tmp_path)
    assert load_file(path, cache).name == "KPI"
    path.write_text(path.read_text().replace("name: KPI", "name: KPX"))
    assert load_file(path, cache).name == "KPX"
    path.write_text(path.read_text().replace("name: KPX", "name: [broken]"))
    with pytest.raises(Exception, match="name: should be text"):
        load_file(path, cache)


@pytest.mark.parametrize("damage", ["", "{not json", "[]", '{"key": null}', "garbage\x00"])
def test_corrupt_cache_is_rebuilt_silently(tmp_path: Path, damage: str) -> None:
    cache = TermCache(tmp_path / "cache")
    path = copy_kpi(tmp_path)
    load_file(path, cache)
    (entry,) = (tmp_path / "cache" / "terms").iterdir()
    entry.write_text(damage)
    assert load_file(path, cache).name == "KPI"
    assert json.loads(entry.read_text())["term"]["name"] == "KPI"


def test_entry_with_right_key_but_wrong_shape_is_a_miss(tmp_path: Path) -> None:
    cache = TermCache(tmp_path / "cache")
    path = copy_kpi(tmp_path)
    load_file(path, cache)
    (entry,) = (tmp_path / "cache" / "terms").iterdir()
    data = json.loads(entry.read_text())
    del data["term"]["questions"]
    entry.write_text(json.dumps(data))
    assert load_file(path, cache).questions.senior


def test_unwritable_cache_costs_nothing_but_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    path = copy_kpi(tmp_path)
    assert load_file(path, TermCache(blocker)).name == "KPI"


def test_cache_keys_on_size_and_mtime(tmp_path: Path) -> None:
    cache = TermCache(tmp_path / "cache")
    path = copy_kpi(tmp_path)
    _, status = read_bytes(path)
    cache.put(path, status, {"name": "planted"})
    assert cache.get(path, status) == {"name": "planted"}
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1))
    assert cache.get(path, os.stat(path)) is None


def test_cache_fingerprint_follows_the_schema() -> None:
    # When this fails, the schema changed: set term.SCHEMA_FINGERPRINT to the value shown, so
    # that every cached term validated under the old schema becomes a miss.
    assert term.SCHEMA_FINGERPRINT == model.fingerprint()


def test_a_schema_1_file_still_loads_without_the_new_parts() -> None:
    from conftest import V1_KPI_FILE

    old = load_file(V1_KPI_FILE)
    assert old.schema_version == 1
    first = old.questions.junior[0]
    assert (first.kind, first.tests, first.probes, first.anchors) == (None, None, (), None)
    assert all(phrase.probe is None for phrase in old.resume_phrases)
    assert old.related == ()
