"""Stage 6b: 文書番号台帳 — the document numbers a mail merge gives its letters, never one twice.

Numbers are chosen before anything is rendered and written into content/registers/<slug>.yaml
only once every letter has been written, in one rename: a merge that fails issues none. A letter
made again for the same notice and recipient keeps the number it was given the first time.
"""

import contextlib
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import yaml

from ..model import IssuedNumber, Notice, Recipient, Register
from ..publish import build_lock

HEADER = """\
# yaml-language-server: $schema=../../schema/register.schema.json
# 文書番号台帳: every document number this organisation has issued, one line each.
# `build.py merge` adds a line per letter it numbers; add a line by hand for a number issued elsewhere.
"""


def register_path(content_root: Path, slug: str) -> Path:
    """Where an organisation's 文書番号台帳 is kept."""
    return content_root / "registers" / f"{slug}.yaml"


@contextlib.contextmanager
def register_lock(content_root: Path, slug: str):
    """One merge at a time per organisation, so two merges cannot hand out the same number."""
    path = register_path(content_root, slug)
    path.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(path):
        yield


def recipient_key(line: str) -> str:
    """A 宛名 as the register matches it: NFKC (full-width letters, compatibility forms), without invisible
    characters and without white space of any kind — a space, a full-width space, a line separator U+2028 or a
    NEL U+0085 pasted between two words or inside one does not make another recipient."""
    visible = "".join(c for c in unicodedata.normalize("NFKC", line) if unicodedata.category(c) not in INVISIBLE)
    return "".join(visible.split())


INVISIBLE = {"Cf", "Mn", "Me"}
"""Characters no reader sees in a 宛名 (a zero-width space, a soft hyphen, a variation selector from a
copy-paste): a re-saved list carrying one must not give the same letter a new number."""


def numbers_in_use(notices: Iterable[Notice], slug: str) -> set[int]:
    """The 文書番号 an organisation's notices carry themselves — the one being merged included."""
    return {n.number for n in notices if n.organisation == slug and n.number}


def issue_numbers(register: Register | None, slug: str, notice: Notice, recipients: list[Recipient],
                  numbers_in_use: set[int]) -> tuple[list[int], Register]:
    """The 文書番号 of each recipient's letter, and the register with the numbers newly issued.

    A recipient who already has a number for this notice keeps it; the others get the next
    numbers in list order, after every number in the register and on the organisation's notices.
    """
    register = register or Register(organisation=slug)
    given = {(entry.notice, recipient_key(entry.recipient)): entry.number for entry in register.issued}
    following = max([entry.number for entry in register.issued] + list(numbers_in_use), default=0) + 1
    numbers, added = [], []
    for recipient in recipients:
        key = (notice.id, recipient_key(recipient.line))
        if key not in given:
            given[key] = following
            added.append(IssuedNumber(number=following, date=notice.date, notice=notice.id, recipient=recipient.line))
            following += 1
        numbers.append(given[key])
    return numbers, register.model_copy(update={"issued": [*register.issued, *added]})


def register_text(register: Register, header: str = HEADER) -> str:
    """The register as a person reads it: one issued number per line."""
    issued = "issued:" if register.issued else "issued: []"
    lines = [header.rstrip("\n"), f"organisation: {register.organisation}", issued]
    for entry in register.issued:
        flow = yaml.safe_dump(entry.model_dump(), default_flow_style=True, allow_unicode=True, sort_keys=False,
                              width=10_000)
        lines.append(f"  - {flow.strip()}")
    return "\n".join(lines) + "\n"


def write_register(path: Path, register: Register) -> None:
    """Replace the register file in one rename, keeping the comment lines at its top."""
    header = HEADER
    if path.exists():
        kept = []
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if not line.startswith("#"):
                break
            kept.append(line)
        header = "\n".join(kept) + "\n" if kept else HEADER
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(register_text(register, header))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
