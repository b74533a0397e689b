"""The merge's last line reads each letter as it is published: a personal number (マイナンバー) that appears only
where a recipient's head meets the body (the 発信者's department, then the 件名) stops the merge — masked in the
message, nothing written — though the input guard cannot see it: each piece alone is too short to be a number,
in files of their own. One put together from one recipient's cells is refused before anything is laid out."""

from pathlib import Path

import pytest
from conftest import one_organisation
from helpers import copy_project, run_build

from shuchi.content.guard import is_individual_number
from shuchi.destination import MARKER
from shuchi.safety.numbers import REACH, check_merge, pdf_text

A, B, C = "1234", "5678", "9018"
MASKED = f"{A} **** **{C[-2:]}"


@pytest.fixture
def zenjukyo(tmp_path) -> Path:
    project = one_organisation(copy_project(tmp_path / "project"))
    (project / "content" / "recipients" / "zenjukyo.csv").write_text(
        "団体名,役職,氏名,敬称,メールアドレス\n株式会社さくら住建,代表取締役,山田 太郎,様,sakura@example.jp\n"
        "東都ホーム株式会社,総務部長,佐藤 花子,様,\n", encoding="utf-8")
    return project


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / "content" / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")


def refused(project: Path, out: Path) -> str:
    assert is_individual_number(A + B + C)
    assert run_build(project, "check").returncode == 0  # no piece is a number on its own
    result = run_build(project, "merge", "--org", "zenjukyo", "--out", str(out), "--jobs", "1")
    assert result.returncode == 1, result.stderr
    assert "would publish an individual number (マイナンバー)" in result.stderr
    assert MASKED in result.stderr and A + B + C not in "".join(result.stderr.split()).replace("-", "")
    assert not out.exists()
    return result.stderr


def test_a_number_where_the_head_meets_the_body_stops_the_merge(zenjukyo, tmp_path):
    # the head ends with the 発信者's department, the body starts with the 件名: each letter reads 「…1234-5678
    # 9018年度…」, though neither the heads' file nor the body's holds a number of its own
    edit(zenjukyo, "organisations/zenjukyo.yaml", "short_name: 全住協", f"short_name: 全住協\ndepartment: 総務部 {A}-{B}")
    edit(zenjukyo, "notices/zenjukyo-2024-08-02.yaml", "title: マイナンバー", f"title: {C}年度 マイナンバー")
    said = refused(zenjukyo, tmp_path / "out")
    assert f"letters/001_株式会社さくら住建_代表取締役_山田_太郎.pdf: {MASKED}" in said


def test_a_number_put_together_from_one_recipients_cells_stops_the_merge_masked(zenjukyo, tmp_path):
    # 団体名 and 役職 each hold part of it; the 宛名 joins them: the guard reads the cells as one chain
    edit(zenjukyo, "recipients/zenjukyo.csv", "東都ホーム株式会社,総務部長", f"東都ホーム株式会社 {A} {B},{C} 総務部長")
    out = tmp_path / "out"
    result = run_build(zenjukyo, "merge", "--org", "zenjukyo", "--out", str(out), "--jobs", "1")
    assert result.returncode == 2, result.stderr
    assert f"content/recipients/zenjukyo.csv:3: contains an individual number (マイナンバー {MASKED}" in result.stderr
    assert A + B + C not in "".join(result.stderr.split()) and not out.exists()


def test_a_head_is_read_with_as_much_of_the_body_as_a_number_can_reach(tmp_path):
    # a stamped letter's text is its head's page, then the body's (see check_merge); made here with WeasyPrint
    from weasyprint import HTML

    work, stage = tmp_path / "work", tmp_path / "stage"
    (stage / "letters").mkdir(parents=True)
    (stage / MARKER).write_text("", encoding="utf-8")
    work.mkdir()
    HTML(string=f"<p>{C} 年度の周知について</p><p>{'本文' * REACH}</p><p>{A}</p>").write_pdf(work / "body.pdf")
    HTML(string=f"<p>北海道 {A} {B}</p>").write_pdf(work / "heads-000000.pdf")
    HTML(string=f"<p>{A} {B} {C}</p>").write_pdf(stage / "letters" / "002_b.pdf")

    class Written:
        def __init__(self, letter, heads):
            self.letter, self.heads, self.head_page = letter, heads, 0

    assert C in pdf_text(work / "body.pdf") and A + " " + B in pdf_text(work / "heads-000000.pdf")
    found = check_merge(stage, work, [Written("001_a.pdf", work / "heads-000000.pdf"), Written("002_b.pdf", None)])
    assert found == [f"letters/001_a.pdf: {MASKED}", f"letters/002_b.pdf: {MASKED}"]
