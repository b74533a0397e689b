"""PDFs fit for archives (長期保存: PDF/A-3a) and for screen readers (PDF/UA-1), and their metadata in one place.

Every PDF shuchi writes is declared as PDF/A-3 level A *and* PDF/UA-1:

* WeasyPrint's ``pdf/a-3a`` variant tags the document (headings, paragraphs, lists, tables,
  figures with their ``alt``), embeds the fonts, writes the sRGB output intent and the XMP
  identification ``pdfaid:part=3``, ``pdfaid:conformance=A``; the title comes from the page's
  ``<title>``, ``/Lang`` from ``<html lang>``, bookmarks from the headings.
* WeasyPrint offers one variant at a time, and its ``pdf/ua-1`` writes the same tags but no PDF/A
  identification: :class:`ArchivalMetadata` adds ``pdfuaid:part=1`` to the PDF/A XMP packet, with
  the extension schema PDF/A asks for any property outside its predefined schemas.

The title, author and description come from the templates' ``<title>`` and ``<meta>``, the language
from ``<html lang="ja">``. A merged letter, a copy of the body WeasyPrint wrote, keeps them; the merge's
combined print file, put together from the letters, gets the body's from :func:`declare_combined` and its
own title from :func:`retitle_combined`. Nothing else in shuchi writes a PDF's metadata.
"""

from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, fromstring, register_namespace, tostring

from pikepdf import Name, Pdf, String
from weasyprint import Document
from weasyprint.pdf.metadata import NS, DocumentMetadata

VARIANT = "pdf/a-3a"
"""WeasyPrint's variant: PDF/A-3 (PDF 1.7, the version PDF/UA-1 is built on; unlike PDF/A-2 it keeps a file that
an organisation's own template attaches), level A (tagged)."""

PDFUA_PART = 1
PDF_VERSION = "1.7"
"""The PDF version of the variant, which a file put together from its PDFs keeps."""

_EXTENSION = "http://www.aiim.org/pdfa/ns/extension/"
_SCHEMA = "http://www.aiim.org/pdfa/ns/schema#"
_PROPERTY = "http://www.aiim.org/pdfa/ns/property#"
for _prefix, _uri in (("pdfaExtension", _EXTENSION), ("pdfaSchema", _SCHEMA), ("pdfaProperty", _PROPERTY)):
    register_namespace(_prefix, _uri)  # the prefixes PDF/A names for its extension schemas


class ArchivalMetadata(DocumentMetadata):
    """WeasyPrint's document metadata, whose PDF/A XMP packet also declares PDF/UA-1."""

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = fromstring(super().generate_rdf_metadata(variant, version, conformance))
        if variant == "a":
            _found(rdf, f"{{{NS['rdf']}}}Description").set(f"{{{NS['pdfuaid']}}}part", str(PDFUA_PART))
            rdf.append(_pdfuaid_schema())
        return tostring(rdf, encoding="utf-8")


def _pdfuaid_schema() -> Element:
    """The PDF/A extension schema that describes ``pdfuaid:part`` (PDF/A 6.6.2.3: custom properties are declared)."""
    description = Element(f"{{{NS['rdf']}}}Description", {f"{{{NS['rdf']}}}about": ""})
    bag = SubElement(SubElement(description, f"{{{_EXTENSION}}}schemas"), f"{{{NS['rdf']}}}Bag")
    schema = SubElement(bag, f"{{{NS['rdf']}}}li", {f"{{{NS['rdf']}}}parseType": "Resource"})
    for name, text in (("schema", "PDF/UA Universal Accessibility Schema"),
                       ("namespaceURI", NS["pdfuaid"]), ("prefix", "pdfuaid")):
        SubElement(schema, f"{{{_SCHEMA}}}{name}").text = text
    properties = SubElement(SubElement(schema, f"{{{_SCHEMA}}}property"), f"{{{NS['rdf']}}}Seq")
    part = SubElement(properties, f"{{{NS['rdf']}}}li", {f"{{{NS['rdf']}}}parseType": "Resource"})
    for name, text in (("name", "part"), ("valueType", "Integer"), ("category", "internal"),
                       ("description", "Indicates, which part of ISO 14289 standard is followed")):
        SubElement(part, f"{{{_PROPERTY}}}{name}").text = text
    return description


def write_pdf(document: Document, target: Path) -> None:
    """Write ``document`` to ``target`` as a tagged PDF/A-3a and PDF/UA-1 file."""
    target.write_bytes(pdf_bytes(document))


def pdf_bytes(document: Document) -> bytes:
    """``document`` as a tagged PDF/A-3a and PDF/UA-1 file."""
    if not isinstance(document.metadata, ArchivalMetadata):
        document.metadata = ArchivalMetadata(**vars(document.metadata))
    return document.write_pdf(pdf_variant=VARIANT, finisher=_scope_column_headers)


def _scope_column_headers(document: Document, pdf) -> None:
    """Give each header cell of a table's head ``/Scope /Column``, as its HTML ``<th scope="col">`` says.

    WeasyPrint ties every data cell to its headers (``/Headers``) but writes no ``/Scope``; a
    screen reader and a checker then have to follow the IDs to tell what a header heads."""
    def parent(element):
        return pdf.objects[int(element["P"].split()[0])]
    for element in pdf.objects:
        if isinstance(element, dict) and element.get("S") == "/TH" and parent(parent(element)).get("S") == "/THead":
            element["A"]["Scope"] = "/Column"


def declare_combined(out: Pdf, source: Pdf) -> None:
    """Declare ``out``, put together from letters whose body is ``source``, as ``source`` is: its language, how it
    is shown, its output intent, XMP identification (PDF/A-3a and PDF/UA-1) and document information."""
    out.Root.Lang = source.Root.Lang
    for key in ("/MarkInfo", "/ViewerPreferences", "/OutputIntents", "/Metadata"):
        value = source.Root[key]  # qpdf copies indirect objects only
        out.Root[key] = out.copy_foreign(value if value.is_indirect else source.make_indirect(value))
    for key, value in source.docinfo.items():
        out.docinfo[key] = value


def retitle_combined(out: Pdf, title: str) -> None:
    """Title ``out`` (made by :func:`declare_combined`) ``title``, in /Info and XMP alike (PDF/A: the two agree)."""
    packet = out.Root.Metadata.read_bytes()
    start, end = packet.index(b"<rdf:RDF"), packet.index(b"</rdf:RDF>") + len(b"</rdf:RDF>")
    rdf = fromstring(packet[start:end])
    _found(rdf, f".//{{{NS['dc']}}}title/{{{NS['rdf']}}}Alt/{{{NS['rdf']}}}li").text = title
    out.Root.Metadata = out.make_stream(packet[:start] + tostring(rdf, encoding="utf-8") + packet[end:],
                                        Type=Name.Metadata, Subtype=Name.XML)
    out.docinfo[Name.Title] = String(title)


def _found(rdf: Element, path: str) -> Element:
    """The element at ``path``, which WeasyPrint's packet always has."""
    found = rdf.find(path)
    if found is None:
        raise ValueError(f"the XMP packet has no {path}")
    return found
