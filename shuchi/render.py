"""Stage 3: one Jinja environment (autoescape on) that turns letters and leaflets into HTML."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .letter import Letter
from .text import markdown
from .wareki import wareki

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def environment(templates: Path = TEMPLATES) -> Environment:
    """The Jinja environment: HTML autoescaped, undefined names are errors, Japanese filters."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(["html", "html.j2"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = markdown
    env.filters["wareki"] = wareki
    return env


def stylesheet(env: Environment, name: str) -> Markup:
    """A CSS file of templates/, to inline in a page (our own file, so not escaped)."""
    return Markup(env.loader.get_source(env, name)[0])


def letter_html(env: Environment, letter: Letter, *, logo: str, media: str) -> str:
    """A letter as a complete HTML page; ``media`` is ``print`` (for PDF) or ``screen`` (the web page)."""
    css = stylesheet(env, "css/letter.css")
    return env.get_template("letter/letter.html.j2").render(letter=letter, logo=logo, media=media, css=css)


def letter_sheet(env: Environment, letter: Letter, *, logo: str) -> Markup:
    """Just the letter (no page around it), for embedding in an intranet page."""
    return Markup(env.get_template("letter/sheet.html.j2").render(letter=letter, logo=logo, sheet_tag="article",
                                                                  heading_offset=1))
