"""The build (stage 5): content → plan → what the cache lacks → ``site/`` (:mod:`.whole`).

``build_all`` and ``BuildReport`` are imported from :mod:`.whole` when first used: every module of this
package runs this file first, and two of them are imported where the build's libraries are not wanted — the
site engine's own process loads :mod:`.sitemarkdown` (named in ``mkdocs.yml``), and the command line reads the
engines' names from :mod:`.engine` before it knows whether it will build at all.
"""

from importlib import import_module
from typing import TYPE_CHECKING

__all__ = ["BuildReport", "build_all", "shard_of"]

if TYPE_CHECKING:
    from .whole import BuildReport, build_all, shard_of


def __getattr__(name: str) -> object:
    if name in __all__:
        return getattr(import_module(".whole", __name__), name)
    raise AttributeError(f"module 'shuchi.build' has no attribute {name!r}")
