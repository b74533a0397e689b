"""Markdown inside content, rendered with markdown-it-py (raw HTML off).

House conventions on top of CommonMark:

* ``[[2024-12-02]]`` is a date that stays true: 「本年12月2日」 in a 2024 letter,
  「令和6年12月2日」 in a later one.
* A paragraph that is only 【…】 is a sub-heading (class ``subhead``), as in the sources.

Headings are cut into phrases (文節) with BudouX, so that a narrow screen breaks a
heading between phrases, never inside a word.

Nothing in content runs in a reader's browser: raw HTML is shown as text, a link
is clickable only when it goes to a web page (http, https), an e-mail address or a
phone number, and an image only when it is a file of the project itself.
"""

import datetime
import re

import budoux
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from .wareki import era_year, relative_date
from .wholewords import WHOLE_TOKEN, keep_whole_words

DATE_MARK = re.compile(r"\[\[([^\[\]]*)\]\]")
SUBHEAD = re.compile(r"^【[^【】]+】$")
UNBREAKABLE = re.compile(r"[0-9A-Za-z/.:%-]")
"""Characters that stay on one line when BudouX puts a phrase boundary between two of them (「2024年5/27」)."""

LINK_SCHEMES = {"http", "https", "mailto", "tel"}
"""The only schemes a link in content may use; ``javascript:``, ``data:``, ``file:`` … stay plain text."""

_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def date_marks(text: str) -> list[str]:
    """Problems with the ``[[date]]`` marks in ``text``, phrased for the editor."""
    problems = []
    for match in DATE_MARK.finditer(text):
        try:
            day = datetime.date.fromisoformat(match.group(1).strip())
        except ValueError:
            problems.append(f"[[{match.group(1)}]] is not a date (expected [[YYYY-MM-DD]], e.g. [[2024-12-02]])")
            continue
        try:
            era_year(day)
        except ValueError:
            problems.append(f"[[{match.group(1)}]] is before 明治6年 (1873-01-01), which a letter cannot print in 和暦 "
                            f"(expected a later date, or write the date as plain text)")
    return problems


def resolve_dates(text: str, issued: datetime.date | None) -> str:
    """Replace each ``[[YYYY-MM-DD]]`` with the date as the letter of ``issued`` says it.

    A mark that is not a date (``check`` reports it) is left as written.
    """

    def said(match: re.Match) -> str:
        try:
            return relative_date(datetime.date.fromisoformat(match.group(1).strip()), issued)
        except ValueError:
            return match.group(0)

    return DATE_MARK.sub(said, text)


def link_scheme(url: str) -> str | None:
    """The scheme of ``url`` as a browser reads it (spaces and control characters inside are ignored)."""
    match = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return match.group(1) if match else None


def is_safe_link(url: str) -> bool:
    """markdown-it's ``validateLink``: a web page, e-mail, phone number, or a path within the site."""
    scheme = link_scheme(url)
    return scheme in LINK_SCHEMES if scheme else True


def is_project_image(url: str) -> bool:
    """An image content may show: a relative path, so it can only be a file of the project."""
    cleaned = _INVISIBLE.sub("", url)
    return link_scheme(url) is None and not cleaned.startswith(("/", "\\"))


def link_problems(text: str) -> list[tuple[int, str]]:
    """Links and images in ``text`` that would be dropped, with their line, phrased for the editor."""
    problems: list[tuple[int, str]] = []
    for token in _LINKS.parse(text or ""):
        line = token.map[0] + 1 if token.map else 1
        for child in token.children or []:
            href, src = str(child.attrGet("href") or ""), str(child.attrGet("src") or "")
            if child.type == "link_open" and not is_safe_link(href):
                problems.append((line, f"the link '{_cut(href)}' is not a web page, e-mail or phone number and would "
                                       "not be clickable (expected an address starting with https://, mailto: or "
                                       "tel:)"))
            elif child.type == "image" and not is_project_image(src):
                problems.append((line, f"the image '{_cut(src)}' is outside the project and would not be shown "
                                       "(expected an image file of the project, named by a relative path)"))
    return problems


ATTRIBUTE_LIST = re.compile(r"\{[^{}\n]*=[^{}\n]*\}")
"""``{ onclick="…" }``: an attribute list, which the intranet site's Markdown (attr_list) would put on the page."""


