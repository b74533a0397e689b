"""Stage 5d: a mail merge (差し込み印刷) — one letter and one e-mail per recipient, all or nothing.

``build.py merge --org nichiyaku --out DIR`` writes into DIR:

* ``letters/001_北海道薬剤師会_事務局長.pdf`` … one letter per recipient, with its own 文書番号
  where the notice is numbered;
* ``all-letters.pdf`` — every letter in list order, for printing;
* ``mail/001_北海道薬剤師会_事務局長.eml`` … one e-mail per recipient that has an address,
  with the letter and the enclosures attached;
* ``manifest.csv`` — who got what (UTF-8 with BOM, so Excel opens it).

Recipients are laid out in batches on every core, one :class:`~shuchi.pdf.PdfWriter` per worker
process (see :mod:`shuchi.mergepdf` for why the body is laid out only once). DIR is replaced and
the 文書番号台帳 updated only when everything has been written.
"""

import csv
import datetime
import itertools
import math
import multiprocessing
import os
import signal
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from pypdf import PdfReader
from pypdf import PdfWriter as PdfAssembler
from pypdf.generic import NameObject, TextStringObject

from . import leaflets
from . import letters as standalone
from .check import check_content
from .content import Content, load_recipient_file
from .filenames import letter_stem, safe_filename
from .letter import Letter, circular_letter, notice_letter
from .mail import Enclosure, notice_mail
from .mergepdf import add_letter, fits, lay_out_body, lay_out_heads, letter_pdf
from .model import Attachment, Circular, Notice, Organisation, Recipient
from .pdf import PdfWriter, check_fonts, load_glyph_coverage
from .orphans import die_with_parent
from .problems import ContentError, Problem
from .progress import progress
from .publish import staged
from .register import issue_numbers, register_lock, register_path, write_register
from .render import environment, organisation_environment
from .wareki import wareki

COMBINED = "all-letters.pdf"
MANIFEST = "manifest.csv"
MANIFEST_COLUMNS = ["recipient", "address line", "e-mail", "document number", "file", "pages", "mail"]
LARGEST_BATCH = 32
"""Recipients laid out as one document at most: enough to share the cost of a document, small enough to keep memory flat."""


@dataclass(frozen=True)
class Plan:
    """What a merge makes, decided before anything is laid out: the same in every worker process."""

    root: Path
    notice: Notice
    organisation: Organisation
    recipients: list[Recipient]
    numbers: list[int | None]
    stems: list[str]
    now: datetime.datetime

    @property
    def logo(self) -> Path:
        return self.root / "content" / "organisations" / self.organisation.logo


@dataclass(frozen=True)
class Written:
    """One recipient's output: files, pages, and where its head is for the combined PDF."""

    index: int
    letter: str
    pages: int
    mail: str
    heads: Path | None
    head_page: int


@dataclass
class MergeReport:
    """What a merge wrote, for the one-line summary."""

    out: Path
    notice: str
    letters: int = 0
    pages: int = 0
    mails: int = 0
    numbers: list[str] = field(default_factory=list)
    laid_out_alone: int = 0
    seconds: float = 0.0


def merge(root: Path, org_slug: str, out: Path, notice_id: str | None = None, recipients_file: Path | None = None,
          jobs: int | None = None) -> MergeReport:
    """Write one letter and one e-mail per recipient of a notice into ``out``; see the module's docstring."""
    started = time.perf_counter()
    check_fonts()
    content_root = root / "content"
    with register_lock(content_root, org_slug):
        content = check_content(root)
        org = _organisation(content, org_slug)
        notice = _notice(content, org, notice_id)
        recipients = load_recipient_file(recipients_file, root) if recipients_file else _default_recipients(content, org)
        numbered = bool(org.document_number) and not notice.jimu_renraku
        numbers: list[int | None] = [None] * len(recipients)
        register = None
        if numbered:
            in_use = {n.number for n in content.notices_of(org.slug) if n.number and n.id != notice.id}
            numbers, register = issue_numbers(content.registers.get(org.slug), org.slug, notice, recipients, in_use)
        number_lines = [org.document_number_for(n) if n else "" for n in numbers]
        stems = [letter_stem(i + 1, len(recipients), number_lines[i], r.label) for i, r in enumerate(recipients)]
        plan = Plan(root, notice, org, recipients, numbers, stems, datetime.datetime.now().astimezone())
        report = MergeReport(out=out, notice=notice.id, numbers=[line for line in number_lines if line])
        with staged(out) as stage, tempfile.TemporaryDirectory(prefix="shuchi-merge-") as work:
            written, combined = _write_letters(plan, content, stage, Path(work), jobs or len(os.sched_getaffinity(0)))
            report.pages = combined.write(stage / COMBINED, plan)
            _write_manifest(plan, written, stage / MANIFEST)
            report.letters = len(written)
            report.mails = sum(1 for w in written if w.mail)
            report.laid_out_alone = sum(1 for w in written if w.heads is None)
            if register is not None:
                write_register(register_path(content_root, org.slug), register)
    report.seconds = time.perf_counter() - started
    return report


