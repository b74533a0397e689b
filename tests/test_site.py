"""Each organisation's intranet site, opened, crawled and searched in a real browser."""

import re
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest
from helpers import addresses

ORGS = {"nichiyaku": "公益社団法人 日本薬剤師会", "itea": "一般社団法人 情報通信エンジニアリング協会",
        "zenjukyo": "一般社団法人 全国住宅産業協会"}


@pytest.fixture
def page(browser, site_url):
    """A fresh tab that records every host it contacts."""
    tab = browser.new_page()
    tab.hosts = set()
    tab.on("request", lambda request: tab.hosts.add(urlsplit(request.url).netloc or urlsplit(request.url).scheme))
    yield tab
    tab.close()


@pytest.mark.parametrize("slug", ORGS)
def test_home_names_the_organisation_and_lists_its_notices_newest_first(page, site_url, slug):
    page.goto(f"{site_url}/{slug}/index.html")
    assert page.locator("h1").first.inner_text() == ORGS[slug]
    assert page.title().startswith(ORGS[slug])
    listed = page.locator("article li").filter(has_text="令和").all_inner_texts()
    assert listed, "the home page lists the notices"
    days = [wareki_day(text) for text in listed]
    assert days == sorted(days, reverse=True), listed
    assert page.locator("img[alt$='ロゴ']").count() >= 1


def wareki_day(text: str) -> tuple[int, int, int]:
    """(year, month, day) of the first 令和 date in ``text``, to compare order."""
    year, month, day = map(int, re.search(r"令和(\d+|元)年(\d+)月(\d+)日", text.replace("元年", "1年")).groups())
    return year, month, day


def search(page, site_url, slug, words):
    """Type into the header's search box of the home page and submit, as a reader does."""
    page.goto(f"{site_url}/{slug}/index.html")
    page.fill("#shuchi-q", words)
    page.click(".shuchi-header-search button")
    page.wait_for_selector("#shuchi-search-results li a", timeout=15000)
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all("#shuchi-search-results li > a", "links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("words, expected", [
    ("公金受取口座", "shiryo/shiryo4.html"),
    ("出張申請受付", "manual/welfare-manual/05-outreach-application.html"),
    ("スマホ用電子証明書", "shiryo/shiryo5.html"),
    ("登録", "shiryo/shiryo4.html"),
])
def test_japanese_search_finds_the_pages_that_contain_the_words(page, site_url, words, expected):
    results = search(page, site_url, "zenjukyo", words)
    assert any(href.split("#")[0].endswith(expected) for href in results), results
    assert page.hosts == {urlsplit(site_url).netloc}


def test_search_finds_compound_words_in_the_letters(page, site_url):
    results = search(page, site_url, "nichiyaku", "公金受取口座")
    assert any("/notices/nichiyaku-2024-08-08.html" in href for href in results), results


def test_no_request_leaves_the_intranet(page, site_url):
    for path in ["zenjukyo/index.html", "zenjukyo/notices/zenjukyo-2024-08-02.html",
                 "zenjukyo/manual/welfare-manual/05-outreach-application.html", "zenjukyo/search.html?q=口座"]:
        page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
    assert page.hosts == {urlsplit(site_url).netloc}, page.hosts


def test_every_internal_link_and_download_resolves(site_url):
    seen, queue, broken = set(), [f"{site_url}/index.html"], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urlopen(url) as response:
                body = response.read()
                kind = response.headers.get_content_type()
        except HTTPError as error:
            broken.append(f"{url}: {error.code}")
            continue
        if kind != "text/html":
            continue
        links = [address for tag, name, address in addresses(body.decode("utf-8"))
                 if (name == "href" and tag in ("a", "link")) or (name == "src" and tag in ("img", "script"))]
        for link in links:
            target = urljoin(url, link).split("#")[0].split("?")[0]
            if target.startswith(site_url) and target not in seen:
                queue.append(target)
    assert not broken, broken
    assert sum(u.endswith(".pdf") for u in seen) >= 10
    assert len(seen) > 100


@pytest.mark.parametrize("path", [
    "zenjukyo/index.html",
    "zenjukyo/notices/zenjukyo-2024-08-02.html",
    "nichiyaku/ministry/mhlw-2024.html",
    "itea/shiryo/shiryo3.html",
    "zenjukyo/manual/welfare-manual/02-health-insurance-use.html",
    "zenjukyo/search.html?q=登録",
])
def test_pages_pass_axe_with_no_serious_or_critical_violation(page, site_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("networkidle")
    results = Axe().run(page)
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]


def test_manual_page_references_link_to_the_right_chapter(built_site):
    html = (built_site / "zenjukyo/manual/welfare-manual/05-outreach-application.html").read_text()
    assert re.search(r'<a href="06-other-support\.html#[^"]+">P25</a>', html), "P25 links to 第６ 交付時のサポート"


def test_manual_appendix_references_link_to_the_appendix_list(built_site):
    html = (built_site / "zenjukyo/manual/welfare-manual/06-other-support.html").read_text()
    assert re.search(r'<a href="appendix\.html#p19">資料編 ?P19</a>', html), "資料編 P19 links to the appendix list"
    appendix = (built_site / "zenjukyo/manual/welfare-manual/appendix.html").read_text()
    assert 'id="p19"' in appendix


def test_top_index_lists_the_organisations_sites(page, site_url):
    page.goto(f"{site_url}/index.html")
    for slug, name in ORGS.items():
        page.get_by_role("link", name=name).click()
        assert page.url.endswith(f"/{slug}/index.html")
        page.go_back()
