"""shuchi (周知): one structured source to every document a secretariat issues.

Data flows one way, a sub-package per stage::

    content (load + validate: YAML → model)  →  typeset (Jinja HTML: letters, leaflets)
        →  pdf (WeasyPrint, pypdf)  →  build (letters, leaflets, intranet site)  |  merge (one letter per recipient)
        →  publish (an atomic swap into site/ or the merge's folder)

The library's entry points are importable from here (``from shuchi import build_all``); each is imported
when first used, so ``shuchi --help`` and ``shuchi check`` do not load WeasyPrint or MkDocs.
"""

from importlib import import_module
from typing import TYPE_CHECKING

from .errors import BuildError, ContentError, Problem, RequestError, ShuchiError

_LAZY = {
    "Content": "shuchi.content",
    "load_content": "shuchi.content",
    "check_content": "shuchi.content",
    "build_all": "shuchi.build.whole",
    "BuildReport": "shuchi.build.whole",
    "mail_merge": "shuchi.merge",
    "MergeReport": "shuchi.merge",
}

__all__ = ["BuildError", "BuildReport", "Content", "ContentError", "MergeReport", "Problem", "RequestError",
           "ShuchiError",
           "__version__", "build_all", "check_content", "load_content", "mail_merge"]

if TYPE_CHECKING:
    from .build import BuildReport, build_all
    from .content import Content, check_content, load_content
    from .merge import MergeReport, mail_merge


def __getattr__(name: str) -> object:
    if name == "__version__":  # importlib.metadata takes a tenth of a second: only when asked
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("shuchi")
        except PackageNotFoundError:  # a checkout used without installing it
            return "0+unknown"
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'shuchi' has no attribute {name!r}")
