"""Shared fixtures: the project, a copy of it to break, and one real build of the default content."""

import fcntl
import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from browser import chromium, serve
from helpers import ROOT, copy_project, run_build

from shuchi.build import BuildReport, build_all
from shuchi.build.engine import DEFAULT_ENGINE


def once_per_run(tmp_path_factory, worker_id: str, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name`` that ``make`` fills, made once per test run whatever the number of workers.

    xdist runs session fixtures once per worker: the first worker makes the folder under the run's temporary
    folder (shared by its workers, never by another run) while holding a lock; the others wait for it.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    out, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            if out.exists():
                shutil.rmtree(out)
            make(out)
            done.touch()
    return out


@pytest.fixture(scope="session")
def built_report(tmp_path_factory, worker_id) -> BuildReport:
    """The default content built once per test run, for real, into a temporary site/: what the build reported.
    The site engine is the one SHUCHI_TEST_ENGINE names (default: shuchi's), so the browser tests check its sites.
    """
    def build(out: Path) -> None:
        out.mkdir()
        report = build_all(ROOT, out / "site", engine=os.environ.get("SHUCHI_TEST_ENGINE", DEFAULT_ENGINE))
        (out / "report.pickle").write_bytes(pickle.dumps(report))

    return pickle.loads((once_per_run(tmp_path_factory, worker_id, "built", build) / "report.pickle").read_bytes())


@pytest.fixture(scope="session")
def built_site(built_report) -> Path:
    """The folder that build wrote (``site/``)."""
    return built_report.out


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
    """A copy of the project's content that a test may edit."""
    return copy_project(tmp_path)


def one_organisation(project: Path, slug: str = "zenjukyo") -> Path:
    """The project's content with only one organisation's files (its notices, recipients, register)."""
    for path in (project / "content").rglob("*"):
        if path.is_file() and any(other in path.name for other in ("nichiyaku", "itea", "zenjukyo")) \
                and slug not in path.name:
            path.unlink()
    return project


@pytest.fixture(scope="session")
def one_site(tmp_path_factory, worker_id) -> Path:
    """One organisation (全住協) built for real (with the engine SHUCHI_TEST_ENGINE names, as built_report), once
    per test run: the tests of the published pages need no more."""
    def build(out: Path) -> None:
        project = one_organisation(copy_project(out))
        result = run_build(project, "--engine", os.environ.get("SHUCHI_TEST_ENGINE", DEFAULT_ENGINE))
        assert result.returncode == 0, result.stderr

    return once_per_run(tmp_path_factory, worker_id, "one", build) / "site"
