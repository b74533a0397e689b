"""What the published-page check (:mod:`.published`) passed before (確認済みの記録), by the hash of each file's
bytes: a file byte for byte the same as one the same checker passed is not read again. A one-word edit rebuilds
an organisation's whole site, but only the pages and PDFs it changed are new; the others need only their
Content-Security-Policy again, which the record keeps (the hashes of their inline scripts).

A verdict is only ever "passed": a file with a problem is read at every build, and a verdict lost (a deleted
cache, two builds writing at once) means the file is read again, never that it goes unread. The record holds
the ``policy`` it was made under (the hash of shuchi's code and of the parsers the check reads with, see
:func:`policy`): a change to any of them empties it.
"""

import hashlib
import json
import os
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

READERS = ("tinyhtml5", "tinycss2", "pypdf")
"""The libraries the check reads files with: a new version may read the same bytes differently."""


def policy(code: str) -> str:
    """The checker a verdict holds for: ``code`` (the hash of shuchi's own code, which holds every rule of the
    check) with the versions of the parsers it reads with."""
    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "none"

    return hashlib.sha256(json.dumps([code, [installed(name) for name in READERS]]).encode()).hexdigest()


def key_of(path: Path, data: bytes) -> str:
    """A file's verdict key: the kind of file (its suffix, as the check tells files apart: it decides how the
    file is read) and the hash of its bytes."""
    return f"{path.suffix}:{hashlib.sha256(data).hexdigest()}"


class Verdicts:
    """The record of one cache (``path``, a JSON file) for one ``policy``: verdict key → the hashes of the
    page's inline scripts (empty for every file but a page)."""

    def __init__(self, path: Path, policy: str):
        self.path = path
        self.policy = policy
        self.passed: dict[str, list[str]] = {}
        self.used: set[str] = set()
        """The keys this build asked about or added."""
        self.added = False
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(record, dict) and record.get("policy") == policy and isinstance(record.get("passed"), dict):
            self.passed = record["passed"]

    def get(self, key: str) -> list[str] | None:
        """The script hashes of the file of ``key`` if the check passed it before (None: read it)."""
        self.used.add(key)
        return self.passed.get(key)

    def add(self, key: str, hashes: list[str]) -> None:
        self.passed[key] = hashes
        self.added = True

    def add_all(self, verdicts: list[tuple[str, list[str]]]) -> None:
        for key, hashes in verdicts:
            self.add(key, hashes)

    def keep_only(self, keys: set[str]) -> None:
        """Forget the verdicts of files no longer published (the build cache's prune)."""
        if set(self.passed) - keys:
            self.passed = {key: value for key, value in self.passed.items() if key in keys}
            self.added = True

    def save(self) -> None:
        """Write the record, if anything changed (atomically: a reader finds the old record or the new)."""
        if not self.added:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"policy": self.policy, "passed": self.passed}), encoding="utf-8")
        os.replace(temporary, self.path)
        self.added = False
