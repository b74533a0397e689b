"""Shards (分割ビルド): the organisations built on several machines, then put together into one ``site/``.

``build --shard I/N`` builds every N-th organisation into ``site.shard-I-of-N/``; :func:`join` copies the
organisations' folders of all shards into one ``site/`` (atomically, as a build does) and writes the top
index. Each organisation's folder is whole in itself, so a joined site is the site one build makes.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.check import check_content
from ..destination import check_destination
from ..errors import BuildError
from ..publish import staged
from ..safety.published import check_published, pages_of
from ..typeset.environment import environment
from .cache import cache_for, copy_into
from .digest import DIGEST, built_from, content_digest
from .site import write_top_index

SHARD = re.compile(r"site\.shard-(\d+)-of-(\d+)")


@dataclass
class Joined:
    out: Path
    organisations: list[str] = field(default_factory=list)


def join(root: Path, shards: list[Path], out: Path | None = None) -> Joined:
    """Put the shard folders (default: every ``site.shard-*`` of the project) together into ``out``
    (default ``root/site``); every organisation must be in exactly one shard."""
    content = check_content(root)
    shards = sorted(shards or (p for p in root.glob("site.shard-*") if p.is_dir() and SHARD.fullmatch(p.name)))
    if not shards:
        raise BuildError(f"there are no shard folders to join in {root} (build them with `build --shard I/N`)")
    found: dict[str, Path] = {}
    for shard in shards:
        if not (shard / "index.html").is_file():
            raise BuildError(f"{shard} is not a finished shard (it has no index.html); build it again")
        strange = next((p for p in shard.rglob("*") if p.is_symlink() or not (p.is_file() or p.is_dir())), None)
        if strange is not None:  # copying would publish whatever a link points at
            raise BuildError(f"{strange} is a link or a special file, which a build never writes (expected the "
                             f"shard as `build --shard` wrote it; build it again)")
        for folder in sorted(p for p in shard.iterdir() if p.is_dir()):
            if folder.name not in content.organisations:
                raise BuildError(f"{folder} belongs to no organisation of content/ (built from other content?)")
            if folder.name in found:
                raise BuildError(f"{folder.name} is in two shards: {found[folder.name]} and {shard}")
            found[folder.name] = shard
    missing = sorted(set(content.organisations) - set(found))
    if missing:
        raise BuildError(f"no shard holds {', '.join(missing)}; build every shard I/N from 1 to N and join them all")
    joined = Joined((out or root / "site").resolve(), sorted(found))
    check_destination(root, joined.out, site=True)
    with staged(joined.out) as stage:
        cache_for(joined.out).forget(joined.out)
        for slug, shard in found.items():
            copy_into(shard / slug, stage / slug)
            # a shard is read as a browser would, like a build's own sites: it may come from another machine
            check_published(stage, pages_of(stage / slug), content.root)
        write_top_index(environment(), list(content.organisations.values()), stage)
        check_published(stage, [stage / "index.html"], content.root)
        # the joined site is up to date for the merge's e-mails only if every shard was built from today's content
        if {built_from(shard) for shard in shards} == {content_digest(root)}:
            (stage / DIGEST).write_text(content_digest(root) + "\n", encoding="ascii")
    return joined
