"""attachment (資料): a leaflet as a list of reusable parts.

A new leaflet needs new content, not new code: each part kind is rendered by one
template macro (templates/leaflet/parts.html.j2), on the web and in print.

Web addresses live only in ``link`` parts and contact items, never inside text:
that way every one of them prints as a QR code with the address beside it.
"""

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from .common import Markdown, Phone, Slug, Strict, WebUrl

_WEB_ADDRESS = re.compile(r"https?://|www\.", re.IGNORECASE)


def _no_web_address(value: str) -> str:
    if _WEB_ADDRESS.search(value):
        raise ValueError("contains a web address; put it in its own part (kind: link, text: …, url: …) "
                         "so the printed leaflet shows it as a QR code")
    return value


Text = Annotated[Markdown, AfterValidator(_no_web_address)]
"""Markdown text of a leaflet (rendered with the ``markdown`` filter), without web addresses."""

Plain = Annotated[str, AfterValidator(_no_web_address)]
"""A title or label of a leaflet: plain text, without web addresses."""

Numbering = Literal["1", "STEP1", "①", "メリット1"]
"""How numbered items are labelled, written as the first label prints."""


def item_label(numbering: Numbering, position: int) -> str:
    """The printed label of item ``position`` (1-based): 「2」, 「STEP2」, 「②」, 「メリット2」."""
    if numbering == "①" and 1 <= position <= 20:
        return chr(0x2460 + position - 1)
    prefix = {"1": "", "STEP1": "STEP", "①": "", "メリット1": "メリット"}[numbering]
    return f"{prefix}{position}"


class Heading(Strict):
    """A heading (見出し) of the leaflet: level 1 for a section, level 2 for a sub-section within it."""

    kind: Literal["heading"]
    text: Plain
    level: Literal[1, 2] = Field(1, description="1: a section (大見出し); "
                                                "2: a sub-section within the last section (小見出し)")
    new_page: bool = Field(False, description="in print, start a new page here, "
                                              "e.g. the back (裏面) of a two-sided leaflet")


class Lead(Strict):
    """A short message in large type (リード文), e.g. 「2024年5/27から…始まります！」."""

    kind: Literal["lead"]
    text: Plain


class TextPart(Strict):
    """Paragraphs and lists in Markdown (本文)."""

    kind: Literal["text"]
    text: Text = Field(description="Markdown")


class Option(Strict):
    """A panel within a step: one way of doing it (顔認証の場合 / 暗証番号の場合), or what the
    card reader's screen asks; a Markdown list in its text prints as the screen's buttons."""

    title: Plain
    text: Text = ""


class Step(Strict):
    title: Plain
    text: Text = ""
    note: Text = Field("", description="a remark in small type, e.g. ※カードリーダーには複数の種類があります")
    options: list[Option] = []


class Steps(Strict):
    """Numbered steps (手順): 1, 2, 3 or STEP1, STEP2."""

    kind: Literal["steps"]
    title: Plain = ""
    numbering: Numbering = Field("1", description="how the steps are labelled: 1, STEP1 or ①")
    items: list[Step] = Field(min_length=1)


class Merit(Strict):
    title: Plain
    text: Text = ""
    note: Text = ""


class Merits(Strict):
    """Numbered merits (メリット1–3)."""

    kind: Literal["merits"]
    title: Plain = ""
    numbering: Numbering = Field("メリット1", description="how the merits are labelled: メリット1 or ①")
    items: list[Merit] = Field(min_length=1)


class Callout(Strict):
    """A boxed notice (注意・お知らせ): ``warning`` prints in red, ``info`` in blue."""

    kind: Literal["callout"]
    tone: Literal["warning", "info"] = "info"
    title: Plain = ""
    text: Text


class Question(Strict):
    q: Plain
    a: Text


class QA(Strict):
    """Questions and answers (よくあるご質問)."""

    kind: Literal["qa"]
    title: Plain = ""
    items: list[Question] = Field(min_length=1)


class Table(Strict):
    """A comparison table with a header row."""

    kind: Literal["table"]
    caption: Plain = ""
    header: list[Plain] = Field(min_length=1)
    rows: list[list[Text]] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_fit_header(self) -> "Table":
        for index, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise ValueError(f"row {index + 1} has {len(row)} cells but the header has {len(self.header)} "
                                 f"(expected {len(self.header)} cells in every row)")
        return self


