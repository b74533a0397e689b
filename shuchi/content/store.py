"""The loaded content (内容): every file of ``content/``, validated, as model objects."""

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from ..errors import Problem
from ..model import (
    Attachment,
    Circular,
    Document,
    Hinagata,
    Notice,
    Organisation,
    Recipient,
    Register,
    Topic,
)
from .source import Source

KINDS: dict[str, type[BaseModel]] = {
    "organisations": Organisation,
    "topics": Topic,
    "hinagata": Hinagata,
    "circulars": Circular,
    "attachments": Attachment,
    "notices": Notice,
}
"""Each folder of content/ and the kind of content its YAML files hold."""

FOLDERS = (*KINDS, "documents", "recipients", "registers")
"""The folders of content/ that shuchi reads; a folder named almost like one is a typo."""


@dataclass
class Content:
    """Everything in ``content/``, validated and cross-checked."""

    root: Path
    organisations: dict[str, Organisation] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    hinagata: dict[str, Hinagata] = field(default_factory=dict)
    circulars: dict[str, Circular] = field(default_factory=dict)
    attachments: dict[str, Attachment] = field(default_factory=dict)
    notices: dict[str, Notice] = field(default_factory=dict)
    documents: dict[str, Document] = field(default_factory=dict)
    recipients: dict[str, list[Recipient]] = field(default_factory=dict)
    registers: dict[str, Register] = field(default_factory=dict)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    failed: set[tuple[str, str]] = field(default_factory=set)

    def logo_of(self, org: Organisation) -> Path:
        """The organisation's logo file (an SVG in content/organisations/)."""
        return self.root / "organisations" / org.logo

    def notices_of(self, slug: str) -> list[Notice]:
        """An organisation's notices, newest first."""
        mine = [n for n in self.notices.values() if n.organisation == slug]
        return sorted(mine, key=lambda n: (n.date, n.id), reverse=True)

    def listed_attachments_of(self, notice: Notice) -> list[Attachment]:
        """The 資料 a notice's letter lists, in order (its own list, or else the circular's)."""
        ids = notice.attachments if notice.attachments is not None else self.circulars[notice.circular].attachments
        return [self.version_for(notice.organisation, i) for i in ids]

    def attachments_of(self, notice: Notice) -> list[Attachment]:
        """Every leaflet a notice sends: those its letter lists, then those the circular's package also carries."""
        listed = self.listed_attachments_of(notice)
        extra = [self.version_for(notice.organisation, i) for i in self.circulars[notice.circular].also_enclosed]
        return listed + [a for a in extra if a not in listed]

    def version_for(self, organisation: str, attachment_id: str) -> Attachment:
        """Attachment ``attachment_id``, or the organisation's own version of it (``version_of``) where it has one."""
        own = [a for a in self.attachments.values() if a.version_of == attachment_id and a.organisation == organisation]
        return own[0] if own else self.attachments[attachment_id]
