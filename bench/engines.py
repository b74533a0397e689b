"""Benchmark: seconds for MkDocs + Material and for Zensical to build the same generated site.

    .venv/bin/python bench/engines.py [rounds] [organisation]

Builds one organisation once (its letters and leaflets laid out into the build cache), generates
its project from the cache (pages, letters, leaflets, both configurations) as a build does,
then builds it with each engine in turn, ``rounds`` times (default 5), as shuchi calls it
(MkDocs inside the build's process, so warm after its first site; Zensical in a process of its
own, its cache removed), and MkDocs also in a process of its own, to compare like with like.
Prints each median and its ratio to MkDocs' as shuchi calls it, measured in the same run.
The Pagefind index, the same for both, is left out.
"""

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuchi.build import build_all  # noqa: E402
from shuchi.build.cache import cache_for, copy_into  # noqa: E402
from shuchi.build.engine import ENGINES, build_with  # noqa: E402
from shuchi.build.fingerprint import toolchain  # noqa: E402
from shuchi.build.plan import plan_build  # noqa: E402
from shuchi.build.site import project_config, write_project  # noqa: E402
from shuchi.content.check import check_content  # noqa: E402
from shuchi.typeset.environment import environment  # noqa: E402
from shuchi.typeset.sandbox import organisation_environment  # noqa: E402

OWN_PROCESS = "mkdocs (own process)"


def main(rounds: int, slug: str) -> None:
    content = check_content(ROOT)
    org = content.organisations[slug]
    with tempfile.TemporaryDirectory(prefix="shuchi-bench-") as folder:
        work, site = Path(folder) / "work", Path(folder) / "site"
        build_all(ROOT, site, organisations=[slug])
        cache, plan = cache_for(site), plan_build(content, toolchain(), [slug]).organisations[slug]
        docs = work / "docs"
        for output in plan.documents_out:
            copy_into(cache.path(output.key), docs / output.folder)
        (docs / "logo.svg").write_bytes(plan.logo.read_bytes())
        pages = {output.name: cache.pages(output.key) for output in plan.documents_out}
        env = environment()
        write_project(env, plan, pages, docs, Path(folder) / "unused", organisation_environment(env, content.root, slug))
        times: dict[str, list[float]] = {name: [] for name in (*ENGINES, OWN_PROCESS)}
        for number in range(rounds):
            for name in times:  # interleaved, so a busy moment of the machine falls on each
                out = Path(folder) / f"{name}-{number}"
                shutil.rmtree(work / ".cache", ignore_errors=True)
                started = time.perf_counter()
                if name == OWN_PROCESS:
                    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                                    str(project_config(docs, org, "mkdocs")), "-d", str(out)], check=True)
                else:
                    build_with(name, project_config(docs, org, name), out)
                times[name].append(time.perf_counter() - started)
        pages = {name: sum(1 for _ in (Path(folder) / f"{name}-0").rglob("*.html")) for name in times}
        medians = {name: statistics.median(found) for name, found in times.items()}
        print(f"{slug}: median of {rounds} builds of the same generated project")
        for name, median in medians.items():
            print(f"  {name:24} {median:.2f} s  ({median / medians['mkdocs']:.2f} x MkDocs, {pages[name]} HTML files)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5, sys.argv[2] if len(sys.argv) > 2 else "zenjukyo")
