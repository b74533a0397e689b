"""Stage 5c: the leaflets (資料) an organisation's notices enclose, as a web page and an
A4 print PDF each, under ``<out>/<org>/leaflets/<attachment-id>.html`` and ``.pdf``.

The file names are a convention other parts rely on (the intranet site links to them):
one pair per attachment, whichever notices enclose it.
"""

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from ..content import Content
from ..model import Attachment, Contact, Organisation
from ..pdf.printcheck import Defect
from ..pdf.typesetter import Typesetter
from ..typeset.pages import leaflet_html
from .letters import DocumentWritten

FOLDER = "leaflets"


@dataclass(frozen=True)
class Distributor:
    """配布元: the organisation whose logo and 問合せ先 print at the foot of a leaflet."""

    organisation: Organisation
    contact: Contact | None


def enclosed_attachments(content: Content, org: Organisation) -> list[Attachment]:
    """Every 資料 that any of ``org``'s notices encloses, each once: numbered 資料 first, by number."""
    found = {a.id: a for notice in content.notices_of(org.slug) for a in content.attachments_of(notice)}
    return sorted(found.values(), key=lambda a: (a.number is None, a.number or 0, a.id))


def distributor_for(content: Content, org: Organisation, attachment: Attachment) -> Distributor | None:
    """The 配布元 block of ``attachment``, when a notice enclosing it asks for one (``leaflet_contact``).

    One leaflet file serves all of the organisation's notices, so the newest notice that
    asks decides whose 問合せ先 it shows: its own contact, or else the organisation's.
    """
    for notice in content.notices_of(org.slug):
        if notice.leaflet_contact and attachment in content.attachments_of(notice):
            return Distributor(org, notice.contact or org.contact)
    return None


def write_leaflet(writer: Typesetter, env: Environment, attachment: Attachment, folder: Path,
                  distributor: Distributor | None, logo: Path) -> DocumentWritten:
    """Write ``attachment`` as ``<id>.html`` (web) and ``<id>.pdf`` (A4 print) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path = folder / f"{attachment.id}.html", folder / f"{attachment.id}.pdf"
    html_path.write_text(leaflet_html(env, attachment, media="screen", distributor=distributor,
                                      logo="../logo.svg"), encoding="utf-8")
    printed = leaflet_html(env, attachment, media="print", distributor=distributor, logo=logo.resolve().as_uri())
    pages = writer.write(printed, logo.parent, pdf_path, attachment.id)
    if distributor and pages == 2 and writer.printed:
        alone = leaflet_html(env, attachment, media="print", distributor=None, logo=logo.resolve().as_uri())
        if len(writer.document(alone, logo.parent, attachment.id, check=False).pages) == 1:
            writer.printed[-1][1].append(Defect(2, "grew", "the 配布元・問合せ先 footer (leaflet_contact: true) "
                                                          "pushes this one-page leaflet onto a second page"))
    return DocumentWritten(html_path, pdf_path, pages)


def write_organisation_leaflets(writer: Typesetter, env: Environment, content: Content, org: Organisation,
                                out: Path) -> dict[str, DocumentWritten]:
    """All leaflets ``org``'s notices enclose, under ``out/leaflets/``; keyed by attachment id."""
    logo = content.logo_of(org)
    return {attachment.id: write_leaflet(writer, env, attachment, out / FOLDER,
                                         distributor_for(content, org, attachment), logo)
            for attachment in enclosed_attachments(content, org)}
