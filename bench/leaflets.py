"""Benchmark: seconds to lay out and write each leaflet's PDF, fonts and glyph check warm.

    .venv/bin/python bench/leaflets.py [rounds]

Prints the median of ``rounds`` (default 3) for every leaflet, and the total.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuchi.build.leaflets import write_leaflet  # noqa: E402
from shuchi.content import load_content  # noqa: E402
from shuchi.pdf.typesetter import Typesetter  # noqa: E402
from shuchi.typeset.environment import environment  # noqa: E402


def main(rounds: int) -> None:
    content = load_content(ROOT / "content")
    env = environment()
    writer = Typesetter(ROOT)
    logo = ROOT / "content" / "organisations" / "logos" / "itea.svg"
    attachments = sorted(content.attachments.values(), key=lambda a: a.id)
    with tempfile.TemporaryDirectory() as folder:
        write_leaflet(writer, env, attachments[0], Path(folder), None, logo)  # warm: fonts, glyph table
        total = 0.0
        for attachment in attachments:
            times = []
            for _ in range(rounds):
                started = time.perf_counter()
                written = write_leaflet(writer, env, attachment, Path(folder), None, logo)
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            total += median
            print(f"{attachment.id:20} {written.pages} pages  {median:.2f} s")
    print(f"{'all':20}          {total:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
