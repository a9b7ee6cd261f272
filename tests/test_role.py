"""Role files: read strictly with every problem located, found by name or path, written
from a template that is valid as it stands."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FROZEN, frozen_library
from kpiprep.enums import Level
from kpiprep.errors import ContentError, KpiprepError
from kpiprep.locate import Folder
from kpiprep.role import create, find, interviewer_names, load, role_files, template, terms_of

ROLE = """kind: role
title: HR Analyst
industry: human-resources
level: mid
minutes: 45
questions: 2
terms:
  - kpi
  - term: okr
    weight: 2
panel:
  - Priya Shah
  - Sam Lee
"""


def write(tmp_path: Path, text: str, name: str = "role.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_role_reads_into_plain_values(tmp_path: Path) -> None:
    role = load(write(tmp_path, ROLE))
    assert (role.title, role.industry, role.level) == ("HR Analyst", "human-resources", Level.mid)
    assert (role.minutes, role.questions) == (45, 2)
    assert [(t.slug, t.industry, t.weight, t.line, t.column) for t in role.terms] == [
        ("kpi", "human-resources", 1, 8, 5),
        ("okr", "human-resources", 2, 9, 5),
    ]
    assert role.panel == ("Priya Shah", "Sam Lee") and role.named
    assert role.weights() == {("kpi", "human-resources"): 1, ("okr", "human-resources"): 2}


def test_a_panel_given_as_a_number_is_named_in_order(tmp_path: Path) -> None:
    role = load(write(tmp_path, ROLE.split("panel:")[0] + "panel: 3\n"))
    assert role.panel == interviewer_names(3) == ("Interviewer 1", "Interviewer 2", "Interviewer 3")
    assert not role.named


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("level: mid", "level: expert", ":4:1: level: should be junior, mid or senior"),
        ("  - kpi\n", "  - kpi\n  - kpi\n", ":7:1: terms: 'kpi' is listed twice"),
        ("    weight: 2", "    wieght: 2", ":10:5: terms[1].wieght: unknown field"),
        ("    weight: 2", "    weight: 11", ":10:5: terms[1].weight: should be 10 or less"),
        ("  - kpi\n", "  - 12\n", ":8:5: terms[0]: should be a term's slug, or `term:` with"),
        ("  - Sam Lee\n", "  - priya  shah\n", ":11:1: panel: 'priya  shah' is on the panel twice"),
        ("title: HR Analyst\n", "", ":1:1: title: field required"),
        ("minutes: 45", "minute: 45", ":5:1: minute: unknown field"),
    ],
)
def test_each_problem_is_one_located_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert ROLE.count(old) == 1
    path = write(tmp_path, ROLE.replace(old, new))
    with pytest.raises(ContentError) as caught:
        load(path)
    lines = str(caught.value).splitlines()
    assert any(line.startswith(f"{path}{expected}") for line in lines), lines


def test_a_term_the_library_lacks_points_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, ROLE.replace("  - kpi\n", "  - kpx\n"))
    with pytest.raises(ContentError) as caught:
        terms_of(load(path), frozen_library())
    assert str(caught.value) == f"{path}:8:5: terms[0]: unknown term 'kpx'; did you mean 'kpi'?"
    other = write(tmp_path, ROLE.replace("  - kpi\n", "  - term: kpi\n    industry: sales\n"))
    with pytest.raises(ContentError, match=r":8:5: terms\[0\]: term 'kpi' has no industry 'sales'"):
        terms_of(load(other), frozen_library())
    found = terms_of(load(write(tmp_path, ROLE)), frozen_library())
    assert [t.slug for t in found] == ["kpi", "okr"]


def test_roles_are_found_by_name_in_content_folders_or_by_path(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder, title in ((first, "First"), (second, "Second")):
        (folder / "roles").mkdir(parents=True)
        write(folder / "roles", ROLE.replace("HR Analyst", title), "analyst.yaml")
    folders = [Folder(first, "--content-dir"), Folder(second, "shipped")]
    assert load(find("analyst", folders)).title == "First"  # the first folder wins
    assert (
        find(str(second / "roles" / "analyst.yaml"), folders) == second / "roles" / "analyst.yaml"
    )
    assert role_files(first) == [first / "roles" / "analyst.yaml"]
    with pytest.raises(KpiprepError, match="no role 'nope': no roles/nope.yaml in any content"):
        find("nope", folders)
    with pytest.raises(KpiprepError, match="role file missing.yaml does not exist"):
        find("missing.yaml", folders)


def test_the_roles_folder_is_never_a_term(tmp_path: Path) -> None:
    from kpiprep.library import Library

    (tmp_path / "roles").mkdir()
    write(tmp_path / "roles", ROLE, "analyst.yaml")
    library = Library([Folder(tmp_path, "--content-dir"), Folder(FROZEN, "frozen")])
    assert ("roles", "analyst") not in library.entries()
    assert library.industries_of("roles") == []


def test_role_new_writes_a_valid_template_and_never_replaces(tmp_path: Path) -> None:
    path = create(tmp_path / "my-terms", "hr-analyst")
    assert path == tmp_path / "my-terms" / "roles" / "hr-analyst.yaml"
    assert path.read_text(encoding="utf-8") == template("hr-analyst")
    role = load(path)
    assert role.title.startswith("TODO") and [t.slug for t in role.terms] == ["kpi", "okr"]
    with pytest.raises(KpiprepError, match="already exists; kpiprep role new never replaces"):
        create(tmp_path / "my-terms", "hr-analyst")
    with pytest.raises(KpiprepError, match="does not exist; create it"):
        create(tmp_path / "no" / "such", "x")


def test_the_documented_example_is_a_valid_role(tmp_path: Path) -> None:
    guide = (Path(__file__).resolve().parents[1] / "docs" / "content.md").read_text("utf-8")
    section = guide.split("\n## Role files\n", 1)[1].split("\n## ", 1)[0]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    role = load(write(tmp_path, example))
    assert role.panel == ("Priya Shah", "Sam Lee", "Jo Park")
    documented = {line.split("`")[1] for line in section.splitlines() if line.startswith("| `")}
    assert documented == {"kind", "title", "industry", "level", "minutes", "questions", "terms",
                          "panel"}  # fmt: skip
    from kpiprep.roleschema import RoleSchema

    assert documented == set(RoleSchema.model_fields)


def test_no_term_can_be_called_roles(tmp_path: Path) -> None:
    import datetime as dt

    from kpiprep.scaffold import create as new_term

    with pytest.raises(KpiprepError, match="'roles' is the folder of role files"):
        new_term(tmp_path, "roles", "human-resources", dt.date(2026, 11, 25))
    assert list(tmp_path.iterdir()) == []
