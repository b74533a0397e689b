"""notice (通知・事務連絡): an organisation relaying a circular to one of its audiences."""


from pydantic import Field, model_validator

from .circular import Section
from .common import SEAL_DESCRIPTION, Contact, LetterDate, Markdown, Seal, Slug, Strict


class KiItem(Strict):
    """One numbered particular under 記 (「1．通知等資料」, 「3．問合せ先」)."""

    label: str
    text: Markdown = ""
    enclosures: bool = Field(False, description="list the enclosed circular and 資料 here, numbered (1), (2)…")
    contact: bool = Field(False, description="print the notice's 問合せ先 here")


class Notice(Strict):
    """What becomes a cover letter or member letter, an intranet page and a mail merge."""

    id: Slug
    organisation: Slug
    audience: str = Field(description="key of the organisation's audiences, e.g. members")
    circular: Slug
    date: LetterDate = Field(description="発信日 (issue date)")
    jimu_renraku: bool = Field(False, description="print 事務連絡 instead of a 文書番号")
    number: int | None = Field(None, ge=1, description="文書番号's number, formatted with the organisation's pattern")
    from_hinagata: bool = Field(False, description="take title, greeting and sections from the circular's ひな形")
    title: str = ""
    purpose: str = ""
    greeting: str = ""
    intro: Markdown = ""
    sections: list[Section] = []
    ki: list[KiItem] = Field([], description="記: the particulars after the body, closed by 以上")
    attachments: list[Slug] | None = Field(None, description="資料 sent with it; default: the circular's")
    enclose_circular: bool = Field(False, description="send the ministry's letter along as an enclosure")
    contact: Contact | None = Field(None, description="問合せ先; default: the organisation's")
    seal: Seal | None = Field(None, description=f"{SEAL_DESCRIPTION}; default: the organisation's")
    leaflet_contact: bool = Field(False, description="print the organisation's logo and 問合せ先 (this notice's "
                                  "contact, or the organisation's) at the foot of every leaflet (資料) it encloses")

    @model_validator(mode="after")
    def _title_or_template(self) -> "Notice":
        if not self.from_hinagata and not self.title:
            raise ValueError("needs a title (件名) (expected title: …, or from_hinagata: true to take it "
                             "from the ministry's template)")
        if self.jimu_renraku and self.number:
            raise ValueError("is both a 事務連絡 and numbered (expected jimu_renraku: true or a number, not both)")
        return self
