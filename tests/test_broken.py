"""Every kind of mistake in tests/broken/ gets its exact `file:line: field: message` and exit code 2."""

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml
from helpers import run_build

BROKEN = Path(__file__).parent / "broken"
CASES = sorted(path.name for path in BROKEN.iterdir() if (path / "case.yaml").is_file())


def apply_case(case_dir: Path, project: Path) -> dict:
    """Break the project copy as the case says; returns the case with ``{line}`` marks resolved."""
    case = yaml.safe_load((case_dir / "case.yaml").read_text(encoding="utf-8"))
    if (case_dir / "content").is_dir():
        shutil.copytree(case_dir / "content", project / "content", dirs_exist_ok=True)
    line = None
    for edit in case.get("replace", []):
        path = project / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert text.count(edit["old"]) == 1, f"{edit['file']} no longer holds {edit['old']!r} exactly once"
        line = line or text[: text.index(edit["old"])].count("\n") + 1
        path.write_text(text.replace(edit["old"], edit["new"]), encoding="utf-8")
    for link, target in case.get("symlink", {}).items():
        (project / link).symlink_to(target)

    def at_line(match: re.Match) -> str:
        return str(line + int(match.group(1) or 0))

    case["expect"] = [re.sub(r"\{line(?:\+(\d+))?\}", at_line, expected) for expected in case["expect"]]
    return case


def hashes(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the SHA-256 of its bytes."""
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_reported(result, case: dict) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    for expected in case["expect"]:
        assert expected in lines, f"{case['why']}: expected the line\n  {expected}\nbut got:\n{result.stderr}"
    assert result.returncode == 2, result.stderr
    assert lines[-1] == f"{len(case['expect'])} problem(s) in content/; nothing was built, site/ is unchanged."


@pytest.mark.parametrize("name", CASES)
def test_a_broken_case_is_reported_with_file_line_and_field(name, project):
    case = apply_case(BROKEN / name, project)
    assert_reported(run_build(project, case.get("command", "check")), case)
    if case.get("build"):
        site = project / "site"
        (site / "zenjukyo").mkdir(parents=True)
        (site / "index.html").write_text("<p>the last good build</p>", encoding="utf-8")
        (site / "zenjukyo" / "notice.pdf").write_bytes(b"%PDF-1.7 last good")
        (site / "zenjukyo" / "index.html").write_text("<p>its index</p>", encoding="utf-8")
        before = hashes(site)
        assert_reported(run_build(project, "build"), case)
        assert hashes(site) == before
        assert not list(project.glob(".site.new-*"))


def test_every_folder_of_the_corpus_is_a_case_that_says_why_and_what_to_expect():
    folders = sorted(path.name for path in BROKEN.iterdir() if path.is_dir())
    assert folders == CASES, "a folder without case.yaml is never run"
    for name in CASES:
        case = yaml.safe_load((BROKEN / name / "case.yaml").read_text(encoding="utf-8"))
        assert case.get("why") and case.get("expect"), name
    whys = [yaml.safe_load((BROKEN / name / "case.yaml").read_text(encoding="utf-8"))["why"] for name in CASES]
    assert len(set(whys)) == len(whys), "two cases describe the same mistake"
