"""Stage 5b: each organisation's intranet site, generated as plain Markdown plus an
``mkdocs.yml`` and built with MkDocs + Material (no plugins of our own, no hooks).

The site folder holds everything: pages, letters and leaflets as HTML and PDF, the
manual. Nothing is fetched from outside, so it can be copied to any intranet server.

MkDocs' Markdown passes raw HTML through, so every text from content that goes into a
generated page goes through :func:`md_text` and is shown as written, never read as
HTML or Markdown; the manual's own Markdown is checked for HTML before (content.py).
"""

import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from ..errors import BuildError
from ..model import Attachment, Circular, Hinagata, Notice, Organisation
from ..model.document import Document
from ..typeset.environment import TEMPLATES
from ..typeset.letter import Letter
from ..typeset.pages import leaflet_body, letter_sheet
from ..typeset.pages import stylesheet as css
from ..typeset.sandbox import render
from ..typeset.wareki import wareki
from .plan import CircularEntry, NoticeEntry, OrganisationPlan
from .search import index_site, write_search_page

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
"""Characters Python-Markdown reads as syntax (``{…}`` as attributes, with attr_list); each can be escaped."""


def md_text(text: str) -> str:
    """Text from content for a generated Markdown page: HTML characters as entities, Markdown syntax escaped."""
    html_safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIALS.sub(r"\\\1", html_safe)


LABEL_MARKUP = str.maketrans({"<": "＜", ">": "＞", "&": "＆", '"': "＂", "'": "＇"})


def label(text: str) -> str:
    """Text from content for the site's name, page titles and navigation, which Material prints unescaped
    (and, in <title>, after unescaping): markup characters become their full-width forms."""
    return text.translate(LABEL_MARKUP)


PAGE_REFERENCE = re.compile(r"(資料編\s*)?P\s?(\d+)(?:\s*[～~]\s*(\d+))?")
"""「P25」, 「資料編 P21」, 「資料編 P24～27」: the manual's references to its own printed pages."""


@dataclass(frozen=True)
class Page:
    """One generated Markdown page: where it goes and its title in the navigation."""

    path: str
    title: str


def write_site(env: Environment, plan: OrganisationPlan, pages: dict[str, int], docs: Path, out: Path,
               own_env: Environment | None = None) -> None:
    """Generate the pages of ``plan``'s organisation into ``docs`` (beside its letters, whose PDFs have
    ``pages`` pages by name) and build the site into ``out``.

    ``own_env`` renders the organisation's own notices (with its own letterhead, if it has one).
    """
    org = plan.org
    nav: list[tuple[str, list[Page] | Page]] = [("ホーム", Page("index.md", "ホーム"))]
    nav.append(("通知", [notice_page(own_env or env, entry, pages, docs) for entry in plan.notices]))
    nav.append(("省庁からの依頼", [circular_page(env, circular, docs) for circular in plan.circulars]))
    leaflets = plan.leaflets_listed
    nav.append(("資料", [leaflet_page(env, leaflet, docs) for leaflet in leaflets]))
    for document in plan.documents:
        nav.append(("マニュアル", manual_pages(plan.content_root, document, docs)))
    nav.append(("使い方", [Page("search.md", "サイト内検索"), Page("howto.md", "内容の追加・変更のしかた")]))
    home_page(plan, leaflets, docs)
    howto_page(docs)
    write_search_page(env, docs)
    stylesheet = docs / "assets" / "shuchi.css"
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    brand = f":root {{ --shuchi-brand: {org.colour}; }}\n"
    stylesheet.write_text(brand + css(env, "site/shuchi.css"), encoding="utf-8")
    config = docs.parent / f"{org.slug}-mkdocs.yml"
    theme = str(TEMPLATES / "site" / "theme")
    config.write_text(env.get_template("site/mkdocs.yml.j2").render(name=label(org.full_name), org=org, docs=docs,
                                                                    out=out, nav=nav, theme=theme), encoding="utf-8")
    build_mkdocs(config)
    index_site(env, out)


