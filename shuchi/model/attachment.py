"""attachment (資料): a leaflet as a list of reusable parts.

A new leaflet needs new content, not new code: each part kind is rendered by one
template macro, on the web and in print.
"""

from typing import Annotated, Literal, Union

from pydantic import Field, model_validator

from .common import Phone, Slug, Strict, WebUrl


class Heading(Strict):
    kind: Literal["heading"]
    text: str


class Lead(Strict):
    kind: Literal["lead"]
    text: str


class Text(Strict):
    kind: Literal["text"]
    text: str = Field(description="Markdown")


class Option(Strict):
    title: str
    text: str = ""


class Step(Strict):
    title: str
    text: str = ""
    note: str = ""
    options: list[Option] = []


class Steps(Strict):
    """Numbered steps (手順): 1, 2, 3 or STEP1, STEP2."""

    kind: Literal["steps"]
    title: str = ""
    items: list[Step] = Field(min_length=1)


class Merit(Strict):
    title: str
    text: str = ""
    note: str = ""


class Merits(Strict):
    """Numbered merits (メリット1–3)."""

    kind: Literal["merits"]
    title: str = ""
    items: list[Merit] = Field(min_length=1)


class Callout(Strict):
    """A boxed notice (注意・お知らせ)."""

    kind: Literal["callout"]
    tone: Literal["warning", "info"] = "info"
    title: str = ""
    text: str


class Question(Strict):
    q: str
    a: str


class QA(Strict):
    """Questions and answers (よくあるご質問)."""

    kind: Literal["qa"]
    title: str = ""
    items: list[Question] = Field(min_length=1)


class Table(Strict):
    """A comparison table with a header row."""

    kind: Literal["table"]
    caption: str = ""
    header: list[str] = Field(min_length=1)
    rows: list[list[str]] = Field(min_length=1)

    @model_validator(mode="after")
    def _rows_fit_header(self) -> "Table":
        for index, row in enumerate(self.rows):
            if len(row) != len(self.header):
                raise ValueError(f"row {index + 1} has {len(row)} cells but the header has {len(self.header)} "
                                 f"(expected {len(self.header)} cells in every row)")
        return self


class ListPart(Strict):
    kind: Literal["list"]
    title: str = ""
    ordered: bool = False
    items: list[str] = Field(min_length=1)


class ContactItem(Strict):
    label: str
    phone: Phone | None = None
    hours: str = ""
    url: WebUrl | None = None
    note: str = ""


class ContactPart(Strict):
    """問い合わせ先 block of a leaflet."""

    kind: Literal["contact"]
    title: str = ""
    items: list[ContactItem] = Field(min_length=1)


class Link(Strict):
    """A web address: a link on the web, a QR code with the URL beside it in print."""

    kind: Literal["link"]
    text: str = Field(description="where the link goes, e.g. 国外転出者向けマイナンバーカードホームページ")
    url: WebUrl


Part = Annotated[
    Union[Heading, Lead, Text, Steps, Merits, Callout, QA, Table, ListPart, ContactPart, Link],
    Field(discriminator="kind"),
]


class Attachment(Strict):
    """資料: one leaflet enclosed with a circular (資料1–6, and others)."""

    id: Slug
    number: int | None = Field(None, ge=1, le=99, description="資料 number; omit for unnumbered leaflets")
    title: str
    issuer: str = ""
    summary: str = ""
    parts: list[Part] = []

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
