"""Cross-checks (相互参照): what one content file says about another — ids that exist, numbers given once,
dates in order."""

import difflib

from ..errors import Problem
from .source import Location, Source, dotted
from .store import Content

REFERENCES: dict[str, dict[str, str]] = {
    "notices": {"organisation": "organisations", "circular": "circulars", "attachments": "attachments"},
    "circulars": {"hinagata": "hinagata", "attachments": "attachments", "also_enclosed": "attachments"},
    "attachments": {"organisation": "organisations", "version_of": "attachments"},
}
"""For each kind, the fields that name content of another kind (checked even in files with other mistakes)."""

WHAT = {"organisations": "an organisation", "circulars": "a circular", "attachments": "an attachment",
        "hinagata": "a ひな形", "topics": "a topic"}

def check_references(content: Content) -> list[Problem]:
    """Every id a file names must exist: organisations, circulars, ひな形, attachments, topics."""
    problems: list[Problem] = []

    def exists(folder: str, value: object) -> bool:
        # a file that exists but is broken is already reported; do not echo it in its users
        return str(value) in getattr(content, folder) or (folder, str(value)) in content.failed

    def missing(source: Source, location: Location, folder: str, value: object) -> None:
        available = getattr(content, folder)
        close = difflib.get_close_matches(str(value), list(available), n=1)
        choices = ", ".join(sorted(available)) or "none yet"
        hint = f"; did you mean '{close[0]}'?" if close else f" (expected one of: {choices})"
        problems.append(Problem(source.path, source.line_of(location), dotted(location),
                                f"names {WHAT[folder]} '{value}' that does not exist{hint}"))

    def sections(source: Source, items: object, prefix: Location) -> None:
        for index, section in enumerate(items if isinstance(items, list) else []):
            if not isinstance(section, dict):
                continue
            here = prefix + (index,)
            if isinstance(section.get("topic"), str) and not exists("topics", section["topic"]):
                missing(source, here + ("topic",), "topics", section["topic"])
            sections(source, section.get("sections"), here + ("sections",))

    for (folder, _key), source in content.sources.items():
        if not isinstance(source.data, dict):
            continue
        for field_name, target in REFERENCES.get(folder, {}).items():
            value = source.data.get(field_name)
            values = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for index, item in values:
                if isinstance(item, str) and not exists(target, item):
                    missing(source, (field_name,) if index is None else (field_name, index), target, item)
        sections(source, source.data.get("sections"), ("sections",))

    for key, notice in content.notices.items():
        source = content.sources[("notices", key)]
        org = content.organisations.get(notice.organisation)
        if org is not None and notice.audience not in org.audiences:
            problems.append(Problem(source.path, source.line_of(("audience",)), "audience",
                                    f"'{notice.audience}' is not an audience of {org.slug} "
                                    f"(expected one of: {', '.join(sorted(org.audiences))})"))
        if org is not None and notice.number and not org.document_number:
            problems.append(Problem(source.path, source.line_of(("number",)), "number",
                                    f"is set but organisation {org.slug} has no document_number pattern "
                                    f"(expected e.g. 日薬業発第{{n}}号 there)"))
        circular = content.circulars.get(notice.circular)
        if circular is not None and notice.from_hinagata and not circular.hinagata:
            problems.append(Problem(source.path, source.line_of(("from_hinagata",)), "from_hinagata",
                                    f"circular {circular.id} supplies no ひな形 (expected hinagata: in the circular)"))
    return problems

