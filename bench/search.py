"""Benchmark: seconds to index one built site for search, against Pagefind alone on the same pages.

    .venv/bin/python bench/search.py [rounds]

Builds the default content once into a temporary folder, then, ``rounds`` times (default 3), indexes
each organisation's site both ways: Pagefind's extended build run directly on the built pages (the
baseline, as before issue 13) and shuchi's index (normalisation, Sudachi readings, one record per
page, Pagefind). Prints the medians, their ratio and the index sizes. Not a test: the figures depend
on the machine and on what else runs on it (the load average is printed with them).
"""

import os
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
from shuchi.build.search import index_site  # noqa: E402
from shuchi.typeset.environment import environment  # noqa: E402


def size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def pagefind_alone(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "pagefind_bin_extended", "--site", str(site)], check=True,
                   capture_output=True)


def main(rounds: int) -> None:
    env = environment()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "site"
        build_all(ROOT, out)
        sites = sorted(p.parent for p in out.glob("*/pagefind"))
        timings: dict[str, list[float]] = {"Pagefind alone": [], "shuchi's index": []}
        sizes = {}
        for _ in range(rounds):
            for name, index in (("Pagefind alone", pagefind_alone), ("shuchi's index", lambda s: index_site(env, s))):
                start = time.perf_counter()
                for site in sites:
                    shutil.rmtree(site / "pagefind")
                    index(site)
                timings[name].append(time.perf_counter() - start)
                sizes[name] = sum(size(site / "pagefind") for site in sites)
    print(f"{len(sites)} sites, median of {rounds}, load average {os.getloadavg()[0]:.1f}")
    for name, seconds in timings.items():
        print(f"  {name:16} {statistics.median(seconds):6.2f} s   index {sizes[name] / 1e6:5.2f} MB")
    ratio = statistics.median(timings["shuchi's index"]) / statistics.median(timings["Pagefind alone"])
    print(f"  ratio {ratio:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
