"""recipient (宛先): one addressee of a mail merge, and a list of them."""

from pydantic import Field, model_validator

from .common import Addressee, Honorific, MailAddress, Strict


class Recipient(Strict):
    """One row of a recipient list: 「北海道薬剤師会 事務局長 殿」, with an optional e-mail."""

    organisation: str = Field("", description="団体名 or 会社名, e.g. 北海道薬剤師会")
    title: str = Field("", description="役職, e.g. 事務局長")
    name: str = Field("", description="氏名 of a named person")
    honorific: Honorific = Field(Honorific.DONO, description="敬称: 殿, 様, 御中 or 各位")
    email: MailAddress | None = Field(None, description="where the e-mail goes; leave empty for post only")

    @model_validator(mode="after")
    def _named(self) -> "Recipient":
        if not (self.organisation or self.name):
            raise ValueError("has no name (expected an organisation (団体名) or a person's name (氏名))")
        _ = self.addressee  # raises when the honorific is written into the name as well (「各位殿」)
        return self

    @property
    def addressee(self) -> Addressee:
        return Addressee(organisation=self.organisation, title=self.title, name=self.name, honorific=self.honorific)

    @property
    def line(self) -> str:
        """宛名 as printed: 「北海道薬剤師会 事務局長 殿」."""
        return self.addressee.line

    @property
    def label(self) -> str:
        """The recipient without honorific, for file names and lists: 「北海道薬剤師会 事務局長」."""
        return " ".join(part for part in (self.organisation, self.title, self.name) if part)


class RecipientList(Strict):
    """A recipient list in YAML (``recipients:`` then one entry per recipient); CSV has one row each."""

    recipients: list[Recipient] = Field(min_length=1)
