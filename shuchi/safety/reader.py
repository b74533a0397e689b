"""A published page read as the reader's browser reads it (tinyhtml5, a WHATWG HTML parser): whatever would
run or load from elsewhere, and the inline scripts the page may run (which its Content-Security-Policy allows
by hash).

The checks are not about how the page was made: a page MkDocs wrote, one rendered from our templates and one a
future generator writes are read the same way, after they are written.
"""

import base64
import hashlib
import re
from dataclasses import dataclass, field

import tinyhtml5

from .css import declarations_problems, stylesheet_problems, value_problems
from .urls import leaves_site, scheme

HTML_NS = "{http://www.w3.org/1999/xhtml}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"

FORBIDDEN_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "meta-refresh",
                      "noscript", "template", "math"}
"""Elements that load other pages into this one, redirect its links or hide markup from the parser."""

NAVIGATION_SCHEMES = {"http", "https", "mailto", "tel"}
"""Where a link may go when clicked."""

LINKING = {("a", "href"), ("area", "href"), ("form", "action"), ("button", "formaction"), ("input", "formaction"),
           ("blockquote", "cite"), ("q", "cite"), ("del", "cite"), ("ins", "cite")}
"""Attributes whose address is only followed on a click (so another site is fine, a script is not)."""

URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data", "background", "cite", "ping",
                  "manifest", "codebase", "archive", "longdesc", "lowsrc", "dynsrc", "usemap", "icon", "imagesrcset",
                  "attributionsrc"}
"""Attributes a browser reads as addresses; all but :data:`LINKING` are fetched as the page opens."""

URL_LISTS = {"ping", "archive", "attributionsrc"}
"""Attributes holding several addresses apart by white space (each one is fetched: ``<a ping>`` on a click)."""

ANIMATIONS = {"animate", "set", "animatemotion", "animatetransform", "animatecolor"}
"""SVG animations (SMIL): each writes its ``from``/``to``/``by``/``values`` into the attribute ``attributeName``
names, so those values are read as that attribute's."""

INERT_SCRIPT_TYPES = {"application/json", "application/ld+json"}
"""Script elements a browser never runs (Material keeps its configuration in one)."""

MATERIAL_SCRIPTS = {
    '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,'
    'a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    'var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name'
    '.startsWith("__tabbed_"))',
    '__md_scope=new URL("{base}",location),__md_scope.pathname.endsWith("/")||(__md_scope=new URL(__md_scope.pathname'
    '+"/",location)),__md_hash=e=>[...e].reduce(((e,t)=>(e<<5)-e+t.charCodeAt(0)),0),__md_get=(e,t=localStorage,'
    '_=__md_scope)=>JSON.parse(t.getItem(_.pathname+"."+e)),__md_set=(e,t,_=localStorage,a=__md_scope)=>{try{_.setItem('
    'a.pathname+"."+e,JSON.stringify(t))}catch(e){}},document.documentElement.setAttribute("data-platform",'
    'navigator.platform)',
}
"""The inline scripts of mkdocs-material 9.8.1's pages and of Zensical 0.0.73's (both pinned; the last is
Zensical's version of the first; the palette script Zensical adds is left out by our theme), with the page's
path to the site root as ``{base}``. Any other inline script is not ours; a new version that adds one stops the
build until it is listed here."""

_BASE = re.compile(r'^__md_scope=new URL\("((?:\.|/|\.\.(?:/\.\.)*))",location\)')


@dataclass
class Reading:
    """What the reader's parser found in one page."""

    findings: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    """Every piece of text of the page in reading order, as the reader sees it (for the personal-number guard):
    「[1234](…)56789018」 reads as one number whatever address the link holds."""
    attributes: list[str] = field(default_factory=list)
    """Every attribute value, each read on its own (a link's address, a picture's alt text)."""

    def visible(self) -> str:
        """The text, a line break between pieces (one number split by markup is still found; two never merge)."""
        return "\n".join(self.text)
    script_sources: list[str] = field(default_factory=list)
    """The ``src`` of each script element: each must be a file of the site (:mod:`.published` looks)."""

    def hashes(self) -> list[str]:
        """CSP hash sources of the page's inline scripts, in order, each once."""
        return list(dict.fromkeys(f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
                                  for text in self.inline_scripts))