def _organisation(content: Content, slug: str) -> Organisation:
    if slug not in content.organisations:
        raise ContentError([Problem(Path("--org"), 0, "", f"'{slug}' is not an organisation in content/organisations/ "
                                                         f"(expected one of: {', '.join(sorted(content.organisations))})")])
    return content.organisations[slug]


def newest_notice(content: Content, slug: str) -> Notice | None:
    """The organisation's newest notice; of two on one day, its own letter before one built from a ひな形."""
    mine = content.notices_of(slug)
    return min(mine, key=lambda n: (-n.date.toordinal(), n.from_hinagata, n.id)) if mine else None


def _notice(content: Content, org: Organisation, notice_id: str | None) -> Notice:
    """The notice named on the command line, or the organisation's newest."""
    mine = content.notices_of(org.slug)
    if notice_id is None:
        if not mine:
            raise ContentError([Problem(Path("--org"), 0, "", f"{org.slug} has no notice in content/notices/ "
                                                             f"(expected one naming organisation: {org.slug})")])
        return newest_notice(content, org.slug)
    if notice_id not in {n.id for n in mine}:
        raise ContentError([Problem(Path("--notice"), 0, "", f"'{notice_id}' is not a notice of {org.slug} "
                                                            f"(expected one of: {', '.join(n.id for n in mine)})")])
    return content.notices[notice_id]


def _default_recipients(content: Content, org: Organisation) -> list[Recipient]:
    if org.slug not in content.recipients:
        raise ContentError([Problem(Path(f"content/recipients/{org.slug}.csv"), 0, "",
                                    f"does not exist (expected {org.slug}'s recipient list there, "
                                    f"or name one with --recipients FILE)")])
    return content.recipients[org.slug]


def pdf_writer(root: Path) -> PdfWriter:
    """A PdfWriter that may embed what the build may: files of the project's content, templates and assets."""
    return PdfWriter([root / "content", root / "templates", root / "assets"])


def letters_environment(plan: Plan, content: Content) -> Environment:
    """The templates of the organisation's letters: its own letterhead if it brought one, as the build uses."""
    return organisation_environment(environment(plan.root / "templates"), content.root, plan.organisation.slug)


def recipient_letter(plan: Plan, content: Content, index: int) -> Letter:
    """The letter for recipient ``index``: its own 宛名 and 文書番号."""
    return notice_letter(content, plan.notice, number=plan.numbers[index], addressee=plan.recipients[index].line)


def batches(count: int, jobs: int) -> list[range]:
    """Recipients split so every core has about three batches (for an even finish), none larger than LARGEST_BATCH."""
    size = max(1, min(LARGEST_BATCH, math.ceil(count / (jobs * 3))))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def leaflet_pdf(root: Path, content: Content, org: Organisation, attachment: Attachment, writer: PdfWriter,
                env: Environment, work: Path) -> Path:
    """資料 as PDF for the e-mails: the one ``make site`` built (site/<org>/leaflets/<id>.pdf) while it is up to
    date, or else laid out now, as the build lays it out."""
    built = _built(root, org, leaflets.FOLDER, attachment.id)
    if built:
        return built
    logo = root / "content" / "organisations" / org.logo
    return leaflets.write_leaflet(writer, env, attachment, work / leaflets.FOLDER,
                                  leaflets.distributor_for(content, org, attachment), logo).pdf


def circular_pdf(root: Path, content: Content, org: Organisation, circular: Circular, writer: PdfWriter,
                 env: Environment, work: Path) -> Path:
    """The ministry's circular as PDF for the e-mails: as ``make site`` built it (site/<org>/circulars/<id>.pdf)
    while that is up to date, or else laid out now."""
    built = _built(root, org, "circulars", circular.id)
    if built:
        return built
    data, _ = standalone.letter_pdf(writer, env, circular_letter(content, circular),
                                    root / "content" / "organisations" / org.logo)
    path = work / "circulars" / f"{circular.id}.pdf"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


def _built(root: Path, org: Organisation, folder: str, name: str) -> Path | None:
    """A PDF of the last ``make site`` if it is newer than every content and template file, else None."""
    path = root / "site" / org.slug / folder / f"{name}.pdf"
    return path if path.is_file() and path.stat().st_mtime > _last_edit(root) else None


