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

import pdfua
import pikepdf

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


def structure_text(path: Path) -> str:
    """The structure tree as poppler reads it (what a screen reader is given): each element's role, and the
    text it holds in quotes, in reading order."""
    return subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True).stdout


PDFUA_RULE_THAT_CRASHES = "UA-14-001"
"""pdfua 0.1.3's "heading elements are not empty" rule raises on every heading whose /K is an array (it asks a
pikepdf Array for an attribute, and pikepdf 10 answers ValueError, not AttributeError), so pdfua skips it:
:func:`pdfua_failures` checks what it would have checked itself."""


def pdfua_failures(path: Path) -> list[str]:
    """What the PDF/UA-1 checker ``pdfua`` finds wrong with a PDF (every finding, warnings too), and any rule it
    could not run besides :data:`PDFUA_RULE_THAT_CRASHES`, whose check is done here instead."""
    report = pdfua.validate(str(path))
    failures = [f"{finding.rule_id} ({finding.severity.name}) page {finding.location.page}: {finding.message}"
                for finding in report.findings]
    for outcome in report.outcomes:
        if outcome.skipped and outcome.rule_id != PDFUA_RULE_THAT_CRASHES:
            failures.append(f"{outcome.rule_id} not run: {outcome.skipped_reason}")
    with pikepdf.open(path) as pdf:
        failures += [f"empty heading {role}" for role, has_content in _headings(pdf.Root.StructTreeRoot)
                     if not has_content]
    return failures


def _headings(element):
    """(role, whether it marks any content) of each heading under ``element``, as UA-14-001 asks."""
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    role = str(element.get("/S", ""))
    if len(role) == 3 and role.startswith("/H") and role[2].isdigit():
        yield role, _marks_content(element)
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
            yield from _headings(kid)


def _marks_content(element) -> bool:
    kids = element.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    return any(isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and _marks_content(kid))
               for kid in kids)
