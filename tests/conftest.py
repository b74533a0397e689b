"""Shared fixtures: the project, a copy of it to break, and one real build of the default content."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser import chromium, serve
from shuchi.build import build_all

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The default content built once, for real, into a temporary site/."""
    out = tmp_path_factory.mktemp("build") / "site"
    build_all(ROOT, out)
    return out


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on 127.0.0.1, as an intranet web server would."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's) for the whole session: starting it is the slow part."""
    with chromium() as instance:
        yield instance


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the project's content and templates that a test may edit."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    return tmp_path


def run_build(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``build.py`` as a secretariat would, on the project at ``root`` (``env`` adds variables)."""
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--root", str(root), *args],
                          capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})


def pdf_text(path: Path) -> str:
    """The text a reader can copy out of a PDF (poppler's pdftotext, reading order)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> str:
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
