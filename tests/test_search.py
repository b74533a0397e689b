"""The site search, measured in Chromium: recall, precision and first-screen recall over
tests/search_queries.yaml, the header's search box, and the normalisation it rests on."""

import json
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from shuchi.build.search import normalise, readings

QUERIES = yaml.safe_load((Path(__file__).parent / "search_queries.yaml").read_text(encoding="utf-8"))
SLUG = "zenjukyo"
SCREEN = {"width": 1280, "height": 800}


def as_read(text: str) -> str:
    """Text as a reader compares it, independently of search.py: NFKC, lower case, every dash one."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join("-" if unicodedata.category(char) == "Pd" else char for char in text)


@pytest.fixture(scope="module")
def page_texts(browser, site_url, built_site) -> dict[str, str]:
    """The visible text of every content page of the site, as Chromium renders it (not normalised)."""
    tab = browser.new_page()
    texts = {}
    for path in sorted((built_site / SLUG).rglob("*.html")):
        url = f"/{SLUG}/{path.relative_to(built_site / SLUG).as_posix()}"
        if "data-pagefind-body" not in path.read_text(encoding="utf-8") or url.endswith("/search.html"):
            continue
        tab.goto(site_url + url)
        texts[url] = tab.inner_text("[data-pagefind-body]")
    tab.close()
    assert len(texts) > 15
    return texts


def results(tab, query: str) -> tuple[list[str], list[str], str]:
    """Type ``query`` into the header's box and press Enter, as a reader does; the result links,
    those on the first screen (no scrolling), and the status line."""
    tab.fill("#shuchi-q", query)
    tab.press("#shuchi-q", "Enter")
    tab.wait_for_function("""q => document.getElementById('shuchi-search-results').ariaBusy === 'false'
        && document.getElementById('shuchi-search-status').textContent.includes(`「${q.trim()}」`)""", arg=query)
    links = tab.eval_on_selector_all("#shuchi-search-results li > a", """links => links.map(a => [
        a.getAttribute('href'), a.getBoundingClientRect().bottom <= window.innerHeight])""")
    return [href for href, _ in links], [href for href, seen in links if seen], tab.inner_text("#shuchi-search-status")


@pytest.fixture(scope="module")
def measured(browser, site_url, page_texts) -> dict:
    """Every query of the set searched once; per kind, the right pages found, listed and on the first screen."""
    tab = browser.new_page(viewport=SCREEN)
    tab.goto(f"{site_url}/{SLUG}/search.html")
    counts: dict[str, dict[str, int]] = {}
    misses, strays, statuses = [], [], {}
    for entry in QUERIES:
        right = {url for url, text in page_texts.items()
                 if all(word in as_read(text) for word in as_read(entry["means"]).split())}
        listed, first_screen, statuses[entry["query"]] = results(tab, entry["query"])
        if entry["kind"] == "absent":
            assert not right, f"{entry['means']} is on {right}: not an absent word"
        else:
            assert right, f"{entry['means']} is on no page of {SLUG}: the query set is stale"
        for kind in (entry["kind"], "all"):
            count = counts.setdefault(kind, dict.fromkeys(["right", "found", "listed", "first_screen", "queries"], 0))
            count["right"] += len(right)
            count["found"] += len(right & set(listed))
            count["listed"] += len(listed)
            count["first_screen"] += len(right & set(first_screen))
            count["queries"] += 1
        misses += [(entry["query"], url) for url in right - set(listed)]
        strays += [(entry["query"], url) for url in set(listed) - right]
    tab.close()
    figures = {kind: {"queries": c["queries"], "recall": c["found"] / c["right"] if c["right"] else 1.0,
                      "precision": c["found"] / c["listed"] if c["listed"] else 1.0,
                      "first_screen_recall": c["first_screen"] / c["right"] if c["right"] else 1.0}
               for kind, c in counts.items()}
    print("\nsearch figures:", json.dumps(figures, ensure_ascii=False, indent=1), "\nmissed:", misses,
          "\nlisted wrongly:", strays)
    return {"figures": figures, "misses": misses, "strays": strays, "statuses": statuses}


def test_query_set_has_width_and_reading_variants():
    kinds = [entry["kind"] for entry in QUERIES]
    assert len(QUERIES) >= 30
    assert kinds.count("width") >= 8 and kinds.count("reading") >= 8 and kinds.count("absent") >= 2


def test_search_finds_the_right_pages_and_little_else(measured):
    figures = measured["figures"]["all"]
    assert figures["recall"] >= 0.98, measured["misses"]
    assert figures["precision"] >= 0.95, measured["strays"]


def test_hiragana_readings_find_their_kanji(measured):
    figures = measured["figures"]["reading"]
    assert figures["recall"] >= 0.98, measured["misses"]
    assert figures["precision"] >= 0.9, measured["strays"]


def test_width_variants_find_what_normal_input_finds(measured):
    figures = measured["figures"]["width"]
    assert figures["recall"] == 1.0 and figures["precision"] == 1.0, (measured["misses"], measured["strays"])


def test_a_word_on_no_page_is_not_found(measured):
    for entry in QUERIES:
        if entry["kind"] == "absent":
            assert "見つかりませんでした" in measured["statuses"][entry["query"]]
    absent = measured["figures"]["absent"]
    assert absent["precision"] == 1.0, measured["strays"]


def test_pages_holding_the_whole_compound_come_before_its_pieces(browser, site_url, page_texts):
    tab = browser.new_page()
    tab.goto(f"{site_url}/{SLUG}/search.html")
    listed, _, _ = results(tab, "マイナ保険証")
    tab.close()
    holding = {url for url, text in page_texts.items() if "マイナ保険証" in as_read(text)}
    assert set(listed) == holding, "only the pages holding マイナ保険証, not those with マイナ and 保険証 apart"
    pieces = {url for url, text in page_texts.items() if "マイナ" in as_read(text) and "保険証" in as_read(text)}
    assert pieces - holding, "the query set no longer tells compounds from their pieces"


def test_the_search_box_comes_right_after_the_skip_link_and_shows_its_focus(browser, site_url):
    tab = browser.new_page(viewport={"width": 375, "height": 700})
    tab.goto(f"{site_url}/{SLUG}/notices/zenjukyo-members-2024-08-02.html")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.classList.contains('md-skip')")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.id") == "shuchi-q"
    ring = tab.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert ring == "solid"
    box = tab.locator("#shuchi-q").bounding_box()
    assert box and box["y"] < 48 and box["x"] + box["width"] <= 375, "in the header, on the phone's screen"
    tab.keyboard.type("ｍｙ")
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(r"search\.html\?q="))
    tab.wait_for_selector("#shuchi-search-results li a")
    assert tab.input_value("#shuchi-q") == "ｍｙ"
    tab.close()


def test_the_slash_key_focuses_the_search_box_on_every_kind_of_page(browser, site_url):
    tab = browser.new_page()
    for path in ["index.html", "shiryo/shiryo4.html", "manual/welfare-manual/03-face-auth-card.html", "howto.html"]:
        tab.goto(f"{site_url}/{SLUG}/{path}")
        tab.keyboard.press("/")
        assert tab.evaluate("document.activeElement.id") == "shuchi-q", path
        assert tab.input_value("#shuchi-q") == "", "the / is not typed into the box"
    tab.close()


VARIANTS = ["０１２０－９５－０１７８", "ﾏｲﾅﾎﾟｰﾀﾙ", "マイナポ－タル", "Ｊ－ＬＩＳ", "ｅ－Ｔａｘ　申請", "0120―95―0178",
            "スーパー", "ｽｰﾊﾟｰ-1", "〜令和６年", "  二重  空白  ", "ＡＢＣ－ー―", "ｶﾞｷﾞｸﾞ"]


def test_the_browser_normalises_queries_as_the_build_normalises_pages(browser, site_url, page_texts):
    texts = VARIANTS + list(page_texts.values())
    tab = browser.new_page()
    tab.goto(f"{site_url}/{SLUG}/index.html")
    in_browser = tab.evaluate("texts => texts.map(text => shuchiSearch.normalise(text))", texts)
    tab.close()
    assert in_browser == [normalise(text) for text in texts]


def test_normalise_folds_width_and_dash_variants():
    assert normalise("０１２０－９５－０１７８") == normalise("0120―95―0178") == "0120-95-0178"
    assert normalise("ﾏｲﾅﾎﾟｰﾀﾙ") == normalise("マイナポ－タル") == normalise("マイナポ-タル") == "マイナポータル"
    assert normalise("Ｊ－ＬＩＳ") == "j-lis"


FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}


@given(st.text())
def test_normalise_is_stable(text):
    assert normalise(normalise(text)) == normalise(text)
    assert normalise(text, fold_case=False).lower() == normalise(text)


@given(st.text(alphabet=st.characters(min_codepoint=0x21, max_codepoint=0x7E)))
def test_full_width_latin_digits_and_signs_read_as_half_width(text):
    assert normalise(text.translate(FULL_WIDTH)) == normalise(text)


def test_readings_are_hiragana_of_the_runs_that_hold_kanji():
    said = readings("顔認証マイナンバーカードの申請は、マイナポータルで。")
    assert "かおにんしょうまいなんばーかーどのしんせいは" in said
    assert not any(run == "まいなぽーたるで" for run in said), "a run without kanji needs no reading"
