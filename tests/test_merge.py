"""The mail merge as a secretariat uses it: `build.py merge`, then the letters, e-mails and lists it wrote."""

import csv
import os
import re
import subprocess
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pikepdf
import pytest
import yaml
from helpers import ROOT, copy_project, pdf_text, pdfua_failures, run_build, structure_text
from PIL import Image, ImageChops
from pypdf import PdfReader
from pypdf import PdfWriter as PdfAssembler

from shuchi.build.digest import DIGEST, content_digest
from shuchi.build.letters import letter_pdf
from shuchi.content import load_content
from shuchi.destination import write_marker
from shuchi.merge.filenames import UNSAFE
from shuchi.pdf.typesetter import Typesetter
from shuchi.typeset.environment import environment
from shuchi.typeset.letter import notice_letter

LONG = ("一般社団法人とても長い名前の薬剤師会連合会地域支部協議会事務局総務課", "事務局長兼総務課長兼広報担当", "薬剤師 山田太郎左衛門")
ROWS = [
    ("北海道薬剤師会", "事務局長", "", "殿", "hokkaido@example.jp"),
    ("青森県薬剤師会", "事務局長", "", "殿", ""),
    (*LONG, "様", "long@example.jp"),
]
TITLE = "マイナンバーカード活用等に向けた積極的な周知の御協力のお願いについて（お願い）"
LINES = ["北海道薬剤師会 事務局長 殿", "青森県薬剤師会 事務局長 殿", " ".join(LONG) + " 様"]


ONE_WORKER = pytest.mark.xdist_group("numbered-merge")
"""Tests of one merge run on one xdist worker, so the merge is made once (with pytest -n, --dist loadgroup)."""


@dataclass
class Merged:
    root: Path
    out: Path
    result: subprocess.CompletedProcess

    def manifest(self) -> list[dict]:
        with open(self.out / "manifest.csv", encoding="utf-8-sig", newline="") as file:
            return list(csv.DictReader(file))


def merge(root: Path, out: Path, *args: str) -> subprocess.CompletedProcess:
    return run_build(root, "merge", "--org", "nichiyaku", "--out", str(out), *args)


