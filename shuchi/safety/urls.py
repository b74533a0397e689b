"""Addresses as a browser reads them (WHATWG URL Standard), not as they look in the source."""

import re

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_STRIPPED = "".join(chr(c) for c in range(0x21))
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")


def as_read(url: str) -> str:
    """``url`` as the URL parser sees it: C0 controls and spaces stripped at both ends, tabs and newlines removed."""
    return _TAB_OR_NEWLINE.sub("", url.strip(_STRIPPED))


def scheme(url: str) -> str | None:
    """The scheme a browser reads in ``url`` (lower case), or ``None`` for a relative address."""
    match = _SCHEME.match(as_read(url))
    return match.group(1).lower() if match else None


def leaves_site(url: str) -> bool:
    """Whether fetching ``url`` from a page could reach another host or another kind of resource:
    any scheme at all, or a scheme-relative ``//host`` (browsers read ``\\`` as ``/`` there)."""
    read = as_read(url)
    return scheme(read) is not None or read[:2].replace("\\", "/") == "//"


def is_fragment(url: str) -> bool:
    """``#id``: a part of the same document (an SVG gradient, a clip path)."""
    return as_read(url).startswith("#")
