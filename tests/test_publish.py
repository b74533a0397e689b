"""Atomic output: an interrupted or killed build leaves the last site/ byte for byte; two builds never mix."""

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, run_build

import shuchi.build
from shuchi.publish import staged


def hashes(folder: Path) -> dict[str, str]:
    return {str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def last_good_site(project: Path) -> dict[str, str]:
    """A previous build's output (its exact bytes matter, not its content) and its hashes."""
    site = project / "site"
    (site / "zenjukyo" / "letters").mkdir(parents=True)
    (site / "index.html").write_text("<h1>前回のビルド</h1>", encoding="utf-8")
    (site / "zenjukyo" / "letters" / "old.pdf").write_bytes(os.urandom(4096))
    (site / "zenjukyo" / "index.html").write_text("<h1>全住協</h1>", encoding="utf-8")  # as a build leaves it
    return hashes(site)


def start_build(project: Path) -> subprocess.Popen:
    """``build.py`` in a session of its own, so that Ctrl-C can be sent to it and its workers as a terminal does."""
    return subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(project)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def ctrl_c(build: subprocess.Popen) -> None:
    """What a terminal does on Ctrl-C: SIGINT to every process of the foreground job."""
    os.killpg(build.pid, signal.SIGINT)


def kill_command(build: subprocess.Popen) -> None:
    """What `kill <pid>` does: SIGTERM to the build only."""
    build.send_signal(signal.SIGTERM)


def wait_for_stage(project: Path, build: subprocess.Popen, timeout: float = 120) -> Path:
    """The staging folder of a running build, once it holds the first organisation's output."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        stages = list(project.glob(".site.new-*"))
        if stages and any(stages[0].iterdir()):
            return stages[0]
        assert build.poll() is None, build.communicate()
        time.sleep(0.05)
    raise AssertionError("the build never started writing")


@pytest.mark.parametrize("stop", [ctrl_c, kill_command])
def test_a_build_stopped_midway_leaves_the_last_site_byte_for_byte(project, stop):
    before = last_good_site(project)
    build = start_build(project)
    wait_for_stage(project, build)
    stop(build)
    _, stderr = build.communicate(timeout=60)
    assert build.returncode == 130, stderr
    assert "interrupted; site/ is unchanged." in stderr and "Traceback" not in stderr
    assert hashes(project / "site") == before
    assert not list(project.glob(".site.new-*")) and not list(project.glob(".site.old-*"))


def test_a_second_build_is_refused_while_one_runs_and_a_killed_build_is_tidied_up(project):
    last_good_site(project)
    first = start_build(project)
    stage = wait_for_stage(project, first)
    second = run_build(project)
    assert second.returncode == 1
    assert f"error: another build is writing {project / 'site'} right now; wait for it to finish and try again" \
        in second.stderr
    first.send_signal(signal.SIGKILL)  # no chance to tidy up
    first.communicate(timeout=60)
    assert stage.is_dir()
    third = run_build(project, "build", "--org", "zenjukyo")  # any build tidies up; one organisation is enough
    assert third.returncode == 0, third.stderr
    assert not stage.exists() and not list(project.glob(".site.new-*"))
    assert (project / "site" / "zenjukyo" / "letters" / "zenjukyo-2024-08-02.pdf").is_file()
    assert not (project / "site" / "zenjukyo" / "letters" / "old.pdf").exists()


def test_a_build_killed_between_the_two_renames_gets_its_last_site_back(tmp_path):
    target = tmp_path / "site"
    halfway = tmp_path / ".site.old-killed_1"
    (halfway / "site").mkdir(parents=True)
    (halfway / "site" / "index.html").write_text("last good")
    (tmp_path / ".site.new-killed_2").mkdir()
    with pytest.raises(RuntimeError), staged(target):
        raise RuntimeError("this build fails too")
    assert (target / "index.html").read_text() == "last good"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_an_internal_error_is_one_line_pointing_to_debug(project, monkeypatch):
    last = last_good_site(project)

    def broken(root, *args, **kwargs):
        raise TypeError("a bug in shuchi itself")

    monkeypatch.setattr(shuchi.build, "build_all", broken)
    result = run_build(project)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("internal error: TypeError: a bug in shuchi itself")
    assert lines[0].endswith("(site/ is unchanged; run again with --debug for the traceback and report it)")
    assert hashes(project / "site") == last
    debug = run_build(project, "--debug")
    assert "Traceback (most recent call last)" in debug.stderr and debug.returncode == 1
