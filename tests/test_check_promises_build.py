"""`check` promises the build: content it accepts builds (exit 0), or the build reports it as a content error
with file and line (exit 2) — never an internal error (exit 1) or a traceback.

A property test (hypothesis) writes a whole small project of valid-looking content (every field of every kind:
organisation, topic, 資料, circular, ひな形, notices, manual chapters, recipient list; odd values throughout —
see tests/valid_content.py) and, when `check` accepts it, builds its one organisation and mail-merges its
notice for real. ``SHUCHI_HYPOTHESIS_EXAMPLES=300`` runs many more examples than the suite's default.
A second test keeps the original promise on the default content: names with 𠮷 and 𩸽 print."""

import os
import shutil
from pathlib import Path

import yaml
from conftest import one_organisation
from helpers import Result, copy_project, pdf_text, run_build
from hypothesis import HealthCheck, example, given, settings
from valid_content import LONG, ORG, Project, plain_project, projects

EXAMPLES = int(os.environ.get("SHUCHI_HYPOTHESIS_EXAMPLES", "1"))
"""Generated projects per run: a few in the suite (each is built), hundreds by hand."""


def reported_as_content(result: Result) -> None:
    """Exit 0, or exit 2 with every problem as ``content/FILE:LINE: …`` (or a request problem naming its option)."""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    if result.returncode == 0:
        return
    assert result.returncode == 2, result.stderr
    problems = result.stderr.split("\n\n")[0].splitlines()
    assert problems and all(line.startswith(("content/", "--")) for line in problems), result.stderr
    assert all(line.startswith("--") or line.split(":")[1].isdigit() for line in problems), result.stderr


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
# What earlier runs found, each once a crash (exit 1) of content `check` accepted: an organisation without any
# 資料 (an empty section in the site's navigation stopped Zensical); zero-width and direction marks (U+200B,
# U+200E, U+202B, U+2060, U+FEFF: `check` let them pass, the typesetter refused them); a 件名 longer than the
# 255 characters a Word file's title property holds; an organisation name so long that the merge's body has
# its 件名 on page 2 (no head can be drawn on page 1); an organisation's e-mail address and web site at a
# Japanese domain (例え.jp), which the e-mail's From and Message-ID headers cannot hold. (Line and paragraph
# separators, which broke mkdocs.yml, e-mail headers and WeasyPrint, are now refused by check: tests/broken/.)
@example(project=plain_project(name=LONG * 4, title="\u200b\u200e\u202b周知\u2060\ufeff" + LONG * 2,
                               attachments=0, email="soumu@例え.jp", website="https://例え.jp/"))
@given(project=projects())
def test_content_check_accepts_builds_and_merges(tmp_path_factory, project: Project):
    root = project.write(tmp_path_factory.mktemp("promise"))
    checked = run_build(root, "check")
    reported_as_content(checked)
    if checked.returncode == 0:
        built = run_build(root, "build", "--org", ORG, "--jobs", "1")
        reported_as_content(built)
        if built.returncode == 0:
            assert (root / "site" / ORG / "letters" / f"{ORG}-notice.pdf").is_file()
            merged = run_build(root, "merge", "--org", ORG, "--out", str(root / "merged"), "--jobs", "1")
            reported_as_content(merged)
    shutil.rmtree(root)


def write(project: Path, relative: str, change) -> None:
    path = project / "content" / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_names_outside_the_bmp_print_through_the_font_fallback(tmp_path):
    project = one_organisation(copy_project(tmp_path))
    name, title = "𠮷野住宅協会", "𩸽のお知らせ"
    write(project, "organisations/zenjukyo.yaml", lambda data: data.update(name=name))
    write(project, "attachments/shiryo1.yaml", lambda data: data.update(title=title))
    built = run_build(project, "build", "--org", "zenjukyo")
    assert built.returncode == 0, built.stderr
    letter = "".join(pdf_text(project / "site" / "zenjukyo" / "letters" / "zenjukyo-2024-08-02.pdf").split())
    assert name in letter
    assert title in "".join(pdf_text(project / "site" / "zenjukyo" / "leaflets" / "shiryo1.pdf").split())
