"""What a secretariat can write: hypothesis strategies for a whole small project of content.

One organisation (``kyokai``) with its logo and recipient list, a topic, one or two 資料, a ministry's
circular (original or relay, with or without a ひな形), the organisation's own notice and possibly a
member notice from the ひな形, and a manual of one or two Markdown chapters — every field of every kind,
filled with odd but plausible values:

* text from real names and titles, kanji outside Unicode's first plane (𠮷, 𩸽), emoji (with skin tones,
  ZWJ sequences and flags), combining marks (か + ゛), right-to-left and other bidi marks, full-width
  digits, HTML-ish and template-ish characters (``<b>``, ``&amp;``, ``{{ x }}``, ``{n}``), the control
  characters YAML allows (tab, NEL, line and paragraph separators, zero-width characters), very long runs;
* Markdown with tables, nested lists, footnotes, headings with attribute lists, entities, emphasis across
  lines, code, block quotes, hard breaks, date marks (``[[1989-01-08]]``) and long web addresses;
* 和暦 edge dates (the first day of each era and the last of the one before, 29 February), phone numbers
  and postcodes in full-width digits, internationalised e-mail and web addresses, empty optional lists.

``check`` decides what of it is valid; the property test builds what it accepts.
"""

import datetime
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import strategies as st

ORG = "kyokai"
"""The one organisation of every generated project."""

LOGO = Path(__file__).resolve().parent.parent / "content" / "organisations" / "logos" / "zenjukyo.svg"

PIECES = [
    # real names and titles
    "𠮷野", "𩸽", "髙橋", "﨑", "住宅", "協会", "カード", "ＡＢＣ", "abc", "・", "（依頼）", "〜", "ー", "㈱", "①", "Ⅻ",
    "㍻", "令和", "薬剤師会", "マイナンバー", "株式会社", "事務局長",
    # combining marks, bidi marks
    "か\u3099", "e\u0301", "\u200f", "\u200e", "\u202b", "\u2067",
    # digits and punctuation a template or parser might read
    "１２３", "2024", "〒", "<b>", "&amp;", "&", "<", ">", "\"", "'", "{{ x }}", "{n}", "{issuer}", "%", "\\", "#",
    "*", "_", "[", "]", "：", "|", "`",
    # characters YAML allows that are not plain text
    " ", "　", "\t", "\u200b", "\u00ad", "\ufeff", "\u2060",
]
"""Pieces of text a secretariat pastes: names, marks and characters that break naive code."""

RARE = ["😀", "👍🏽", "👨‍👩‍👧", "🇯🇵", "שלום", "مرحبا", "\u0085", "\u2028", "\u2029", "\ue000"]
"""Pieces no installed font prints, or that `check` refuses as pasted control characters: put in a few texts
only (one field of about one project in six), so that most generated projects stay valid."""

LONG = "マイナンバーカードの健康保険証利用に関する周知の御協力のお願い" * 8
"""A title far longer than a line."""

ERA_EDGES = [
    datetime.date(1873, 1, 1), datetime.date(1912, 7, 29), datetime.date(1912, 7, 30), datetime.date(1926, 12, 24),
    datetime.date(1926, 12, 25), datetime.date(1989, 1, 7), datetime.date(1989, 1, 8), datetime.date(2019, 4, 30),
    datetime.date(2019, 5, 1), datetime.date(2024, 2, 29), datetime.date(1900, 2, 28), datetime.date(2099, 12, 31),
]
"""和暦 edges: 明治6年1月1日, the last day and the first day of each era (元年), leap days."""

PHONES = ["03-3511-0611", "0120-95-0178", "０３－３５１１－０６１１", "06-6123-4567", "090-1234-5678", "03ー3511ー0611"]
POSTCODES = ["102-0083", "〒102-0083", "１０２－００８３", "100ー0001"]
EMAILS = ["soumu@example.jp", "a.b+c@example.co.jp", "soumu@例え.jp", "x@xn--r8jz45g.jp"]
URLS = ["https://www.digital.go.jp/", "http://example.jp", "https://例え.jp/パス?q=あ&r=1#frag",
        "https://www.example.jp/" + "path/" * 60 + "?q=1&x=%E3%81%82"]

dates = st.one_of(st.sampled_from(ERA_EDGES), st.dates(datetime.date(1873, 1, 1), datetime.date(2099, 12, 31)))


