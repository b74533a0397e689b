"""The whole build: content → letters, leaflets and index pages → ``site/``, atomically."""

import multiprocessing
import os
import signal
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..content.check import check_content
from ..pdf.printcheck import Defect, defects_by_file
from ..pdf.typesetter import Typesetter, check_fonts, harfbuzz_subset_available
from ..processes import die_with_parent, progress
from ..publish import staged
from ..typeset.environment import environment
from ..typeset.sandbox import organisation_environment
from .leaflets import write_organisation_leaflets
from .letters import write_organisation_letters
from .site import write_site, write_top_index


@dataclass
class BuildReport:
    """What a build wrote, for the one-line summary."""

    out: Path
    organisations: list[str] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    print_checked: int = 0
    """How many laid-out documents the print check read."""
    misprints: list[tuple[str, Defect]] = field(default_factory=list)
    """What the print check found on the PDFs' pages, by PDF (``<org>/letters/<id>.pdf``; see shuchi.pdf.printcheck)."""


@dataclass(frozen=True)
class OrganisationBuilt:
    """What one organisation's build wrote, the addresses its PDFs were refused (document, URL), and the
    print check's findings by PDF (its path inside the organisation's folder)."""

    documents: int
    pages: int
    refused: list[tuple[str, str]]
    misprints: list[tuple[str, Defect]] = field(default_factory=list)
    print_checked: int = 0


def build_all(root: Path, out: Path | None = None, jobs: int | None = None) -> BuildReport:
    """Build every organisation's output into ``out`` (default ``root/site``), replacing it only on success.

    Organisations are built side by side, one per core (``jobs``, default all cores).
    """
    root = root.resolve()
    content = check_content(root)
    check_fonts()
    report = BuildReport(out=out or root / "site")
    report.warnings.extend(str(w) for w in content.warnings)
    if not harfbuzz_subset_available():
        report.warnings.append("warning: libharfbuzz-subset0 is not installed; PDFs take about six times longer "
                               "(install it with apt-get install libharfbuzz-subset0)")
    slugs = sorted(content.organisations)
    workers = max(1, min(jobs or os.cpu_count() or 1, len(slugs)))
    with staged(report.out) as stage, tempfile.TemporaryDirectory(prefix="shuchi-docs-") as work:
        with progress(len(slugs), "organisations") as bar:
            if workers == 1:
                results = [build_organisation(root, slug, stage, Path(work)) for slug in slugs]
                bar.update(len(slugs))
            else:
                # a Pool (not a ProcessPoolExecutor) because leaving it on Ctrl-C or an error stops its
                # workers at once, before the staging folder they write into is removed
                with multiprocessing.get_context("spawn").Pool(workers, initializer=prepare_worker) as pool:
                    results = []
                    for result in pool.imap(build_one, [(root, slug, stage, Path(work)) for slug in slugs]):
                        results.append(result)
                        bar.update(1)
        for slug, built in zip(slugs, results):
            report.organisations.append(slug)
            report.documents += built.documents
            report.pages += built.pages
            report.warnings.extend(f"warning: {name}: {url[:100]} was not embedded (only files in content/ and "
                                   f"shuchi's own templates can be)" for name, url in dict.fromkeys(built.refused))
            report.misprints.extend((f"{slug}/{pdf}", defect) for pdf, defect in built.misprints)
            report.print_checked += built.print_checked
        write_top_index(environment(), content, stage)
    return report


def prepare_worker() -> None:
    """A worker leaves Ctrl-C to the build that started it (which then stops it at once), and dies with
    that build when it is killed outright (see shuchi.orphans)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()


def build_one(arguments: tuple[Path, str, Path, Path]) -> OrganisationBuilt:
    """:func:`build_organisation` with its arguments in one tuple, as ``Pool.imap`` passes them."""
    return build_organisation(*arguments)


def build_organisation(root: Path, slug: str, stage: Path, work: Path) -> OrganisationBuilt:
    """One organisation's letters and site into ``stage/<slug>``."""
    content = check_content(root)
    env = environment()
    own_env = organisation_environment(env, content.root, slug)
    writer = Typesetter(root, check_print=True)
    org = content.organisations[slug]
    docs = work / slug
    written = write_organisation_letters(writer, env, content, org, docs, own_env)
    leaflets = write_organisation_leaflets(writer, env, content, org, docs)
    write_site(env, content, org, written, docs, stage / slug, own_env)
    files = [*written.items(), *leaflets.items()]
    misprints = defects_by_file(writer.printed or [], [(name, str(w.pdf.relative_to(docs))) for name, w in files])
    return OrganisationBuilt(len(files), sum(w.pages for _, w in files), writer.fetcher.refused, misprints,
                             len(writer.printed or []))
