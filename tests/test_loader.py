"""The loader: YAML text -> validated Term, every problem with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kpiprep.errors import ContentError
from kpiprep.loader import MAX_FILE_BYTES, inspect_file, inspect_text, load_file, load_text, parse


def problems(text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_text(text, "t.yaml")
    return str(caught.value).splitlines()


def test_shipped_kpi_loads(kpi_text: str) -> None:
    term = load_text(kpi_text, "kpi.yaml")
    assert term.slug == "kpi"
    assert term.levels.senior.years == "5+"


def test_lines_are_tracked_for_keys_and_items() -> None:
    data, lines = parse("a: 1\nb:\n  - x\n  - y\nc:\n  d: 2\n")
    assert data == {"a": 1, "b": ["x", "y"], "c": {"d": 2}}
    assert lines[("a",)] == 1
    assert lines[("b", 1)] == 4
    assert lines[("c", "d")] == 6


def test_columns_are_tracked_when_asked() -> None:
    columns: dict[tuple[object, ...], int] = {}
    parse("a: 1\nb:\n  - x\n  - y\nc:\n  d: 2\ne: [p, q]\n", columns)
    assert columns[("a",)] == 1
    assert columns[("b", 1)] == 5
    assert columns[("c", "d")] == 3
    assert columns[("e", 1)] == 8


def test_inspect_reports_every_problem_instead_of_raising(kpi_text: str) -> None:
    text = kpi_text.replace("analogy:", "analogie:").replace("name: KPI\n", "name: 12\n")
    found = inspect_text(text)
    assert found.data["slug"] == "kpi"
    issues = {(i.kind, i.loc): (i.line, i.column, i.message) for i in found.issues}
    line = text.splitlines().index
    assert issues[("unknown", ("analogie",))] == (line("analogie: >-") + 1, 1, "unknown field")
    # A missing field points at the mapping that lacks it: here the file's first key.
    assert issues[("missing", ("analogy",))] == (line("schema_version: 2") + 1, 1, "field required")
    assert issues[("value", ("name",))] == (
        line("name: 12") + 1,
        1,
        "should be text",
    )


@pytest.mark.parametrize(
    ("text", "kind", "line", "column"),
    [
        ("a: [1\n", "syntax", 2, 1),
        ("a: 1\nb: 2\na: 3\n", "yaml", 3, 1),
        ("a:\n  - &x 1\n", "yaml", 2, 5),
        ("a: 2026-02-31\n", "value", 1, 4),
    ],
)
def test_inspect_locates_yaml_problems(text: str, kind: str, line: int, column: int) -> None:
    (issue,) = inspect_text(text).issues
    assert (issue.kind, issue.line, issue.column) == (kind, line, column)


def test_inspect_file_reports_unreadable_files(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_bytes(b"a: caf\xe9\n")
    (issue,) = inspect_file(tmp_path / "t.yaml").issues
    assert (issue.kind, issue.line) == ("read", 1)
    (issue,) = inspect_file(tmp_path / "missing.yaml").issues
    assert issue.kind == "read" and issue.message.startswith("cannot read")


def test_missing_field_names_path_and_line(kpi_text: str) -> None:
    lines = kpi_text.splitlines()
    start = next(i for i, line in enumerate(lines) if "question: Managers or employees" in line)
    answer = start + 3  # after the question's kind and tests
    assert lines[answer].strip().startswith("expected_answer:")
    del lines[answer : answer + 4]  # drop expected_answer of questions.senior[1]
    found = problems("\n".join(lines) + "\n")
    assert found == [f"t.yaml:{start + 1}: questions.senior[1].expected_answer: field required"]


def test_every_problem_is_reported_at_once(kpi_text: str) -> None:
    text = kpi_text.replace("name: KPI\n", "name: 12\n").replace(
        "summary: The", "colour: blue\nsummary: The"
    )
    found = problems(text)
    assert any(line.endswith(": name: should be text") for line in found)
    assert any(": colour: unknown field" in line for line in found)
    unknown = next(line for line in found if "colour" in line)
    expected_line = text.splitlines().index("colour: blue") + 1
    assert unknown.startswith(f"t.yaml:{expected_line}:")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("schema_version: 2", "schema_version: 3", "schema_version: should be 2"),
        ("name: KPI", 'name: ""', "name: should not be empty"),
        ("name: KPI", "name: '   '", "name: should not be empty"),
        ("slug: kpi", "slug: Kpi Term", "slug: should be a slug: lower-case letters, digits"),
        ("years: 5+", "years: five plus", "levels.senior.years: should be years of experience"),
        (
            "last_reviewed: 2026-11-25",
            "last_reviewed: soon",
            "last_reviewed: a date is written YYYY-MM-DD",
        ),
        (
            "red_flags:\n  - Cannot",
            "red_flags: []\nunused:\n  - Cannot",
            "red_flags: should list at least 1 item",
        ),
    ],
)
def test_schema_is_strict(kpi_text: str, old: str, new: str, message: str) -> None:
    assert old in kpi_text
    found = problems(kpi_text.replace(old, new, 1))
    assert any(message in line for line in found), found


def test_absurdly_long_string_is_refused(kpi_text: str) -> None:
    found = problems(kpi_text.replace("name: KPI", "name: " + "K" * 5000))
    assert any("name: should be 200 characters or fewer" in line for line in found)


def test_escape_sequences_are_refused(kpi_text: str) -> None:
    text = kpi_text.replace("name: KPI", 'name: "KPI\\e[31m red \\e]8;;http://x\\a"')
    found = problems(text)
    assert any("name:" in line and "control character U+001B" in line for line in found)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "t.yaml: file is empty"),
        ("# only a comment\n", "t.yaml: file is empty"),
        ("- a\n- b\n", "t.yaml:1: file is a list, not a mapping of fields"),
        ("just words\n", "t.yaml:1: file is a str, not a mapping of fields"),
        ("a: 1\nb: 2\na: 3\n", "t.yaml:3: duplicate key 'a' (first at line 1)"),
        ("a: [1\n", "t.yaml:2: YAML syntax error"),
        ("a:\n\tb: 1\n", "t.yaml:2: YAML syntax error"),
        (
            "a:\n\tb: 1\n",
            "t.yaml:2: YAML syntax error: while scanning for the next token found character"
            " that cannot start any token (a tab",
        ),
        ("a: &x 1\nb: *x\n", "t.yaml:1: YAML anchors and aliases are not allowed"),
        ("a: !!python/object/apply:os.system ['true']\n", "t.yaml:1: YAML tag"),
        ("a: !!python/name:os.system\n", "t.yaml:1: YAML tag"),
        ("a: !!set {x}\n", "t.yaml:1: YAML tag"),
        ("a: 1\n---\nb: 2\n", "t.yaml:2: a content file holds exactly one YAML document"),
        ("? [a]\n: 1\n", "t.yaml:1: mapping keys must be plain text"),
        ("a: 2026-02-31\n", "t.yaml:1: bad value"),
        ("[" * 50 + "]" * 50, "t.yaml:1: nesting deeper than 20 levels"),
    ],
)
def test_malformed_yaml_is_a_clean_error(text: str, message: str) -> None:
    found = problems(text)
    assert found[0].startswith(message), found


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    problems(f"a: !!python/object/apply:os.system ['touch {marker}']\n")
    assert not marker.exists()


def test_billion_laughs_is_refused_fast() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    found = problems("\n".join(lines) + "\n")
    assert "anchors and aliases are not allowed" in found[0]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"a: 1\nb: \x00\n", "t.yaml:2: file contains a NUL byte"),
        (b"a: caf\xe9\n", "t.yaml:1: file is not valid UTF-8 (byte 0xe9)"),
        ("a: 1\n".encode("utf-16"), "t.yaml: file is UTF-16 encoded; save it as UTF-8"),
        ("a: 1\n".encode("utf-16-le"), "t.yaml: file is UTF-16 encoded; save it as UTF-8"),
    ],
)
def test_bad_bytes_are_refused(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(raw)
    with pytest.raises(ContentError) as caught:
        load_file(path)
    assert str(caught.value).startswith(str(tmp_path / message))


def test_utf8_bom_is_accepted(tmp_path: Path, kpi_text: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + kpi_text.encode("utf-8"))
    assert load_file(path).name == "KPI"


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: [" * (MAX_FILE_BYTES // 4 + 1))  # would nest far too deep if parsed
    with pytest.raises(ContentError, match="larger than 1024 KiB"):
        load_file(path)


def test_folder_and_fifo_are_not_files(tmp_path: Path) -> None:
    import os

    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(ContentError, match="is a folder"):
        load_file(tmp_path / "dir.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(ContentError, match="not a regular file"):
        load_file(tmp_path / "pipe.yaml")


def test_broken_symlink_and_loop(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(ContentError, match="cannot read: No such file"):
        load_file(tmp_path / "broken.yaml")
    (tmp_path / "loop.yaml").symlink_to(tmp_path / "loop.yaml")
    with pytest.raises(ContentError, match="cannot read: Too many levels of symbolic links"):
        load_file(tmp_path / "loop.yaml")
