"""The personal-number guard: no 個人番号 (マイナンバー) is ever published.

An individual number is 11 digits and a check digit (検査用数字) computed as
行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条 and
総務省令第85号 第5条 define it. Any 12-digit number in content whose check digit
is right is treated as someone's real number and stops the build. Only about one
12-digit number in ten passes the check, so a made-up example usually does not,
and the sources' own illustration 「123456789012」 does not.
13-digit corporate numbers (法人番号) are public and are never flagged.
"""

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .source import read_plain_bytes

_DIGIT = "[0-9０-９]"
_SEPARATOR = "[ \u3000\\-\u2010\u2011\u2012\u2013\u2212\uff0d\u30fc\uff70]"
"""Between the groups of 4: half- or full-width space, hyphen, dash, minus or 長音符 (as typed in Japanese IMEs)."""

CANDIDATE = re.compile(
    rf"(?<!{_DIGIT})(?<!{_DIGIT}{_SEPARATOR})"
    rf"({_DIGIT}{{12}}|{_DIGIT}{{4}}{_SEPARATOR}{_DIGIT}{{4}}{_SEPARATOR}{_DIGIT}{{4}})"
    rf"(?!{_SEPARATOR}?{_DIGIT})"
)
"""12 digits written together or as 4-4-4 groups, not part of a longer number."""

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
    """Every individual number in ``text``, with its line."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        for match in CANDIDATE.finditer(line):
            if is_individual_number(match.group(1)):
                found.append(Finding(number, mask(match.group(1))))
    return found


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
    """Every file under content/, hidden ones too (they are published as easily), in a stable order."""
    return sorted(path for path in root.rglob("*") if path.is_file())
