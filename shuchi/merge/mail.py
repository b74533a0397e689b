"""Stage 5c: one e-mail per recipient (.eml), ready to send from Outlook or Thunderbird.

Built with Python's ``email`` package: UTF-8 headers (Japanese subject and names encoded as
RFC 2047 words), a plain-text body written for e-mail, and the PDFs (and Word letters) attached.
``X-Unsent: 1`` makes Outlook open the file as a draft with a Send button.

An attachment's Japanese file name is written twice, as Thunderbird writes it: as RFC 2231
``filename*`` on Content-Disposition, the standard, and as RFC 2047 words in ``name=`` on
Content-Type, the only form Outlook and many other clients read (without it they show
「ATT00001」). RFC 2047 does not allow its words inside a parameter, so Python's ``email`` turns
them into RFC 2231; :class:`NamedContentType` writes that header as it is.
"""

import datetime
import functools
from dataclasses import dataclass
from email import policy
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage, MIMEPart
from email.utils import format_datetime, make_msgid
from typing import Self
from urllib.parse import urlsplit

from jinja2 import Environment

from ..model import Organisation, Recipient
from ..typeset.letter import Letter
from ..typeset.markdown import plain
from ..typeset.pages import mail_text

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
"""The media type of each kind of file an e-mail attaches."""


class NamedContentType(str):
    """A Content-Type header with the file name as RFC 2047 words in ``name=``, folded as written here.

    The ``email`` package takes a value with a matching ``name`` attribute as a ready header and asks
    it to ``fold`` itself (see ``EmailPolicy.header_store_parse``), so the words stay as they are.
    """

    name = "Content-Type"
    media_type: str
    words: list[str]

    def __new__(cls, media_type: str, filename: str) -> Self:
        if filename.isascii():
            words = [filename.replace("\\", "\\\\").replace('"', '\\"')]
        else:
            words = Header(filename, "utf-8").encode(maxlinelen=76).split()
        value = super().__new__(cls, f'{media_type}; name="{" ".join(words)}"')
        value.media_type, value.words = media_type, words
        return value

    def fold(self, *, policy: policy.Policy) -> str:
        """``Content-Type: application/pdf;`` then ``name="=?utf-8?b?…?=`` with one word per line."""
        lines = [f"{self.name}: {self.media_type};", f' name="{self.words[0]}']
        lines += [f" {word}" for word in self.words[1:]]
        lines[-1] += '"'
        return policy.linesep.join(lines) + policy.linesep


@dataclass(frozen=True)
class Enclosure:
    """A file attached to the e-mail: its file name, what it is (as the body lists it) and its bytes."""

    filename: str
    description: str
    data: bytes

    @functools.cached_property
    def part(self) -> MIMEPart:
        """The attachment as a MIME part, base64-encoded once however many e-mails carry it."""
        media_type = MEDIA_TYPES[self.filename[self.filename.rfind("."):].lower()]
        part = MIMEPart(policy=policy.SMTP)
        maintype, subtype = media_type.split("/")
        part.set_content(self.data, maintype=maintype, subtype=subtype, disposition="attachment",
                         filename=self.filename)
        part.replace_header("Content-Type", NamedContentType(media_type, self.filename))
        return part


def subject(letter: Letter) -> str:
    """「【事務連絡】…について（依頼）」 or 「【日薬業発第151号】…」: the 件名, led by what kind of document it is."""
    return one_line(f"【{letter.number_line}】{letter.title}" if letter.number_line else letter.title)


def one_line(text: str) -> str:
    """``text`` for a header: each line break (U+2028, NEL … as well as CR and LF, which a header cannot hold)
    a space."""
    return " ".join(text.splitlines())


def request_in_short(letter: Letter) -> str:
    """The first paragraph of the letter's own words (「このたび…お知らせいたします。」), as plain text."""
    first = plain(letter.intro, letter.issued).strip().split("\n\n")[0].strip()
    return first or "標記について、添付のとおりお知らせいたします。"


def salutation(recipient: Recipient) -> list[str]:
    """The 宛名 as an e-mail opens: organisation on one line, post, name and 敬称 on the next."""
    person = " ".join(part for part in (recipient.title, recipient.name) if part)
    if not person:
        return [recipient.line]
    if not recipient.organisation:
        return [recipient.line]
    return [recipient.organisation, f"{person} {recipient.honorific.value}"]


def message_domain(org: Organisation) -> str:
    """The domain of the Message-ID: the organisation's own, or one that cannot be anybody's."""
    if org.email:
        return org.email.split("@", 1)[1]
    host = urlsplit(str(org.website)).hostname if org.website else None
    return host if host and host.isascii() else "shuchi.invalid"  # a header holds no 例え.jp


def notice_mail(env: Environment, letter: Letter, org: Organisation, recipient: Recipient,
                enclosures: list[Enclosure], now: datetime.datetime) -> EmailMessage:
    """The e-mail that sends ``letter`` to ``recipient``, with ``enclosures`` attached (the letter first)."""
    message = EmailMessage(policy=policy.SMTP)
    sender = (letter.contact.email if letter.contact and letter.contact.email else None) or org.email
    if sender:
        message["From"] = Address(display_name=one_line(org.full_name), addr_spec=sender)
    message["To"] = Address(display_name=one_line(recipient.label), addr_spec=recipient.email)
    message["Subject"] = subject(letter)
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain=message_domain(org))
    message["X-Unsent"] = "1"
    body = mail_text(env, letter=letter, org=org, salutation=salutation(recipient),
                     request=request_in_short(letter), enclosures=enclosures)
    message.set_content(body, charset="utf-8")
    message.make_mixed()
    for enclosure in enclosures:
        message.attach(enclosure.part)  # type: ignore[arg-type]  # typeshed asks for an EmailMessage; any part will do
    return message
