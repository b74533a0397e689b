"""register (文書番号台帳): the document numbers an organisation has issued, one line each."""


from pydantic import Field

from .common import LetterDate, Slug, Strict


class IssuedNumber(Strict):
    """One 文書番号 given to one letter: which notice, to whom, dated when."""

    number: int = Field(ge=1, description="the number that goes into the organisation's pattern, "
                                          "e.g. 151 → 日薬業発第151号")
    date: LetterDate = Field(description="発信日 of the letter that carries it")
    notice: Slug = Field(description="id of the notice the letter belongs to")
    recipient: str = Field(min_length=1, description="宛名 of the letter, e.g. 北海道薬剤師会 事務局長 殿")


class Register(Strict):
    """文書番号台帳 of one organisation, kept in content/registers/<slug>.yaml and written by ``build.py merge``."""

    organisation: Slug
    issued: list[IssuedNumber] = []