def text(min_size: int = 1, max_size: int = 6) -> st.SearchStrategy[str]:
    """A line of text made of :data:`PIECES`, sometimes very long; never empty or only blanks."""
    pieces = st.lists(st.sampled_from(PIECES), min_size=min_size, max_size=max_size).map("".join)
    return st.one_of(pieces, pieces.map(lambda t: t + LONG)).filter(lambda t: t.strip() != "")


def optional(strategy: st.SearchStrategy) -> st.SearchStrategy:
    return st.one_of(st.just(""), strategy)


def markdown_blocks(urls: bool) -> st.SearchStrategy[str]:
    """One Markdown block of the kinds secretariats write (``urls``: where web addresses are allowed); HTML
    written as Markdown shows it (``&lt;b&gt;``), since raw HTML is refused."""
    line = text(1, 4).map(lambda t: t.replace("<b>", "&lt;b&gt;"))
    blocks = [
        line,
        st.tuples(line, line).map(lambda p: f"**{p[0]}\n{p[1]}**"),  # emphasis across lines
        st.tuples(line, line, line).map(lambda p: f"- {p[0]}\n    - {p[1]}\n        - {p[2]}"),
        st.tuples(line, line).map(lambda p: f"1. {p[0]}\n2. {p[1]}\n    1. {p[0]}"),
        st.tuples(line, line, line, line).map(lambda p: f"| {p[0]} | {p[1]} |\n| --- | :-: |\n| {p[2]} | {p[3]} |"),
        st.tuples(line, line).map(lambda p: f"{p[0]}[^1]\n\n[^1]: {p[1]}"),
        line.map(lambda t: f"### {t} {{#anchor .note}}"),
        st.just("&amp; &copy; &#x20BB7; &nbsp; &lt;script&gt; &#12354;"),
        st.sampled_from(ERA_EDGES).map(lambda d: f"[[{d.isoformat()}]]から"),
        line.map(lambda t: f"> {t}\n> 続き"),
        line.map(lambda t: f"`{t}` と行末  \n次の行"),
        line.map(lambda t: f"_{t}_ と *{t}*"),
    ]
    if urls:
        blocks += [st.sampled_from(URLS).map(lambda u: f"<{u}>"),
                   st.tuples(line, st.sampled_from(URLS)).map(lambda p: f"[{p[0]}]({p[1]})")]
    return st.one_of(blocks)


def markdown(urls: bool = True, min_size: int = 1) -> st.SearchStrategy[str]:
    return st.lists(markdown_blocks(urls), min_size=min_size, max_size=4).map("\n\n".join)


def without_braces(data):
    """``data`` with every brace of its texts made full-width: a ひな形 has only its own placeholders."""
    if isinstance(data, dict):
        return {key: without_braces(value) for key, value in data.items()}
    if isinstance(data, list):
        return [without_braces(value) for value in data]
    return data.replace("{", "｛").replace("}", "｝") if isinstance(data, str) else data


def drop_empty(data: dict) -> dict:
    """The fields a secretariat fills in: empty strings and None left out, as they would leave them out."""
    return {key: value for key, value in data.items() if value not in ("", None)}


@st.composite
def contacts(draw) -> dict:
    return drop_empty({"department": draw(optional(text())), "person": draw(optional(text())),
                       "phone": draw(st.none() | st.sampled_from(PHONES)),
                       "fax": draw(st.none() | st.sampled_from(PHONES)),
                       "email": draw(st.none() | st.sampled_from(EMAILS))})


@st.composite
def addressees(draw) -> dict:
    data = drop_empty({"organisation": draw(optional(text())), "title": draw(optional(text())),
                       "name": draw(optional(text()))})
    return {**(data or {"organisation": draw(text())}), "honorific": draw(st.sampled_from(["殿", "様", "御中", "各位"]))}


def sections(topics: list[str], depth: int = 2) -> st.SearchStrategy[list[dict]]:
    """Numbered sections (1 → (1) → ①): a heading and body, a topic, or sub-sections."""
    own = st.fixed_dictionaries({}, optional={"heading": text(), "body": markdown()}).filter(bool)
    kinds = [own, *([st.sampled_from(topics).map(lambda t: {"topic": t})] if topics else [])]
    if depth:
        kinds.append(st.tuples(optional(text()), sections(topics, depth - 1).filter(bool)).map(
            lambda p: drop_empty({"heading": p[0], "sections": p[1]})))
    return st.lists(st.one_of(kinds), max_size=3)


plain = text
leaflet_text = markdown(urls=False)
numberings = st.sampled_from(["1", "STEP1", "①", "メリット1"])


