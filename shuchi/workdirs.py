"""Work folders in the temp dir (``shuchi-docs-*`` for a build, ``shuchi-search-*`` for its search index,
``shuchi-merge-*`` for a merge).

A run removes its own when it ends; one killed outright (``kill -9``, a power cut) cannot, so each folder's
name carries the process that made it, and the next run removes those whose process is gone."""

import contextlib
import os
import re
import shutil
import tempfile
from pathlib import Path

KINDS = ("shuchi-docs", "shuchi-search", "shuchi-merge")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def clean_abandoned(temp: Path | None = None) -> list[Path]:
    """Remove the work folders of runs whose process no longer exists; returns what was removed."""
    temp = Path(temp or tempfile.gettempdir())
    removed = []
    for folder in temp.glob("shuchi-*-*"):
        match = re.fullmatch(rf"(?:{'|'.join(KINDS)})-(\d+)-[a-z0-9_]{{8}}", folder.name)  # as tempfile names them
        if match and folder.is_dir() and not folder.is_symlink() and folder.stat().st_uid == os.getuid() \
                and not _alive(int(match.group(1))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


@contextlib.contextmanager
def work_folder(kind: str):
    """A fresh work folder of ``kind`` (one of :data:`KINDS`), after removing those killed runs left."""
    clean_abandoned()
    # a process this run started and just stopped (a site engine's) may still be writing in it for a moment:
    # what cannot be removed now is removed by the next run, as a killed run's folder is
    with tempfile.TemporaryDirectory(prefix=f"{kind}-{os.getpid()}-", ignore_cleanup_errors=True) as folder:
        yield folder
