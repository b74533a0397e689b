"""Helpers the tests share: the project, copies of it to break, running the command as a user would,
and reading PDFs the way a reader does."""

import contextlib
import io
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from shuchi.cli import main

ROOT = Path(__file__).resolve().parent.parent


def copy_project(dest: Path) -> Path:
    """A copy of the project's content that a test may edit (without the registers' lock files)."""
    shutil.copytree(ROOT / "content", dest / "content", ignore=shutil.ignore_patterns(".*.lock"))
    return dest


@dataclass
class Result:
    """What a command printed and its exit code, as :class:`subprocess.CompletedProcess` has them."""

    returncode: int
    stdout: str
    stderr: str


def run_build(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """Run shuchi's command on the project at ``root`` as a secretariat would: in this process (as
    sqlite-utils' CliRunner does), or in a new Python when ``env`` sets variables it must start with."""
    argv = ["--root", str(root), *args]
    if env:
        done = subprocess.run([sys.executable, "-m", "shuchi", *argv], capture_output=True, text=True,
                              timeout=600, env={**os.environ, **env})
        return Result(done.returncode, done.stdout, done.stderr)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return Result(code, out.getvalue(), err.getvalue())


def pdf_text(path: Path) -> str:
    """The text a reader can copy out of a PDF (poppler's pdftotext, reading order)."""
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def pdf_fonts(path: Path) -> str:
    """The fonts a PDF embeds, as poppler's pdffonts lists them."""
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


def same_site(one: Path, other: Path) -> None:
    """Two built sites hold the same files, byte for byte; PDFs compared as a reader does (text and pages)."""
    from pypdf import PdfReader

    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for name in files:
        if name.suffix == ".pdf":
            assert pdf_text(one / name) == pdf_text(other / name), name
            assert len(PdfReader(one / name).pages) == len(PdfReader(other / name).pages), name
        elif name.suffix == ".docx":  # python-docx stamps the zip entries with the time: compare what they hold
            with zipfile.ZipFile(one / name) as first, zipfile.ZipFile(other / name) as second:
                assert first.namelist() == second.namelist(), name
                assert all(first.read(part) == second.read(part) for part in first.namelist()), name
        else:
            assert (one / name).read_bytes() == (other / name).read_bytes(), name
