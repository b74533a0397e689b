"""Fingerprints (指紋): a hash of everything an output is made from, the key of the build cache.

A key is the SHA-256 of a canonical JSON of the output's inputs: the model objects it shows (as the
plan resolved them), the bytes of the files it reads (logo, own templates, manual chapters), and the
:func:`toolchain`: shuchi's own code, templates and CSS, the versions of the tools that lay it out,
and the fonts fontconfig offers. Whatever changes one of these changes the key.
"""

import dataclasses
import datetime
import enum
import hashlib
import json
import os
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pydantic import BaseModel

PACKAGE = Path(__file__).resolve().parent.parent
"""shuchi's own package: its code, templates and CSS all go into every key."""

TOOLS = ("weasyprint", "pydyf", "pypdf", "mkdocs", "mkdocs-material", "pymdown-extensions", "markdown",
         "pagefind-bin", "jinja2", "markdown-it-py", "budoux", "segno", "zensical", "sudachipy", "sudachidict-core")
"""The libraries whose version changes what an output looks like (Sudachi: the readings in the search index)."""


def plain(value: object) -> object:
    """``value`` as JSON-ready data: dataclasses and pydantic models as dicts, paths and dates as text."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date | Path):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def digest(*parts: object) -> str:
    """The key of ``parts``: SHA-256 of their canonical JSON."""
    text = json.dumps(plain(parts), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes ("missing" when there is none, which is an input too)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"


def folder_digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (by path relative to it) with its SHA-256."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): file_digest(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and "__pycache__" not in p.parts}


def fonts() -> str:
    """The font settings: the fonts fontconfig offers (family, style and file of each) and its configuration
    (the files FONTCONFIG_FILE or /etc/fonts name, which decide substitutions). Installing, removing or
    reconfiguring fonts can change which font a letter is set in, so it changes every key."""
    listing = subprocess.run(["fc-list", "--format", "%{family}|%{style}|%{file}\n"], capture_output=True,
                             text=True).stdout
    config = Path(os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf")
    folders = [Path(p) for p in os.environ.get("FONTCONFIG_PATH", "").split(":") if p] + [Path("/etc/fonts/conf.d")]
    settings = {str(config): file_digest(config)}
    for folder in folders:
        settings.update({str(p): file_digest(p) for p in sorted(folder.glob("*.conf"))} if folder.is_dir() else {})
    return digest(sorted(listing.splitlines()), settings)


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def toolchain(package: Path = PACKAGE) -> str:
    """What every output is made with: shuchi's version, code, templates and CSS, the tools' versions, the fonts."""
    return digest(_version("shuchi"), folder_digest(package), {name: _version(name) for name in TOOLS}, fonts())
