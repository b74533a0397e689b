"""The smaller holes of issue 9: special files, a planted lock link, Ctrl-C at the swap, temp folders of killed
runs, formulas in manifest.csv, dates before 明治."""

import os
import signal
import subprocess
import sys

import pytest
from helpers import run_build

from shuchi.errors import BuildError
from shuchi.merge.combined import inert
from shuchi.publish import build_lock, swap_in
from shuchi.workdirs import clean_abandoned


def test_a_fifo_named_like_content_is_refused_not_waited_for(project):
    os.mkfifo(project / "content" / "topics" / "pipe.yaml")
    os.mkfifo(project / "content" / "recipients" / "pipe.csv")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert "content/topics/pipe.yaml: cannot be read (it is not a plain file but a FIFO, a device or a socket)" in result.stderr
    assert "content/recipients/pipe.csv: cannot be read (it is not a plain file but a FIFO" in result.stderr


def test_a_lock_file_planted_as_a_link_never_truncates_its_target(tmp_path):
    precious = tmp_path / "precious.txt"
    precious.write_text("do not lose me")
    (tmp_path / ".site.lock").symlink_to(precious)
    with pytest.raises(BuildError, match="cannot be used as a lock file"), build_lock(tmp_path / "site"):
        pass
    assert precious.read_text() == "do not lose me"


def test_ctrl_c_during_the_swap_is_dropped_once_output_and_register_are_in_place(tmp_path):
    stage, target, register = tmp_path / "stage", tmp_path / "out", tmp_path / "register.yaml"
    stage.mkdir()
    (stage / "new.txt").write_text("new")
    target.mkdir()

    def commit():
        register.write_text("151")
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C right after the register is written

    swap_in(stage, target, commit)  # no KeyboardInterrupt: everything it would have stopped is done
    assert register.read_text() == "151" and (target / "new.txt").read_text() == "new"


def test_work_folders_of_killed_runs_are_removed_by_the_next(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    abandoned = tmp_path / f"shuchi-docs-{dead.stdout.strip()}-abc_1234"
    index = tmp_path / f"shuchi-search-{dead.stdout.strip()}-ghi_5678"
    running = tmp_path / f"shuchi-merge-{os.getpid()}-def_9012"
    other = tmp_path / "shuchi-notes"
    mine = tmp_path / f"shuchi-docs-{dead.stdout.strip()}-議事録"  # named alike, not made by shuchi
    for folder in (abandoned, index, running, other, mine):
        folder.mkdir()
    assert sorted(clean_abandoned(tmp_path)) == sorted([abandoned, index])
    assert not abandoned.exists() and not index.exists() and running.exists() and other.exists() and mine.exists()


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-2+3",
                                  "\tindent"])
def test_a_manifest_cell_that_would_be_a_formula_is_text(cell):
    assert inert(cell) == f"'{cell}"
    assert inert("北海道薬剤師会") == "北海道薬剤師会" and inert(5) == 5


def test_a_notice_dated_before_meiji_6_is_a_content_error(project):
    notice = project / "content" / "notices" / "zenjukyo-2024-08-02.yaml"
    notice.write_text(notice.read_text(encoding="utf-8").replace("date: 2024-08-02", "date: 1868-01-01"), encoding="utf-8")
    result = run_build(project, "check")
    assert result.returncode == 2
    assert "content/notices/zenjukyo-2024-08-02.yaml:8: date: 1868-01-01 is before 1873-01-01" in result.stderr
    assert result.stderr.count("1868-01-01") == 1


def test_an_own_letterhead_that_loops_for_ever_is_stopped_as_a_content_error(tmp_path, monkeypatch):
    from shuchi.errors import ContentError
    from shuchi.typeset import sandbox
    from shuchi.typeset.environment import environment

    own = tmp_path / "content" / "organisations" / "kenkyo" / "templates"
    (own / "letter").mkdir(parents=True)
    (own / "letter" / "letterhead.html.j2").write_text(
        "<header>\n{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}\n</header>\n",
        encoding="utf-8")
    monkeypatch.setattr(sandbox, "RENDER_LIMIT", 1)  # the limit itself, made short for the test
    env = sandbox.OwnEnvironment(environment(), own)
    with pytest.raises(ContentError) as raised:
        sandbox.render(env, "letter/letterhead.html.j2")
    (problem,) = raised.value.problems
    assert str(problem).startswith("content/organisations/kenkyo/templates/letter/letterhead.html.j2:2: took longer "
                                   "than 1 s to render")
