"""Word (.docx) letters: the same :class:`~shuchi.typeset.letter.Letter` the HTML and PDF letters are
laid out from, written as a real Word document a secretariat can edit before the chair signs (通知文のWord版).

One module per job: :mod:`.fonts` (Japanese fonts and their Windows fallbacks), :mod:`.styles` (the
page and the named paragraph styles), :mod:`.blocks` (Markdown text as paragraphs), :mod:`.logo` (the
organisation's logo as a picture Word shows), :mod:`.letter` (the letter top to bottom), :mod:`.merge`
(a mail merge's letters, made from one).
"""

from .letter import letter_docx, write_letter_docx

__all__ = ["letter_docx", "write_letter_docx"]
