#!/usr/bin/env python3
"""Benchmark of the mail merge against plain WeasyPrint, one document per letter, in the same run.

    .venv/bin/python bench/merge.py                  # the default 47-letter merge of nichiyaku
    .venv/bin/python bench/merge.py --large 2000     # also time and peak memory of a 2,000-recipient merge

Prints pages per second for both and their ratio. It works on a copy of content/ in a temporary
folder, so the repository's 文書番号台帳 is never touched. Not a test: the figures depend on the
machine and on what else runs on it (the load average is printed with them).
"""

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import HTML  # noqa: E402

from shuchi.build import build_all  # noqa: E402
from shuchi.content import load_content  # noqa: E402
from shuchi.merge import mail_merge, newest_notice  # noqa: E402
from shuchi.typeset.environment import environment  # noqa: E402
from shuchi.typeset.letter import notice_letter  # noqa: E402
from shuchi.typeset.pages import letter_html  # noqa: E402

ORG = "nichiyaku"


def copy_project(folder: Path) -> Path:
    shutil.copytree(ROOT / "content", folder / "content", ignore=shutil.ignore_patterns(".*.lock"))
    return folder


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the merge's workers) so far."""
    return sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
               for field in ("ru_utime", "ru_stime"))


def time_merge(root: Path, runs: int, jobs: int | None) -> tuple[list[float], float, int]:
    """Seconds of each merge run (the whole ``merge()``: content, letters, e-mails, combined PDF), CPU seconds
    of one run on average, and its pages."""
    seconds, pages = [], 0
    cpu = cpu_seconds()
    for _ in range(runs):
        report = mail_merge(root, ORG, root / "merged" / str(len(seconds)), jobs=jobs)
        seconds.append(report.seconds)
        pages = report.pages
    return seconds, (cpu_seconds() - cpu) / runs, pages


def time_plain(root: Path, letters: int) -> tuple[float, float, int]:
    """The same letters as plain WeasyPrint does them: one HTML document, one PDF per recipient, one process.
    Returns wall seconds, CPU seconds and pages."""
    content = load_content(root / "content", root)
    notice = newest_notice(content, ORG)
    org = content.organisations[ORG]
    logo = root / "content" / "organisations" / org.logo
    env = environment()
    started, cpu, pages = time.perf_counter(), cpu_seconds(), 0
    for recipient in content.recipients[ORG][:letters]:
        html = letter_html(env, notice_letter(content, notice, addressee=recipient.line), logo=logo.as_uri(),
                           media="print")
        document = HTML(string=html, base_url=str(logo.parent)).render()
        document.write_pdf()
        pages += len(document.pages)
    return time.perf_counter() - started, cpu_seconds() - cpu, pages


def without_email(root: Path) -> Path:
    """The organisation's recipient list with every e-mail address left out: the merge writes letters only."""
    source = root / "content" / "recipients" / f"{ORG}.csv"
    lines = source.read_text(encoding="utf-8-sig").splitlines()
    target = root / "letters-only.csv"
    target.write_text("\n".join(line.rsplit(",", 1)[0] + "," for line in lines) + "\n", encoding="utf-8")
    return target


def time_letters_only(root: Path, jobs: int | None) -> tuple[float, float, int]:
    """The merge writing letters only (no e-mails): wall seconds, CPU seconds, pages."""
    cpu = cpu_seconds()
    report = mail_merge(root, ORG, root / "merged" / "letters-only", recipients_file=without_email(root), jobs=jobs)
    return report.seconds, cpu_seconds() - cpu, report.pages


def typst_inputs(root: Path) -> list[dict[str, str]]:
    """The notice's letter, one per recipient, as text fields for bench/letter.typ (the same words the merge sets)."""
    from shuchi.typeset.markdown import plain

    content = load_content(root / "content", root)
    notice = newest_notice(content, ORG)
    inputs = []
    for index, recipient in enumerate(content.recipients[ORG]):
        letter = notice_letter(content, notice, number=index + 1, addressee=recipient.line)
        body = [letter.greeting, plain(letter.intro, letter.issued)]
        sections = list(letter.sections)
        while sections:
            section = sections.pop(0)
            body.append(f"{section.number}{section.heading}　{plain(section.body, letter.issued)}")
            sections[:0] = section.children
        ki = [f"{entry.number}{entry.label}　{plain(entry.text, letter.issued)}　{'　'.join(entry.enclosures)}"
              for entry in letter.ki] + letter.enclosures
        inputs.append({"number": letter.number_line, "date": letter.date_line, "addressee": letter.addressee,
                       "sender": "\n".join(letter.sender), "title": letter.title, "body": "\n\n".join(body),
                       "ki": "\n\n".join(ki)})
    return inputs


def time_typst(root: Path) -> tuple[float, float, int]:
    """Typst (the `typst` PyPI package) with one reused compiler, the same letter per recipient:
    wall seconds, CPU seconds, pages."""
    import typst
    from pypdf import PdfReader

    inputs = typst_inputs(root)
    fonts = ["/usr/share/fonts/truetype/bizud-mincho", "/usr/share/fonts/opentype/noto"]
    started, cpu, pages = time.perf_counter(), cpu_seconds(), 0
    compiler = typst.Compiler(str(ROOT / "bench" / "letter.typ"), font_paths=fonts)
    for fields in inputs:
        pdf = compiler.compile(sys_inputs=fields)
        pages += len(PdfReader(io.BytesIO(pdf)).pages) if isinstance(pdf, bytes) else 0
    return time.perf_counter() - started, cpu_seconds() - cpu, pages


