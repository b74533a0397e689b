"""The manual's chapters checked as MkDocs will publish them: rendered with Python-Markdown and the extensions
of the site's ``mkdocs.yml`` (the engine the reader gets), then read with the reader's parser against an
allow-list of elements, attributes and address schemes.

markdown-it (which renders letters) reads ``\\<img …>``, ``{ onfocus=… }`` or ``java&#x09;script:`` differently
from Python-Markdown; checking with the publishing engine leaves no such gap. An allow-list rather than a search
for what runs: a chapter is text, tables, lists, links and pictures, so ``ping=``, ``data-md-component=`` (which
makes the theme's script fetch from GitHub), SVG animations or a same-site ``<script src>`` are refused without
anyone having thought of them."""

import functools

import markdown
import tinyhtml5

from .css import declarations_problems
from .markup import HTML_NS, LINK_SCHEMES, line_of
from .reader import read_page
from .urls import leaves_site, scheme

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "shuchi.build.sitemarkdown", "toc"]
"""The Markdown extensions of templates/site/mkdocs.yml.j2 (a test keeps the two lists the same)."""

CHAPTER_ELEMENTS = {
    "html", "head", "body", "p", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt",
    "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col", "a", "img", "strong",
    "em", "b", "i", "u", "s", "del", "ins", "code", "pre", "kbd", "blockquote", "hr", "br", "wbr", "sup", "sub",
    "small", "mark", "abbr", "ruby", "rt", "rp", "time", "figure", "figcaption", "details", "summary", "section",
}
"""What a chapter of a manual is made of: text, headings, lists, tables, links, pictures and admonitions."""

CHAPTER_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "tabindex", "style", "href", "src", "alt",
                      "width", "height", "colspan", "rowspan", "scope", "headers", "align", "start", "reversed",
                      "value", "datetime", "open"}
"""Attributes it may carry (plus ``aria-*``); ``href`` only on ``<a>``, ``src`` only on ``<img>``."""


def chapter_findings(text: str) -> list[tuple[int, str]]:
    """What a chapter would carry onto its page that is not plain text, lists, tables, links and pictures, with
    its line where found: first what a browser would run or fetch, then (on other lines) what is not on the
    allow-lists, each as the rest of a sentence."""
    html = rendered(text)
    found = {(_line(text, _needle(what)), f"{what}, which a reader's browser would run or load from elsewhere")
             for what in read_page(html).findings}
    running = {line for line, _ in found}
    found |= {(line, f"{what}, which a chapter may not carry (expected text, lists, tables, links and pictures)")
              for what, needle in _not_allowed(html) if (line := _line(text, needle)) not in running}
    return sorted(found)


@functools.lru_cache(maxsize=64)
def rendered(text: str) -> str:
    """A chapter as the site's engine renders it (once per text: check reads it for markup and for numbers)."""
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def _line(text: str, needle: str) -> int:
    lines = (line_of(text, candidate) for candidate in (needle, "script", "](", "<", "{") if candidate)
    return next((line for line in lines if line), 0)


def chapter_text(text: str) -> list[str]:
    """What a reader reads of a chapter as published (comments and tags gone), for the personal-number guard:
    its text, then each attribute value apart."""
    html = rendered(text)
    reading = read_page(html)
    return [reading.visible(), *reading.attributes]


def _not_allowed(html: str) -> list[tuple[str, str]]:
    found = []
    for element in tinyhtml5.parse(html).iter():
        if not isinstance(element.tag, str):
            continue  # a comment, as the parser read it: never shown, never run
        tag = element.tag[len(HTML_NS):] if element.tag.startswith(HTML_NS) else element.tag.rsplit("}", 1)[-1]
        if not element.tag.startswith(HTML_NS) or tag not in CHAPTER_ELEMENTS:
            found.append((f"the element <{tag}>", f"<{tag}"))
            continue
        for raw, value in element.attrib.items():
            name = raw.rsplit("}", 1)[-1].lower()
            allowed = name in CHAPTER_ATTRIBUTES or name.startswith("aria-")
            if not allowed or (name == "href" and tag != "a") or (name == "src" and tag != "img"):
                found.append((f"the attribute {name}= on <{tag}>", name))
            elif name == "href" and scheme(value) not in LINK_SCHEMES | {None}:
                found.append((f"a {scheme(value)}: address in <a href>", value))
            elif name == "src" and leaves_site(value):
                found.append((f"<img src=\"{value[:60]}\"> loading from another site", value))
            elif name == "style":
                found.extend((f"style= with {what}", "style") for what in declarations_problems(value))
    return found


def _needle(what: str) -> str:
    """The word of a finding most likely to be found as written in the chapter."""
    for word in what.replace("=", " ").replace("<", " ").replace(">", " ").split():
        if word.startswith("on") and len(word) > 3:
            return word
    return ""
