"""Building blocks shared by several content kinds: addressees, issuers, contacts."""

import datetime
import re
import unicodedata
from collections.abc import Callable
from enum import Enum
from typing import Annotated, Literal
from urllib.parse import urlsplit

import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    model_validator,
)


class Strict(BaseModel):
    """Base of every content model: unknown fields are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?", value):
        raise ValueError(f"'{_quoted(value)}' cannot be a folder or file name (expected lower-case ASCII letters, "
                         "digits and hyphens, e.g. 'nichiyaku')")
    if value.upper() in _WINDOWS_RESERVED:
        raise ValueError(f"'{value}' is a reserved file name on Windows (expected another name, e.g. '{value}-1')")
    return value


_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}

Slug = Annotated[str, AfterValidator(_slug)]
"""An ASCII identifier used in folder and file names (``nichiyaku``, ``shiryo1``)."""


def _quoted(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def relative_file(suffix: str, example: str) -> Callable[[str], str]:
    """A file inside the content folder named relative to it: no absolute path, no ``..``, no reserved names.

    Where it really points (a symlink may lead elsewhere) is checked again when content is cross-checked.
    """

    def check(value: str) -> str:
        parts = value.split("/")
        for part in parts:
            stem = part.split(".")[0].upper()
            plain = re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", part) and part not in (".", "..")
            if not plain or stem in _WINDOWS_RESERVED:
                raise ValueError(f"'{_quoted(value)}' is not a file name inside content/ (expected a relative path of "
                                 f"ASCII names separated by '/', without '..', e.g. {example})")
        if not value.lower().endswith(suffix):
            raise ValueError(f"'{_quoted(value)}' is not a {suffix} file (expected e.g. {example})")
        return value

    return check


SvgFile = Annotated[str, AfterValidator(relative_file(".svg", "logos/nichiyaku.svg"))]
"""An SVG file (a logo) relative to content/organisations/."""

MarkdownFile = Annotated[str, AfterValidator(relative_file(".md", "01-merits.md"))]
"""A Markdown file (a chapter) beside its document.yaml."""


def _phone(value: str) -> str:
    printed = unicodedata.normalize("NFKC", value).replace("ー", "-").replace("−", "-").strip()
    if not re.fullmatch(r"[0-9-]+", printed):
        raise ValueError(f"'{_quoted(value)}' is not a phone number (expected digits and hyphens, e.g. 03-3511-0611)")
    try:
        number = phonenumbers.parse(printed, "JP")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValueError("is not a valid Japanese phone number (expected e.g. 03-3511-0611 or 0120-95-0178)")
    return printed


Phone = Annotated[str, AfterValidator(_phone)]
"""A phone number (電話番号) kept as printed, half-width, validated with Google's libphonenumber."""

FIRST_WAREKI_DAY = datetime.date(1873, 1, 1)
"""The first day a letter can print in 和暦: Japan took the Gregorian calendar on 明治6年1月1日."""


def _letter_date(value: datetime.date) -> datetime.date:
    if value < FIRST_WAREKI_DAY:
        raise ValueError(f"{value} is before 1873-01-01 (明治6年1月1日), the first day a letter can print in 和暦 "
                         f"(expected a date from 1873 on, e.g. 2024-08-08)")
    return value


LetterDate = Annotated[datetime.date, AfterValidator(_letter_date)]
"""A date a letter prints in 和暦 (発信日): YYYY-MM-DD, from 1873-01-01 on."""


def _colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        raise ValueError(f"'{_quoted(value)}' is not a colour (expected a hash and six hexadecimal digits in quotes, "
                         "e.g. \"#1b5e8c\")")
    return value.lower()


Colour = Annotated[str, AfterValidator(_colour)]


def _postcode(value: str) -> str:
    printed = unicodedata.normalize("NFKC", value).replace("〒", "").replace("ー", "-").replace("−", "-").strip()
    if not re.fullmatch(r"\d{3}-\d{4}", printed):
        raise ValueError(f"'{_quoted(value)}' is not a postcode "
                         f"(expected 3 digits, a hyphen and 4 digits, e.g. 102-0083)")
    return printed


Postcode = Annotated[str, AfterValidator(_postcode)]
"""郵便番号 as printed after 〒: 102-0083."""


def _web_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"'{_quoted(value)}' is not a web address (expected one starting with https:// or http://, "
                         "e.g. https://www.digital.go.jp/)")
    return value


