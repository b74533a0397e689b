"""The personal-number guard: no 個人番号 (マイナンバー) is ever published.

An individual number is 11 digits and a check digit (検査用数字) computed as
行政手続における特定の個人を識別するための番号の利用等に関する法律施行令 第8条 and
総務省令第85号 第5条 define it. Any 12-digit number in content whose check digit
is right is treated as someone's real number and stops the build. Only about one
12-digit number in ten passes the check, so a made-up example usually does not,
and the sources' own illustration 「123456789012」 does not.
13-digit corporate numbers (法人番号) are public and are never flagged.
"""

import functools
import html
import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import Problem
from .source import read_plain_bytes

LONGEST_GAP = 4
"""Characters at most between two groups of digits of one number (「1234 - 5678」 has three; a run of white space,
a line break and the indentation of a wrapped YAML line, counts as one)."""


LONG_VOWEL = "\u30fc\uff70"
"""長音符 ー (and its half-width form), typed for a dash by Japanese input methods."""


def _separates(char: str) -> bool:
    """Whether a reader would still read digits on both sides of ``char`` as one number: anything that is not a
    letter (kana and kanji included) or a number — a space or line break of any kind, a dash or ー, a dot, a comma,
    a slash, a bracket, ～ or ・, a zero-width or format character, a combining mark, a Markdown mark."""
    return (unicodedata.category(char)[0] in "ZPSCM" or char in LONG_VOWEL) and char not in SENTENCE_MARKS


SENTENCE_MARKS = "。、｡､"
"""句点と読点: they end a sentence or a clause, never stand inside a number (「…9018。2024年」 is two)."""


def _breaks(char: str) -> bool:
    """The narrower reading: only what people put inside one number — spaces and line breaks, dashes and ー,
    zero-width and format characters, combining marks and Markdown's emphasis marks."""
    return (char.isspace() or char in LONG_VOWEL or char in "*_~`\\"
            or unicodedata.category(char) in ("Pd", "Zs", "Zl", "Zp", "Cf", "Mn", "Me") or char == "\u2212")


def normalised(text: str) -> str:
    """``text`` as the guard reads it: character references decoded (``&#49;``); every decimal digit is one,
    full-width too (``str.isdecimal``). Compatibility digits are a second reading (:func:`as_digits`)."""
    return html.unescape(text)


KANJI_DIGITS = {kanji: str(digit) for digit, kanji in enumerate("〇一二三四五六七八九")} | {"零": "0"}
"""漢数字 written digit by digit (「一二三四　五六七八…」, as in vertical writing): each reads as its digit."""


def as_digits(text: str) -> str:
    """``text`` with each character whose NFKC form is one digit (①, ², ⁰) or that is a 漢数字 digit read as that
    digit, the length kept (so what is found can be masked where it stands). A second reading, beside the text as
    written: 「…9018²」 may be a footnote mark after a number, or its last digit."""
    return "".join(KANJI_DIGITS.get(char) or (form if len(form := unicodedata.normalize("NFKC", char)) == 1
                                               and form.isdecimal() else char) for char in text)


def _groups(text: str) -> list[tuple[int, int]]:
    """Where each run of digits without anything between them starts and ends."""
    found, index, size = [], 0, len(text)
    while index < size:
        if text[index].isdecimal():
            start = index
            while index < size and text[index].isdecimal():
                index += 1
            found.append((start, index))
        else:
            index += 1
    return found


def _joined(gap: str, separates: Callable[[str], bool]) -> bool:
    """Whether the text between two groups of digits lets a reader read them as one number."""
    return bool(gap) and all(separates(char) for char in gap) and len(re.sub(r"\s+", " ", gap)) <= LONGEST_GAP


def spans(text: str) -> list[tuple[int, int, str]]:
    """:func:`readings` of ``text`` as written and of :func:`as_digits`, each once."""
    found = {(start, end): digits for reading in (as_digits(text), text) for start, end, digits in readings(reading)}
    return [(start, end, digits) for (start, end), digits in sorted(found.items())]


def readings(text: str) -> list[tuple[int, int, str]]:
    """Every way a reader could read exactly 12 digits of ``text`` (already :func:`normalised`) as one number, as
    start, end and digits. Readings, all of them taken:

    * 12 digits written together, whatever stands beside them (「1 123456789018」, a row number before it);
    * a whole chain of groups joined by spaces, dashes, ー, zero-width characters (「1234 5678-9018」);
    * a whole chain joined by any separator (「(1234)5678-9018」, 「1234,5678,9018」 across CSV cells);
    * groups joined each time by the same separator (「1234/5678/9018。2024年…」: the 。 is not one of them).

    A chain of more than 12 digits is none of them (two phone numbers, a hyphenated 13-digit number)."""
    groups = _groups(text)
    gaps = [text[groups[index][1]:groups[index + 1][0]] for index in range(len(groups) - 1)]
    found = {(start, end) for start, end in groups if end - start == 12}

    def chain(first: int, links) -> None:
        last = first
        while last < len(gaps) and links(last):
            last += 1
        if sum(end - start for start, end in groups[first:last + 1]) == 12:
            found.add((groups[first][0], groups[last][1]))

    for separates in (_breaks, _separates):
        for first in range(len(groups)):
            if first == 0 or not _joined(gaps[first - 1], separates):
                chain(first, lambda at, separates=separates: _joined(gaps[at], separates))
    for first in range(len(gaps)):
        if _joined(gaps[first], _separates) and (first == 0 or gaps[first - 1] != gaps[first]):
            chain(first, lambda at, first=first: gaps[at] == gaps[first])
    return [(start, end, "".join(c for c in text[start:end] if c.isdecimal())) for start, end in sorted(found)]


def candidates(text: str) -> list[tuple[int, str]]:
    """Each run of 12 digits a reader would read as one number, with where it starts (see :func:`spans`)."""
    return [(start, digits) for start, _, digits in spans(text)]


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


@functools.lru_cache(maxsize=4096)
def _reads_as_digit(char: str) -> bool:
    """Whether ``char`` is a digit in either reading (:func:`as_digits`)."""
    return as_digits(char).isdecimal()


def _too_few_digits(readable: str) -> bool:
    """Whether ``readable`` holds fewer than 12 characters that read as digits: then no reading finds a number
    (each of a number's digits is one character in both readings), and the text need not be read further."""
    return sum(map(_reads_as_digit, readable)) < 12


def find_individual_numbers(text: str) -> list[Finding]:
    """Every individual number in ``text``, with its line (also when it is wrapped over two lines)."""
    readable = normalised(text)
    if _too_few_digits(readable):
        return []
    return [Finding(readable.count("\n", 0, start) + 1, mask(number))
            for start, number in candidates(readable) if is_individual_number(number)]


def redact(message: str) -> str:
    """``message`` with every individual number in it masked: what may be printed or logged."""
    readable = normalised(message)
    if _too_few_digits(readable):
        return message
    found = [(start, end, digits) for start, end, digits in spans(readable) if is_individual_number(digits)]
    if not found:
        return message
    pieces, at = [], 0
    for start, end, digits in found:
        if start >= at:
            pieces += [readable[at:start], f"[{mask(digits)}]"]
        elif end > at:  # overlapping another reading: mask the rest too
            pieces.append("*" * (end - at))
        at = max(at, end)
    return "".join([*pieces, readable[at:]])


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
