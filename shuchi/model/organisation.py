"""organisation (団体): who issues the notices, with its letterhead and its audiences."""

from pydantic import Field, field_validator

from .common import (
    SEAL_DESCRIPTION,
    Addressee,
    Colour,
    Contact,
    MailAddress,
    Phone,
    Postcode,
    Seal,
    Slug,
    Strict,
    SvgFile,
    WebUrl,
)


class Organisation(Strict):
    """An association (業界団体) that relays a ministry's request to its own audience."""

    slug: Slug = Field(description="ASCII folder name of its site, e.g. nichiyaku")
    legal_form: str = Field("", description="法人格, e.g. 一般社団法人 (printed before the name)")
    name: str = Field(description="団体名 without the legal form, e.g. 日本薬剤師会")
    short_name: str = Field(description="略称, e.g. 日薬, 全住協")
    department: str = Field("", description="発信部署, e.g. 総務部総務課")
    signatory: str = Field("", description="発信者名 of a named post holder, e.g. 会長 山本 信夫; "
                                           "empty for the department only")
    logo: SvgFile = Field(description="SVG logo, relative to content/organisations/")
    colour: Colour = Field(description="brand colour for letterhead and site, #rrggbb")
    address: str = ""
    postcode: Postcode | None = Field(None, description="郵便番号, e.g. 102-0083 (printed after 〒)")
    phone: Phone | None = Field(None, description="代表電話, e.g. 03-3511-0611")
    email: MailAddress | None = None
    website: WebUrl | None = None
    document_number: str = Field("", description="文書番号 pattern with {n}, e.g. 日薬業発第{n}号")
    western_year: bool = Field(False, description="print the Western year beside the 和暦 date")
    contact: Contact | None = Field(None, description="default 問合せ先 for its notices")
    seal: Seal | None = Field(None, description=f"{SEAL_DESCRIPTION}; a notice may say otherwise")
    mail_docx: bool = Field(False, description="attach each letter as Word (.docx) as well as PDF to the mail "
                            "merge's e-mails, for recipients who edit or forward it")
    audiences: dict[str, Addressee] = Field(description="how it addresses each audience (宛名), e.g. members: 会員各位")

    @field_validator("document_number")
    @classmethod
    def _has_number_slot(cls, value: str) -> str:
        if value and value.count("{n}") != 1:
            raise ValueError("must contain {n} exactly once (expected {n} where the number goes, e.g. 日薬業発第{n}号)")
        return value

    @property
    def full_name(self) -> str:
        """団体名 with its 法人格: 「一般社団法人 全国住宅産業協会」."""
        return f"{self.legal_form} {self.name}".strip()

    def document_number_for(self, number: int) -> str:
        """文書番号 for ``number``: 「日薬業発第123号」."""
        return self.document_number.replace("{n}", str(number))
