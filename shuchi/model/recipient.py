"""recipient (宛先): one addressee of a mail merge."""

from pydantic import EmailStr

from .common import Honorific, Strict, Addressee


class Recipient(Strict):
    """One row of a recipient list: 「北海道薬剤師会 事務局長 殿」, with an optional e-mail."""

    organisation: str = ""
    title: str = ""
    name: str = ""
    honorific: Honorific = Honorific.DONO
    email: EmailStr | None = None

    @property
    def addressee(self) -> Addressee:
        return Addressee(organisation=self.organisation, title=self.title, name=self.name, honorific=self.honorific)
