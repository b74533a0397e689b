"""The files a merge's e-mails attach (同封資料): the ministry's circular and the 資料 the notice encloses.

Each is the PDF the last ``make site`` built while that is up to date, or else laid out now, as the
build lays it out.
"""

from dataclasses import dataclass
from pathlib import Path

from ..build import leaflets
from ..build import letters as standalone
from ..build.digest import built_from, content_digest
from ..content import Content
from ..model import Attachment, Circular, Organisation
from ..pdf.typesetter import Typesetter
from ..typeset.environment import environment
from ..typeset.letter import carrying_notice, circular_letter
from ..typeset.wareki import wareki
from .filenames import safe_filename


@dataclass(frozen=True)
class EnclosureFile:
    """A PDF to attach: where it is, the file name the e-mail gives it, and what it is (as the body lists it).
    Workers pass these, not the bytes; each worker reads and encodes the files once."""

    path: Path
    filename: str
    description: str


def leaflet_enclosure(root: Path, content: Content, org: Organisation, attachment: Attachment,
                      writer: Typesetter, work: Path) -> EnclosureFile:
    """A 資料 the notice encloses, as the e-mails attach it."""
    path = _built(root, org, leaflets.FOLDER, attachment.id)
    if path is None:
        path = leaflets.write_leaflet(writer, environment(), attachment, work / leaflets.FOLDER,
                                      leaflets.distributor_for(content, org, attachment), content.logo_of(org)).pdf
    what = f"{attachment.label}（{attachment.issuer}）" if attachment.issuer else attachment.label
    return EnclosureFile(path, f"{safe_filename(attachment.label)}.pdf", what)


def circular_enclosure(root: Path, content: Content, org: Organisation, circular: Circular,
                       writer: Typesetter, work: Path) -> EnclosureFile:
    """The ministry's circular the notice relays, as the e-mails attach it."""
    path = _built(root, org, "circulars", circular.id)
    if path is None:
        ministry = circular_letter(content, circular, carrying_notice(content, circular, org.slug))
        data, _ = standalone.letter_pdf(writer, environment(), ministry,
                                        content.logo_of(org))
        path = work / "circulars" / f"{circular.id}.pdf"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
    dated = f"（{wareki(circular.date)}）" if circular.date else ""
    return EnclosureFile(path, f"{safe_filename(f'{circular.issuer.name}_{circular.full_title}')}.pdf",
                         f"{circular.issuer.name}「{circular.full_title}」{dated}")


def _built(root: Path, org: Organisation, folder: str, name: str) -> Path | None:
    """A PDF of the last ``make site`` if that build was made from today's content and templates, else None."""
    path = root / "site" / org.slug / folder / f"{name}.pdf"
    up_to_date = built_from(root / "site") == content_digest(root)
    return path if up_to_date and path.is_file() else None
