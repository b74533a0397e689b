"""The static site engine (サイト生成エンジン) that turns a site's generated Markdown and ``mkdocs.yml``
into HTML: MkDocs + Material, or Zensical, its successor from the same authors, which reads the
same ``mkdocs.yml``. The pages, the stylesheet and the Markdown extension are our own either way.

README ("The site engine") gives what each passes and how long each takes (bench/engines.py).
"""

import contextlib
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import BuildError
from ..processes import die_with_parent

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "zensical"


def site_folder(config: Path, out: Path, engine: str) -> Path:
    """Where ``engine`` writes the site: Zensical only writes inside the folder of its configuration."""
    return config.parent / f"{config.stem}-site" if engine == "zensical" else out


@contextlib.contextmanager
def started(engine: str) -> Iterator[subprocess.Popen | None]:
    """Zensical's process started ahead, to import itself while the site's pages are written (then handed to
    :func:`build_with`; shuchi.build.zensical_ahead), and stopped if the build never gets to it. MkDocs runs in the
    build's own process: None."""
    process = _zensical() if engine == "zensical" else None
    try:
        yield process
    finally:
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()


def build_with(engine: str, config: Path, out: Path, ahead: subprocess.Popen | None = None) -> None:
    """Build the site of ``config`` into ``out`` with ``engine`` (in its process started ``ahead``, if any); its
    errors become our errors."""
    if engine == "zensical":
        _build_zensical(config, out, ahead or _zensical())
    else:
        _build_mkdocs(config, out)


def _zensical() -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "shuchi.build.zensical_ahead"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=die_with_parent)


def _build_mkdocs(config: Path, out: Path) -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        build(load_config(str(config), site_dir=str(out)))
    except MkDocsException as error:
        raise BuildError(f"MkDocs could not build {config.stem}: {error}") from error


def _build_zensical(config: Path, out: Path, process: subprocess.Popen) -> None:
    # a separate process: Zensical's Rust core ends a failed build with a panic, not an exception
    stdout, stderr = process.communicate(f"{config.resolve()}\n")
    if process.returncode != 0:
        last = (stderr or stdout).strip().splitlines()[-1:]
        raise BuildError(f"Zensical could not build {config.stem}: {' '.join(last)}")
    out.mkdir(parents=True, exist_ok=True)  # the build's cache entry may already be there, empty
    for item in site_folder(config, out, "zensical").iterdir():
        shutil.move(item, out / item.name)
