"""Workers started early (先行起動): when the content changed since ``site/`` was built, the build's worker processes
are forked before the content is loaded, and import WeasyPrint and the Word writer (about half a second) while the
build loads and checks the content and works out the plan on the other core. The workers get that plan from a file
(:func:`hand_over`) with their first task, instead of inheriting it as workers forked later do (shuchi.build.work).

This module imports nothing heavy: the build's own process never imports WeasyPrint when its workers start early.
"""

import contextlib
import multiprocessing
import os
import pickle
import warnings
from collections.abc import Iterator
from multiprocessing.pool import Pool
from pathlib import Path
from typing import TYPE_CHECKING

from ..processes import become_worker

if TYPE_CHECKING:
    from ..content import Content
    from .cache import Cache
    from .plan import BuildPlan

STATE = "plan.pickle"
"""The file in the build's work folder that hands the content and plan over to workers started early."""

_adopted: Path | None = None
"""The hand-over this worker took its content and plan from."""


@contextlib.contextmanager
def workers(start: bool, engine: str, jobs: int | None) -> Iterator[Pool | None]:
    """A pool of ``jobs`` workers (default: one per core) started now, when ``start``; None otherwise. Leaving
    stops them at once (as a build stopped by Ctrl-C or an error must)."""
    count = jobs or len(os.sched_getaffinity(0))
    if not start or count < 2:
        yield None
        return
    with multiprocessing.get_context("fork").Pool(count, _warm, (engine,)) as pool:
        yield pool


def _warm(engine: str) -> None:
    become_worker()  # before the import: a build that stops ends its workers mid-import, quietly
    # the build itself checks the fonts and says which packages to install; WeasyPrint's own warning is noise
    warnings.filterwarnings("ignore", "No fonts configured in FontConfig")
    from . import work  # WeasyPrint and the Word writer: the point of starting early

    work.prepare_worker(engine)


def hand_over(folder: Path, content: "Content", plan: "BuildPlan", cache: "Cache") -> Path:
    """Write what the workers need (the content, the plan, the cache) for :func:`run`."""
    state = folder / STATE
    state.write_bytes(pickle.dumps((content, plan, cache, folder)))
    return state


def run(task: str, state: Path, argument: str):
    """Run the worker task ``task`` of shuchi.build.work (lay_out, prescan, build_site) on ``argument``, with the
    content and plan of ``state`` (read once per worker)."""
    global _adopted
    from . import work

    if _adopted != state:
        content, plan, cache, folder = pickle.loads(state.read_bytes())
        work.prepare(content, plan, cache, folder)
        _adopted = state
    return getattr(work, task)(argument)
