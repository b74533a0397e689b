"""The leaflets (資料) of the default content, read back from the real PDFs and pages as a reader would:
the facts of the sources in the text, QR codes that a phone decodes to the very URLs, the
organisation's 配布元 block where a notice asks for it, and links from every notice."""

import io
import re
import subprocess
from html.parser import HTMLParser

import pytest
import zxingcpp
from helpers import ROOT, pdf_fonts, run_build
from PIL import Image
from pypdf import PdfReader

from shuchi.build.leaflets import distributor_for
from shuchi.content import load_content
from shuchi.model.attachment import ContactPart, Link
from shuchi.typeset.markdown import phrase_split

NUMBERED = [f"shiryo{n}" for n in range(1, 7)]
ALL = NUMBERED + ["smartphone-revoke"]

FACTS = {
    "shiryo1": ["資料1", "マイナンバーカードを健康保険証として使うには", "厚生労働省", "読み取り", "本人確認", "同意取得",
                "受付完了", "カード申請時に設定した4桁の暗証番号を入力します。", "メタボ健診（40～74歳）",
                "高齢者健診（75歳以上）", "同意しない・40歳未満", "限度額情報を提供しますか", "メリット1",
                "メリット2", "メリット3", "窓口負担（例：3割負担）", "ご注意ください！",
                "今年12月2日から現行の保険証は発行されなくなります", "※12月2日時点で有効な保険証は最大1年間有効です",
                "0120-95-0178", "平日：9時30分～20時00分、土日祝：9時30分～17時30分（年末年始を除く）"],
    "shiryo2": ["資料2", "マイナンバーカードをご利用ください", "とってもカンタン！", "4ケタの暗証番号",
                "（40歳以上対象）過去の情報を利用いたします", "STEP1", "STEP2", "③まちなかの証明写真機からの申請",
                "③セブン銀行ATMから行う", "20円（医療機関の再診では10円）", "「資格確認書」が交付され",
                "0120-95-0178", "5番を選択のうえ、音声ガイダンスにしたがってお進みください。"],
    "shiryo3": ["資料3", "海外でもマイナンバーカードが作れます", "2024年5/27から", "顔写真を貼って窓口へ提出。",
                "概ね2ヶ月ほどで", "2015年10月5日以降", "03-6734-0170", "24時間対応", "令和6年5月作成",
                "「l（小文字エル）」と「1（数字のいち）」", "6文字以上16文字以内", "数字4桁", "縦4.5cm×横3.5cm",
                "最近6ヶ月以内に撮影", "戸籍上の氏名、生年月日が記載されている有効な旅券に限ります。",
                # the application form and PIN request (sources 000 L392–450, 002 L540–1107), not a picture
                "個人番号カード交付申請書兼電子証明書発行/更新申請書【国外転出者用】", "地方公共団体情報システム機構宛",
                "昭和60年9月1日", "0714-283-3551", "神奈川県横浜市港北区", "最大24文字まで",
                "15歳未満の方、成年被後見人の方が申請を行う場合は", "※1不明な場合は記載不要です。",
                "※6個人番号カードの交付時に、連絡の取れるメールアドレス及び電話番号を記載してください。", "【ご注意】",
                "（1）又は（2）のどちらかにチェックを記入してください。",
                "（2）いずれの暗証番号も設定しない（暗証マイナンバーカード）", "ABC9876"],
    "shiryo4": ["資料4", "本人口座登録のお願い", "公金受取口座は本人口座の登録をお願いします！", "1人につき1口座",
                "①マイナポータルにログイン", "③登録状況等を確認", "「口座情報を変更する」を押してね",
                "用意するもの", "「公金受取口座変更」で検索"],
    "shiryo5": ["資料5", "スマホ用電子証明書搭載サービス", "2023年5月11日より", "まずはAndroidから！",
                "確定申告（2024年度より）", "（5月11日より順次対応予定）", "（2023年12月開始）", "（今後対応予定）",
                "STEP1", "STEP2", "STEP3", "（6桁～16桁の英数字）", "マイナポータルとは？"],
    "shiryo6": ["資料6", "公的個人認証サービスを利用した最新の利用者情報（4情報）提供サービス", "国の機関（J-LIS）",
                "住所、氏名、生年月日、性別の4情報", "サービス活用前", "サービス活用後", "1年に1度程度郵送で",
                "往復はがきでのやり取りが不要になる", "CRL（失効リスト）", "1日1回等", "左図⑥⑦⑧の一連の流れ"],
    "smartphone-revoke": ["スマホ用電子証明書の失効手続・一時利用停止のお願い", "デジタル庁・総務省", "ご利用者様ご自身による",
                          "下取・買取", "回収・廃棄", "修理", "①アプリ上でメニューを選択", "④6～16ケタのパスワードを入力",
                          "紛失", "盗難", "0120-95-0178", "平日9:30～20:00、土日祝9:30～17:30",
                          "一時利用停止について▶②", "その他失効手続等のお問合せについて▶④", "24時間365日受け付けます"],
}

