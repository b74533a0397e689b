"""The build plan (出力計画): every output an organisation gets, with what it is made from, resolved once.

Between the model and the writers: the content is asked once here (which notices an organisation has,
which 資料 they enclose, which circular each relays, whose 問合せ先 a leaflet shows), each letter is
worked out once, and every output gets the key of the build cache (:mod:`.fingerprint`). The writers
(letters, leaflets, site) only write what the plan says.
"""

from dataclasses import dataclass, field
from pathlib import Path

from ..content import Content
from ..model import Attachment, Circular, Contact, Document, Hinagata, Notice, Organisation
from ..typeset.letter import Letter, circular_letter, notice_letter
from ..typeset.sandbox import own_templates
from .engine import DEFAULT_ENGINE
from .fingerprint import digest, file_digest, folder_digest

LETTERS, CIRCULARS, LEAFLETS = "letters", "circulars", "leaflets"
"""The folders of an organisation's site that hold its notices, the ministries' circulars and the 資料."""


@dataclass(frozen=True)
class Distributor:
    """配布元: the organisation whose logo and 問合せ先 print at the foot of a leaflet."""

    organisation: Organisation
    contact: Contact | None


@dataclass(frozen=True)
class LetterOutput:
    """A letter to write as ``<folder>/<slug>.html`` and ``.pdf``: a notice (``own`` templates allowed) or a
    ministry's circular; a notice's PDF may be followed by the circular's (``enclosed``)."""

    folder: str
    letter: Letter
    logo: Path
    own: bool
    key: str
    enclosed: "LetterOutput | None" = None

    @property
    def name(self) -> str:
        return self.letter.slug


@dataclass(frozen=True)
class LeafletOutput:
    """A 資料 to write as ``leaflets/<id>.html`` (web) and ``.pdf`` (A4 print)."""

    attachment: Attachment
    distributor: Distributor | None
    logo: Path
    key: str
    folder: str = LEAFLETS

    @property
    def name(self) -> str:
        return self.attachment.id


Output = LetterOutput | LeafletOutput


@dataclass(frozen=True)
class CircularEntry:
    """A circular an organisation's notices relay: its letter as the site shows it (as of the newest notice that
    carries it), and its PDF when content holds the ministry's own letter (``holds_letter``; a relay's quotation
    is a page only)."""

    circular: Circular
    letter: Letter
    output: LetterOutput | None


@dataclass(frozen=True)
class NoticeEntry:
    """A notice as its page shows it: its letter, the circular it relays, the ひな形 it is built from, the 資料
    it encloses."""

    notice: Notice
    output: LetterOutput
    circular: CircularEntry
    hinagata: Hinagata | None
    attachments: list[Attachment]

    @property
    def letter(self) -> Letter:
        return self.output.letter


@dataclass
class OrganisationPlan:
    """Everything one organisation's site holds: its notices newest first, the circulars they relay, the 資料
    they enclose (numbered first), the manuals, and the key of its site (MkDocs pages with their search index,
    which is built from them and kept with them)."""

    org: Organisation
    content_root: Path
    logo: Path
    notices: list[NoticeEntry]
    circulars: list[CircularEntry]
    leaflets: list[LeafletOutput]
    documents: list[Document]
    site_key: str = ""

    @property
    def slug(self) -> str:
        return self.org.slug

    @property
    def leaflets_listed(self) -> list[Attachment]:
        """The 資料 as the site lists them: in the order the notices (newest first) enclose them."""
        return list({a.id: a for entry in self.notices for a in entry.attachments}.values())

    @property
    def documents_out(self) -> list[Output]:
        """The letters, circulars and leaflets to lay out, each once."""
        circulars = [entry.output for entry in self.circulars if entry.output is not None]
        return [*(entry.output for entry in self.notices), *circulars, *self.leaflets]


@dataclass
class BuildPlan:
    """The plan of a whole build: each organisation's, and the top index listing them; ``engine`` builds the
    sites (shuchi.build.engine)."""

    root: Path
    toolchain: str
    engine: str = DEFAULT_ENGINE
    organisations: dict[str, OrganisationPlan] = field(default_factory=dict)
    index_key: str = ""

    def outputs(self) -> dict[str, Output]:
        """Every document to lay out by its key: identical ones (a leaflet or circular that several
        organisations share) once."""
        return {output.key: output for plan in self.organisations.values() for output in plan.documents_out}


