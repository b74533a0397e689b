"""Japanese site search (サイト内検索): Pagefind over a normalised copy of each page.

People type on Japanese keyboards: ０１２０－９５－０１７８, Ｊ－ＬＩＳ, ﾏｲﾅﾎﾟｰﾀﾙ, かおにんしょう. The
pages, and the query in the browser, go through one :func:`normalise` (its table is written into
the site's script, so both sides use the same characters), and each page's kanji get their
hiragana readings from Sudachi, added to the index only.

Pagefind segments Japanese differently when it indexes (its own segmenter) and when it
searches (the browser's ``Intl.Segmenter``), so a compound split one way on one side was
missed or matched by its pieces. The index therefore holds every kana and kanji as a word
of its own (Latin and digits stay whole): Pagefind finds every page holding all the
characters of the query, and the page's script keeps the pages that hold the query itself
(its normalised text and readings are in each result's data), so precision does not rest on
segmentation either. Split so, the records need no segmenter of Pagefind's: its plain build
indexes them (its extended one would load a Japanese dictionary, about a second and 340 MB per
site, to split words that are split already). Nothing leaves the intranet: the index and script
are files of the site.
"""

import re
import subprocess
import unicodedata
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment

from ..errors import BuildError
from ..processes import die_with_parent
from ..typeset.pages import stylesheet
from ..workdirs import work_folder

DASHES = "-‐‑‒–—―−ー﹘﹣－ｰ─━"
"""Characters people type for a hyphen or a long vowel: 「ー」 after kana, 「-」 anywhere else."""

FOLDED = {"〜": "~", "～": "~", "“": '"', "”": '"', "‘": "'", "’": "'"}
"""Characters NFKC leaves apart that mean the same in a query."""

KANA = re.compile(r"[\u3041-\u30ff]")
KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
SPACE = re.compile(r"\s+")
CJK = re.compile(r"[\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆]")
JAPANESE_RUN = re.compile(CJK.pattern + "+")


def normalise(text: str, *, fold_case: bool = True) -> str:
    """The form in which pages are indexed and queries searched: NFKC (half-width katakana and
    full-width Latin, digits and signs), lower case, one hyphen and one long vowel, single spaces.
    Without ``fold_case``, the same with the case kept (what a result's excerpt shows)."""
    out: list[str] = []
    text = unicodedata.normalize("NFKC", text)
    for char in text.lower() if fold_case else text:
        if char in DASHES:
            char = "ー" if out and KANA.match(out[-1]) else "-"
        out.append(FOLDED.get(char, char))
    return SPACE.sub(" ", "".join(out)).strip()


def index_words(text: str) -> str:
    """What Pagefind indexes: every kana and kanji a word of its own, Latin and digits whole."""
    return " ".join(CJK.sub(lambda m: f" {m.group(0)} ", text).split())


@cache
def _tokenizer():
    """Sudachi, mode C (whole compounds, whose readings are the most reliable); loaded once per process."""
    from sudachipy import Dictionary, SplitMode

    return Dictionary(dict="core").tokenizer(SplitMode.C)


def load_dictionary() -> None:
    """Load Sudachi's dictionary now (it is loaded once per process), e.g. while the site engine runs."""
    _tokenizer()


def hiragana(text: str) -> str:
    """Katakana as hiragana (Sudachi gives readings in katakana)."""
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


def readings(text: str) -> list[str]:
    """The hiragana readings (読み) of the runs of Japanese words in ``text`` that contain kanji:
    「マイナ保険証を利用」 → 「まいなほけんしょうをりよう」, so that any part of a run can be found."""
    runs: list[str] = []
    for chunk in JAPANESE_RUN.findall(text):
        if not KANJI.search(chunk):
            continue
        run: list[str] = []
        for morpheme in _tokenizer().tokenize(chunk):
            reading = hiragana(morpheme.reading_form())
            if KANJI.search(reading) or not reading:
                # a word Sudachi has no reading for ends the run: what follows starts a new one
                runs.append("".join(run))
                run = []
            else:
                run.append(reading)
        runs.append("".join(run))
    return list(dict.fromkeys(run for run in runs if run))