def _last_edit(root: Path) -> float:
    """When content/ or templates/ last changed, leaving out recipient lists and registers (no leaflet shows them)."""
    unrelated = (root / "content" / "recipients", root / "content" / "registers")
    times = [path.stat().st_mtime for folder in (root / "content", root / "templates") for path in folder.rglob("*")
             if path.is_file() and not path.is_relative_to(unrelated[0]) and not path.is_relative_to(unrelated[1])]
    return max(times, default=0.0)


def _write_letters(plan: Plan, content: Content, stage: Path, work: Path,
                   jobs: int) -> tuple[list[Written], "CombinedPrint"]:
    """Lay out the body here while the workers lay out the heads; then the workers write letters and e-mails,
    and this process puts the letters written so far into the combined PDF."""
    (stage / "letters").mkdir()
    (stage / "mail").mkdir()
    load_glyph_coverage()
    context = multiprocessing.get_context("fork")  # workers start with content and glyph coverage already loaded
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_start_worker,
                             initargs=(plan, content, stage, work)) as pool:
        try:
            enclosing = []
            if any(r.email for r in plan.recipients):
                enclosing = [pool.submit(_circular_pdf),
                             *(pool.submit(_leaflet_pdf, a.id) for a in content.attachments_of(plan.notice))]
            to_lay_out = iter(batches(len(plan.recipients), jobs))
            running = {pool.submit(_lay_out_heads, batch) for batch in itertools.islice(to_lay_out, jobs)}
            body = lay_out_body(pdf_writer(plan.root), letters_environment(plan, content),
                                recipient_letter(plan, content, 0), plan.logo)
            (work / "body.pdf").write_bytes(body.pdf)
            combined = CombinedPrint(stage, PdfReader(work / "body.pdf"))
            enclosures = [future.result() for future in enclosing]
            written: list[Written] = []
            with progress(len(plan.recipients), "letters") as bar:
                while running:
                    done, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        result = future.result()
                        if isinstance(result, LaidOutHeads):
                            # write this batch next, then lay out one more: the queue stays short and steady
                            running.add(pool.submit(_write_batch, result, body.title_at, enclosures))
                            following = next(to_lay_out, None)
                            if following is not None:
                                running.add(pool.submit(_lay_out_heads, following))
                        else:
                            written.extend(result)
                            combined.add(result)
                            bar.update(len(result))
        except BaseException:
            pool.shutdown(cancel_futures=True)  # no more batches: the merge has failed
            raise
    return sorted(written, key=lambda w: w.index), combined


# --- in the worker processes -------------------------------------------------------------------

_worker: dict = {}
"""The state of this worker process: the plan, its own PdfWriter, the project's Jinja environment and the
organisation's for its letters (with its own letterhead, if any), readers."""


def _start_worker(plan: Plan, content: Content, stage: Path, work: Path) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the main process, which stops the pool
    die_with_parent()  # a merge killed outright takes its workers with it
    _worker.update(plan=plan, content=content, stage=stage, work=work, env=environment(plan.root / "templates"),
                   letters_env=letters_environment(plan, content), writer=pdf_writer(plan.root))


def _leaflet_pdf(attachment_id: str) -> tuple[Path, str, str]:
    """A 資料 the notice encloses, as PDF for the e-mails: its path, file name and description."""
    plan, content = _worker["plan"], _worker["content"]
    attachment = content.attachments[attachment_id]
    path = leaflet_pdf(plan.root, content, plan.organisation, attachment, _worker["writer"], _worker["env"],
                       _worker["work"])
    what = f"{attachment.label}（{attachment.issuer}）" if attachment.issuer else attachment.label
    return path, f"{safe_filename(attachment.label)}.pdf", what


def _circular_pdf() -> tuple[Path, str, str]:
    """The ministry's circular the notice relays, as PDF for the e-mails: its path, file name and description."""
    plan, content = _worker["plan"], _worker["content"]
    circular = content.circulars[plan.notice.circular]
    path = circular_pdf(plan.root, content, plan.organisation, circular, _worker["writer"], _worker["env"],
                        _worker["work"])
    dated = f"（{wareki(circular.date)}）" if circular.date else ""
    return path, f"{safe_filename(f'{circular.issuer.name}_{circular.full_title}')}.pdf", \
        f"{circular.issuer.name}「{circular.full_title}」{dated}"


@dataclass(frozen=True)
class LaidOutHeads:
    """A batch's heads, laid out: the file they are in, and each head's page and 件名 position."""

    batch: range
    path: Path
    pages: list[int]
    title_at: list[float | None]


