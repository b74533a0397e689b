"""The command line: ``shuchi [--root DIR] [command] [options]`` (also ``python -m shuchi`` and ``python build.py``).

A thin layer over the library: it parses options, calls :mod:`shuchi`, and is the one place where errors
become words on the terminal and exit codes (2 for content, 1 for everything else)."""

import argparse
import contextlib
import io
import signal
import sys
import time
import traceback
from pathlib import Path

from .build.engine import DEFAULT_ENGINE, ENGINES
from .errors import BuildError, ContentError, RequestError

OPTIONS = {"organisation": "--org", "notice": "--notice", "recipients": "--recipients", "out": "--out"}
"""The option that names each thing a request can ask for, to word a :class:`RequestError`."""

EXIT_CONTENT = 2
"""Exit code when content has mistakes (as ``check`` and every build report them)."""

EXIT_PRINT = 3
"""Exit code of ``check --print`` when the print check found something wrong on a page."""


def positive(text: str) -> int:
    """A whole number of at least 1, for --jobs."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of at least 1")
    return int(text)


def shard(text: str) -> tuple[int, int]:
    """``I/N`` for --shard: shard I (1 to N) of N."""
    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(f"'{text}' is not a shard I/N with 1 ≤ I ≤ N, e.g. 1/3")
    return int(index), int(count)


def port(text: str) -> int:
    """A TCP port number, for serve --port."""
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (1 to 65535)")
    return int(text)


def parser(default_root: Path | None = None) -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="shuchi",
        description="shuchi (周知): build letters, leaflets and intranet sites from content/. "
                    "Without a command, builds everything into site/.",
    )
    main.add_argument("--root", type=Path, default=default_root or Path.cwd(),
                      help="project folder holding content/ (default: the current folder)")
    main.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    building = commands.add_parser("build", help="build everything into site/ (the default)",
                                   description="Build the intranet sites, letters and leaflets. Only what "
                                               "changed since the last build is laid out again (the cache is "
                                               ".shuchi-cache/ beside site/; deleting it is safe).")
    chosen = building.add_mutually_exclusive_group()
    chosen.add_argument("--org", action="append", metavar="SLUG", help="build only this organisation (repeatable)")
    chosen.add_argument("--shard", type=shard, metavar="I/N",
                        help="build every N-th organisation, starting with the I-th, into site.shard-I-of-N/ "
                             "(put the shards together with `join`)")
    building.add_argument("--out", type=Path, metavar="DIR", help="folder to build into (default: site/)")
    building.add_argument("--jobs", type=positive, metavar="N", help="worker processes (default: every core)")
    for command in (main, building):  # before or after `build`; the subcommand's own leaves the other as it is
        command.add_argument("--engine", choices=ENGINES,
                             default=argparse.SUPPRESS if command is building else DEFAULT_ENGINE,
                             help=f"the site engine (default: {DEFAULT_ENGINE})")
    joining = commands.add_parser("join", help="put the folders of `build --shard` together into site/",
                                  description="Assemble shard folders (site.shard-I-of-N/, as built on several "
                                              "machines) into one site/ with its top index.")
    joining.add_argument("shards", nargs="*", type=Path, metavar="DIR",
                         help="shard folders (default: every site.shard-*/ of the project)")
    serving = commands.add_parser("serve", help="live preview: build, serve site/ on 127.0.0.1, rebuild on every edit",
                                  description="Build, serve site/ at http://127.0.0.1:PORT/ and rebuild whenever a "
                                              "file of content/ changes; the open page reloads itself, and shows the "
                                              "problems of content that has mistakes. Stop with Ctrl-C.")
    serving.add_argument("--port", type=port, default=8000, help="port to serve on (default: 8000)")
    serving.add_argument("--org", action="append", metavar="SLUG", help="build only this organisation (repeatable)")
    serving.add_argument("--engine", choices=ENGINES, default=argparse.SUPPRESS,
                         help=f"the site engine (default: {DEFAULT_ENGINE})")
    checking = commands.add_parser("check", help="validate content/ and report every problem, without rendering")
    checking.add_argument("--print", dest="print_check", action="store_true",
                          help="also lay out every PDF (site/ is unchanged) and fail when a page has a print "
                               "defect: a heading at the foot of a page, a nearly blank last page, a line "
                               "starting with 、。）, a word or name split across lines, text outside the "
                               "margins, a missing glyph")
    commands.add_parser("schema", help="write JSON Schemas for the content files into schema/ (for VS Code)")
    merging = commands.add_parser("merge", help="mail merge: one letter and one e-mail per recipient of a notice",
                                  description="Write one letter (PDF) and one e-mail (.eml) per recipient of a notice, "
                                              "a combined PDF for printing and manifest.csv into DIR. Numbered notices "
                                              "take their 文書番号 from content/registers/<org>.yaml.")
    merging.add_argument("--org", required=True, help="the organisation's slug, e.g. nichiyaku")
    merging.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder to write (replaced as a whole)")
    merging.add_argument("--notice", metavar="ID", help="the notice to send (default: the organisation's newest)")
    merging.add_argument("--recipients", type=Path, metavar="FILE",
                         help="recipient list, CSV or YAML (default: content/recipients/<org>.csv)")
    merging.add_argument("--jobs", type=positive, metavar="N", help="worker processes (default: every core)")
    merging.add_argument("--docx", action="store_true", help="also write each letter as Word (.docx), to edit")
    return main


def _stop(signum, frame):
    """SIGTERM (a service manager, `kill`) stops a build like Ctrl-C: the staging folder is removed."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None, default_root: Path | None = None) -> int:
    """Run one command; returns the exit code. ``default_root`` is the project when --root is not given."""
    args = parser(default_root).parse_args(argv)
    root = args.root.resolve()
    previous = signal.signal(signal.SIGTERM, _stop)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):  # a broken character in content never stops the report
            stream.reconfigure(errors="backslashreplace")
    try:
        return _report(args, root)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _report(args: argparse.Namespace, root: Path) -> int:
    """Run the command and turn every error into words on stderr and an exit code; whatever is printed goes
    through the personal-number guard first, so no message ever shows a 個人番号 in full."""
    with contextlib.redirect_stderr(Redacting(sys.stderr)), contextlib.redirect_stdout(Redacting(sys.stdout)):
        return _run_reported(args, root)


