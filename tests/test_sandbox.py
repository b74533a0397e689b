"""Nothing in content reaches outside the project or into a reader's browser.

WeasyPrint's fetcher serves only the project's folders; an organisation's own template
that points at files elsewhere gets nothing embedded in its PDF; a script typed into
content arrives escaped in every HTML page, as a real Chromium shows it.
"""

import dataclasses
import os
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from browser import serve
from helpers import ROOT, copy_project, run_build
from PIL import Image
from pypdf import PdfReader

from shuchi.build.letters import letter_pdf
from shuchi.content.check import check_content
from shuchi.pdf.typesetter import ProjectFetcher, RefusedURL, Typesetter
from shuchi.typeset.environment import environment
from shuchi.typeset.letter import notice_letter
from shuchi.typeset.markdown import markdown

PAYLOAD = '<script>alert("xss")</script>"><img src=x onerror=alert(1)>'


@pytest.fixture
def fetcher(tmp_path) -> ProjectFetcher:
    (tmp_path / "project" / "content").mkdir(parents=True)
    (tmp_path / "project" / "content" / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "project" / "content" / "link.svg").symlink_to(tmp_path / "secret.txt")
    return ProjectFetcher([tmp_path / "project" / "content"])


def test_the_fetcher_serves_files_inside_the_project(fetcher, tmp_path):
    response = fetcher.fetch((tmp_path / "project" / "content" / "logo.svg").as_uri())
    assert b"<svg" in response.read()
    assert fetcher.refused == []


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file:///etc/hostname",
    "file://localhost/etc/passwd",
    "file://evil.example{project}/content/logo.svg",
    "file://{project}/content/../../secret.txt",
    "file://{project}/content/%2e%2e/%2e%2e/secret.txt",
    "file://{project}/content/link.svg",
    "file://{project}/content/missing.svg",
    "http://127.0.0.1:9/",
    "https://example.com/logo.png",
    "ftp://example.com/logo.png",
    "gopher://example.com/",
    "jar:file:///tmp/x.zip!/y",
])
def test_the_fetcher_refuses_everything_else(fetcher, tmp_path, url):
    url = url.replace("{project}", (tmp_path / "project").as_posix())
    with pytest.raises(RefusedURL):
        fetcher.fetch(url)
    assert fetcher.refused[-1][1] == url


SECRET_IMAGE = Path(tempfile.gettempdir()) / f"shuchi-test-secret-{os.getpid()}.png"
"""An image outside the project (per process, so parallel runs never share it)."""

OUTSIDE_IMAGES = (f"![パスワード](file:///etc/passwd) ![秘密]({SECRET_IMAGE}) "
                  f"![追跡](https://evil.example/t.png)")


def test_markdown_images_from_outside_never_become_images():
    html = markdown(OUTSIDE_IMAGES)
    assert "<img" not in html
    assert "![パスワード](file:///etc/passwd) 秘密 追跡" in html


def test_a_letter_with_outside_images_in_its_text_has_no_image_in_its_pdf(tmp_path, request):
    Image.new("RGB", (20, 20), (255, 0, 0)).save(SECRET_IMAGE)
    request.addfinalizer(SECRET_IMAGE.unlink)
    content = check_content(ROOT)
    letter = dataclasses.replace(notice_letter(content, content.notices["zenjukyo-2024-08-02"]),
                                 intro=OUTSIDE_IMAGES)  # as if check had been skipped
    writer = Typesetter(ROOT)
    data, _ = letter_pdf(writer, environment(), letter,
                         ROOT / "content" / "organisations" / "logos" / "zenjukyo.svg")
    (tmp_path / "letter.pdf").write_bytes(data)
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "letter.pdf")], capture_output=True, text=True,
                            check=True).stdout
    assert images.splitlines()[2:] == []
    text = subprocess.run(["pdftotext", str(tmp_path / "letter.pdf"), "-"], capture_output=True, text=True).stdout
    assert "秘密 追跡" in text
    assert writer.fetcher.refused == []  # never even asked for


