"""Active content in HTML and SVG: what would run in a reader's browser or load from elsewhere.

Content Markdown cannot produce it (raw HTML is off and links are checked), and the
project's own templates do not. What an organisation brings itself can: its logo
(an SVG opened on its own runs its scripts) and its own letter templates. Both are
checked here, and each finding is a content problem, so it is never published.
"""

import re
from html.parser import HTMLParser

RUNNING_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form",
                "portal", "foreignobject", "handler", "listener"}
"""Elements that run code, load other pages into this one, or redirect its links."""

SAFE_SCHEMES = {"http", "https", "mailto", "tel", "file"}
"""Schemes an address may use (``file:`` only appears in the print HTML that WeasyPrint reads)."""

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "background", "data", "xlink:href",
                  "srcset", "ping", "cite", "longdesc", "manifest", "codebase"}

LOADING_ATTRIBUTES = {"src", "srcset", "poster", "background", "data"}
"""Attributes whose address the browser fetches by itself as the page opens (for <a>, only on a click)."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_CSS_OUTSIDE = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])\s*(?:https?:|ftp:)?//", re.IGNORECASE)


def _scheme(url: str) -> str | None:
    """The scheme a browser would see in ``url``: it ignores spaces, tabs and newlines inside it."""
    match = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return match.group(1) if match else None


def _from_elsewhere(url: str) -> bool:
    cleaned = _INVISIBLE.sub("", url).lower()
    return cleaned.startswith(("http:", "https:", "ftp:", "//", "\\\\"))


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._in_style = False

    def _flag(self, what: str) -> None:
        self.found.append((self.getpos()[0], what))

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        self._in_style = tag == "style"
        if tag in RUNNING_TAGS:
            self._flag(f"<{tag}>")
        if tag == "meta" and any(name.lower() == "http-equiv" for name, _ in attrs):
            self._flag("<meta http-equiv>")
        loads = LOADING_ATTRIBUTES | ({"href", "xlink:href"} if tag not in ("a", "area") else set())
        for name, value in attrs:
            name, value = name.lower(), value or ""
            if name.startswith("on"):
                self._flag(f"the event handler {name}=")
            elif name == "srcdoc":
                self._flag("srcdoc=")
            elif name in URL_ATTRIBUTES and _scheme(value) not in SAFE_SCHEMES | {None}:
                self._flag(f"a {_scheme(value)}: address in {name}=")
            elif name in loads and _from_elsewhere(value):
                self._flag(f"<{tag} {name}=\"{value[:60]}\"> loading from another site")
            elif "javascript:" in _INVISIBLE.sub("", value).lower():
                self._flag(f"javascript: in {name}=")
            elif name == "style" and _CSS_OUTSIDE.search(value):
                self._flag("a style loading from another site")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style and _CSS_OUTSIDE.search(data):
            self._flag("a stylesheet loading from another site")


def active_content(markup: str) -> list[tuple[int, str]]:
    """Each thing in ``markup`` (HTML or SVG) that a browser would run or fetch from elsewhere, with its line."""
    finder = _Finder()
    finder.feed(markup)
    finder.close()
    return finder.found
