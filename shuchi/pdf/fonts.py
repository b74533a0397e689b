"""The letter fonts (書体): whether they are installed, and which characters they can print, read from
fontconfig alone — no WeasyPrint, so ``check`` can ask without loading it."""

import ctypes.util
import functools
import subprocess
import unicodedata

from ..errors import BuildError

FONT_PACKAGES = {
    "BIZ UDMincho": "fonts-morisawa-bizud-mincho",
    "BIZ UDGothic": "fonts-morisawa-bizud-gothic",
}
"""The letter fonts and the Debian package that installs each."""

FALLBACK_FONTS = ("Noto Serif CJK JP", "Noto Sans CJK JP")


def font_families() -> set[str]:
    """Font families fontconfig knows, by every name it gives them."""
    try:
        listing = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise BuildError(f"fontconfig's fc-list could not run ({error}); install the package fontconfig") from error
    return {name.strip() for line in listing.splitlines() for name in line.split(",")}


def check_fonts() -> None:
    """Stop with the package to install when a letter font is missing."""
    families = font_families()
    missing = [package for family, package in FONT_PACKAGES.items() if family not in families]
    if missing:
        raise BuildError(f"the Japanese letter fonts are missing; install them with: "
                         f"apt-get install {' '.join(missing)} (or run `make site` as root)")


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz (six times faster than fontTools)."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


@functools.cache
def covered_code_points() -> frozenset[int]:
    """Code points the letter fonts and their fallbacks can draw, from fontconfig's charsets."""
    covered: set[int] = set()
    for family in (*FONT_PACKAGES, *FALLBACK_FONTS):
        found = subprocess.run(["fc-match", "-f", "%{charset}", f"{family}:lang=ja"], capture_output=True, text=True)
        for span in found.stdout.split():
            first, _, last = span.partition("-")
            covered.update(range(int(first, 16), int(last or first, 16) + 1))
    return frozenset(covered)


INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}
"""Categories that print no glyph (spaces, line breaks, zero-width and direction marks): the text shaper
(HarfBuzz) draws nothing for them, so no font needs to have them."""

DRAWN = {"\u0600", "\u0601", "\u0602", "\u0603", "\u0604", "\u0605", "\u06dd", "\u070f", "\u08e2",
         "\U000110bd", "\U000110cd", "\u2028", "\u2029"}
"""Invisible characters the typesetter cannot take as such: format characters that print a sign (Arabic number
signs and the like), the line separator U+2028 (WeasyPrint draws a box) and the paragraph separator U+2029
(WeasyPrint fails on it in some line breaks)."""


def unprintable(chars) -> list[str]:
    """The characters of ``chars`` that need a glyph no installed letter font has (they would print as tofu);
    the one reading shared by ``check`` and the typesetter."""
    covered = covered_code_points()
    return sorted({c for c in chars if ord(c) not in covered
                   and (unicodedata.category(c) not in INVISIBLE or c in DRAWN)})


def load_glyph_coverage() -> None:
    """Read once which characters the fonts can print; processes forked afterwards share it instead of reading again."""
    covered_code_points()
