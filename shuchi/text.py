"""Markdown inside content, rendered with markdown-it-py (raw HTML off).

House conventions on top of CommonMark:

* ``[[2024-12-02]]`` is a date that stays true: 「本年12月2日」 in a 2024 letter,
  「令和6年12月2日」 in a later one.
* A paragraph that is only 【…】 is a sub-heading (class ``subhead``), as in the sources.

Headings are cut into phrases (文節) with BudouX, so that a narrow screen breaks a
heading between phrases, never inside a word.
"""

import datetime
import re

import budoux
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .wareki import relative_date

DATE_MARK = re.compile(r"\[\[([^\[\]]*)\]\]")
SUBHEAD = re.compile(r"^【[^【】]+】$")
UNBREAKABLE = re.compile(r"[0-9A-Za-z/.:%-]")
"""Characters that stay on one line when BudouX puts a phrase boundary between two of them (「2024年5/27」)."""


def date_marks(text: str) -> list[str]:
    """Problems with the ``[[date]]`` marks in ``text``, phrased for the editor."""
    problems = []
    for match in DATE_MARK.finditer(text):
        try:
            datetime.date.fromisoformat(match.group(1).strip())
        except ValueError:
            problems.append(f"[[{match.group(1)}]] is not a date (expected [[YYYY-MM-DD]], e.g. [[2024-12-02]])")
    return problems


def resolve_dates(text: str, issued: datetime.date | None) -> str:
    """Replace each ``[[YYYY-MM-DD]]`` with the date as the letter of ``issued`` says it."""
    return DATE_MARK.sub(lambda m: relative_date(datetime.date.fromisoformat(m.group(1).strip()), issued), text)


def _mark_subheads(state) -> None:
    tokens: list[Token] = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type == "paragraph_open" and SUBHEAD.match(tokens[index + 1].content.strip()):
            token.attrSet("class", "subhead")


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])
    parser.core.ruler.push("subhead", _mark_subheads)
    return parser


_PARSER = _parser()


def markdown(text: str, issued: datetime.date | None = None) -> Markup:
    """Content Markdown → safe HTML; raw HTML in content is shown as text, never run."""
    return Markup(_PARSER.render(resolve_dates(text or "", issued)))


def plain(text: str, issued: datetime.date | None = None) -> str:
    """Content Markdown → plain text for e-mail bodies and titles (dates resolved, marks removed)."""
    resolved = resolve_dates(text or "", issued)
    return re.sub(r"<(https?://[^>\s]+)>", r"\1", resolved)


_PHRASE_PARSER = budoux.load_default_japanese_parser()


def phrase_split(text: str) -> list[str]:
    """``text`` cut into phrases (文節) by BudouX, never between two digits or Latin letters."""
    chunks: list[str] = []
    for phrase in _PHRASE_PARSER.parse(text):
        if chunks and UNBREAKABLE.match(chunks[-1][-1]) and UNBREAKABLE.match(phrase[0]):
            chunks[-1] += phrase
        else:
            chunks.append(phrase)
    return chunks


LONG_PHRASE = 12
"""Characters of a phrase that still fit on one line of a heading on a phone (375 px wide)."""


def phrases(text: str) -> Markup:
    """A heading as HTML whose lines break only between phrases.

    Each phrase is a ``<span class="phrase">`` that the stylesheet keeps on one line, and
    phrases are joined by ``<wbr>``, where lines may break. A phrase longer than
    :data:`LONG_PHRASE` may not fit a phone's line, so it is marked ``long``: it may then
    break inside, at a point ``word-break: keep-all`` allows (after 「・」), rather than
    push the page sideways.
    """
    spans = []
    for chunk in phrase_split(text or ""):
        kind = "phrase long" if len(chunk.strip()) > LONG_PHRASE else "phrase"
        spans.append(Markup('<span class="{}">{}</span>').format(kind, chunk))
    return Markup("<wbr>").join(spans)
