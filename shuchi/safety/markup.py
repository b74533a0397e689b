"""Allow-lists (許可リスト) for what an organisation brings itself: its own letterhead and its logo SVG.

Both are read the way a browser reads them — the letterhead by a WHATWG HTML parser (tinyhtml5, the
html5lib WeasyPrint uses), the logo by an XML parser that refuses DTDs and entities (defusedxml) — and
everything in them must be on a list of elements, attributes and address schemes known to be inert.
Whatever is not on a list is refused, so a trick nobody has thought of yet is refused too.
"""

from xml.etree.ElementTree import Element

import tinyhtml5
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from .css import declarations_problems, stylesheet_problems, value_problems
from .urls import leaves_site, scheme

HTML_NS = "{http://www.w3.org/1999/xhtml}"
SVG_NS = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML_NS = "{http://www.w3.org/XML/1998/namespace}"

LETTERHEAD_ELEMENTS = {
    "html", "head", "body", "header", "footer", "section", "div", "p", "span", "img", "br", "hr", "strong", "em",
    "b", "i", "u", "small", "sub", "sup", "h1", "h2", "h3", "h4", "h5", "h6", "address", "table", "thead",
    "tbody", "tr", "th", "td", "ul", "ol", "li", "a", "style", "ruby", "rt", "rp", "time",
}
"""Elements a letterhead may hold: text, layout and one picture (the logo)."""

LETTERHEAD_ATTRIBUTES = {"class", "id", "lang", "dir", "title", "alt", "src", "href", "style", "width", "height",
                         "colspan", "rowspan", "role", "datetime", "rel"}
"""Attributes it may use (plus ``aria-*``)."""

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
"""Where a letterhead's link (``<a href>``) may go; it is only followed on a click."""

SVG_ELEMENTS = {
    "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "defs",
    "title", "desc", "lineargradient", "radialgradient", "stop", "clippath", "mask", "use", "symbol", "style",
}
"""Elements a logo may hold: shapes, text, gradients and clips — nothing that runs, embeds or links."""

SVG_ATTRIBUTES = {
    "id", "class", "style", "d", "x", "y", "width", "height", "cx", "cy", "r", "rx", "ry", "x1", "y1", "x2", "y2",
    "points", "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity", "transform",
    "viewbox", "version", "preserveaspectratio", "font-family", "font-size", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "letter-spacing", "offset", "stop-color", "stop-opacity", "gradientunits",
    "gradienttransform", "spreadmethod", "fx", "fy", "dx", "dy", "clip-path", "clip-rule", "clippathunits", "mask",
    "maskunits", "role", "display", "visibility", "href", "lang", "color", "textlength", "lengthadjust",
}
"""Attributes a logo may use (plus ``aria-*``); ``href`` only as ``#id``, on ``<use>``."""


def _allowed_attribute(name: str, allowed: set[str]) -> bool:
    return name.lower() in allowed or name.lower().startswith("aria-")


def line_of(text: str, needle: str) -> int:
    """The first line of ``text`` holding ``needle`` (case-insensitive), or 0: where to point the editor.
    An element's needle ``<tag`` also finds it written with a namespace prefix (``<x:tag``)."""
    for candidate in (needle, f":{needle[1:]}") if needle.startswith("<") else (needle,):
        at = text.lower().find(candidate.lower()) if candidate else -1
        if at >= 0:
            return text.count("\n", 0, at) + 1
    return 0


def letterhead_findings(html: str) -> list[tuple[int, str]]:
    """What in a letterhead template is not on the allow-lists, with the line of each: a picture must be
    named by a relative path or ``{{ logo }}``."""
    return [(line_of(html, needle), what) for needle, what in _letterhead(html, print_files=False)]


def letterhead_problems(html: str) -> list[str]:
    """What in a rendered letterhead is not on the allow-lists. For print, ``{{ logo }}`` becomes a ``file:``
    address, which WeasyPrint's fetcher confines to the project."""
    return [what for _, what in _letterhead(html, print_files=True)]


def svg_findings(text: str) -> list[tuple[int, str]]:
    """:func:`svg_problems` with the line of each."""
    return [(line_of(text, needle), what) for needle, what in _svg(text)]


