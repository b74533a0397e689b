"""Shared fixtures: the project, a copy of it to break, and one real build of the default content."""

import fcntl
import os
import pickle
import shutil
from pathlib import Path

import pytest
from browser import chromium, serve
from helpers import ROOT, copy_project, run_build

from shuchi.build import BuildReport, build_all
from shuchi.build.engine import DEFAULT_ENGINE


@pytest.fixture(scope="session")
def built_report(tmp_path_factory, worker_id) -> BuildReport:
    """The default content built once per test run, for real, into a temporary site/: what the build reported.
    The site engine is the one SHUCHI_TEST_ENGINE names (default: shuchi's), so the browser tests check its sites.

    xdist runs session fixtures once per worker: the first worker builds under the run's temporary folder
    (shared by its workers, never by another run) while holding a lock and keeps the report beside the site,
    the others wait for it and read both.
    """
    base = tmp_path_factory.getbasetemp()
    shared = base if worker_id == "master" else base.parent
    out, kept = shared / "built-site", shared / "built-site.report"
    with open(shared / "built-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").is_file() or not kept.is_file():
            if out.exists():
                shutil.rmtree(out)
            kept.write_bytes(pickle.dumps(build_all(ROOT, out, engine=os.environ.get("SHUCHI_TEST_ENGINE", DEFAULT_ENGINE))))
    return pickle.loads(kept.read_bytes())


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
def one_site(tmp_path_factory) -> Path:
    """One organisation (全住協) built for real (with the engine SHUCHI_TEST_ENGINE names, as built_report): the
    tests of the published pages need no more."""
    project = one_organisation(copy_project(tmp_path_factory.mktemp("one")))
    result = run_build(project, "--engine", os.environ.get("SHUCHI_TEST_ENGINE", DEFAULT_ENGINE))
    assert result.returncode == 0, result.stderr
    return project / "site"
