"""The leaflets' web pages in a real headless Chromium (Debian's), served over HTTP from
127.0.0.1 as an intranet would: accessibility (axe-core), a phone's width, type size,
headings broken between phrases, and no request leaving the site."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from PIL import Image

PHONE = {"width": 375, "height": 812}

PAGES = [("itea", f"shiryo{n}") for n in range(1, 7)] + [("itea", "smartphone-revoke"), ("zenjukyo", "shiryo4")]
"""Every leaflet, and one with the 配布元 block of an organisation."""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    yield page
    context.close()


def url_of(site_url, org, leaflet):
    return f"{site_url}/{org}/leaflets/{leaflet}.html"


@pytest.mark.parametrize("org, leaflet", PAGES)
def test_axe_finds_no_serious_or_critical_violation(browser, site_url, org, leaflet):
    page = browser.new_page()
    page.goto(url_of(site_url, org, leaflet))
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a",
                                                                          "wcag21aa", "best-practice"]}})
    page.close()
    severe = [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
              for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not severe
    checked = {rule["id"] for rule in results.response["passes"]}
    assert {"color-contrast", "html-has-lang", "heading-order", "list"} <= checked


@pytest.mark.parametrize("org, leaflet", PAGES)
def test_at_a_phones_width_nothing_scrolls_sideways_and_type_is_large(phone, site_url, org, leaflet, tmp_path):
    requests = []
    phone.on("request", lambda request: requests.append(request.url))
    phone.goto(url_of(site_url, org, leaflet))
    assert phone.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")
    shot = tmp_path / "phone.png"
    phone.screenshot(path=str(shot), full_page=True)
    assert Image.open(shot).width == PHONE["width"]
    smallest = phone.evaluate("""() => {
        let smallest = Infinity;
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            if (!node.textContent.trim() || !node.parentElement.getClientRects().length) continue;
            smallest = Math.min(smallest, parseFloat(getComputedStyle(node.parentElement).fontSize));
        }
        return smallest;
    }""")
    assert smallest >= 16
    outside = [u for u in requests if not u.startswith((site_url, "data:"))]
    assert not outside


@pytest.mark.parametrize("org, leaflet", PAGES)
def test_headings_break_between_phrases_never_inside_one(phone, site_url, org, leaflet):
    phone.goto(url_of(site_url, org, leaflet))
    report = phone.evaluate("""() => {
        const broken = [];
        let wrapped = 0;
        for (const heading of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
            const phrases = heading.querySelectorAll('.phrase');
            const tops = new Set([...phrases].map(p => Math.round(p.getBoundingClientRect().top)));
            if (tops.size > 1) wrapped += 1;
            for (const phrase of heading.querySelectorAll('.phrase:not(.long)')) {
                if (phrase.getClientRects().length > 1) broken.push(phrase.textContent);
            }
        }
        return {broken, wrapped};
    }""")
    assert report["broken"] == []
    assert report["wrapped"] > 0, "no heading wraps at 375px, so this test would prove nothing"


def test_the_web_page_links_the_print_pdf_and_it_is_served(phone, site_url):
    phone.goto(url_of(site_url, "itea", "shiryo3"))
    link = phone.get_by_role("link", name="資料3 海外でもマイナンバーカードが作れます（印刷用PDF・A4）")
    response = phone.request.get(f"{site_url}/itea/leaflets/{link.get_attribute('href')}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    download = phone.get_by_role("link", name="交付申請書のダウンロード先")
    assert download.get_attribute("href") == "https://www.kojinbango-card.go.jp/apprec/abroad/procedure/format/"