def _lay_out_heads(batch: range) -> LaidOutHeads:
    """Lay out the heads of one batch of recipients as one document, one page each."""
    plan, content, work = _worker["plan"], _worker["content"], _worker["work"]
    letters = [recipient_letter(plan, content, index) for index in batch]
    heads = lay_out_heads(_worker["writer"], _worker["letters_env"], letters, plan.logo,
                          f"the 宛名 of recipients {batch.start + 1}–{batch.stop}")
    path = work / f"heads-{batch.start:06d}.pdf"
    path.write_bytes(heads.pdf)
    return LaidOutHeads(batch, path, heads.pages, heads.title_at)


def _write_batch(heads: LaidOutHeads, title_at: float, enclosure_files: list[tuple[Path, str, str]]) -> list[Written]:
    """Write each recipient's letter (body and head) and e-mail for one batch."""
    plan, content, stage = _worker["plan"], _worker["content"], _worker["stage"]
    writer, env = _worker["writer"], _worker["env"]
    body_reader = _reader(_worker["work"] / "body.pdf")
    heads_reader = PdfReader(heads.path)
    if "enclosures" not in _worker:
        _worker["enclosures"] = [Enclosure(name, what, path.read_bytes()) for path, name, what in enclosure_files]
    written = []
    for offset, index in enumerate(heads.batch):
        letter = recipient_letter(plan, content, index)
        if fits(title_at, heads.title_at[offset]):
            data, count = letter_pdf(body_reader, heads_reader, heads.pages[offset], letter)
            heads_file, head_page = heads.path, heads.pages[offset]
        else:  # the head is taller than the blank the body leaves: lay this letter out whole
            data, count = standalone.letter_pdf(writer, _worker["letters_env"], letter, plan.logo)
            heads_file, head_page = None, 0
        letter_name = f"{plan.stems[index]}.pdf"
        (stage / "letters" / letter_name).write_bytes(data)
        mail_name = ""
        recipient = plan.recipients[index]
        if recipient.email:
            mail_name = f"{plan.stems[index]}.eml"
            what = f"{letter.number_line}「{letter.title}」（{count}ページ）"
            attached = [Enclosure(letter_name, what, data), *_worker["enclosures"]]
            message = notice_mail(env, letter, plan.organisation, recipient, attached, plan.now)
            (stage / "mail" / mail_name).write_bytes(message.as_bytes())
        written.append(Written(index, letter_name, count, mail_name, heads_file, head_page))
    return written


def _reader(path: Path) -> PdfReader:
    """One reader per file per worker: the body is read once, not once per batch."""
    readers = _worker.setdefault("readers", {})
    if path not in readers:
        readers[path] = PdfReader(path)
    return readers[path]


# --- back in the main process ------------------------------------------------------------------

class CombinedPrint:
    """all-letters.pdf: every letter in list order for printing, put together while later letters are still
    being written. The body's pages are stored once, not once per letter."""

    def __init__(self, stage: Path, body: PdfReader):
        self.stage = stage
        self.body = body
        self.out = PdfAssembler()
        self.heads: tuple[Path, PdfReader] | None = None  # a batch's letters come one after another: one reader at a time
        self.waiting: dict[int, Written] = {}
        self.following = 0

    def add(self, written: list[Written]) -> None:
        """Take a batch's letters; append every letter whose predecessors are all in."""
        self.waiting.update((item.index, item) for item in written)
        while self.following in self.waiting:
            self._append(self.waiting.pop(self.following))
            self.following += 1

    def _append(self, item: Written) -> None:
        if item.heads is None:
            self.out.append(PdfReader(self.stage / "letters" / item.letter))
            return
        if self.heads is None or self.heads[0] != item.heads:
            self.heads = (item.heads, PdfReader(item.heads))
        add_letter(self.out, self.body, self.heads[1], item.head_page)

    def write(self, target: Path, plan: Plan) -> int:
        """Write the PDF; returns its pages."""
        self.out.add_metadata({"/Title": f"{plan.notice.id}: {self.following} letters",
                               "/Author": plan.organisation.full_name})
        self.out.root_object[NameObject("/Lang")] = TextStringObject("ja")
        with open(target, "wb") as file:
            self.out.write(file)
        return len(self.out.pages)


def _write_manifest(plan: Plan, written: list[Written], target: Path) -> None:
    """manifest.csv: one row per recipient, UTF-8 with BOM so that Excel shows the Japanese as it is."""
    with open(target, "w", encoding="utf-8-sig", newline="") as file:
        rows = csv.writer(file)
        rows.writerow(MANIFEST_COLUMNS)
        for item in written:
            recipient = plan.recipients[item.index]
            number = plan.numbers[item.index]
            rows.writerow([recipient.label, recipient.line, recipient.email or "",
                           plan.organisation.document_number_for(number) if number else "",
                           f"letters/{item.letter}", item.pages, f"mail/{item.mail}" if item.mail else ""])
