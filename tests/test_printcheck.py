"""The print check: every defect kind it reports is found on a small page made to have it, a page
without it passes, the default content has none, and `check --print` fails on one."""

import pytest
from weasyprint import HTML

from shuchi.cli import EXIT_PRINT, main
from shuchi.pdf.printcheck import check_document

PAGE = ("@page { size: 100mm 80mm; margin: 10mm; } "
        "body { font-family: 'BIZ UDMincho'; font-size: 10pt; line-height: 1.5; margin: 0 } "
        "p, h2 { margin: 0; font-size: 10pt }")
"""A small page: 60 mm of text height, a line is 5.3 mm."""

FIVE_LINES = '<p style="break-inside: avoid">一<br>二<br>三<br>四<br>五</p>'

def found(body: str) -> list[tuple[int, str, str]]:
    """(page, kind, message) of each defect on ``body`` laid out by WeasyPrint."""
    document = HTML(string=f'<html lang="ja"><style>{PAGE}</style><body>{body}</body></html>').render()
    return [(d.page, d.kind, d.message) for d in check_document(document)]

@pytest.mark.parametrize(("body", "expected"), [
    pytest.param(f'<div style="height: 52mm"></div><h2 style="break-after: auto">見出し</h2>{FIVE_LINES}',
                 [(1, "heading", "heading 「見出し」 is the last line of the page")], id="heading-at-foot"),
    pytest.param('<div style="height: 52mm"></div><p class="subhead" style="break-after: auto">【ご案内】</p>'
                 f'{FIVE_LINES}',
                 [(1, "heading", "heading 「【ご案内】」 is the last line of the page")], id="subhead-at-foot"),
    pytest.param('<div style="height: 58mm"></div><p>一行目<br>二行目</p>',
                 [(2, "blank", "the last page is nearly blank: its 2 line(s) fill 18% of the page; "
                               "keep them with the page before")], id="nearly-blank-last-page"),
    pytest.param('<p style="white-space: pre">あいうえお\n。かきくけこ\nさしすせそ（\nたちつ</p>',
                 [(1, "kinsoku", "line 「。かきくけこ」 starts with 「。」"),
                  (1, "kinsoku", "line 「さしすせそ（」 ends with 「（」")], id="kinsoku"),
    pytest.param('<p style="white-space: pre">担当 <span class="name">山田\n太郎</span></p>',
                 [(1, "split", "「担当 山田／太郎」: a word or name is split across lines")], id="name-split"),
    pytest.param('<p style="white-space: pre">締切は令和6年6月4\n日です</p>',
                 [(1, "split", "「締切は令和6年6月4／日です」: 「4日」 is split across lines")], id="date-split"),
    pytest.param('<p style="white-space: pre">TEL 03-3511-\n0611</p>',
                 [(1, "split", "「TEL 03-3511-／0611」: 「03-3511-0611」 is split across lines")], id="phone-split"),
    pytest.param('<aside class="contact"><p style="white-space: pre">全国住宅産業協会 事務\n局</p></aside>',
                 [(1, "split", "「全国住宅産業協会 事務／局」: a word is split across lines")], id="word-split-in-box"),
    pytest.param('<p style="margin-left: -15mm">はみ出す文字</p>',
                 [(1, "margin", "text 「はみ出す文字」 lies outside the margins")], id="outside-margin"),
    pytest.param('<p>象形文字\U00013000です</p>',
                 [(1, "glyph", "「\U00013000」 (U+13000) has no glyph in any font and prints as a box")],
                 id="missing-glyph"),
])
def test_each_defect_is_found_where_it_is(body, expected):
    assert found(body) == expected

@pytest.mark.parametrize("body", [
    pytest.param(f'<div style="height: 52mm"></div><h2 style="break-after: avoid">見出し</h2>{FIVE_LINES}',
                 id="heading-kept-with-its-text"),
    pytest.param('<div style="height: 40mm"></div><p>一行目<br>二行目</p>', id="one-page"),
    pytest.param('<p style="white-space: pre">あいうえお、\nかきくけこ。\n・さしすせそ</p>', id="kinsoku-right"),
    pytest.param('<p style="white-space: pre">担当 <span class="name">山田 太郎</span>\nTEL 03-3511-0611</p>',
                 id="name-whole"),
    pytest.param('<p style="white-space: pre">締切は令和6年\n6月4日です</p>', id="date-between-units"),
    pytest.param('<aside class="contact"><p style="white-space: pre">全国住宅産業協会 \n事務局</p></aside>',
                 id="break-between-words-in-box"),
    pytest.param('<p style="width: 24mm">2190 N. Canal Street, Orange, CA 92865 USA</p>',
                 id="latin-words-break-at-spaces"),
    pytest.param('<p style="white-space: pre">本文は語の途中で改行してもよい。事務\n局</p>', id="prose-breaks-anywhere"),
    pytest.param('<p style="white-space: pre">https://www.example.jp/archives/\ndata/240802.pdf</p>', id="long-url"),
])
def test_a_page_without_the_defect_passes(body):
    assert found(body) == []

def test_the_default_content_prints_without_a_defect(built_report):
    assert built_report.print_checked == built_report.documents == 28
    assert built_report.misprints == []

@pytest.fixture
def zenjukyo_only(project):
    """The project with only 全住協 and its notices (a build of one organisation)."""
    content = project / "content"
    for other in ("itea", "nichiyaku"):
        (content / "organisations" / f"{other}.yaml").unlink()
        for path in [*content.glob(f"notices/{other}-*.yaml"), *content.glob(f"recipients/{other}.*"),
                     *content.glob(f"registers/{other}.yaml"), *content.glob(f"attachments/*-{other}.yaml")]:
            path.unlink()
    return project

def test_check_print_fails_naming_each_defect_and_leaves_site_alone(zenjukyo_only, capsys):
    """One build of 全住協 with two defects: its own letterhead no longer keeps the 【…】 sub-headings with
    their text, and shiryo4 (70 % of its page with 全住協's footer) is made long enough to fit one page only
    without the footer."""
    own = zenjukyo_only / "content/organisations/zenjukyo/templates/letter/letterhead.html.j2"
    own.parent.mkdir(parents=True)
    own.write_text('<style>.body .subhead { break-after: auto; }</style>\n'
                   '{% include "shuchi/letter/letterhead.html.j2" %}\n', encoding="utf-8")
    leaflet = zenjukyo_only / "content/attachments/shiryo4.yaml"
    text = leaflet.read_text(encoding="utf-8")
    longer = text.replace("parts:\n", "parts:\n  - kind: text\n    text: |\n" + "      余白を埋める行です。\n\n" * 12, 1)
    assert longer != text
    leaflet.write_text(longer, encoding="utf-8")

    assert main(["--root", str(zenjukyo_only), "check", "--print"]) == EXIT_PRINT
    err = capsys.readouterr().err
    assert ("warning: site/zenjukyo/letters/zenjukyo-members-2024-08-02.pdf p1: heading 「【簡単にマイナンバーカードを健康保険証と"
            "してご利…」 is the last line of the page") in err
    assert ("warning: site/zenjukyo/leaflets/shiryo4.pdf p2: the 配布元・問合せ先 footer (leaflet_contact: true) "
            "pushes this one-page leaflet onto a second page") in err
    assert "site/ is unchanged" in err
    assert not (zenjukyo_only / "site").exists()
