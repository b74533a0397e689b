"""Live preview: `build.py serve` in a real browser; a secretary edits a notice and sees it, or sees the mistake."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time

from helpers import ROOT, copy_project
from playwright.sync_api import expect

PAGE = "itea/notices/itea-members-2024-06-14.html"
NOTICE = "content/notices/itea-members-2024-06-14.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_preview(project, port):
    """``build.py serve`` as a secretary starts it; returns the process and its messages as they come."""
    process = subprocess.Popen([sys.executable, str(ROOT / "build.py"), "--root", str(project), "serve",
                                "--port", str(port), "--org", "itea"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(process.stderr.readline, "")), daemon=True).start()
    deadline = time.monotonic() + 300
    while not any(line.startswith("previewing http://127.0.0.1:") for line in lines):
        assert process.poll() is None and time.monotonic() < deadline, "".join(lines)
        time.sleep(0.2)
    return process, lines


def test_an_edited_notice_shows_in_the_open_page_and_a_mistake_shows_on_it(tmp_path, browser, built_site):
    project = copy_project(tmp_path)
    # the session's full build has laid out everything once: a secretary's own cache would hold the same
    shutil.copytree(built_site.parent / ".shuchi-cache" / "objects", project / ".shuchi-cache" / "objects")
    port = free_port()
    process, lines = start_preview(project, port)
    tab = browser.new_page()
    try:
        tab.goto(f"http://127.0.0.1:{port}/{PAGE}")
        assert "本会会員の皆様に格別のご協力を" not in tab.inner_text("body")
        assert tab.locator("script[src='/_shuchi/live.js']").count() == 1
        assert "live.js" not in (project / "site" / PAGE).read_text(encoding="utf-8")  # added on the way out only

        notice = project / NOTICE
        notice.write_text(notice.read_text(encoding="utf-8") + "intro: 本会会員の皆様に格別のご協力をお願いいたします。\n",
                          encoding="utf-8")
        edited = time.monotonic()
        # a locator, not a JavaScript string: the pages' Content-Security-Policy forbids eval, as it should
        expect(tab.locator("body")).to_contain_text("本会会員の皆様に格別のご協力を", timeout=120_000)
        print(f"the edit showed in the page {time.monotonic() - edited:.1f} s after it was saved")

        notice.write_text(notice.read_text(encoding="utf-8").replace("date: 2024-06-14", "date: 2024-06-31"),
                          encoding="utf-8")
        problem = tab.locator("#shuchi-live-problems")
        problem.wait_for(timeout=120_000)
        assert "content/notices/itea-members-2024-06-14.yaml:7: date:" in problem.inner_text()
        assert "本会会員の皆様に格別のご協力を" in tab.inner_text("body")  # the last good page stays
        tab.reload()
        assert "本会会員の皆様に格別のご協力を" in tab.inner_text("body")
    finally:
        tab.close()
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
    assert process.returncode == 0, "".join(lines)