def svg_problems(text: str) -> list[str]:
    """What in a logo SVG is not on the allow-lists; a DTD, an entity or broken XML is refused outright."""
    return [what for _, what in _svg(text)]


def _letterhead(html: str, print_files: bool) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    tree = tinyhtml5.parse(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment: inert as the parser read it
        if not element.tag.startswith(HTML_NS):
            found.append((f"<{_local(element.tag)}", f"the element <{_local(element.tag)}> from another XML namespace"))
            continue
        tag = element.tag[len(HTML_NS):]
        if tag not in LETTERHEAD_ELEMENTS:
            found.append((f"<{tag}", f"the element <{tag}>"))
            continue
        if tag == "style":
            found.extend(("<style", f"<style> with {what}") for what in stylesheet_problems(element.text or ""))
        for name, value in element.attrib.items():
            name = _local(name) if name.startswith("{") else name
            if not _allowed_attribute(name, LETTERHEAD_ATTRIBUTES):
                found.append((name, f"the attribute {name}= on <{tag}>"))
            elif name == "style":
                found.extend((value, f"style= with {what}") for what in declarations_problems(value))
            elif name == "href" and tag == "a":
                if scheme(value) not in LINK_SCHEMES | {None}:
                    found.append((value, f"a {scheme(value)}: address in <a href>"))
            elif name in ("src", "href"):
                if tag != "img" or name != "src":
                    found.append((name, f"the attribute {name}= on <{tag}>"))
                elif scheme(value) not in ({None, "file"} if print_files else {None}) or \
                        (scheme(value) is None and leaves_site(value)):
                    found.append((value, f"<img src=\"{value[:60]}\"> loading from another site"))
    return found


def _svg(text: str) -> list[tuple[str, str]]:
    instructions: list[str] = []
    try:
        parser = DefusedXMLParser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        # ElementTree drops processing instructions; a browser opening the logo alone follows <?xml-stylesheet?>
        parser.parser.ProcessingInstructionHandler = lambda target, data: instructions.append(target)
        parser.feed(text.encode("utf-8"))
        root = parser.close()
    except DefusedXmlException:
        return [("<!", "a DTD or an entity (<!DOCTYPE …>, <!ENTITY …>)")]
    except SyntaxError as error:
        return [("", f"XML that cannot be read ({error})")]
    found = [(f"<?{target}", f"the processing instruction <?{target[:40]} …?>") for target in instructions]
    for element in root.iter():
        found.extend(_svg_element_problems(element))
    return found


def _svg_element_problems(element: Element) -> list[tuple[str, str]]:
    if not isinstance(element.tag, str) or not element.tag.startswith(SVG_NS):
        return [(f"<{_local(str(element.tag))}", f"the element <{_local(str(element.tag))}> from another XML namespace "
                                                 f"than SVG's")]
    tag = element.tag[len(SVG_NS):]
    if tag.lower() not in SVG_ELEMENTS:
        return [(f"<{tag}", f"the element <{tag}>")]
    found: list[tuple[str, str]] = []
    if tag == "style":
        found.extend(("<style", f"<style> with {what}") for what in stylesheet_problems(element.text or ""))
    for name, value in element.attrib.items():
        if name == XLINK_HREF:
            name = "href"
        elif name in (f"{XML_NS}space", f"{XML_NS}lang"):
            continue
        elif name.startswith("{"):
            found.append((_local(name), f"the attribute {_local(name)}= from another XML namespace"))
            continue
        if not _allowed_attribute(name, SVG_ATTRIBUTES):
            found.append((name, f"the attribute {name}= on <{tag}>"))
        elif name == "href" and (tag != "use" or not value.startswith("#")):
            found.append((value, f"href=\"{value[:60]}\" on <{tag}> (only <use href=\"#id\"> is allowed)"))
        elif name == "style":
            found.extend((value, f"style= with {what}") for what in declarations_problems(value, fragments_only=True))
        elif "url(" in value.lower() or "\\" in value:
            found.extend((value, f"{name}= with {what}") for what in value_problems(value, fragments_only=True))
    return found


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