def enclosed_attachments(content: Content, notices: list[Notice]) -> list[Attachment]:
    """Every 資料 that any of ``notices`` encloses, each once: numbered 資料 first, by number."""
    found = {a.id: a for notice in notices for a in content.attachments_of(notice)}
    return sorted(found.values(), key=lambda a: (a.number is None, a.number or 0, a.id))


def distributor_for(content: Content, org: Organisation, attachment: Attachment) -> Distributor | None:
    """The 配布元 block of ``attachment``, when a notice enclosing it asks for one (``leaflet_contact``).

    One leaflet file serves all of the organisation's notices, so the newest notice that
    asks decides whose 問合せ先 it shows: its own contact, or else the organisation's.
    """
    for notice in content.notices_of(org.slug):
        if notice.leaflet_contact and attachment in content.attachments_of(notice):
            return Distributor(org, notice.contact or org.contact)
    return None


def plan_build(content: Content, toolchain: str, slugs: list[str] | None = None,
               engine: str = DEFAULT_ENGINE) -> BuildPlan:
    """The plan of every organisation in ``slugs`` (default: all), with the key of each output; ``engine``
    builds the sites."""
    plan = BuildPlan(content.root.parent, toolchain, engine)
    assets = content_assets(content)
    for slug in slugs if slugs is not None else sorted(content.organisations):
        plan.organisations[slug] = plan_organisation(content, content.organisations[slug], toolchain, assets,
                                                     engine)
    plan.index_key = digest("index", toolchain, [plan.organisations[s].org for s in sorted(plan.organisations)])
    return plan


def content_assets(content: Content) -> dict[str, str]:
    """Files of content/ a page may show besides YAML (pictures), which no output names by itself; the logos,
    manuals and own templates are inputs of the outputs that show them."""
    skip = {"recipients", "registers", "documents"}
    logos = {content.logo_of(org).relative_to(content.root).as_posix() for org in content.organisations.values()}
    return {path: sha for path, sha in folder_digest(content.root).items()
            if path.split("/")[0] not in skip and path not in logos and "/templates/" not in path
            and not path.endswith((".yaml", ".yml", ".csv"))}


def plan_organisation(content: Content, org: Organisation, toolchain: str, assets: dict[str, str],
                      engine: str = DEFAULT_ENGINE) -> OrganisationPlan:
    """One organisation's outputs, resolved from the content once; its site is built with ``engine`` (part of
    the site's key: a site one engine built is not the other's)."""
    logo = content.logo_of(org)
    logo_sha = file_digest(logo)
    base = logo.parent.relative_to(content.root).as_posix()  # where a PDF's relative addresses start
    own = folder_digest(own_templates(content.root, org.slug))
    notices = content.notices_of(org.slug)
    circulars: dict[str, CircularEntry] = {}
    entries = []
    for notice in notices:  # newest first: the first to relay a circular is the one that carries it
        circular = content.circulars[notice.circular]
        if circular.id not in circulars:
            ministry = circular_letter(content, circular, notice)
            output = LetterOutput(CIRCULARS, ministry, logo, False, digest(CIRCULARS, toolchain, assets, base,
                                                                           ministry)) if circular.holds_letter else None
            circulars[circular.id] = CircularEntry(circular, ministry, output)
        relayed = circulars[circular.id]
        letter = notice_letter(content, notice)
        enclosed = relayed.output if notice.enclose_circular else None
        key = digest(LETTERS, toolchain, assets, base, letter, logo_sha, own, enclosed.key if enclosed else None)
        hinagata = content.hinagata[circular.hinagata or ""] if notice.from_hinagata else None
        entries.append(NoticeEntry(notice, LetterOutput(LETTERS, letter, logo, bool(own), key, enclosed), relayed,
                                   hinagata, content.attachments_of(notice)))
    leaflets = []
    for attachment in enclosed_attachments(content, notices):
        distributor = distributor_for(content, org, attachment)
        key = digest(LEAFLETS, toolchain, assets, base, attachment, distributor, logo_sha if distributor else None)
        leaflets.append(LeafletOutput(attachment, distributor, logo, key))
    documents = list(content.documents.values())
    plan = OrganisationPlan(org, content.root, logo, entries, list(circulars.values()), leaflets, documents)
    manuals = folder_digest(content.root / "documents")
    plan.site_key = digest("site", engine, toolchain, org, logo_sha, [o.key for o in plan.documents_out],
                           [(e.notice, e.hinagata, e.attachments) for e in entries],
                           [(c.circular, c.letter) for c in circulars.values()], documents, manuals)
    return plan
