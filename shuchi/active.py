"""Active content in HTML and SVG: anything that would run in a reader's browser.

Content Markdown cannot produce it (raw HTML is off and links are checked), and the
project's own templates do not. What an organisation brings itself can: its logo
(an SVG opened on its own runs its scripts) and its own letter templates. Both are
checked here, and a finding is a content problem, never published.
"""

import re
from html.parser import HTMLParser

RUNNING_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                "portal", "foreignobject", "handler", "listener"}
"""Elements that run code, load other pages into this one, or redirect its links."""

SAFE_SCHEMES = {"http", "https", "mailto", "tel", "file"}
"""Schemes a link or image may use (``file:`` only appears in the print HTML WeasyPrint reads)."""

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "background", "data", "xlink:href",
                  "srcset", "ping", "cite", "longdesc", "manifest", "codebase"}

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def _scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``: it ignores spaces, tabs and newlines inside it."""
    match = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return match.group(1) if match else None


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def _flag(self, what: str) -> None:
        self.found.append((self.getpos()[0], what))

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in RUNNING_TAGS:
            self._flag(f"<{tag}>")
        if tag == "meta" and any(name.lower() == "http-equiv" for name, _ in attrs):
            self._flag("<meta http-equiv>")
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self._flag(f"the event handler {name}=")
            elif name == "srcdoc":
                self._flag("srcdoc=")
            elif name in URL_ATTRIBUTES and _scheme(value) not in SAFE_SCHEMES | {None}:
                self._flag(f"a {_scheme(value)}: address in {name}=")
            elif "javascript:" in _INVISIBLE.sub("", value).lower():
                self._flag(f"javascript: in {name}=")

    handle_startendtag = handle_starttag


def active_content(markup: str) -> list[tuple[int, str]]:
    """Each thing in ``markup`` (HTML or SVG) that a browser would run, with its line."""
    finder = _Finder()
    finder.feed(markup)
    finder.close()
    return finder.found