def leaflet_parts() -> st.SearchStrategy[dict]:
    """Every kind of part of a 資料, each with its optional fields sometimes filled in."""
    title = {"title": plain()}
    return st.one_of(
        st.fixed_dictionaries({"kind": st.just("heading"), "text": plain()},
                              optional={"level": st.just(1), "new_page": st.booleans()}),
        st.fixed_dictionaries({"kind": st.just("lead"), "text": plain()}),
        st.fixed_dictionaries({"kind": st.just("text"), "text": leaflet_text}),
        st.fixed_dictionaries({"kind": st.just("steps"), "items": st.lists(st.fixed_dictionaries(
            {"title": plain()}, optional={"text": leaflet_text, "note": leaflet_text, "options": st.lists(
                st.fixed_dictionaries({"title": plain()}, optional={"text": leaflet_text}), max_size=2)}),
            min_size=1, max_size=3)}, optional={**title, "numbering": numberings}),
        st.fixed_dictionaries({"kind": st.just("merits"), "items": st.lists(st.fixed_dictionaries(
            {"title": plain()}, optional={"text": leaflet_text, "note": leaflet_text}), min_size=1, max_size=3)},
            optional={**title, "numbering": numberings}),
        st.fixed_dictionaries({"kind": st.just("callout"), "text": leaflet_text},
                              optional={**title, "tone": st.sampled_from(["warning", "info"])}),
        st.fixed_dictionaries({"kind": st.just("qa"), "items": st.lists(st.fixed_dictionaries(
            {"q": plain(), "a": leaflet_text}), min_size=1, max_size=3)}, optional=title),
        st.integers(1, 3).flatmap(lambda n: st.fixed_dictionaries({
            "kind": st.just("table"), "header": st.lists(plain(), min_size=n, max_size=n),
            "rows": st.lists(st.lists(leaflet_text, min_size=n, max_size=n), min_size=1, max_size=3)},
            optional={"caption": plain()})),
        st.fixed_dictionaries({"kind": st.just("list"), "items": st.lists(leaflet_text, min_size=1, max_size=4)},
                              optional={**title, "ordered": st.booleans()}),
        st.fixed_dictionaries({"kind": st.just("contact"), "items": st.lists(st.fixed_dictionaries(
            {"label": plain()}, optional={"phone": st.sampled_from(PHONES), "hours": plain(),
                                          "url": st.sampled_from(URLS), "note": leaflet_text}),
            min_size=1, max_size=2)}, optional=title),
        st.fixed_dictionaries({"kind": st.just("link"), "text": plain(), "url": st.sampled_from(URLS)}),
        st.fixed_dictionaries({"kind": st.just("form"), "title": plain(), "fields": st.lists(st.fixed_dictionaries(
            {"label": plain()}, optional={"marks": plain(), "requirement": plain(), "how": leaflet_text,
                                          "choices": st.lists(plain(), max_size=3), "example": plain()}),
            min_size=1, max_size=3)},
            optional={"addressed_to": plain(), "intro": leaflet_text, "notes": st.lists(leaflet_text, max_size=2)}),
    )


@st.composite
def attachments(draw, slug: str) -> dict:
    parts = draw(st.lists(leaflet_parts(), max_size=5))
    if any(p["kind"] == "heading" for p in parts) and draw(st.booleans()):  # a 小見出し after the first section
        first = next(i for i, p in enumerate(parts) if p["kind"] == "heading")
        parts.insert(first + 1, {"kind": "heading", "text": draw(plain()), "level": 2})
    return {"id": slug, **drop_empty({"number": draw(st.none() | st.integers(1, 99)), "title": draw(plain()),
                                      "issuer": draw(optional(plain())), "summary": draw(optional(plain()))}),
            "parts": parts}


@st.composite
def organisations(draw) -> dict:
    return {"slug": ORG, **drop_empty({
        "legal_form": draw(optional(st.sampled_from(["一般社団法人", "公益社団法人", "𠮷野財団"]))),
        "name": draw(text()), "short_name": draw(text(1, 2)), "department": draw(optional(text())),
        "signatory": draw(optional(text())), "address": draw(optional(text())),
        "postcode": draw(st.none() | st.sampled_from(POSTCODES)), "phone": draw(st.none() | st.sampled_from(PHONES)),
        "email": draw(st.none() | st.sampled_from(EMAILS)), "website": draw(st.none() | st.sampled_from(URLS)),
        "document_number": draw(optional(st.tuples(text(1, 2), text(0, 2)).map(lambda p: f"{p[0]}第{{n}}号{p[1]}"))),
        "contact": draw(st.none() | contacts().filter(bool)),
        "seal": draw(st.none() | st.sampled_from(["omitted", "stamped"]))}),
        "logo": f"logos/{ORG}.svg", "colour": draw(st.sampled_from(["#1b5e8c", "#9C2F1F", "#000000", "#ffffff"])),
        "western_year": draw(st.booleans()), "mail_docx": draw(st.booleans()),
        "audiences": {"members": draw(addressees())}}


