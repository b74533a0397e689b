"""The whole build: content → letters, leaflets and index pages → ``site/``, atomically."""

import multiprocessing
import os
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .content import Content, load_content
from .leaflets import write_organisation_leaflets
from .letters import write_organisation_letters
from .pdf import PdfWriter, check_fonts, harfbuzz_subset_available
from .progress import progress
from .publish import staged
from .render import environment
from .site import write_site, write_top_index


@dataclass
class BuildReport:
    """What a build wrote, for the one-line summary."""

    out: Path
    organisations: list[str] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    warnings: list[str] = field(default_factory=list)


def check_content(root: Path) -> Content:
    """Load and validate ``root/content``; raises ContentError with every problem."""
    return load_content(root / "content", display_root=root)


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
                with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                    results = []
                    for result in pool.map(build_organisation, [root] * len(slugs), slugs,
                                           [stage] * len(slugs), [Path(work)] * len(slugs)):
                        results.append(result)
                        bar.update(1)
        for slug, (documents, pages) in zip(slugs, results):
            report.organisations.append(slug)
            report.documents += documents
            report.pages += pages
        write_top_index(environment(root / "templates"), content, stage)
    return report


def build_organisation(root: Path, slug: str, stage: Path, work: Path) -> tuple[int, int]:
    """One organisation's letters and site into ``stage/<slug>``; returns (documents, PDF pages)."""
    content = check_content(root)
    env = environment(root / "templates")
    writer = PdfWriter([root / "content", root / "templates"])
    org = content.organisations[slug]
    docs = work / slug
    written = write_organisation_letters(writer, env, content, org, docs)
    leaflets = write_organisation_leaflets(writer, env, content, org, docs)
    write_site(env, content, org, written, docs, stage / slug)
    return len(written) + len(leaflets), sum(w.pages for w in [*written.values(), *leaflets.values()])
