"""Worker processes: they die with the build that started it, and report progress on a terminal.

No orphans: the processes a build starts die with it.

A build killed outright (``kill -9``, a power cut of the terminal) cannot stop its
workers, nor the tools they run (Pagefind); they would go on writing into a staging
folder that the next build removes, and leave parts of it behind. Linux can send a
process a signal when its parent dies (prctl ``PR_SET_PDEATHSIG``, kept across exec):
every worker and every tool a worker runs asks for SIGKILL.
"""

import ctypes
import ctypes.util
import signal
import sys

from tqdm import tqdm

PR_SET_PDEATHSIG = 1
"""prctl(2): the signal a process gets when its parent dies."""


def die_with_parent() -> None:
    """Make the calling process get SIGKILL when its parent dies (a no-op where Linux's prctl is missing)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    prctl = getattr(libc, "prctl", None)
    if prctl is not None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

def become_worker() -> None:
    """What every worker process of a build or a merge does first: leave Ctrl-C to the command that started it
    (which stops its workers at once), end quietly on SIGTERM (a forked worker inherits the command line's
    handler, which turns SIGTERM into an interrupted build with its messages), and die with its parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    die_with_parent()


def progress(total: int, what: str) -> tqdm:
    """A tqdm bar on stderr counting ``total`` ``what`` (e.g. letters); silent unless stderr is a terminal."""
    return tqdm(total=total, unit=f" {what}", desc=what, file=sys.stderr, disable=not sys.stderr.isatty(),
                leave=False, dynamic_ncols=True)
