"""Stage 5b: each organisation's intranet site, generated as plain Markdown plus an
``mkdocs.yml`` and built with MkDocs + Material or Zensical (shuchi.build.engine; no plugins of our own, no hooks).

The site folder holds everything: pages, letters and leaflets as HTML and PDF, the
manual. Nothing is fetched from outside, so it can be copied to any intranet server.

The pages are Markdown templates (``templates/site/pages/``) filled from view objects
(shuchi.build.sitepages), which escape every text from content; the stylesheet reuses the
letter's and the leaflet's own rules (shuchi.build.sitecss); headings, tables and checklists
are finished by our Markdown extension (shuchi.build.sitemarkdown), which mkdocs.yml names.
"""

import datetime
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup

from ..model import Attachment, Circular, Hinagata, Notice, Organisation
from ..model.document import Document
from ..typeset.environment import TEMPLATES
from ..typeset.letter import Letter
from ..typeset.pages import leaflet_body, letter_sheet, stylesheet
from ..typeset.sandbox import render
from ..typeset.wareki import wareki
from .engine import DEFAULT_ENGINE, ENGINES, build_with, site_folder, started
from .plan import CircularEntry, NoticeEntry, OrganisationPlan
from .search import index_site, load_dictionary, write_search_page
from .sitecss import site_stylesheet
from .sitepages import (
    AppendixPage,
    ChapterPage,
    CircularPage,
    Dated,
    HomePage,
    LeafletPage,
    Link,
    NoticePage,
    PlainPage,
    contact_html,
    contact_view,
    markdown_environment,
    render_page,
)

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
               own_env: Environment | None = None, engine: str = DEFAULT_ENGINE) -> None:
    """Generate the pages of ``plan``'s organisation into ``docs`` (beside its letters, whose PDFs have
    ``pages`` pages by name) and build the site into ``out`` with ``engine``.

    ``own_env`` renders the organisation's own notices (with its own letterhead, if it has one).
    """
    with started(engine) as ahead:
        write_project(env, plan, pages, docs, out, own_env)
        dictionary = threading.Thread(target=load_dictionary, daemon=True)  # meanwhile: Zensical is a process apart
        dictionary.start()
        build_with(engine, project_config(docs, plan.org, engine), out, ahead)
        dictionary.join()
    index_site(env, out)


def write_project(env: Environment, plan: OrganisationPlan, pages: dict[str, int], docs: Path, out: Path,
                  own_env: Environment | None = None) -> None:
    """The generated project of :func:`write_site`: the pages in ``docs`` and, beside them, a configuration for
    each engine that builds the site into ``out``."""
    org = plan.org
    templates = markdown_environment(env)
    updated = Dated("更新日", max((e.notice.date for e in plan.notices), default=datetime.date.today()))
    nav: list[tuple[str, list[Page] | Page]] = [("ホーム", Page("index.md", "ホーム"))]
    nav.append(("通知", [notice_page(templates, own_env or env, entry, pages, docs) for entry in plan.notices]))
    nav.append(("省庁からの依頼", [circular_page(templates, env, plan, circular, docs)
                                  for circular in plan.circulars]))
    leaflets = plan.leaflets_listed
    nav.append(("資料", [leaflet_page(templates, env, plan, leaflet, docs) for leaflet in leaflets]))
    for document in plan.documents:
        nav.append(("マニュアル", manual_pages(templates, plan.content_root, document, docs)))
    nav.append(("使い方", [Page("search.md", "サイト内検索"), Page("howto.md", "内容の追加・変更のしかた")]))
    nav = [(title, item) for title, item in nav if item]  # a section without pages (no 資料 yet) is no entry
    contact = contact_html(env, contact_view(org, org.contact))
    home_page(templates, plan, leaflets, updated, docs)
    _write_page(docs, "howto.md", render_page(templates, "howto.md.j2", PlainPage(org.full_name, updated)), "")
    _write_page(docs, "404.md", render_page(templates, "404.md.j2", PlainPage(org.full_name)), "")
    write_search_page(env, docs)
    sheet = docs / "assets" / "shuchi.css"
    sheet.parent.mkdir(parents=True, exist_ok=True)
    sheet.write_text(site_stylesheet(env, org), encoding="utf-8")
    theme = str(TEMPLATES / "site" / "theme")
    for each in ENGINES:
        config = project_config(docs, org, each)
        config.write_text(env.get_template("site/mkdocs.yml.j2").render(
            name=label(org.full_name), org=org, docs=docs.name, out=site_folder(config, out, each), nav=nav,
            theme=theme, contact=contact, engine=each), encoding="utf-8")