PAGES = {"shiryo1": 2, "shiryo2": 2, "shiryo3": 6, "shiryo4": 1, "shiryo5": 2, "shiryo6": 1, "smartphone-revoke": 2}
"""Pages of each printed leaflet, as the originals: 資料3 is its two-sided leaflet plus its two forms, field by field."""


@pytest.fixture(scope="module")
def content():
    return load_content(ROOT / "content")


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path) -> str:
    """The PDF's text in the order it was laid out (pdftotext -raw): panels printed side by side
    come one after the other, as a reader reads them, instead of interleaved line by line."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_every_enclosed_leaflet_is_written_as_html_and_pdf(built_site):
    # every package carries the revoke leaflet (sources 000–002); 日本薬剤師会 its own 資料2 and 資料5 (source 000)
    own = {"shiryo2": "shiryo2-nichiyaku", "shiryo5": "shiryo5-nichiyaku"}
    expected = {"itea": set(ALL), "nichiyaku": {own.get(a, a) for a in ALL}, "zenjukyo": set(ALL)}
    for org, ids in expected.items():
        folder = built_site / org / "leaflets"
        assert {p.stem for p in folder.glob("*.pdf")} == ids
        assert {p.stem for p in folder.glob("*.html")} == ids


@pytest.mark.parametrize("leaflet", ALL)
def test_the_printed_leaflet_carries_the_facts_of_the_sources(built_site, leaflet):
    text = squeezed(pdf_text(built_site / "itea" / "leaflets" / f"{leaflet}.pdf"))
    missing = [fact for fact in FACTS[leaflet] if squeezed(fact) not in text]
    assert not missing


@pytest.mark.parametrize("leaflet", ALL)
def test_the_printed_leaflet_is_a4_in_gothic_with_its_title(built_site, leaflet, content):
    path = built_site / "itea" / "leaflets" / f"{leaflet}.pdf"
    reader = PdfReader(path)
    assert len(reader.pages) == PAGES[leaflet]
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    assert reader.metadata.title == content.attachments[leaflet].label
    assert reader.trailer["/Root"]["/Lang"] == "ja"
    fonts = pdf_fonts(path)
    assert re.search(r"[A-Z]{6}\+BIZ-UDGothic\s.*yes\s+yes\s+yes", fonts), fonts
    assert "Mincho" not in fonts and "DejaVu" not in fonts


def printed_urls(attachment) -> list[str]:
    """Every URL the leaflet prints, once per place it stands."""
    urls = []
    for part in attachment.parts:
        if isinstance(part, Link):
            urls.append(part.url)
        elif isinstance(part, ContactPart):
            urls.extend(item.url for item in part.items if item.url)
    return urls


def decoded_qr_codes(pdf, folder) -> list[str]:
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(pdf), str(folder / "page")], check=True)
    found = []
    for png in sorted(folder.glob("page-*.png")):
        found.extend(b.text for b in zxingcpp.read_barcodes(Image.open(png), formats=zxingcpp.BarcodeFormat.QRCode))
    return found


@pytest.mark.parametrize("leaflet", ALL)
def test_qr_codes_on_the_printed_page_decode_to_exactly_the_urls_of_the_content(built_site, leaflet, content,
                                                                              tmp_path):
    pdf = built_site / "itea" / "leaflets" / f"{leaflet}.pdf"
    expected = printed_urls(content.attachments[leaflet])
    assert sorted(decoded_qr_codes(pdf, tmp_path)) == sorted(expected)
    text = squeezed(pdf_text(pdf))
    for url in expected:
        assert url in text, f"{url} is not printed beside its QR code"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, "the QR codes should be vector drawings, not bitmaps"


def test_the_leaflets_together_print_qr_codes_for_five_addresses(content):
    every = {url for a in content.attachments.values() for url in printed_urls(a)}
    assert every == {"https://www.kojinbango-card.go.jp/apprec/abroad/procedure/format/",
                     "https://www.kojinbango-card.go.jp/apprec/abroad/",
                     "https://www.kojinbango-card.go.jp/apprec/abroad/procedure/photo/",
                     "https://www.kojinbango-card.go.jp/apprec/abroad/procedure/",
                     "https://myna.go.jp"}


def test_the_printed_text_follows_the_page_in_reading_order(built_site):
    text = squeezed(pdf_text(built_site / "itea" / "leaflets" / "shiryo3.pdf"))
    order = ["Qだれがマイナンバーカードを作れるの？", "A2015年10月5日以降", "Q以前に返納して還付された",
             "A返納したマイナンバーカードは", "お問い合わせ", "国外での住所を英数字で記入してください。",
             "①旅券（※）", "②通常のマイナンバーカード交付の際に"]
    positions = [text.find(squeezed(fact)) for fact in order]
    assert -1 not in positions and positions == sorted(positions), list(zip(order, positions))


def test_a_notice_that_asks_prints_the_organisations_contact_and_logo_at_the_foot(built_site):
    for leaflet in NUMBERED:
        pdf = built_site / "zenjukyo" / "leaflets" / f"{leaflet}.pdf"
        text = squeezed(pdf_text(pdf))
        assert text.index("配布元・問合せ先") > text.index(squeezed(FACTS[leaflet][-1])), leaflet
        for fact in ["一般社団法人全国住宅産業協会", "担当：米山", "TEL：03-3511-0611"]:
            assert fact in text, (leaflet, fact)
        assert logo_pixels(pdf) > 200, f"{leaflet}: the logo's brand colour is not on the last page"
        html = (built_site / "zenjukyo" / "leaflets" / f"{leaflet}.html").read_text(encoding="utf-8")
        assert '<img class="logo" src="../logo.svg" alt="一般社団法人 全国住宅産業協会 ロゴ">' in html
        assert 'href="tel:0335110611"' in html
    assert (built_site / "zenjukyo" / "logo.svg").is_file()


def logo_pixels(pdf) -> int:
    """Pixels of 全住協's brand colour (#9c2f1f, its logo) on the last page, rendered at 50 dpi."""
    pages = len(PdfReader(pdf).pages)
    png = subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(pages), "-l", str(pages), str(pdf)],
                         capture_output=True, check=True).stdout
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.get_flattened_data() if abs(r - 0x9c) < 24 and abs(g - 0x2f) < 24 and abs(b - 0x1f) < 24)


