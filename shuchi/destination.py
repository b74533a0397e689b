"""Where a merge or a build may write (出力先): ``--out`` is replaced as a whole, so it must be a folder shuchi
wrote before, an empty folder or a new one — never content, the program, the project or a home folder, whatever
path leads there.

"Wrote before" is proven, not assumed: a merge's :data:`MARKER` lists every file the merge wrote with its
SHA-256, so a folder holding anything else (a file a person added, a letter edited in Word, a marker copied in
from elsewhere) is refused rather than deleted. A built site holds its index, its digest and a folder per
organisation, nothing else."""

import hashlib
import re
from pathlib import Path

from .errors import RequestError

MARKER = ".shuchi-merge"
"""The file every merge writes into its folder: only a folder holding it, and nothing it does not list, may be
replaced by the next merge."""

MARKER_TEXT = ("This folder was written by `shuchi merge`; the next merge into it replaces it as a whole, as long as "
               "it holds exactly the files listed here (SHA-256, then the file).\n")

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")


def check_organisation(root: Path, slug: str) -> None:
    """``--org`` names an organisation file of content/, checked before anything touches the disk."""
    if not SLUG.fullmatch(slug) or not (root / "content" / "organisations" / f"{slug}.yaml").is_file():
        known = sorted(p.stem for p in (root / "content" / "organisations").glob("*.yaml"))
        raise RequestError("organisation", f"'{slug[:60]}' is not an organisation in content/organisations/ "
                                           f"(expected one of: {', '.join(known) or 'none yet'})")


def check_destination(root: Path, out: Path, *, site: bool = False) -> None:
    """Refuse an ``--out`` whose replacement would delete something shuchi did not write: for a merge
    (``site=False``) a folder whose :data:`MARKER` lists all it holds, for a build a site (its index, its digest
    and organisations' folders, nothing else)."""
    import shuchi

    out, root = out.resolve(), root.resolve()
    protected = {"the project folder": root, "content/": root / "content",
                 "shuchi's program folder": Path(shuchi.__file__).resolve().parent, "your home folder": Path.home()}
    example = root / "site" if site else root.parent / "merged"
    for what, place in protected.items():
        if out == place or place.is_relative_to(out):
            raise RequestError("out", f"{out} would replace {what} (expected a folder of its own, e.g. {example})")
    for what, place in list(protected.items())[1:3]:
        if out.is_relative_to(place):
            raise RequestError("out", f"{out} is inside {what} (expected a folder outside it, e.g. {example})")
    blocked = next((place for place in (out, *out.parents) if place.exists() and not place.is_dir()), None)
    if blocked is not None:
        raise RequestError("out", f"{blocked} is a file, not a folder (expected a folder to write into)")
    if not out.is_dir() or not any(out.iterdir()):
        return
    strangers = _not_built_here(out) if site else _not_merged_here(out)
    if strangers:
        shown = ", ".join(strangers[:3]) + (f" and {len(strangers) - 3} more" if len(strangers) > 3 else "")
        kind = "a build" if site else "a merge"
        raise RequestError("out", f"{out} holds files {kind} did not write or that were changed since ({shown}), "
                                  f"and would be replaced as a whole (expected an empty or new folder, or one "
                                  f"{kind} wrote and nobody changed; move those files out first)")


def _not_built_here(out: Path) -> list[str]:
    """What in ``out`` a build does not write at the top of a site: its ``index.html``, ``.shuchi-digest`` and a
    folder per organisation (a slug, with the organisation's own ``index.html``); a site from before the digest
    was written passes too."""
    from .build.digest import DIGEST

    strangers = [path.name for path in sorted(out.iterdir())
                 if path.is_symlink() or not ((path.name in ("index.html", DIGEST) and path.is_file())
                                              or (SLUG.fullmatch(path.name) and (path / "index.html").is_file()))]
    return strangers or ([] if (out / "index.html").is_file() else ["no index.html"])


def _not_merged_here(out: Path) -> list[str]:
    """The files in ``out`` its marker does not list as they are now (all of them when there is no marker)."""
    marker = out / MARKER
    listed = read_marker(marker) if marker.is_file() and not marker.is_symlink() else {}
    found = []
    for path in sorted(out.rglob("*")):
        name = path.relative_to(out).as_posix()
        if name == MARKER or (path.is_dir() and not path.is_symlink()):
            continue
        if path.is_symlink() or not path.is_file() or listed.get(name) != file_digest(path):
            found.append(name)
    return found


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_marker(marker: Path) -> dict[str, str]:
    """File → SHA-256 as a merge listed them."""
    listed = {}
    for line in marker.read_text(encoding="utf-8", errors="replace").splitlines()[1:]:
        digest, _, name = line.partition("  ")
        if re.fullmatch(r"[0-9a-f]{64}", digest) and name:
            listed[name] = digest
    return listed


def write_marker(stage: Path) -> None:
    """List every file of a finished merge folder in its marker, the last file written before the swap."""
    lines = [f"{file_digest(p)}  {p.relative_to(stage).as_posix()}"
             for p in sorted(stage.rglob("*")) if p.is_file() and p.name != MARKER]
    (stage / MARKER).write_text(MARKER_TEXT + "".join(f"{line}\n" for line in lines), encoding="utf-8")
