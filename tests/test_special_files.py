"""A FIFO where an own letterhead belongs is refused by check, never opened by a build (it would wait for ever)."""

import os
import subprocess
import sys


def test_a_fifo_as_an_own_letterhead_is_refused_at_once(project):
    folder = project / "content" / "organisations" / "itea" / "templates" / "letter"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "letterhead.html.j2")
    for command in (["check"], ["build", "--org", "itea"]):
        done = subprocess.run([sys.executable, "-m", "shuchi", "--root", str(project), *command],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert ("content/organisations/itea/templates/letter/letterhead.html.j2: cannot be read (it is not a plain "
                "file but a FIFO, a device or a socket)") in done.stderr
    assert not (project / "site").exists()
