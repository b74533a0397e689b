"""A letter as it will be printed: numbers, dates and lines worked out from the model.

Both a notice (通知・事務連絡 of an organisation) and a circular (a ministry's 通知)
become a :class:`Letter`; templates only lay it out.
"""

import datetime
from dataclasses import dataclass, field

from ..content import Content
from ..content.hinagata import fill_body
from ..model import Attachment, Circular, Contact, Notice, Organisation, Seal, Section
from ..model.circular import LetterBody
from .wareki import wareki


@dataclass(frozen=True)
class NumberedSection:
    """A section with its printed number: 「1．」, 「（1）」 or 「①」 by depth."""

    number: str
    heading: str
    body: str
    level: int
    children: list["NumberedSection"] = field(default_factory=list)


@dataclass(frozen=True)
class KiEntry:
    """One particular under 記, numbered 「1．」."""

    number: str
    label: str
    text: str
    enclosures: list[str]
    contact: bool


@dataclass(frozen=True)
class Letter:
    """Everything a letter template needs, already in the words it prints."""

    slug: str
    number_line: str
    issued: datetime.date | None
    date_line: str
    addressee: str
    sender: list[str]
    title: str
    greeting: str
    intro: str
    sections: list[NumberedSection]
    ki: list[KiEntry]
    contact: Contact | None
    contact_org: str
    enclosures: list[str]
    author: str
    organisation: Organisation | None = None
    attachments: list[Attachment] = field(default_factory=list)
    """The 資料 enclosed, which the web page links to (``../leaflets/<id>.html``)."""
    seal_omitted: bool = False
    """Print 「（公印省略）」 under the 発信者: the letter goes out without the organisation's seal (公印)."""

    @property
    def document_number(self) -> str:
        """The 文書番号 as printed (「日薬業発第151号」), or "" for a 事務連絡, which has none."""
        return "" if self.number_line == "事務連絡" else self.number_line

    @property
    def contact_in_ki(self) -> bool:
        """Whether a 記 item carries the 問合せ先 (as 全住協's cover note does), so no box follows the letter."""
        return any(entry.contact for entry in self.ki)

    @property
    def contact_department(self) -> str:
        """The department to ask (問合せ先): the contact's own, else the organisation's 発信部署."""
        if self.contact and self.contact.department:
            return self.contact.department
        return self.organisation.department if self.organisation else ""


def section_number(level: int, index: int) -> str:
    """The official hierarchy: level 1 → 「1．」, 2 → 「（1）」, 3 → 「①」, deeper → 「ア」."""
    position = index + 1
    if level == 1:
        return f"{position}．"
    if level == 2:
        return f"（{position}）"
    if level == 3 and position <= 20:
        return chr(0x2460 + index)
    return "アイウエオカキクケコサシスセソタチツテト"[index % 20]


def number_sections(sections: list[Section], content: Content, level: int = 1) -> list[NumberedSection]:
    """Resolve topics and give each section its number by position."""
    numbered = []
    for index, section in enumerate(sections):
        heading, body = section.heading, section.body
        if section.topic:
            topic = content.topics[section.topic]
            heading, body = topic.heading, topic.body
        numbered.append(NumberedSection(section_number(level, index), heading, body, level,
                                        number_sections(section.sections, content, level + 1)))
    return numbered


def enclosure_labels(content: Content, notice: Notice) -> list[str]:
    """The enclosed documents in order: the circular (with its date) first, then 資料."""
    labels = []
    if notice.enclose_circular:
        circular = content.circulars[notice.circular]
        dated = f"（{wareki(circular.date)}）" if circular.date else ""
        labels.append(f"{circular.full_title}{dated}")
    labels.extend(f"（資料{a.number}）{a.title}" if a.number else a.title
                  for a in content.listed_attachments_of(notice))
    return labels


def notice_body(content: Content, notice: Notice) -> LetterBody:
    """The notice's own words, or the ministry's ひな形 where it says ``from_hinagata``."""
    if not notice.from_hinagata:
        return LetterBody(title=notice.title, purpose=notice.purpose, greeting=notice.greeting,
                          intro=notice.intro, sections=notice.sections)
    circular = content.circulars[notice.circular]
    assert circular.hinagata, "check refuses from_hinagata for a circular without one"
    template = content.hinagata[circular.hinagata]
    body = LetterBody(
        title=notice.title or template.title,
        purpose=notice.purpose or template.purpose,
        greeting=notice.greeting or template.greeting,
        intro=notice.intro or template.intro,
        sections=notice.sections or template.sections,
    )
    return fill_body(body, circular, content.organisations[notice.organisation], content.listed_attachments_of(notice))


def notice_letter(content: Content, notice: Notice, number: int | None = None,
                  addressee: str | None = None) -> Letter:
    """The letter of an organisation's notice; ``number`` and ``addressee`` override for a mail merge."""
    org = content.organisations[notice.organisation]
    body = notice_body(content, notice)
    number = number or notice.number
    if notice.jimu_renraku:
        number_line = "事務連絡"
    elif number:
        number_line = org.document_number_for(number)
    else:
        number_line = ""
    sender = [org.full_name, org.department, org.signatory]
    enclosures = enclosure_labels(content, notice)
    ki = []
    for index, item in enumerate(notice.ki):
        ki.append(KiEntry(f"{index + 1}．", item.label, item.text,
                          [f"（{n + 1}）{label}" for n, label in enumerate(enclosures)] if item.enclosures else [],
                          item.contact))
    contact = notice.contact or org.contact
    return Letter(
        slug=notice.id,
        number_line=number_line,
        issued=notice.date,
        date_line=wareki(notice.date, org.western_year),
        addressee=addressee or org.audiences[notice.audience].line,
        sender=[line for line in sender if line],
        title=body.full_title,
        greeting=body.greeting,
        intro=body.intro,
        sections=number_sections(body.sections, content),
        ki=ki,
        contact=contact,
        contact_org=org.full_name,
        enclosures=[] if notice.ki else enclosures,
        author=org.full_name,
        organisation=org,
        attachments=content.attachments_of(notice),
        seal_omitted=(notice.seal or org.seal) == Seal.OMITTED,
    )


def carrying_notice(content: Content, circular: Circular, organisation: str) -> Notice | None:
    """The newest of ``organisation``'s notices that relays ``circular``: an undated circular is read as of its date."""
    return next((n for n in content.notices_of(organisation) if n.circular == circular.id), None)


def circular_letter(content: Content, circular: Circular, carried_by: Notice | None = None) -> Letter:
    """The letter of a ministry's circular, as the ministry sent it; or, for a relay, the text it quotes.

    An undated circular says 「本年12月2日」 as of ``carried_by``'s date, the notice that carries it.
    """
    original = circular.holds_letter
    if not original:
        number_line = ""
    elif circular.jimu_renraku:
        number_line = "事務連絡"
    else:
        number_line = circular.document_number
    return Letter(
        slug=circular.id,
        number_line=number_line,
        issued=circular.date or (carried_by.date if carried_by else None),
        date_line=wareki(circular.date) if circular.date else "",
        addressee=circular.addressee.line if circular.addressee and original else "",
        sender=circular.issuer.lines if original else [],
        title=circular.full_title,
        greeting=circular.greeting,
        intro=circular.intro,
        sections=number_sections(circular.sections, content),
        ki=[],
        contact=None,
        contact_org="",
        enclosures=[],
        author=circular.issuer.name,
    )
