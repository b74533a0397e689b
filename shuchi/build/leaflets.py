"""Stage 5c: the leaflets (資料) an organisation's notices enclose, as a web page and an
A4 print PDF each, under ``<out>/<org>/leaflets/<attachment-id>.html`` and ``.pdf``.

The file names are a convention other parts rely on (the intranet site links to them):
one pair per attachment, whichever notices enclose it.
"""

from pathlib import Path

from jinja2 import Environment

from ..model import Attachment
from ..pdf.printcheck import Defect
from ..pdf.typesetter import Typesetter
from ..typeset.pages import leaflet_html
from .letters import BackLink, DocumentWritten
from .plan import LEAFLETS as FOLDER
from .plan import Distributor, distributor_for

__all__ = ["FOLDER", "Distributor", "distributor_for", "write_leaflet"]


def write_leaflet(writer: Typesetter, env: Environment, attachment: Attachment, folder: Path,
                  distributor: Distributor | None, logo: Path) -> DocumentWritten:
    """Write ``attachment`` as ``<id>.html`` (web) and ``<id>.pdf`` (A4 print) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path = folder / f"{attachment.id}.html", folder / f"{attachment.id}.pdf"
    back = BackLink(f"../shiryo/{attachment.id}.html", "資料のページへ戻る")
    html_path.write_text(leaflet_html(env, attachment, media="screen", distributor=distributor,
                                      logo="../logo.svg", back=back), encoding="utf-8")
    printed = leaflet_html(env, attachment, media="print", distributor=distributor, logo=logo.resolve().as_uri())
    pages = writer.write(printed, logo.parent, pdf_path, attachment.id)
    if distributor and pages == 2 and writer.printed:
        alone = leaflet_html(env, attachment, media="print", distributor=None, logo=logo.resolve().as_uri())
        if len(writer.document(alone, logo.parent, attachment.id, check=False).pages) == 1:
            writer.printed[-1][1].append(Defect(2, "grew", "the 配布元・問合せ先 footer (leaflet_contact: true) "
                                                          "pushes this one-page leaflet onto a second page"))
    return DocumentWritten(html_path, pdf_path, pages)
