"""Stage 5d: a mail merge (差し込み印刷) — one letter and one e-mail per recipient, all or nothing.

``build.py merge --org nichiyaku --out DIR`` writes into DIR:

* ``letters/001_北海道薬剤師会_事務局長.pdf`` … one letter per recipient, with its own 文書番号
  where the notice is numbered;
* with ``docx``, ``letters/001_北海道薬剤師会_事務局長.docx`` … the same letters as Word;
* ``all-letters.pdf`` — every letter in list order, for printing;
* ``mail/001_北海道薬剤師会_事務局長.eml`` … one e-mail per recipient that has an address,
  with the letter and the enclosures attached (and the letter as Word where the organisation's
  ``mail_docx`` says so);
* ``manifest.csv`` — who got what (UTF-8 with BOM, so Excel opens it).

Recipients are laid out in batches on every core, one :class:`~shuchi.pdf.Typesetter` per worker
process (see :mod:`shuchi.mergepdf` for why the body is laid out only once). DIR is replaced and
the 文書番号台帳 updated only when everything has been written.
"""

import functools
import itertools
import multiprocessing
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content import check_content
from ..destination import check_destination, check_organisation, write_marker
from ..errors import BuildError
from ..pdf.assemble import lay_out_body
from ..pdf.fonts import check_fonts, load_glyph_coverage
from ..pdf.typesetter import Typesetter
from ..processes import progress
from ..publish import staged
from ..safety.numbers import check_merge
from ..workdirs import work_folder
from .combined import CombinedPrint, write_manifest
from .plan import Plan, batches, newest_notice, plan_merge
from .register import register_lock, register_path, write_register
from .workers import (
    LaidOutHeads,
    LetterWritten,
    circular_enclosure_in_worker,
    lay_out_batch,
    leaflet_enclosure_in_worker,
    start_worker,
    write_batch,
)

__all__ = ["MergeReport", "mail_merge", "newest_notice"]

COMBINED = "all-letters.pdf"
MANIFEST = "manifest.csv"


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


def mail_merge(root: Path, org_slug: str, out: Path, notice_id: str | None = None, recipients_file: Path | None = None,
          jobs: int | None = None, docx: bool = False) -> MergeReport:
    """Write one letter and one e-mail per recipient of a notice into ``out``; see the module's docstring."""
    started = time.perf_counter()
    check_organisation(root, org_slug)
    check_destination(root, out)
    check_fonts()
    content_root = root / "content"
    with register_lock(content_root, org_slug):
        content = check_content(root)
        plan, register = plan_merge(root, content, org_slug, notice_id, recipients_file)
        plan = replace(plan, docx=docx)
        numbers = [plan.number_line(index) for index in range(len(plan.recipients))]
        report = MergeReport(out=out, notice=plan.notice.id, numbers=[line for line in numbers if line])
        path = register_path(content_root, plan.organisation.slug)
        commit = functools.partial(write_register, path, register) if register is not None else None
        with staged(out, commit) as stage, work_folder("shuchi-merge") as work:
            written, combined = _write_letters(plan, stage, Path(work), jobs or len(os.sched_getaffinity(0)))
            report.pages = combined.write(stage / COMBINED)
            write_manifest(plan, written, stage / MANIFEST)
            report.letters = len(written)
            report.mails = sum(1 for w in written if w.mail)
            report.laid_out_alone = sum(1 for w in written if w.heads is None)
            carried = check_merge(stage, Path(work), written)
            if carried:
                raise BuildError(f"the merge would publish an individual number (マイナンバー) in {carried[0]}; "
                                 f"nothing was written (expected none in the notice, the organisation or the list)")
            write_marker(stage)
    report.seconds = time.perf_counter() - started
    return report


def _write_letters(plan: Plan, stage: Path, work: Path, jobs: int) -> tuple[list[LetterWritten], CombinedPrint]:
    """Lay out the body here while the workers lay out the heads; then the workers write letters and e-mails,
    and this process puts the letters written so far into the combined PDF."""
    (stage / "letters").mkdir()
    (stage / "mail").mkdir()
    load_glyph_coverage()
    context = multiprocessing.get_context("fork")  # workers start with content and glyph coverage already loaded
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=start_worker,
                             initargs=(plan, stage, work)) as pool:
        try:
            enclosing = []
            if any(r.email for r in plan.recipients):
                # only the ministry's own letter is attached as one; a relay's quotation is not
                holds_letter = plan.content.circulars[plan.notice.circular].holds_letter
                enclosing = [*([pool.submit(circular_enclosure_in_worker)] if holds_letter else []),
                             *(pool.submit(leaflet_enclosure_in_worker, a.id)
                               for a in plan.content.attachments_of(plan.notice))]
            to_lay_out = iter(batches(len(plan.recipients), jobs))
            running: set[Future]
            running = {pool.submit(lay_out_batch, batch) for batch in itertools.islice(to_lay_out, jobs)}
            body = lay_out_body(Typesetter(plan.root), plan.letters_environment(), plan.letter(0), plan.logo)
            (work / "body.pdf").write_bytes(body.pdf)
            combined = CombinedPrint(stage, work / "body.pdf", plan)
            enclosures = [future.result() for future in enclosing]
            written: list[LetterWritten] = []
            with progress(len(plan.recipients), "letters") as bar:
                while running:
                    done, running = wait(running, return_when=FIRST_COMPLETED)
                    for future in done:
                        result = future.result()
                        if isinstance(result, LaidOutHeads):
                            # write this batch next, then lay out one more: the queue stays short and steady
                            running.add(pool.submit(write_batch, result, body.head_at, body.title_at, enclosures))
                            following = next(to_lay_out, None)
                            if following is not None:
                                running.add(pool.submit(lay_out_batch, following))
                        else:
                            written.extend(result)
                            combined.add(result)
                            bar.update(len(result))
        except BaseException:
            pool.shutdown(cancel_futures=True)  # no more batches: the merge has failed
            raise
    return sorted(written, key=lambda w: w.index), combined