@st.composite
def letter_bodies(draw, topics: list[str]) -> dict:
    """件名, its suffix, greeting, intro and sections: what circulars, ひな形 and notices share."""
    return drop_empty({"title": draw(text()), "purpose": draw(optional(st.sampled_from(["依頼", "お願い", "周知"]) | text(1, 2))),
                       "greeting": draw(optional(text())), "intro": draw(optional(markdown())),
                       "sections": draw(sections(topics))})


@st.composite
def recipient_csv(draw) -> str:
    """A recipient list as Excel saves it (UTF-8 with BOM), cells quoted where they must be."""
    import csv
    import io

    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(["団体名", "役職", "氏名", "敬称", "メールアドレス"])
    emails = iter(f"r{i}@example.jp" for i in range(99))
    for index in range(draw(st.integers(1, 3))):
        organisation = draw(text()) + str(index)  # each recipient once
        rows.writerow([organisation, draw(optional(text())), draw(optional(text())),
                       draw(st.sampled_from(["殿", "様", "御中", "各位", ""])),
                       draw(st.sampled_from(["", next(emails)]))])
    return "\ufeff" + out.getvalue()


@dataclass
class Project:
    """A generated project: YAML data, Markdown and CSV text by their path under content/."""

    data: dict[str, object] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)

    def write(self, root: Path) -> Path:
        content = root / "content"
        (content / "organisations" / "logos").mkdir(parents=True)
        shutil.copy(LOGO, content / "organisations" / "logos" / f"{ORG}.svg")
        for relative, data in self.data.items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for relative, written in self.texts.items():
            (content / relative).parent.mkdir(parents=True, exist_ok=True)
            (content / relative).write_text(written, encoding="utf-8", newline="")
        return root


@st.composite
def projects(draw) -> Project:
    """A whole project of content of one organisation, every kind of file once or twice."""
    project = Project()
    organisation = project.data[f"organisations/{ORG}.yaml"] = draw(organisations())
    topics = ["topic-a"] if draw(st.booleans()) else []
    for topic in topics:
        project.data[f"topics/{topic}.yaml"] = {"id": topic, "heading": draw(text()), "body": draw(markdown()),
                                                **drop_empty({"valid_until": draw(st.none() | dates)})}
    leaflets = ["shiryo-a", "shiryo-b"][: draw(st.integers(0, 2))]
    for leaflet in leaflets:
        project.data[f"attachments/{leaflet}.yaml"] = draw(attachments(leaflet))
    hinagata = draw(st.booleans())
    if hinagata:
        body = without_braces(draw(letter_bodies(topics)))
        body["intro"] = f"{{issuer}}より{{organisation}}へ（{{attachments}}）。\n\n{body.get('intro', '')}"
        project.data["hinagata/hina.yaml"] = {"id": "hina", "provenance": {"kind": draw(st.sampled_from(["original", "draft"]))},
                                              **body}
    original = draw(st.booleans())
    circular_date = draw(st.none() | dates)
    project.data["circulars/circ.yaml"] = {
        "id": "circ",
        "provenance": {"kind": "original" if original else "relay", "document": draw(text())},
        "issuer": drop_empty({"ministry": draw(text()), "bureau": draw(optional(text())),
                              "division": draw(optional(text()))}),
        **({"addressee": draw(addressees())} if original else {}),
        **drop_empty({"date": circular_date, "document_number": draw(optional(text())), "hinagata": "hina" if hinagata else None}),
        "jimu_renraku": draw(st.booleans()),
        "attachments": draw(st.lists(st.sampled_from(leaflets), unique=True)) if leaflets else [],
        **draw(letter_bodies(topics)),
    }
    day = draw(dates.filter(lambda d: circular_date is None or d >= circular_date))
    numbered = "document_number" in organisation and draw(st.booleans())
    notice = {"id": f"{ORG}-notice", "organisation": ORG, "audience": "members", "circular": "circ", "date": day,
              **draw(letter_bodies(topics)),
              **drop_empty({"jimu_renraku": not numbered and draw(st.booleans()),
                            "number": draw(st.integers(1, 10**6)) if numbered and draw(st.booleans()) else None,
                            "contact": draw(st.none() | contacts().filter(bool)),
                            "seal": draw(st.none() | st.sampled_from(["omitted", "stamped"]))}),
              "ki": draw(st.lists(st.fixed_dictionaries({"label": text()}, optional={
                  "text": markdown(), "enclosures": st.booleans(), "contact": st.booleans()}), max_size=3)),
              "enclose_circular": original and draw(st.booleans()), "leaflet_contact": draw(st.booleans())}
    if leaflets and draw(st.booleans()):
        notice["attachments"] = draw(st.lists(st.sampled_from(leaflets), unique=True))
    project.data[f"notices/{ORG}-notice.yaml"] = notice
    if hinagata and draw(st.booleans()):
        project.data[f"notices/{ORG}-members.yaml"] = {
            "id": f"{ORG}-members", "organisation": ORG, "audience": "members", "circular": "circ",
            "date": day, "from_hinagata": True, "enclose_circular": original and draw(st.booleans())}
    chapters = ["01-a.md", "02-b.md"][: draw(st.integers(1, 2))]
    project.data["documents/manual/document.yaml"] = {
        "id": "manual", "title": draw(text()), "date": draw(dates), "issuers": draw(st.lists(text(), min_size=1, max_size=2)),
        "chapters": [{"file": chapter} for chapter in chapters],
        **drop_empty({"page_map": draw(st.none() | st.just({5: {"file": chapters[-1]}})),
                      "appendix_pages": draw(st.none() | st.dictionaries(st.integers(1, 99), text(), max_size=2))})}
    for chapter in chapters:
        project.texts[f"documents/manual/{chapter}"] = f"# {draw(text())}\n\n{draw(markdown())}\n"
    project.texts[f"recipients/{ORG}.csv"] = draw(recipient_csv())
    if draw(st.sampled_from([False] * 5 + [True])):
        paths = sorted(project.data)
        rare = draw(st.sampled_from(RARE))
        put_rare(project.data[draw(st.sampled_from(paths))], rare, draw(st.integers(0, 10**6)))
    return project


