"""Every published page is read with the reader's parser after it is written, and carries a
Content-Security-Policy that Chromium enforces: an injected handler does not run, the site's own scripts do."""

import itertools
import shutil
from pathlib import Path

import pytest
import tinyhtml5
from browser import serve
from helpers import run_build

from shuchi.content import check_content
from shuchi.errors import ContentError
from shuchi.safety.published import check_published, pages_of

ONLY = "zenjukyo"



def policy_of(path: Path) -> str:
    head = tinyhtml5.parse(path.read_text(encoding="utf-8")).find("{http://www.w3.org/1999/xhtml}head")
    first = head[0]
    assert first.get("http-equiv") == "Content-Security-Policy", path
    return first.get("content")


def test_every_published_page_starts_its_head_with_the_policy(one_site):
    pages = sorted(one_site.rglob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        policy = policy_of(page)
        assert "script-src 'self' 'wasm-unsafe-eval'" in policy and "'unsafe-inline'" not in policy.split(";")[1]


@pytest.fixture
def served(one_site, tmp_path):
    """A copy of the built site (a test may plant things in it), served over HTTP."""
    site = tmp_path / "site"
    shutil.copytree(one_site, site)
    with serve(site) as url:
        yield site, url


def test_chromium_runs_the_sites_own_scripts_under_the_policy(served, browser):
    site, url = served
    page = browser.new_page()
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None)
    page.goto(f"{url}/{ONLY}/index.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof __md_scope === 'object' && typeof document$ === 'object'")  # Material ran
    page.fill("#shuchi-q", "公金受取口座")
    page.click(".shuchi-header-search button")
    page.wait_for_selector("#shuchi-search-results li a", timeout=20000)  # the site's search script and Pagefind ran
    page.close()
    assert refused == []


PLANTED = ('<img src="x" onerror="document.title=\'pwned\'">'
           '<svg><image href="x" onerror="document.title=\'pwned\'"/></svg>'
           '<script>document.title="pwned"</script>'
           '<a id="planted" href="javascript:document.title=\'pwned\'">link</a>'
           '<script src="https://evil.example/x.js"></script>')


@pytest.mark.parametrize("path", [f"{ONLY}/index.html", f"{ONLY}/letters/{ONLY}-2024-08-02.html", "index.html"])
def test_chromium_runs_no_handler_that_slipped_into_a_page(served, browser, path):
    """As if something had slipped past every check: the policy alone keeps it from running."""
    site, url = served
    target = site / path
    target.write_text(target.read_text(encoding="utf-8").replace("</h1>", "</h1>" + PLANTED, 1), encoding="utf-8")
    page = browser.new_page()
    violations = []
    page.expose_function("reportViolation", lambda directive: violations.append(directive))
    page.add_init_script("document.addEventListener('securitypolicyviolation', e => reportViolation(e.effectiveDirective))")
    page.goto(f"{url}/{path}")
    page.wait_for_load_state("networkidle")
    page.click("#planted")
    page.wait_for_timeout(300)
    assert page.title() != "pwned"
    assert page.evaluate("document.querySelectorAll('img[onerror]').length") == 1  # it is there, and did not run
    page.close()
    assert {"script-src-attr", "script-src-elem"} <= set(violations)


def test_a_page_carrying_a_handler_stops_the_build_naming_its_content_file(one_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(one_site, site)
    chapter = site / ONLY / "manual" / "welfare-manual" / "01-merits.html"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("</h1>", "</h1><h2 autofocus onfocus=x>", 1),
                       encoding="utf-8")
    leaflet = site / ONLY / "shiryo" / "shiryo1.html"
    leaflet.write_text(leaflet.read_text(encoding="utf-8").replace("</h1>", '</h1><img srcset="a.png 1x, //e.example/b.png 2x">', 1),
                       encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        check_published(site, pages_of(site / ONLY), check_content(Path(__file__).parent.parent).root)
    said = sorted(str(problem) for problem in raised.value.problems)
    assert len(said) == 2
    assert said[0].startswith("content/attachments/shiryo1.yaml: the published page site/zenjukyo/shiryo/shiryo1.html "
                              "would carry <img srcset=\"//e.example/b.png\"> loading from another site")
    assert said[1].startswith("content/documents/welfare-manual/01-merits.md: the published page "
                              "site/zenjukyo/manual/welfare-manual/01-merits.html would carry the event handler onfocus=")


CHAPTER_TRICKS = [
    "本文 \\<img src=x onerror=alert(1)>",
    "段落です</p><img src=x onerror=alert(1)>",
    '## 見出し { autofocus onfocus="alert({1})" }',
    "[申請](java&#x09;script:alert(1))",
    "[申請](&#106;avascript:alert(1))",
    "![](//evil.example/pixel.png)",
]


@pytest.mark.parametrize("trick", CHAPTER_TRICKS)
def test_check_reads_a_chapter_as_mkdocs_publishes_it(project, trick):
    chapter = project / "content" / "documents" / "welfare-manual" / "01-merits.md"
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + f"\n\n{trick}\n", encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 2
    line = len(text.splitlines()) + 3
    assert f"content/documents/welfare-manual/01-merits.md:{line}: " in result.stderr, result.stderr


def test_the_checked_markdown_extensions_are_the_sites():
    import yaml

    from shuchi.safety.chapters import EXTENSIONS
    from shuchi.typeset.environment import TEMPLATES

    text = (TEMPLATES / "site" / "mkdocs.yml.j2").read_text(encoding="utf-8")
    after = text.split("markdown_extensions:\n", 1)[1].splitlines()
    listed = "\n".join(itertools.takewhile(lambda line: line.startswith((" ", "-")), after))  # to the next key
    names = [next(iter(item)) if isinstance(item, dict) else item
             for item in yaml.safe_load(listed.replace("!!python/object/apply:pymdownx.slugs.slugify", ""))]
    assert names == EXTENSIONS
