"""Live preview (プレビュー): ``build.py serve`` builds, serves ``site/`` on 127.0.0.1, and rebuilds on every edit.

watchfiles reports changes to content/ (and shuchi's templates); each change runs an incremental build,
so only what the edit touched is laid out again. The pages are served as built, with one addition
made on the way out: a ``<script src>`` of :file:`templates/serve/live.js`, a static file that polls
``/_shuchi/status.json`` and reloads the page after a rebuild. A build that fails leaves ``site/`` as it
was (the atomic publish), so the last good pages stay readable, and the status carries the same
``file:line: field: …`` lines ``build.py check`` prints, which the script shows on the page.
"""

import functools
import json
import queue
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .build.engine import DEFAULT_ENGINE
from .content.guard import redact
from .errors import BuildError, ContentError, RequestError
from .typeset.environment import TEMPLATES

LIVE_SCRIPT = b'<script src="/_shuchi/live.js" defer></script>'
"""What every HTML page gets while it is previewed (a file, not inline script: the pages' CSP allows it)."""


class Status:
    """What the open pages poll: the number of the last good build, and the problems of the last build."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: list[str] = []
        self.lock = threading.Lock()

    def as_json(self) -> bytes:
        with self.lock:
            return json.dumps({"version": self.version, "problems": self.problems}, ensure_ascii=False).encode()

    def record(self, problems: list[str]) -> None:
        """Keep the last build's problems for the pages, masked like everything shuchi prints (a file named with
        a personal number would otherwise reach the browser in full)."""
        with self.lock:
            self.problems = [redact(problem) for problem in problems]
            if not problems:
                self.version += 1


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves ``site/`` with the live script added to HTML pages, and the preview's own two files."""

    status: Status

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/_shuchi/live.js":
            return self._send((TEMPLATES / "serve" / "live.js").read_bytes(), "text/javascript; charset=utf-8")
        if path == "/_shuchi/status.json":
            return self._send(self.status.as_json(), "application/json; charset=utf-8")
        local = Path(self.translate_path(path))
        if local.is_dir():
            local = local / "index.html"
        if local.suffix == ".html" and local.is_file():
            return self._send(with_live_script(local.read_bytes()), "text/html; charset=utf-8")
        if local.suffix == ".html":  # not built (yet): a page that reloads itself once it is
            return self._send((TEMPLATES / "serve" / "waiting.html").read_bytes(), "text/html; charset=utf-8", 404)
        return super().do_GET()

    def _send(self, body: bytes, kind: str, code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # a request log would drown the build's messages
        pass


def with_live_script(html: bytes) -> bytes:
    """``html`` with the live script added at the end of its head (or of the page, if it has no head)."""
    at = html.find(b"</head>")
    return html[:at] + LIVE_SCRIPT + html[at:] if at >= 0 else html + LIVE_SCRIPT


def rebuild(root: Path, organisations: list[str] | None, status: Status, engine: str = DEFAULT_ENGINE) -> None:
    """One incremental build (its sites built with ``engine``); its problems (or none) go to the status and to
    the terminal."""
    from .build import build_all

    started = time.perf_counter()
    try:
        report = build_all(root, organisations=organisations, engine=engine)
    except ContentError as error:
        problems = [str(problem) for problem in error.problems]
    except RequestError as error:
        problems = [f"--org: {error.message}"]
    except BuildError as error:
        problems = [f"error: {error}"]
    else:
        problems = []
        for warning in report.warnings:
            print(warning, file=sys.stderr)
    for line in problems:
        print(line, file=sys.stderr)
    state = f"{len(problems)} problem(s); the last good pages stay" if problems else "rebuilt"
    print(f"{state} in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    status.record(problems)


def serve(root: Path, port: int, organisations: list[str] | None = None, engine: str = DEFAULT_ENGINE) -> int:
    """Build, serve ``root/site`` on 127.0.0.1:``port``, and rebuild whenever content/ or the templates change.

    The watcher starts before the first build, so an edit saved while that build runs is not missed."""
    status = Status()
    stop = threading.Event()
    changes: queue.Queue[object] = queue.Queue()
    watcher = threading.Thread(target=_watch, args=(root, stop, changes), daemon=True)
    watcher.start()
    rebuild(root, organisations, status, engine)
    handler = type("Handler", (PreviewHandler,), {"status": status})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"previewing http://127.0.0.1:{server.server_address[1]}/ ; watching {root / 'content'} "
          f"(stop with Ctrl-C)", file=sys.stderr, flush=True)
    try:
        while True:
            try:
                changes.get(timeout=1)
            except queue.Empty:
                continue
            while not changes.empty():  # edits that came in together: one build
                changes.get_nowait()
            rebuild(root, organisations, status, engine)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
    return 0


def _watch(root: Path, stop: threading.Event, changes: "queue.Queue[object]") -> None:
    """Put each batch of changes to content/ and shuchi's templates into ``changes`` (watchfiles, debounced)."""
    from watchfiles import watch

    for batch in watch(root / "content", TEMPLATES, stop_event=stop, debounce=300, raise_interrupt=False):
        changes.put(batch)