def build_mkdocs(config: Path) -> None:
    """Run MkDocs on a generated configuration; its warnings become our errors."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        build(load_config(str(config)))
    except MkDocsException as error:
        raise BuildError(f"MkDocs could not build {config.stem}: {error}") from error


def notice_page(env: Environment, entry: NoticeEntry, pages: dict[str, int], docs: Path) -> Page:
    """``notices/<id>.md``: the cover letter, its downloads, the enclosed circular and 資料."""
    notice, circular, letter = entry.notice, entry.circular.circular, entry.letter
    lines = [
        f"# {md_text(letter.title)}", "",
        f"{wareki(notice.date)}　{md_text(letter.author)}　{md_text(letter.addressee)}", "",
        '<div class="shuchi-downloads" markdown>', "",
        f"- [通知文をPDFでダウンロード（{pages[notice.id]}ページ）](../letters/{notice.id}.pdf)",
        f"- [通知文をWordでダウンロード（編集用）](../letters/{notice.id}.docx)",
        f"- [通知文を印刷用ページで開く](../letters/{notice.id}.html)",
        *ministry_links(circular),
        "", "</div>", "",
    ]
    if entry.hinagata is not None:
        lines += ['!!! note "ひな形に基づく文案"', "", f"    {md_text(hinagata_note(circular, entry.hinagata))}", ""]
    attachments = entry.attachments
    if attachments:
        lines += ["## 同封資料", ""]
        lines += [f"- [{md_text(a.label)}](../shiryo/{a.id}.md)（[PDF](../leaflets/{a.id}.pdf)）" for a in attachments]
        lines.append("")
    lines += ["## 通知文", "", str(letter_sheet(env, letter, logo="../logo.svg")), ""]
    return _write_page(docs, f"notices/{notice.id}.md", "\n".join(lines), notice_nav_title(notice, letter))


def ministry_links(circular: Circular) -> list[str]:
    """The notice page's links to the circular it relays: the ministry's letter only where content holds it."""
    issuer, title = md_text(circular.issuer.name), md_text(circular.full_title)
    if not circular.holds_letter:
        return [f"- [{issuer}からの依頼の本文を読む（{md_text(circular.provenance.document)}による引用）]"
                f"(../ministry/{circular.id}.md)"]
    return [f"- [{issuer}の依頼文を読む：{title}](../ministry/{circular.id}.md)",
            f"- [{issuer}の依頼文をPDFでダウンロード](../circulars/{circular.id}.pdf)"]


def hinagata_note(circular: Circular, template: Hinagata) -> str:
    """What a notice built from a ひな形 is: a draft for the secretariat, and how far the ひな形 is the ministry's."""
    if template.provenance.kind == "original":
        return f"この通知文は、{circular.issuer.name}のひな形に基づく文案です。発信前に内容をご確認ください。"
    return (f"この通知文は、ひな形に基づく文案です。このひな形は{circular.issuer.name}の原文ではありません。"
            f"原文が手元の資料にないため、省庁の依頼文の文言に倣って作成したものです。発信前に内容をご確認ください。")


def notice_nav_title(notice: Notice, letter: Letter) -> str:
    """「令和6年8月2日 会員各位（依頼）」: date, 宛名 and purpose tell a secretariat's notices apart."""
    purpose = letter.title[letter.title.rfind("（"):] if letter.title.endswith("）") else ""
    return f"{wareki(notice.date)} {letter.addressee}{purpose}"


def circular_page(env: Environment, entry: CircularEntry, docs: Path) -> Page:
    """``ministry/<id>.md``: a ministry's letter (依頼文) as a page of the site."""
    circular, letter = entry.circular, entry.letter
    if circular.holds_letter:
        title = letter.title
        about = [f"{md_text(circular.issuer.name)}の依頼文です。", "",
                 f"[PDFでダウンロード](../circulars/{circular.id}.pdf)"]
    else:
        title = f"{circular.issuer.name}からの依頼（引用）"
        about = ['!!! warning "依頼文そのものではありません"', "",
                 f"    {md_text(circular.issuer.name)}の依頼文そのものではありません。"
                 f"{md_text(circular.provenance.document)}が引用する本文です。依頼文の日付・宛名・あいさつ文は"
                 f"手元の資料にないため載せていません。"]
    text = "\n".join([f"# {md_text(title)}", "", *about, "", str(letter_sheet(env, letter, logo="")), ""])
    return _write_page(docs, f"ministry/{circular.id}.md", text, title)


def leaflet_page(env: Environment, leaflet: Attachment, docs: Path) -> Page:
    """``shiryo/<id>.md``: a leaflet's text on the site, with its stand-alone web page and print PDF."""
    text = "\n".join([
        f"# {md_text(leaflet.label)}", "",
        '<div class="shuchi-downloads" markdown>', "",
        f"- [印刷用PDFをダウンロード（A4）](../leaflets/{leaflet.id}.pdf)",
        f"- [この資料だけのページを開く（スマートフォン向け）](../leaflets/{leaflet.id}.html)", "",
        "</div>", "",
        str(leaflet_body(env, leaflet)), "",
    ])
    return _write_page(docs, f"shiryo/{leaflet.id}.md", text, leaflet.label)


def manual_pages(content_root: Path, document: Document, docs: Path) -> list[Page]:
    """One page per chapter of a long document, with 「P25」 turned into links to the right chapter."""
    source = content_root / "documents" / document.id
    folder = f"manual/{document.id}"
    pages = []
    for chapter in document.chapters:
        text = (source / chapter.file).read_text(encoding="utf-8")
        title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), chapter.file)
        pages.append(_write_page(docs, f"{folder}/{chapter.file}", link_page_references(text, document), title))
    appendix = ["# 資料編（参照ページ一覧）", "",
                "本文中の「資料編 P○」は、原本の資料編の次のページを指します。資料編そのものは、原本（PDF）でご確認ください。", "",
                "| ページ | 内容 |", "| --- | --- |"]
    appendix += [f"| <span id=\"p{number}\"></span>P{number} | {md_text(what)} |"
                 for number, what in sorted(document.appendix_pages.items())]
    pages.append(_write_page(docs, f"{folder}/appendix.md", "\n".join(appendix) + "\n", "資料編（参照ページ一覧）"))
    return pages


