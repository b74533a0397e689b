"""The static site engine (サイト生成エンジン) that turns a site's generated Markdown and ``mkdocs.yml``
into HTML: MkDocs + Material, or Zensical, its successor from the same authors, which reads the
same ``mkdocs.yml``. The pages, the stylesheet and the Markdown extension are our own either way.

README ("The site engine") gives what each passes and how long each takes (bench/engines.py).
"""

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..errors import BuildError
from ..processes import die_with_parent

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "zensical"


def site_folder(config: Path, out: Path, engine: str) -> Path:
    """Where ``engine`` writes the site: Zensical only writes inside the folder of its configuration."""
    return config.parent / f"{config.stem}-site" if engine == "zensical" else out


def build_with(engine: str, config: Path, out: Path) -> None:
    """Build the site of ``config`` into ``out`` with ``engine``; its errors become our errors."""
    if engine == "zensical":
        _build_zensical(config, out)
    else:
        _build_mkdocs(config, out)


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


def _build_zensical(config: Path, out: Path) -> None:
    # a separate process: Zensical's Rust core ends a failed build with a panic, not an exception
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--config-file", config.name],
                            cwd=config.parent, capture_output=True, text=True, preexec_fn=die_with_parent,
                            check=False)
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:]
        raise BuildError(f"Zensical could not build {config.stem}: {' '.join(last)}")
    out.mkdir(parents=True, exist_ok=True)  # the build's cache entry may already be there, empty
    for item in site_folder(config, out, "zensical").iterdir():
        shutil.move(item, out / item.name)
