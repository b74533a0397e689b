"""Benchmark: what the print check adds to a build, against the layout it reads, in the same run.

    .venv/bin/python bench/printcheck.py [rounds]

Lays out every letter, circular and leaflet of the default content once (fonts warm), then times,
as the median of ``rounds`` (default 3), laying them all out and running the print check on them.
"""

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuchi.build.leaflets import distributor_for, enclosed_attachments  # noqa: E402
from shuchi.content import load_content  # noqa: E402
from shuchi.pdf.printcheck import check_document  # noqa: E402
from shuchi.pdf.typesetter import Typesetter  # noqa: E402
from shuchi.typeset.environment import environment  # noqa: E402
from shuchi.typeset.letter import circular_letter, notice_letter  # noqa: E402
from shuchi.typeset.pages import leaflet_html, letter_html  # noqa: E402


def pages_html() -> list[tuple[str, str, Path]]:
    """(name, print HTML, base folder) of every PDF a build of the default content writes."""
    content = load_content(ROOT / "content")
    env = environment()
    found = []
    for org in content.organisations.values():
        logo = content.logo_of(org)
        circulars = {notice.circular for notice in content.notices_of(org.slug)}
        letters = [circular_letter(content, content.circulars[c]) for c in sorted(circulars)]
        letters += [notice_letter(content, notice) for notice in content.notices_of(org.slug)]
        for letter in letters:
            found.append((letter.slug, letter_html(env, letter, logo=logo.resolve().as_uri(), media="print"),
                          logo.parent))
        for attachment in enclosed_attachments(content, org):
            html = leaflet_html(env, attachment, media="print", distributor=distributor_for(content, org, attachment),
                                logo=logo.resolve().as_uri())
            found.append((attachment.id, html, logo.parent))
    return found


def main(rounds: int) -> None:
    documents = pages_html()
    writer = Typesetter(ROOT)
    laid_out = [writer.document(html, base, name) for name, html, base in documents]  # warm
    layout, check = [], []
    for _ in range(rounds):
        started = time.perf_counter()
        laid_out = [writer.document(html, base, name) for name, html, base in documents]
        layout.append(time.perf_counter() - started)
        started = time.perf_counter()
        defects = [d for document in laid_out for d in check_document(document)]
        check.append(time.perf_counter() - started)
    pages = sum(len(d.pages) for d in laid_out)
    print(f"{len(documents)} documents, {pages} pages, {len(defects)} print defect(s)")
    print(f"layout       {statistics.median(layout):.2f} s")
    print(f"print check  {statistics.median(check):.2f} s  "
          f"({statistics.median(check) / statistics.median(layout):.0%} of the layout)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