def pdf_text_of(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def numbered(tmp_path_factory) -> Merged:
    """A numbered notice merged to three recipients from a Shift_JIS CSV, as Excel saves it."""
    root = copy_project(tmp_path_factory.mktemp("numbered"))
    listing = root / "宛先一覧.csv"
    listing.write_bytes(("団体名,役職,氏名,敬称,メールアドレス\r\n" +
                         "".join(",".join(row) + "\r\n" for row in ROWS)).encode("cp932"))
    out = root / "out"
    result = merge(root, out, "--notice", "nichiyaku-members-2024-08-08", "--recipients", str(listing), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    return Merged(root, out, result)


@pytest.fixture(scope="module")
def default(tmp_path_factory) -> Merged:
    """The default merge: nichiyaku's newest notice to the 47 prefectural associations."""
    root = copy_project(tmp_path_factory.mktemp("default"))
    out = root / "out"
    result = merge(root, out)
    assert result.returncode == 0, result.stderr
    return Merged(root, out, result)


@ONE_WORKER
def test_each_letter_names_its_own_recipient_and_number_and_no_other(numbered):
    rows = numbered.manifest()
    assert [row["address line"] for row in rows] == LINES
    for index, row in enumerate(rows):
        text = flat(pdf_text(numbered.out / row["file"]))
        assert flat(LINES[index]) in text
        assert f"日薬業発第{151 + index}号" in text
        for other in (flat(line) for n, line in enumerate(LINES) if n != index):
            assert other not in text
        assert "会員各位" not in text
        assert "このたび、厚生労働省医薬局より" in text and "以上" in text


@ONE_WORKER
def test_numbers_come_from_the_register_unique_and_consecutive(numbered):
    register = yaml.safe_load((numbered.root / "content/registers/nichiyaku.yaml").read_text(encoding="utf-8"))
    numbers = [entry["number"] for entry in register["issued"]]
    assert numbers == list(range(150, 154))
    assert [entry["recipient"] for entry in register["issued"][1:]] == LINES
    assert {entry["notice"] for entry in register["issued"]} == {"nichiyaku-members-2024-08-08"}
    assert [row["document number"] for row in numbered.manifest()] == ["日薬業発第151号", "日薬業発第152号", "日薬業発第153号"]
    assert "文書番号 日薬業発第151号 – 日薬業発第153号" in numbered.result.stdout


@ONE_WORKER
def test_the_combined_pdf_has_every_letter_in_order(numbered):
    rows = numbered.manifest()
    combined = PdfReader(numbered.out / "all-letters.pdf")
    assert len(combined.pages) == sum(int(row["pages"]) for row in rows)
    first_pages = [0]
    for row in rows[:-1]:
        first_pages.append(first_pages[-1] + int(row["pages"]))
    for page, line in zip(first_pages, LINES):
        text = flat(subprocess.run(["pdftotext", "-f", str(page + 1), "-l", str(page + 1), "-layout",
                                    str(numbered.out / "all-letters.pdf"), "-"], capture_output=True, text=True).stdout)
        assert flat(line) in text


@ONE_WORKER
def test_each_email_is_a_draft_with_headers_body_and_the_pdfs_attached(numbered):
    rows = numbered.manifest()
    assert [row["mail"] != "" for row in rows] == [True, False, True]
    assert sorted(p.name for p in (numbered.out / "mail").iterdir()) == sorted(r["mail"][5:] for r in rows if r["mail"])
    for row in (r for r in rows if r["mail"]):
        message = BytesParser(policy=policy.default).parsebytes((numbered.out / row["mail"]).read_bytes())
        assert message["To"].addresses[0].addr_spec == row["e-mail"]
        assert flat(message["To"].addresses[0].display_name) == flat(row["recipient"])
        assert message["Subject"] == "【" + row["document number"] + "】" + TITLE
        assert message["Date"].datetime is not None
        assert re.fullmatch(r"<[^@<>]+@www\.nichiyaku\.or\.jp>", message["Message-ID"])
        assert message["X-Unsent"] == "1"
        body = message.get_body(("plain",)).get_content()
        assert body.startswith(row["address line"].rsplit(" ", 1)[0].split(" ")[0])
        assert "平素より" in body and "このたび、厚生労働省医薬局より" in body
        assert f"文書番号：{row['document number']}" in body
        assert "【問合せ先】" in body and "公益社団法人 日本薬剤師会 総務部総務課" in body
        attachments = list(message.iter_attachments())
        assert {a.get_content_type() for a in attachments} == {"application/pdf"}
        assert attachments[0].get_filename() == Path(row["file"]).name
        assert attachments[0].get_content() == (numbered.out / row["file"]).read_bytes()
        # content holds 厚生労働省's letter only as 日本薬剤師会's relay quotes it: nothing is attached as that letter
        assert not any(a.get_filename().startswith("厚生労働省") for a in attachments)
        assert [a.get_filename()[:4] for a in attachments[1:7]] == [f"資料{n}_" for n in range(1, 7)]
        assert attachments[7].get_filename().startswith("スマホ用電子証明書の失効手続")
        for attachment in attachments:
            assert attachment.get_content().startswith(b"%PDF-")
            assert attachment.get_filename() in body
        assert "健康保険証" in pdf_text_of(attachments[1].get_content())


@ONE_WORKER
def test_manifest_opens_in_excel(numbered):
    raw = (numbered.out / "manifest.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = numbered.manifest()
    assert list(rows[0]) == ["recipient", "address line", "e-mail", "document number", "file", "pages", "mail"]
    assert rows[1]["recipient"] == "青森県薬剤師会 事務局長" and rows[1]["e-mail"] == ""
    for row in rows:
        assert int(row["pages"]) == len(PdfReader(numbered.out / row["file"]).pages)


@ONE_WORKER
def test_file_names_are_readable_and_safe_on_windows(numbered):
    names = [Path(row["file"]).name for row in numbered.manifest()]
    assert names[0] == "001_日薬業発第151号_北海道薬剤師会_事務局長.pdf"
    for name in names:
        assert not UNSAFE.search(name) and " " not in name and len(name) <= 84


@ONE_WORKER
def test_a_letter_looks_the_same_as_the_letter_laid_out_on_its_own(numbered, tmp_path):
    """The merged letter's pages (a shared body with the recipient's head drawn in) against WeasyPrint's own layout."""
    content = load_content(numbered.root / "content", numbered.root)
    letter = notice_letter(content, content.notices["nichiyaku-members-2024-08-08"], number=151, addressee=LINES[0])
    writer = Typesetter(numbered.root)
    logo = numbered.root / "content/organisations/logos/nichiyaku.svg"
    alone, pages = letter_pdf(writer, environment(), letter, logo)
    (tmp_path / "alone.pdf").write_bytes(alone)
    merged = numbered.out / numbered.manifest()[0]["file"]
    assert len(PdfReader(merged).pages) == pages
    for page in (1, 2):
        images = []
        for name, path in (("alone", tmp_path / "alone.pdf"), ("merged", merged)):
            subprocess.run(["pdftoppm", "-gray", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile", "-png",
                            str(path), str(tmp_path / name)], check=True)
            images.append(Image.open(tmp_path / f"{name}.png").convert("L"))
        difference = ImageChops.difference(*images)
        assert difference.getextrema()[1] < 40, f"page {page} differs at {difference.getbbox()}"


@ONE_WORKER
def test_merged_letters_stay_tagged_pdfa_and_pdfua(numbered):
    """Stamping each recipient's head onto the shared body keeps the structure tree, the metadata and the
    PDF/A and PDF/UA identification: the first two letters are stamped, the third laid out whole."""
    rows = numbered.manifest()
    for row in rows:
        path = numbered.out / row["file"]
        assert pdfua_failures(path) == [], row["file"]
        with pikepdf.open(path) as pdf:
            xmp = pdf.open_metadata()
            assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == ("3", "A", "1")
            assert [intent.S for intent in pdf.Root.OutputIntents] == ["/GTS_PDFA1"]
            assert str(pdf.docinfo.Title) == xmp["dc:title"] == TITLE
            assert pdf.Root.Lang == "ja" and flat(str(pdf.Root.Outlines.First.Title)) == flat(TITLE)
    for row, line in zip(rows[:2], LINES[:2]):
        # what a screen reader reads of a stamped letter: its own head, then the 件名, then the body
        read = flat("".join(re.findall(r'"(.*)"', structure_text(numbered.out / row["file"]))))
        assert read.count(flat(line)) == 1
        assert read.index(flat(row["document number"])) < read.index(flat(line)) < read.index(flat(TITLE))
        assert read.index(flat(TITLE)) < read.index("平素より")


@ONE_WORKER
def test_the_combined_print_file_is_tagged_with_a_part_and_a_bookmark_per_letter(numbered):
    """all-letters.pdf, its body's pages stored once, is as tagged and as archival as each letter: one part of the
    structure and one bookmark per recipient, at its first page; a screen reader reads the letters in order."""
    path = numbered.out / "all-letters.pdf"
    assert pdfua_failures(path) == []
    rows = numbered.manifest()
    labels = [f"{number:03d} {line}（{row['document number']}）" for number, (line, row) in enumerate(zip(LINES, rows), 1)]
    first_pages = [0, int(rows[0]["pages"]), int(rows[0]["pages"]) + int(rows[1]["pages"])]
    with pikepdf.open(path) as pdf:
        xmp = pdf.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"], xmp["pdfuaid:part"]) == ("3", "A", "1")
        assert [intent.S for intent in pdf.Root.OutputIntents] == ["/GTS_PDFA1"]
        assert str(pdf.docinfo.Title) == xmp["dc:title"] == f"{TITLE}（3通）"
        assert pdf.Root.Lang == "ja"
        parts = list(pdf.Root.StructTreeRoot.K[0].K)
        assert [(str(part.S), str(part.T)) for part in parts] == [("/Part", label) for label in labels]
        assert [pdf.pages.index(pikepdf.Page(part.K[0].Pg)) for part in parts] == first_pages
        bookmarks, item = [], pdf.Root.Outlines.First
        while item is not None:
            bookmarks.append((str(item.Title), pdf.pages.index(pikepdf.Page(item.Dest[0])), flat(str(item.First.Title))))
            item = item.get("/Next")
        assert bookmarks == [(label, page, flat(TITLE)) for label, page in zip(labels, first_pages)]
    read = flat("".join(re.findall(r'"(.*)"', structure_text(path))))
    letters = read.split(flat(TITLE))
    assert len(letters) == 4 and all(flat(line) in letters[index] for index, line in enumerate(LINES))


@ONE_WORKER
def test_a_head_taller_than_the_blank_is_laid_out_whole(numbered):
    row = numbered.manifest()[2]
    text = flat(pdf_text(numbered.out / row["file"]))
    assert flat(LINES[2]) in text
    assert text.index(flat(LINES[2])) < text.index("マイナンバーカード活用等に向けた")
    assert "1 letter(s) laid out on their own" in numbered.result.stderr


@ONE_WORKER
def test_merging_again_keeps_each_letters_number(numbered, tmp_path):
    register = numbered.root / "content/registers/nichiyaku.yaml"
    before = register.read_bytes()
    listing = tmp_path / "postal.csv"  # the same recipients, this time by post only
    listing.write_text("団体名,役職,氏名,敬称\n" + "".join(",".join(row[:4]) + "\n" for row in ROWS), encoding="utf-8")
    result = merge(numbered.root, tmp_path / "again", "--notice", "nichiyaku-members-2024-08-08",
                   "--recipients", str(listing))
    assert result.returncode == 0, result.stderr
    assert register.read_bytes() == before
    assert "001_日薬業発第151号_北海道薬剤師会_事務局長.pdf" in {p.name for p in (tmp_path / "again/letters").iterdir()}


def test_an_up_to_date_built_leaflet_is_attached_a_stale_one_is_laid_out_again(tmp_path):
    root = copy_project(tmp_path / "project")
    listing = root / "one.csv"
    listing.write_text("団体名,役職,敬称,メールアドレス\n北海道薬剤師会,事務局長,殿,hokkaido@example.jp\n", encoding="utf-8")
    notice = root / "content/notices/nichiyaku-2024-08-08.yaml"  # enclosing 資料4 only keeps the test short
    text = re.sub(r"attachments: \[.*\]", "attachments: [shiryo4]", notice.read_text(encoding="utf-8"))
    notice.write_text(re.sub(r"\n *- ・資料[12356]_[^\n]*", "", text), encoding="utf-8")  # and lists only 資料4
    circular = root / "content/circulars/mhlw-2024.yaml"  # nor does the ministry's package add the revoke leaflet
    circular.write_text(re.sub(r"also_enclosed: \[.*\]", "also_enclosed: []", circular.read_text(encoding="utf-8")),
                        encoding="utf-8")
    built = root / "site/nichiyaku/leaflets/shiryo4.pdf"
    built.parent.mkdir(parents=True)
    as_built = PdfAssembler()  # stands for the leaflet the last `make site` wrote
    as_built.add_blank_page(595, 842)
    as_built.write(built)
    (root / "site" / DIGEST).write_text(content_digest(root))  # as the last `make site` records what it built from

    def attached() -> bytes:
        result = merge(root, root / "out", "--recipients", str(listing))
        assert result.returncode == 0, result.stderr
        (mail,) = (root / "out/mail").iterdir()
        message = BytesParser(policy=policy.default).parsebytes(mail.read_bytes())
        return next(a for a in message.iter_attachments() if a.get_filename().startswith("資料4_")).get_content()

    assert attached() == built.read_bytes()
    os.utime(root / "content/attachments/shiryo4.yaml")  # a newer time alone changes nothing
    assert attached() == built.read_bytes()
    leaflet = root / "content/attachments/shiryo4.yaml"
    stat = leaflet.stat()
    leaflet.write_text(leaflet.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    os.utime(leaflet, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # edited, but with its old time (rsync -a)
    fresh = attached()
    assert fresh != built.read_bytes() and "本人口座" in pdf_text_of(fresh)


def test_an_organisation_with_its_own_letterhead_gets_it_on_every_merged_letter(tmp_path):
    root = copy_project(tmp_path / "project")
    own = root / "content/organisations/zenjukyo/templates/letter/letterhead.html.j2"
    own.parent.mkdir(parents=True)
    own.write_text('<header class="letterhead"><img class="logo" src="{{ logo }}" alt="全住協 ロゴ">'
                   '<p class="org-name">{{ letter.organisation.full_name }} 業務推進部</p>'
                   '<p><a href="https://www.zenjukyo.jp/">www.zenjukyo.jp</a></p></header>\n', encoding="utf-8")
    listing = root / "list.csv"
    listing.write_text("団体名,役職,氏名,敬称\n株式会社さくら住建,代表取締役,山田 太郎,様\n東都ホーム株式会社,,,御中\n",
                       encoding="utf-8")
    result = run_build(root, "merge", "--org", "zenjukyo", "--recipients", str(listing), "--out", str(root / "out"))
    assert result.returncode == 0, result.stderr
    for letter in (root / "out/letters").iterdir():
        assert "全国住宅産業協会業務推進部" in flat(pdf_text(letter))
        assert pdfua_failures(letter) == []  # its logo and its link are tagged like the project's letterhead
        links = [annotation for page in PdfReader(letter).pages for annotation in page.get("/Annots", [])]
        assert "https://www.zenjukyo.jp/" in [link.get_object()["/A"]["/URI"] for link in links]
    combined = root / "out/all-letters.pdf"
    assert pdfua_failures(combined) == []  # each letter's own link, tagged, on its own first page

    def uris(path: Path) -> list[str]:
        return [annotation.get_object()["/A"]["/URI"] for page in PdfReader(path).pages
                for annotation in page.get("/Annots", [])]
    assert uris(combined) == [uri for row in Merged(root, root / "out", result).manifest()
                              for uri in uris(root / "out" / row["file"])]


@pytest.fixture
def previous(tmp_path) -> tuple[Path, Path, bytes]:
    """A project whose last merge output and register a failed merge must leave as they were."""
    root = copy_project(tmp_path / "project")
    out = root / "out"
    out.mkdir()
    (out / "keep.txt").write_text("the last good merge")
    write_marker(out)  # as a merge leaves it: every file listed
    return root, out, (root / "content/registers/nichiyaku.yaml").read_bytes()


def assert_unchanged(root: Path, out: Path, register: bytes) -> None:
    assert sorted(p.name for p in out.iterdir()) == [".shuchi-merge", "keep.txt"]
    assert (root / "content/registers/nichiyaku.yaml").read_bytes() == register
    assert [p.name for p in root.iterdir() if p.name.startswith((".out.new-", ".out.old-"))] == []


def test_a_bad_row_stops_the_merge_before_anything_is_written(previous):
    root, out, register = previous
    listing = root / "list.csv"
    listing.write_text("団体名,役職,敬称,メールアドレス\n北海道薬剤師会,事務局長,殿,hokkaido@example\n", encoding="utf-8")
    result = merge(root, out, "--notice", "nichiyaku-members-2024-08-08", "--recipients", str(listing))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "list.csv:2: メールアドレス: 'hokkaido@example' is not an e-mail address" in result.stderr
    assert_unchanged(root, out, register)


def test_an_unreadable_recipient_file_stops_the_merge(previous):
    root, out, register = previous
    result = merge(root, out, "--notice", "nichiyaku-members-2024-08-08", "--recipients", str(root / "content"))
    assert result.returncode == 2
    assert "expected a .csv or .yaml file" in result.stderr
    assert_unchanged(root, out, register)


def test_a_merge_failing_midway_issues_no_number_and_leaves_the_last_output(previous):
    root, out, register = previous
    listing = root / "list.csv"
    listing.write_text("団体名,役職,敬称\n北海道薬剤師会,事務局長,殿\n青森県薬剤師会,事務局長,殿\n"
                       "岩手県薬剤師会\U00013000,事務局長,殿\n", encoding="utf-8")
    result = merge(root, out, "--notice", "nichiyaku-members-2024-08-08", "--recipients", str(listing), "--jobs", "2")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "no Japanese font can print" in result.stderr and "U+13000" in result.stderr
    assert_unchanged(root, out, register)


def test_the_default_merge_addresses_all_47_associations(default):
    rows = default.manifest()
    assert len(rows) == 47 and len(list((default.out / "letters").iterdir())) == 47
    assert len(list((default.out / "mail").iterdir())) == 47
    assert rows[12]["address line"] == "東京都薬剤師会 事務局長 殿"
    assert rows[12]["file"] == "letters/013_東京都薬剤師会_事務局長.pdf"
    assert all(row["document number"] == "" for row in rows)
    assert len(PdfReader(default.out / "all-letters.pdf").pages) == sum(int(row["pages"]) for row in rows)
    organisations = [row["recipient"].split(" ")[0] for row in rows]
    for row in rows:
        text = flat(pdf_text(default.out / row["file"]))
        assert "事務連絡" in text and flat(row["address line"]) in text
        assert [name for name in organisations if name in text] == [row["recipient"].split(" ")[0]]
    assert (default.root / "content/registers/nichiyaku.yaml").read_text() == \
        (ROOT / "content/registers/nichiyaku.yaml").read_text()
    assert "merged nichiyaku-2024-08-08: 47 letters" in default.result.stdout
