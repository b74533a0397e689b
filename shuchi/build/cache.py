"""The build cache (``.shuchi-cache/`` beside ``site/``): every output laid out before, by its key.

An entry is a folder ``objects/<key>/`` holding the files of one output (a letter's HTML and PDF, a
leaflet's, an organisation's whole built site with its search index), its PDF pages (``.pages``), the
addresses its PDF was refused (``.refused``) and what the print check found (``.misprints``). The key
is the hash of everything the output is made from (:mod:`.fingerprint`), so an entry is never stale:
a changed input is a different key.
Entries appear by a rename, whole or not at all, so an interrupted build leaves no half entry.
Deleting the cache only makes the next build slower.

``published.json`` remembers what the last build of each output folder put there (the build's key
and every file's size and time), so a build with nothing changed leaves ``site/`` alone when it is
still exactly as that build left it. ``published-check.json`` holds what the published-page check passed, by
each file's hash (shuchi.safety.verdicts), so that a rebuilt site has only its changed files read again.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from ..safety.verdicts import Verdicts

if TYPE_CHECKING:
    from ..pdf.printcheck import Defect

NAME = ".shuchi-cache"
PAGES, REFUSED, MISPRINTS, CHECKED = ".pages", ".refused", ".misprints", ".published-check"
ABOUT = (PAGES, REFUSED, MISPRINTS, CHECKED)
"""The files of an entry that are about it, not part of the output."""
VERDICTS = "published-check.json"
"""Beside the entries: what the published-page check passed, by the hash of each file (shuchi.safety.verdicts)."""


def cache_for(out: Path) -> "Cache":
    """The cache of the output folder ``out``: ``.shuchi-cache/`` beside it."""
    return Cache(out.parent / NAME)


class Cache:
    """Entries by key, written atomically; ``used`` collects the keys a build needed, for :meth:`prune`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.objects = folder / "objects"
        self.used: set[str] = set()

    def path(self, key: str) -> Path:
        return self.objects / key

    def has(self, key: str) -> bool:
        self.used.add(key)
        return (self.objects / key / PAGES).is_file()

    def pages(self, key: str) -> int:
        return int((self.objects / key / PAGES).read_text())

    def refused(self, key: str) -> list[tuple[str, str]]:
        """The addresses the output's PDFs asked for and were refused (warned about at every build)."""
        path = self.objects / key / REFUSED
        return [tuple(pair) for pair in json.loads(path.read_text())] if path.is_file() else []

    def checked(self, key: str) -> bool:
        """Whether the entry holds its pages as the published-page check passed them (shuchi.safety.published):
        read as a browser would, each with its Content-Security-Policy. The key covers the content and shuchi's
        own code, the checker included, so the verdict stays true for the entry."""
        return (self.objects / key / CHECKED).is_file()

    def keep_checked(self, key: str, published: Path, verdicts: list[str]) -> None:
        """Keep the pages of ``published`` (the entry of ``key`` after the check passed and gave each page its
        policy) as the entry's own, so later builds copy them as they are instead of reading them again; with
        the keys of the check's ``verdicts`` on its files (shuchi.safety.verdicts), which :meth:`prune` keeps."""
        entry = self.objects / key
        for page in published.rglob("*.html"):
            shutil.copyfile(page, entry / page.relative_to(published))
        (entry / CHECKED).write_text(json.dumps(verdicts))

    def verdicts(self, policy: str) -> Verdicts:
        """What the published-page check passed before, under ``policy`` (shuchi.safety.verdicts)."""
        return Verdicts(self.folder / VERDICTS, policy)

    def new_entry(self) -> Path:
        """A fresh folder to write an entry into, then :meth:`keep` it."""
        self.objects.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".new-", dir=self.objects))

    def misprints(self, key: str) -> "list[Defect] | None":
        """What the print check found on the output's pages (None: it was not checked)."""
        path = self.objects / key / MISPRINTS
        if not path.is_file():
            return None
        found = json.loads(path.read_text())
        if not found:
            return []
        from ..pdf.printcheck import Defect  # WeasyPrint: only when there is something to report

        return [Defect(*defect) for defect in found]

    def keep(self, key: str, entry: Path, pages: int, refused: list[tuple[str, str]],
             misprints: "list[Defect] | None" = None) -> None:
        """Make ``entry`` the entry of ``key``; when another build got there first, theirs is the same."""
        (entry / REFUSED).write_text(json.dumps(refused))
        if misprints is not None:
            (entry / MISPRINTS).write_text(json.dumps([[d.page, d.kind, d.message] for d in misprints],
                                                      ensure_ascii=False))
        (entry / PAGES).write_text(str(pages))
        try:
            os.rename(entry, self.objects / key)
        except OSError:
            shutil.rmtree(entry, ignore_errors=True)

    def prune(self, verdicts: Verdicts | None = None) -> None:
        """Remove the entries this build did not use (and what an interrupted build left), and the ``verdicts``
        on files that neither a remaining site nor this build holds."""
        if not self.objects.is_dir():
            return
        kept = set(verdicts.used) if verdicts is not None else set()
        for entry in self.objects.iterdir():
            if entry.name not in self.used:
                shutil.rmtree(entry, ignore_errors=True)
            elif verdicts is not None and (entry / CHECKED).is_file():
                kept.update(_listed(entry / CHECKED))
        if verdicts is not None:
            verdicts.keep_only(kept)
            verdicts.save()

    def _published(self) -> dict[str, dict]:
        try:
            return json.loads((self.folder / "published.json").read_text())
        except (OSError, ValueError):
            return {}

    def unchanged(self, out: Path, key: str) -> bool:
        """Whether ``out`` is what the build of ``key`` published, file for file."""
        record = self._published().get(str(out))
        return record is not None and record["key"] == key and record["files"] == listing(out)

    def published(self, out: Path, key: str) -> None:
        """Remember that ``out`` now holds the build of ``key``."""
        records = self._published()
        records[str(out)] = {"key": key, "files": listing(out)}
        self.folder.mkdir(parents=True, exist_ok=True)
        record = self.folder / "published.json"
        temporary = record.with_suffix(".tmp")
        temporary.write_text(json.dumps(records))
        os.replace(temporary, record)

    def forget(self, out: Path) -> None:
        records = self._published()
        if records.pop(str(out), None) is not None:
            (self.folder / "published.json").write_text(json.dumps(records))


def _listed(checked: Path) -> list[str]:
    try:
        keys = json.loads(checked.read_text())
    except ValueError:  # an entry checked before verdicts were kept
        return []
    return keys if isinstance(keys, list) else []


def listing(folder: Path) -> dict[str, list[int]]:
    """Every file under ``folder`` with its size and modification time (nanoseconds)."""
    found: dict[str, list[int]] = {}
    if not folder.is_dir():
        return found
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            stat = os.stat(path)
            found[os.path.relpath(path, folder)] = [stat.st_size, stat.st_mtime_ns]
    return found


def copy_into(source: Path, target: Path) -> None:
    """Copy the files of an entry into the output being built (copies, never links: nothing done to ``site/``
    can change the cache)."""
    shutil.copytree(source, target, dirs_exist_ok=True, copy_function=shutil.copyfile,
                    ignore=lambda folder, names: list(ABOUT) if folder == str(source) else [])
