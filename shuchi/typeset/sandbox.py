"""Organisations' own templates (独自の書式), rendered in Jinja's sandbox.

An organisation may bring its own letterhead (``content/organisations/<slug>/templates/
letter/letterhead.html.j2``); it is written by people outside the project, so it
renders in Jinja's sandbox, may include only the project's templates, and what it
produces is checked for anything that would run in a reader's browser. Its mistakes
are content problems with file and line.
"""

import contextlib
import difflib
import re
import resource
import secrets
import signal
import threading
import traceback
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    TemplateNotFound,
    TemplateSyntaxError,
)
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from ..content.source import read_text
from ..errors import ContentError, Problem
from ..safety.markup import letterhead_findings, letterhead_problems
from .environment import FILTERS, OPTIONS

OWN_TEMPLATES = ("letter/letterhead.html.j2",)
"""The templates an organisation may replace with its own (more would let it reach the site's configuration)."""

RENDER_LIMIT = 10

MEMORY_LIMIT = 512 * 2**20
"""Bytes an organisation's own template may take while it renders: ``{{ "x" * 10**10 }}`` is one operation a
time limit cannot stop, so the address space is capped for the time of the rendering (a MemoryError then)."""
"""Seconds a page rendered with an organisation's own template may take (nested loops could take forever)."""

def own_templates(content_root: Path, slug: str) -> Path:
    """Where organisation ``slug`` keeps its own templates: ``content/organisations/<slug>/templates/``."""
    return content_root / "organisations" / slug / "templates"

class ContainedLoader(FileSystemLoader):
    """Serves only :data:`OWN_TEMPLATES` from an organisation's folder, never through a symlink out of it.

    What each own template produces is framed by two comments carrying a secret of this build, so that
    :func:`render` can check every byte of it against the letterhead's allow-list (the template cannot know
    the secret, so it cannot end its frame early)."""

    def __init__(self, own: Path, secret: str):
        super().__init__(own)
        self.secret = secret

    def get_source(self, environment, template):
        if template not in OWN_TEMPLATES:
            raise TemplateNotFound(template)
        if not (Path(self.searchpath[0]) / template).is_file():  # a FIFO would block the build for ever
            raise TemplateNotFound(template, f"{template} is not a plain file")
        source, filename, uptodate = super().get_source(environment, template)
        if not Path(filename).resolve().is_relative_to(Path(self.searchpath[0]).resolve()):
            raise TemplateNotFound(template, f"{template} leads outside {self.searchpath[0]}")
        return f"<!--{self.secret}-->{source}<!--/{self.secret}-->", filename, uptodate

class OwnEnvironment(ImmutableSandboxedEnvironment):
    """An organisation's templates first, then the project's (also as ``shuchi/<name>`` to include them), sandboxed."""

    def __init__(self, project: Environment, own: Path):
        shared = project.loader
        assert shared is not None, "the project's environment always has a loader"
        self.secret = f"shuchi-own-{secrets.token_hex(16)}"
        super().__init__(loader=ChoiceLoader([ContainedLoader(own, self.secret), PrefixLoader({"shuchi": shared}),
                                              shared]), **{**OPTIONS, "autoescape": True})
        self.filters.update(FILTERS)
        self.own = own

    intercepted_binops = frozenset({"**"})
    """``9 ** 9 ** 9`` is one operation in C that no time limit interrupts (Jinja would even fold it while
    compiling): powers are computed here, and only of a size a letterhead could print."""

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(left, int | float) and isinstance(right, int | float) and \
                abs(right) * int(max(abs(left), 2)).bit_length() > 10_000:
            raise SecurityError(f"the power {left!r} ** {right!r} is too large to print")
        return super().call_binop(context, operator, left, right)

    def framed(self, html: str) -> list[str]:
        """What the organisation's own templates produced in ``html``."""
        return re.findall(rf"<!--{self.secret}-->(.*?)<!--/{self.secret}-->", html, re.DOTALL)

    def unframed(self, html: str) -> str:
        return re.sub(rf"<!--/?{self.secret}-->", "", html)

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
        with time_limit(RENDER_LIMIT), memory_limit(MEMORY_LIMIT):
            html = env.get_template(name).render(**context)
    except Exception as error:  # anything an outside template does wrong is its author's to fix
        raise ContentError([_render_problem(env, name, error)]) from error
    found = [what for part in env.framed(html) for what in letterhead_problems(part)]
    if found:
        shown = env.shown(next((env.own / own for own in OWN_TEMPLATES if (env.own / own).is_file()), env.own))
        raise ContentError([Problem(shown, 0, "", f"produces {what}, which is not on the list of what a letterhead "
                                                  f"may hold (expected plain HTML: text, layout and the logo)")
                            for what in dict.fromkeys(found)])
    return env.unframed(html)


class RenderTimeout(Exception):
    """An organisation's own template took longer than :data:`RENDER_LIMIT` to render."""


@contextlib.contextmanager
def time_limit(seconds: int):
    """Stop what runs inside after ``seconds`` (on the main thread, where a build and its workers render)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def expired(signum, frame):
        raise RenderTimeout(f"took longer than {seconds} s to render")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

@contextlib.contextmanager
def memory_limit(extra: int):
    """Let the process grow by at most ``extra`` bytes while what is inside runs (the soft limit of its address
    space, put back afterwards; the hard limit is left as it is, so it can be)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm", encoding="ascii") as statm:
        used = int(statm.read().split()[0]) * resource.getpagesize()
    cap = used + extra if hard == resource.RLIM_INFINITY else min(used + extra, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap if soft == resource.RLIM_INFINITY else min(cap, soft), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _render_problem(env: OwnEnvironment, name: str, error: Exception) -> Problem:
    """Where in the organisation's templates rendering failed, from Jinja's template-aware traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    inside = [frame for frame in frames if Path(frame.filename).resolve().is_relative_to(env.own.resolve())]
    file, line = env.own, 0
    if isinstance(error, TemplateSyntaxError) and error.filename:
        file, line = Path(error.filename), error.lineno or 0
    elif inside:
        file, line = Path(inside[-1].filename), inside[-1].lineno or 0
    if isinstance(error, RecursionError):
        what = ("includes itself (expected to include shuchi's template by its shuchi/ name, "
                "e.g. {% include \"shuchi/letter/letterhead.html.j2\" %})")
    elif isinstance(error, TemplateNotFound):
        what = (f"uses the template '{error.name}', which does not exist (expected one of shuchi's, "
                f"e.g. shuchi/letter/letterhead.html.j2)")
    elif isinstance(error, SecurityError):
        what = f"uses something templates may not use: {error} (expected only the fields the template is given)"
    elif isinstance(error, RenderTimeout):
        what = (f"took longer than {RENDER_LIMIT} s to render, so it was stopped (expected a letterhead without "
                f"long loops)")
    elif isinstance(error, MemoryError):
        what = (f"took more than {MEMORY_LIMIT // 2**20} MB to render, so it was stopped (expected a letterhead "
                f"without huge repeated texts)")
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
        for path in sorted(p for p in own.rglob("*") if not p.is_dir() or p.is_symlink()):  # FIFOs too
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
    problems.extend(Problem(shown, line, "", f"contains {what}, which is not on the list of what a letterhead may "
                                             f"hold (expected plain HTML: text, layout and the logo)")
                    for line, what in letterhead_findings(text))
    return problems
