"""circular (通知): a ministry's request letter, and the ひな形 it supplies for member notices."""


from pydantic import Field, model_validator

from .common import Addressee, Issuer, LetterDate, Markdown, Provenance, Slug, Strict


class Section(Strict):
    """A numbered body section: 1 → (1) → ①, numbered by position, never typed."""

    heading: str = ""
    body: Markdown = ""
    topic: Slug | None = Field(None, description="id of a topic in content/topics/ that supplies heading and body")
    sections: list["Section"] = []

    @model_validator(mode="after")
    def _has_content(self) -> "Section":
        if self.topic and (self.heading or self.body):
            raise ValueError("has a topic and its own heading or body (expected the topic alone: "
                             "it supplies the heading and body)")
        if not (self.topic or self.heading or self.body or self.sections):
            raise ValueError("is empty (expected heading, body, topic or sections)")
        return self


class LetterBody(Strict):
    """What a letter says: its 件名, greeting and numbered sections."""

    title: str = Field(description="件名 without the suffix, e.g. …周知の御協力のお願いについて")
    purpose: str = Field("", description="printed as the 件名's suffix: 依頼 → （依頼）")
    greeting: str = Field("", description="the opening 「平素より…厚く御礼申し上げます。」")
    intro: Markdown = Field("", description="Markdown paragraphs before section 1")
    sections: list[Section] = []

    @property
    def full_title(self) -> str:
        return f"{self.title}（{self.purpose}）" if self.purpose else self.title


class Circular(LetterBody):
    """A request from a ministry to an association (e.g. 総務省 → 情報通信エンジニアリング協会)."""

    id: Slug
    provenance: Provenance = Field(description="where this text comes from: the ministry's own letter (original) or "
                                   "a relay quoting it (relay); only an original is offered as the ministry's letter")
    issuer: Issuer
    addressee: Addressee | None = Field(None, description="宛名; required for an original letter")
    date: LetterDate | None = Field(None, description="発信日; omit when the source does not give it")
    document_number: str = Field("", description="文書番号 as printed; empty for 事務連絡 or none")
    jimu_renraku: bool = Field(False, description="true when the letter is a 事務連絡")
    hinagata: Slug | None = Field(None, description="id of the member-notice template (ひな形) it supplies")
    attachments: list[Slug] = Field([], description="ids of the 資料 its letter lists, in order")
    also_enclosed: list[Slug] = Field([], description="further leaflets the ministry's package carries that its "
                                      "letter does not list (e.g. smartphone-revoke); they go with every notice "
                                      "relaying it, but no letter lists them")

    @property
    def holds_letter(self) -> bool:
        """True when content holds the ministry's own letter, which may then be offered and enclosed as such."""
        return self.provenance.kind == "original"


class Hinagata(LetterBody):
    """ひな形: the ministry's template for an association's notice to its members.

    Its placeholders ({issuer}, {organisation}, {attachments}) are filled in for each notice (shuchi.hinagata).
    """

    id: Slug
    provenance: Provenance = Field(description="original: the ministry's own template; draft: written in the "
                                   "ministries' wording because no source holds the template")
