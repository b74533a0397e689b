"""Dates that stay true: content holds real dates, the letter decides how to say them."""

import re

from helpers import run_build
from pypdf import PdfReader

from shuchi.build.letters import letter_pdf
from shuchi.content import load_content
from shuchi.pdf.typesetter import Typesetter
from shuchi.typeset.environment import environment
from shuchi.typeset.letter import notice_letter


def reissue(project, name, new_date):
    path = project / "content" / "notices" / f"{name}.yaml"
    path.write_text(re.sub(r"^date: .*$", f"date: {new_date}", path.read_text(), flags=re.M), encoding="utf-8")


def letter_text(project, name):
    content = load_content(project / "content")
    notice = content.notices[name]
    org = content.organisations[notice.organisation]
    writer = Typesetter(project)
    data, _ = letter_pdf(writer, environment(), notice_letter(content, notice),
                         project / "content" / "organisations" / org.logo)
    path = project / "letter.pdf"
    path.write_bytes(data)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(path).pages))


def test_a_2024_letter_says_honnen(project):
    text = letter_text(project, "nichiyaku-2024-08-08")
    assert "本年12月2日から健康保険証の新規発行は終了します" in text
    assert "令和6年12月2日" not in text


def test_the_same_notice_reissued_in_2025_gives_the_full_date(project):
    reissue(project, "nichiyaku-2024-08-08", "2025-02-03")
    text = letter_text(project, "nichiyaku-2024-08-08")
    assert "令和7年2月3日" in text
    assert "令和6年12月2日から健康保険証の新規発行は終了します" in text
    assert "本年12月2日" not in text


def test_check_warns_when_a_fact_ended_before_the_notice_is_issued(project):
    reissue(project, "zenjukyo-2024-08-02", "2026-01-05")
    result = run_build(project, "check")
    assert result.returncode == 0
    assert re.search(r"content/topics/health-insurance\.yaml:\d+: 警告\(warning\): valid_until: ends 2025-12-01, "
                     r"before notice zenjukyo-2024-08-02 is issued on 2026-01-05", result.stderr), result.stderr


def test_no_warning_for_the_default_content(project):
    result = run_build(project, "check")
    assert "警告" not in result.stderr
