"""A Python-Markdown extension for the intranet site's pages (named in mkdocs.yml, so any engine that
reads it runs the same code): what the site's Markdown needs to read well on a phone and with a
screen reader.

- Headings break between phrases (文節), as the leaflets' do: BudouX's phrases, each kept on one line.
- A table sits in a box that scrolls sideways on a phone and that the keyboard can reach.
- The manual's checklists (「- [ ] 実施日」) are boxes to tick on paper (☐), not form fields
  nobody can label or keep.
- An empty corner cell of a table's header row is a plain cell, not a header without a name.
"""

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from ..typeset.markdown import LONG_PHRASE, phrase_split

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
CHECKBOX = re.compile(r"^\[[ xX]\]\s+")
"""The task-list marker a manual's Markdown writes before a checklist item."""
PLACEHOLDER = "\x02"
"""Starts Python-Markdown's stand-in for HTML it puts back later (a heading holding one is left whole)."""


class SitePages(Treeprocessor):
    """Runs after the table of contents has named the headings (so their ids stay as they were) and after
    backslash escapes are undone (so no phrase cuts one in two)."""

    def run(self, root: etree.Element) -> None:
        for parent in list(root.iter()):
            for index, element in enumerate(list(parent)):
                if element.tag in HEADINGS:
                    break_between_phrases(element)
                elif element.tag == "table":
                    parent[index] = scroll_box(element)
                elif element.tag == "ul":
                    tick_boxes(element)
                elif element.tag == "th" and not "".join(element.itertext()).strip():
                    element.tag = "td"


def break_between_phrases(heading: etree.Element) -> None:
    """A heading of plain text becomes phrase spans joined by <wbr>, like the leaflets' ``phrases`` filter."""
    if len(heading) or not heading.text or PLACEHOLDER in heading.text:
        return
    chunks = phrase_split(heading.text)
    heading.text = None
    for number, chunk in enumerate(chunks):
        if number:
            etree.SubElement(heading, "wbr")
        span = etree.SubElement(heading, "span")
        span.set("class", "phrase long" if len(chunk.strip()) > LONG_PHRASE else "phrase")
        span.text = chunk


def scroll_box(table: etree.Element) -> etree.Element:
    """The table inside a box that may scroll sideways, reachable by keyboard and named for screen readers."""
    box = etree.Element("div", {"class": "shuchi-table", "tabindex": "0", "role": "region", "aria-label": "表"})
    box.append(table)
    return box


def tick_boxes(listing: etree.Element) -> None:
    """A list whose every item starts 「[ ]」 becomes a checklist: the marker goes, the stylesheet draws ☐."""
    items = [item for item in listing if item.tag == "li"]
    if not items or not all(CHECKBOX.match(_first_text(item)) for item in items):
        return
    listing.set("class", "shuchi-checklist")
    listing.set("aria-label", "確認項目")
    for item in items:
        holder = item[0] if not (item.text or "").strip() and len(item) and item[0].tag == "p" else item
        holder.text = CHECKBOX.sub("", holder.text or "", count=1)


def _first_text(item: etree.Element) -> str:
    if (item.text or "").strip() or not len(item):
        return item.text or ""
    return item[0].text or "" if item[0].tag == "p" else ""


class SiteExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(SitePages(md), "shuchi_site_pages", -0.5)


def makeExtension(**kwargs) -> SiteExtension:
    return SiteExtension(**kwargs)