class ListPart(Strict):
    """A bulleted or numbered list (箇条書き) with an optional title."""

    kind: Literal["list"]
    title: Plain = ""
    ordered: bool = False
    items: list[Text] = Field(min_length=1)


class ContactItem(Strict):
    label: Plain
    phone: Phone | None = None
    hours: Plain = Field("", description="受付時間")
    url: WebUrl | None = None
    note: Text = ""


class ContactPart(Strict):
    """問い合わせ先 block of a leaflet."""

    kind: Literal["contact"]
    title: Plain = ""
    items: list[ContactItem] = Field(min_length=1)


class Link(Strict):
    """A web address: a link on the web, a QR code with the URL beside it in print."""

    kind: Literal["link"]
    text: Plain = Field(description="where the link goes, e.g. 国外転出者向けマイナンバーカードホームページ")
    url: WebUrl


class FormField(Strict):
    """One field (欄) of a paper form: what it is called, how to fill it in, and the sample's entry."""

    label: Plain = Field(description="the field as the form names it, e.g. 生年月日")
    marks: Plain = Field("", description="its note marks as printed, e.g. ※2 or ※3・6")
    requirement: Plain = Field("", description="as printed beside the field, e.g. 必ず記入, 任意, 必ず記入、和暦")
    how: Text = Field("", description="how to fill it in (記入のしかた), Markdown")
    choices: list[Plain] = Field([], description="the boxes to tick (□), each as printed, e.g. 在外公館")
    example: Plain = Field("", description="what the form's sample (記入例) shows, e.g. 昭和60年9月1日")


class Form(Strict):
    """A paper form (申請書・依頼書) reproduced as a page of its fields and instructions, not as a picture."""

    kind: Literal["form"]
    title: Plain = Field(description="the form's name, e.g. 【交付申請書】個人番号カード交付申請書【国外転出者用】")
    addressed_to: Plain = Field("", description="宛先 printed on the form, e.g. 地方公共団体情報システム機構 宛")
    intro: Text = Field("", description="instructions above the fields, Markdown")
    fields: list[FormField] = Field(min_length=1)
    notes: list[Text] = Field([], description="the form's numbered notes (※1 …) and 【ご注意】, each as printed")


Part = Annotated[
    Heading | Lead | TextPart | Steps | Merits | Callout | QA | Table | ListPart | ContactPart | Link | Form,
    Field(discriminator="kind"),
]


class Attachment(Strict):
    """資料: one leaflet enclosed with a circular (資料1–6, and others)."""

    id: Slug
    number: int | None = Field(None, ge=1, le=99, description="資料 number; omit for unnumbered leaflets")
    title: Plain
    issuer: Plain = ""
    organisation: Slug | None = Field(None, description="the organisation whose own version of a leaflet this is "
                                      "(with version_of)")
    version_of: Slug | None = Field(None, description="the leaflet this one replaces for its organisation, e.g. "
                                    "shiryo2: where the organisation's own package carried a different version")
    summary: Plain = Field("", description="one sentence saying what the leaflet is about (the web page's description)")
    parts: list[Part] = []

    @field_validator("parts")
    @classmethod
    def _sub_headings_follow_a_section(cls, parts: list) -> list:
        for part in parts:
            if isinstance(part, Heading) and part.level == 1:
                break
            if isinstance(part, Heading):
                raise ValueError(f"heading 「{part.text}」 has level 2 but no level 1 heading comes before it "
                                 f"(expected a section heading first, or level: 1)")
        return parts

    @property
    def label(self) -> str:
        """「資料1 マイナンバーカードを健康保険証として使うには」."""
        return f"資料{self.number} {self.title}" if self.number else self.title

    def urls(self) -> list[str]:
        """Every URL in the leaflet, in reading order, each once."""
        found: list[str] = []
        for part in self.parts:
            if isinstance(part, Link):
                found.append(str(part.url))
            elif isinstance(part, ContactPart):
                found.extend(str(item.url) for item in part.items if item.url)
        return list(dict.fromkeys(found))
