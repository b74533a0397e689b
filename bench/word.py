#!/usr/bin/env python3
"""Benchmark of the Word letters: what `merge --docx` (and Word in the e-mails) costs against the same merge
without, in the same run, and the time to write one letter as Word.

    .venv/bin/python bench/word.py             # nichiyaku's 47-letter merge, three runs of each, alternating

It works on a copy of content/ in a temporary folder (with `mail_docx: true` in the copy only), after one
`make site` there, as a secretariat merges. Not a test: the figures depend on the machine and its load.
"""

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shuchi.build import build_all  # noqa: E402
from shuchi.content import load_content  # noqa: E402
from shuchi.docx import letter_docx  # noqa: E402
from shuchi.merge import mail_merge, newest_notice  # noqa: E402
from shuchi.typeset.letter import notice_letter  # noqa: E402

ORG = "nichiyaku"


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the merge's workers) so far."""
    return sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for field in ("ru_utime", "ru_stime"))


def per_letter(root: Path, count: int) -> float:
    """Seconds to write one letter as Word, over ``count`` letters of the newest notice (after a first one)."""
    content = load_content(root / "content")
    notice = newest_notice(content, ORG)
    logo = content.logo_of(content.organisations[ORG])
    letter_docx(notice_letter(content, notice), logo)
    started = time.perf_counter()
    for number in range(count):
        letter_docx(notice_letter(content, notice, addressee=f"第{number}薬剤師会 事務局長 殿"), logo)
    return (time.perf_counter() - started) / count


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=3, help="merge runs of each kind, alternating")
    args = options.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="shuchi-bench-word-") as folder:
        root = Path(folder)
        shutil.copytree(ROOT / "content", root / "content", ignore=shutil.ignore_patterns(".*.lock"))
        profile = root / "content" / "organisations" / f"{ORG}.yaml"
        build_all(root)
        print(f"one letter as Word: {per_letter(root, 20) * 1000:.0f} ms")
        plain: list[float] = []
        word: list[float] = []
        cpu = {"plain": 0.0, "word": 0.0}
        for run in range(args.runs):
            profile.write_text(profile.read_text(encoding="utf-8").replace("mail_docx: true\n", ""), encoding="utf-8")
            started = cpu_seconds()
            plain.append(mail_merge(root, ORG, root / "out" / f"plain-{run}").seconds)
            cpu["plain"] += cpu_seconds() - started
            profile.write_text(profile.read_text(encoding="utf-8") + "mail_docx: true\n", encoding="utf-8")
            started = cpu_seconds()
            word.append(mail_merge(root, ORG, root / "out" / f"word-{run}", docx=True).seconds)
            cpu["word"] += cpu_seconds() - started
        without, with_word = statistics.median(plain), statistics.median(word)
        print(f"merge of 47 letters: {' / '.join(f'{s:.2f}' for s in plain)} s; with --docx and Word in the e-mails: "
              f"{' / '.join(f'{s:.2f}' for s in word)} s; median ratio {with_word / without:.2f}×")
        print(f"CPU per merge: {cpu['plain'] / args.runs:.1f} s without Word, {cpu['word'] / args.runs:.1f} s with; "
              f"ratio {cpu['word'] / cpu['plain']:.2f}×")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