def link_page_references(text: str, document: Document) -> str:
    """「詳細は P25」 → a link to the chapter holding printed page 25; 「資料編 P21」 → the appendix list."""
    def link(match: re.Match) -> str:
        appendix, number = match.group(1), int(match.group(2))
        if appendix:
            return f"[{match.group(0)}](appendix.md#p{number})" if number in document.appendix_pages else match.group(0)
        target = document.page_map.get(number)
        if target is None:
            return match.group(0)
        anchor = f"#{heading_anchor(target.heading)}" if target.heading else ""
        return f"[{match.group(0)}]({target.file}{anchor})"

    lines = []
    for line in text.splitlines():
        lines.append(line if line.startswith("#") else PAGE_REFERENCE.sub(link, line))
    return "\n".join(lines) + "\n"


def heading_anchor(heading: str) -> str:
    """The id MkDocs gives a heading (pymdownx's Unicode slugs, as configured in mkdocs.yml.j2)."""
    from pymdownx.slugs import slugify

    return slugify(case="lower")(heading, "-")


def home_page(plan: OrganisationPlan, leaflets: list[Attachment], docs: Path) -> None:
    """``index.md``: the organisation, its notices newest first, its 資料 and the manual."""
    org = plan.org
    lines = [f"# {md_text(org.full_name)}", "", f"![{md_text(org.full_name)} ロゴ](logo.svg){{ .shuchi-logo }}", "",
             "マイナンバーカードの周知に関する通知と資料を掲載しています。", "", "## 通知（新しい順）", ""]
    for entry in plan.notices:
        notice, letter = entry.notice, entry.letter
        lines.append(f"- {wareki(notice.date)}　[{md_text(letter.title)}](notices/{notice.id}.md)"
                     f"（{md_text(letter.addressee)}）")
    if leaflets:
        lines += ["", "## 資料", ""]
        lines += [f"- [{md_text(a.label)}](shiryo/{a.id}.md)" for a in leaflets]
    for document in plan.documents:
        lines += ["", "## マニュアル", "", f"- [{md_text(document.title)}](manual/{document.id}/{document.chapters[0].file})"]
    lines += ["", "## このサイトについて", "", "- [内容の追加・変更のしかた](howto.md)", ""]
    (docs / "index.md").write_text("\n".join(lines), encoding="utf-8")


def howto_page(docs: Path) -> None:
    """``howto.md``: how the secretariat adds or changes what this site shows."""
    (docs / "howto.md").write_text(HOWTO, encoding="utf-8")


HOWTO = """# 内容の追加・変更のしかた

このサイトは、`content/` フォルダのYAMLファイルから自動で作られています。ページを直接編集せず、
次の手順で元のファイルを直してから作り直してください。

1. `content/` の該当するファイルをエディタ（VS Code など）で開きます。
    - 団体の名称・ロゴ・色・問合せ先：`content/organisations/<団体>.yaml`
    - 通知（日付、宛名、本文、記、同封資料）：`content/notices/<通知>.yaml`
    - 省庁の依頼文：`content/circulars/`、共通の項目：`content/topics/`
    - 資料（リーフレット）：`content/attachments/`
2. `make check` を実行して、誤りがないか確かめます。誤りがあれば「ファイル名:行: 項目: 内容」の形で
   すべて表示されます。
3. `make site` を実行すると `site/` が作り直されます。途中で失敗したときは、前回の `site/` がそのまま残ります。
4. `site/<団体>/` フォルダを、イントラネットのウェブサーバーにそのままコピーします。

## 新しい通知を出すとき

`content/notices/` の既存のファイルをコピーし、`id`（ファイル名と同じ英数字）、`date`、`title`、
`audience`（宛先）を書き換えます。文書番号は団体の `document_number` の形式で付きます。

## 検索について

右上の検索欄では、日本語の単語や複合語（「公金受取口座」「出張申請受付」など）で検索できます。
"""


def _write_page(docs: Path, path: str, text: str, title: str) -> Page:
    target = docs / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return Page(path, label(title))


def write_top_index(env: Environment, organisations: list[Organisation], out: Path) -> None:
    """``site/index.html``: the organisations whose sites this build holds."""
    orgs = sorted(organisations, key=lambda o: o.slug)
    (out / "index.html").write_text(render(env, "site/top-index.html.j2", orgs=orgs), encoding="utf-8")
