"""What a merge makes, decided before anything is laid out (差し込み印刷の計画): the organisation, the
notice, the recipients, their 文書番号 and file names — the same in every worker process."""

import datetime
import math
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from ..content import Content, load_recipient_file
from ..errors import RequestError
from ..model import Notice, Organisation, Recipient
from ..typeset.environment import environment
from ..typeset.letter import Letter, notice_letter
from ..typeset.sandbox import organisation_environment
from .filenames import letter_stem
from .register import issue_numbers, numbers_in_use

LARGEST_BATCH = 16
"""Recipients laid out as one document at most: enough to share the cost of a document, small enough to keep
memory flat. WeasyPrint's cost per head grows again past 16 (its pagination): 15 ms a head at 16, 18 ms at 32."""


@dataclass(frozen=True)
class Plan:
    """What a merge makes: the notice, who gets it, each recipient's 文書番号 and file name."""

    root: Path
    content: Content
    notice: Notice
    organisation: Organisation
    recipients: list[Recipient]
    numbers: list[int | None]
    stems: list[str]
    now: datetime.datetime
    docx: bool = False
    """Write each recipient's letter as Word beside its PDF (``--docx``)."""

    @property
    def logo(self) -> Path:
        return self.content.logo_of(self.organisation)

    def letter(self, index: int) -> Letter:
        """The letter for recipient ``index``: its own 宛名 and 文書番号."""
        return notice_letter(self.content, self.notice, number=self.numbers[index],
                             addressee=self.recipients[index].line)

    def letters_environment(self) -> Environment:
        """The templates of the organisation's letters: its own letterhead if it brought one, as the build uses."""
        return organisation_environment(environment(), self.content.root, self.organisation.slug)

    def number_line(self, index: int) -> str:
        """Recipient ``index``'s 文書番号 as printed, or "" for a letter without one."""
        number = self.numbers[index]
        return self.organisation.document_number_for(number) if number else ""


def plan_merge(root: Path, content: Content, org_slug: str, notice_id: str | None,
               recipients_file: Path | None):
    """The plan of a merge, and the register (文書番号台帳) to save when it succeeds (None for a 事務連絡)."""
    org = organisation_named(content, org_slug)
    notice = notice_named(content, org, notice_id)
    recipients = load_recipient_file(recipients_file, root) if recipients_file else default_recipients(content, org)
    numbers: list[int | None] = [None] * len(recipients)
    register = None
    if org.document_number and not notice.jimu_renraku:
        in_use = numbers_in_use(content.notices.values(), org.slug)
        issued, register = issue_numbers(content.registers.get(org.slug), org.slug, notice, recipients, in_use)
        numbers = list(issued)
    lines = [org.document_number_for(n) if n else "" for n in numbers]
    stems = [letter_stem(i + 1, len(recipients), lines[i], r.label) for i, r in enumerate(recipients)]
    now = datetime.datetime.now().astimezone()
    return Plan(root, content, notice, org, recipients, numbers, stems, now), register


def organisation_named(content: Content, slug: str) -> Organisation:
    """The organisation a merge was asked for."""
    if slug not in content.organisations:
        raise RequestError("organisation", f"'{slug}' is not an organisation in content/organisations/ "
                                           f"(expected one of: {', '.join(sorted(content.organisations))})")
    return content.organisations[slug]


def newest_notice(content: Content, slug: str) -> Notice | None:
    """The organisation's newest notice; of two on one day, its own letter before one built from a ひな形."""
    mine = content.notices_of(slug)
    return min(mine, key=lambda n: (-n.date.toordinal(), n.from_hinagata, n.id)) if mine else None


def notice_named(content: Content, org: Organisation, notice_id: str | None) -> Notice:
    """The notice asked for, or the organisation's newest."""
    mine = content.notices_of(org.slug)
    if notice_id is None:
        newest = newest_notice(content, org.slug)
        if newest is None:
            raise RequestError("organisation", f"{org.slug} has no notice in content/notices/ "
                                               f"(expected one naming organisation: {org.slug})")
        return newest
    if notice_id not in {n.id for n in mine}:
        raise RequestError("notice", f"'{notice_id}' is not a notice of {org.slug} "
                                     f"(expected one of: {', '.join(n.id for n in mine)})")
    return content.notices[notice_id]


def default_recipients(content: Content, org: Organisation) -> list[Recipient]:
    """The organisation's recipient list in content/recipients/."""
    if org.slug not in content.recipients:
        raise RequestError("recipients", f"content/recipients/{org.slug}.csv does not exist (expected "
                                         f"{org.slug}'s recipient list there, or name another list)")
    return content.recipients[org.slug]


def batches(count: int, jobs: int) -> list[range]:
    """Recipients split so every core has about three batches (for an even finish), none larger than LARGEST_BATCH."""
    size = max(1, min(LARGEST_BATCH, math.ceil(count / (jobs * 3))))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]
