"""Mistakes that are valid YAML and valid fields, but make a letter or leaflet say something untrue.

Each is reported like any content problem, at the file and line of the text at fault:
a ひな形 placeholder that does not exist (「{団体名}」 would be printed as it is), a 資料 list in a
letter's text that disagrees with what it encloses, a notice dated before the circular it
relays, a relay's quotation enclosed as if it were the ministry's letter, and a leaflet's
「…はこちら」 with nothing to point at.
"""

import re
import unicodedata
from collections.abc import Iterator

from ..errors import Problem
from ..model import Attachment, Circular, Notice, Section
from ..model.attachment import ContactPart, Link
from ..typeset.wareki import wareki
from .hinagata import PLACEHOLDERS, fill, unknown_placeholders
from .source import Location, Source, dotted

SHIRYO = re.compile(r"資料\s*([0-9０-９]+)(?:\s*[～〜~－-]\s*(?:資料\s*)?([0-9０-９]+))?")
"""「資料3」, 「資料1～資料6」, 「資料1～6」: the 資料 a letter's text names."""

POINTER = re.compile(r"こちら(?:から)?(?:[（(][^）)]*[）)])?\s*$")
"""A line that ends by pointing somewhere: 「…はこちら」, 「登録はこちらから（マイナポータル）」."""

QR_NOTE = "QRコードは株式会社デンソーウェーブの"


def authoring_problems(content) -> list[Problem]:
    """Every check of this module over loaded content (files that failed to load are already reported)."""
    problems: list[Problem] = []
    for key, circular in content.circulars.items():
        source = content.sources[("circulars", key)]
        problems += _provenance(circular, source)
        if all(i in content.attachments for i in circular.attachments):  # else its own mistake is reported
            problems += _shiryo_list(_texts(circular, ()), source, content,
                                     [content.attachments[i] for i in circular.attachments])
    for key, template in content.hinagata.items():
        source = content.sources[("hinagata", key)]
        problems += [_placeholder(source, location, text, name) for location, text in _texts(template, ())
                     for name in unknown_placeholders(text)]
    for key, notice in content.notices.items():
        problems += _notice(content, notice, content.sources[("notices", key)])
    for key, attachment in content.attachments.items():
        problems += _leaflet(attachment, content.sources[("attachments", key)])
    return problems


def _provenance(circular: Circular, source: Source) -> list[Problem]:
    problems = []
    if circular.provenance.kind == "draft":
        problems.append(Problem(source.path, source.line_of(("provenance", "kind")), "provenance.kind",
                                "'draft' is not allowed for a circular (expected original for the ministry's own "
                                "letter, or relay for its text as another organisation's letter quotes it)"))
    if circular.provenance.kind == "original" and circular.addressee is None:
        problems.append(Problem(source.path, source.line_of(("provenance",)), "addressee",
                                "is missing for the ministry's own letter (expected the 宛名, e.g. organisation: "
                                "一般社団法人 全国住宅産業協会 and honorific: 御中)"))
    return problems


def _texts(body, prefix: Location) -> Iterator[tuple[Location, str]]:
    """The letter's own texts with their locations: title, greeting, intro, section headings and bodies."""
    for name in ("title", "greeting", "intro"):
        if getattr(body, name, ""):
            yield prefix + (name,), getattr(body, name)
    yield from _section_texts(body.sections, prefix + ("sections",))


def _section_texts(sections: list[Section], prefix: Location) -> Iterator[tuple[Location, str]]:
    for index, section in enumerate(sections):
        for name in ("heading", "body"):
            if getattr(section, name):
                yield prefix + (index, name), getattr(section, name)
        yield from _section_texts(section.sections, prefix + (index, "sections"))


def _numbers(text: str) -> set[int]:
    found: set[int] = set()
    for match in SHIRYO.finditer(unicodedata.normalize("NFKC", text)):
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        found.update(range(first, last + 1) if last >= first else {first})
    return found


def _named(numbers: set[int]) -> str:
    return "、".join(f"資料{n}" for n in sorted(numbers)) or "none"


