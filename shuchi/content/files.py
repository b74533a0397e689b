"""The files content names: logos, chapters, and every file scanned for personal numbers (個人番号)."""

import difflib
from collections.abc import Callable
from pathlib import Path

from ..errors import Problem
from ..safety.chapters import chapter_findings, chapter_text
from ..safety.markup import svg_findings
from ..safety.reader import read_page
from ..typeset.markdown import html_problems, link_problems, markdown
from . import guard
from .guard import Finding
from .source import dotted, read_text, shown_path
from .store import Content


def check_files(content: Content, display_root: Path) -> list[Problem]:
    """Files content names must be inside content/, readable, and safe to publish."""
    problems = []
    for key, org in content.organisations.items():
        source = content.sources[("organisations", key)]
        folder = content.root / "organisations"
        logo = folder / org.logo
        if not logo.is_file():
            problems.append(Problem(source.path, source.line_of(("logo",)), "logo",
                                    f"file content/organisations/{org.logo} does not exist "
                                    f"(expected an SVG file there)"))
        elif not logo.resolve().is_relative_to(content.root.resolve()):
            problems.append(Problem(source.path, source.line_of(("logo",)), "logo",
                                    f"content/organisations/{org.logo} leads outside content/ (a link to another "
                                    f"place; expected the SVG file itself in content/organisations/logos/)"))
        else:
            problems.extend(_check_svg(logo, shown_path(logo, display_root)))
    for key, document in content.documents.items():
        source = content.sources[("documents", key)]
        folder = content.root / "documents" / key
        chapters = [chapter.file for chapter in document.chapters]
        for index, name in enumerate(chapters):
            location = ("chapters", index, "file")
            path = folder / name
            if not path.is_file():
                problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                        f"file content/documents/{key}/{name} does not exist "
                                        f"(expected a Markdown file beside document.yaml)"))
            elif not path.resolve().is_relative_to(content.root.resolve()):
                problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                        f"content/documents/{key}/{name} leads outside content/ "
                                        f"(expected the Markdown file itself beside document.yaml)"))
            else:
                problems.extend(_check_chapter(path, shown_path(path, display_root)))
        for page, target in document.page_map.items():
            location = ("page_map", page, "file")
            if target.file not in chapters:
                close = difflib.get_close_matches(target.file, chapters, n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                        f"'{target.file}' is not one of the chapters{hint} (expected a file listed "
                                        f"under chapters)"))
    return problems

def _check_chapter(path: Path, shown: Path) -> list[Problem]:
    """A chapter of a document is Markdown like the text in YAML: UTF-8, links that work, no HTML."""
    text, problems = read_text(path, shown)
    if text is None:
        return problems
    found = sorted(link_problems(text) + html_problems(text))
    said = {line for line, _ in found}  # one message a line: the plainer one, where both readings see it
    published = [(line, f"would be published as {what}" + ("" if "(expected" in what else " (expected Markdown only)"))
                 for line, what in chapter_findings(text) if line not in said]
    return problems + [Problem(shown, line, "", message) for line, message in found + published]

def _check_svg(path: Path, shown: Path) -> list[Problem]:
    """A logo is published as a file of its own: opened alone, a script in it would run."""
    text, problems = read_text(path, shown)
    if text is None:
        return problems
    return [Problem(shown, line, "", f"contains {what}, which is not on the list of what a logo may hold (expected "
                                     f"a plain drawing: shapes, text, gradients; export the logo again as plain SVG)")
            for line, what in svg_findings(text)]

def check_personal_numbers(content: Content, display_root: Path) -> list[Problem]:
    """The personal-number guard over every file in content/ as written, and over every value as the loader
    parsed it (a YAML escape such as \\u0031 or a folded line shows its digits only there); see shuchi.guard."""
    by_path = {source.path: source for source in content.sources.values()}
    problems, said = [], set()
    for path in guard.content_files(content.root):
        shown = shown_path(path, display_root)
        source = by_path.get(shown)
        for finding in guard.find_individual_numbers(path.relative_to(content.root).as_posix()):
            problems.append(Problem(shown, 0, "", f"its name contains an individual number (マイナンバー "
                                                  f"{finding.masked}, check digit valid); {guard.REASON}"))
        for finding in guard.scan_file(path):
            field_name = dotted(source.location_at(finding.line)) if source else ""
            problems.append(guard.problem(shown, finding, field_name))
            said.add((shown, finding.masked))
    for source in content.sources.values():
        for location, text in strings_of(source.data):
            for finding in guard.find_individual_numbers(text) + _as_read(text, markdown_text):
                if (source.path, finding.masked) not in said:
                    said.add((source.path, finding.masked))
                    problems.append(guard.problem(source.path, Finding(source.line_of(location), finding.masked),
                                                  dotted(location)))
    for path in content.root.glob("documents/*/*.md"):  # a chapter as MkDocs publishes it (comments, tags gone)
        shown = shown_path(path, display_root)
        text = read_text(path, shown)[0] or ""
        for finding in _as_read(text, chapter_text):
            if (shown, finding.masked) not in said:
                said.add((shown, finding.masked))
                line = next((number for number, written in enumerate(text.splitlines(), 1)
                             if finding.masked[:4] in guard.normalised(written)), 0)
                problems.append(guard.problem(shown, Finding(line, finding.masked)))
    return problems


def _as_read(text: str, render: Callable[[str], list[str]]) -> list[Finding]:
    """The numbers a reader sees in ``text`` once rendered (``1234<!-- -->5678…``, ``[1234](…)5678…``), for
    Markdown only: plain values have no markup to hide digits behind."""
    if not any(mark in text for mark in "<[*_`&\\"):
        return []
    return [finding for shown in render(text) for finding in guard.find_individual_numbers(shown)]


def markdown_text(text: str) -> list[str]:
    """A value as a letter or page shows it: markdown-it's rendering (raw HTML as text), as the reader reads it."""
    reading = read_page(str(markdown(text)))
    return [reading.visible(), *reading.attributes]


def strings_of(value: object, location: tuple = ()) -> list[tuple[tuple, str]]:
    """Every string in parsed content, with where it is."""
    if isinstance(value, str):
        return [(location, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in strings_of(item, (*location, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in strings_of(item, (*location, index))]
    return []
