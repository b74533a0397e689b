"""The personal-number guard: no 個人番号 (マイナンバー) is ever published.

An individual number is 11 digits and a check digit (検査用数字) computed as
行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条 and
総務省令第85号 第5条 define it. Any 12-digit number in content whose check digit
is right is treated as someone's real number and stops the build. Only about one
12-digit number in ten passes the check, so a made-up example usually does not,
and the sources' own illustration 「123456789012」 does not.
13-digit corporate numbers (法人番号) are public and are never flagged.
"""

import html
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .source import read_plain_bytes

JOINERS = frozenset("*_~`")
"""Markdown emphasis and code marks, which a reader does not see between the digits they split."""

INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
"""Soft hyphen and zero-width characters: pasted from Word or the web, never seen."""

LONGEST_GAP = 4
"""Characters at most between two digits of one number (「1234 - 5678」 has three)."""


def _separates(char: str) -> bool:
    """Whether a reader would still read digits on both sides of ``char`` as one number: any space or line
    break (U+0085, U+2028 …), any dash or minus, 長音符, a zero-width character or a Markdown mark."""
    if char in INVISIBLE or char in JOINERS or char.isspace():
        return True
    return unicodedata.category(char) in ("Pd", "Zs", "Zl", "Zp", "Cf") or char in "\u2212\u30fc\uff70"


def normalised(text: str) -> str:
    """``text`` as the guard reads it: character references decoded (``&#49;``). Full-width and other decimal
    digits are digits as they are (``str.isdecimal``); a fraction such as ¼ is not one."""
    return html.unescape(text)


def candidates(text: str) -> list[tuple[int, str]]:
    """Each run of exactly 12 digits a reader would read as one number, with where it starts in ``text``
    (already :func:`normalised`): digits joined by at most :data:`LONGEST_GAP` separating characters."""
    found = []
    index, size = 0, len(text)
    while index < size:
        if not text[index].isdecimal():
            index += 1
            continue
        start, digits, end = index, [], index
        while end < size:
            if text[end].isdecimal():
                digits.append(text[end])
                end += 1
                continue
            gap = end
            while gap < size and gap - end < LONGEST_GAP and _separates(text[gap]):
                gap += 1
            if gap < size and gap > end and text[gap].isdecimal():
                end = gap
                continue
            break
        if len(digits) == 12:
            found.append((start, "".join(digits)))
        index = end
    return found


EXAMPLE = "123456789012"
"""The illustration printed in the sources: its check digit is wrong, so it is allowed."""


def check_digit(eleven: str) -> int:
    """検査用数字 of the first 11 digits of an individual number (施行令第8条, 総務省令第85号第5条).

    Pn is the n-th digit counted from the right-most of the 11 (n = 1…11);
    Qn = n + 1 for 1 ≤ n ≤ 6 and n − 5 for 7 ≤ n ≤ 11. The check digit is
    11 − (Σ Pn × Qn mod 11), or 0 when that remainder is 0 or 1.
    """
    if len(eleven) != 11 or not eleven.isascii() or not eleven.isdigit():
        raise ValueError(f"expected 11 half-width digits, not {eleven!r}")
    total = 0
    for n, digit in enumerate(reversed(eleven), start=1):
        weight = n + 1 if n <= 6 else n - 5
        total += int(digit) * weight
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_individual_number(text: str) -> bool:
    """Whether ``text`` (12 digits, half- or full-width, separators ignored) has a valid check digit."""
    digits = _half_width_digits(text)
    return len(digits) == 12 and check_digit(digits[:11]) == int(digits[11])


def _half_width_digits(text: str) -> str:
    return "".join(str(unicodedata.digit(c)) for c in text if unicodedata.category(c) == "Nd")


@dataclass(frozen=True)
class Finding:
    """A personal number found in a text: its line (1-based) and a masked form safe to print."""

    line: int
    masked: str


def mask(number: str) -> str:
    """``1234 5678 9018`` → ``1234 **** **18``: enough to find it, too little to use it."""
    digits = _half_width_digits(number)
    return f"{digits[:4]} **** **{digits[-2:]}"


def find_individual_numbers(text: str) -> list[Finding]:
    """Every individual number in ``text``, with its line (also when it is wrapped over two lines)."""
    readable = normalised(text)
    return [Finding(readable.count("\n", 0, start) + 1, mask(number))
            for start, number in candidates(readable) if is_individual_number(number)]


def redact(message: str) -> str:
    """``message`` with every individual number in it masked: what may be printed or logged."""
    readable = normalised(message)
    if not any(is_individual_number(number) for _, number in candidates(readable)):
        return message
    return "".join(f"[{mask(number)}]" if is_individual_number(number) else number
                   for number in _split(readable))


def _split(text: str) -> list[str]:
    """``text`` cut around its 12-digit runs (each run one piece, separators included)."""
    pieces, at = [], 0
    for start, _ in candidates(text):
        end, seen = start, 0
        while seen < 12:
            seen += text[end].isdecimal()
            end += 1
        pieces += [text[at:start], text[start:end]]
        at = end
    return [*pieces, text[at:]]


REASON = ("it must not be published: a 個人番号 may only be collected and passed on for the purposes the "
          "マイナンバー法 allows (番号法第19条・第20条), and everything in content/ ends up on the intranet "
          "(expected no personal numbers in content; delete it, or for a made-up example write "
          f"{EXAMPLE}, whose check digit is wrong)")


def decoded(raw: bytes) -> str | None:
    """The text of a content file for scanning: UTF-8, UTF-16 or Shift_JIS (Excel's CSV); ``None`` for binary files."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16", errors="replace")
    if b"\0" in raw:
        return None
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def scan_file(path: Path) -> list[Finding]:
    """Each personal number in one file of content/ (binary and unreadable files are skipped)."""
    try:
        text = decoded(read_plain_bytes(path))
    except OSError:
        return []  # the loader reports a content file it cannot read
    return find_individual_numbers(text) if text is not None else []


def problem(shown: Path, finding: Finding, field: str = "") -> Problem:
    """The content problem that stops a build carrying ``finding``."""
    return Problem(shown, finding.line, field,
                   f"contains an individual number (マイナンバー {finding.masked}, check digit valid); {REASON}")


def content_files(root: Path) -> list[Path]:
    """Every file under content/, hidden ones too (they are published as easily), in a stable order — also in
    folders that are links to other places (the loader reads through them), each folder once."""
    found, seen = [], set()
    for folder, folders, files in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            folders.clear()
            continue
        seen.add(real)
        found += [Path(folder) / name for name in files if (Path(folder) / name).is_file()]
    return sorted(found)
