"""The build's work, done only for what the cache lacks: lay out a letter or leaflet, build a site.

The plan is made in the main process; the worker processes are forked from it, so they start with the
content and the plan already loaded. Each task writes one cache entry (:mod:`.cache`), keyed as the plan
says; a document several organisations share is laid out once.
"""

import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from weasyprint import Document

from ..content import Content
from ..docx import write_letter_docx
from ..pdf.typesetter import Typesetter
from ..processes import become_worker
from ..safety.published import passed
from ..typeset.environment import environment
from ..typeset.sandbox import organisation_environment
from .cache import ABOUT, Cache, copy_into
from .leaflets import write_leaflet
from .letters import BackLink, letter_document, write_letter
from .plan import CIRCULARS, LETTERS, BuildPlan, LetterOutput, Output
from .site import write_site

BACK = {LETTERS: ("../notices/{}.html", "通知のページへ戻る"),
        CIRCULARS: ("../ministry/{}.html", "依頼文のページへ戻る")}
"""Where a letter's stand-alone web page links back to, by its folder: its page on the site."""


@dataclass
class Work:
    """What a build's workers share: the content, the plan, the cache, and (made when first needed) a
    Typesetter and each organisation's Jinja environment."""

    content: Content
    plan: BuildPlan
    cache: Cache
    work: Path
    outputs: dict[str, Output] = field(default_factory=dict)
    _writer: Typesetter | None = None
    _envs: dict[str, Environment] = field(default_factory=dict)

    @property
    def writer(self) -> Typesetter:
        if self._writer is None:
            self._writer = Typesetter(self.plan.root, check_print=True)
        return self._writer

    def env(self, slug: str | None = None) -> Environment:
        """The project's environment, or with ``slug`` the organisation's (with its own templates, if any)."""
        name = slug or ""
        if name not in self._envs:
            project = self._envs.setdefault("", environment())
            self._envs[name] = organisation_environment(project, self.content.root, name) if slug else project
        return self._envs[name]


_work: Work | None = None
"""This process's :class:`Work` (set by :func:`prepare` before the pool forks)."""


def prepare(content: Content, plan: BuildPlan, cache: Cache, work: Path) -> None:
    global _work
    _work = Work(content, plan, cache, work, plan.outputs())


def prepare_worker(engine: str | None = None) -> None:
    """A worker leaves Ctrl-C to the build that started it (which then stops it at once), and dies with
    that build when it is killed outright (see shuchi.processes). When it may build sites with MkDocs
    (``engine``), it imports MkDocs in the background meanwhile: a worker with no document to lay out does it
    while another does (Zensical runs as a process of its own, so there is nothing to import)."""
    become_worker()
    if engine == "mkdocs":
        threading.Thread(target=_import_mkdocs, daemon=True).start()


def _import_mkdocs() -> None:
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401


def _current() -> Work:
    if _work is None:
        raise RuntimeError("prepare() has not run in this process")
    return _work


def lay_out(key: str) -> str:
    """Lay out the document of ``key`` into its cache entry (a notice's enclosed circular first, if needed)."""
    work = _current()
    output = work.outputs[key]
    if work.cache.has(key):  # another task laid it out (a circular enclosed in a notice)
        return key
    enclosures: tuple[Document, ...] = ()
    if isinstance(output, LetterOutput) and output.enclosed is not None:
        lay_out(output.enclosed.key)
        enclosed = work.outputs[output.enclosed.key]
        if isinstance(enclosed, LetterOutput):  # laid out again: a tagged PDF joined to another loses its tags
            enclosures = (letter_document(work.writer, work.env(_own(enclosed)), enclosed.letter, enclosed.logo),)
    writer = work.writer
    refused, printed = len(writer.fetcher.refused), len(writer.printed or [])
    entry = work.cache.new_entry()
    if isinstance(output, LetterOutput):
        env = work.env(_own(output))
        href, text = BACK[output.folder]
        written = write_letter(writer, env, output.letter, entry, output.logo, "../logo.svg", enclosures,
                               BackLink(href.format(output.name), text))
        if output.folder == LETTERS:  # a notice is also written as Word (the ministries' circulars are not)
            write_letter_docx(output.letter, output.logo, entry)
    else:
        written = write_leaflet(writer, work.env(), output.attachment, entry, output.distributor, output.logo)
    misprints = [defect for _, found in (writer.printed or [])[printed:] for defect in found]
    work.cache.keep(key, entry, written.pages, writer.fetcher.refused[refused:], misprints)
    return key


def _own(output: LetterOutput) -> str | None:
    """The organisation whose own templates lay ``output`` out, if it brought any."""
    return output.letter.organisation.slug if output.own and output.letter.organisation else None


def prescan(key: str) -> list[tuple[str, list[str]]]:
    """The published-page check's verdicts on the files of a document just laid out (shuchi.safety.verdicts),
    read here while its site is built, so that publishing the site has them to hand."""
    entry = _current().cache.path(key)
    found = (passed(path, entry) for path in sorted(entry.rglob("*")) if path.is_file() and path.name not in ABOUT)
    return [verdict for verdict in found if verdict is not None]


def build_site(slug: str) -> str:
    """Build organisation ``slug``'s site (the plan's engine, then its Pagefind index) from its laid-out
    documents."""
    work = _current()
    plan = work.plan.organisations[slug]
    with tempfile.TemporaryDirectory(prefix=f"{slug}-", dir=work.work) as folder:
        docs = Path(folder) / "docs"
        for output in plan.documents_out:
            copy_into(work.cache.path(output.key), docs / output.folder)
        (docs / "logo.svg").write_bytes(plan.logo.read_bytes())
        pages = {output.name: work.cache.pages(output.key) for output in plan.documents_out}
        entry = work.cache.new_entry()
        write_site(work.env(), plan, pages, docs, entry, work.env(slug), work.plan.engine)
        refused = [pair for output in plan.documents_out for pair in work.cache.refused(output.key)]
        work.cache.keep(plan.site_key, entry, sum(pages.values()), refused)
    return slug

