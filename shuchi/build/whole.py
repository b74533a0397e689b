"""The whole build: content → plan → what the cache lacks → ``site/``, atomically.

Each output is keyed by a hash of everything it is made from (:mod:`.plan`, :mod:`.fingerprint`) and
laid out only when the cache (:mod:`.cache`) has no entry for its key; a build with nothing changed
leaves ``site/`` as it is. WeasyPrint and MkDocs (when it is the site engine) are imported only when
something must be laid out.
"""

import multiprocessing
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.pool import Pool
from pathlib import Path
from typing import TYPE_CHECKING

from ..content import Content
from ..content.check import check_content
from ..destination import check_destination
from ..errors import RequestError
from ..publish import staged
from ..safety.published import check_published, pages_of
from ..safety.verdicts import Verdicts, policy
from ..typeset.environment import environment
from ..workdirs import work_folder
from . import early
from .cache import Cache, cache_for, copy_into
from .digest import DIGEST, content_digest
from .digest import built_from as recorded
from .engine import DEFAULT_ENGINE
from .fingerprint import digest, toolchain
from .plan import CIRCULARS, BuildPlan, plan_build
from .site import write_top_index

if TYPE_CHECKING:
    from tqdm import tqdm

    from ..pdf.printcheck import Defect


@dataclass
class BuildReport:
    """What a build wrote, for the one-line summary, and how much of it came from the cache."""

    out: Path
    organisations: list[str] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    laid_out: int = 0
    sites_built: int = 0
    unchanged: bool = False
    warnings: list[str] = field(default_factory=list)
    print_checked: int = 0
    """How many laid-out documents the print check read (now or, for those from the cache, when laid out)."""
    misprints: "list[tuple[str, Defect]]" = field(default_factory=list)
    """What the print check found on the PDFs' pages, by PDF (``<org>/letters/<id>.pdf``; see shuchi.pdf.printcheck)."""


def shard_of(slugs: list[str], shard: tuple[int, int]) -> list[str]:
    """Shard ``I`` of ``N`` (counted from 1): every N-th organisation in slug order, starting with the I-th."""
    index, count = shard
    return sorted(slugs)[index - 1::count]


def build_all(root: Path, out: Path | None = None, jobs: int | None = None, organisations: list[str] | None = None,
              shard: tuple[int, int] | None = None, engine: str = DEFAULT_ENGINE) -> BuildReport:
    """Build the organisations (default: all; or those named; or one ``shard`` (I, N)) into ``out`` (default
    ``root/site``), replacing it only on success; ``engine`` builds their sites (shuchi.build.engine). Work the
    cache lacks is done side by side, one process per core (``jobs``, default all cores); when the content changed
    since ``out`` was built, those processes start at once (shuchi.build.early)."""
    root = root.resolve()
    target = (out or root / "site").resolve()
    built_from = content_digest(root)
    with early.workers(recorded(target) != built_from, engine, jobs) as pool:
        return _build(root, target, built_from, jobs, organisations, shard, engine, pool)


def _build(root: Path, out: Path, built_from: str, jobs: int | None, organisations: list[str] | None,
           shard: tuple[int, int] | None, engine: str, pool: Pool | None) -> BuildReport:
    content = check_content(root)  # reads only: content's mistakes first, as ever
    check_destination(root, out, site=True)
    report = BuildReport(out=out)
    report.warnings.extend(str(w) for w in content.warnings)
    slugs = sorted(content.organisations)
    for slug in organisations or []:
        if slug not in content.organisations:
            raise RequestError("organisation", f"there is no organisation '{slug}' "
                                               f"(expected one of {', '.join(slugs)})")
    chosen = sorted(organisations) if organisations else shard_of(slugs, shard) if shard else slugs
    plan = plan_build(content, toolchain(), chosen, engine)
    cache = cache_for(report.out)
    whole = digest("build", plan.index_key, [p.site_key for p in plan.organisations.values()])
    for slug, organisation in plan.organisations.items():
        report.organisations.append(slug)
        report.documents += len(organisation.documents_out)
    missing = [key for key in plan.outputs() if not cache.has(key)]
    sites = [slug for slug, organisation in plan.organisations.items() if not cache.has(organisation.site_key)]
    verdicts = None
    if not missing and not sites and cache.unchanged(report.out, whole):
        report.unchanged = True
    else:
        verdicts = cache.verdicts(policy(plan.toolchain))
        with staged(report.out) as stage:
            cache.forget(report.out)

            def publish(slug: str) -> None:
                key = plan.organisations[slug].site_key
                copy_into(cache.path(key), stage / slug)
                if not cache.checked(key):  # read as a browser would once, when the site is first published
                    passed = check_published(stage, pages_of(stage / slug), content.root, verdicts)
                    cache.keep_checked(key, stage / slug, passed)

            for slug in plan.organisations:
                if slug not in sites:
                    publish(slug)
            if missing or sites:
                _work(content, plan, cache, missing, sites, jobs, report, publish, verdicts, pool)
            write_top_index(environment(), [p.org for p in plan.organisations.values()], stage)
            check_published(stage, [stage / "index.html"], content.root, verdicts)
            (stage / DIGEST).write_text(built_from + "\n", encoding="ascii")
            verdicts.save()
        cache.published(report.out, whole)
    for organisation in plan.organisations.values():
        report.pages += cache.pages(organisation.site_key)
        for output in organisation.documents_out:
            found = cache.misprints(output.key)
            report.print_checked += found is not None
            report.misprints.extend((f"{organisation.slug}/{output.folder}/{output.name}.pdf", defect)
                                    for defect in found or [])
        refused = cache.refused(organisation.site_key)
        report.warnings.extend(f"warning: {name}: {url[:100]} was not embedded (only files in content/ and "
                               f"shuchi's own templates can be)" for name, url in dict.fromkeys(refused))
    if organisations is None and shard is None:
        cache.prune(verdicts)
    return report


