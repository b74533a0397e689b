"""QR codes (QRコード) of the web addresses printed in leaflets, as vector SVG.

The code is embedded in the page as a ``data:`` URI: the PDF fetcher (shuchi.pdf) serves
``data:`` and project files only, so nothing is written to disk or fetched.
"""

import segno

QUIET_ZONE = 4
"""Modules of white border the QR standard asks for, so a phone finds the code on a busy page."""


def qr_data_uri(url: str) -> str:
    """A QR code carrying exactly ``url``, as an SVG ``data:`` URI sized by CSS (no width/height)."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_data_uri(border=QUIET_ZONE, dark="#000000", light="#ffffff", omitsize=True)


def qr_svg(url: str, title: str) -> str:
    """The same code as inline SVG markup, for a letter: its page then holds no ``data:`` address, which the
    check of an organisation's own templates (shuchi.content.active) rightly refuses in what they produce.
    ``title`` is the SVG's ``<title>``, which the tagged PDF gives the code as its alternative text."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(border=QUIET_ZONE, dark="#000000", light="#ffffff", omitsize=True, title=title)