def project_config(docs: Path, org: Organisation, engine: str) -> Path:
    """The configuration of ``org``'s generated project for ``engine``, beside its pages (both read the
    MkDocs format; each engine has its own, so the same project builds with either, see bench/engines.py)."""
    return docs.parent / f"{org.slug}-{engine}.yml"


def notice_page(templates: Environment, env: Environment, entry: NoticeEntry, pages: dict[str, int],
                docs: Path) -> Page:
    """``notices/<id>.md``: the cover letter, its downloads, the enclosed circular and 資料."""
    notice, circular, letter = entry.notice, entry.circular.circular, entry.letter
    downloads = [Link(f"通知文をPDFでダウンロード（{pages[notice.id]}ページ）", f"../letters/{notice.id}.pdf"),
                 Link("通知文をWordでダウンロード（編集用）", f"../letters/{notice.id}.docx"),
                 Link("通知文を印刷用ページで開く", f"../letters/{notice.id}.html"),
                 *ministry_links(circular)]
    enclosed = [Link(a.label, f"../shiryo/{a.id}.md", pdf=f"../leaflets/{a.id}.pdf") for a in entry.attachments]
    note = hinagata_note(circular, entry.hinagata) if entry.hinagata is not None else ""
    view = NoticePage(letter.title, Dated("発信日", notice.date), letter.author, letter.addressee, downloads, note,
                      enclosed, letter_sheet(env, letter, logo="../logo.svg"))
    return _write_page(docs, f"notices/{notice.id}.md", render_page(templates, "notice.md.j2", view),
                       notice_nav_title(notice, letter))


def ministry_links(circular: Circular) -> list[Link]:
    """The notice page's links to the circular it relays: the ministry's letter only where content holds it."""
    issuer = circular.issuer.name
    if not circular.holds_letter:
        return [Link(f"{issuer}からの依頼の本文を読む（{circular.provenance.document}による引用）",
                     f"../ministry/{circular.id}.md")]
    return [Link(f"{issuer}の依頼文を読む：{circular.full_title}", f"../ministry/{circular.id}.md"),
            Link(f"{issuer}の依頼文をPDFでダウンロード", f"../circulars/{circular.id}.pdf")]


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


def circular_page(templates: Environment, env: Environment, plan: OrganisationPlan, entry: CircularEntry,
                  docs: Path) -> Page:
    """``ministry/<id>.md``: a ministry's letter (依頼文), or the quotation of it a relay holds, as a page of the
    site; dated by its 発信日 or, when the source gives none, by the day the organisation's first notice passed
    it on (掲載日)."""
    circular, letter = entry.circular, entry.letter
    relaying = [e for e in plan.notices if e.notice.circular == circular.id]
    date = Dated("発信日", circular.date) if circular.date else Dated("掲載日", min(e.notice.date for e in relaying))
    relayed_by = [Link(e.letter.title, f"../notices/{e.notice.id}.md", before=wareki(e.notice.date))
                  for e in relaying]
    if circular.holds_letter:
        title, about, warning = letter.title, f"{circular.issuer.name}の依頼文です。", ""
        downloads = [Link("PDFでダウンロード", f"../circulars/{circular.id}.pdf"),
                     Link("印刷用ページで開く", f"../circulars/{circular.id}.html")]
    else:
        title, about, downloads = f"{circular.issuer.name}からの依頼（引用）", "", []
        warning = (f"{circular.issuer.name}の依頼文そのものではありません。{circular.provenance.document}が引用する"
                   f"本文です。依頼文の日付・宛名・あいさつ文は手元の資料にないため載せていません。")
    view = CircularPage(title, date, about, warning, downloads, relayed_by, letter_sheet(env, letter, logo=""))
    return _write_page(docs, f"ministry/{circular.id}.md", render_page(templates, "circular.md.j2", view), title)


