"""Every page of one organisation's intranet site in a real Chromium at a desk's and a phone's
width: axe finds nothing at all, nothing scrolls sideways, headings break between phrases; and
the corners members use: the 404 page under the organisation's folder, dates, the 問合せ先 in
the footer, the way back from stand-alone pages, printing without the navigation."""

import re
from urllib.error import HTTPError
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import addresses

ORG = "zenjukyo"
"""The organisation with every kind of page: notices, a ministry's letter, leaflets, the manual."""

WIDTHS = [1280, 375]


def site_pages(built_site) -> list[str]:
    """Every HTML page of ``ORG``'s site (its letters and leaflets too) and the list of sites."""
    folder = built_site / ORG
    found = sorted(p.relative_to(built_site).as_posix() for p in folder.rglob("*.html") if "pagefind" not in p.parts)
    return ["index.html", *found]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_has_any_axe_violation_or_scrolls_sideways(browser, built_site, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    axe, problems, pages = Axe(), [], site_pages(built_site)
    for path in pages:
        tab.goto(f"{site_url}/{path}")
        tab.wait_for_load_state("networkidle")
        wide = tab.evaluate("document.scrollingElement.scrollWidth")
        if wide > width:
            problems.append(f"{path}: {wide} px wide")
        for violation in axe.run(tab).response["violations"]:
            problems.append(f"{path}: {violation['id']} ({violation['impact']}) "
                            f"{[node['target'] for node in violation['nodes']][:2]}")
    context.close()
    assert len(pages) > 30
    assert not problems, problems


def test_site_headings_break_between_phrases_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    tab = context.new_page()
    wrapped, broken = 0, []
    for path in ["notices/zenjukyo-2024-08-02.html", "manual/welfare-manual/05-outreach-application.html",
                 "shiryo/shiryo6.html", "ministry/mlit-2024-07-29.html"]:
        tab.goto(f"{site_url}/{ORG}/{path}")
        report = tab.evaluate("""() => {
            const broken = [];
            let wrapped = 0;
            for (const heading of document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3')) {
                const phrases = [...heading.querySelectorAll('.phrase')];
                if (new Set(phrases.map(p => Math.round(p.getBoundingClientRect().top))).size > 1) wrapped += 1;
                const size = parseFloat(getComputedStyle(heading).fontSize);
                for (const phrase of phrases) {
                    // a phrase wider than the whole line has to break inside; any other must not
                    const fits = phrase.textContent.trim().length * size <= heading.clientWidth;
                    if (fits && phrase.getClientRects().length > 1) broken.push(phrase.textContent);
                }
            }
            return {broken, wrapped};
        }""")
        wrapped += report["wrapped"]
        broken += report["broken"]
    context.close()
    assert broken == []
    assert wrapped > 0, "no heading wraps at 375 px, so this test would prove nothing"


@pytest.mark.parametrize("org", ["nichiyaku", "itea", "zenjukyo"])
def test_the_404_page_works_under_the_organisations_folder(built_site, site_url, org):
    links = [address for _, _, address in addresses((built_site / org / "404.html").read_text(encoding="utf-8"))
             if not address.startswith(("#", "tel:", "mailto:"))]
    assert not [link for link in links if link.startswith("/")], "no root-absolute address"
    broken = []
    for link in links:
        try:
            urlopen(urljoin(f"{site_url}/{org}/404.html", link)).close()
        except HTTPError as error:
            broken.append(f"{link}: {error.code}")
    assert len(links) > 20
    assert not broken


def test_every_page_is_dated_and_names_the_associations_contact(built_site):
    undated, no_contact = [], []
    for path in site_pages(built_site)[1:]:
        html = (built_site / path).read_text(encoding="utf-8")
        if "/letters/" in path or "/circulars/" in path or "/leaflets/" in path:
            continue  # the letters carry their own date and 問合せ先; the leaflets their 配布元
        if not re.search(r'class="shuchi-date">(発信日|掲載日|発行日|更新日)：<time datetime="\d{4}-\d\d-\d\d">令和', html) \
                and not path.endswith(("404.html", "search.html")):
            undated.append(path)
        footer = html[html.find('<footer class="md-footer">'):]
        if "問合せ先" not in footer or "03-3511-0611" not in footer:
            no_contact.append(path)
    assert not undated
    assert not no_contact


def test_stand_alone_pages_lead_back_to_the_site_and_circular_pages_are_linked(browser, site_url):
    tab = browser.new_page()
    tab.goto(f"{site_url}/{ORG}/ministry/mlit-2024-07-29.html")
    tab.get_by_role("link", name="印刷用ページで開く").click()
    assert tab.url.endswith("/circulars/mlit-2024-07-29.html")
    tab.get_by_role("link", name="← 依頼文のページへ戻る").click()
    assert tab.url.endswith("/ministry/mlit-2024-07-29.html")
    tab.goto(f"{site_url}/{ORG}/leaflets/shiryo2.html")
    tab.get_by_role("link", name="← 資料のページへ戻る").click()
    assert tab.url.endswith("/shiryo/shiryo2.html")
    tab.goto(f"{site_url}/{ORG}/letters/zenjukyo-2024-08-02.html")
    tab.get_by_role("link", name="← 通知のページへ戻る").click()
    assert tab.url.endswith("/notices/zenjukyo-2024-08-02.html")
    tab.close()


def test_the_manual_has_previous_and_next_links_and_paper_checkboxes(browser, site_url):
    tab = browser.new_page()
    tab.goto(f"{site_url}/{ORG}/manual/welfare-manual/05-outreach-application.html")
    assert "第４" in tab.locator(".md-footer__link--prev").inner_text()
    tab.locator(".md-footer__link--next").click()
    assert tab.url.endswith("/06-other-support.html")
    tab.go_back()
    assert tab.locator(".md-content input[type=checkbox]").count() == 0, "no form field that cannot be kept"
    boxes = tab.locator("ul.shuchi-checklist > li")
    assert boxes.count() == 13
    assert boxes.first.evaluate("li => getComputedStyle(li, '::before').content") == '"☐"'
    assert not boxes.first.inner_text().startswith("[")
    tab.close()


def test_leaflet_parts_on_the_site_look_as_on_the_leaflet(browser, site_url):
    tab = browser.new_page()
    tab.goto(f"{site_url}/itea/shiryo/smartphone-revoke.html")
    info = tab.locator(".callout-info").first
    assert info.evaluate("e => getComputedStyle(e).borderTopColor") == "rgb(26, 79, 139)", "info is blue, not red"
    item = tab.locator(".shuchi-leaflet ul.items > li").first
    assert item.evaluate("e => getComputedStyle(e).listStyleType") == "none", "one mark: the leaflet's own 「・」"
    assert item.evaluate("e => getComputedStyle(e).display") == "table"
    tab.close()


def test_printing_a_page_leaves_out_the_navigation(browser, site_url):
    tab = browser.new_page()
    tab.goto(f"{site_url}/{ORG}/notices/zenjukyo-2024-08-02.html")
    tab.emulate_media(media="print")
    assert not tab.locator(".md-sidebar--primary").is_visible()
    assert not tab.locator(".md-header").is_visible()
    assert tab.locator("article.page").is_visible()
    contact = tab.locator(".md-footer-meta .shuchi-contact")
    assert "問合せ先" in contact.inner_text()
    assert contact.evaluate("e => getComputedStyle(e).color") == "rgb(17, 17, 17)", "dark on the white paper"
    tab.close()