class PageText(HTMLParser):
    """The text Pagefind would index on a built page: inside ``data-pagefind-body``, outside
    ``data-pagefind-ignore``, scripts and styles; the first ``<h1>`` is the title."""

    SKIPPED = frozenset({"script", "style", "template", "noscript"})
    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                     "wbr"})
    BLOCKS = frozenset({"p", "div", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "br", "dt", "dd",
                        "section", "article", "table", "ul", "ol", "blockquote", "pre", "figcaption", "caption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []   # tag, inside the body, skipped
        self.parts: list[str] = []
        self.title: list[str] = []
        self.in_title = False
        self.found = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        body, skipped = self.stack[-1][1:] if self.stack else (False, False)
        body = body or "data-pagefind-body" in names
        skipped = skipped or tag in self.SKIPPED or "data-pagefind-ignore" in names
        self.found = self.found or body
        if body and not skipped and tag in self.BLOCKS:
            self.parts.append("\n")
        self.in_title = self.in_title or (body and not skipped and tag == "h1" and not self.title)
        if tag not in self.VOID:
            self.stack.append((tag, body, skipped))

    def handle_endtag(self, tag):
        if tag not in (entry[0] for entry in self.stack):
            return  # a void element written as <img/>, or a stray end tag
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if tag == "h1":
            self.in_title = False

    def handle_data(self, data):
        if self.stack and self.stack[-1][1] and not self.stack[-1][2]:
            self.parts.append(data)
            if self.in_title:
                self.title.append(data)


def page_text(html: str) -> PageText | None:
    """The searchable text of a built page, or None for a page outside the search (no ``data-pagefind-body``)."""
    parser = PageText()
    parser.feed(html)
    parser.close()
    return parser if parser.found else None


def index_site(env: Environment, site: Path) -> None:
    """Build the Pagefind index of a built site into ``site/pagefind/``: one record per page that
    has a ``data-pagefind-body``, written as a page of its own (URL and title kept) and indexed by
    Pagefind."""
    template = env.get_template("site/search-record.html.j2")
    with work_folder("shuchi-search") as work:
        records = Path(work)
        for page in sorted(site.rglob("*.html")):
            relative = page.relative_to(site)
            if relative.parts[0] == "pagefind":
                continue
            text = page_text(page.read_text(encoding="utf-8"))
            if text is None:
                continue
            shown = normalise("".join(text.parts), fold_case=False)
            normalised = shown.lower()
            if not normalised:
                continue
            said = readings(normalised)
            record = records / relative
            record.parent.mkdir(parents=True, exist_ok=True)
            record.write_text(template.render(title=" ".join("".join(text.title).split()), text=shown,
                                              readings=" ".join(said),
                                              words=index_words(normalised + " " + " ".join(said))),
                              encoding="utf-8")
        # the binary itself (no second Python to start); Pagefind's own build, not its extended one: the records
        # are split into words already, and the extended build's Japanese dictionary costs a second per site
        from pagefind_bin import get_executable

        result = subprocess.run([str(get_executable()), "--site", str(records),
                                 "--output-path", str(site / "pagefind")],
                                check=False, capture_output=True, text=True, preexec_fn=die_with_parent)
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:]
        raise BuildError(f"the search index of {site.name} could not be built: {' '.join(last)}")


def write_search_page(env: Environment, docs: Path) -> None:
    """``search.md`` (the results list) and ``assets/search.js`` (the search, with :func:`normalise`'s table)."""
    (docs / "search.md").write_text(env.get_template("site/search.md.j2").render(), encoding="utf-8")
    script = docs / "assets" / "search.js"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(env.get_template("site/search.js.j2").render(dashes=DASHES, folded=FOLDED), encoding="utf-8")
    (docs / "assets" / "search.css").write_text(stylesheet(env, "site/search.css"), encoding="utf-8")
