"""Benchmark: what the last check before publishing costs, against the build it guards, in the same run.

    .venv/bin/python bench/safety.py [rounds]

Builds the default content once (all organisations, as `make site`), then times ``rounds`` (default 3) runs of
the published-page check (reader's parser, CSS, personal numbers in pages, PDFs and names) over a copy of the
built site, and of `check` with and without the chapter and glyph checks' share. Prints medians and ratios.
"""

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuchi.build import build_all  # noqa: E402
from shuchi.content.check import check_content  # noqa: E402
from shuchi.safety.published import check_published, pages_of  # noqa: E402


def main(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        started = time.perf_counter()
        build_all(ROOT, site)
        built = time.perf_counter() - started
        checks, files = [], 0
        for _ in range(rounds):
            copy = Path(folder) / "copy"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(site, copy)
            started = time.perf_counter()
            for organisation in sorted(p for p in copy.iterdir() if p.is_dir()):
                pages = pages_of(organisation)
                files += len(pages)
                check_published(copy, pages, ROOT / "content")
            check_published(copy, [copy / "index.html"], ROOT / "content")
            checks.append(time.perf_counter() - started)
        contents = []
        for _ in range(rounds):
            started = time.perf_counter()
            check_content(ROOT)
            contents.append(time.perf_counter() - started)
    check = statistics.median(checks)
    print(f"build (all organisations, includes one check):  {built:6.1f} s")
    print(f"published-page check alone ({files // rounds} files): {check:6.2f} s  = {check / built:.1%} of the build")
    print(f"content check (`check`):                         {statistics.median(contents):6.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