def _shiryo_list(texts, source: Source, content, enclosed: list[Attachment],
                 where: Location | None = None, via: str = "") -> list[Problem]:
    """A list of 資料 in the text must name exactly the numbered 資料 the letter encloses."""
    numbers = {a.number for a in enclosed if a.number}
    problems = []
    for location, text in texts:
        named = _numbers(text)
        if not named:
            continue
        missing = numbers - named if len(named) > 1 else set()
        extra = named - numbers
        if extra or missing:
            wrong = "names " + _named(extra) + ", which it does not enclose" if extra else \
                "leaves out " + _named(missing) + ", which it encloses"
            at = where or location
            first = next(i for i, line in enumerate(text.splitlines()) if _numbers(line) & (extra or named))
            line = source.line_of(at) if where else source.line_in(at, first)
            problems.append(Problem(source.path, line, dotted(at),
                                    f"the text{via} {wrong} (expected the 資料 of attachments: {_named(numbers)})"))
    return problems


def _placeholder(source: Source, location: Location, text: str, name: str) -> Problem:
    known = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    lines = text.splitlines()
    index = next((i for i, line in enumerate(lines) if name in line), 0)
    return Problem(source.path, source.line_in(location, index), dotted(location),
                   f"{name} is not a placeholder of a ひな形 and would be printed as it is (expected one of {known})")


def _notice(content, notice: Notice, source: Source) -> list[Problem]:
    problems: list[Problem] = []
    circular = content.circulars.get(notice.circular)
    if circular is None:
        return problems
    if circular.date and notice.date < circular.date:
        problems.append(Problem(source.path, source.line_of(("date",)), "date",
                                f"{notice.date} is before the circular {circular.id} it relays, dated "
                                f"{circular.date} ({wareki(circular.date)}) (expected a date on or after "
                                f"{circular.date})"))
    if notice.enclose_circular and not circular.holds_letter:
        problems.append(Problem(source.path, source.line_of(("enclose_circular",)), "enclose_circular",
                                f"circular {circular.id} is known only as {circular.provenance.document} quotes it, "
                                f"so it cannot be enclosed as the ministry's letter (expected enclose_circular: "
                                f"false, or the ministry's own letter as an original circular)"))
    listed = notice.attachments if notice.attachments is not None else circular.attachments
    if notice.organisation not in content.organisations or not all(i in content.attachments for i in listed):
        return problems
    enclosed = content.listed_attachments_of(notice)
    own = list(_texts(notice, ()))
    if notice.from_hinagata:
        problems += [_placeholder(source, location, text, name) for location, text in own
                     for name in unknown_placeholders(text)]
        template = content.hinagata.get(circular.hinagata or "")
        if template is not None:
            hinagata_source = content.sources[("hinagata", template.id)]
            values = {name: "" for name in PLACEHOLDERS}
            used = [(location, text) for location, text in _texts(template, ())
                    if not getattr(notice, str(location[0]))]
            texts = [(location, fill(text, values)) for location, text in used]
            problems += _shiryo_list(texts, source, content, enclosed, ("attachments",),
                                     f" of the ひな形 {hinagata_source.path}")
    problems += _shiryo_list(own, source, content, enclosed)
    return problems


def _leaflet(attachment: Attachment, source: Source) -> list[Problem]:
    problems = []
    if bool(attachment.organisation) != bool(attachment.version_of):
        problems.append(Problem(source.path, source.line_of(("organisation",) if attachment.organisation
                                                            else ("version_of",)),
                                "organisation" if attachment.organisation else "version_of",
                                "is set without its partner (expected organisation: and version_of: together, for an "
                                "organisation's own version of a leaflet)"))
    has_code = any(isinstance(p, Link) or (isinstance(p, ContactPart) and any(i.url for i in p.items))
                   for p in attachment.parts)
    for index, part in enumerate(attachment.parts):
        following = attachment.parts[index + 1] if index + 1 < len(attachment.parts) else None
        for name in ("text", "title"):
            text = getattr(part, name, "") or ""
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if lines and POINTER.search(lines[-1]) and not isinstance(following, Link):
                problems.append(Problem(source.path, source.line_of(("parts", index, name)), f"parts[{index}].{name}",
                                        f"「{lines[-1]}」 points at nothing (expected a part kind: link with its "
                                        f"address right after it, or the line left out)"))
            if QR_NOTE in text and not has_code:
                problems.append(Problem(source.path, source.line_of(("parts", index, name)), f"parts[{index}].{name}",
                                        "notes a QR code, but the leaflet prints none (expected the note only with a "
                                        "part kind: link, which prints one)"))
    return problems
