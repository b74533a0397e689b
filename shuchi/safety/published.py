"""The last check before publishing (公開前の確認): every page of a site folder, after it is written and before it
replaces ``site/``, read with the reader's parser (:mod:`.reader`); a page carrying anything that would run or
load from elsewhere stops the build as a content problem naming the content file it came from. Pages that
pass get their Content-Security-Policy (:mod:`.csp`).

This works on files, whatever wrote them (MkDocs, our templates), so it holds for pages added later too.
"""

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from ..content.guard import redact
from ..errors import BuildError, ContentError, Problem
from .csp import with_policy
from .markup import svg_problems
from .numbers import numbers_in_file, numbers_in_name, numbers_in_text
from .reader import read_page
from .urls import as_read
from .verdicts import Verdicts, key_of

SOURCES = {"notices": "notices", "letters": "notices", "circulars": "circulars", "ministry": "circulars",
           "shiryo": "attachments", "leaflets": "attachments"}
"""The folder of a site holding a page → the folder of content/ its text comes from."""


def source_of(page: PurePosixPath, content_root: Path) -> Path:
    """The content file a published page (relative to the site folder) is made from, as the editor knows it."""
    parts = page.parts
    content = Path("content")
    if len(parts) == 1:
        return content / "organisations"
    slug, rest = parts[0], parts[1:]
    if len(rest) == 2 and rest[0] in SOURCES:
        return content / SOURCES[rest[0]] / f"{PurePosixPath(rest[1]).stem}.yaml"
    if len(rest) == 3 and rest[0] == "manual":
        chapter = content_root / "documents" / rest[1] / f"{PurePosixPath(rest[2]).stem}.md"
        return content / "documents" / rest[1] / (chapter.name if chapter.is_file() else "document.yaml")
    return content / "organisations" / f"{slug}.yaml"


def check_published(site: Path, files: list[Path], content_root: Path, verdicts: Verdicts | None = None) -> list[str]:
    """Read each written page of ``files`` (inside ``site``) as a browser would; add its policy, or stop.

    A file whose bytes the same checker passed before (``verdicts``) only gets its policy again; its name is
    read every time (a name is not part of its bytes). Returns the verdict keys of ``files``."""
    problems: list[Problem] = []
    keys = []
    for path in files:
        page = PurePosixPath(path.relative_to(site).as_posix())
        named = numbers_in_name(path, site)
        key = key_of(path, path.read_bytes())
        keys.append(key)
        known = verdicts.get(key) if verdicts is not None else None
        found: list[str] = []
        numbers: list[str] = []
        if known is not None:
            if path.suffix == ".html":
                _protect(path, page, path.read_text(encoding="utf-8"), known)
        else:
            found, numbers, hashes = read_file(path, site)
            if path.suffix == ".html" and not found:
                _protect(path, page, path.read_text(encoding="utf-8"), hashes)
            if verdicts is not None and not found and not numbers:
                verdicts.add(key, hashes)
        numbers = named + numbers
        problems.extend(Problem(source_of(page, content_root), 0, "",
                                f"the published file site/{page} would carry an individual number (マイナンバー "
                                f"{masked}, check digit valid), which must not be published (expected no personal "
                                f"numbers; delete it where it comes from)") for masked in dict.fromkeys(numbers))
        problems.extend(Problem(source_of(page, content_root), 0, "",
                                f"the published page site/{page} would carry {what}, which a reader's browser would "
                                f"run or load from elsewhere (expected plain text and Markdown only)")
                        for what in dict.fromkeys(found))
    if problems:  # a number in a file name must not reach the message either
        raise ContentError([Problem(Path(redact(str(p.file))), p.line, p.field, redact(p.message)) for p in problems])
    return keys


def read_file(path: Path, site: Path) -> tuple[list[str], list[str], list[str]]:
    """What a reader would run or load from ``path`` (a file of the site folder ``site``), the personal numbers
    in its text (not its name), and (for a page) the hashes of its inline scripts, which its policy allows."""
    if path.suffix == ".svg":
        return svg_problems(path.read_text(encoding="utf-8")), numbers_in_file(path), []
    if path.suffix == ".html":
        reading = read_page(path.read_text(encoding="utf-8"))
        found = reading.findings + [f"<script src=\"{src[:60]}\">, which is not a script file of this site"
                                    for src in reading.script_sources if not _site_file(path, src, site)]
        numbers = numbers_in_text(reading.visible())
        numbers += [number for value in reading.attributes for number in numbers_in_text(value)]
        return found, numbers, reading.hashes()
    return [], numbers_in_file(path), []


def passed(path: Path, folder: Path) -> tuple[str, list[str]] | None:
    """The verdict on a file's bytes, if the check passes them (its name aside): its key and script hashes. A
    build's worker reads a document it has just laid out (in ``folder``) with it, while the site that shows it
    is built; a page whose scripts are not files of that folder gets no verdict, and is read again in its site."""
    found, numbers, hashes = read_file(path, folder)
    return None if found or numbers else (key_of(path, path.read_bytes()), hashes)


def _protect(path: Path, page: PurePosixPath, text: str, hashes: list[str]) -> None:
    """Write the page with its Content-Security-Policy allowing the inline scripts of ``hashes``."""
    protected = with_policy(text, hashes)
    if protected is None:
        raise BuildError(f"{page} does not start with its <head>, so no Content-Security-Policy could be put in it; "
                         f"report this")
    path.write_text(protected, encoding="utf-8")


def _site_file(page: Path, src: str, site: Path) -> bool:
    """Whether a script address of ``page``, read as the browser reads it, is a ``.js`` file of the site being
    published: another path of the same host (someone else's page, a JSONP answer) would pass the policy's
    ``'self'`` but is not ours."""
    address = urlsplit(as_read(src).replace("\\", "/"))
    if address.scheme or address.netloc or address.path.startswith("/") or not address.path.endswith(".js"):
        return False
    target = (page.parent / unquote(address.path)).resolve()
    return target.is_relative_to(site.resolve()) and target.is_file()


def pages_of(folder: Path) -> list[Path]:
    """Every file in a site folder that the check reads, in a stable order (Material's and Pagefind's own
    files are left out: they are the same for every site and carry no content)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).parts[0] not in OWN_FOLDERS)


OWN_FOLDERS = {"assets", "pagefind", "search"}
"""Folders of a built site holding only Material's and Pagefind's files (our stylesheet in assets/ is ours
but made from no content but the brand colour, which check validates)."""
