"""ひな形: a ministry's template for a member notice, filled in for one notice.

A ひな形's text may hold placeholders in braces; each notice built from it
(``from_hinagata: true``) gets them filled in. Any other ``{…}`` is a content mistake,
reported by ``check`` with its name, so that 「{団体名}」 never reaches a letter.
"""

import re

from ..model import Attachment, Circular, Organisation, Section
from ..model.circular import LetterBody

PLACEHOLDERS = {
    "issuer": "the circular's issuer (省 and 局), e.g. 総務省総合通信基盤局",
    "organisation": "the organisation sending the notice, e.g. 一般社団法人 全国住宅産業協会",
    "attachments": "the 資料 the notice's letter lists, e.g. 資料1～資料6, or 資料1、資料2、資料4及び資料5",
}
"""Each placeholder a ひな形 may use and what it becomes."""

PLACEHOLDER = re.compile(r"\{([^{}\n]{0,40})\}")


def unknown_placeholders(text: str) -> list[str]:
    """The ``{…}`` in ``text`` that are no placeholder, as written: ['{団体名}']."""
    return [match.group(0) for match in PLACEHOLDER.finditer(text or "") if match.group(1) not in PLACEHOLDERS]


def attachment_list(attachments: list[Attachment]) -> str:
    """The 資料 as a letter names them: runs of three or more as 「資料1～資料6」, the rest one by one,
    unnumbered leaflets by their title; the last joined with 及び."""
    numbers = sorted(a.number for a in attachments if a.number)
    names: list[str] = []
    run: list[int] = []
    for number in numbers + [0]:
        if run and number != run[-1] + 1:
            names += [f"資料{run[0]}～資料{run[-1]}"] if len(run) >= 3 else [f"資料{n}" for n in run]
            run = []
        run.append(number)
    names += [f"「{a.title}」" for a in attachments if not a.number]
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "及び" + names[-1]


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with every known placeholder replaced; unknown ones stay as written (``check`` refuses them)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text or "")


def filled_sections(sections: list[Section], values: dict[str, str]) -> list[Section]:
    return [section.model_copy(update={"heading": fill(section.heading, values), "body": fill(section.body, values),
                                       "sections": filled_sections(section.sections, values)})
            for section in sections]


def fill_body(body: LetterBody, circular: Circular, organisation: Organisation,
              attachments: list[Attachment]) -> LetterBody:
    """A notice's body from a ひな形, its placeholders filled in for this notice."""
    values = {"issuer": circular.issuer.name, "organisation": organisation.full_name,
              "attachments": attachment_list(attachments)}
    return LetterBody(title=fill(body.title, values), purpose=body.purpose, greeting=fill(body.greeting, values),
                      intro=fill(body.intro, values), sections=filled_sections(body.sections, values))
