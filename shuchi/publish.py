"""Stage 6: atomic output. A build writes into a fresh folder beside the target and
swaps it in only when everything succeeded; a failed or interrupted build leaves the
previous output exactly as it was.
"""

import contextlib
import fcntl
import os
import shutil
import tempfile
from pathlib import Path

from .problems import BuildError


@contextlib.contextmanager
def build_lock(target: Path):
    """One build at a time per output folder; a second one stops with a clear message."""
    lock_path = target.parent / f".{target.name}.lock"
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is writing {target} right now; wait for it to finish and try again") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextlib.contextmanager
def staged(target: Path):
    """Yield a fresh folder; on success it replaces ``target``, on any failure it is removed."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(target):
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            yield stage
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        swap_in(stage, target)


def swap_in(stage: Path, target: Path) -> None:
    """Replace ``target`` with ``stage`` by renames, so the old output is never half-deleted."""
    os.chmod(stage, 0o755)
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rename(target, old / target.name)
        os.rename(stage, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.rename(stage, target)
