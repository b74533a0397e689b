"""Stage 3: Jinja environments (autoescape on) that turn letters and leaflets into HTML.

The project's own templates (``templates/``) render in a normal environment. An
organisation may bring its own letterhead (``content/organisations/<slug>/templates/
letter/letterhead.html.j2``); it is written by people outside the project, so it
renders in Jinja's sandbox, may include only the project's templates, and what it
produces is checked for anything that would run in a reader's browser. Its mistakes
are content problems with file and line.
"""

import difflib
import traceback
from pathlib import Path

from jinja2 import (ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, StrictUndefined, TemplateNotFound,
                    TemplateSyntaxError, select_autoescape)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from .active import active_content
from .letter import Letter
from .load import read_text
from .model import Attachment
from .model.attachment import item_label
from .problems import ContentError, Problem
from .qr import qr_data_uri
from .text import markdown, phrases
from .wareki import wareki

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

FILTERS = {"markdown": markdown, "wareki": wareki, "phrases": phrases, "qr": qr_data_uri, "item_label": item_label}
"""The Japanese filters every template may use."""

OPTIONS = dict(autoescape=select_autoescape(["html", "html.j2"], default_for_string=True), undefined=StrictUndefined,
               trim_blocks=True, lstrip_blocks=True)


def environment(templates: Path = TEMPLATES) -> Environment:
    """The Jinja environment: HTML autoescaped, undefined names are errors, Japanese filters."""
    env = Environment(loader=FileSystemLoader(templates), **OPTIONS)
    env.filters.update(FILTERS)
    return env


OWN_TEMPLATES = ("letter/letterhead.html.j2",)
"""The templates an organisation may replace with its own (more would let it reach the site's configuration)."""


def own_templates(content_root: Path, slug: str) -> Path:
    """Where organisation ``slug`` keeps its own templates: ``content/organisations/<slug>/templates/``."""
    return content_root / "organisations" / slug / "templates"


class ContainedLoader(FileSystemLoader):
    """Serves only :data:`OWN_TEMPLATES` from an organisation's folder, never through a symlink out of it."""

    def get_source(self, environment, template):
        if template not in OWN_TEMPLATES:
            raise TemplateNotFound(template)
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(Path(self.searchpath[0]).resolve()):
            raise TemplateNotFound(template, f"{template} leads outside {self.searchpath[0]}")
        return source, filename, uptodate


class OwnEnvironment(ImmutableSandboxedEnvironment):
    """An organisation's templates first, then the project's (also as ``shuchi/<name>`` to include them), sandboxed."""

    def __init__(self, project: Environment, own: Path):
        super().__init__(loader=ChoiceLoader([ContainedLoader(own), PrefixLoader({"shuchi": project.loader}),
                                              project.loader]), **{**OPTIONS, "autoescape": True})
        self.filters.update(FILTERS)
        self.own = own

    def shown(self, path: Path) -> Path:
        """``content/organisations/<slug>/templates/…`` as a secretariat sees it."""
        return path.resolve().relative_to(self.own.resolve().parents[3])


def organisation_environment(project: Environment, content_root: Path, slug: str) -> Environment:
    """The environment for an organisation's pages: sandboxed with its own templates, if it has any."""
    own = own_templates(content_root, slug)
    return OwnEnvironment(project, own) if own.is_dir() else project


def render(env: Environment, name: str, **context) -> str:
    """Render template ``name``; an organisation's own template that fails or produces active content
    stops the build as a content problem at its file and line."""
    if not isinstance(env, OwnEnvironment):
        return env.get_template(name).render(**context)
    try:
        html = env.get_template(name).render(**context)
    except Exception as error:  # anything an outside template does wrong is its author's to fix
        raise ContentError([_render_problem(env, name, error)]) from error
    found = active_content(html)
    if found:
        # the project's templates produce none, so it came from the organisation's own
        shown = env.shown(next((env.own / own for own in OWN_TEMPLATES if (env.own / own).is_file()), env.own))
        raise ContentError([Problem(shown, 0, "", f"produces {what}, which would run in a reader's browser or load "
                                                  f"from elsewhere (expected plain HTML)") for _, what in found])
    return html


