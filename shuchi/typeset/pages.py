"""The pages shuchi renders: letters, leaflets and the merge's parts as HTML, the notice e-mail as text."""

from jinja2 import Environment
from markupsafe import Markup

from ..model import Attachment
from .letter import Letter
from .sandbox import render


def stylesheet(env: Environment, *names: str) -> Markup:
    """CSS files of templates/ after the shared tokens of ``css/base.css``, to inline in a page
    (our own files, so not escaped)."""
    assert env.loader is not None, "every environment of shuchi's has a loader"
    loader = env.loader
    return Markup("\n".join(loader.get_source(env, name)[0] for name in ("css/base.css", *names)))

def letter_html(env: Environment, letter: Letter, *, logo: str, media: str, back=None) -> str:
    """A letter as a complete HTML page; ``media`` is ``print`` (for PDF) or ``screen`` (the web page,
    with a link ``back`` to its page on the site)."""
    css = stylesheet(env, "css/letter.css")
    return render(env, "letter/letter.html.j2", letter=letter, logo=logo, media=media, css=css, back=back)

def letter_sheet(env: Environment, letter: Letter, *, logo: str) -> Markup:
    """Just the letter (no page around it), for embedding in an intranet page."""
    return Markup(render(env, "letter/sheet.html.j2", letter=letter, logo=logo, sheet_tag="article", heading_offset=1))

def leaflet_html(env: Environment, attachment: Attachment, *, media: str, distributor=None, logo: str = "",
                 back=None) -> str:
    """A leaflet (資料) as a complete HTML page; ``media`` is ``print`` (for PDF) or ``screen`` (the web page,
    with a link ``back`` to its page on the site).

    ``distributor`` (配布元) adds the organisation's logo and 問合せ先 at the foot.
    """
    css = stylesheet(env, "css/leaflet.css")
    return render(env, "leaflet/leaflet.html.j2", attachment=attachment, media=media, css=css,
                  distributor=distributor, logo=logo, back=back)

def leaflet_body(env: Environment, attachment: Attachment) -> Markup:
    """Just a leaflet's parts (no page around it), for embedding in an intranet page."""
    return Markup(render(env, "leaflet/body.html.j2", attachment=attachment))

def merge_body_html(env: Environment, letter: Letter, *, logo: str) -> str:
    """The letter of a mail merge (差し込み印刷) with its head left blank, to be laid out once for all recipients;
    its 件名 has the id ``letter-title`` and the blank under the letterhead ``letter-head``, to find the head."""
    css = stylesheet(env, "css/letter.css", "css/merge-body.css")
    return render(env, "letter/letter.html.j2", letter=letter, logo=logo, media="print", css=css,
                  title_id="letter-title", merge_head_id="letter-head")

def merge_heads_html(env: Environment, letters: list[Letter], *, logo: str) -> str:
    """The heads (文書番号 to 宛名 and 発信者, without the letterhead) of many recipients' letters, one page each."""
    css = stylesheet(env, "css/letter.css", "css/merge-heads.css")
    return render(env, "letter/heads.html.j2", letters=letters, logo=logo, css=css)

def mail_text(env: Environment, **values) -> str:
    """The plain-text body of a notice's e-mail (templates/mail/notice.txt, not escaped: it is not HTML)."""
    return env.get_template("mail/notice.txt").render(**values)
