"""The whole build: content → letters, leaflets and index pages → ``site/``, atomically."""

from dataclasses import dataclass, field
from pathlib import Path

from .content import Content, load_content
from .leaflets import write_organisation_leaflets
from .letters import write_organisation_letters
from .pdf import PdfWriter, check_fonts, harfbuzz_subset_available
from .publish import staged
from .render import environment
from .site import write_index_pages, write_top_index


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


def build_all(root: Path, out: Path | None = None) -> BuildReport:
    """Build every organisation's output into ``out`` (default ``root/site``), replacing it only on success."""
    content = check_content(root)
    check_fonts()
    report = BuildReport(out=out or root / "site")
    report.warnings.extend(str(w) for w in content.warnings)
    if not harfbuzz_subset_available():
        report.warnings.append("warning: libharfbuzz-subset0 is not installed; PDFs take about six times longer "
                               "(install it with apt-get install libharfbuzz-subset0)")
    env = environment(root / "templates")
    writer = PdfWriter([root / "content", root / "templates"])
    shared_leaflets = {}
    with staged(report.out) as stage:
        for slug, org in sorted(content.organisations.items()):
            written = write_organisation_letters(writer, env, content, org, stage / slug)
            leaflets = write_organisation_leaflets(writer, env, content, org, stage / slug, shared_leaflets)
            write_index_pages(env, content, org, written, stage / slug)
            report.organisations.append(slug)
            report.documents += len(written) + len(leaflets)
            report.pages += sum(w.pages for w in [*written.values(), *leaflets.values()])
        write_top_index(env, content, stage)
    return report
