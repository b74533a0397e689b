"""shuchi as a package: installed from a wheel (not this checkout), the `shuchi` command works from any folder
and builds the same site as the checkout does."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, copy_project, pdf_text

pytestmark = pytest.mark.xdist_group("package")  # one worker installs it once for all these tests


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """shuchi built as a wheel and installed into a folder of its own: only what the package ships.

    It is built from a copy of what a source release holds, so the build never writes into the checkout.
    """
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "shuchi", source / "shuchi", ignore=shutil.ignore_patterns("__pycache__"))
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(source), "-w", str(wheels)],
                   check=True, capture_output=True)
    target = tmp_path_factory.mktemp("installed")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    *map(str, wheels.glob("shuchi-*.whl"))], check=True, capture_output=True)
    return target


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """A program of the installed package (``bin/shuchi`` or ``python -c``) run from ``cwd``."""
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def test_the_installed_package_is_the_one_that_runs(installed, tmp_path):
    found = run_installed(installed, tmp_path, sys.executable, "-c", "import shuchi; print(shuchi.__file__)")
    assert Path(found.stdout.strip()).is_relative_to(installed), found.stdout
    assert (installed / "shuchi" / "templates" / "letter" / "letter.html.j2").is_file()


def test_shuchi_root_builds_the_same_site_from_any_folder(installed, tmp_path, built_site):
    project = copy_project(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run_installed(installed, elsewhere, str(installed / "bin" / "shuchi"), "--root", str(project),
                           "build", "--org", "zenjukyo")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    files = sorted(p.relative_to(site).as_posix() for p in (site / "zenjukyo").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(built_site).as_posix() for p in (built_site / "zenjukyo").rglob("*")
                           if p.is_file())
    letter = "zenjukyo/letters/zenjukyo-2024-08-02.pdf"
    assert pdf_text(site / letter) == pdf_text(built_site / letter)


def test_python_m_shuchi_is_the_same_command(installed, tmp_path):
    project = copy_project(tmp_path / "project")
    result = run_installed(installed, tmp_path, sys.executable, "-m", "shuchi", "--root", str(project), "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("content/ is valid: 3 organisations")
