"""Characters content asks to print (文字): each must be in a font the letters can use, or ``check`` says so
at its file, line and field — never a build that stops halfway. 𠮷 (as in 𠮷野家) or 𩸽 are outside Unicode's
first plane; Noto CJK (the fallback of the BIZ UD fonts) prints them, and one that no font has is named here."""

from ..errors import Problem
from ..pdf.fonts import check_fonts, unprintable
from .files import strings_of
from .source import dotted
from .store import Content

FONT_HINT = "apt-get install fonts-noto-cjk-extra"
"""A Debian package with fonts for the rarer kanji (CJK Extension B and later)."""


def check_glyphs(content: Content) -> list[Problem]:
    """Every character of every text in content/ that no installed letter font can draw."""
    check_fonts()  # without the letter fonts every character is missing: say which packages to install
    problems = []
    for source in content.sources.values():
        for location, text in strings_of(source.data):
            missing = unprintable(text)
            if missing:
                shown = "、".join(f"「{c}」(U+{ord(c):04X})" for c in missing[:5])
                problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                        f"{shown} cannot be printed: no installed font has it (expected a character "
                                        f"the letter fonts can print; install a font that has it, e.g. {FONT_HINT}, "
                                        f"or write the character another way)"))
    return problems
