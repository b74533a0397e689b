#!/usr/bin/env python3
"""What tagged PDF/A and PDF/UA cost: build and merge times of this checkout against a baseline, in one run.

    .venv/bin/python bench/archival.py                    # against main (untagged PDFs before issue 11)
    .venv/bin/python bench/archival.py --baseline REV --runs 3

The baseline is checked out with ``git worktree add`` into a temporary folder and run with the same
Python. Runs alternate (baseline, this, baseline, this …) so that a change in the machine's load
falls on both. Wall time is what ``build.py`` itself reports (start-up of Python left out); CPU time
is the command's and its workers' (start-up included), which moves less with the machine's load.
Not a test: the figures depend on the machine and on what else runs on it (load average printed).
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORG = "nichiyaku"
SECONDS = re.compile(r" in ([\d.]+) s\b")


def cpu_of_children() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def run(checkout: Path, project: Path, *args: str) -> tuple[float, float]:
    """Seconds that ``build.py`` of ``checkout`` reports for one command on ``project``, and the CPU seconds
    it and its workers used (less sensitive to what else runs on the machine)."""
    cpu = cpu_of_children()
    done = subprocess.run([sys.executable, str(checkout / "build.py"), "--root", str(project), *args],
                          capture_output=True, text=True, cwd=checkout)
    if done.returncode != 0:
        sys.exit(f"{checkout.name}: build.py {' '.join(args)} failed:\n{done.stderr}")
    found = SECONDS.search(done.stdout)
    if not found:
        sys.exit(f"{checkout.name}: build.py {' '.join(args)} did not say how long it took:\n{done.stdout}")
    return float(found[1]), cpu_of_children() - cpu


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--baseline", default="main", help="git revision to compare with (default: main)")
    options.add_argument("--runs", type=int, default=2, help="runs of each command per checkout (median reported)")
    args = options.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    with tempfile.TemporaryDirectory(prefix="shuchi-bench-archival-") as folder:
        base = Path(folder) / "baseline"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(base), args.baseline],
                       check=True)
        try:
            checkouts = {"baseline": base, "tagged": ROOT}
            projects = {}
            for name in checkouts:
                projects[name] = Path(folder) / f"project-{name}"
                shutil.copytree(checkouts[name] / "content", projects[name] / "content",
                                ignore=shutil.ignore_patterns(".*.lock"))  # each checkout with the content it checks
            times: dict[tuple[str, str], list[tuple[float, float]]] = {}
            for _ in range(args.runs):
                for name, checkout in checkouts.items():
                    project = projects[name]
                    times.setdefault((name, "build"), []).append(run(checkout, project, "build"))
                    times.setdefault((name, "merge"), []).append(
                        run(checkout, project, "merge", "--org", ORG, "--out", str(project / "merged")))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=True)
    print(f"{'':14} {'baseline (' + args.baseline + ')':>28} {'tagged PDF/A + PDF/UA':>28} {'ratio':>7}")
    for command in ("build", "merge"):
        for what, index in (("wall", 0), ("CPU", 1)):
            runs = [[run[index] for run in times[(name, command)]] for name in checkouts]
            before, after = (statistics.median(values) for values in runs)
            shown = [" / ".join(f"{s:.1f}" for s in values) for values in runs]
            print(f"{command + ' ' + what:14} {before:7.1f} s ({shown[0]:>18}) {after:7.1f} s ({shown[1]:>18}) "
                  f"{after / before:6.2f}×")
    print("build: `build.py build`, all organisations (letters, circulars, leaflets, site); "
          f"merge: `build.py merge --org {ORG}` after it (47 letters, e-mails, combined PDF)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
