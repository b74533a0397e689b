"""The merge's worker processes: each lays out batches of heads (宛名 to 件名) and writes letters and e-mails.

A worker is started by :func:`start_worker` with the plan already loaded (the pool forks) and keeps its
state in one :class:`Worker`: its own Typesetter, environments, and the PDFs it reads.
"""

from dataclasses import dataclass
from pathlib import Path

import pikepdf
from jinja2 import Environment

from ..build import letters as standalone
from ..docx import letter_docx
from ..docx.merge import MergedWordLetters
from ..errors import BuildError
from ..pdf.assemble import fits, lay_out_heads
from ..pdf.mergetags import stamped_letter
from ..pdf.typesetter import Typesetter
from ..processes import become_worker
from ..safety.numbers import message_text, numbers_in_text
from ..typeset.environment import environment
from ..typeset.letter import Letter
from .enclosures import EnclosureFile, circular_enclosure, leaflet_enclosure
from .mail import Enclosure, notice_mail
from .plan import Plan


@dataclass(frozen=True)
class LetterWritten:
    """One recipient's output: files, pages, and where its head is for the combined PDF."""

    index: int
    letter: str
    pages: int
    mail: str
    heads: Path | None
    head_page: int
    head_shift: float


@dataclass(frozen=True)
class LaidOutHeads:
    """A batch's heads, laid out: the file they are in, and each head's page and 件名 position."""

    batch: range
    path: Path
    pages: list[int]
    head_at: list[float]
    title_at: list[float | None]


@dataclass
class Worker:
    """The state of one worker process: the plan, where it writes, its own Typesetter, the project's Jinja
    environment and the organisation's (with its own letterhead, if any), and the PDFs it has opened."""

    plan: Plan
    stage: Path
    work: Path
    writer: Typesetter
    env: Environment
    letters_env: Environment
    enclosures: list[Enclosure] | None = None
    word: MergedWordLetters | None = None

    def attachments(self, files: list[EnclosureFile]) -> list[Enclosure]:
        """The enclosures as MIME-ready attachments, read (and base64-encoded) once per worker."""
        if self.enclosures is None:
            self.enclosures = [Enclosure(f.filename, f.description, f.path.read_bytes()) for f in files]
        return self.enclosures


_worker: Worker | None = None
"""This process's :class:`Worker` (set by :func:`start_worker`)."""


def start_worker(plan: Plan, stage: Path, work: Path) -> None:
    """The pool's initializer: ignore Ctrl-C (the main process stops the pool), die with the merge, set up."""
    global _worker
    become_worker()
    _worker = Worker(plan, stage, work, Typesetter(plan.root), environment(), plan.letters_environment())


def this_worker() -> Worker:
    if _worker is None:
        raise RuntimeError("start_worker() has not run in this process")
    return _worker


def leaflet_enclosure_in_worker(attachment_id: str) -> EnclosureFile:
    """A 資料 the notice encloses, for the e-mails (laid out in a worker when the site has none up to date)."""
    worker = this_worker()
    plan = worker.plan
    return leaflet_enclosure(plan.root, plan.content, plan.organisation, plan.content.attachments[attachment_id],
                             worker.writer, worker.work)


def circular_enclosure_in_worker() -> EnclosureFile:
    """The ministry's circular the notice relays, for the e-mails."""
    worker = this_worker()
    plan = worker.plan
    return circular_enclosure(plan.root, plan.content, plan.organisation,
                              plan.content.circulars[plan.notice.circular], worker.writer, worker.work)


def lay_out_batch(batch: range) -> LaidOutHeads:
    """Lay out the heads of one batch of recipients as one document, one page each."""
    worker = this_worker()
    plan = worker.plan
    letters = [plan.letter(index) for index in batch]
    heads = lay_out_heads(worker.writer, worker.letters_env, letters, plan.logo,
                          f"the 宛名 of recipients {batch.start + 1}–{batch.stop}")
    path = worker.work / f"heads-{batch.start:06d}.pdf"
    path.write_bytes(heads.pdf)
    return LaidOutHeads(batch, path, heads.pages, heads.head_at, heads.title_at)


def write_batch(heads: LaidOutHeads, head_at: float, title_at: float | None,
                enclosures: list[EnclosureFile]) -> list[LetterWritten]:
    """Write each recipient's letter (body and head) and e-mail for one batch."""
    worker = this_worker()
    plan = worker.plan
    written = []
    with pikepdf.open(heads.path) as heads_pdf:
        for offset, index in enumerate(heads.batch):
            letter = plan.letter(index)
            heads_file: Path | None
            shift = head_at - heads.head_at[offset]
            if fits(title_at, heads.title_at[offset]):
                data, count = stamped_letter(worker.work / "body.pdf", heads_pdf, heads.pages[offset], shift)
                heads_file, head_page = heads.path, heads.pages[offset]
            else:  # the head is taller than the blank the body leaves: lay this letter out whole
                data, count = standalone.letter_pdf(worker.writer, worker.letters_env, letter, plan.logo)
                heads_file, head_page = None, 0
            letter_name = f"{plan.stems[index]}.pdf"
            (worker.stage / "letters" / letter_name).write_bytes(data)
            mail_name = ""
            recipient = plan.recipients[index]
            word = word_letter(worker, letter, index, bool(recipient.email))
            if recipient.email:
                mail_name = f"{plan.stems[index]}.eml"
                what = f"{letter.number_line}「{letter.title}」（{count}ページ）"
                attached = [Enclosure(letter_name, what, data), *word, *worker.attachments(enclosures)]
                message = notice_mail(worker.env, letter, plan.organisation, recipient, attached, plan.now)
                if numbers_in_text(message_text(message)):
                    raise BuildError(f"the e-mail {mail_name} would carry an individual number (マイナンバー); "
                                     f"nothing was written (expected none in the notice, the organisation or the list)")
                (worker.stage / "mail" / mail_name).write_bytes(message.as_bytes())
            written.append(LetterWritten(index, letter_name, count, mail_name, heads_file, head_page, shift))
    return written


def word_letter(worker: Worker, letter: Letter, index: int, mailed: bool) -> list[Enclosure]:
    """The letter as Word: written beside its PDF with ``--docx``; returned to be attached to its e-mail where
    the organisation's ``mail_docx`` says so."""
    plan = worker.plan
    attach = mailed and plan.organisation.mail_docx
    if not (plan.docx or attach):
        return []
    name = f"{plan.stems[index]}.docx"
    if worker.word is None:  # written once per worker; every recipient's is this one with its own head
        worker.word = MergedWordLetters(letter_docx(plan.letter(0), plan.logo))
    data = worker.word.letter(letter)
    if plan.docx:
        (worker.stage / "letters" / name).write_bytes(data)
    return [Enclosure(name, "同じ文書のWord版（編集用）", data)] if attach else []
