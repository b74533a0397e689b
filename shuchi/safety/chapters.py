"""The manual's chapters checked as MkDocs will publish them: rendered with Python-Markdown and the extensions
of the site's ``mkdocs.yml`` (the engine the reader gets), then read with the reader's parser.

markdown-it (which renders letters) reads ``\\<img …>``, ``{ onfocus=… }`` or ``java&#x09;script:`` differently
from Python-Markdown; checking with the publishing engine leaves no such gap."""

import markdown

from .markup import line_of
from .reader import read_page

EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "shuchi.build.sitemarkdown", "toc"]
"""The Markdown extensions of templates/site/mkdocs.yml.j2 (a test keeps the two lists the same)."""


def chapter_findings(text: str) -> list[tuple[int, str]]:
    """What a chapter would carry onto its page that a browser would run or fetch, with its line where found."""
    html = markdown.Markdown(extensions=EXTENSIONS).convert(text)
    found = []
    for what in dict.fromkeys(read_page(html).findings):
        lines = (line_of(text, needle) for needle in (_needle(what), "script", "](", "<", "{") if needle)
        found.append((next((line for line in lines if line), 0), what))
    return found


def _needle(what: str) -> str:
    """The word of a finding most likely to be found as written in the chapter."""
    for word in what.replace("=", " ").replace("<", " ").replace(">", " ").split():
        if word.startswith("on") and len(word) > 3:
            return word
    return ""
