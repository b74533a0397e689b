"""The build cache: each kind of input, edited, changes what it should; a cached build equals a clean one.

One organisation (itea, the smallest) is built, as a secretariat builds it, then edited one input at a
time; a second project folder with the same final content is built clean, without any cache, and the
two sites are compared file by file (PDFs by their text and pages: WeasyPrint writes the same bytes, but
that is not what a reader checks).
"""

import hashlib
import re
import shutil
from pathlib import Path

from helpers import copy_project, pdf_text, run_build, same_site

from shuchi.build.engine import DEFAULT_ENGINE, ENGINES
from shuchi.build.fingerprint import toolchain

ORG = "itea"
NOTICE = "content/notices/itea-members-2024-06-14.yaml"


def build(project: Path, *args: str) -> str:
    result = run_build(project, "build", "--org", ORG, *args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def laid_out(stdout: str) -> tuple[int, int]:
    """How many documents were laid out anew and sites rebuilt, from the build's summary line."""
    found = re.search(r"\((\d+) laid out anew, (\d+) site\(s\) rebuilt\)", stdout)
    assert found, stdout
    return int(found.group(1)), int(found.group(2))


def generator(page: Path) -> str:
    """The engine that wrote ``page``, as its generator <meta> names it (「zensical-0.0.73」, 「mkdocs-1.6.1, …」)."""
    found = re.search(r'<meta name="generator" content="([a-z]+)-', page.read_text(encoding="utf-8"))
    assert found, page
    return found.group(1)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_each_input_changes_its_output_and_a_cached_build_equals_a_clean_one(tmp_path, monkeypatch):
    """Content, logo, colour, an own template, the font settings; a mistake between them changes nothing."""
    project = copy_project(tmp_path / "edited")
    site = project / "site"
    letter = site / ORG / "letters" / "itea-members-2024-06-14.pdf"
    assert laid_out(build(project)) == (9, 1)  # letter, circular, 7 資料

    nothing = build(project)
    assert "nothing changed" in nothing
    assert (project / ".shuchi-cache").is_dir()

    # the other site engine → the site built again by it, no PDF; back to the default → its cached site
    other = next(engine for engine in ENGINES if engine != DEFAULT_ENGINE)
    assert laid_out(build(project, "--engine", other)) == (0, 1)
    assert generator(site / ORG / "index.html") == other
    assert laid_out(build(project)) == (0, 0)
    assert generator(site / ORG / "index.html") == DEFAULT_ENGINE

    # a mistake: the build stops, site/ stays as the last good build left it
    before = {p: sha(p) for p in site.rglob("*") if p.is_file()}
    replace(project / NOTICE, "date: 2024-06-14", "date: 2024-06-31")
    failed = run_build(project, "build", "--org", ORG)
    assert failed.returncode == 2 and "itea-members-2024-06-14.yaml:7: date:" in failed.stderr
    assert {p: sha(p) for p in site.rglob("*") if p.is_file()} == before
    replace(project / NOTICE, "date: 2024-06-31", "date: 2024-06-14")

    # content: one sentence of the notice → that letter and the site, nothing else
    notice = project / NOTICE
    notice.write_text(notice.read_text(encoding="utf-8") + "intro: 本会会員の皆様に格別のご協力をお願いいたします。\n",
                      encoding="utf-8")
    assert laid_out(build(project)) == (1, 1)
    assert "格別のご協力" in pdf_text(letter).replace("\n", "").replace(" ", "")

    # the logo → the letter that prints it and the site that shows it; the 資料 without 配布元 stay
    logo = project / "content" / "organisations" / "logos" / "itea.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("</svg>", "<!-- v2 --></svg>"), encoding="utf-8")
    assert laid_out(build(project)) == (1, 1)
    assert (site / ORG / "logo.svg").read_bytes() == logo.read_bytes()

    # the organisation's colour (the site's CSS) → the letter (its letterhead data) and the site
    organisation = project / "content" / "organisations" / "itea.yaml"
    colour = re.search(r'colour: "(#[0-9a-fA-F]{6})"', organisation.read_text(encoding="utf-8")).group(1)
    replace(organisation, colour, "#123456")
    build(project)
    assert "--brand: #123456" in (site / ORG / "assets" / "shuchi.css").read_text(encoding="utf-8")

    # an own template (独自の書式) → the organisation's notice letter
    own = project / "content" / "organisations" / ORG / "templates" / "letter"
    own.mkdir(parents=True)
    (own / "letterhead.html.j2").write_text('<header class="letterhead"><p>独自の頭書き</p></header>\n',
                                            encoding="utf-8")
    assert laid_out(build(project)) == (1, 1)
    assert "独自の頭書き" in pdf_text(letter)

    # a font setting (another fontconfig configuration) → every document laid out again
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
                          '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
                          '  <match target="font"><edit name="hinting" mode="assign"><bool>false</bool></edit></match>\n'
                          '</fontconfig>\n', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(fonts_conf))
    assert laid_out(build(project)) == (9, 1)

    # the same content, built clean in another folder without any cache
    clean = tmp_path / "clean"
    shutil.copytree(project / "content", clean / "content")
    assert laid_out(build(clean)) == (9, 1)
    same_site(site, clean / "site")



def test_shuchis_templates_and_css_are_in_every_key(tmp_path):
    """An edit to shuchi's own templates or CSS (a new release, a local change) changes every key."""
    package = tmp_path / "shuchi"
    shutil.copytree(Path(__import__("shuchi").__file__).parent, package,
                    ignore=shutil.ignore_patterns("__pycache__"))
    before = toolchain(package)
    css = package / "templates" / "css" / "leaflet.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: red; }\n", encoding="utf-8")
    after_css = toolchain(package)
    template = package / "templates" / "letter" / "sheet.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert len({before, after_css, toolchain(package)}) == 3