class Redacting(io.TextIOBase):
    """A stream that masks every individual number written through it (see shuchi.content.guard.redact)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        from .content.guard import redact

        self.stream.write(redact(text))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


def _run_reported(args: argparse.Namespace, root: Path) -> int:
    merging = args.command == "merge"
    unchanged = f"{args.out} and content/registers/ are unchanged" if merging else "site/ is unchanged"
    try:
        return run(args, root)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        where = "" if merging else " in content/"
        nothing = "nothing was written" if merging else "nothing was built"
        print(f"\n{len(error.problems)} problem(s){where}; {nothing}, {unchanged}.", file=sys.stderr)
        return EXIT_CONTENT
    except RequestError as error:
        print(f"{OPTIONS.get(error.subject, error.subject)}: {error.message}", file=sys.stderr)
        print(f"\n1 problem(s); nothing was written, {unchanged}.", file=sys.stderr)
        return EXIT_CONTENT
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"\n{'Nothing was written' if merging else 'Nothing was built'}; {unchanged}.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"\ninterrupted; {unchanged}.", file=sys.stderr)
        return 130
    except Exception as error:  # the last resort: one readable line, never a bare traceback
        if args.debug:
            traceback.print_exc()
        said = " ".join(str(error).split())
        print(f"internal error: {type(error).__name__}: {said[:200]} ({unchanged}; run again with --debug "
              f"for the traceback and report it)", file=sys.stderr)
        return 1


def run(args: argparse.Namespace, root: Path) -> int:
    command = args.command or "build"
    if command == "check" and args.print_check:
        return run_print_check(root)
    if command == "check":
        from .content import check_content

        content = check_content(root)
        for warning in content.warnings:
            print(warning, file=sys.stderr)
        print(f"content/ is valid: {len(content.organisations)} organisations, {len(content.circulars)} circulars, "
              f"{len(content.notices)} notices, {len(content.attachments)} attachments.")
        return 0
    if command == "schema":
        from . import schema

        for path in schema.write_schemas(root / "schema"):
            print(path.relative_to(root))
        return 0
    if command == "merge":
        return run_merge(args, root)
    if command == "serve":
        from .serve import serve

        return serve(root, args.port, args.org, getattr(args, "engine", None) or DEFAULT_ENGINE)
    if command == "join":
        from .build.shards import join

        joined = join(root, args.shards)
        print(f"joined {len(joined.organisations)} organisations into {joined.out}")
        return 0
    from .build import build_all  # WeasyPrint and MkDocs are imported only when something must be laid out

    started = time.perf_counter()
    shard_out = root / f"site.shard-{args.shard[0]}-of-{args.shard[1]}" if getattr(args, "shard", None) else None
    report = build_all(root, getattr(args, "out", None) or shard_out, getattr(args, "jobs", None),
                       getattr(args, "org", None), getattr(args, "shard", None),
                       getattr(args, "engine", None) or DEFAULT_ENGINE)
    print_report(root, report, time.perf_counter() - started)
    return 0


def print_report(root: Path, report, seconds: float) -> None:
    """The build's warnings and print defects, then one line: what it holds, how much was laid out anew, how
    long it took."""
    for line in [*report.warnings, *misprint_lines(root, report)]:
        print(line, file=sys.stderr)
    if report.unchanged:
        done = "nothing changed"
    else:
        done = f"{report.laid_out} laid out anew, {report.sites_built} site(s) rebuilt"
    print(f"built {report.documents} documents ({report.pages} PDF pages) for "
          f"{len(report.organisations)} organisations into {report.out} in {seconds:.1f} s ({done})")


def misprint_lines(root: Path, report, shown: str | None = None) -> list[str]:
    """The print check's warnings, each naming its PDF as the user finds it (``site/<org>/letters/<id>.pdf``)."""
    if not report.misprints:
        return []
    from .pdf.printcheck import print_warning

    if shown is None:
        out = report.out.resolve()
        shown = str(out.relative_to(root)) if out.is_relative_to(root) else str(out)
    return [print_warning(f"{shown}/{pdf}", defect) for pdf, defect in report.misprints]


