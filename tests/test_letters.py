"""The letters of the default content, read back out of the real PDFs as a secretariat would."""

import re

import pytest
from helpers import pdf_fonts, pdf_text
from pypdf import PdfReader


def text_of(site, org, folder, name):
    return re.sub(r"\s+", "", pdf_text(site / org / folder / f"{name}.pdf"))


def test_each_organisation_has_its_letters_as_html_and_pdf(built_site):
    for org in ("nichiyaku", "itea", "zenjukyo"):
        letters = sorted((built_site / org / "letters").iterdir())
        assert any(p.suffix == ".pdf" for p in letters)
        assert {p.stem for p in letters if p.suffix == ".pdf"} == {p.stem for p in letters if p.suffix == ".html"}
        assert (built_site / org / "index.html").is_file()


def test_nichiyaku_jimu_renraku_carries_the_facts_of_source_000(built_site):
    text = text_of(built_site, "nichiyaku", "letters", "nichiyaku-2024-08-08")
    for fact in ["事務連絡", "令和6年8月8日", "都道府県薬剤師会事務（局）長殿", "公益社団法人日本薬剤師会", "総務部総務課",
                 "平素より本会会務に格別のご高配を賜り", "厚生労働省医薬局より", "1．マイナンバーカードの機能等について",
                 "（1）マイナンバーカードの健康保険証利用を基本とする仕組みに移行します。",
                 "【本年12月2日から健康保険証の新規発行は終了します】", "0120-95-0178", "2024年5月27日から",
                 "https://www.digital.go.jp/policies/account_registration/",
                 "2．地域薬剤師会・会員への要請・周知について", "資料6_公的個人認証サービス", "以上"]:
        assert fact in text, fact
    assert "各位殿" not in text


def test_zenjukyo_cover_note_has_its_ki_list_contact_and_the_enclosed_ministry_letter(built_site):
    text = text_of(built_site, "zenjukyo", "letters", "zenjukyo-2024-08-02")
    for fact in ["会員各位", "国土交通省から標記についての周知依頼がありましたのでお知らせします。", "記",
                 "1．通知等資料", "（令和6年7月29日）", "（2）（資料1）マイナンバーカードを健康保険証として使うには",
                 "（7）（資料6）公的個人認証サービスを利用した最新の利用者情報（4情報）提供サービス",
                 "https://www.zenjukyo.jp/archives/new_info/gyosei/data/240802_mynumber.pdf",
                 "3．問合せ先", "担当米山", "03-3511-0611", "以上",
                 # the enclosed ministry letter follows the cover note
                 "国土交通省住宅局", "住宅総合整備課", "一般社団法人全国住宅産業協会御中"]:
        assert fact in text, fact
    assert text.index("以上") < text.index("住宅総合整備課")


def test_soumu_circular_as_the_ministry_sent_it(built_site):
    text = text_of(built_site, "itea", "circulars", "soumu-2024-06-04")
    for fact in ["令和6年6月4日", "一般社団法人情報通信エンジニアリング協会御中", "総務省総合通信基盤局",
                 "電気通信技術システム課", "（依頼）", "2．会員事業者への要請・周知について", "（1）要請文の発出について",
                 "2023年5月11日から", "2023年5月16日から", "https://www.digital.go.jp/policies/mynumber_resources/"]:
        assert fact in text, fact


def test_member_notice_from_the_template_is_numbered_and_addressed_to_members(built_site):
    text = text_of(built_site, "nichiyaku", "letters", "nichiyaku-members-2024-08-08")
    assert "日薬業発第150号" in text
    assert "会員各位" in text
    assert "このたび、厚生労働省医薬局より" in text
    assert "{issuer}" not in text


@pytest.mark.parametrize("org, name", [("nichiyaku", "nichiyaku-2024-08-08"), ("zenjukyo", "zenjukyo-2024-08-02"),
                                       ("itea", "itea-members-2024-06-14")])
def test_pdf_metadata_and_embedded_subset_japanese_fonts(built_site, org, name):
    path = built_site / org / "letters" / f"{name}.pdf"
    reader = PdfReader(path)
    assert reader.metadata.title.startswith("マイナンバーカード活用等に向けた")
    assert reader.metadata.author.endswith(("日本薬剤師会", "全国住宅産業協会", "情報通信エンジニアリング協会"))
    assert reader.trailer["/Root"]["/Lang"] == "ja"
    fonts = pdf_fonts(path)
    assert re.search(r"[A-Z]{6}\+BIZ-UDMincho\s.*yes\s+yes\s+yes", fonts), fonts
    assert "BIZ-UDGothic" in fonts
    assert "DejaVu" not in fonts


def test_multi_page_letters_number_their_pages(built_site):
    path = built_site / "nichiyaku" / "letters" / "nichiyaku-2024-08-08.pdf"
    pages = PdfReader(path).pages
    assert len(pages) > 1
    assert f"1 / {len(pages)}" in pages[0].extract_text()
    assert f"{len(pages)} / {len(pages)}" in pages[-1].extract_text()


def test_web_letter_is_a_japanese_page_with_its_logo(built_site):
    html = (built_site / "zenjukyo" / "letters" / "zenjukyo-2024-08-02.html").read_text()
    assert '<html lang="ja">' in html
    assert 'src="../logo.svg"' in html and (built_site / "zenjukyo" / "logo.svg").is_file()
    assert "令和6年8月2日" in html


def test_top_index_lists_every_organisation(built_site):
    html = (built_site / "index.html").read_text()
    for slug in ("nichiyaku", "itea", "zenjukyo"):
        assert f'href="{slug}/index.html"' in html