def check_registers(content: Content) -> list[Problem]:
    """A 文書番号台帳 belongs to an organisation with a number pattern and gives each number once."""
    problems: list[Problem] = []
    for slug, register in content.registers.items():
        source = content.sources[("registers", slug)]
        org = content.organisations.get(register.organisation)
        if register.organisation != slug:
            problems.append(Problem(source.path, source.line_of(("organisation",)), "organisation",
                                    f"'{register.organisation}' differs from the file name '{slug}' "
                                    f"(expected them to be the same)"))
        elif org is None and ("organisations", slug) in content.failed:
            pass  # the organisation's file has a mistake of its own, already reported: the register is not at fault
        elif org is None:
            problems.append(Problem(source.path, source.line_of(("organisation",)), "organisation",
                                    f"names an organisation '{slug}' that does not exist (expected one of: "
                                    f"{', '.join(sorted(content.organisations))})"))
        elif not org.document_number:
            problems.append(Problem(source.path, source.line_of(("organisation",)), "organisation",
                                    f"{slug} has no document_number pattern, so it issues no numbers "
                                    f"(expected e.g. 日薬業発第{{n}}号 in content/organisations/{slug}.yaml)"))
        first: dict[int, int] = {}
        for index, entry in enumerate(register.issued):
            line = source.line_of(("issued", index, "number"))
            if entry.number in first:
                problems.append(Problem(source.path, line, f"issued[{index}].number",
                                        f"{entry.number} is already issued on line {first[entry.number]} "
                                        f"(expected each number once)"))
            first.setdefault(entry.number, line)
    problems.extend(_shared_patterns(content))
    numbered_notices = {(n.organisation, n.number): n.id for n in content.notices.values() if n.number}
    for key, notice in content.notices.items():
        ledger = content.registers.get(notice.organisation)
        if ledger is None or not notice.number:
            continue
        for entry in ledger.issued:
            # a number another notice carries is reported by _check_duplicates already
            if entry.number == notice.number and entry.notice != notice.id \
                    and numbered_notices.get((notice.organisation, entry.number)) == notice.id:
                source = content.sources[("notices", key)]
                problems.append(Problem(source.path, source.line_of(("number",)), "number",
                                        f"{notice.number} is already issued to notice {entry.notice} "
                                        f"(「{entry.recipient}」) in content/registers/{notice.organisation}.yaml "
                                        f"(expected a number not yet issued)"))
    return problems

def _shared_patterns(content: Content) -> list[Problem]:
    """Two organisations numbering with one pattern (a profile copied without changing it) would print the same
    文書番号 from two registers, each counting on its own."""
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for slug in sorted(content.organisations):
        pattern = content.organisations[slug].document_number
        if pattern and pattern in first:
            source = content.sources[("organisations", slug)]
            problems.append(Problem(source.path, source.line_of(("document_number",)), "document_number",
                                    f"'{pattern}' is already the pattern of {first[pattern]}, whose register counts "
                                    f"its own numbers: both would issue the same 文書番号 (expected a pattern of "
                                    f"{slug}'s own)"))
        first.setdefault(pattern, slug)
    return problems


def check_dates(content: Content) -> list[Problem]:
    """Warn when a notice is issued after a fact it carries stopped being true."""
    warnings = []
    for key, notice in content.notices.items():
        circular = content.circulars.get(notice.circular)
        if circular is None:
            continue
        topic_ids = _topics_in(notice.sections) | _topics_in(circular.sections)
        if notice.from_hinagata and circular.hinagata in content.hinagata:
            topic_ids |= _topics_in(content.hinagata[circular.hinagata].sections)
        for topic_id in sorted(topic_ids):
            topic = content.topics.get(topic_id)
            if topic and topic.valid_until and topic.valid_until < notice.date:
                source = content.sources[("topics", topic_id)]
                warnings.append(Problem(source.path, source.line_of(("valid_until",)), "valid_until",
                                        f"ends {topic.valid_until}, before notice {key} is issued on {notice.date}; "
                                        f"update the topic or the notice date", warning=True))
    return warnings

def _topics_in(sections) -> set[str]:
    found = set()
    for section in sections:
        if section.topic:
            found.add(section.topic)
        found |= _topics_in(section.sections)
    return found

def check_duplicates(content: Content) -> list[Problem]:
    """Things that must be unique: an organisation's 文書番号, the entries of one list of 資料."""
    problems = []
    numbered: dict[tuple[str, int], str] = {}
    for key, notice in sorted(content.notices.items(), key=lambda item: (item[1].date, item[0])):
        source = content.sources[("notices", key)]
        if notice.number:
            first = numbered.setdefault((notice.organisation, notice.number), key)
            if first != key:
                problems.append(Problem(source.path, source.line_of(("number",)), "number",
                                        f"{notice.number} is already the 文書番号 of notice {first} "
                                        f"(expected a new number for each notice of {notice.organisation})"))
    for folder in ("notices", "circulars"):
        for key, item in getattr(content, folder).items():
            source = content.sources[(folder, key)]
            for index, attachment in enumerate(item.attachments or []):
                if attachment in item.attachments[:index]:
                    problems.append(Problem(source.path, source.line_of(("attachments", index)),
                                            f"attachments[{index}]",
                                            f"'{attachment}' is listed twice (expected each 資料 once)"))
    return problems
