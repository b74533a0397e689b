"""Problems found in content, reported as ``file:line: field: what is wrong (expected …)``."""

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


class ContentError(Exception):
    """Raised when content has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self):
        # rebuilt from its problems when it crosses from a build worker to the main process
        return ContentError, (self.problems,)


class BuildError(Exception):
    """A build step failed for a reason outside the content (a font, a tool); the message says what to do."""