def run_print_check(root: Path) -> int:
    """``check --print``: a whole build into a folder that is thrown away, then every print defect; fails on any."""
    import tempfile

    from .build import build_all

    with tempfile.TemporaryDirectory(prefix="shuchi-print-check-") as scratch:
        report = build_all(root, Path(scratch) / "site")
    lines = misprint_lines(root, report, "site")
    for line in [*report.warnings, *lines]:
        print(line, file=sys.stderr)
    if lines:
        files = len({pdf for pdf, _ in report.misprints})
        print(f"\n{len(lines)} print defect(s) in {files} PDF(s); site/ is unchanged.", file=sys.stderr)
        return EXIT_PRINT
    print(f"print check passed: {report.print_checked} documents laid out, {report.pages} PDF pages, "
          f"no print defect.")
    return 0


def run_merge(args: argparse.Namespace, root: Path) -> int:
    from .merge import mail_merge

    recipients = args.recipients.resolve() if args.recipients else None
    report = mail_merge(root, args.org, args.out.resolve(), args.notice, recipients, args.jobs, args.docx)
    if report.laid_out_alone:
        print(f"note: {report.laid_out_alone} letter(s) laid out on their own: their 宛名 takes more than one line",
              file=sys.stderr)
    numbers = f"; 文書番号 {report.numbers[0]} – {report.numbers[-1]}" if report.numbers else ""
    print(f"merged {report.notice}: {report.letters} letters ({report.pages} pages), {report.mails} e-mails{numbers} "
          f"into {report.out} in {report.seconds:.1f} s ({report.pages / report.seconds:.0f} pages/s)")
    return 0
