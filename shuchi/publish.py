"""Stage 6: atomic output. A build writes into a fresh folder beside the target and
swaps it in only when everything succeeded; a failed or interrupted build leaves the
previous output exactly as it was.

Beside ``site/`` live, for the time of one build only: ``.site.lock`` (one build at a
time), ``.site.new-*`` (the build being written) and ``.site.old-*`` (the previous
output, between the two renames of the swap). A process killed outright (SIGKILL, a
power cut) cannot tidy up after itself, so the next build removes what it left, and
puts the previous output back if it was killed between the two renames.
"""

import contextlib
import fcntl
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from .errors import BuildError

INTERRUPTS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
"""Signals held back while the output is swapped, so Ctrl-C cannot leave no output at all."""


@contextlib.contextmanager
def build_lock(target: Path):
    """One build at a time per output folder; a second one stops with a clear message."""
    lock_path = target.parent / f".{target.name}.lock"
    try:
        # never through a link (it would truncate or lock whatever the link points at), never truncated
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        raise BuildError(f"{lock_path} cannot be used as a lock file ({error.strerror}; expected a plain file, "
                         f"not a link: delete it and try again)") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise BuildError(f"{lock_path} is not a plain file (expected a plain lock file: delete it and try again)")
    with os.fdopen(descriptor, "r+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is writing {target} right now; "
                             f"wait for it to finish and try again") from None
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextlib.contextmanager
def staged(target: Path, commit: Callable[[], None] | None = None):
    """Yield a fresh folder; on success it replaces ``target``, on any failure it is removed.

    ``commit`` (a merge's register) is written with the swap, while Ctrl-C is held back: both or neither."""
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(target):
        clean_leftovers(target)
        stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
        try:
            yield stage
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        swap_in(stage, target, commit)


def leftovers(target: Path) -> list[Path]:
    """Staging and swap folders of earlier builds of ``target`` that were killed before they tidied up."""
    ours = re.compile(rf"\.{re.escape(target.name)}\.(?:new|old)-[a-z0-9_]{{8}}")  # as tempfile.mkdtemp names them
    return sorted(path for path in target.parent.iterdir()
                  if ours.fullmatch(path.name) and path.is_dir() and not path.is_symlink())


def clean_leftovers(target: Path) -> None:
    """Remove what killed builds left; restore the previous output if one died in the middle of a swap.

    Only called while holding the build lock, so no other build is using these folders.
    """
    for folder in leftovers(target):
        previous = folder / target.name
        if folder.name.startswith(f".{target.name}.old-") and previous.is_dir() and not target.exists():
            os.rename(previous, target)
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def interrupts_held():
    """Ctrl-C, SIGTERM and SIGHUP are noted, not acted on, while what is inside runs. Python handlers rather
    than a signal mask: in a process with threads (a pool's, a progress bar's) the kernel hands a signal to
    any thread that does not block it, and Python then raises it in the main thread all the same."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.signal(number, lambda *_: None) for number in INTERRUPTS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def swap_in(stage: Path, target: Path, commit: Callable[[], None] | None = None) -> None:
    """Replace ``target`` with ``stage`` by renames, so the old output is never half-deleted.

    A Ctrl-C that arrives meanwhile is dropped once the swap is done: the work it would stop is complete,
    and saying otherwise would be untrue."""
    os.chmod(stage, 0o755)
    old: Path | None = None
    with interrupts_held():
        if commit is not None:
            try:
                commit()
            except BaseException:
                shutil.rmtree(stage, ignore_errors=True)
                raise
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
            os.rename(target, old / target.name)
            os.rename(stage, target)
        else:
            os.rename(stage, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