def put_rare(data, rare: str, choice: int) -> None:
    """Append ``rare`` to one of the texts of ``data`` (the ``choice``-th, counting round)."""
    places = []

    def walk(node):
        for key, value in (node.items() if isinstance(node, dict) else enumerate(node)):
            if isinstance(value, str) and key not in ("id", "slug", "logo", "colour", "organisation", "circular",
                                                       "audience", "hinagata", "kind", "file", "url", "website"):
                places.append((node, key))
            elif isinstance(value, dict | list):
                walk(value)

    walk(data)
    if places:
        node, key = places[choice % len(places)]
        node[key] += rare


def plain_project(name: str = "全国住宅産業協会", title: str = "周知のお願い", attachments: int = 1,
                  **organisation: str) -> Project:
    """The smallest valid project (for explicit examples): ``name`` of the organisation, ``title`` of its
    notice, ``attachments`` 資料, and other ``organisation`` fields."""
    leaflets = [f"shiryo-{index}" for index in range(attachments)]
    project = Project()
    project.data[f"organisations/{ORG}.yaml"] = {
        "slug": ORG, "name": name, "short_name": "協会", "logo": f"logos/{ORG}.svg", "colour": "#1b5e8c",
        "document_number": "協会発第{n}号", "audiences": {"members": {"organisation": "会員", "honorific": "各位"}},
        **organisation}
    for leaflet in leaflets:
        project.data[f"attachments/{leaflet}.yaml"] = {"id": leaflet, "title": "資料", "parts": []}
    project.data["circulars/circ.yaml"] = {
        "id": "circ", "provenance": {"kind": "relay", "document": "協会の通知"}, "issuer": {"ministry": "国土交通省"},
        "attachments": leaflets, "title": "周知の御協力のお願いについて"}
    project.data[f"notices/{ORG}-notice.yaml"] = {
        "id": f"{ORG}-notice", "organisation": ORG, "audience": "members", "circular": "circ",
        "date": datetime.date(2024, 8, 2), "title": title}
    project.data["documents/manual/document.yaml"] = {
        "id": "manual", "title": "マニュアル", "date": datetime.date(2023, 12, 12), "issuers": ["デジタル庁"],
        "chapters": [{"file": "01-a.md"}]}
    project.texts["documents/manual/01-a.md"] = "# はじめに\n\n本文\n"
    project.texts[f"recipients/{ORG}.csv"] = "団体名,役職,氏名,敬称,メールアドレス\r\n株式会社さくら住建,,,御中,a@example.jp\r\n"
    return project
