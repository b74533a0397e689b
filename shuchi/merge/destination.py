"""Where a merge may write (出力先): ``--out`` is replaced as a whole, so it must be a folder a merge wrote
before (it holds :data:`MARKER`), an empty folder or a new one — never content, the program, the project or a
home folder, whatever path leads there."""

import re
from pathlib import Path

from ..errors import RequestError

MARKER = ".shuchi-merge"
"""The file every merge writes into its folder: only a folder holding it may be replaced by the next merge."""

MARKER_TEXT = "This folder was written by `shuchi merge`; the next merge into it replaces it as a whole.\n"

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def check_organisation(root: Path, slug: str) -> None:
    """``--org`` names an organisation file of content/, checked before anything touches the disk."""
    if not SLUG.fullmatch(slug) or not (root / "content" / "organisations" / f"{slug}.yaml").is_file():
        known = sorted(p.stem for p in (root / "content" / "organisations").glob("*.yaml"))
        raise RequestError("organisation", f"'{slug[:60]}' is not an organisation in content/organisations/ "
                                           f"(expected one of: {', '.join(known) or 'none yet'})")


def check_destination(root: Path, out: Path) -> None:
    """Refuse an ``--out`` whose replacement would delete something a merge did not write."""
    import shuchi

    out, root = out.resolve(), root.resolve()
    protected = {"the project folder": root, "content/": root / "content",
                 "shuchi's program folder": Path(shuchi.__file__).resolve().parent, "your home folder": Path.home()}
    for what, place in protected.items():
        if out == place or place.is_relative_to(out):
            raise RequestError("out", f"{out} would replace {what} (expected a folder of its own for the merge, "
                                      f"e.g. {root.parent / 'merged'})")
    for what, place in list(protected.items())[1:3]:
        if out.is_relative_to(place):
            raise RequestError("out", f"{out} is inside {what} (expected a folder outside it, e.g. "
                                      f"{root.parent / 'merged'})")
    if out.exists() and not out.is_dir():
        raise RequestError("out", f"{out} is a file, not a folder (expected a folder for the merge)")
    if out.is_dir() and not (out / MARKER).is_file() and any(out.iterdir()):
        raise RequestError("out", f"{out} holds files a merge did not write, and would be replaced as a whole "
                                  f"(expected an empty or new folder, or one an earlier merge wrote)")
