#!/usr/bin/env python3
"""Benchmark of the incremental build, as ratios to a clean build measured in the same run.

    .venv/bin/python bench/build.py               # clean, no-op, one word, 30 organisations
    .venv/bin/python bench/build.py --orgs 0      # without the 30-organisation build (the slow part)

Every build runs as `make site` runs it (``python build.py`` in a new process, so interpreter start and
imports count) on a copy of content/ in a temporary folder. Measured: wall seconds and CPU seconds (of
the build and its workers). Also the imports of ``build.py --help`` and ``build.py check`` (python -X
importtime): whether they load WeasyPrint or MkDocs, and how long importing takes. Not a test: the
figures depend on the machine and on what else runs on it (the load average is printed with them).
"""

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTICE = "notices/nichiyaku-2024-08-08.yaml"


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(root: Path, *args: str, code: Path = ROOT) -> tuple[float, float, str]:
    """One ``build.py`` run (of the checkout ``code``): wall seconds, CPU seconds, what it printed."""
    cpu, started = cpu_of_children(), time.perf_counter()
    done = subprocess.run([sys.executable, str(code / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"build.py {' '.join(args)} failed:\n{done.stderr}")
    return wall, cpu_of_children() - cpu, done.stdout.strip()


def checkout(ref: str, folder: Path) -> Path:
    """shuchi as it is at git ``ref`` (its build.py and package), to measure today's build beside this one."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "build.py", "shuchi"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def copy_project(folder: Path) -> Path:
    shutil.copytree(ROOT / "content", folder / "content", ignore=shutil.ignore_patterns(".*.lock"))
    return folder


def many_organisations(root: Path, count: int) -> None:
    """``count`` organisations: the three of content/ copied over and over (new slug, name, notices)."""
    content = root / "content"
    originals = sorted(p.stem for p in (content / "organisations").glob("*.yaml"))
    copy = 0
    while len(list((content / "organisations").glob("*.yaml"))) < count:
        copy += 1
        for slug in originals:
            if len(list((content / "organisations").glob("*.yaml"))) >= count:
                break
            new = f"{slug}{copy}"
            text = (content / "organisations" / f"{slug}.yaml").read_text(encoding="utf-8")
            text = re.sub(rf"^slug: {slug}$", f"slug: {new}", text, flags=re.M)
            text = re.sub(r"^(name: .*)$", rf"\g<1>（第{copy}）", text, count=1, flags=re.M)
            (content / "organisations" / f"{new}.yaml").write_text(text, encoding="utf-8")
            own = content / "organisations" / slug / "templates"
            if own.is_dir():
                shutil.copytree(own, content / "organisations" / new / "templates")
            for notice in sorted((content / "notices").glob(f"{slug}-*.yaml")):
                if not re.fullmatch(rf"{slug}-(members-)?\d{{4}}-\d\d-\d\d", notice.stem):
                    continue
                text = notice.read_text(encoding="utf-8")
                stem = notice.stem.replace(slug, new, 1)
                text = re.sub(rf"^id: {notice.stem}$", f"id: {stem}", text, flags=re.M)
                text = re.sub(rf"^organisation: {slug}$", f"organisation: {new}", text, flags=re.M)
                (content / "notices" / f"{stem}.yaml").write_text(text, encoding="utf-8")


def imports(*args: str) -> tuple[float, list[str]]:
    """Seconds ``build.py`` spends importing for ``args``, and which heavy libraries it imports."""
    done = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "build.py"), "--root", str(ROOT), *args],
                          capture_output=True, text=True)
    total, heavy = 0, []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if len(name) - len(name.lstrip()) == 1:  # a top-level import: its cumulative time counts once
                total += int(parts[1])
            if name.strip() in ("weasyprint", "mkdocs", "pypdf", "pydantic", "jinja2"):
                heavy.append(name.strip())
    return total / 1e6, heavy


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--orgs", type=int, default=30, help="organisations of the many-organisation build (0: skip)")
    options.add_argument("--baseline", default="main", metavar="REF",
                         help="git ref of today's build, for the per-organisation cost (default: main; '' to skip)")
    args = options.parse_args()
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}, {os.cpu_count()} cores")
    for what in (["--help"], ["check"]):
        seconds, heavy = imports(*what)
        print(f"build.py {what[0]}: imports take {seconds:.2f} s; loads {', '.join(heavy) or 'none of the heavy ones'} "
              f"(of weasyprint, mkdocs, pypdf, pydantic, jinja2)")
    with tempfile.TemporaryDirectory(prefix="shuchi-bench-") as folder:
        today_cpu = None
        if args.baseline:
            today = checkout(args.baseline, Path(folder) / "today")
            wall, today_cpu, said = run(copy_project(Path(folder) / "baseline"), code=today)
            print(f"today's build ({args.baseline}), clean, 3 organisations: {wall:.1f} s wall, {today_cpu:.1f} s CPU "
                  f"= {today_cpu / 3:.2f} s CPU per organisation  [{said}]")
        root = copy_project(Path(folder) / "three")
        clean, clean_cpu, said = run(root)
        print(f"clean build, 3 organisations: {clean:.1f} s wall, {clean_cpu:.1f} s CPU  [{said}]")
        noop, noop_cpu, said = run(root)
        print(f"no-op build:                  {noop:.2f} s wall, {noop_cpu:.2f} s CPU  = {noop / clean:.3f} × clean "
              f"(wall), {noop_cpu / clean_cpu:.3f} × clean (CPU)  [{said}]")
        notice = root / "content" / NOTICE
        text = notice.read_text(encoding="utf-8")
        assert "厚く御礼" in text
        notice.write_text(text.replace("厚く御礼", "心より厚く御礼", 1), encoding="utf-8")
        word, word_cpu, said = run(root)
        print(f"one word in one notice:       {word:.2f} s wall, {word_cpu:.2f} s CPU  = {word / clean:.3f} × clean "
              f"(wall), {word_cpu / clean_cpu:.3f} × clean (CPU)  [{said}]")
        if args.orgs:
            many = copy_project(Path(folder) / "many")
            many_organisations(many, args.orgs)
            wall, cpu, said = run(many)
            per, per_clean = cpu / args.orgs, clean_cpu / 3
            print(f"clean build, {args.orgs} organisations: {wall:.1f} s wall, {cpu:.1f} s CPU  [{said}]")
            print(f"  per organisation: {wall / args.orgs:.2f} s wall, {per:.2f} s CPU = {per / per_clean:.3f} × the "
                  f"per-organisation CPU of the clean 3-organisation build ({per_clean:.2f} s), "
                  f"{(wall / args.orgs) / (clean / 3):.3f} × its wall time")
            if today_cpu:
                print(f"  = {per / (today_cpu / 3):.3f} × today's per-organisation CPU ({today_cpu / 3:.2f} s, "
                      f"{args.baseline})")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
