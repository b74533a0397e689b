"""A progress bar for long runs, on a terminal only: logs and pipes get just the summary line."""

import sys

from tqdm import tqdm


def progress(total: int, what: str) -> tqdm:
    """A tqdm bar on stderr counting ``total`` ``what`` (e.g. letters); silent unless stderr is a terminal."""
    return tqdm(total=total, unit=f" {what}", desc=what, file=sys.stderr, disable=not sys.stderr.isatty(),
                leave=False, dynamic_ncols=True)
