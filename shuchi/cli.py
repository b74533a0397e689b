"""The command line: ``python build.py [command] [options]`` (a thin layer over the library)."""

import argparse
import signal
import sys
import time
import traceback
from pathlib import Path

from . import schema
from .check import check_content
from .problems import BuildError, ContentError

ROOT = Path(__file__).resolve().parent.parent

EXIT_CONTENT = 2
"""Exit code when content has mistakes (as ``check`` and every build report them)."""


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="build.py",
        description="shuchi (周知): build letters, leaflets and intranet sites from content/. "
                    "Without a command, builds everything into site/.",
    )
    main.add_argument("--root", type=Path, default=ROOT, help="project folder holding content/ and templates/ (default: this one)")
    main.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    commands = main.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("build", help="build everything into site/ (the default)")
    commands.add_parser("check", help="validate content/ and report every problem, without rendering")
    commands.add_parser("schema", help="write JSON Schemas for the content files into schema/ (for VS Code)")
    return main


def _stop(signum, frame):
    """SIGTERM (a service manager, `kill`) stops a build like Ctrl-C: the staging folder is removed."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root = args.root.resolve()
    signal.signal(signal.SIGTERM, _stop)
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(errors="backslashreplace")  # a broken character in content never stops the report
    try:
        return run(args, root)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"\n{len(error.problems)} problem(s) in content/; nothing was built, site/ is unchanged.", file=sys.stderr)
        return EXIT_CONTENT
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        print("site/ is unchanged.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\ninterrupted; site/ is unchanged.", file=sys.stderr)
        return 130
    except Exception as error:  # the last resort: one readable line, never a bare traceback
        if args.debug:
            traceback.print_exc()
        said = " ".join(str(error).split())
        print(f"internal error: {type(error).__name__}: {said[:200]} (site/ is unchanged; run again with --debug "
              f"for the traceback and report it)", file=sys.stderr)
        return 1


def run(args: argparse.Namespace, root: Path) -> int:
    command = args.command or "build"
    if command == "check":
        content = check_content(root)
        for warning in content.warnings:
            print(warning, file=sys.stderr)
        print(f"content/ is valid: {len(content.organisations)} organisations, {len(content.circulars)} circulars, "
              f"{len(content.notices)} notices, {len(content.attachments)} attachments.")
        return 0
    if command == "schema":
        for path in schema.write_schemas(root / "schema"):
            print(path.relative_to(root))
        return 0
    from .build import build_all  # only a build needs WeasyPrint, which takes a second to import

    started = time.perf_counter()
    report = build_all(root)
    for line in report.warnings:
        print(line, file=sys.stderr)
    print(f"built {report.documents} documents ({report.pages} PDF pages) for "
          f"{len(report.organisations)} organisations into {report.out} in {time.perf_counter() - started:.1f} s")
    return 0