def read_page(html: str) -> Reading:
    """Read ``html`` as a browser would."""
    reading = Reading()
    for element in tinyhtml5.parse(html).iter():
        if isinstance(element.tag, str):
            _element(element, reading)
            reading.text.append(element.text or "")
            reading.attributes += element.attrib.values()
        reading.text.append(element.tail or "")
    return reading


def _element(element, reading: Reading) -> None:
    found = reading.findings
    namespace, _, tag = element.tag[1:].partition("}") if element.tag.startswith("{") else ("", "", element.tag)
    if tag in FORBIDDEN_ELEMENTS:
        found.append(f"the element <{tag}>")
    if tag == "meta" and (element.get("http-equiv") or "content-security-policy").lower() != "content-security-policy":
        # a policy only ever forbids more (every policy of a page is enforced), so it is the one allowed
        found.append(f"<meta http-equiv=\"{element.get('http-equiv')[:40]}\">")
    if tag == "script":
        _script(element, reading, namespace)
    if tag == "style":
        found.extend(f"<style> with {what}" for what in stylesheet_problems(element.text or ""))
    svg = namespace == "http://www.w3.org/2000/svg"
    for raw_name, value in element.attrib.items():
        name = "href" if raw_name == XLINK_HREF else raw_name.rsplit("}", 1)[-1].lower()
        found.extend(_attribute(tag, name, value, svg))
    if svg and tag.lower() in ANIMATIONS and element.get("attributeName"):
        animated = element.get("attributeName").rsplit(":", 1)[-1].strip().lower()
        for key in ("from", "to", "by", "values"):
            for value in (element.get(key) or "").split(";"):
                found.extend(f"an animation setting {what}" for what in _attribute("svg", animated, value, svg))
    if tag == "script" and element.get("src") is not None and namespace == HTML_NS[1:-1]:
        reading.script_sources.append(element.get("src"))


def _attribute(tag: str, name: str, value: str, svg: bool) -> list[str]:
    """What one attribute, as the browser reads it, would run or load."""
    if name.startswith("on"):
        return [f"the event handler {name}= on <{tag}>"]
    if name in ("srcdoc", "formtarget") or name.startswith("xmlns:"):
        return [f"the attribute {name}= on <{tag}>"]
    if name == "style":
        return [f"style= with {what}" for what in declarations_problems(value)]
    if name in URL_ATTRIBUTES:
        return _address(tag, name, value)
    if svg and "(" in value:  # presentation attributes are CSS values: fill="url(…)", filter=, mask=, marker-start=
        return [f"{name}= with {what}" for what in value_problems(value)]
    return []


def _script(element, reading: Reading, namespace: str) -> None:
    if element.get("type", "").strip().lower() in INERT_SCRIPT_TYPES:
        return
    if namespace != HTML_NS[1:-1]:
        reading.findings.append("a <script> element in SVG or MathML")
    elif element.get("src") is not None:
        return  # its address is checked with the other attributes: it must be a file of the site
    else:
        text = element.text or ""
        if _BASE.sub('__md_scope=new URL("{base}",location)', text) in MATERIAL_SCRIPTS:
            reading.inline_scripts.append(text)
        else:
            reading.findings.append(f"a <script> that is not shuchi's or Material's: {' '.join(text.split())[:60]!r}")


def _address(tag: str, name: str, value: str) -> list[str]:
    urls = [candidate.split()[0] for candidate in value.split(",") if candidate.split()] \
        if name.endswith("srcset") else value.split() if name in URL_LISTS else [value]
    found = []
    for url in urls:
        kind = scheme(url)
        if kind is not None and kind not in NAVIGATION_SCHEMES:
            found.append(f"a {kind}: address in <{tag} {name}>")
        elif (tag, name) not in LINKING and leaves_site(url):
            found.append(f"<{tag} {name}=\"{url[:60]}\"> loading from another site")
    return found