def html_problems(text: str) -> list[tuple[int, str]]:
    """Raw HTML and attribute lists in a Markdown file that MkDocs renders (where HTML would pass through)."""
    problems: list[tuple[int, str]] = []
    for token in _HTML.parse(text or ""):
        line = token.map[0] + 1 if token.map else 1
        pieces = [token] if token.type == "html_block" else [c for c in token.children or [] if c.type == "html_inline"]
        problems.extend((line, f"contains the HTML '{_cut(' '.join(piece.content.split()), 40)}', which is not "
                               "published (expected Markdown only; write < as &lt; to show it as text)")
                        for piece in pieces if not piece.content.startswith("</"))
    for number, written in enumerate(text.splitlines(), start=1):
        problems.extend((number, f"contains the attribute list '{_cut(found, 40)}' (expected Markdown only, "
                                 "without {…=…})") for found in ATTRIBUTE_LIST.findall(written))
    return problems


def _cut(url: str, limit: int = 60) -> str:
    return url if len(url) <= limit else url[: limit - 1] + "…"


def _drop_outside_images(state) -> None:
    """An image from elsewhere (another site, an absolute path) becomes its alt text, never fetched."""
    for token in state.tokens:
        for index, child in enumerate(token.children or []):
            if child.type == "image" and not is_project_image(child.attrGet("src") or ""):
                text = Token("text", "", 0)
                text.content = "".join(part.content for part in child.children or [])
                token.children[index] = text


def _mark_subheads(state) -> None:
    tokens: list[Token] = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type == "paragraph_open" and SUBHEAD.match(tokens[index + 1].content.strip()):
            token.attrSet("class", "subhead")


def _web_address_paragraphs(state) -> None:
    """In print, a paragraph that is only a named link (「[登録はこちらから（マイナポータル）](https://myna.go.jp)」)
    gets the QR code of its address and the address itself, so 「こちら」 points at something on paper too."""
    if not state.env.get("qr"):
        return
    from .qr import qr_svg

    tokens: list[Token] = state.tokens
    for index, token in enumerate(tokens[:-2]):
        children = tokens[index + 1].children or []
        if token.type != "paragraph_open" or len(children) != 3 or children[0].type != "link_open" \
                or children[2].type != "link_close" or children[0].info == "auto":
            continue
        url = str(children[0].attrGet("href") or "")
        if link_scheme(url) not in ("http", "https"):
            continue
        token.attrSet("class", "web-address")
        code, address = Token("html_inline", "", 0), Token("html_inline", "", 0)
        code.content = str(Markup('<span class="qr" role="img" aria-label="{}のQRコード">{}</span>').format(
            children[1].content, Markup(qr_svg(url, f"{children[1].content}のQRコード（{url}）"))))
        address.content = str(Markup('<span class="url"> {}</span>').format(url))  # Word keeps the space
        children.extend([code, address])


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable(["table", "strikethrough"])
    parser.validateLink = is_safe_link  # type: ignore[method-assign]  # markdown-it's documented hook
    parser.core.ruler.push("subhead", _mark_subheads)
    parser.core.ruler.push("outside_images", _drop_outside_images)
    parser.core.ruler.push("keep_whole_words", keep_whole_words)
    parser.core.ruler.push("web_address", _web_address_paragraphs)
    return parser


_PARSER = _parser()

_HTML = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

_LINKS = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
# sees every link, so that refused ones can be reported
_LINKS.validateLink = lambda url: True  # type: ignore[method-assign]


def markdown(text: str, issued: datetime.date | None = None, qr: bool = False) -> Markup:
    """Content Markdown → safe HTML; raw HTML in content is shown as text, never run.

    With ``qr`` (print), a paragraph that is only a named link also prints its QR code and address.
    """
    return Markup(_PARSER.render(resolve_dates(text or "", issued), {"qr": qr}))


def tokens(text: str, issued: datetime.date | None = None) -> list[Token]:
    """Content Markdown as markdown-it tokens, read by the same rules as :func:`markdown` in print (for the Word
    letters, which print a named link's address as text after it)."""
    return _PARSER.parse(resolve_dates(text or "", issued), {"qr": True})


def plain(text: str, issued: datetime.date | None = None) -> str:
    """Content Markdown → plain text for e-mail bodies and titles (dates resolved, marks removed)."""
    resolved = resolve_dates(text or "", issued)
    return re.sub(r"<(https?://[^>\s]+)>", r"\1", resolved)


_PHRASE_PARSER = budoux.load_default_japanese_parser()


def phrase_split(text: str) -> list[str]:
    """``text`` cut into phrases (文節) by BudouX, never between two digits or Latin letters, nor inside
    a number with its unit or another token that must stay whole (shuchi.typeset.wholewords)."""
    chunks: list[str] = []
    inside = {i for m in WHOLE_TOKEN.finditer(text) for i in range(m.start() + 1, m.end())}
    position = 0
    for phrase in _PHRASE_PARSER.parse(text):
        cut, position = position in inside, position + len(phrase)
        if chunks and (cut or UNBREAKABLE.match(chunks[-1][-1]) and UNBREAKABLE.match(phrase[0])):
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