@pytest.fixture(scope="module")
def own_template_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """The default content, where 全住協's own letterhead points at files outside the project; 全住協 and ITEA
    (another organisation, whose letters must not get that letterhead) are built."""
    project = tmp_path_factory.mktemp("own")
    copy_project(project)
    outside = tmp_path_factory.mktemp("outside")
    Image.new("RGB", (20, 20), (255, 0, 0)).save(outside / "secret.png")
    (outside / "secret.txt").write_text("SECRET-PASSWORD-42")
    logos = project / "content" / "organisations" / "logos"
    Image.new("RGB", (20, 20), (0, 0, 255)).save(logos / "stamp.png")  # inside: the control that must be embedded
    (logos / "copy.txt").write_text("a copy for the files")
    own = project / "content" / "organisations" / "zenjukyo" / "templates" / "letter"
    own.mkdir(parents=True)
    (own / "letterhead.html.j2").write_text(f"""<style>.letterhead {{ border-top: 2px solid; }}</style>
{{% include "shuchi/letter/letterhead.html.j2" %}}
<p class="own-letterhead">全住協 独自レターヘッド
<img src="{outside / "secret.png"}" alt=""><img src="stamp.png" alt="印"></p>
<p><a rel="attachment" href="copy.txt">控え</a></p>
""", encoding="utf-8")
    return project, run_build(project, "build", "--org", "zenjukyo", "--org", "itea")


def test_an_own_template_builds_and_its_letterhead_is_only_on_its_own_notices(own_template_site):
    project, result = own_template_site
    assert result.returncode == 0, result.stderr
    site = project / "site"
    own_letter = subprocess.run(["pdftotext", str(site / "zenjukyo/letters/zenjukyo-2024-08-02.pdf"), "-"],
                                capture_output=True, text=True, check=True).stdout
    ministry = subprocess.run(["pdftotext", str(site / "zenjukyo/circulars/mlit-2024-07-29.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
    other = subprocess.run(["pdftotext", str(site / "itea/letters/itea-members-2024-06-14.pdf"), "-"],
                           capture_output=True, text=True, check=True).stdout
    assert "独自レターヘッド" in own_letter
    assert "独自レターヘッド" not in ministry and "独自レターヘッド" not in other
    intranet = (site / "zenjukyo/notices/zenjukyo-2024-08-02.html").read_text(encoding="utf-8")
    assert "独自レターヘッド" in intranet


def test_files_outside_the_project_are_not_embedded_in_the_pdf(own_template_site):
    project, result = own_template_site
    pdf = project / "site" / "zenjukyo" / "letters" / "zenjukyo-2024-08-02.pdf"
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in images.splitlines()[2:]]
    assert len(rows) == 1 and rows[0][3:5] == ["20", "20"]  # only stamp.png from inside the project
    assert subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "30", "-png", str(pdf)],
                          capture_output=True, check=True).stdout  # the page still renders
    reader = PdfReader(pdf)
    attached = [annot.get_object()["/FS"].get_object()["/EF"]["/F"].get_object().get_data()
                for page in reader.pages for annot in page.get("/Annots", []) or []
                if annot.get_object().get("/Subtype") == "/FileAttachment"]
    assert attached == [b"a copy for the files"]
    assert not reader.attachments
    for page in reader.pages:
        assert b"SECRET-PASSWORD" not in page.extract_text().encode()
    for refused in ("secret.png",):
        assert any(line.startswith("warning: zenjukyo-2024-08-02: ") and refused in line and "was not embedded" in line
                   for line in result.stderr.splitlines()), result.stderr


