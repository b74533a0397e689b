"""The intranet site's pages (サイトのページ): a view object per page decides what it shows,
a Markdown template under ``templates/site/pages/`` lays it out.

MkDocs' Markdown passes raw HTML through, so every value a page template prints is
escaped for Markdown and HTML (:func:`md_text`) and shown as written, never read as
markup; only HTML our own templates made (``Markup``: a letter's sheet, a leaflet's
parts, the 問合せ先) and the manual's own Markdown (checked for HTML in content.py)
pass as they are.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from ..model import Contact, Organisation
from ..typeset.environment import FILTERS
from ..typeset.wareki import wareki

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
"""Characters Python-Markdown reads as syntax (``{…}`` as attributes, with attr_list); each can be escaped."""


def md_text(text: str) -> str:
    """Text from content for a generated Markdown page: HTML characters as entities, Markdown syntax escaped."""
    html_safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIALS.sub(r"\\\1", html_safe)


def _shown_as_written(value: Any) -> Any:
    """Jinja's ``finalize`` for page templates: our own HTML passes, anything else is escaped for Markdown."""
    return value if isinstance(value, Markup) else Markup(md_text(str(value)))


def _url(address: str) -> Markup:
    """A relative address for a Markdown link: percent-encoded, so nothing in it ends the link or starts markup."""
    return Markup(quote(address, safe="/#.-_~"))


def markdown_environment(env: Environment) -> Environment:
    """The environment of the page templates: the project's templates, every printed value escaped for Markdown."""
    pages = Environment(loader=env.loader, autoescape=True, finalize=_shown_as_written, undefined=StrictUndefined,
                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    pages.filters.update(FILTERS, url=_url, html=escape)
    return pages


@dataclass(frozen=True)
class Dated:
    """The date a page shows under its title: 発信日 of a letter, 掲載日 of a leaflet, 更新日 of the site's pages."""

    label: str
    date: datetime.date

    @property
    def iso(self) -> str:
        return self.date.isoformat()

    @property
    def text(self) -> str:
        return wareki(self.date)


@dataclass(frozen=True)
class Link:
    """One line of a list of links: 「令和6年8月2日　[件名](…)（会員各位）」, with its PDF beside it if it has one."""

    text: str
    href: str
    pdf: str = ""
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class ContactView:
    """The association's 問合せ先 as every page's footer shows it."""

    name: str
    department: str = ""
    person: str = ""
    address: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""

    @property
    def phone_digits(self) -> str:
        return self.phone.replace("-", "")


def contact_view(org: Organisation, contact: Contact | None) -> ContactView:
    """The 問合せ先 of ``org``: its contact's details where given, else the organisation's own."""
    contact = contact or Contact()
    address = f"〒{org.postcode} {org.address}" if org.postcode and org.address else org.address
    return ContactView(org.full_name, contact.department or org.department, contact.person, address,
                       contact.phone or org.phone or "", contact.fax or "", contact.email or org.email or "")


def contact_html(env: Environment, view: ContactView) -> Markup:
    """The one rendering of the 問合せ先 (``templates/site/pages/contact.html.j2``)."""
    return Markup(env.get_template("site/pages/contact.html.j2").module.contact(view))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class NoticePage:
    """``notices/<id>.md``: the cover letter, its downloads, the enclosed circular and 資料."""

    title: str
    date: Dated
    author: str
    addressee: str
    downloads: list[Link]
    note: str
    """what a notice drafted from a ひな形 is (empty for others)"""
    enclosed: list[Link]
    sheet: Markup


@dataclass(frozen=True)
class CircularPage:
    """``ministry/<id>.md``: a ministry's letter (依頼文) or a relay's quotation of it, and the notices that
    passed it on."""

    title: str
    date: Dated
    about: str
    warning: str
    """why a quotation is not the letter itself (empty for a ministry's own letter)"""
    downloads: list[Link]
    relayed_by: list[Link]
    sheet: Markup


@dataclass(frozen=True)
class LeafletPage:
    """``shiryo/<id>.md``: a leaflet's text, with its stand-alone web page and print PDF."""

    title: str
    date: Dated
    downloads: list[Link]
    body: Markup


@dataclass(frozen=True)
class AppendixPage:
    """``manual/<id>/appendix.md``: what each page of the printed manual's 資料編 holds."""

    date: Dated
    pages: list[tuple[int, str]]


@dataclass(frozen=True)
class HomePage:
    """``index.md``: the organisation, its notices newest first, its 資料 and the manual."""

    name: str
    date: Dated
    notices: list[Link]
    leaflets: list[Link]
    manuals: list[Link]


@dataclass(frozen=True)
class PlainPage:
    """A page of the site's own (how-to, not found): the organisation's name and the site's date."""

    name: str
    date: Dated | None = None


def render_page(pages: Environment, template: str, view: Any) -> str:
    """A page's Markdown from ``templates/site/pages/<template>``."""
    return pages.get_template(f"site/pages/{template}").render(view=view)


@dataclass(frozen=True)
class ChapterPage:
    """``manual/<id>/<chapter>.md``: a chapter of the manual in its own Markdown, dated under its title."""

    heading: Markup
    date: Dated
    body: Markup