def test_without_leaflet_contact_the_leaflet_is_the_ministrys_alone(built_site):
    for org in ("itea", "nichiyaku"):
        for pdf in (built_site / org / "leaflets").glob("*.pdf"):
            assert "配布元" not in pdf_text(pdf), pdf


def test_the_contact_block_takes_the_notices_own_contact_before_the_organisations(project):
    notice = project / "content/notices/zenjukyo-2024-08-02.yaml"
    notice.write_text(notice.read_text(encoding="utf-8") + "contact:\n  department: 総務部\n  phone: 03-3511-0612\n",
                      encoding="utf-8")
    content = load_content(project / "content")
    org = content.organisations["zenjukyo"]
    distributor = distributor_for(content, org, content.attachments["shiryo1"])
    assert distributor.contact.phone == "03-3511-0612"
    nichiyaku = content.organisations["nichiyaku"]
    assert distributor_for(content, nichiyaku, content.attachments["shiryo1"]) is None


class _Page(HTMLParser):
    """What a page's markup offers a screen reader: headings, links, lists, table headers, resources."""

    def __init__(self):
        super().__init__()
        self.lang = None
        self.headings: list[int] = []
        self.links: list[str] = []
        self.resources: list[str] = []
        self.tags: list[str] = []
        self.th_scopes: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag in ("img", "script", "link", "iframe", "source"):
            self.resources.append(attrs.get("src") or attrs.get("href") or "")
        if tag == "th":
            self.th_scopes.append(attrs.get("scope"))


def parsed(path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("leaflet", ALL)
def test_the_web_page_is_japanese_with_headings_in_order_and_nothing_from_outside(built_site, leaflet):
    page = parsed(built_site / "itea" / "leaflets" / f"{leaflet}.html")
    assert page.lang == "ja"
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:])), page.headings
    assert all(not re.match(r"[a-z]+:", src) for src in page.resources), page.resources
    assert f"{leaflet}.pdf" in page.links
    assert "ul" in page.tags or "ol" in page.tags


def test_the_comparison_table_has_column_headers(built_site):
    page = parsed(built_site / "itea" / "leaflets" / "shiryo6.html")
    assert page.th_scopes == ["col", "col"]


