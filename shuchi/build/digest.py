"""What a build was made from, as a content hash (内容のハッシュ): the merge's e-mails attach a built leaflet
only when it was built from exactly today's content and templates. File times cannot tell (``rsync -a``,
``git checkout`` and backups keep or set them as they like); the bytes can."""

import hashlib
from pathlib import Path

from ..typeset.environment import TEMPLATES

DIGEST = ".shuchi-digest"
"""The file in ``site/`` holding the hash of what it was built from."""

UNRELATED = ("recipients", "registers")
"""Folders of content/ that no built page shows, so editing them leaves the build up to date."""


def content_digest(root: Path) -> str:
    """The SHA-256 of every file of content/ (but :data:`UNRELATED`) and of shuchi's templates, names included."""
    digest = hashlib.sha256()
    content = root / "content"
    folders = [(content, "content"), (TEMPLATES, "templates")]
    for folder, name in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.endswith(".lock")):
            relative = path.relative_to(folder)
            if name == "content" and relative.parts[0] in UNRELATED:
                continue
            digest.update(f"{name}/{relative.as_posix()}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def built_from(site: Path) -> str | None:
    """The hash a built ``site/`` records, or None when it records none."""
    try:
        return (site / DIGEST).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
