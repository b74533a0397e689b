"""The last line read again by a hostile reviewer (second round, none of the first round's cases): what a
browser fetches or runs that a simple reading misses — several addresses in one attribute, SVG animations that
write an address, presentation attributes that are CSS, a same-host script that is not a file of the site, a
shard put together by hand. Each is refused by the reader, and Chromium shows the policy holds regardless."""

import shutil
from pathlib import Path

import pytest
from browser import serve
from helpers import run_build

from shuchi.content import check_content
from shuchi.errors import ContentError
from shuchi.safety.published import check_published, pages_of
from shuchi.safety.reader import read_page

ONLY = "zenjukyo"

TRICKS = {
    "ping list": '<a href="/x" ping="/ok https://evil.example/p">a</a>',
    "attributionsrc": '<a href="/x" attributionsrc="https://evil.example/a">a</a>',
    "animate href": '<svg><a><animate attributeName="href" values="#a;javascript:alert(1)"/><text>x</text></a></svg>',
    "set xlink:href": '<svg><image><set attributeName="xlink:href" to="//evil.example/x.png"/></image></svg>',
    "filter url": '<svg><rect filter="url(https://evil.example/f.svg#x)" width="1" height="1"/></svg>',
    "marker escape": '<svg><path marker-start="u\\72l(https://evil.example/m.svg#m)" d="M0 0"/></svg>',
}


@pytest.mark.parametrize("name", TRICKS)
def test_the_reader_sees_what_the_browser_fetches(name):
    assert read_page(TRICKS[name]).findings, name


def test_inert_svg_and_lists_pass():
    assert read_page('<a href="/x" ping="/a /b">a</a><svg><rect fill="url(#g)" width="1" height="1"/>'
                     '<animate attributeName="opacity" values="0;1"/></svg>').findings == []


@pytest.mark.parametrize("src", ["/cgi-bin/jsonp?callback=alert", "../assets/not-there.js", "../logo.svg",
                                 "..\\..\\..\\elsewhere.js", "https://evil.example/x.js"])
def test_a_script_that_is_not_a_file_of_the_site_stops_the_build(one_site, tmp_path, src):
    site = tmp_path / "site"
    shutil.copytree(one_site, site)
    page = site / ONLY / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", f'</h1><script src="{src}"></script>', 1),
                    encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check_published(site, pages_of(site / ONLY), check_content(Path(__file__).parent.parent).root)
    assert "site/zenjukyo/index.html would carry <script src=" in str(raised.value.problems[0])


def test_join_reads_every_page_of_a_shard_and_refuses_links(one_site, project):
    (project / "content" / "organisations" / "itea.yaml").unlink()
    (project / "content" / "notices" / "itea-members-2024-06-14.yaml").unlink()
    (project / "content" / "recipients" / "itea.yaml").unlink()
    (project / "content" / "organisations" / "nichiyaku.yaml").unlink()
    for notice in (project / "content" / "notices").glob("nichiyaku-*.yaml"):
        notice.unlink()
    for kept in (*(project / "content" / "attachments").glob("*-nichiyaku.yaml"),
                 project / "content" / "registers" / "nichiyaku.yaml", project / "content" / "recipients" / "nichiyaku.csv"):
        kept.unlink()
    shard = project / "site.shard-1-of-1"
    shutil.copytree(one_site, shard)
    page = shard / ONLY / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", '</h1><img src=x onerror=alert(1)>', 1),
                    encoding="utf-8")
    result = run_build(project, "join")
    assert result.returncode == 2, result.stderr
    assert "site/zenjukyo/index.html would carry the event handler onerror=" in result.stderr
    assert not (project / "site").exists()
    page.write_text((one_site / ONLY / "index.html").read_text(encoding="utf-8"), encoding="utf-8")
    (shard / ONLY / "secret.txt").symlink_to(project / "content" / "registers")
    result = run_build(project, "join")
    assert result.returncode == 1 and "is a link or a special file" in result.stderr, result.stderr
    (shard / ONLY / "secret.txt").unlink()
    result = run_build(project, "join")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / ONLY / "index.html").read_text(encoding="utf-8").count("Content-Security-Policy") == 1


PLANTED = ('<a id="pinged" href="#x" ping="https://evil.example/ping" attributionsrc="https://evil.example/a">p</a>'
           '<svg width="40" height="40"><a id="animated"><set attributeName="href" to="javascript:document.title=\'pwned\'"/>'
           '<rect width="40" height="40"/></a>'
           '<image width="10" height="10"><set attributeName="href" to="https://evil.example/x.png"/></image>'
           '<rect width="5" height="5" filter="url(https://evil.example/f.svg#x)"/></svg>'
           '<a id="source" href="https://github.com/squidfunk/mkdocs-material" data-md-component="source">s</a>')


def test_chromium_fetches_nothing_from_another_host_and_runs_nothing(one_site, tmp_path, browser):
    """As if the tricks had slipped past the reader: the policy alone keeps the browser on the site."""
    site = tmp_path / "site"
    shutil.copytree(one_site, site)
    target = site / ONLY / "index.html"
    target.write_text(target.read_text(encoding="utf-8").replace("</h1>", "</h1>" + PLANTED, 1), encoding="utf-8")
    with serve(site) as url:
        page = browser.new_page()
        elsewhere, failed, violations = [], {}, []
        page.on("request", lambda request: elsewhere.append(request.url) if not request.url.startswith(url) else None)
        page.on("requestfailed", lambda request: failed.update({request.url: request.failure}))
        page.expose_function("reportViolation", lambda uri: violations.append(uri))
        page.add_init_script("document.addEventListener('securitypolicyviolation', e => reportViolation(e.blockedURI))")
        page.goto(f"{url}/{ONLY}/index.html")
        page.wait_for_load_state("networkidle")
        page.click("#pinged")
        page.click("#animated rect")
        page.wait_for_timeout(500)
        title = page.title()
        page.close()
    assert title != "pwned"
    # Chromium may start a request and refuse it: the policy ('csp') or its own rule for SVG resources ('origin')
    assert all(failed.get(address) in ("csp", "origin") for address in elsewhere), (elsewhere, failed)
    assert {"https://evil.example/ping", "https://evil.example/x.png", "inline"} <= set(violations), violations
