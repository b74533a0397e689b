"""What the outputs say about where their text comes from, read back as a reader reads them: a relay's
quotation is never offered as the ministry's letter, drafts from a ひな形 say they are drafts, every
package carries what the sources carry, and no 「こちら」 points at nothing."""

import datetime
import re
import subprocess

import zxingcpp
from helpers import ROOT, pdf_text
from PIL import Image

from shuchi.content import load_content
from shuchi.content.hinagata import attachment_list
from shuchi.typeset.letter import notice_letter


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_no_page_offers_the_relayed_mhlw_text_as_the_ministrys_letter(built_site):
    nichiyaku = built_site / "nichiyaku"
    assert not (nichiyaku / "circulars").exists(), "a quotation must not be laid out as the ministry's letter"
    for page in nichiyaku.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "の依頼文をPDF" not in text and "厚生労働省医薬局の依頼文を読む" not in text, page
    notice = (nichiyaku / "notices/nichiyaku-2024-08-08.html").read_text(encoding="utf-8")
    assert "厚生労働省医薬局からの依頼の本文を読む（公益社団法人 日本薬剤師会の事務連絡（令和6年8月8日）による引用）" in notice
    assert "circulars/mhlw-2024.pdf" not in notice


def test_the_quotation_page_says_what_it_is_and_reads_honnen_as_of_the_relay(built_site):
    page = (built_site / "nichiyaku/ministry/mhlw-2024.html").read_text(encoding="utf-8")
    assert "依頼文そのものではありません" in page
    assert "公益社団法人 日本薬剤師会の事務連絡（令和6年8月8日）が引用する本文です。" in page
    article = re.sub(r"<[^>]+>", "", page[page.index('<article class="page"'):])
    assert article.count("本年12月2日") == 4 and "令和6年12月2日" not in article
    assert "御中" not in article and "会員事業者への要請" not in article, "no invented addressee or section 2"


def test_the_ministries_own_letters_are_offered_as_theirs(built_site):
    for org, notice, circular, ministry in [("itea", "itea-members-2024-06-14", "soumu-2024-06-04", "総務省"),
                                            ("zenjukyo", "zenjukyo-2024-08-02", "mlit-2024-07-29", "国土交通省")]:
        page = (built_site / org / "notices" / f"{notice}.html").read_text(encoding="utf-8")
        assert "の依頼文をPDFでダウンロード" in page and f"../circulars/{circular}.pdf" in page
        assert (built_site / org / "circulars" / f"{circular}.pdf").is_file()
        assert ministry in (built_site / org / "ministry" / f"{circular}.html").read_text(encoding="utf-8")


def test_notices_from_the_hinagata_say_they_are_drafts_and_the_others_do_not(built_site):
    drafts = {"itea/notices/itea-members-2024-06-14.html", "nichiyaku/notices/nichiyaku-members-2024-08-08.html",
              "zenjukyo/notices/zenjukyo-members-2024-08-02.html"}
    for page in built_site.glob("*/notices/*.html"):
        text = page.read_text(encoding="utf-8")
        said = "ひな形に基づく文案" in text and "このひな形は" in text and "の原文ではありません" in text
        assert said == (str(page.relative_to(built_site)) in drafts), page


def test_member_notices_name_the_shiryo_they_enclose(built_site):
    itea = squeezed(pdf_text(built_site / "itea/letters/itea-members-2024-06-14.pdf"))
    assert "別添の関連資料（資料1～資料6及び「スマホ用電子証明書の失効手続・一時利用停止のお願い」）" in itea
    nichiyaku = squeezed(pdf_text(built_site / "nichiyaku/letters/nichiyaku-members-2024-08-08.pdf"))
    assert "別添の関連資料（資料1～資料6）" in nichiyaku
    assert "別添のとおり" not in nichiyaku, "日本薬剤師会 cannot enclose the ministry's letter it does not hold"
    zenjukyo = squeezed(pdf_text(built_site / "zenjukyo/letters/zenjukyo-members-2024-08-02.pdf"))
    assert "別添のとおり" in zenjukyo and "国土交通省住宅局" in zenjukyo, "the letter 「別添のとおり」 points at goes with it"


def test_a_notice_enclosing_shiryo_1_2_4_and_5_never_prints_1_to_6():
    content = load_content(ROOT / "content")
    notice = content.notices["itea-members-2024-06-14"].model_copy(
        update={"attachments": ["shiryo1", "shiryo2", "shiryo4", "shiryo5"]})
    letter = notice_letter(content, notice)
    body = "".join(section.body for section in letter.sections) + "".join(
        child.body for section in letter.sections for child in section.children)
    assert "別添の関連資料（資料1、資料2、資料4及び資料5）" in body
    assert "資料1～資料6" not in body and "資料6" not in body


def test_attachment_lists_join_runs_and_name_unnumbered_leaflets():
    content = load_content(ROOT / "content")
    pick = [content.attachments[i] for i in ("shiryo1", "shiryo2", "shiryo3", "shiryo5", "smartphone-revoke")]
    assert attachment_list(pick) == "資料1～資料3、資料5及び「スマホ用電子証明書の失効手続・一時利用停止のお願い」"
    assert attachment_list(pick[:1]) == "資料1"


def test_every_package_carries_the_revoke_leaflet_and_nichiyaku_its_own_versions(built_site):
    for org in ("itea", "nichiyaku", "zenjukyo"):
        assert (built_site / org / "leaflets/smartphone-revoke.pdf").is_file(), org
    poster = squeezed(pdf_text(built_site / "nichiyaku/leaflets/shiryo2-nichiyaku.pdf"))
    assert "今回お持ちでない方は次回ご持参ください" in poster and "利用登録は窓口（カードリーダー）でできます" in poster
    older = squeezed(pdf_text(built_site / "nichiyaku/leaflets/shiryo5-nichiyaku.pdf"))
    assert "（2023年対応予定）" in older and "（2024年度対応予定）" in older
    assert "（2023年12月開始）" in squeezed(pdf_text(built_site / "zenjukyo/leaflets/shiryo5.pdf"))


def test_no_printed_leaflet_points_at_nothing(built_site):
    for pdf in built_site.glob("*/leaflets/*.pdf"):
        lines = [line.strip() for line in pdf_text(pdf).splitlines() if line.strip()]
        assert not [line for line in lines if line.endswith("こちら")], pdf
        assert not any("QRコードは株式会社デンソーウェーブ" in line for line in lines), pdf


def test_the_letters_registration_pointer_prints_the_qr_code_of_mynaportal(built_site, tmp_path):
    pdf = built_site / "itea/circulars/soumu-2024-06-04.pdf"
    text = pdf_text(pdf)
    assert "登録はこちらから（マイナポータル）" in text and "https://myna.go.jp" in text
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")], check=True)
    found = [b.text for png in sorted(tmp_path.glob("page-*.png"))
             for b in zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode)]
    assert found == ["https://myna.go.jp"]


def test_an_undated_circular_reads_honnen_as_of_the_notice_that_carries_it():
    from shuchi.typeset.letter import circular_letter

    content = load_content(ROOT / "content")
    circular = content.circulars["mhlw-2024"]
    later = content.notices["nichiyaku-2024-08-08"].model_copy(update={"date": datetime.date(2025, 1, 10)})
    assert circular_letter(content, circular, content.notices["nichiyaku-2024-08-08"]).issued == datetime.date(2024, 8, 8)
    assert circular_letter(content, circular, later).issued == datetime.date(2025, 1, 10)