def leaflet_page(templates: Environment, env: Environment, plan: OrganisationPlan, leaflet: Attachment,
                 docs: Path) -> Page:
    """``shiryo/<id>.md``: a leaflet's text on the site, dated by the first notice that enclosed it (掲載日)."""
    first = min(e.notice.date for e in plan.notices if leaflet in e.attachments)
    downloads = [Link("印刷用PDFをダウンロード（A4）", f"../leaflets/{leaflet.id}.pdf"),
                 Link("この資料だけのページを開く（スマートフォン向け）", f"../leaflets/{leaflet.id}.html")]
    view = LeafletPage(leaflet.label, Dated("掲載日", first), downloads, leaflet_body(env, leaflet))
    return _write_page(docs, f"shiryo/{leaflet.id}.md", render_page(templates, "leaflet.md.j2", view),
                       leaflet.label)


def manual_pages(templates: Environment, content_root: Path, document: Document, docs: Path) -> list[Page]:
    """One page per chapter of a long document, with 「P25」 turned into links to the right chapter,
    dated by the document's 発行日."""
    source = content_root / "documents" / document.id
    folder = f"manual/{document.id}"
    issued = Dated("発行日", document.date)
    written = []
    for chapter in document.chapters:
        text = link_page_references((source / chapter.file).read_text(encoding="utf-8"), document)
        lines = text.splitlines(keepends=True)
        at = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
        title = lines[at][2:].strip() if at is not None else chapter.file
        # the manual's own Markdown, checked for HTML by content.py, is Markdown to read, not text to escape
        heading, body = (Markup("".join(lines[:at + 1])), Markup("".join(lines[at + 1:]))) if at is not None \
            else (Markup(""), Markup(text))
        page = render_page(templates, "chapter.md.j2", ChapterPage(heading, issued, body))
        written.append(_write_page(docs, f"{folder}/{chapter.file}", page, title))
    appendix = AppendixPage(issued, sorted(document.appendix_pages.items()))
    written.append(_write_page(docs, f"{folder}/appendix.md", render_page(templates, "appendix.md.j2", appendix),
                               "資料編（参照ページ一覧）"))
    return written


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


def home_page(templates: Environment, plan: OrganisationPlan, leaflets: list[Attachment], updated: Dated,
              docs: Path) -> None:
    """``index.md``: the organisation, its notices newest first, its 資料 and the manual."""
    notice_links = [Link(e.letter.title, f"notices/{e.notice.id}.md", before=wareki(e.notice.date),
                         after=e.letter.addressee) for e in plan.notices]
    leaflet_links = [Link(a.label, f"shiryo/{a.id}.md") for a in leaflets]
    manuals = [Link(d.title, f"manual/{d.id}/{d.chapters[0].file}") for d in plan.documents]
    view = HomePage(plan.org.full_name, updated, notice_links, leaflet_links, manuals)
    (docs / "index.md").write_text(render_page(templates, "home.md.j2", view), encoding="utf-8")


def _write_page(docs: Path, path: str, text: str, title: str) -> Page:
    target = docs / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return Page(path, label(title))


def write_top_index(env: Environment, organisations: list[Organisation], out: Path) -> None:
    """``site/index.html``: the organisations whose sites this build holds."""
    orgs = sorted(organisations, key=lambda o: o.slug)
    html = render(env, "site/top-index.html.j2", orgs=orgs, css=stylesheet(env))
    (out / "index.html").write_text(html, encoding="utf-8")