def large_list(path: Path, count: int) -> None:
    """``count`` recipients: the 47 associations' branches (支部), each with its own example.jp address."""
    content = load_content(ROOT / "content", ROOT)
    prefectures = [r.organisation for r in content.recipients[ORG]]
    rows = ["団体名,役職,氏名,敬称,メールアドレス"]
    for index in range(count):
        rows.append(f"{prefectures[index % 47]} 第{index // 47 + 1}支部,事務局長,,殿,branch{index + 1}@example.jp")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def tree_rss(pid: int) -> int:
    """Resident memory of a process and all its descendants, in bytes (shared pages counted in each)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(parent, []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(parents.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def measure_large(root: Path, count: int, jobs: int | None) -> None:
    """Run ``build.py merge`` on ``count`` recipients as a separate process and watch its memory."""
    listing = root / "large.csv"
    large_list(listing, count)
    command = [sys.executable, str(ROOT / "build.py"), "--root", str(root), "merge", "--org", ORG,
               "--recipients", str(listing), "--out", str(root / "out-large")]
    if jobs:
        command += ["--jobs", str(jobs)]
    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()

    def watch():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(process.pid))
            stop.wait(0.2)

    watcher = threading.Thread(target=watch)
    watcher.start()
    stdout, stderr = process.communicate()
    stop.set()
    watcher.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"the {count}-recipient merge failed:\n{stderr}")
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(f"{count}-recipient merge: {seconds:.1f} s wall incl. start-up; {stdout.strip()}")
    print(f"  peak memory: {peak / 2**20:.0f} MiB for the merge and its workers together (sampled every 0.2 s), "
          f"{largest / 2**20:.0f} MiB for the largest single process (getrusage RUSAGE_CHILDREN)")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--runs", type=int, default=2,
                         help="merge runs before and after the plain run (the median of all is reported)")
    options.add_argument("--plain-letters", type=int, default=47, help="letters to time with plain WeasyPrint")
    options.add_argument("--jobs", type=int, help="worker processes for the merge (default: every core)")
    options.add_argument("--large", type=int, metavar="N", help="also merge N recipients and report peak memory")
    args = options.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="shuchi-bench-") as folder:
        root = copy_project(Path(folder))
        unbuilt, cpu_unbuilt, pages = time_merge(root, args.runs, args.jobs)
        print(f"merge before any `make site` (the 6 leaflets laid out too): "
              f"{' / '.join(f'{s:.2f}' for s in unbuilt)} s → {pages / statistics.median(unbuilt):.1f} pages/s; "
              f"{cpu_unbuilt / pages * 1000:.0f} ms CPU per page")
        build_all(root)  # as a secretariat does: `make site`, then merge; the e-mails take its leaflets
        # merge runs before and after the plain run, so that a change in the machine's load falls on both
        before, cpu_before, pages = time_merge(root, args.runs, args.jobs)
        plain_seconds, plain_cpu, plain_pages = time_plain(root, args.plain_letters)
        after, cpu_after, _ = time_merge(root, args.runs, args.jobs)
        seconds = before + after
        merged = pages / statistics.median(seconds)
        merged_cpu = (cpu_before + cpu_after) / 2
        plain = plain_pages / plain_seconds
        print(f"merge after `make site`, {pages} pages (47 letters, 47 e-mails with 8 PDFs, combined PDF): "
              f"{' / '.join(f'{s:.2f}' for s in seconds)} s → {merged:.1f} pages/s (median); "
              f"{merged_cpu / pages * 1000:.0f} ms CPU per page")
        print(f"plain WeasyPrint, one document per letter, {args.plain_letters} letters ({plain_pages} pages): "
              f"{plain_seconds:.2f} s → {plain:.1f} pages/s; {plain_cpu / plain_pages * 1000:.0f} ms CPU per page")
        print(f"merge / plain: {merged / plain:.1f}× in pages/s ({(plain_cpu / plain_pages) / (merged_cpu / pages):.1f}× "
              f"less CPU per page)")
        letters, letters_cpu, letters_pages = time_letters_only(root, args.jobs)
        typst_seconds, typst_cpu, typst_pages = time_typst(root)
        ours, theirs = letters_pages / letters, typst_pages / typst_seconds
        print(f"merge, letters only (no e-mails), {letters_pages} pages: {letters:.2f} s → {ours:.1f} pages/s; "
              f"{letters_cpu / letters_pages * 1000:.0f} ms CPU per page")
        print(f"Typst {version('typst')}, one reused compiler, the same letter per recipient ({typst_pages} pages): "
              f"{typst_seconds:.2f} s → {theirs:.1f} pages/s; {typst_cpu / typst_pages * 1000:.0f} ms CPU per page")
        count = len(typst_inputs(root))
        print(f"merge (letters only) / Typst reused: {ours / theirs:.2f}× in pages/s, "
              f"{(typst_cpu / typst_pages) / (letters_cpu / letters_pages):.2f}× in CPU per page, "
              f"{typst_seconds / letters:.2f}× in letters/s ({count} letters each; Typst sets the letter on "
              f"{typst_pages / count:.0f} pages, WeasyPrint on {letters_pages / count:.0f})")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        if args.large:
            measure_large(root, args.large, args.jobs)


if __name__ == "__main__":
    main()