def _work(content: Content, plan: BuildPlan, cache: Cache, missing: list[str], sites: list[str], jobs: int | None,
          report: BuildReport, publish: Callable[[str], None], verdicts: Verdicts, started: Pool | None) -> None:
    """Lay out the ``missing`` documents, then build the ``sites``, into the cache; in parallel when it pays (in the
    workers ``started`` early, if any). Each site is handed to ``publish`` as soon as it is built. While the sites
    are built, the documents just laid out are read for the published-page check (their ``verdicts``), which
    otherwise reads them as it publishes."""
    from ..pdf.fonts import check_fonts, harfbuzz_subset_available
    from ..processes import progress

    check_fonts()
    if not harfbuzz_subset_available():
        report.warnings.append("warning: libharfbuzz-subset0 is not installed; PDFs take about six times longer "
                               "(install it with apt-get install libharfbuzz-subset0)")
    # circulars first: the notices that enclose one then find it laid out
    outputs = plan.outputs()
    missing.sort(key=lambda key: outputs[key].folder != CIRCULARS)
    report.laid_out, report.sites_built = len(missing), len(sites)
    workers = max(1, min(jobs or len(os.sched_getaffinity(0)), len(missing) + len(sites)))
    with work_folder("shuchi-docs") as folder, \
            progress(len(missing) + len(sites), "documents and sites") as bar:
        if started is not None:
            state = early.hand_over(Path(folder), content, plan, cache)
            try:
                _in_pool(started, lambda name: partial(early.run, name, state), missing, sites, bar, publish,
                         verdicts)
            except BaseException:
                started.terminate()  # now, not when build_all lets go of them: they write into the work folder
                started.join()
                raise
            return
        from . import work

        work.prepare(content, plan, cache, Path(folder))
        if workers == 1:
            for key in missing:
                work.lay_out(key)
                bar.update(1)
            for slug in sites:
                publish(work.build_site(slug))
                bar.update(1)
            return
        # forked, so that workers start with the content and plan loaded; a Pool (not a ProcessPoolExecutor)
        # because leaving it on Ctrl-C or an error stops its workers at once, before the staging folder goes
        engine = plan.engine if sites else None
        with multiprocessing.get_context("fork").Pool(workers, work.prepare_worker, (engine,)) as pool:
            _in_pool(pool, lambda name: getattr(work, name), missing, sites, bar, publish, verdicts)


def _in_pool(pool: Pool, task: Callable[[str], Callable], missing: list[str], sites: list[str], bar: "tqdm",
             publish: Callable[[str], None], verdicts: Verdicts) -> None:
    """The work of :func:`_work` in ``pool``, whose worker functions (shuchi.build.work) ``task`` names."""
    for _ in pool.imap_unordered(task("lay_out"), missing):
        bar.update(1)
    for key in missing if sites else []:  # queued before the sites, so that publishing a site finds them read
        pool.apply_async(task("prescan"), (key,), callback=verdicts.add_all)
    for slug in pool.imap_unordered(task("build_site"), sites):
        publish(slug)
        bar.update(1)