INJECTED = pytest.mark.xdist_group("injected-site")
"""The tests of the injected site run on one worker, so that it is built once."""


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory) -> Path:
    """The default content with a script typed into every kind of text that reaches a page; the organisation
    that carries it (全住協) built, with the top index."""
    project = tmp_path_factory.mktemp("xss")
    copy_project(project)

    def edit(relative: str, change) -> None:
        path = project / "content" / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def organisation(data):
        data["name"] += PAYLOAD
        data["address"] = PAYLOAD
        data["contact"]["person"] = PAYLOAD
        data["audiences"]["members"]["organisation"] = PAYLOAD + "会員"

    def notice(data):
        data["title"] += PAYLOAD
        data["greeting"] = PAYLOAD
        data["intro"] += f"\n{PAYLOAD}\n"
        data["ki"][0]["label"] += PAYLOAD
        data["ki"][1]["text"] += f"\n{PAYLOAD}\n"

    def circular(data):
        data["issuer"]["ministry"] += PAYLOAD
        data["sections"][1]["heading"] += PAYLOAD
        data["addressee"]["organisation"] += PAYLOAD

    def topic(data):
        data["heading"] += PAYLOAD
        data["body"] += f"\n{PAYLOAD}\n"

    def leaflet(data):
        data["title"] += PAYLOAD
        data["summary"] = PAYLOAD

    def document(data):
        data["title"] += PAYLOAD
        data["appendix_pages"][21] = PAYLOAD

    edit("organisations/zenjukyo.yaml", organisation)
    edit("notices/zenjukyo-2024-08-02.yaml", notice)
    edit("circulars/mlit-2024-07-29.yaml", circular)
    edit("topics/overseas-use.yaml", topic)
    edit("attachments/shiryo1.yaml", leaflet)
    edit("documents/welfare-manual/document.yaml", document)
    result = run_build(project, "build", "--org", "zenjukyo")
    assert result.returncode == 0, result.stderr
    return project / "site"


class _Runnable(HTMLParser):
    """What a browser runs in a page: script elements, event handlers, javascript: addresses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.code: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on") or "javascript:" in (value or "").lower() or tag == "script":
                self.code.append(value or "")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.code.append(data)


@INJECTED
def test_an_injected_script_arrives_escaped_in_every_html_file(injected_site):
    pages = sorted(injected_site.rglob("*.html"))
    assert len(pages) >= 30  # 全住協's site: notices, letters, circulars, 資料, manual chapters; the top index
    carrying = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        runnable = _Runnable()
        runnable.feed(html)
        assert not [code for code in runnable.code if "alert(" in code], page
        carrying += "&lt;script&gt;alert(" in html
    assert carrying >= 20  # the payload did reach the pages: letters, circular, site pages, navigation


@INJECTED
def test_chromium_shows_the_script_as_text_and_runs_nothing(injected_site, browser):
    paths = ["zenjukyo/letters/zenjukyo-2024-08-02.html", "zenjukyo/circulars/mlit-2024-07-29.html",
             "zenjukyo/index.html", "zenjukyo/notices/zenjukyo-2024-08-02.html", "zenjukyo/shiryo/shiryo1.html",
             "zenjukyo/ministry/mlit-2024-07-29.html", "zenjukyo/manual/welfare-manual/appendix.html", "index.html"]
    dialogs, shown = [], []
    with serve(injected_site) as url:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in paths:
            page.goto(f"{url}/{path}")
            page.wait_for_load_state("networkidle")
            assert page.evaluate("document.querySelectorAll('[onerror], iframe, object, embed').length") == 0, path
            shown.append(page.inner_text("body"))
        page.goto(f"{url}/zenjukyo/index.html")
        page.fill("#shuchi-q", "xss")
        page.click(".shuchi-header-search button")
        page.wait_for_selector("#shuchi-search-results li a", timeout=15000)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.querySelectorAll('#shuchi-search-results [onerror], #shuchi-search-results script').length") == 0
        shown.append(page.inner_text("body"))
        page.close()
    assert dialogs == []
    assert sum('<script>alert("xss")</script>' in text for text in shown) >= 6