WebUrl = Annotated[str, AfterValidator(_web_url)]
"""A web address kept exactly as written, so a printed QR code carries the very same URL."""


def _mail_address(value: str) -> str:
    local, _, domain = value.rpartition("@")
    if not local.isascii():
        raise ValueError(f"'{_quoted(value)}' has characters outside ASCII before the @, which most mail programs "
                         "cannot send to (expected an address such as soumu@example.jp)")
    return f"{local}@{domain.encode('idna').decode('ascii')}"


MailAddress = Annotated[EmailStr, AfterValidator(_mail_address)]
"""An e-mail address (メールアドレス) as an e-mail's From and To headers carry it, in ASCII: a Japanese domain
(例え.jp) in its xn-- form."""


def _markdown(value: str) -> str:
    from ..typeset.markdown import date_marks, link_problems

    problems = date_marks(value) + [message for _, message in link_problems(value)]
    if problems:
        raise ValueError("; ".join(problems))
    return value


Markdown = Annotated[str, AfterValidator(_markdown)]
"""Markdown text of content; ``[[2024-12-02]]`` marks a date that stays true (see shuchi.text)."""


class Seal(str, Enum):
    """公印: whether the organisation's seal is pressed on the letter or left out, as 「（公印省略）」 says."""

    OMITTED = "omitted"
    STAMPED = "stamped"


SEAL_DESCRIPTION = ("公印: omitted prints 「（公印省略）」 under the 発信者 (the letter goes out without the seal); "
                    "stamped prints nothing (the seal is pressed on paper)")


class Honorific(str, Enum):
    """敬称: 殿/様 for a person or post, 御中 for an organisation, 各位 for many people."""

    DONO = "殿"
    SAMA = "様"
    ONCHU = "御中"
    KAKUI = "各位"


_HONORIFIC_ENDINGS = tuple(h.value for h in Honorific)


class Addressee(Strict):
    """宛名: organisation, post and name of whom a letter is for, with its 敬称."""

    organisation: str = ""
    title: str = ""
    name: str = ""
    honorific: Honorific

    @model_validator(mode="after")
    def _one_honorific(self) -> "Addressee":
        if not (self.organisation or self.title or self.name):
            raise ValueError("names no one (expected at least one of organisation, title or name)")
        last = (self.name or self.title or self.organisation)
        if last.endswith(_HONORIFIC_ENDINGS):
            raise ValueError(f"'{last}' already ends with an honorific (expected the honorific only in "
                             f"'honorific', never 「各位殿」)")
        return self

    @property
    def line(self) -> str:
        """The 宛名 as printed: 「都道府県薬剤師会 事務（局）長 殿」, 「会員各位」."""
        words = " ".join(part for part in (self.organisation, self.title, self.name) if part)
        joiner = "" if self.honorific is Honorific.KAKUI else " "
        return f"{words}{joiner}{self.honorific.value}"


class Issuer(Strict):
    """発信者 of a circular: ministry → bureau → division."""

    ministry: str
    bureau: str = ""
    division: str = ""

    @property
    def lines(self) -> list[str]:
        return [line for line in (f"{self.ministry}{self.bureau}", self.division) if line]

    @property
    def name(self) -> str:
        return f"{self.ministry}{self.bureau}"


class Contact(Strict):
    """問合せ先: who answers questions about a notice."""

    department: str = ""
    person: str = Field("", description="担当: the person in charge")
    phone: Phone | None = None
    fax: Phone | None = None
    email: MailAddress | None = None


class Provenance(Strict):
    """出典: where a text comes from, so that no output presents a quotation or a draft as a ministry's letter."""

    kind: Literal["original", "relay", "draft"] = Field(description=(
        "original: the ministry's own letter (or template), transcribed from it; "
        "relay: the ministry's text as another organisation's letter quotes it (the letter itself is not held); "
        "draft: written for shuchi in the ministries' wording, in no source"))
    document: str = Field("", description=(
        "the document the text was taken from, e.g. 公益社団法人 日本薬剤師会 事務連絡（令和6年8月8日）; "
        "required for a relay"))

    @model_validator(mode="after")
    def _relay_names_its_document(self) -> "Provenance":
        if self.kind == "relay" and not self.document:
            raise ValueError("is a relay but does not say whose document quotes the text (expected document: e.g. "
                             "公益社団法人 日本薬剤師会 事務連絡（令和6年8月8日）)")
        return self
