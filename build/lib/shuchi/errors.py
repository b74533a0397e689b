"""shuchi's one error hierarchy: every error the library raises is a :class:`ShuchiError`.

* :class:`ContentError` — mistakes in content, each a :class:`Problem` reported as
  ``file:line: field: what is wrong (expected …)``;
* :class:`RequestError` — a request the content cannot answer (an organisation or notice that does
  not exist); the command line words it with its own option names;
* :class:`BuildError` — a step outside the content failed (a font, a tool, the disk).
"""


from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in one content file, phrased for the person who edits it."""

    file: Path
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        field = f" {self.field}:" if self.field else ""
        kind = " 警告(warning):" if self.warning else ""
        return f"{where}:{kind}{field} {self.message}"


class ShuchiError(Exception):
    """The base of every error shuchi raises on purpose: ``except shuchi.ShuchiError`` catches them all."""


class ContentError(ShuchiError):
    """Raised when content has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):
        # rebuilt from its problems when it crosses from a build worker to the main process
        return ContentError, (self.problems,)


class RequestError(ShuchiError):
    """What was asked for does not exist in content: ``subject`` names what was asked (``organisation``,
    ``notice``, ``recipients``) so the command line can name its own option for it."""

    def __init__(self, subject: str, message: str):
        self.subject = subject
        self.message = message
        super().__init__(f"{subject}: {message}")

    def __reduce__(self):
        return RequestError, (self.subject, self.message)


class BuildError(ShuchiError):
    """A build step failed for a reason outside the content (a font, a tool); the message says what to do."""
