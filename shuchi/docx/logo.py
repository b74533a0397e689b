"""The organisation's logo as a picture Word shows: its SVG drawn as PNG by CairoSVG.

Word before Office 2016 and many viewers cannot show SVG, so the logo goes in as PNG at print
resolution. CairoSVG draws without reaching outside the file (``unsafe`` stays off: no external
files or entities), and the build has already refused logos with scripts or loads from elsewhere.
"""

import functools
import io
from pathlib import Path

import cairosvg

LOGO_PIXELS = 400
"""Width of the logo's PNG: sharp at 14 mm in print (about 700 dpi), a few kilobytes."""


@functools.lru_cache(maxsize=8)
def _png(svg: bytes) -> bytes:
    return cairosvg.svg2png(bytestring=svg, output_width=LOGO_PIXELS)


def logo_png(svg: Path) -> io.BytesIO:
    """``svg`` as a PNG stream for python-docx; drawn once per process however many letters carry it."""
    return io.BytesIO(_png(svg.read_bytes()))