def test_web_addresses_are_links_on_the_web_page(built_site, content):
    for leaflet in ALL:
        page = parsed(built_site / "itea" / "leaflets" / f"{leaflet}.html")
        for url in printed_urls(content.attachments[leaflet]):
            assert url in page.links, (leaflet, url)


def test_the_organisation_site_links_the_leaflets_each_notice_encloses(built_site):
    for org in ("itea", "nichiyaku", "zenjukyo"):
        home = parsed(built_site / org / "index.html")
        pages = [href for href in home.links if href.startswith("shiryo/")]
        assert pages
        for href in pages:
            leaflet = href.removeprefix("shiryo/").removesuffix(".html")
            links = parsed(built_site / org / href).links
            assert f"../leaflets/{leaflet}.html" in links and f"../leaflets/{leaflet}.pdf" in links
            assert (built_site / org / "leaflets" / f"{leaflet}.pdf").is_file()
    assert "shiryo/smartphone-revoke.html" in parsed(built_site / "itea" / "index.html").links


def test_the_letters_web_page_links_its_enclosed_leaflets(built_site):
    letter = built_site / "itea" / "letters" / "itea-members-2024-06-14.html"
    links = [href for href in parsed(letter).links if "leaflets/" in href]
    assert links == [f"../leaflets/{leaflet}.{kind}" for leaflet in ALL for kind in ("html", "pdf")]
    for href in links:
        assert (letter.parent / href).resolve().is_file()
    html = letter.read_text(encoding="utf-8")
    assert "資料1 マイナンバーカードを健康保険証として使うには" in html
    assert "leaflets/" not in squeezed(pdf_text(letter.with_suffix(".pdf")))


def test_headings_are_cut_into_phrases_never_inside_a_number():
    assert phrase_split("マイナ保険証を使うとどんな良いことがあるの？") == ["マイナ保険証を", "使うと", "どんな", "良いことがあるの？"]
    assert "2024年5/27から" in phrase_split("2024年5/27から マイナンバーカード国外利用が始まります！")


def test_a_heading_on_the_page_is_marked_up_phrase_by_phrase(built_site):
    html = (built_site / "itea" / "leaflets" / "shiryo1.html").read_text(encoding="utf-8")
    h1 = re.search(r"<h1>(.*?)</h1>", html).group(1)
    phrases = re.findall(r'<span class="phrase">([^<]*)</span>', h1)
    assert h1 == "<wbr>".join(f'<span class="phrase">{p}</span>' for p in phrases)
    assert "".join(phrases) == "マイナンバーカードを健康保険証として使うには"
    assert phrases[0] == "マイナンバーカードを" and len(phrases) >= 3


def write(project, relative, text):
    (project / relative).write_text(text, encoding="utf-8")


def test_a_web_address_inside_leaflet_text_is_refused_with_its_line(project):
    path = project / "content/attachments/shiryo2.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "マイナンバーカードをカードリーダーに置いてください。", "詳しくは https://www.mhlw.go.jp/ をご覧ください")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, text_line in enumerate(text.splitlines(), 1) if "https://www.mhlw.go.jp/" in text_line)
    result = run_build(project, "check")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert re.search(rf"content/attachments/shiryo2.yaml:{line}: parts\[\d+\]\.items\[0\]\.text: contains a web address; "
                     r"put it in its own part \(kind: link", result.stderr), result.stderr


def test_an_unknown_numbering_names_the_ones_to_choose_from(project):
    path = project / "content/attachments/shiryo4.yaml"
    text = path.read_text(encoding="utf-8").replace("numbering: ①", "numbering: (1)")
    path.write_text(text, encoding="utf-8")
    line = next(i for i, text_line in enumerate(text.splitlines(), 1) if "numbering: (1)" in text_line)
    result = run_build(project, "check")
    assert result.returncode == 2
    assert f"content/attachments/shiryo4.yaml:{line}: parts[7].numbering:" in result.stderr
    assert "'1', 'STEP1', '①' or 'メリット1'" in result.stderr


def test_a_sub_heading_before_any_section_heading_is_refused(project):
    path = project / "content/attachments/shiryo4.yaml"
    text = path.read_text(encoding="utf-8").replace("    text: 公金受取口座とは\n", "    text: 公金受取口座とは\n    level: 2\n")
    path.write_text(text, encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert ("content/attachments/shiryo4.yaml:7: parts: heading 「公金受取口座とは」 has level 2 but no level 1 "
            "heading comes before it") in result.stderr