def _render_problem(env: OwnEnvironment, name: str, error: Exception) -> Problem:
    """Where in the organisation's templates rendering failed, from Jinja's template-aware traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [frame for frame in frames if Path(frame.filename).resolve().is_relative_to(env.own.resolve())]
    if isinstance(error, TemplateSyntaxError) and error.filename:
        file, line = Path(error.filename), error.lineno
    elif inside:
        file, line = Path(inside[-1].filename), inside[-1].lineno
    else:
        file, line = env.own, 0
    if isinstance(error, RecursionError):
        what = ("includes itself (expected to include shuchi's template by its shuchi/ name, "
                "e.g. {% include \"shuchi/letter/letterhead.html.j2\" %})")
    elif isinstance(error, TemplateNotFound):
        what = (f"uses the template '{error.name}', which does not exist (expected one of shuchi's, "
                f"e.g. shuchi/letter/letterhead.html.j2)")
    elif isinstance(error, SecurityError):
        what = f"uses something templates may not use: {error} (expected only the fields the template is given)"
    elif isinstance(error, TemplateSyntaxError):
        what = f"template syntax error: {error.message} (expected Jinja syntax, e.g. {{{{ letter.title }}}})"
    else:
        what = f"cannot be rendered: {' '.join(str(error).split())[:160]} (expected only the fields the template " \
               f"is given, e.g. letter.title)"
    return Problem(env.shown(file), line, "", what)


def check_own_templates(content_root: Path, project: Environment, slugs: set[str], display_root: Path) -> list[Problem]:
    """Every organisation's own templates, checked before anything is rendered: where they are, that they
    parse, that they replace a template an organisation may replace, and that they hold nothing a browser would run."""
    problems: list[Problem] = []
    for own in sorted((content_root / "organisations").glob("*/templates")):
        slug = own.parent.name
        shown_folder = own.relative_to(display_root)
        if slug not in slugs:
            problems.append(Problem(shown_folder, 0, "", f"belongs to no organisation (expected the folder of an "
                                                         f"organisation: {', '.join(sorted(slugs)) or 'none yet'})"))
            continue
        env = OwnEnvironment(project, own)
        for path in sorted(p for p in own.rglob("*") if p.is_file() or p.is_symlink()):
            problems.extend(_check_own_template(env, path, path.relative_to(display_root)))
    return problems


def _check_own_template(env: OwnEnvironment, path: Path, shown: Path) -> list[Problem]:
    own = env.own
    if not path.resolve().is_relative_to(own.resolve()):
        return [Problem(shown, 0, "", "leads outside its folder (a link to another place; expected the template "
                                      "file itself)")]
    name = path.relative_to(own).as_posix()
    text, problems = read_text(path, shown)
    if text is None:
        return problems
    if name not in OWN_TEMPLATES:
        close = difflib.get_close_matches(name, OWN_TEMPLATES, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]}?" if close else ""
        problems.append(Problem(shown, 0, "", f"is not a template an organisation may replace{hint} (expected "
                                              f"{' or '.join(OWN_TEMPLATES)} under templates/)"))
        return problems
    try:
        env.parse(text, name, str(path))
    except TemplateSyntaxError as error:
        problems.append(_render_problem(env, name, error))
    problems.extend(Problem(shown, line, "", f"contains {what}, which would run in a reader's browser or load from "
                                             f"elsewhere (expected plain HTML)") for line, what in active_content(text))
    return problems


def stylesheet(env: Environment, name: str) -> Markup:
    """A CSS file of templates/, to inline in a page (our own file, so not escaped)."""
    return Markup(env.loader.get_source(env, name)[0])


def letter_html(env: Environment, letter: Letter, *, logo: str, media: str) -> str:
    """A letter as a complete HTML page; ``media`` is ``print`` (for PDF) or ``screen`` (the web page)."""
    css = stylesheet(env, "css/letter.css")
    return render(env, "letter/letter.html.j2", letter=letter, logo=logo, media=media, css=css)


def letter_sheet(env: Environment, letter: Letter, *, logo: str) -> Markup:
    """Just the letter (no page around it), for embedding in an intranet page."""
    return Markup(render(env, "letter/sheet.html.j2", letter=letter, logo=logo, sheet_tag="article", heading_offset=1))


def leaflet_html(env: Environment, attachment: Attachment, *, media: str, distributor=None, logo: str = "") -> str:
    """A leaflet (資料) as a complete HTML page; ``media`` is ``print`` (for PDF) or ``screen`` (the web page).

    ``distributor`` (配布元) adds the organisation's logo and 問合せ先 at the foot.
    """
    css = stylesheet(env, "css/leaflet.css")
    return render(env, "leaflet/leaflet.html.j2", attachment=attachment, media=media, css=css,
                  distributor=distributor, logo=logo)


def leaflet_body(env: Environment, attachment: Attachment) -> Markup:
    """Just a leaflet's parts (no page around it), for embedding in an intranet page."""
    return Markup(render(env, "leaflet/body.html.j2", attachment=attachment))


def merge_body_html(env: Environment, letter: Letter, *, logo: str) -> str:
    """The letter of a mail merge (差し込み印刷) with its head left blank, to be laid out once for all recipients;
    its 件名 has the id ``letter-title``, to find where the head ends."""
    css = stylesheet(env, "css/letter.css") + stylesheet(env, "css/merge-body.css")
    return render(env, "letter/letter.html.j2", letter=letter, logo=logo, media="print", css=css,
                  title_id="letter-title")


def merge_heads_html(env: Environment, letters: list[Letter], *, logo: str) -> str:
    """The heads (letterhead to 宛名 and 発信者) of many recipients' letters, one page each."""
    css = stylesheet(env, "css/letter.css") + stylesheet(env, "css/merge-heads.css")
    return render(env, "letter/heads.html.j2", letters=letters, logo=logo, css=css)


def mail_text(env: Environment, **values) -> str:
    """The plain-text body of a notice's e-mail (templates/mail/notice.txt, not escaped: it is not HTML)."""
    return env.get_template("mail/notice.txt").render(**values)
