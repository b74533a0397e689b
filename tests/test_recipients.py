"""Recipient lists as a secretariat saves them from Excel, and what it is told when a row is wrong."""

import textwrap

import pytest
from helpers import ROOT, copy_project, run_build

from shuchi.content import load_recipient_file
from shuchi.errors import ContentError

HEADER = "団体名,役職,氏名,敬称,メールアドレス\r\n"


def csv_file(tmp_path, rows, encoding="utf-8-sig", name="list.csv"):
    path = tmp_path / name
    path.write_bytes((HEADER + "".join(row + "\r\n" for row in rows)).encode(encoding))
    return path


def problems_of(path, root):
    with pytest.raises(ContentError) as raised:
        load_recipient_file(path, root)
    return [str(p) for p in raised.value.problems]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_csv_reads_in_every_encoding_excel_saves(tmp_path, encoding):
    path = csv_file(tmp_path, ["北海道薬剤師会,事務局長,,殿,hokkaido@example.jp", "髙島屋商事株式会社,,山﨑 花子,様,"],
                    encoding=encoding)
    first, second = load_recipient_file(path, tmp_path)
    assert first.line == "北海道薬剤師会 事務局長 殿"
    assert first.email == "hokkaido@example.jp"
    assert second.line == "髙島屋商事株式会社 山﨑 花子 様"
    assert second.email is None


def test_english_headings_and_an_empty_honorific_meaning_dono(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("organisation,title,honorific,email\n青森県薬剤師会,事務局長,,aomori@example.jp\n\n,,,\n",
                    encoding="utf-8")
    (only,) = load_recipient_file(path, tmp_path)
    assert only.line == "青森県薬剤師会 事務局長 殿"


def test_yaml_list(tmp_path):
    path = tmp_path / "list.yaml"
    path.write_text(textwrap.dedent("""
        recipients:
          - organisation: 株式会社ひかり通信工業
            title: 代表取締役
            name: 高橋 健
            honorific: 様
            email: hikari@example.jp
    """), encoding="utf-8")
    (only,) = load_recipient_file(path, tmp_path)
    assert only.line == "株式会社ひかり通信工業 代表取締役 高橋 健 様"


def test_every_bad_row_is_reported_at_once_with_file_line_and_column(tmp_path):
    path = csv_file(tmp_path, [
        "北海道薬剤師会,事務局長,,殿,hokkaido@example.jp",   # line 2
        ",事務局長,,殿,",                                     # line 3: no name
        "岩手県薬剤師会,事務局長,,殿,iwate@@example.jp",      # line 4: bad address
        "北海道薬剤師会,事務局長,,殿,",                       # line 5: listed twice
        "宮城県薬剤師会,事務局長,,殿,HOKKAIDO@example.jp",    # line 6: someone else's address
        "秋田県薬剤師会,事務局長,,さま,akita@example.jp",     # line 7: not an honorific
    ])
    found = problems_of(path, tmp_path)
    assert found[1].startswith("list.csv:4: メールアドレス: 'iwate@@example.jp' is not an e-mail address (")
    assert found[1].endswith("; expected e.g. soumu@example.jp)")
    assert found[:1] + found[2:] == [
        "list.csv:3: 団体名: has no name (expected an organisation (団体名) or a person's name (氏名))",
        "list.csv:7: 敬称: 'さま' is not allowed (expected '殿', '様', '御中' or '各位')",
        "list.csv:5: 団体名: 「北海道薬剤師会 事務局長 殿」 is already listed on line 2 (expected each recipient once)",
        "list.csv:6: メールアドレス: HOKKAIDO@example.jp is already the address on line 2 "
        "(expected each recipient's own address once)",
    ]


def test_an_honorific_written_into_the_name_is_refused(tmp_path):
    path = csv_file(tmp_path, ["会員各位,,,殿,"])
    (problem,) = problems_of(path, tmp_path)
    assert problem.startswith("list.csv:2: 団体名: '会員各位' already ends with an honorific")


def test_an_unknown_column_names_the_columns_it_knows(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("団体名,敬称,住所\n北海道薬剤師会,殿,札幌市\n", encoding="utf-8")
    (problem,) = problems_of(path, tmp_path)
    assert problem.startswith("list.csv:1: 住所: is not a known column (expected 団体名, 役職, 氏名, 敬称, メールアドレス")


def test_excel_unicode_text_and_unreadable_files_are_explained(tmp_path):
    utf16 = tmp_path / "list.csv"
    utf16.write_bytes(HEADER.encode("utf-16"))
    assert "save it from Excel as 「CSV UTF-8 (コンマ区切り)」" in problems_of(utf16, tmp_path)[0]
    assert problems_of(tmp_path / "missing.csv", tmp_path) == [
        "missing.csv: cannot be read (No such file or directory); check the file exists and is readable"]
    assert "expected a .csv or .yaml file" in problems_of(tmp_path / "list.xlsx", tmp_path)[0]


def test_the_default_lists_hold_the_47_prefectural_associations_and_sample_members():
    from shuchi.content import load_content

    content = load_content(ROOT / "content", ROOT)
    prefectures = content.recipients["nichiyaku"]
    assert len(prefectures) == 47
    assert len({r.organisation for r in prefectures}) == 47
    assert prefectures[0].line == "北海道薬剤師会 事務局長 殿"
    assert {"東京都薬剤師会", "大阪府薬剤師会", "京都府薬剤師会", "沖縄県薬剤師会"} <= {r.organisation for r in prefectures}
    for org in ("nichiyaku", "zenjukyo", "itea"):
        assert all(r.email is None or r.email.endswith("@example.jp") for r in content.recipients[org])


def test_check_reports_a_bad_row_in_content_recipients(tmp_path):
    copy_project(tmp_path)
    path = tmp_path / "content/recipients/zenjukyo.csv"
    path.write_text(path.read_text(encoding="utf-8-sig").replace("toto-home@example.jp", "toto-home.example.jp"),
                    encoding="utf-8-sig")
    result = run_build(tmp_path, "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "content/recipients/zenjukyo.csv:3: メールアドレス: 'toto-home.example.jp' is not an e-mail address" in result.stderr


def test_a_list_without_a_honorific_column_is_refused_not_addressed_dono(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("団体名,役職,氏名,メールアドレス\n株式会社さくら住建,代表取締役,山田 太郎,a@example.jp\n", encoding="utf-8")
    assert problems_of(path, tmp_path) == [
        "list.csv:1: has no 敬称 column (expected a column 敬称 saying 殿, 様, 御中 or 各位 for each recipient; "
        "a cell left empty there means 殿)"]


def test_a_list_without_its_heading_row_gets_one_message(tmp_path):
    rows = "".join(f"{n}県薬剤師会,事務局長,,殿,p{n}@example.jp\n" for n in range(23))
    path = tmp_path / "list.csv"
    path.write_text(rows, encoding="utf-8")
    assert problems_of(path, tmp_path) == [
        "list.csv:1: has no heading row: its first line 「0県薬剤師会,事務局長,,殿,p0@example.jp」 names no column "
        "(expected a first row naming the columns: 団体名, 役職, 氏名, 敬称, メールアドレス "
        "(or organisation, title, name, honorific, email))"]


def test_an_honorific_typed_into_the_name_is_reported_at_the_name_column(tmp_path):
    path = csv_file(tmp_path, ["株式会社さくら住建,代表取締役,山田 太郎様,,a@example.jp"])
    assert problems_of(path, tmp_path) == [
        "list.csv:2: 氏名: '山田 太郎様' already ends with an honorific (expected the honorific only in the column "
        "敬称, never 「各位殿」)"]
