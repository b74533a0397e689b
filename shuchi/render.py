"""Stage 3: one Jinja environment (autoescape on) that turns letters and leaflets into HTML."""

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .letter import Letter
from .model import Attachment
from .model.attachment import item_label
from .qr import qr_data_uri
from .text import markdown, phrases
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
    env.filters["phrases"] = phrases
    env.filters["qr"] = qr_data_uri
    env.filters["item_label"] = item_label
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


def leaflet_html(env: Environment, attachment: Attachment, *, media: str, distributor=None, logo: str = "") -> str:
    """A leaflet (資料) as a complete HTML page; ``media`` is ``print`` (for PDF) or ``screen`` (the web page).

    ``distributor`` (配布元) adds the organisation's logo and 問合せ先 at the foot.
    """
    css = stylesheet(env, "css/leaflet.css")
    return env.get_template("leaflet/leaflet.html.j2").render(
        attachment=attachment, media=media, css=css, distributor=distributor, logo=logo)


def leaflet_body(env: Environment, attachment: Attachment) -> Markup:
    """Just a leaflet's parts (no page around it), for embedding in an intranet page."""
    return Markup(env.get_template("leaflet/body.html.j2").render(attachment=attachment))


def merge_body_html(env: Environment, letter: Letter, *, logo: str) -> str:
    """The letter of a mail merge (差し込み印刷) with its head left blank, to be laid out once for all recipients;
    its 件名 has the id ``letter-title``, to find where the head ends."""
    css = stylesheet(env, "css/letter.css") + stylesheet(env, "css/merge-body.css")
    return env.get_template("letter/letter.html.j2").render(letter=letter, logo=logo, media="print", css=css,
                                                            title_id="letter-title")


def merge_heads_html(env: Environment, letters: list[Letter], *, logo: str) -> str:
    """The heads (letterhead to 宛名 and 発信者) of many recipients' letters, one page each."""
    css = stylesheet(env, "css/letter.css") + stylesheet(env, "css/merge-heads.css")
    return env.get_template("letter/heads.html.j2").render(letters=letters, logo=logo, css=css)


def mail_text(env: Environment, **values) -> str:
    """The plain-text body of a notice's e-mail (templates/mail/notice.txt, not escaped: it is not HTML)."""
    return env.get_template("mail/notice.txt").render(**values)
