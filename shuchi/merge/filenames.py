"""File names for per-recipient output that open on Windows and read as what they are."""

import re
import unicodedata

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
"""Characters Windows refuses in a file name (and control characters)."""

LIMIT = 80
"""Characters kept of a name: Windows paths stop at 260, and a name should stay readable in Explorer."""


def safe_filename(text: str, limit: int = LIMIT) -> str:
    """``text`` as a file name (without extension): Japanese kept, spaces as ``_``, Windows-forbidden characters
    replaced."""
    name = UNSAFE.sub("_", unicodedata.normalize("NFC", text))
    name = re.sub(r"\s+", "_", name)  # \s covers the full-width space 「　」 too
    name = name.strip(" ._")[:limit].rstrip(" ._")
    return name or "_"


def letter_stem(position: int, count: int, document_number: str, recipient: str) -> str:
    """「001_日薬業発第151号_北海道薬剤師会_事務局長」: order in the list, 文書番号 if any, recipient."""
    order = str(position).zfill(max(3, len(str(count))))
    return safe_filename("_".join(part for part in (order, document_number, recipient) if part))
