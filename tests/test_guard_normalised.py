"""The personal-number guard reads what a reader reads: ordinary pastes (no-break spaces, dashes, a number
wrapped over two lines, emphasis, entities, YAML escapes), folders that are links, lists outside content/,
and — as a last line — what is about to be published. No message ever shows the number in full."""

import shutil

import pytest
from helpers import run_build

from shuchi.content.guard import check_digit, find_individual_numbers, redact
from shuchi.errors import ContentError
from shuchi.safety.published import check_published, pages_of

ELEVEN = "48213957600"
NUMBER = ELEVEN + str(check_digit(ELEVEN))
A, B, C = NUMBER[:4], NUMBER[4:8], NUMBER[8:]
MASKED = f"{A} **** **{C[-2:]}"

PASTES = {
    "no-break spaces from Word": f"{A}\u00a0{B}\u00a0{C}",
    "two spaces": f"{A}  {B}  {C}",
    "spaced hyphens": f"{A} - {B} - {C}",
    "em dashes": f"{A}—{B}—{C}",
    "full-width": "".join(chr(ord(d) + 0xFEE0) for d in NUMBER),
    "zero-width space": f"{A}\u200b{B}{C}",
    "line separator": f"{A}\u2028{B}{C}",
    "wrapped over two lines": f"{A} {B}\n  {C}",
    "Markdown emphasis": f"{A}**{B}**{C}",
    "a character reference": f"&#{ord(A[0])};{A[1:]}{B}{C}",
    "長音符 as a dash": f"{A}ー{B}ー{C}",
}


@pytest.mark.parametrize("text", PASTES.values(), ids=PASTES.keys())
def test_the_guard_reads_ordinary_pastes(text):
    assert [finding.masked for finding in find_individual_numbers(f"番号は {text} です")] == [MASKED]


@pytest.mark.parametrize("text", ["123456789012", "03-3511-0611 03-3511-0612", "法人番号 1234567890123",
                                  "2024-08-08", f"x{NUMBER}5"])
def test_what_the_guard_lets_pass(text):
    assert find_individual_numbers(text) == []


def test_no_message_prints_the_number_in_full():
    said = redact(f"phone: '{A} {B} {C}' is not a phone number")
    assert NUMBER not in said.replace(" ", "") and MASKED in said


def test_a_yaml_escape_is_read_as_the_loader_reads_it(project):
    topic = project / "content" / "topics" / "escaped.yaml"
    escaped = "".join(f"\\u{ord(d):04x}" for d in NUMBER)
    topic.write_text(f'id: escaped\nheading: 見出し\nbody: "番号 {escaped}"\n', encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert f"content/topics/escaped.yaml:3: body: contains an individual number (マイナンバー {MASKED}" in result.stderr
    assert NUMBER not in result.stderr and NUMBER not in result.stdout


def test_a_number_in_a_field_that_rejects_it_is_still_masked(project):
    organisation = project / "content" / "organisations" / "zenjukyo.yaml"
    text = organisation.read_text(encoding="utf-8")
    organisation.write_text(text.replace("colour:", f'phone: "{A} {B} {C}"\ncolour:', 1), encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert NUMBER not in result.stderr.replace(" ", "") and MASKED in result.stderr


def test_a_folder_that_is_a_link_is_scanned(project, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "note.txt").write_text(f"控え {A} {B} {C}\n", encoding="utf-8")
    (project / "content" / "attachments" / "linked").symlink_to(elsewhere)
    result = run_build(project, "check")
    assert result.returncode == 2
    assert f"content/attachments/linked/note.txt:1: contains an individual number (マイナンバー {MASKED}" in result.stderr


def test_a_recipient_list_outside_content_is_scanned(project, tmp_path):
    listing = tmp_path / "宛先.csv"
    listing.write_text(f"団体名,役職,メールアドレス\n北海道薬剤師会,事務局長 {A} {B} {C},h@example.jp\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_build(project, "merge", "--org", "nichiyaku", "--out", str(out), "--recipients", str(listing))
    assert result.returncode == 2
    assert f"宛先.csv:2: contains an individual number (マイナンバー {MASKED}" in result.stderr
    assert not out.exists()


def test_the_last_line_reads_what_is_about_to_be_published(one_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(one_site, site)
    page = site / "zenjukyo" / "shiryo" / "shiryo2.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", f"</h1><p>{A}&nbsp;{B}<em>{C}</em></p>", 1),
                    encoding="utf-8")
    (site / "zenjukyo" / "letters" / f"控え_{NUMBER}.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check_published(site, pages_of(site / "zenjukyo"), project_root(tmp_path))
    said = sorted(str(problem) for problem in raised.value.problems)
    assert said[0].startswith(f"content/attachments/shiryo2.yaml: the published file site/zenjukyo/shiryo/shiryo2.html "
                              f"would carry an individual number (マイナンバー {MASKED}")
    assert "the published file site/zenjukyo/letters/控え_" in said[1] and f"マイナンバー {MASKED}" in said[1]
    assert NUMBER not in " ".join(said)


def project_root(tmp_path):
    from helpers import ROOT

    return ROOT / "content"
