"""`merge --out` replaces only a folder a merge wrote, an empty or a new one; --org is checked before the disk
is touched."""

import pytest
from helpers import run_build


@pytest.mark.parametrize("out, said", [
    ("content", "would replace content/"),
    (".", "would replace the project folder"),
    ("..", "would replace the project folder"),
    ("content/registers", "is inside content/"),
    ("content/notices/x", "is inside content/"),
    ("~", "would replace your home folder"),
    ("/", "would replace the project folder"),
])
def test_merge_refuses_to_replace_what_it_did_not_write(project, out, said):
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    target = str(project / out) if not out.startswith(("~", "/")) else out.replace("~", str(__import__("pathlib").Path.home()))
    result = run_build(project, "merge", "--org", "nichiyaku", "--out", target)
    assert result.returncode == 2
    assert "--out: " in result.stderr and said in result.stderr, result.stderr
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_merge_refuses_a_folder_holding_other_files(project, tmp_path):
    out = tmp_path / "letters-of-2023"
    out.mkdir()
    (out / "大事な書類.docx").write_bytes(b"keep me")
    result = run_build(project, "merge", "--org", "nichiyaku", "--out", str(out))
    assert result.returncode == 2
    assert "holds files a merge did not write" in result.stderr
    assert (out / "大事な書類.docx").read_bytes() == b"keep me"


@pytest.mark.parametrize("org", ["../../x", "../content", "NICHIYAKU", "nichiyaku/../itea"])
def test_an_organisation_that_is_not_one_touches_nothing(project, tmp_path, org):
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = run_build(project, "merge", "--org", org, "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--org: " in result.stderr and "is not an organisation in content/organisations/" in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before
